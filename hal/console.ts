/**
 * The serial console: bytes out and bytes in. Every log line and the logo go
 * through it (COM1 16550 on pc, UART0 on esp32c3).
 */
export const CONSOLE = Symbol.for('jos.hal.Console');

export interface Console {
  /** Programs the UART (baud, framing, FIFOs). Called once at boot. */
  init(): void;

  /** Sends bytes, waiting for transmitter space as a polled driver does.
   * Returns when every byte has been handed to the UART. */
  write(bytes: Uint8Array): void;

  /** Returns the next received byte, or -1 when none is waiting. */
  readByte(): number;

  /** Called by the kernel's interrupt dispatch when the UART's line fires;
   * moves received bytes into the driver's buffer. */
  handleInterrupt(): void;
}
