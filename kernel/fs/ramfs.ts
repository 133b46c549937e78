/**
 * A file system kept in kernel memory: the initramfs (filled from the boot
 * archive, then read-only) and /tmp (writable). Files grow by doubling.
 *
 * Its contents live in host memory, so a writable ramfs has a capacity,
 * like tmpfs's size= (ENOSPC beyond it): a program cannot make the host
 * allocate gigabytes with one write at a huge offset. A file's space is
 * given back when its last name is removed and its last open file closed.
 */
import { EEXIST, EFBIG, EINVAL, EISDIR, ENOENT, ENOSPC, ENOTDIR, ENOTEMPTY, EPERM, EROFS, EXDEV, fail } from '../syscall/errno';
import { FileSystem, FsStats, RAMFS_MAGIC, TMPFS_MAGIC } from './file-system';
import { DirectoryEntry, Inode, InodeAttributes, InodeKind } from './inode';
import { kernelCounters } from '../lib/counters';


/** The largest file (a JavaScript typed array's limit is higher; this
 * keeps offsets exact and allocations sane). */
const MAX_FILE_BYTES = 2 ** 31 - 1;

export class RamFs implements FileSystem {
  readonly dev = kernelCounters.nextRamFsDevice++;
  private nextIno = 1;
  readonly root: RamNode;
  readOnly = false;
  openFiles = 0;
  openWriters = 0;
  /** Bytes held by file contents (allocated, not just written). */
  usedBytes = 0;

  constructor(
    /** Its type in /proc/mounts: 'tmpfs', or 'rootfs' for the initramfs. */
    readonly type: string,
    private readonly clock: () => number,
    /** The most file contents it may hold, in bytes. */
    readonly capacityBytes = Infinity,
  ) {
    this.root = this.newNode('directory', 0o755, null);
  }

  newNode(kind: InodeKind, permissions: number, parent: RamNode | null, target?: string): RamNode {
    return new RamNode(this, this.nextIno++, kind, permissions, parent, this.clock(), target);
  }

  now(): number {
    return this.clock();
  }

  statfs(): FsStats {
    const blockSize = 4096;
    const total = Number.isFinite(this.capacityBytes) ? Math.floor(this.capacityBytes / blockSize) : Math.ceil(this.usedBytes / blockSize);
    const used = Math.ceil(this.usedBytes / blockSize);
    const free = Math.max(0, total - used);
    return { type: this.type === 'tmpfs' ? TMPFS_MAGIC : RAMFS_MAGIC, blockSize, blocks: total, freeBlocks: free, availableBlocks: free, files: this.nextIno - 1, freeFiles: 0, nameMax: 255 };
  }

  /** Nothing to write back: it lives in memory. */
  sync(): void {}

  /** MS_REMOUNT: nothing to write back either way. */
  remount(readOnly: boolean): void {
    this.readOnly = readOnly;
  }

  /** Adds a file (and missing parent directories) while building the
   * image, with a copy of `data`; `adopt`: the file keeps `data` itself,
   * which the caller gives up (no copy: the initramfs's files are views on
   * the unpacked archive). */
  addFile(path: string, permissions: number, data: Uint8Array, mtimeNs = this.clock(), adopt = false): RamNode {
    const parts = path.split('/').filter((p) => p !== '');
    const name = parts.pop();
    if (!name) throw new Error(`ramfs: no file name in "${path}"`);
    const dir = this.ensureDirectory(parts);
    const node = this.newNode('file', permissions, dir);
    if (adopt && data.buffer instanceof ArrayBuffer) node.adoptContents(data as Uint8Array<ArrayBuffer>);
    else node.setContents(data);
    node.mtimeNs = mtimeNs;
    dir.children!.set(name, node);
    return node;
  }

  /** Adds a symbolic link while building the image. */
  addSymlink(path: string, target: string): RamNode {
    const parts = path.split('/').filter((p) => p !== '');
    const name = parts.pop();
    if (!name) throw new Error(`ramfs: no link name in "${path}"`);
    const dir = this.ensureDirectory(parts);
    const node = this.newNode('symlink', 0o777, dir, target);
    dir.children!.set(name, node);
    return node;
  }

