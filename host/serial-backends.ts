/**
 * The host end of the console UART's wire: the terminal (stdout/stdin), a
 * file (--serial file:PATH), or nothing (--serial none).
 *
 * On a terminal stdin goes raw, so Ctrl-C reaches the guest; the escape is
 * Ctrl-A as in QEMU: Ctrl-A X quits, Ctrl-A Ctrl-A sends a Ctrl-A.
 */
import * as fs from 'fs';
import type { SerialDevice, SerialHost } from '../platform/serial-wire';

const CTRL_A = 0x01;
const EOT = 0x04;

export interface SerialBackend {
  /** Flushes and releases the terminal or file. */
  close(): void;
}

export type QuitRequest = () => void;

/** Bytes from the host waiting for room in the UART's receive FIFO. */
class InputQueue {
  private readonly pending: number[] = [];
  constructor(private readonly uart: SerialDevice) {}
  push(byte: number): void {
    this.pending.push(byte);
    this.pump();
  }
  pump(): void {
    while (this.pending.length > 0 && this.uart.receive(this.pending[0])) this.pending.shift();
  }
}

/** Output is batched and written once per event-loop turn: one syscall per
 * burst of bytes, not per byte. */
class BufferedWriter {
  private chunks: number[] = [];
  private scheduled = false;
  constructor(private readonly fd: number) {}
  byte(b: number): void {
    this.chunks.push(b);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
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
}

export class TerminalSerial implements SerialBackend, SerialHost {
  private readonly out = new BufferedWriter(1);
  private readonly input: InputQueue;
  private escapePending = false;
  private readonly onData = (data: Buffer) => this.handleInput(data);
  private readonly onEnd = () => this.endOfInput();
  private readonly raw: boolean;
  private lastByte = 0x0a;

  constructor(
    uart: SerialDevice,
    private readonly quit: QuitRequest,
  ) {
    this.input = new InputQueue(uart);
    uart.attachHost(this);
    this.raw = process.stdin.isTTY === true;
    if (this.raw) process.stdin.setRawMode(true);
    process.stdin.on('data', this.onData);
    process.stdin.on('end', this.onEnd);
    process.stdin.resume();
  }

  transmit(byte: number): void {
    this.out.byte(byte);
  }

  receiveReady(): void {
    this.input.pump();
  }

  close(): void {
    this.out.flush();
    process.stdin.off('data', this.onData);
    process.stdin.off('end', this.onEnd);
    if (this.raw) process.stdin.setRawMode(false);
    process.stdin.pause();
  }

  /** A pipe or file on stdin has ended: the guest's terminal gets ^D (its
   * end-of-file character), twice if a line is unfinished, as a user would
   * type it. A serial line itself never ends. */
  private endOfInput(): void {
    if (this.raw) return;
    if (this.lastByte !== 0x0a) this.input.push(EOT);
    this.input.push(EOT);
  }

  private handleInput(data: Buffer): void {
    for (const byte of data) {
      if (!this.raw) {
        this.input.push(byte);
        this.lastByte = byte;
        continue;
      }
      if (this.escapePending) {
        this.escapePending = false;
        if (byte === 0x78 || byte === 0x58) {
          this.quit(); // Ctrl-A X
          return;
        }
        if (byte === CTRL_A) this.input.push(CTRL_A);
        continue;
      }
      if (byte === CTRL_A) this.escapePending = true;
      else this.input.push(byte);
    }
  }
}

export class FileSerial implements SerialBackend, SerialHost {
  private readonly out: BufferedWriter;
  private readonly fd: number;

  constructor(uart: SerialDevice, path: string) {
    try {
      this.fd = fs.openSync(path, 'w');
    } catch (error) {
      throw new Error(`cannot open serial output file ${path}: ${(error as Error).message}`);
    }
    this.out = new BufferedWriter(this.fd);
    uart.attachHost(this);
  }

  transmit(byte: number): void {
    this.out.byte(byte);
  }

  receiveReady(): void {}

  close(): void {
    this.out.flush();
    fs.closeSync(this.fd);
  }
}

export class NullSerial implements SerialBackend, SerialHost {
  constructor(uart: SerialDevice) {
    uart.attachHost(this);
  }
  transmit(): void {}
  receiveReady(): void {}
  close(): void {}
}
