/**
 * A file system kept in kernel memory: the initramfs (filled from the boot
 * archive, then read-only) and /tmp (writable). Files grow by doubling.
 *
 * Its contents live in host memory, so a writable ramfs has a capacity,
 * like tmpfs's size= (ENOSPC beyond it): a program cannot make the host
 * allocate gigabytes with one write at a huge offset. A file's space is
 * given back when its name is removed.
 */
import { EEXIST, EFBIG, EINVAL, EISDIR, ENOENT, ENOSPC, ENOTDIR, ENOTEMPTY, EROFS, fail } from '../syscall/errno';
import { DirectoryEntry, Inode, InodeKind } from './inode';

let nextDevice = 1;

/** The largest file (a JavaScript typed array's limit is higher; this
 * keeps offsets exact and allocations sane). */
const MAX_FILE_BYTES = 2 ** 31 - 1;

export class RamFs {
  readonly dev = nextDevice++;
  private nextIno = 1;
  readonly root: RamNode;
  readOnly = false;
  /** Bytes held by file contents (allocated, not just written). */
  usedBytes = 0;

  constructor(
    readonly name: string,
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

  /** Adds a file (and missing parent directories) while building the image. */
  addFile(path: string, permissions: number, data: Uint8Array, mtimeNs = this.clock()): RamNode {
    const parts = path.split('/').filter((p) => p !== '');
    const name = parts.pop();
    if (!name) throw new Error(`ramfs: no file name in "${path}"`);
    const dir = this.ensureDirectory(parts);
    const node = this.newNode('file', permissions, dir);
    node.setContents(data);
    node.mtimeNs = mtimeNs;
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
  /** Open descriptions referring to it, and whether its name is gone. */
  private openCount = 0;
  unlinked = false;

  constructor(
    private readonly fs: RamFs,
    readonly ino: number,
    readonly kind: InodeKind,
    readonly permissions: number,
    readonly parent: RamNode | null,
    public mtimeNs: number,
    readonly target?: string,
  ) {
    this.children = kind === 'directory' ? new Map() : null;
  }

  get dev(): number {
    return this.fs.dev;
  }

  get size(): number {
    if (this.kind === 'symlink') return this.target!.length;
    return this.kind === 'directory' ? 4096 : this.length;
  }

  get nlink(): number {
    if (!this.children) return 1;
    let dirs = 0;
    for (const c of this.children.values()) if (c.kind === 'directory') dirs++;
    return 2 + dirs;
  }

  setContents(data: Uint8Array): void {
    this.fs.usedBytes += data.length - this.data.length;
    this.data = data.slice();
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
    return this.addChild(name, 'file', permissions);
  }

  makeDirectory(name: string, permissions: number): Inode {
    return this.addChild(name, 'directory', permissions);
  }

  removeEntry(name: string, directory: boolean): void {
    this.checkWritable();
    const child = this.children?.get(name);
    if (!child) fail(ENOENT);
    if (directory && child.kind !== 'directory') fail(ENOTDIR);
    if (!directory && child.kind === 'directory') fail(EISDIR);
    if (directory && child.children!.size > 0) fail(ENOTEMPTY);
    this.children!.delete(name);
    child.unlinked = true;
    child.freeIfUnused();
    this.mtimeNs = this.fs.now();
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
    this.mtimeNs = this.fs.now();
    return from.length;
  }

  truncate(size: number): void {
    this.checkWritable();
    if (!(size >= 0)) fail(EINVAL);
    this.reserve(size);
    if (size < this.length) this.data.fill(0, size, this.length);
    this.length = size;
    if (size <= this.data.length / 2) {
      // Give most of the space back (O_TRUNC of a big file, say).
      const kept = this.data.slice(0, size);
      this.fs.usedBytes -= this.data.length - kept.length;
      this.data = kept;
    }
  }

  private addChild(name: string, kind: InodeKind, permissions: number): Inode {
    this.checkWritable();
    if (!this.children) fail(ENOTDIR);
    if (this.children.has(name) || name === '.' || name === '..') fail(EEXIST);
    const node = this.fs.newNode(kind, permissions, this);
    this.children.set(name, node);
    this.mtimeNs = this.fs.now();
    return node;
  }

  opened(): void {
    this.openCount++;
  }

  closed(): void {
    this.openCount--;
    this.freeIfUnused();
  }

  /** Gives the contents' space back once the name is gone and the last
   * open description closed (until then the file stays usable). */
  freeIfUnused(): void {
    if (!this.unlinked || this.openCount > 0) return;
    this.fs.usedBytes -= this.data.length;
    this.data = new Uint8Array(0);
    this.length = 0;
  }

  /** Makes room for `size` bytes: doubling, within the capacity. */
  private reserve(size: number): void {
    if (size <= this.data.length) return;
    if (!Number.isSafeInteger(size) || size > MAX_FILE_BYTES) fail(EFBIG);
    const free = this.fs.capacityBytes - this.fs.usedBytes;
    if (size - this.data.length > free) fail(ENOSPC);
    const wanted = Math.max(size, this.data.length * 2, 64);
    const grownSize = Math.min(wanted, this.data.length + free);
    const grown = new Uint8Array(grownSize);
    grown.set(this.data.subarray(0, this.length));
    this.fs.usedBytes += grownSize - this.data.length;
    this.data = grown;
  }

  private checkWritable(): void {
    if (this.fs.readOnly) fail(EROFS);
  }
}
