/**
 * The VFS's objects. An Inode is a file, a directory, a device, a pipe end
 * or a socket; file systems (the initramfs, tmpfs, devfs, procfs, ext2)
 * implement the operations they support and leave the rest undefined, which
 * the system calls turn into the right errno (EISDIR, ENOTDIR, EROFS,
 * EPERM, EINVAL...). Operations fail by throwing KernelError.
 */
import type { MemoryObject } from '../mm/memory-object';
import type { MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import type { FileSystem } from './file-system';
import type { JobControlTerminal } from '../tty/job-control';

export type InodeKind = 'file' | 'directory' | 'char-device' | 'block-device' | 'fifo' | 'symlink' | 'socket';

/** S_IF* type bits of st_mode (include/uapi/linux/stat.h). */
export const S_IFMT = 0o170000;
export const S_IFIFO = 0o010000;
export const S_IFCHR = 0o020000;
export const S_IFDIR = 0o040000;
export const S_IFBLK = 0o060000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFSOCK = 0o140000;

export function typeBits(kind: InodeKind): number {
  switch (kind) {
    case 'file':
      return S_IFREG;
    case 'directory':
      return S_IFDIR;
    case 'char-device':
      return S_IFCHR;
    case 'block-device':
      return S_IFBLK;
    case 'fifo':
      return S_IFIFO;
    case 'symlink':
      return S_IFLNK;
    case 'socket':
      return S_IFSOCK;
  }
}

/** The kind an st_mode's type bits name, or null for none. */
export function kindOfMode(mode: number): InodeKind | null {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return 'file';
    case S_IFDIR:
      return 'directory';
    case S_IFCHR:
      return 'char-device';
    case S_IFBLK:
      return 'block-device';
    case S_IFIFO:
      return 'fifo';
    case S_IFLNK:
      return 'symlink';
    case S_IFSOCK:
      return 'socket';
    default:
      return null;
  }
}

export interface DirectoryEntry {
  name: string;
  inode: Inode;
}

/** What chmod/chown/utimensat change; absent fields stay. */
export interface InodeAttributes {
  permissions?: number;
  uid?: number;
  gid?: number;
  atimeNs?: number;
  mtimeNs?: number;
}

/** poll(2) event bits an inode may report ready. */
export const POLLIN = 0x001;
export const POLLOUT = 0x004;
export const POLLERR = 0x008;
export const POLLHUP = 0x010;

export interface Inode {
  readonly ino: number;
  readonly kind: InodeKind;
  /** Permission bits (0o7777). */
  readonly permissions: number;
  readonly size: number;
  readonly nlink: number;
  /** Device number for device nodes (major << 8 | minor). */
  readonly rdev: number;
  /** Modification time, nanoseconds since the epoch. */
  readonly mtimeNs: number;
  /** The file system's device number (st_dev). */
  readonly dev: number;
  /** Owner (0 when the file system has none), access and change times
   * (mtimeNs when absent), 512-byte blocks allocated (from size if absent). */
  readonly uid?: number;
  readonly gid?: number;
  readonly atimeNs?: number;
  readonly ctimeNs?: number;
  readonly blocks?: number;
  /** The file system it belongs to (statfs, fsync, mount busy checks). */
  readonly fs?: FileSystem;

  /** Directories: the child called `name`, or null. */
  lookup?(name: string): Inode | null;
  /** Directories: every child, including "." and "..". */
  list?(): DirectoryEntry[];
  /** Directories on writable file systems. */
  createFile?(name: string, permissions: number): Inode;
  makeDirectory?(name: string, permissions: number): Inode;
  removeEntry?(name: string, directory: boolean): void;
  /** A new name `name` here for `inode` (link(2); same file system). */
  link?(name: string, inode: Inode): void;
  symlink?(name: string, target: string): Inode;
  /** Moves entry `name` to `toDir`/`toName` (same file system), replacing
   * what is there as rename(2) does. */
  rename?(name: string, toDir: Inode, toName: string): void;

  /** Files and devices: bytes at `offset` into `into`; 0 at the end. */
  read?(offset: number, into: Uint8Array): MaybeBlocked<number>;
  /** A read of 0 bytes, for devices that check their state then (evdev:
   * EAGAIN with O_NONBLOCK when nothing waits): 0, or Blocked when a read
   * would wait; read(2) answers EAGAIN for Blocked with O_NONBLOCK and 0
   * without it, never sleeping. Without it a 0-byte read gives 0. */
  readNothing?(): MaybeBlocked<0>;
  write?(offset: number, from: Uint8Array): MaybeBlocked<number>;
  truncate?(size: number): void;
  /** chmod/chown/utimensat. */
  setAttributes?(attributes: InodeAttributes): void;
  /** fsync: its data and metadata reach the device. */
  sync?(): void;
  /** An open file description now refers to it / no longer does (a file
   * system frees an unlinked file's contents after its last close). */
  opened?(): void;
  closed?(): void;
  /** Devices that one program at a time may hold (the framebuffer, the
   * keyboard's event device): called by open(2) before the description
   * exists; throws (EBUSY) to refuse. */
  beforeOpen?(): void;
  /** Character devices with positions (the framebuffer): lseek, pread
   * and pwrite work on them. */
  readonly seekable?: boolean;
  /** A terminal: reads, writes and settings from outside its foreground
   * process group are subject to job control (kernel/tty/job-control.ts). */
  readonly terminal?: JobControlTerminal;
  /** Devices: ioctl; returns -errno or a result. */
  ioctl?(request: number, argument: number, io: IoctlMemory): number;
  /** Devices with memory of their own (a frame buffer): mmap(MAP_SHARED)
   * of pages [pageOffset, pageOffset + pages) maps the object returned,
   * with one reference for the caller; or -errno (ENXIO past the end...).
   * Absent: regular files map their pages, other devices give ENODEV. */
  mmap?(pageOffset: number, pages: number, prot: number): MemoryObject | number;
  /** Symlinks: the target path. */
  readonly target?: string;

  /** For poll/select (pipes, ttys, sockets): the POLL* bits ready now, and
   * a queue woken whenever they may have changed. Absent: always ready. */
  poll?(): number;
  readonly readiness?: WaitQueue;
}

/** What an ioctl may do to the caller's memory. */
export interface IoctlMemory {
  write(address: number, data: Uint8Array): boolean;
}
