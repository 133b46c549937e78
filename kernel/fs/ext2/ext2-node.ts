/**
 * An ext2 inode as the VFS sees it. Its fields are read from and written to
 * the inode table's block in the buffer cache on every access (no second
 * copy to keep coherent); the operations (lookup, read, write, create,
 * unlink, rename...) each start with fs.begin() and turn anything
 * unexpected underneath into EIO, so a damaged image cannot take the
 * kernel down.
 */
import { EEXIST, EFBIG, EINVAL, EIO, EISDIR, EMLINK, ENAMETOOLONG, ENOENT, ENOSPC, ENOTDIR, ENOTEMPTY, EPERM, EXDEV, KernelError, fail } from '../../syscall/errno';
import { DirectoryEntry, Inode, InodeAttributes, InodeKind, S_IFMT, kindOfMode, typeBits } from '../inode';
import { freeBlock } from './allocator';
import { freeFrom, mapBlock, maxLogicalBlocks } from './block-map';
import { addEntry, find, initDirectory, isEmpty, removeEntry, retarget, scan } from './directory';
import type { Ext2Fs } from './ext2-fs';
import { allocateInode, freeInode } from './allocator';
import {
  FT_BLK,
  FT_CHR,
  FT_DIR,
  FT_FIFO,
  FT_REG,
  FT_SOCK,
  FT_SYMLINK,
  Gd,
  INDEX_FL,
  I_BLOCK_BYTES,
  In,
  RO_COMPAT_LARGE_FILE,
  Sb,
  set16,
  set32,
  u16,
  u32,
} from './layout';

const MAX_LINKS = 32000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function fileTypeOf(kind: InodeKind): number {
  switch (kind) {
    case 'file':
      return FT_REG;
    case 'directory':
      return FT_DIR;
    case 'char-device':
      return FT_CHR;
    case 'block-device':
      return FT_BLK;
    case 'fifo':
      return FT_FIFO;
    case 'socket':
      return FT_SOCK;
    case 'symlink':
      return FT_SYMLINK;
  }
}


/** relatime's bound: an access time older than this is refreshed by any read. */
const RELATIME_PERIOD_NS = 24 * 3600 * 1e9;
export class Ext2Node implements Inode {
  /** Open descriptions: an unlinked inode is freed after the last close. */
  openCount = 0;
  /** The last block allocated to it: the next allocation's goal. */
  private lastBlock = 0;
  private readonly tableBlock: number;
  private readonly tableOffset: number;

  constructor(
    readonly fs: Ext2Fs,
    readonly ino: number,
  ) {
    const g = fs.g;
    const group = Math.floor((ino - 1) / g.inodesPerGroup);
    const index = (ino - 1) % g.inodesPerGroup;
    const d = fs.groupDesc(group);
    const table = u32(d.buf, d.off + Gd.InodeTable);
    const byte = index * g.inodeSize;
    this.tableBlock = table + Math.floor(byte / g.blockSize);
    this.tableOffset = byte % g.blockSize;
  }

  // --- raw fields --------------------------------------------------------

  private get16(field: number): number {
    return u16(this.fs.cache.get(this.tableBlock), this.tableOffset + field);
  }

  private get32(field: number): number {
    return u32(this.fs.cache.get(this.tableBlock), this.tableOffset + field);
  }

  private put16(field: number, value: number): void {
    set16(this.fs.cache.get(this.tableBlock), this.tableOffset + field, value);
    this.fs.cache.markDirty(this.tableBlock);
  }

  private put32(field: number, value: number): void {
    set32(this.fs.cache.get(this.tableBlock), this.tableOffset + field, value);
    this.fs.cache.markDirty(this.tableBlock);
  }

  blockSlot(slot: number): number {
    return this.get32(In.Block + slot * 4);
  }

  setBlockSlot(slot: number, value: number): void {
    this.put32(In.Block + slot * 4, value);
  }

  private get extraIsize(): number {
    return this.fs.g.inodeSize > 128 ? this.get16(In.ExtraIsize) : 0;
  }

