/**
 * Turning the machine off with an exit status (what `jos run` exits with):
 * the pc board's ACPI-style power control port, the esp32c3 board's power
 * controller register.
 */
export const POWER = Symbol.for('jos.hal.Power');

export interface Power {
  /** Powers off; `status` (0-255) becomes the emulator's exit status. */
  powerOff(status: number): void;
}
