/**
 * Open file descriptions and per-process descriptor tables. A description
 * (offset, status flags) is shared by dup() and fork(); a table maps small
 * integers to descriptions, with FD_CLOEXEC per descriptor.
 */
import { EBADF, EMFILE, fail } from '../syscall/errno';
import type { Inode } from './inode';

export const O_ACCMODE = 0o3;
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_CLOEXEC = 0o2000000;

/** RLIMIT_NOFILE's soft limit, as a fresh Linux session has it. */
export const MAX_FDS = 1024;

export class OpenFile {
  offset = 0;
  private refs = 1;

  constructor(
    readonly inode: Inode,
    public flags: number,
    /** The path it was opened by (for the log and /proc-like answers). */
    readonly path: string,
  ) {
    inode.opened?.();
    if (inode.fs) {
      inode.fs.openFiles++;
      if (this.writable) inode.fs.openWriters++;
    }
  }

  get readable(): boolean {
    return (this.flags & O_ACCMODE) !== O_WRONLY;
  }

  get writable(): boolean {
    return (this.flags & O_ACCMODE) !== O_RDONLY;
  }

  /** Some descriptor still refers to it (epoll forgets closed files). */
  get isOpen(): boolean {
    return this.refs > 0;
  }

  retain(): this {
    this.refs++;
    return this;
  }

  release(): void {
    if (--this.refs === 0) {
      this.inode.closed?.();
      if (this.inode.fs) {
        this.inode.fs.openFiles--;
        if (this.writable) this.inode.fs.openWriters--;
      }
    }
  }
}

interface Slot {
  file: OpenFile;
  cloexec: boolean;
}

export class FdTable {
  private slots: (Slot | null)[] = [];

  get(fd: number): OpenFile {
    const slot = fd >= 0 && fd < this.slots.length ? this.slots[fd] : null;
    if (!slot) fail(EBADF);
    return slot.file;
  }

  has(fd: number): boolean {
    return fd >= 0 && fd < this.slots.length && this.slots[fd] !== null;
  }

  /** Installs at the lowest free descriptor at or above `from`. */
  install(file: OpenFile, cloexec = false, from = 0): number {
    if (!(from >= 0)) throw new RangeError(`descriptor search from ${from}`);
    for (let fd = from; fd < MAX_FDS; fd++) {
      if (fd >= this.slots.length || this.slots[fd] === null) {
        this.slots[fd] = { file, cloexec };
        return fd;
      }
    }
    file.release();
    fail(EMFILE);
  }

  /** dup2/dup3: `fd` now refers to `file`, closing what it held. Takes
   * over the caller's reference to `file`, and drops it on EBADF. */
  installAt(fd: number, file: OpenFile, cloexec: boolean): void {
    if (fd < 0 || fd >= MAX_FDS) {
      file.release();
      fail(EBADF);
    }
    const old = fd < this.slots.length ? this.slots[fd] : null;
    while (this.slots.length <= fd) this.slots.push(null);
    this.slots[fd] = { file, cloexec };
    old?.file.release();
  }

  close(fd: number): void {
    const file = this.get(fd);
    this.slots[fd] = null;
    file.release();
  }

  getCloexec(fd: number): boolean {
    this.get(fd);
    return this.slots[fd]!.cloexec;
  }

  setCloexec(fd: number, cloexec: boolean): void {
    this.get(fd);
    this.slots[fd]!.cloexec = cloexec;
  }

  /** fork: the same descriptions under the same numbers. */
  clone(): FdTable {
    const copy = new FdTable();
    copy.slots = this.slots.map((s) => (s ? { file: s.file.retain(), cloexec: s.cloexec } : null));
    return copy;
  }

  /** execve: descriptors marked close-on-exec go. */
  closeOnExec(): void {
    this.slots.forEach((s, fd) => {
      if (s?.cloexec) this.close(fd);
    });
  }

  closeAll(): void {
    this.slots.forEach((s, fd) => {
      if (s) this.close(fd);
    });
  }
}
