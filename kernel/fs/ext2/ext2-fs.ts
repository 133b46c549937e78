/**
 * An ext2 file system over a BlockIo: mounting (superblock and group
 * descriptors checked), the in-memory table of inodes in use, the free
 * counts, statfs, and sync (everything dirty in the buffer cache reaches
 * the device). The operations on files and directories are in ext2-node.ts;
 * block and inode allocation in allocator.ts; block mapping in
 * block-map.ts; directory blocks in directory.ts.
 *
 * This code has no board in it: the kernel mounts it over a disk's
 * PolledBlockIo, and `jos disk` over an image file on the host.
 *
 * Corruption (a number that cannot be right) is EUCLEAN, and the first one
 * seen is logged once; device failures are EIO (logged by the cache).
 */
import { EINVAL, EIO, EROFS, EUCLEAN, KernelError, fail } from '../../syscall/errno';
import { BufferCache } from '../block/buffer-cache';
import type { BlockIo } from '../block/block-io';
import { EXT2_SUPER_MAGIC, FileSystem, FsStats } from '../file-system';
import { Geometry, readGeometry, unreadableFeatures, unwritableFeatures } from './geometry';
import { GROUP_DESC_SIZE, Gd, ROOT_INO, STATE_VALID, SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE, Sb, groupHasSuperblock, set16, set32, u16, u32 } from './layout';
import { Ext2Node } from './ext2-node';

export interface Ext2Options {
  readOnly: boolean;
  /** Wall-clock time in nanoseconds since the epoch (timestamps). */
  clock: () => number;
  /** One line per event worth telling the operator (mount, corruption). */
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** A name for log lines: the device path or image file. */
  name: string;
  /** st_dev of its inodes. */
  dev?: number;
  /** Cache size in blocks (default: 4 MiB worth). */
  cacheBlocks?: number;
  /** Called once it is unmounted (the device may be mounted again). */
  onUnmounted?: () => void;
}

export class Ext2Fs implements FileSystem {
  readonly type = 'ext2';
  openFiles = 0;
  openWriters = 0;
  readonly cache: BufferCache;
  readonly dev: number;
  private readonly nodes = new Map<number, Ext2Node>();
  private reportedCorruption = false;
  private mounted = true;
  /** Free counts kept in memory, written to the superblock at sync. */
  freeBlocks = 0;
  freeInodes = 0;
  /** Generation numbers for new inodes. */
  private nextGeneration = 1;

  private constructor(
    readonly io: BlockIo,
    readonly g: Geometry,
    /** Changes only by remount(). */
    public readOnly: boolean,
    readonly options: Ext2Options,
  ) {
    this.dev = options.dev ?? 0x0300;
    const cacheBlocks = options.cacheBlocks ?? Math.max(256, (4 << 20) / g.blockSize);
    this.cache = new BufferCache(io, g.blockSize, cacheBlocks, (message) => options.log('error', `ext2 ${options.name}: I/O error ${message}`));
  }

  /** Mounts the file system on `io`; throws a KernelError (logged) when it cannot. */
  static mount(io: BlockIo, options: Ext2Options): Ext2Fs {
    const refuse = (errno: number, why: string): never => {
      options.log('error', `ext2 ${options.name}: cannot mount: ${why}`);
      throw new KernelError(errno, why);
    };
    const deviceBytes = io.sectorCount * io.sectorSize;
    if (deviceBytes < SUPERBLOCK_OFFSET + SUPERBLOCK_SIZE || 1024 % io.sectorSize !== 0) refuse(EINVAL, 'the device is too small for an ext2 superblock');
    const sb = new Uint8Array(SUPERBLOCK_SIZE);
    try {
      io.read(SUPERBLOCK_OFFSET / io.sectorSize, SUPERBLOCK_SIZE / io.sectorSize, sb);
    } catch (error) {
      refuse(EIO, `reading the superblock: ${(error as Error).message}`);
    }
    const g = readGeometry(sb, deviceBytes);
    if (typeof g === 'string') return refuse(EINVAL, g);
    if (g.blockSize % io.sectorSize !== 0) refuse(EINVAL, `block size ${g.blockSize} is not a multiple of the sector size`);
    const unreadable = unreadableFeatures(g);
    if (unreadable) refuse(EINVAL, `${unreadable} are not supported`);
    let readOnly = options.readOnly || io.readOnly;
    const unwritable = unwritableFeatures(g);
    if (unwritable && !readOnly) refuse(EROFS, `${unwritable} are not supported for writing; mount it read-only`);
    const fs = new Ext2Fs(io, g, readOnly, options);
    try {
      fs.checkGroups();
    } catch (error) {
      if (error instanceof KernelError) refuse(error.errno, error.message);
      throw error;
    }
    if (!readOnly) {
      const b = fs.superblock();
      set16(b.buf, b.off + Sb.MntCount, u16(b.buf, b.off + Sb.MntCount) + 1);
      set32(b.buf, b.off + Sb.Mtime, Math.floor(options.clock() / 1e9));
      fs.markClean(false);
    }
    readOnly = fs.readOnly;
    options.log('info', `ext2 ${options.name}: ${g.blocksCount} blocks of ${g.blockSize} bytes, ${g.inodesCount} inodes, ${g.groupCount} groups, ${fs.freeBlocks} blocks free${readOnly ? ', read-only' : ''}`);
    return fs;
  }