  private timeNs(field: number, extraField: number): number {
    const seconds = this.get32(field) | 0;
    const extraCovered = extraField - 128 + 4 <= this.extraIsize;
    const nanos = extraCovered ? this.get32(extraField) >>> 2 : 0;
    return seconds * 1e9 + Math.min(nanos, 999_999_999);
  }

  private setTime(field: number, extraField: number, ns: number): void {
    const seconds = Math.floor(ns / 1e9);
    this.put32(field, seconds >>> 0);
    if (extraField - 128 + 4 <= this.extraIsize) this.put32(extraField, (Math.round(ns - seconds * 1e9) << 2) >>> 0);
  }

  // --- Inode's fields ----------------------------------------------------

  get mode(): number {
    return this.get16(In.Mode);
  }

  get kind(): InodeKind {
    const kind = kindOfMode(this.mode);
    return kind ?? this.fs.corrupt(`inode ${this.ino} has no valid type (mode 0${this.mode.toString(8)})`);
  }

  get permissions(): number {
    return this.mode & 0o7777;
  }

  get size(): number {
    const lo = this.get32(In.SizeLo);
    return this.get16(In.Mode) >> 12 === 8 ? lo + this.get32(In.SizeHigh) * 0x1_0000_0000 : lo;
  }

  get nlink(): number {
    return this.get16(In.Links);
  }

  get rdev(): number {
    if (this.kind !== 'char-device' && this.kind !== 'block-device') return 0;
    const old = this.blockSlot(0);
    if (old !== 0) return old & 0xffff;
    const x = this.blockSlot(1);
    return (((x >> 8) & 0xfff) << 8) | (x & 0xff);
  }

  get dev(): number {
    return this.fs.dev;
  }

  get uid(): number {
    return this.get16(In.Uid) | (this.get16(In.UidHigh) << 16);
  }

  get gid(): number {
    return this.get16(In.Gid) | (this.get16(In.GidHigh) << 16);
  }

  get atimeNs(): number {
    return this.timeNs(In.Atime, In.AtimeExtra);
  }

  get mtimeNs(): number {
    return this.timeNs(In.Mtime, In.MtimeExtra);
  }

  get ctimeNs(): number {
    return this.timeNs(In.Ctime, In.CtimeExtra);
  }

  get blocks(): number {
    return this.get32(In.Blocks);
  }

  get target(): string | undefined {
    if (this.kind !== 'symlink') return undefined;
    return this.guard(false, () => decoder.decode(this.symlinkBytes()));
  }

  // --- bookkeeping the block map calls ------------------------------------

  allocationGoal(): number {
    if (this.lastBlock) return this.lastBlock + 1;
    const g = this.fs.g;
    return g.firstDataBlock + Math.floor((this.ino - 1) / g.inodesPerGroup) * g.blocksPerGroup;
  }

  allocated(block: number): void {
    this.lastBlock = block;
    this.put32(In.Blocks, this.get32(In.Blocks) + this.fs.g.blockSize / 512);
  }

  released(): void {
    this.put32(In.Blocks, Math.max(0, this.get32(In.Blocks) - this.fs.g.blockSize / 512));
  }

  setSize(size: number): void {
    this.put32(In.SizeLo, size % 0x1_0000_0000);
    if (this.kind === 'file') this.put32(In.SizeHigh, Math.floor(size / 0x1_0000_0000));
    if (size >= 2 ** 31) this.markLargeFile();
  }

  /** A directory's entries changed: times, and no htree index any more. */
  directoryChanged(): void {
    const flags = this.get32(In.Flags);
    if (flags & INDEX_FL) this.put32(In.Flags, flags & ~INDEX_FL);
    this.touch(true);
  }

  /** A read of the contents (or a listing). Access times follow Linux's
   * default mount option, relatime: set when the last access is not newer
   * than the last modification or change, or is a day old, so most reads
   * write nothing; never on a read-only mount. */
  private accessed(): void {
    if (this.fs.readOnly) return;
    const atime = this.atimeNs;
    const now = this.fs.nowNs();
    if (atime <= this.mtimeNs || atime <= this.ctimeNs || now - atime >= RELATIME_PERIOD_NS) this.setTime(In.Atime, In.AtimeExtra, now);
  }

