/**
 * Pipes: a 64 KiB ring shared by a read end and a write end. Reading an
 * empty pipe sleeps while a writer exists and returns 0 (end of file) once
 * none does; writing to a pipe with no reader is EPIPE (and SIGPIPE); writes
 * of up to the whole capacity are atomic (PIPE_BUF is the POSIX minimum).
 */
import { EPIPE, fail } from '../syscall/errno';
import { Blocked, MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import type { Inode } from './inode';
import { OpenFile, O_RDONLY, O_WRONLY } from './open-file';

export const PIPE_CAPACITY = 65536;
export const PIPE_BUF = 4096;
let nextPipeIno = 1;

class PipeBuffer {
  readonly data = new Uint8Array(PIPE_CAPACITY);
  head = 0;
  count = 0;
  readers = 1;
  writers = 1;
  readonly readable = new WaitQueue('pipe read');
  readonly writable = new WaitQueue('pipe write');
  readonly ino = nextPipeIno++;
}

class PipeEnd implements Inode {
  readonly kind = 'fifo' as const;
  readonly permissions = 0o600;
  readonly nlink = 1;
  readonly rdev = 0;
  readonly mtimeNs = 0;
  readonly dev = 0x000c;

  constructor(private readonly pipe: PipeBuffer) {}

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
    return n;
  }
}

/** A new pipe's two open files: [read end, write end]. */
export function createPipe(flags: number): [OpenFile, OpenFile] {
  const pipe = new PipeBuffer();
  const readEnd = new OpenFile(new PipeEnd(pipe), O_RDONLY | flags, 'pipe:[read]', () => {
    pipe.readers--;
    pipe.writable.wakeAll();
  });
  const writeEnd = new OpenFile(new PipeEnd(pipe), O_WRONLY | flags, 'pipe:[write]', () => {
    pipe.writers--;
    pipe.readable.wakeAll();
  });
  return [readEnd, writeEnd];
}