  get root(): Ext2Node {
    return this.node(ROOT_INO);
  }

  /** The node for inode `ino` (one object per inode while it is in use). */
  node(ino: number): Ext2Node {
    if (!(ino >= 1 && ino <= this.g.inodesCount)) this.corrupt(`inode number ${ino} is out of range`);
    let n = this.nodes.get(ino);
    if (!n) {
      n = new Ext2Node(this, ino);
      this.nodes.set(ino, n);
    }
    return n;
  }

  /** Drops an inode's node once nothing refers to it (it may be reloaded). */
  forget(ino: number): void {
    this.nodes.delete(ino);
  }

  /** Called at the start of every operation: keeps the cache bounded. */
  begin(write: boolean): void {
    if (!this.mounted) fail(EIO);
    if (write && this.readOnly) fail(EROFS);
    this.cache.trim();
  }

  /** Reports corruption once and fails with EUCLEAN. */
  corrupt(what: string): never {
    if (!this.reportedCorruption) {
      this.reportedCorruption = true;
      this.options.log('error', `ext2 ${this.options.name}: corrupted: ${what}; run e2fsck`);
    }
    throw new KernelError(EUCLEAN, what);
  }

  nowSeconds(): number {
    return Math.floor(this.options.clock() / 1e9);
  }

  nowNs(): number {
    return this.options.clock();
  }

  newGeneration(): number {
    return this.nextGeneration++ >>> 0;
  }

  /** The superblock's buffer and offset (block 0 at 1024 for big blocks). */
  superblock(): { buf: Uint8Array; off: number; block: number } {
    const block = Math.floor(SUPERBLOCK_OFFSET / this.g.blockSize);
    return { buf: this.cache.get(block), off: SUPERBLOCK_OFFSET % this.g.blockSize, block };
  }

  /** Group `group`'s descriptor: its buffer, offset and block. */
  groupDesc(group: number): { buf: Uint8Array; off: number; block: number } {
    const byte = group * GROUP_DESC_SIZE;
    const block = this.g.gdtBlock + Math.floor(byte / this.g.blockSize);
    return { buf: this.cache.get(block), off: byte % this.g.blockSize, block };
  }

  /** True when `block` may hold data (inside the file system, past the superblock). */
  validBlock(block: number): boolean {
    return block >= this.g.firstDataBlock && block < this.g.blocksCount;
  }

  /** Checks every group descriptor and adds up the free counts. */
  private checkGroups(): void {
    const { g } = this;
    let freeBlocks = 0;
    let freeInodes = 0;
    for (let group = 0; group < g.groupCount; group++) {
      const d = this.groupDesc(group);
      const first = g.firstDataBlock + group * g.blocksPerGroup;
      const last = Math.min(first + g.blocksPerGroup, g.blocksCount) - 1;
      const inRange = (b: number, n: number) => b >= first && b + n - 1 <= last;
      const bb = u32(d.buf, d.off + Gd.BlockBitmap);
      const ib = u32(d.buf, d.off + Gd.InodeBitmap);
      const it = u32(d.buf, d.off + Gd.InodeTable);
      if (!inRange(bb, 1) || !inRange(ib, 1) || !inRange(it, g.inodeTableBlocks)) {
        this.corrupt(`group ${group}'s bitmaps or inode table (${bb}, ${ib}, ${it}) lie outside the group (${first}-${last})`);
      }
      const fb = u16(d.buf, d.off + Gd.FreeBlocks);
      const fi = u16(d.buf, d.off + Gd.FreeInodes);
      if (fb > last - first + 1 || fi > g.inodesPerGroup) this.corrupt(`group ${group}'s free counts (${fb} blocks, ${fi} inodes) exceed its size`);
      freeBlocks += fb;
      freeInodes += fi;
    }
    this.freeBlocks = freeBlocks;
    this.freeInodes = freeInodes;
  }

