/**
 * The host terminal as a keyboard: stdin in raw mode, its bytes handed on
 * (the serial line wants them as they are; the keyboard devices parse them
 * into keys, key-parser.ts). Ctrl-A is the escape, as on the serial console and
 * in QEMU: Ctrl-A X quits, Ctrl-A Ctrl-A sends Ctrl-A itself. When stdin is
 * not a terminal (a pipe), bytes pass through with no escape.
 */
const CTRL_A = 0x01;

export interface KeyInputStream {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  off(event: 'data', listener: (data: Buffer) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export class TerminalKeyboard {
  private escapePending = false;
  private readonly raw: boolean;
  private readonly onData = (data: Buffer) => this.handle(data);

  constructor(
    private readonly input: KeyInputStream,
    private readonly deliver: (bytes: Uint8Array) => void,
    private readonly quit: () => void,
    /** Called after input, so a machine waiting for it wakes up. */
    private readonly wake: () => void = () => {},
    /** Ctrl-A S: save a snapshot (--save-snapshot). */
    private readonly snapshot: () => void = () => {},
  ) {
    this.raw = input.isTTY === true && typeof input.setRawMode === 'function';
  }

  start(): void {
    if (this.raw) this.input.setRawMode!(true);
    this.input.on('data', this.onData);
    this.input.resume();
  }

  close(): void {
    this.input.off('data', this.onData);
    if (this.raw) this.input.setRawMode!(false);
    this.input.pause();
  }

  /** Handles one chunk of input (public for tests). */
  handle(data: Uint8Array): void {
    const keep: number[] = [];
    for (const byte of data) {
      if (!this.raw) {
        keep.push(byte);
        continue;
      }
      if (this.escapePending) {
        this.escapePending = false;
        if (byte === 0x78 || byte === 0x58) {
          this.quit();
          return;
        }
        if (byte === CTRL_A) keep.push(CTRL_A);
        else if (byte === 0x73 || byte === 0x53) this.snapshot(); // Ctrl-A S
        continue;
      }
      if (byte === CTRL_A) this.escapePending = true;
      else keep.push(byte);
    }
    if (keep.length === 0) return;
    this.deliver(Uint8Array.from(keep));
    this.wake();
  }
}
