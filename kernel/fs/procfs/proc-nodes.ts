/**
 * The building blocks of /proc: directories whose children are computed at
 * lookup, read-only files whose text is generated when read, and symbolic
 * links whose target is computed. Nothing is stored; every read sees the
 * system as it is now.
 */
import { EISDIR, ENOTDIR, fail } from '../../syscall/errno';
import type { FileSystem } from '../file-system';
import type { DirectoryEntry, Inode } from '../inode';

export const PROC_DEV = 0x0004;
const encoder = new TextEncoder();

export abstract class ProcNode {
  readonly nlink: number = 1;
  readonly rdev = 0;
  readonly dev = PROC_DEV;
  constructor(
    readonly ino: number,
    readonly fs: FileSystem,
    private readonly timeNs: () => number,
  ) {}
  get mtimeNs(): number {
    return this.timeNs();
  }
}

export class ProcFile extends ProcNode implements Inode {
  readonly kind = 'file' as const;
  readonly permissions = 0o444;
  constructor(
    ino: number,
    fs: FileSystem,
    timeNs: () => number,
    private readonly generate: () => string | Uint8Array,
  ) {
    super(ino, fs, timeNs);
  }
  /** Like Linux's /proc files: size 0, whatever read returns. */
  readonly size = 0;
  read(offset: number, into: Uint8Array): number {
    const content = this.generate();
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    if (offset >= bytes.length) return 0;
    const n = Math.min(into.length, bytes.length - offset);
    into.set(bytes.subarray(offset, offset + n));
    return n;
  }
}

export class ProcLink extends ProcNode implements Inode {
  readonly kind = 'symlink' as const;
  readonly permissions = 0o777;
  constructor(
    ino: number,
    fs: FileSystem,
    timeNs: () => number,
    private readonly resolve: () => string,
  ) {
    super(ino, fs, timeNs);
  }
  get target(): string {
    return this.resolve();
  }
  get size(): number {
    return encoder.encode(this.resolve()).length;
  }
}

export class ProcDirectory extends ProcNode implements Inode {
  readonly kind = 'directory' as const;
  readonly permissions = 0o555;
  readonly size = 0;
  override readonly nlink = 2;
  constructor(
    ino: number,
    fs: FileSystem,
    timeNs: () => number,
    private readonly parent: () => Inode,
    /** The children now, by name (computed at every lookup and listing). */
    private readonly children: () => Map<string, () => Inode>,
  ) {
    super(ino, fs, timeNs);
  }
  lookup(name: string): Inode | null {
    if (name === '.') return this;
    if (name === '..') return this.parent();
    const make = this.children().get(name);
    return make ? make() : null;
  }
  list(): DirectoryEntry[] {
    const entries: DirectoryEntry[] = [
      { name: '.', inode: this },
      { name: '..', inode: this.parent() },
    ];
    for (const [name, make] of this.children()) entries.push({ name, inode: make() });
    return entries;
  }
  read(): number {
    fail(EISDIR);
  }
}

export function notDirectory(): never {
  fail(ENOTDIR);
}