  private touch(modified: boolean): void {
    const now = this.fs.nowNs();
    if (modified) this.setTime(In.Mtime, In.MtimeExtra, now);
    this.setTime(In.Ctime, In.CtimeExtra, now);
  }

  private setLinks(n: number): void {
    this.put16(In.Links, n);
  }

  private markLargeFile(): void {
    const b = this.fs.superblock();
    const ro = u32(b.buf, b.off + Sb.FeatureRoCompat);
    if (!(ro & RO_COMPAT_LARGE_FILE)) {
      set32(b.buf, b.off + Sb.FeatureRoCompat, ro | RO_COMPAT_LARGE_FILE);
      this.fs.cache.markDirty(b.block);
    }
  }

  private get xattrSectors(): number {
    return this.get32(In.FileAcl) ? this.fs.g.blockSize / 512 : 0;
  }

  private isFastSymlink(): boolean {
    return this.kind === 'symlink' && this.get32(In.Blocks) - this.xattrSectors === 0;
  }

  private symlinkBytes(): Uint8Array {
    const size = this.size;
    if (this.isFastSymlink()) {
      if (size >= I_BLOCK_BYTES) this.fs.corrupt(`fast symlink ${this.ino} claims ${size} bytes`);
      const buf = this.fs.cache.get(this.tableBlock);
      return buf.slice(this.tableOffset + In.Block, this.tableOffset + In.Block + size);
    }
    if (size > this.fs.g.blockSize) this.fs.corrupt(`symlink ${this.ino} claims ${size} bytes`);
    const block = mapBlock(this, 0, false);
    if (block === 0) return new Uint8Array(size);
    return this.fs.cache.get(block).slice(0, size);
  }

  private guard<T>(write: boolean, op: () => T): T {
    this.fs.begin(write);
    try {
      return op();
    } catch (error) {
      if (error instanceof KernelError) throw error;
      this.fs.options.log('error', `ext2 ${this.fs.options.name}: inode ${this.ino}: ${(error as Error).message}`);
      throw new KernelError(EIO);
    }
  }

  private checkDirectory(): void {
    if (this.kind !== 'directory') fail(ENOTDIR);
  }

  /** The inode an entry names, checked to be in use. */
  private child(ino: number, name: string): Ext2Node {
    const node = this.fs.node(ino);
    if (node.nlink === 0 || node.mode === 0) this.fs.corrupt(`directory ${this.ino}: "${name}" names free inode ${ino}`);
    return node;
  }

  // --- directories ---------------------------------------------------------

  lookup(name: string): Inode | null {
    return this.guard(false, () => {
      this.checkDirectory();
      const e = find(this, name);
      return e ? this.child(e.ino, name) : null;
    });
  }

  list(): DirectoryEntry[] {
    return this.guard(false, () => {
      this.checkDirectory();
      this.accessed();
      const entries: DirectoryEntry[] = [];
      scan(this, (e) => {
        if (e.ino !== 0) entries.push({ name: e.name, inode: this.child(e.ino, e.name) });
        return false;
      });
      return entries;
    });
  }

  createFile(name: string, permissions: number): Inode {
    return this.guard(true, () => this.create(name, 'file', permissions, null));
  }

  makeDirectory(name: string, permissions: number): Inode {
    return this.guard(true, () => this.create(name, 'directory', permissions, null));
  }

  symlink(name: string, target: string): Inode {
    return this.guard(true, () => {
      const bytes = encoder.encode(target);
      if (bytes.length >= this.fs.g.blockSize || bytes.length > 4095) fail(ENAMETOOLONG);
      return this.create(name, 'symlink', 0o777, bytes);
    });
  }

