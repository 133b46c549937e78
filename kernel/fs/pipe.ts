/**
 * Pipes: a 64 KiB ring shared by a read end and a write end. Reading an
 * empty pipe sleeps while a writer exists and returns 0 (end of file) once
 * none does; writing to a pipe with no reader is EPIPE (and SIGPIPE); writes
 * of up to the whole capacity are atomic (PIPE_BUF is the POSIX minimum).
 */
import { EPIPE, fail } from '../syscall/errno';
import { Blocked, MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import { Inode, POLLERR, POLLHUP, POLLIN, POLLOUT } from './inode';
import { OpenFile, O_RDONLY, O_WRONLY } from './open-file';
import { kernelCounters } from '../lib/counters';

export const PIPE_CAPACITY = 65536;
export const PIPE_BUF = 4096;

export class PipeBuffer {
  readonly data = new Uint8Array(PIPE_CAPACITY);
  head = 0;
  count = 0;
  /** Open files on each end (PipeEnd.opened/closed count them). */
  readers = 0;
  writers = 0;
  readonly readable = new WaitQueue('pipe read');
  readonly writable = new WaitQueue('pipe write');
  /** Woken on every change poll() could see (data, room, an end closing). */
  readonly readiness = new WaitQueue('pipe readiness');
  readonly ino = kernelCounters.nextPipeIno++;
}

export class PipeEnd implements Inode {
  readonly kind = 'fifo' as const;
  readonly permissions = 0o600;
  readonly nlink = 1;
  readonly rdev = 0;
  readonly mtimeNs = 0;
  readonly dev = 0x000c;

  constructor(
    private readonly pipe: PipeBuffer,
    private readonly end: 'read' | 'write',
  ) {}

  get readiness(): WaitQueue {
    return this.pipe.readiness;
  }

  /** An open file on this end: one more reader or writer. */
  opened(): void {
    if (this.end === 'read') this.pipe.readers++;
    else this.pipe.writers++;
  }

  /** The last descriptor of an open file on this end closed: the other
   * end may see end of file (no writer) or EPIPE (no reader). */
  closed(): void {
    const p = this.pipe;
    if (this.end === 'read') {
      p.readers--;
      p.writable.wakeAll();
    } else {
      p.writers--;
      p.readable.wakeAll();
    }
    p.readiness.wakeAll();
  }

  /** Linux's pipe_poll: the read end is readable with data, and hung up
   * once no writer is left; the write end is writable with room for
   * PIPE_BUF bytes, and in error once no reader is left. */
  poll(): number {
    const p = this.pipe;
    if (this.end === 'read') return (p.count > 0 ? POLLIN : 0) | (p.writers === 0 ? POLLHUP : 0);
    return (PIPE_CAPACITY - p.count >= PIPE_BUF ? POLLOUT : 0) | (p.readers === 0 ? POLLERR : 0);
  }

  get ino(): number {
    return this.pipe.ino;
  }

  get size(): number {
    return this.pipe.count;
  }

  read(_offset: number, into: Uint8Array): MaybeBlocked<number> {
    const p = this.pipe;
    if (p.count === 0) return p.writers > 0 ? new Blocked(p.readable) : 0;
    const n = Math.min(into.length, p.count);
    for (let i = 0; i < n; i++) into[i] = p.data[(p.head + i) % PIPE_CAPACITY];
    p.head = (p.head + n) % PIPE_CAPACITY;
    p.count -= n;
    p.writable.wakeAll();
    p.readiness.wakeAll();
    return n;
  }

  write(_offset: number, from: Uint8Array): MaybeBlocked<number> {
    const p = this.pipe;
    if (p.readers === 0) fail(EPIPE);
    const space = PIPE_CAPACITY - p.count;
    // A blocking write waits until all of it fits (it restarts from the
    // start when woken, so it must not have written a part); only a write
    // larger than the whole pipe goes in pieces.
    const whole = Math.min(from.length, PIPE_CAPACITY);
    if (space < whole) return new Blocked(p.writable);
    const n = Math.min(space, from.length);
    for (let i = 0; i < n; i++) p.data[(p.head + p.count + i) % PIPE_CAPACITY] = from[i];
    p.count += n;
    p.readable.wakeAll();
    p.readiness.wakeAll();
    return n;
  }
}

/** A new pipe's two open files: [read end, write end]. */
export function createPipe(flags: number): [OpenFile, OpenFile] {
  const pipe = new PipeBuffer();
  const readEnd = new OpenFile(new PipeEnd(pipe, 'read'), O_RDONLY | flags, 'pipe:[read]');
  const writeEnd = new OpenFile(new PipeEnd(pipe, 'write'), O_WRONLY | flags, 'pipe:[write]');
  return [readEnd, writeEnd];
}
