/**
 * A directory of device nodes: a fixed set of entries the kernel fills at
 * boot. /dev itself (devfs.ts) is one, and so is /dev/input.
 */
import { EISDIR, fail } from '../../syscall/errno';
import type { DirectoryEntry, Inode } from '../inode';

export const DEVFS_DEV = 0x0005;

export class DeviceDirectory implements Inode {
  readonly kind = 'directory' as const;
  readonly permissions = 0o755;
  readonly size = 0;
  readonly nlink = 2;
  readonly rdev = 0;
  readonly mtimeNs = 0;
  readonly dev = DEVFS_DEV;
  protected readonly entries = new Map<string, Inode>();

  /** `parentDirectory`: its "..", or null when a subclass knows it later
   * (devfs: wherever /dev is mounted). */
  constructor(
    readonly ino: number,
    private readonly parentDirectory: Inode | null,
  ) {}

  add(name: string, inode: Inode): void {
    this.entries.set(name, inode);
  }

  protected parent(): Inode {
    return this.parentDirectory ?? this;
  }

  lookup(name: string): Inode | null {
    if (name === '.') return this;
    if (name === '..') return this.parent();
    return this.entries.get(name) ?? null;
  }

  list(): DirectoryEntry[] {
    return [{ name: '.', inode: this }, { name: '..', inode: this.parent() }, ...[...this.entries].map(([name, inode]) => ({ name, inode }))];
  }

  read(): number {
    fail(EISDIR);
  }
}
