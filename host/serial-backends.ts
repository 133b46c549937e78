/**
 * The host end of the console UART's wire: the terminal (stdout/stdin), a
 * file (--serial file:PATH), or nothing (--serial none).
 *
 * Output streams out as it is produced, with back-pressure (serial-output.ts).
 * Input from stdin goes through an input feed (platform/input-feed.ts): from
 * a pipe or a file it reaches the guest at instruction counts that do not
 * depend on host timing; from a terminal, as it is typed.
 *
 * On a terminal stdin goes raw, so Ctrl-C reaches the guest; the escape is
 * Ctrl-A as in QEMU: Ctrl-A X quits, Ctrl-A Ctrl-A sends a Ctrl-A.
 */
import * as fs from 'fs';
import type { Machine } from '../platform/machine';
import { SerialInputFeed } from '../platform/input-feed';
import type { SerialDevice, SerialHost } from '../platform/serial-wire';
import { SerialOutput } from './serial-output';

const CTRL_A = 0x01;
const EOT = 0x04;
const FILE_BLOCK = 64 * 1024;

function stdinIsFile(): boolean {
  try {
    return fs.fstatSync(0).isFile();
  } catch {
    return false;
  }
}

export interface SerialBackend {
  /** Writes what is still waiting and releases the terminal or file. After
   * an interrupted run, gives the host at most `deadlineMs` to take it. */
  close(deadlineMs?: number): void | Promise<void>;
}

export interface SerialHooks {
  /** Ctrl-A X on a terminal. */
  quit: () => void;
  /** New input (or its end) arrived: wake a waiting run loop. */
  wake: () => void;
  /** Ctrl-A S on a terminal: save a snapshot (--save-snapshot). */
  snapshot?: () => void;
}

export class TerminalSerial implements SerialBackend, SerialHost {
  private readonly out: SerialOutput;
  readonly input: SerialInputFeed;
  private escapePending = false;
  private readonly onData = (data: Buffer) => this.handleInput(data);
  private readonly onEnd = () => this.endOfInput();
  private readonly raw: boolean;
  private readonly fromFile: boolean;
  private fileEnded = false;
  private lastByte = 0x0a;

  constructor(
    uart: SerialDevice,
    machine: Machine,
    private readonly hooks: SerialHooks,
  ) {
    this.out = new SerialOutput(1, (until) => machine.hold(until));
    this.raw = process.stdin.isTTY === true;
    this.fromFile = !this.raw && stdinIsFile();
    this.input = new SerialInputFeed(
      uart,
      this.raw ? 'live' : 'stream',
      { pause: () => process.stdin.pause(), resume: () => process.stdin.resume() },
      this.fromFile ? () => this.readFile() : null,
    );
    machine.addInput(this.input);
    uart.attachHost(this);
    if (this.fromFile) return; // read on demand, never waited for
    if (this.raw) process.stdin.setRawMode(true);
    process.stdin.on('data', this.onData);
    process.stdin.on('end', this.onEnd);
    process.stdin.resume();
  }

  /** stdin is a regular file: the next block, or null (then ^D) at its end. */
  private readFile(): Uint8Array | null {
    const block = Buffer.allocUnsafe(FILE_BLOCK);
    const n = fs.readSync(0, block, 0, FILE_BLOCK, null);
    if (n > 0) {
      this.lastByte = block[n - 1];
      return block.subarray(0, n);
    }
    if (this.fileEnded) return null;
    this.fileEnded = true;
    return this.endBytes();
  }

  transmit(byte: number): void {
    this.out.byte(byte);
  }

  receiveReady(): void {}

  async close(deadlineMs?: number): Promise<void> {
    if (!this.fromFile) {
      process.stdin.off('data', this.onData);
      process.stdin.off('end', this.onEnd);
      if (this.raw) process.stdin.setRawMode(false);
      process.stdin.pause();
    }
    await this.out.close(deadlineMs);
  }

  /** ^D, twice after an unfinished line. */
  private endBytes(): Uint8Array {
    return this.lastByte !== 0x0a ? Uint8Array.of(EOT, EOT) : Uint8Array.of(EOT);
  }

  /** A pipe or file on stdin has ended: the guest's terminal gets ^D (its
   * end-of-file character), twice if a line is unfinished, as a user would
   * type it. A serial line itself never ends. */
  private endOfInput(): void {
    if (this.raw) return;
    this.input.push(this.endBytes());
    this.input.end();
    this.hooks.wake();
  }

  private handleInput(data: Buffer): void {
    if (!this.raw) {
      if (data.length > 0) this.lastByte = data[data.length - 1];
      this.input.push(data);
      this.hooks.wake();
      return;
    }
    const typed: number[] = [];
    for (const byte of data) {
      if (this.escapePending) {
        this.escapePending = false;
        if (byte === 0x78 || byte === 0x58) {
          this.input.push(Uint8Array.from(typed));
          this.hooks.quit(); // Ctrl-A X
          return;
        }
        if (byte === CTRL_A) typed.push(CTRL_A);
        else if (byte === 0x73 || byte === 0x53) this.hooks.snapshot?.(); // Ctrl-A S
        continue;
      }
      if (byte === CTRL_A) this.escapePending = true;
      else typed.push(byte);
    }
    this.input.push(Uint8Array.from(typed));
    this.hooks.wake();
  }
}

export class FileSerial implements SerialBackend, SerialHost {
  private readonly out: SerialOutput;
  private readonly fd: number;

  constructor(uart: SerialDevice, machine: Machine, path: string) {
    try {
      this.fd = fs.openSync(path, 'w');
    } catch (error) {
      throw new Error(`cannot open serial output file ${path}: ${(error as Error).message}`);
    }
    this.out = new SerialOutput(this.fd, (until) => machine.hold(until));
    uart.attachHost(this);
  }

  transmit(byte: number): void {
    this.out.byte(byte);
  }

  receiveReady(): void {}

  async close(deadlineMs?: number): Promise<void> {
    await this.out.close(deadlineMs);
    fs.closeSync(this.fd);
  }
}

export class NullSerial implements SerialBackend, SerialHost {
  constructor(uart: SerialDevice) {
    uart.attachHost(this);
  }
  transmit(): void {}
  receiveReady(): void {}
  async close(): Promise<void> {}
}