  ensureDirectory(parts: readonly string[], permissions = 0o755): RamNode {
    let dir = this.root;
    for (const part of parts) {
      let next = dir.children!.get(part);
      if (!next) {
        next = this.newNode('directory', permissions, dir);
        dir.children!.set(part, next);
      }
      if (next.kind !== 'directory') throw new Error(`ramfs: ${part} is not a directory`);
      dir = next;
    }
    return dir;
  }
}

export class RamNode implements Inode {
  readonly children: Map<string, RamNode> | null;
  private data = new Uint8Array(0);
  private length = 0;
  readonly rdev = 0;
  uid = 0;
  gid = 0;
  atimeNs: number;
  ctimeNs: number;
  /** Open descriptions referring to it, and the names it has. */
  private openCount = 0;
  private names = 1;

  constructor(
    private readonly owner: RamFs,
    readonly ino: number,
    readonly kind: InodeKind,
    public permissions: number,
    public parent: RamNode | null,
    public mtimeNs: number,
    readonly target?: string,
  ) {
    this.children = kind === 'directory' ? new Map() : null;
    this.atimeNs = mtimeNs;
    this.ctimeNs = mtimeNs;
  }

  get fs(): RamFs {
    return this.owner;
  }

  get dev(): number {
    return this.owner.dev;
  }

  get unlinked(): boolean {
    return this.names === 0;
  }

  get size(): number {
    if (this.kind === 'symlink') return new TextEncoder().encode(this.target!).length;
    return this.kind === 'directory' ? 4096 : this.length;
  }

  get nlink(): number {
    if (!this.children) return this.names;
    let dirs = 0;
    for (const c of this.children.values()) if (c.kind === 'directory') dirs++;
    return 2 + dirs;
  }

  setContents(data: Uint8Array): void {
    this.adoptContents(data.slice());
  }

  /** The file's bytes become `data` itself (the caller no longer writes
   * it). Writes within the length change `data`'s bytes only; growing
   * copies them to a buffer of the file's own. */
  adoptContents(data: Uint8Array<ArrayBuffer>): void {
    this.owner.usedBytes += data.length - this.data.length;
    this.data = data;
    this.length = data.length;
  }

  lookup(name: string): Inode | null {
    if (!this.children) fail(ENOTDIR);
    if (name === '.') return this;
    if (name === '..') return this.parent ?? this;
    return this.children.get(name) ?? null;
  }

  list(): DirectoryEntry[] {
    if (!this.children) fail(ENOTDIR);
    const entries: DirectoryEntry[] = [
      { name: '.', inode: this },
      { name: '..', inode: this.parent ?? this },
    ];
    for (const [name, inode] of this.children) entries.push({ name, inode });
    return entries;
  }

  createFile(name: string, permissions: number): Inode {
    return this.addChild(name, this.owner.newNode('file', permissions, this));
  }

  makeDirectory(name: string, permissions: number): Inode {
    return this.addChild(name, this.owner.newNode('directory', permissions, this));
  }

  symlink(name: string, target: string): Inode {
    return this.addChild(name, this.owner.newNode('symlink', 0o777, this, target));
  }

  link(name: string, inode: Inode): void {
    if (!(inode instanceof RamNode) || inode.owner !== this.owner) fail(EXDEV);
    if (inode.kind === 'directory') fail(EPERM);
    this.addChild(name, inode);
    inode.names++;
    inode.ctimeNs = this.owner.now();
  }

  removeEntry(name: string, directory: boolean): void {
    this.checkWritable();
    const child = this.children?.get(name);
    if (!child) fail(ENOENT);
    if (directory && child.kind !== 'directory') fail(ENOTDIR);
    if (!directory && child.kind === 'directory') fail(EISDIR);
    if (directory && child.children!.size > 0) fail(ENOTEMPTY);
    this.children!.delete(name);
    child.dropName();
    this.touch();
  }