  statfs(): FsStats {
    const b = this.superblock();
    const reserved = u32(b.buf, b.off + Sb.RBlocksCount);
    // Linux's ext2 reports f_blocks minus the metadata overhead; the total
    // is close enough for df and keeps used = total - free exact.
    return {
      type: EXT2_SUPER_MAGIC,
      blockSize: this.g.blockSize,
      blocks: this.g.blocksCount - this.g.firstDataBlock,
      freeBlocks: this.freeBlocks,
      availableBlocks: Math.max(0, this.freeBlocks - reserved),
      files: this.g.inodesCount,
      freeFiles: this.freeInodes,
      nameMax: 255,
    };
  }

  /** Writes the free counts to the superblock, then everything dirty. */
  sync(): void {
    if (!this.mounted || this.readOnly) return;
    const b = this.superblock();
    set32(b.buf, b.off + Sb.FreeBlocks, this.freeBlocks);
    set32(b.buf, b.off + Sb.FreeInodes, this.freeInodes);
    set32(b.buf, b.off + Sb.Wtime, this.nowSeconds());
    this.cache.markDirty(b.block);
    this.cache.sync();
  }

  /** The superblock's clean flag, written at once. Not clean while
   * mounted read-write, as Linux marks it: a crash leaves the flag for
   * e2fsck to see. */
  private markClean(clean: boolean): void {
    const b = this.superblock();
    const state = u16(b.buf, b.off + Sb.State);
    set16(b.buf, b.off + Sb.State, clean ? state | STATE_VALID : state & ~STATE_VALID);
    this.cache.markDirty(b.block);
    if (clean) {
      this.sync(); // the free counts into the primary first
      this.writeBackups();
    }
    this.sync();
  }

  /** Copies the primary superblock and group descriptor table over their
   * backups (groups 1, 3, 5, 7, 9, 25, 27... with sparse_super; every
   * group without), each superblock with its own group number, so that
   * e2fsck -b BACKUP finds the file system as it is. Done when the file
   * system is left clean (umount, remount read-only), not at every sync:
   * a backup only serves when the primary is lost. */
  private writeBackups(): void {
    const { g } = this;
    const primary = this.superblock();
    for (let group = 1; group < g.groupCount; group++) {
      if (!groupHasSuperblock(group, g.sparseSuper)) continue;
      const start = g.firstDataBlock + group * g.blocksPerGroup;
      const sb = this.cache.get(start);
      sb.set(primary.buf.subarray(primary.off, primary.off + SUPERBLOCK_SIZE), 0);
      set16(sb, Sb.BlockGroupNr, group);
      this.cache.markDirty(start);
      for (let i = 0; i < g.gdtBlocks; i++) {
        const copy = this.cache.get(start + 1 + i);
        copy.set(this.cache.get(g.gdtBlock + i));
        this.cache.markDirty(start + 1 + i);
      }
    }
  }

  /** MS_REMOUNT. Read-only: everything written back and the clean flag
   * set, as at umount. Read-write: refused (EROFS) when the device or a
   * feature cannot be written, else not clean again, as at mount. The VFS
   * refuses read-only while files are open for writing. */
  remount(readOnly: boolean): void {
    if (!this.mounted) fail(EIO);
    if (readOnly === this.readOnly) return;
    if (readOnly) {
      this.markClean(true);
      this.readOnly = true;
      return;
    }
    if (this.io.readOnly) fail(EROFS);
    const unwritable = unwritableFeatures(this.g);
    if (unwritable) {
      this.options.log('error', `ext2 ${this.options.name}: cannot remount read-write: ${unwritable} are not supported for writing`);
      fail(EROFS);
    }
    this.readOnly = false;
    this.markClean(false);
  }

  /** After umount: the clean flag back, everything written, the cache dropped. */
  unmounted(): void {
    if (!this.mounted) return;
    if (!this.readOnly) {
      try {
        this.markClean(true);
      } catch (error) {
        if (!(error instanceof KernelError)) throw error;
      }
    }
    this.mounted = false;
    this.cache.invalidate();
    this.nodes.clear();
    this.options.onUnmounted?.();
  }
}
