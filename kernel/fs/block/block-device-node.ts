/**
 * A disk as a block special file (/dev/hda, /dev/mtdblock0): read and
 * written raw at any byte offset (whole sectors are read, merged and
 * written back around unaligned edges). While a file system is mounted
 * from it, a raw read first writes that file system's cache back, and a
 * raw write is followed by dropping its cache, so both views agree.
 */
import { EIO, ENOSPC, EROFS, fail } from '../../syscall/errno';
import type { FileSystem } from '../file-system';
import type { Inode } from '../inode';
import type { BlockIo } from './block-io';
import type { BufferCache } from './buffer-cache';

/** What a mounted file system on the device exposes to the node. */
export interface MountedOnDevice extends FileSystem {
  readonly cache: BufferCache;
}

export class BlockDeviceNode implements Inode {
  readonly kind = 'block-device' as const;
  readonly permissions = 0o660;
  readonly nlink = 1;
  readonly mtimeNs = 0;
  /** The file system mounted from it, if any (one at a time). */
  mounted: MountedOnDevice | null = null;

  constructor(
    readonly io: BlockIo,
    readonly ino: number,
    readonly rdev: number,
    readonly dev: number,
    private readonly onError: (message: string) => void,
  ) {}

  get size(): number {
    return this.io.sectorCount * this.io.sectorSize;
  }

  read(offset: number, into: Uint8Array): number {
    const n = Math.max(0, Math.min(into.length, this.size - offset));
    if (n === 0) return 0;
    this.mounted?.sync();
    const { first, bytes } = this.sectors(offset, n);
    this.transfer(() => this.io.read(first, bytes.length / this.io.sectorSize, bytes));
    into.set(bytes.subarray(offset - first * this.io.sectorSize, offset - first * this.io.sectorSize + n));
    return n;
  }

  write(offset: number, from: Uint8Array): number {
    if (this.io.readOnly) fail(EROFS);
    if (offset >= this.size && from.length > 0) fail(ENOSPC);
    const n = Math.min(from.length, this.size - offset);
    if (n === 0) return 0;
    this.mounted?.sync();
    const ss = this.io.sectorSize;
    const { first, bytes } = this.sectors(offset, n);
    const count = bytes.length / ss;
    // Unaligned edges: the sectors they touch are read first.
    if (offset % ss !== 0) this.transfer(() => this.io.read(first, 1, bytes.subarray(0, ss)));
    if ((offset + n) % ss !== 0 && (count > 1 || offset % ss === 0)) this.transfer(() => this.io.read(first + count - 1, 1, bytes.subarray(bytes.length - ss)));
    bytes.set(from.subarray(0, n), offset - first * ss);
    this.transfer(() => this.io.write(first, count, bytes));
    this.mounted?.cache.invalidate();
    return n;
  }

  /** fsync on the device: the file system's cache, then the device's. */
  sync(): void {
    this.mounted?.sync();
    this.transfer(() => this.io.flush());
  }

  private sectors(offset: number, n: number): { first: number; bytes: Uint8Array } {
    const ss = this.io.sectorSize;
    const first = Math.floor(offset / ss);
    const last = Math.floor((offset + n - 1) / ss);
    return { first, bytes: new Uint8Array((last - first + 1) * ss) };
  }

  private transfer(op: () => void): void {
    try {
      op();
    } catch (error) {
      this.onError((error as Error).message);
      fail(EIO);
    }
  }
}