  private create(name: string, kind: InodeKind, permissions: number, linkTarget: Uint8Array | null): Ext2Node {
    this.checkDirectory();
    const nameBytes = encoder.encode(name);
    if (nameBytes.length > 255) fail(ENAMETOOLONG);
    if (name === '.' || name === '..' || find(this, name)) fail(EEXIST);
    if (kind === 'directory' && this.nlink >= MAX_LINKS) fail(EMLINK);
    const ino = allocateInode(this.fs, kind === 'directory', this.ino);
    const node = this.fs.node(ino);
    try {
      node.initialise(kind, permissions);
      if (kind === 'directory') initDirectory(node, this.ino, FT_DIR);
      if (linkTarget) node.storeSymlink(linkTarget);
      addEntry(this, name, ino, fileTypeOf(kind));
    } catch (error) {
      // Out of space half-way: give back what was taken, leave it consistent.
      node.destroy();
      throw error;
    }
    if (kind === 'directory') this.setLinks(this.nlink + 1);
    return node;
  }

  private initialise(kind: InodeKind, permissions: number): void {
    const buf = this.fs.cache.get(this.tableBlock);
    buf.fill(0, this.tableOffset, this.tableOffset + this.fs.g.inodeSize);
    this.fs.cache.markDirty(this.tableBlock);
    if (this.fs.g.inodeSize > 128) {
      const b = this.fs.superblock();
      const want = u16(b.buf, b.off + Sb.WantExtraIsize) || 32;
      this.put16(In.ExtraIsize, Math.min(want, this.fs.g.inodeSize - 128));
    }
    this.put16(In.Mode, typeBits(kind) | (permissions & 0o7777));
    this.setLinks(kind === 'directory' ? 2 : 1);
    this.put32(In.Generation, this.fs.newGeneration());
    const now = this.fs.nowNs();
    this.setTime(In.Atime, In.AtimeExtra, now);
    this.setTime(In.Mtime, In.MtimeExtra, now);
    this.setTime(In.Ctime, In.CtimeExtra, now);
    if (this.extraIsize >= 24) this.setTime(In.Crtime, In.CrtimeExtra, now);
    this.lastBlock = 0;
  }

  /** The formatter's step: this inode (2, reserved) becomes the root
   * directory, its own parent, counted as a used directory. */
  becomeRoot(): void {
    this.initialise('directory', 0o755);
    initDirectory(this, this.ino, FT_DIR);
    const d = this.fs.groupDesc(0);
    set16(d.buf, d.off + Gd.UsedDirs, u16(d.buf, d.off + Gd.UsedDirs) + 1);
    this.fs.cache.markDirty(d.block);
  }

  private storeSymlink(bytes: Uint8Array): void {
    if (bytes.length < I_BLOCK_BYTES) {
      this.fs.cache.get(this.tableBlock).set(bytes, this.tableOffset + In.Block);
      this.fs.cache.markDirty(this.tableBlock);
    } else {
      const block = mapBlock(this, 0, true);
      this.fs.cache.get(block).set(bytes);
      this.fs.cache.markDirty(block);
    }
    this.setSize(bytes.length);
  }

  link(name: string, inode: Inode): void {
    this.guard(true, () => {
      this.checkDirectory();
      if (!(inode instanceof Ext2Node) || inode.fs !== this.fs) fail(EXDEV);
      if (inode.kind === 'directory') fail(EPERM);
      if (inode.nlink >= MAX_LINKS) fail(EMLINK);
      if (encoder.encode(name).length > 255) fail(ENAMETOOLONG);
      if (find(this, name)) fail(EEXIST);
      addEntry(this, name, inode.ino, fileTypeOf(inode.kind));
      inode.setLinks(inode.nlink + 1);
      inode.touch(false);
    });
  }

  removeEntry(name: string, directory: boolean): void {
    this.guard(true, () => {
      this.checkDirectory();
      if (name === '.' || name === '..') fail(EINVAL);
      const e = find(this, name);
      if (!e) fail(ENOENT);
      const node = this.child(e.ino, name);
      const isDir = node.kind === 'directory';
      if (directory && !isDir) fail(ENOTDIR);
      if (!directory && isDir) fail(EISDIR);
      if (isDir && !isEmpty(node)) fail(ENOTEMPTY);
      removeEntry(this, e);
      this.dropLink(node);
    });
  }

  /** One name of `node` (in this directory) is gone. */
  private dropLink(node: Ext2Node): void {
    if (node.kind === 'directory') {
      node.setLinks(0);
      this.setLinks(Math.max(2, this.nlink - 1));
    } else {
      node.setLinks(Math.max(0, node.nlink - 1));
    }
    node.touch(false);
    if (node.nlink === 0 && node.openCount === 0) node.destroy();
  }

