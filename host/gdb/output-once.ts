/**
 * Console output under reverse execution: printed once. Every byte the
 * machine writes to its console is numbered along the run; a checkpoint
 * (history.ts) keeps the number it had, and going back to it moves the
 * count back. So the bytes written again as the past is recomputed, or
 * as a future already seen is run again after going back, are known and
 * not printed twice. A byte that differs from the one printed at its place
 * starts a new future (gdb changed the machine): from there on, bytes are
 * printed, and what was remembered after it is forgotten.
 *
 * It remembers every byte printed since the run began (what a terminal's
 * scrollback holds).
 */
import type { SerialDevice, SerialHost } from '../../platform/serial-wire';

/** What a history keeps with each checkpoint (history.ts). */
export interface OutputPosition {
  position(): number;
  seek(position: number): void;
}

export class OutputOnce implements OutputPosition {
  private printed = new Uint8Array(4096);
  private length = 0;
  private at = 0;

  /** The byte the machine wrote: `print` is called unless it was printed
   * at this place of the run before. */
  byte(byte: number, print: (byte: number) => void): void {
    if (this.at < this.length) {
      if (this.printed[this.at] === byte) {
        this.at++;
        return;
      }
      this.length = this.at; // a new future
    }
    if (this.length === this.printed.length) {
      const more = new Uint8Array(this.printed.length * 2);
      more.set(this.printed);
      this.printed = more;
    }
    this.printed[this.length++] = byte;
    this.at = this.length;
    print(byte);
  }

  position(): number {
    return this.at;
  }

  seek(position: number): void {
    this.at = position;
  }

  /** The console UART as its host end (terminal, file, display) should
   * see it: bytes written again are not passed on. */
  device(uart: SerialDevice): SerialDevice {
    return {
      name: uart.name,
      attachHost: (host: SerialHost) => {
        const print = (byte: number) => host.transmit(byte);
        uart.attachHost({ transmit: (byte) => this.byte(byte, print), receiveReady: () => host.receiveReady() });
      },
      canReceive: () => uart.canReceive(),
      receive: (byte) => uart.receive(byte),
    };
  }
}
