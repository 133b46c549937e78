/**
 * /dev/input/event0: the board's keyboard as Linux's evdev offers it.
 * Each key press, release or auto-repeat becomes a struct input_event
 * (EV_KEY, the key's Linux code, value 1 / 0 / 2) followed by an
 * EV_SYN/SYN_REPORT, stamped with CLOCK_REALTIME as evdev does by
 * default. read() returns whole events only (EINVAL for a buffer smaller
 * than one but not empty: a 0-byte read gives 0, or EAGAIN with O_NONBLOCK
 * and nothing waiting, as Linux's evdev_read), sleeps while there is none (EAGAIN with O_NONBLOCK), and
 * poll reports POLLIN while events wait. A full queue is emptied and
 * replaced by one SYN_DROPPED, as evdev reports an overrun.
 *
 * struct input_event is a timeval then type (u16), code (u16), value
 * (s32): 24 bytes with 8-byte longs, 16 with 4-byte ones (riscv32).
 *
 * While it is open, key events go only here, not to the console (the
 * program has the keyboard, as X or a game takes it from the Linux
 * console); one opener at a time (EBUSY).
 *
 * Some key sources report presses only (the esp32c3's keyboard UART gets
 * a terminal's bytes): their driver makes up each release at once. Given
 * to a program in the same read as the press, the key would never be seen
 * down by a game that samples its keys once a frame. So a made-up release
 * is held back until HOLD_NS after the program has read the press: a
 * read finds it then (one that would block sleeps until then); poll sees
 * it at its next look.
 */
import type { KeyEvent } from '../../../hal/keyboard';
import { EBUSY, EFAULT, EINVAL, ENOTTY, fail } from '../../syscall/errno';
import { Blocked, WaitQueue } from '../../sched/wait-queue';
import type { Inode } from '../inode';
import { POLLIN } from '../inode';
import type { IoctlUserMemory } from './fbdev';
import { KEY_CODES, KEY_MAX_USED, keyCode } from './evdev-keys';
import { DEVFS_DEV } from './device-directory';

export const EV_SYN = 0;
export const EV_KEY = 1;
export const EV_REP = 0x14;
export const SYN_REPORT = 0;
export const SYN_DROPPED = 3;

const INPUT_MAJOR = 13;
const EVDEV_MINOR = 64;
/** Events kept for a reader that falls behind (Linux sizes it from the
 * device's event rate; 64 key packets is plenty for a keyboard). */
const QUEUE_EVENTS = 128;
const EV_VERSION = 0x010001;
/** How long a key with a made-up release reads as held: two of Doom's
 * 35 Hz tics, well under a terminal's auto-repeat interval. */
export const HOLD_NS = 50_000_000;
const NAME = 'JOS keyboard';

// ioctl numbers: _IOC(dir, 'E', nr, size); dir READ = 2, WRITE = 1.
const IOC_READ = 2;
const IOC_WRITE = 1;
const TYPE_E = 0x45;
const EVIOCGVERSION = 0x80044501;
const EVIOCGID = 0x80084502;
const EVIOCGRAB = 0x40044590;

export class EvdevDevice implements Inode {
  readonly kind = 'char-device' as const;
  readonly permissions = 0o660;
  readonly size = 0;
  readonly nlink = 1;
  readonly mtimeNs = 0;
  readonly dev = DEVFS_DEV;
  readonly rdev = (INPUT_MAJOR << 8) | EVDEV_MINOR;
  readonly readiness = new WaitQueue('evdev');
  /** Pending events: [seconds, microseconds, type, code, value] each. */
  queue: number[][] = [];
  /** Keys down now, by Linux code (EVIOCGKEY). */
  readonly down = new Uint8Array(KEY_MAX_USED + 1);
  /** Made-up releases held back: [code, due time (ns, monotonic; Infinity
   * until the press has been read)]. */
  held: [number, number][] = [];
  /** Presses in `queue` whose release is held (codes, oldest first). */
  private unreadPresses: number[] = [];
  open = false;
  private readonly eventBytes: number;

  constructor(
    readonly ino: number,
    private readonly wordSize: 4 | 8,
    private readonly realtimeNs: () => number,
    private readonly monotonicNs: () => number,
  ) {
    this.eventBytes = 2 * wordSize + 8;
  }

  beforeOpen(): void {
    if (this.open) fail(EBUSY);
    this.open = true;
    this.queue = [];
    this.held = [];
    this.unreadPresses = [];
  }

  closed(): void {
    this.open = false;
    this.queue = [];
    this.held = [];
    this.unreadPresses = [];
  }

  /** A key event from the board's keyboard; false when nobody has the
   * device open (the console takes the key then). */
  deliver(event: KeyEvent): boolean {
    const code = keyCode(event.key);
    const pending = event.pressed && code > 0 ? this.held.findIndex(([c]) => c === code) : -1;
    if (pending >= 0 && this.open) {
      // Pressed again before its made-up release was given: to the program
      // the key never went up (a terminal's auto-repeat), so it repeats.
      this.held.splice(pending, 1);
      this.down[code] = 1;
      this.report(code, 2);
      return true;
    }
    const wasDown = code > 0 && this.down[code] === 1;
    if (code > 0) this.down[code] = event.pressed ? 1 : 0;
    if (!this.open) return false;
    if (code === 0) return true;
    const value = event.pressed ? (wasDown ? 2 : 1) : 0;
    if (!event.pressed && !wasDown) return true; // a release we never saw pressed
    if (event.synthetic && !event.pressed) {
      this.held.push([code, this.unreadPresses.includes(code) ? Infinity : this.monotonicNs() + HOLD_NS]);
      return true;
    }
    this.report(code, value);
    return true;
  }