  rename(name: string, toDir: Inode, toName: string): void {
    this.guard(true, () => {
      this.checkDirectory();
      if (!(toDir instanceof Ext2Node) || toDir.fs !== this.fs) fail(EXDEV);
      toDir.checkDirectory();
      if (name === '.' || name === '..' || toName === '.' || toName === '..') fail(EINVAL);
      if (encoder.encode(toName).length > 255) fail(ENAMETOOLONG);
      const e = find(this, name);
      if (!e) fail(ENOENT);
      const node = this.child(e.ino, name);
      const isDir = node.kind === 'directory';
      if (isDir && toDir !== this) {
        // Not into itself or below it: walk up from the target by "..".
        for (let d: Ext2Node = toDir, steps = 0; d.ino !== 2; steps++) {
          if (d === node || steps > 4096) fail(EINVAL);
          const up = find(d, '..');
          if (!up) this.fs.corrupt(`directory ${d.ino} has no ".."`);
          d = this.fs.node(up.ino);
        }
        if (toDir === node) fail(EINVAL);
      }
      const existing = find(toDir, toName);
      if (existing) {
        if (existing.ino === node.ino) return;
        const victim = toDir.child(existing.ino, toName);
        if (isDir && victim.kind !== 'directory') fail(ENOTDIR);
        if (!isDir && victim.kind === 'directory') fail(EISDIR);
        if (victim.kind === 'directory' && !isEmpty(victim)) fail(ENOTEMPTY);
        retarget(toDir, existing, node.ino, fileTypeOf(node.kind));
        toDir.dropLink(victim);
        // The moved directory's ".." now links to toDir.
        if (isDir && toDir !== this) toDir.setLinks(toDir.nlink + 1);
      } else {
        if (isDir && toDir !== this && toDir.nlink >= MAX_LINKS) fail(EMLINK);
        addEntry(toDir, toName, node.ino, fileTypeOf(node.kind));
        if (isDir && toDir !== this) toDir.setLinks(toDir.nlink + 1);
      }
      // The old name may have moved if the new entry went into the same block.
      const old = find(this, name);
      if (old) removeEntry(this, old);
      if (isDir && toDir !== this) {
        const up = find(node, '..');
        if (up) retarget(node, up, toDir.ino, FT_DIR);
        this.setLinks(Math.max(2, this.nlink - 1));
      }
      node.touch(false);
    });
  }

  // --- file contents -----------------------------------------------------------

  read(offset: number, into: Uint8Array): number {
    return this.guard(false, () => {
      const kind = this.kind;
      if (kind === 'directory') fail(EISDIR);
      if (kind !== 'file') fail(EINVAL);
      const size = this.size;
      if (!(offset >= 0)) fail(EINVAL);
      if (offset >= size) return 0;
      const n = Math.min(into.length, size - offset);
      const bs = this.fs.g.blockSize;
      let done = 0;
      while (done < n) {
        const pos = offset + done;
        const logical = Math.floor(pos / bs);
        const within = pos % bs;
        const part = Math.min(bs - within, n - done);
        const block = mapBlock(this, logical, false);
        if (block === 0) into.fill(0, done, done + part);
        else into.set(this.fs.cache.get(block).subarray(within, within + part), done);
        done += part;
      }
      this.accessed();
      return n;
    });
  }

  write(offset: number, from: Uint8Array): number {
    return this.guard(true, () => {
      if (this.kind === 'directory') fail(EISDIR);
      if (this.kind !== 'file') fail(EINVAL);
      if (!(offset >= 0)) fail(EINVAL);
      const bs = this.fs.g.blockSize;
      const limit = this.maxSize();
      if (offset + from.length > limit) {
        if (offset >= limit) fail(EFBIG);
        from = from.subarray(0, limit - offset);
      }
      let done = 0;
      try {
        while (done < from.length) {
          const pos = offset + done;
          const logical = Math.floor(pos / bs);
          const within = pos % bs;
          const part = Math.min(bs - within, from.length - done);
          const block = mapBlock(this, logical, true);
          const buf = part === bs ? this.fs.cache.getZeroed(block) : this.fs.cache.get(block);
          buf.set(from.subarray(done, done + part), within);
          this.fs.cache.markDirty(block);
          done += part;
          if (offset + done > this.size) this.setSize(offset + done);
        }
      } catch (error) {
        if (!(error instanceof KernelError) || error.errno !== ENOSPC || done === 0) throw error;
      }
      this.touch(true);
      return done;
    });
  }

