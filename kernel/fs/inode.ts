/**
 * The VFS's objects. An Inode is a file, a directory, a device or a pipe end;
 * file systems (the initramfs, devfs, later ext2) implement the operations
 * they support and leave the rest undefined, which the system calls turn
 * into the right errno (EISDIR, ENOTDIR, EROFS, EINVAL...).
 */
import type { MaybeBlocked } from '../sched/wait-queue';

export type InodeKind = 'file' | 'directory' | 'char-device' | 'fifo' | 'symlink';

/** S_IF* type bits of st_mode (include/uapi/linux/stat.h). */
export const S_IFMT = 0o170000;
export const S_IFIFO = 0o010000;
export const S_IFCHR = 0o020000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;

export function typeBits(kind: InodeKind): number {
  switch (kind) {
    case 'file':
      return S_IFREG;
    case 'directory':
      return S_IFDIR;
    case 'char-device':
      return S_IFCHR;
    case 'fifo':
      return S_IFIFO;
    case 'symlink':
      return S_IFLNK;
  }
}

export interface DirectoryEntry {
  name: string;
  inode: Inode;
}

export interface Inode {
  readonly ino: number;
  readonly kind: InodeKind;
  /** Permission bits (0o7777). */
  readonly permissions: number;
  readonly size: number;
  readonly nlink: number;
  /** Device number for character devices (major << 8 | minor style). */
  readonly rdev: number;
  /** Modification time, nanoseconds since the epoch. */
  readonly mtimeNs: number;
  /** The file system's device number (st_dev). */
  readonly dev: number;

  /** Directories: the child called `name`, or null. */
  lookup?(name: string): Inode | null;
  /** Directories: every child, including "." and "..". */
  list?(): DirectoryEntry[];
  /** Directories on writable file systems. */
  createFile?(name: string, permissions: number): Inode;
  makeDirectory?(name: string, permissions: number): Inode;
  removeEntry?(name: string, directory: boolean): void;

  /** Files and devices: bytes at `offset` into `into`; 0 at the end. */
  read?(offset: number, into: Uint8Array): MaybeBlocked<number>;
  write?(offset: number, from: Uint8Array): MaybeBlocked<number>;
  truncate?(size: number): void;
  /** An open file description now refers to it / no longer does (a file
   * system frees an unlinked file's contents after its last close). */
  opened?(): void;
  closed?(): void;
  /** Devices: ioctl; returns -errno or a result. */
  ioctl?(request: number, argument: number, io: IoctlMemory): number;
  /** Symlinks: the target path. */
  readonly target?: string;
}

/** What an ioctl may do to the caller's memory. */
export interface IoctlMemory {
  write(address: number, data: Uint8Array): boolean;
}
