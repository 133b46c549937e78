/**
 * A directory of device nodes inside /dev (/dev/input): a fixed set of
 * entries the kernel fills at boot.
 */
import { EISDIR, fail } from '../../syscall/errno';
import type { DirectoryEntry, Inode } from '../inode';

const DEVFS_DEV = 0x0005;

export class DeviceDirectory implements Inode {
  readonly kind = 'directory' as const;
  readonly permissions = 0o755;
  readonly size = 0;
  readonly nlink = 2;
  readonly rdev = 0;
  readonly mtimeNs = 0;
  readonly dev = DEVFS_DEV;
  private readonly entries = new Map<string, Inode>();

  constructor(
    readonly ino: number,
    private readonly parent: Inode,
  ) {}

  add(name: string, inode: Inode): void {
    this.entries.set(name, inode);
  }

  lookup(name: string): Inode | null {
    if (name === '.') return this;
    if (name === '..') return this.parent;
    return this.entries.get(name) ?? null;
  }

  list(): DirectoryEntry[] {
    return [{ name: '.', inode: this }, { name: '..', inode: this.parent }, ...[...this.entries].map(([name, inode]) => ({ name, inode }))];
  }

  read(): number {
    fail(EISDIR);
  }
}