  private maxSize(): number {
    return Math.min(maxLogicalBlocks(this.fs.g.blockSize) * this.fs.g.blockSize, 2 ** 40);
  }

  truncate(size: number): void {
    this.guard(true, () => {
      if (this.kind !== 'file') fail(EINVAL);
      if (!(size >= 0)) fail(EINVAL);
      if (size > this.maxSize()) fail(EFBIG);
      const bs = this.fs.g.blockSize;
      const old = this.size;
      if (size < old) {
        freeFrom(this, Math.ceil(size / bs));
        // The rest of the last block must read as zeros if the file grows again.
        if (size % bs !== 0) {
          const block = mapBlock(this, Math.floor(size / bs), false);
          if (block !== 0) {
            this.fs.cache.get(block).fill(0, size % bs);
            this.fs.cache.markDirty(block);
          }
        }
      }
      this.setSize(size);
      this.touch(true);
    });
  }

  setAttributes(a: InodeAttributes): void {
    this.guard(true, () => {
      if (a.permissions !== undefined) this.put16(In.Mode, (this.mode & S_IFMT) | (a.permissions & 0o7777));
      if (a.uid !== undefined) {
        this.put16(In.Uid, a.uid & 0xffff);
        this.put16(In.UidHigh, (a.uid >>> 16) & 0xffff);
      }
      if (a.gid !== undefined) {
        this.put16(In.Gid, a.gid & 0xffff);
        this.put16(In.GidHigh, (a.gid >>> 16) & 0xffff);
      }
      if (a.atimeNs !== undefined) this.setTime(In.Atime, In.AtimeExtra, a.atimeNs);
      if (a.mtimeNs !== undefined) this.setTime(In.Mtime, In.MtimeExtra, a.mtimeNs);
      this.touch(false);
    });
  }

  /** fsync: the whole file system's dirty blocks go (simple and safe). */
  sync(): void {
    if (this.fs.readOnly) return;
    this.fs.begin(false);
    this.fs.sync();
  }

  opened(): void {
    this.openCount++;
  }

  closed(): void {
    this.openCount--;
    if (this.openCount === 0 && !this.fs.readOnly) {
      try {
        this.guard(true, () => {
          if (this.nlink === 0 && this.mode !== 0) this.destroy();
        });
      } catch (error) {
        if (!(error instanceof KernelError)) throw error;
      }
    }
  }

  /** Frees its blocks and the inode itself (the last name and open file are gone). */
  destroy(): void {
    const wasDir = (this.mode & S_IFMT) === 0o040000;
    if (!this.isFastSymlink()) freeFrom(this, 0);
    const acl = this.get32(In.FileAcl);
    if (acl !== 0) {
      this.releaseXattrBlock(acl);
      this.put32(In.FileAcl, 0);
    }
    this.put32(In.SizeLo, 0);
    this.put32(In.SizeHigh, 0);
    this.put32(In.Blocks, 0);
    this.setLinks(0);
    this.put32(In.Dtime, this.fs.nowSeconds());
    freeInode(this.fs, this.ino, wasDir);
    this.fs.forget(this.ino);
  }

  /** An extended-attribute block is shared by reference count (h_refcount at 4). */
  private releaseXattrBlock(block: number): void {
    if (!this.fs.validBlock(block)) this.fs.corrupt(`inode ${this.ino}'s attribute block ${block} is outside the file system`);
    const buf = this.fs.cache.get(block);
    const refs = u32(buf, 4);
    if (refs <= 1) {
      freeBlock(this.fs, block);
    } else {
      set32(buf, 4, refs - 1);
      this.fs.cache.markDirty(block);
    }
  }
}