  private report(code: number, value: number): void {
    this.push(EV_KEY, code, value);
    this.push(EV_SYN, SYN_REPORT, 0);
    if (value === 1) this.unreadPresses.push(code);
    this.readiness.wakeAll();
  }

  /** Held releases whose time has come join the queue. */
  private releaseDue(): void {
    const now = this.monotonicNs();
    const due = this.held.filter(([, at]) => at <= now);
    if (due.length === 0) return;
    this.held = this.held.filter(([, at]) => at > now);
    for (const [code] of due) this.report(code, 0);
  }

  read(_offset: number, into: Uint8Array): number | Blocked {
    if (into.length < this.eventBytes) fail(EINVAL);
    this.releaseDue();
    if (this.queue.length === 0) {
      const next = Math.min(...this.held.map(([, at]) => at));
      return next < Infinity ? new Blocked(this.readiness, next) : new Blocked(this.readiness);
    }
    const count = Math.min(this.queue.length, Math.floor(into.length / this.eventBytes));
    const view = new DataView(into.buffer, into.byteOffset, into.byteLength);
    for (let i = 0; i < count; i++) {
      const [seconds, micros, type, code, value] = this.queue[i];
      const at = i * this.eventBytes;
      if (this.wordSize === 8) {
        view.setBigInt64(at, BigInt(seconds), true);
        view.setBigInt64(at + 8, BigInt(micros), true);
      } else {
        view.setInt32(at, seconds, true);
        view.setInt32(at + 4, micros, true);
      }
      const tail = at + 2 * this.wordSize;
      view.setUint16(tail, type, true);
      view.setUint16(tail + 2, code, true);
      view.setInt32(tail + 4, value, true);
      if (type === EV_KEY && value === 1) this.pressRead(code);
    }
    this.queue.splice(0, count);
    return count * this.eventBytes;
  }

  /** read(fd, buf, 0), as Linux's evdev_read: no event is taken, but with
   * none waiting a non-blocking read gives EAGAIN (a blocking one 0 at once). */
  readNothing(): 0 | Blocked {
    this.releaseDue();
    return this.queue.length > 0 ? 0 : new Blocked(this.readiness);
  }

  /** The program has read a press: its held release is due HOLD_NS later. */
  private pressRead(code: number): void {
    const at = this.unreadPresses.indexOf(code);
    if (at >= 0) this.unreadPresses.splice(at, 1);
    const held = this.held.find(([c, due]) => c === code && due === Infinity);
    if (held) held[1] = this.monotonicNs() + HOLD_NS;
  }

  write(): number {
    fail(EINVAL); // injecting events is not offered
  }

  poll(): number {
    this.releaseDue();
    return this.queue.length > 0 ? POLLIN : 0;
  }

  ioctl(request: number, argument: number, user: IoctlUserMemory): number {
    const answer = (bytes: Uint8Array) => (user.write(argument, bytes) ? 0 : -EFAULT);
    if (request === EVIOCGVERSION) return answer(int32(EV_VERSION));
    if (request === EVIOCGID) return answer(new Uint8Array(8)); // bus, vendor, product, version: 0
    if (request === EVIOCGRAB) return 0; // it is already exclusive
    const dir = request >>> 30;
    const size = (request >>> 16) & 0x3fff;
    const type = (request >>> 8) & 0xff;
    const nr = request & 0xff;
    if (dir !== IOC_READ || type !== TYPE_E) return dir === IOC_WRITE && type === TYPE_E ? -EINVAL : -ENOTTY;
    // Variable-length answers: at most `size` bytes, the length returned.
    const sized = (bytes: Uint8Array) => {
      const n = Math.min(size, bytes.length);
      return user.write(argument, bytes.subarray(0, n)) ? n : -EFAULT;
    };
    if (nr === 0x06) return sized(new TextEncoder().encode(NAME + '\0')); // EVIOCGNAME
    if (nr === 0x18) return sized(bitmap(this.down, (code) => this.down[code] === 1)); // EVIOCGKEY
    if (nr === 0x20) return sized(bits([EV_SYN, EV_KEY, EV_REP], 32)); // EVIOCGBIT(0): event types
    if (nr === 0x20 + EV_KEY) return sized(bits([...KEY_CODES.values()], KEY_MAX_USED + 1)); // the keys it has
    if (nr >= 0x20 && nr < 0x40) return sized(new Uint8Array(size)); // no other event types
    return -EINVAL;
  }

  private push(type: number, code: number, value: number): void {
    if (this.queue.length >= QUEUE_EVENTS) {
      this.queue = [];
      this.unreadPresses = [];
      type = EV_SYN;
      code = SYN_DROPPED;
      value = 0;
    }
    const now = this.realtimeNs();
    const seconds = Math.floor(now / 1e9);
    this.queue.push([seconds, Math.floor((now - seconds * 1e9) / 1000), type, code, value]);
  }
}

function int32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}

function bits(set: number[], count: number): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(count / 8));
  for (const bit of set) bytes[bit >> 3] |= 1 << (bit & 7);
  return bytes;
}

function bitmap(codes: Uint8Array, has: (code: number) => boolean): Uint8Array {
  const set: number[] = [];
  for (let code = 0; code < codes.length; code++) if (has(code)) set.push(code);
  return bits(set, codes.length);
}
