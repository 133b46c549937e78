/**
 * The console terminal: a line discipline between the serial Console and
 * the programs reading and writing /dev/console. Canonical mode collects a
 * line with echo and erase; ISIG turns ^C into SIGINT, ^\ into SIGQUIT and
 * ^Z into SIGTSTP for the foreground process group; OPOST/ONLCR turns "\n"
 * into "\r\n" on output.
 *
 * Input is bounded, as Linux's N_TTY: at most TTY_BUFFER bytes wait for
 * read(); the terminal takes bytes from the console driver only while it
 * has room, and takes more after each read(), so a fast sender is held off
 * (down to the UART and the host) instead of losing bytes. A canonical line
 * longer than MAX_CANON keeps its first MAX_CANON - 1 bytes and its end.
 */
import type { Console } from '../../hal/console';
import { EFAULT, EINVAL, ENOTTY } from '../syscall/errno';
import { Blocked, MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import type { IoctlMemory } from '../fs/inode';
import * as T from './termios';

export const TCGETS = 0x5401;
export const TCSETS = 0x5402;
export const TCSETSW = 0x5403;
export const TCSETSF = 0x5404;
export const TIOCGPGRP = 0x540f;
export const TIOCSPGRP = 0x5410;
export const TIOCGWINSZ = 0x5413;
export const TIOCSWINSZ = 0x5414;

const POLL_IN = 0x001;
const POLL_OUT = 0x004;

/** Bytes of input waiting for read(), at most (Linux's N_TTY_BUF_SIZE). */
export const TTY_BUFFER = 4096;
/** The longest canonical line, its newline included (Linux's). */
export const MAX_CANON = 4096;

export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGTSTP = 20;

export interface TtyEvents {
  /** A signal for the foreground process group (^C, ^\, ^Z). */
  signalForeground(signal: number): void;
}

export class Tty {
  termios = T.defaultTermios();
  rows = 25;
  columns = 80;
  foregroundGroup = 1;
  /** The session it is the controlling terminal of (job-control.ts). */
  readonly session = 1;
  readonly readers = new WaitQueue('console input');
  /** Completed input, ready for read(). */
  private readonly ready: number[] = [];
  /** The line being edited in canonical mode. */
  private line: number[] = [];
  /** Lines ended by EOF (^D) count as ready even when empty. */
  private eofPending = 0;
  private readonly encoder = new TextEncoder();

  /** Created at the first non-ASCII output: a streaming TextDecoder's
   * first use costs milliseconds of start-up (ICU), ASCII needs none. */
  private mirrorDecoder: InstanceType<typeof TextDecoder> | null = null;

  constructor(
    private readonly console: Console,
    private readonly events: TtyEvents,
    /** A second console output, e.g. the screen (as Linux's several console=). */
    private readonly mirror: ((text: string) => void) | null = null,
  ) {}

  /** TOSTOP: writes from a background process group stop it. */
  get stopsBackgroundWrites(): boolean {
    return (this.termios.lflag & T.TOSTOP) !== 0;
  }

  /** poll(): readable when a line (or an end of file) is ready; output
   * never blocks. `readers` is woken whenever input becomes ready. */
  pollEvents(): number {
    return (this.ready.length > 0 || this.eofPending > 0 ? POLL_IN : 0) | POLL_OUT;
  }

  /** Characters typed on another input device (the keyboard). */
  inputText(text: string): void {
    for (const b of new TextEncoder().encode(text)) this.input(b);
    if (this.ready.length > 0 || this.eofPending > 0) this.readers.wakeAll();
  }

  /** The console's interrupt: take its bytes through the discipline. */
  receive(): void {
    this.console.handleInterrupt();
    this.pull();
  }

  /** Takes bytes from the console while there is room for them. */
  private pull(): void {
    let any = false;
    while (this.ready.length < TTY_BUFFER) {
      const b = this.console.readByte();
      if (b < 0) break;
      this.input(b);
      any = true;
    }
    if (any && (this.ready.length > 0 || this.eofPending > 0)) this.readers.wakeAll();
  }

  read(into: Uint8Array): MaybeBlocked<number> {
    if (this.ready.length === 0) {
      if (this.eofPending > 0) {
        this.eofPending--;
        return 0;
      }
      return new Blocked(this.readers);
    }
    const canonical = (this.termios.lflag & T.ICANON) !== 0;
    let n = 0;
    let taken = 0;
    const ready = this.ready;
    while (n < into.length && taken < ready.length) {
      const b = ready[taken++];
      into[n++] = b;
      if (canonical && b === 0x0a) break; // one line per read
    }
    ready.splice(0, taken);
    this.pull(); // room again: what waits in the driver comes in
    return n;
  }

  write(from: Uint8Array): number {
    this.output(from);
    return from.length;
  }

  /** Text from the kernel itself (e.g. "Killed" notices), through OPOST. */
  writeText(text: string): void {
    this.output(this.encoder.encode(text));
  }

  ioctl(request: number, argument: number, memory: IoctlMemory, readArgument: (length: number) => Uint8Array | null): number {
    switch (request) {
      case TCGETS:
        return memory.write(argument, T.encodeTermios(this.termios)) ? 0 : -EFAULT;
      case TCSETS:
      case TCSETSW:
      case TCSETSF: {
        const bytes = readArgument(T.TERMIOS_SIZE);
        if (!bytes) return -EFAULT;
        const wasCanonical = (this.termios.lflag & T.ICANON) !== 0;
        this.termios = T.decodeTermios(bytes);
        if (request === TCSETSF) {
          this.ready.length = 0;
          this.line = [];
          this.pull();
        } else if (wasCanonical && !(this.termios.lflag & T.ICANON) && this.line.length > 0) {
          // A line typed ahead but not yet ended becomes readable as it
          // is, as with Linux's n_tty: a program switching to raw mode
          // (the shell's editor after a command) must not lose it.
          this.ready.push(...this.line);
          this.line = [];
          this.readers.wakeAll();
        }
        return 0;
      }
      case TIOCGWINSZ: {
        const ws = new Uint8Array(8);
        const view = new DataView(ws.buffer);
        view.setUint16(0, this.rows, true);
        view.setUint16(2, this.columns, true);
        return memory.write(argument, ws) ? 0 : -EFAULT;
      }
      case TIOCSWINSZ: {
        const ws = readArgument(8);
        if (!ws) return -EFAULT;
        const view = new DataView(ws.buffer, ws.byteOffset);
        this.rows = view.getUint16(0, true);
        this.columns = view.getUint16(2, true);
        return 0;
      }
      case TIOCGPGRP: {
        const v = new Uint8Array(4);
        new DataView(v.buffer).setInt32(0, this.foregroundGroup, true);
        return memory.write(argument, v) ? 0 : -EFAULT;
      }
      case TIOCSPGRP: {
        const v = readArgument(4);
        if (!v) return -EFAULT;
        const group = new DataView(v.buffer, v.byteOffset).getInt32(0, true);
        if (group <= 0) return -EINVAL;
        this.foregroundGroup = group;
        return 0;
      }
      default:
        return -ENOTTY;
    }
  }

  private input(byte: number): void {
    const t = this.termios;
    if (t.iflag & T.ICRNL && byte === 0x0d) byte = 0x0a;
    if (t.lflag & T.ISIG) {
      if (byte === t.cc[T.VINTR] || byte === t.cc[T.VQUIT] || byte === t.cc[T.VSUSP]) {
        this.line = [];
        this.ready.length = 0;
        if (t.lflag & T.ECHO) this.echoControl(byte);
        this.events.signalForeground(byte === t.cc[T.VINTR] ? SIGINT : byte === t.cc[T.VQUIT] ? SIGQUIT : SIGTSTP);
        return;
      }
    }
    if (!(t.lflag & T.ICANON)) {
      this.ready.push(byte);
      if (t.lflag & T.ECHO) this.echo(byte);
      return;
    }
    if (byte === t.cc[T.VERASE] || byte === 0x08) {
      if (this.line.length > 0) {
        this.line.pop();
        if (t.lflag & T.ECHOE) this.output(Uint8Array.of(0x08, 0x20, 0x08));
      }
      return;
    }
    if (byte === t.cc[T.VKILL]) {
      if (t.lflag & T.ECHOK) for (let i = 0; i < this.line.length; i++) this.output(Uint8Array.of(0x08, 0x20, 0x08));
      this.line = [];
      return;
    }
    if (byte === t.cc[T.VEOF]) {
      if (this.line.length === 0) this.eofPending++;
      else this.ready.push(...this.line);
      this.line = [];
      return;
    }
    // A full line keeps room for its end only (Linux drops the rest).
    if (this.line.length >= MAX_CANON - 1 && byte !== 0x0a) return;
    this.line.push(byte);
    if (t.lflag & T.ECHO) this.echo(byte);
    if (byte === 0x0a) {
      this.ready.push(...this.line);
      this.line = [];
    }
  }

  private echo(byte: number): void {
    if (byte < 0x20 && byte !== 0x0a && byte !== 0x09 && this.termios.lflag & T.ECHOCTL) this.echoControl(byte);
    else this.output(Uint8Array.of(byte));
  }

  private echoControl(byte: number): void {
    this.output(Uint8Array.of(0x5e, byte + 0x40)); // ^C
    if (byte === this.termios.cc[T.VINTR] || byte === this.termios.cc[T.VQUIT]) this.output(Uint8Array.of(0x0a));
  }

  /** The mirror's text: UTF-8 decoded across writes (a character split
   * between two writes comes out whole with the second). */
  private mirrorText(bytes: Uint8Array): string {
    if (!this.mirrorDecoder) {
      let ascii = true;
      for (const b of bytes) if (b >= 0x80) ascii = false;
      if (ascii) {
        let text = '';
        for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
        return text;
      }
      this.mirrorDecoder = new TextDecoder();
    }
    return this.mirrorDecoder.decode(bytes, { stream: true });
  }

  private output(bytes: Uint8Array): void {
    if (this.mirror) this.mirror(this.mirrorText(bytes));
    const t = this.termios;
    if (!(t.oflag & T.OPOST && t.oflag & T.ONLCR) || !bytes.includes(0x0a)) {
      this.console.write(bytes);
      return;
    }
    const out: number[] = [];
    for (const b of bytes) {
      if (b === 0x0a) out.push(0x0d);
      out.push(b);
    }
    this.console.write(Uint8Array.from(out));
  }
}