  rename(name: string, toDir: Inode, toName: string): void {
    this.checkWritable();
    if (!(toDir instanceof RamNode) || toDir.owner !== this.owner) fail(EXDEV);
    if (!toDir.children) fail(ENOTDIR);
    const child = this.children?.get(name);
    if (!child) fail(ENOENT);
    if (toName === '.' || toName === '..' || name === '.' || name === '..') fail(EINVAL);
    // A directory cannot move below itself.
    for (let d: RamNode | null = toDir; d; d = d.parent) if (d === child) fail(EINVAL);
    const existing = toDir.children.get(toName);
    if (existing === child) return;
    if (existing) {
      if (child.kind === 'directory' && existing.kind !== 'directory') fail(ENOTDIR);
      if (child.kind !== 'directory' && existing.kind === 'directory') fail(EISDIR);
      if (existing.children && existing.children.size > 0) fail(ENOTEMPTY);
      existing.dropName();
    }
    this.children!.delete(name);
    toDir.children.set(toName, child);
    child.parent = toDir;
    this.touch();
    toDir.touch();
  }

  read(offset: number, into: Uint8Array): number {
    if (this.kind === 'directory') fail(EISDIR);
    if (offset >= this.length) return 0;
    const n = Math.min(into.length, this.length - offset);
    into.set(this.data.subarray(offset, offset + n));
    return n;
  }

  write(offset: number, from: Uint8Array): number {
    this.checkWritable();
    if (this.kind === 'directory') fail(EISDIR);
    if (!(offset >= 0)) fail(EINVAL);
    const end = offset + from.length;
    this.reserve(end);
    this.data.set(from, offset);
    this.length = Math.max(this.length, end);
    this.mtimeNs = this.ctimeNs = this.owner.now();
    return from.length;
  }

  truncate(size: number): void {
    this.checkWritable();
    if (!(size >= 0)) fail(EINVAL);
    this.reserve(size);
    if (size < this.length) this.data.fill(0, size, this.length);
    this.length = size;
    this.mtimeNs = this.ctimeNs = this.owner.now();
    if (size <= this.data.length / 2) {
      // Give most of the space back (O_TRUNC of a big file, say).
      const kept = this.data.slice(0, size);
      this.owner.usedBytes -= this.data.length - kept.length;
      this.data = kept;
    }
  }

  setAttributes(a: InodeAttributes): void {
    this.checkWritable();
    if (a.permissions !== undefined) this.permissions = a.permissions & 0o7777;
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
    if (a.atimeNs !== undefined) this.atimeNs = a.atimeNs;
    if (a.mtimeNs !== undefined) this.mtimeNs = a.mtimeNs;
    this.ctimeNs = this.owner.now();
  }

  private addChild(name: string, node: RamNode): Inode {
    this.checkWritable();
    if (!this.children) fail(ENOTDIR);
    if (this.children.has(name) || name === '.' || name === '..') fail(EEXIST);
    this.children.set(name, node);
    this.touch();
    return node;
  }

  private touch(): void {
    this.mtimeNs = this.ctimeNs = this.owner.now();
  }

  opened(): void {
    this.openCount++;
  }

  closed(): void {
    this.openCount--;
    this.freeIfUnused();
  }

  private dropName(): void {
    this.names = Math.max(0, this.names - 1);
    this.ctimeNs = this.owner.now();
    this.freeIfUnused();
  }

  /** Gives the contents' space back once the last name is gone and the last
   * open description closed (until then the file stays usable). */
  freeIfUnused(): void {
    if (this.names > 0 || this.openCount > 0) return;
    this.owner.usedBytes -= this.data.length;
    this.data = new Uint8Array(0);
    this.length = 0;
  }

  /** Makes room for `size` bytes: doubling, within the capacity. */
  private reserve(size: number): void {
    if (size <= this.data.length) return;
    if (!Number.isSafeInteger(size) || size > MAX_FILE_BYTES) fail(EFBIG);
    const free = this.owner.capacityBytes - this.owner.usedBytes;
    if (size - this.data.length > free) fail(ENOSPC);
    const wanted = Math.max(size, this.data.length * 2, 64);
    const grownSize = Math.min(wanted, this.data.length + free);
    const grown = new Uint8Array(grownSize);
    grown.set(this.data.subarray(0, this.length));
    this.owner.usedBytes += grownSize - this.data.length;
    this.data = grown;
  }

  private checkWritable(): void {
    if (this.owner.readOnly) fail(EROFS);
  }
}
