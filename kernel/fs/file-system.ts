/**
 * A mounted file system's side of the mount table: its root, whether it is
 * read-only, statfs's figures, and sync (write back everything cached).
 */
import type { Inode } from './inode';

/** struct statfs's figures (f_bsize, f_blocks, ...). */
export interface FsStats {
  /** Linux's magic number for the type (EXT2_SUPER_MAGIC, TMPFS_MAGIC...). */
  type: number;
  blockSize: number;
  blocks: number;
  freeBlocks: number;
  availableBlocks: number;
  files: number;
  freeFiles: number;
  nameMax: number;
}

export interface FileSystem {
  /** /proc/mounts' and /proc/filesystems' name: ext2, tmpfs, proc... */
  readonly type: string;
  readonly root: Inode;
  readonly readOnly: boolean;
  statfs(): FsStats;
  /** Writes back everything cached (sync, syncfs, umount, power-off). */
  sync(): void;
  /** Open file descriptions on it (umount refuses while any exist). */
  openFiles: number;
  /** Those of them open for writing (a remount read-only refuses while any exist). */
  openWriters: number;
  /** MS_REMOUNT: becomes read-only (everything written back first) or
   * read-write (EROFS when it cannot be). Absent: its mode is fixed. */
  remount?(readOnly: boolean): void;
  /** Called once, after a successful umount (the cache is already synced). */
  unmounted?(): void;
}

export const TMPFS_MAGIC = 0x01021994;
export const PROC_SUPER_MAGIC = 0x9fa0;
export const EXT2_SUPER_MAGIC = 0xef53;
export const RAMFS_MAGIC = 0x858458f6;
