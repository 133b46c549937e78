/**
 * Push buttons on GPIO pads, as the host presses them: each button pulls
 * its pad low against a pull-up (as an ESP32-C3 board's BOOT button on
 * GPIO9 does), so released reads 1 and pressed reads 0. The host maps its
 * keys to buttons by name (the board's table: docs/boards/esp32c3.md).
 */
import type { Esp32c3Gpio } from './gpio';

export class GpioKeypad {
  private readonly pins = new Map<string, number>();

  /** `buttons`: GPIO number -> key name ('ArrowUp', 'Enter', ...). */
  constructor(
    private readonly gpio: Esp32c3Gpio,
    buttons: Readonly<Record<number, string>>,
  ) {
    for (const [pin, key] of Object.entries(buttons)) {
      this.pins.set(key, Number(pin));
      gpio.setInput(Number(pin), true); // the pull-up
    }
  }

  /** The key names that are buttons on this board. */
  get keys(): string[] {
    return [...this.pins.keys()];
  }

  hasKey(key: string): boolean {
    return this.pins.has(key);
  }

  /** Presses or releases the button for `key`; false when no button has it. */
  setKey(key: string, pressed: boolean): boolean {
    const pin = this.pins.get(key);
    if (pin === undefined) return false;
    this.gpio.setInput(pin, !pressed);
    return true;
  }
}
