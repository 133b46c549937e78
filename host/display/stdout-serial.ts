/**
 * The console UART's output on stdout while stdin belongs to a keyboard
 * device (`--keyboard device` without the terminal view). Output is batched
 * into one write per event-loop turn. Input room is reported to whoever
 * feeds the UART (the keyboard's serial queue).
 */
import * as fs from 'fs';
import type { SerialDevice, SerialHost } from '../../platform/serial-wire';

export class StdoutSerial implements SerialHost {
  private chunks: number[] = [];
  private scheduled = false;
  onReceiveReady: () => void = () => {};

  constructor(
    uart: SerialDevice,
    private readonly fd = 1,
  ) {
    uart.attachHost(this);
  }

  transmit(byte: number): void {
    this.chunks.push(byte);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  receiveReady(): void {
    this.onReceiveReady();
  }

  flush(): void {
    this.scheduled = false;
    if (this.chunks.length === 0) return;
    const data = Buffer.from(this.chunks);
    this.chunks = [];
    let written = 0;
    while (written < data.length) {
      try {
        written += fs.writeSync(this.fd, data, written);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
    }
  }

  close(): void {
    this.flush();
  }
}
