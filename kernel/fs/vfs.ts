/**
 * The name space: a root file system and others mounted on its directories
 * (/dev, /tmp). Paths reaching here are absolute and normalised
 * (kernel/fs/path.ts); the walk crosses into a mounted file system when it
 * reaches its mount point.
 */
import { ENOENT, ENOTDIR, fail } from '../syscall/errno';
import type { Inode } from './inode';
import { splitLast } from './path';

export class Vfs {
  private readonly mounts = new Map<string, Inode>();

  constructor(private readonly rootInode: Inode) {}

  get root(): Inode {
    return this.rootInode;
  }

  /** Mounts `fsRoot` at the absolute directory `path` (which must exist). */
  mount(path: string, fsRoot: Inode): void {
    if (path !== '/') {
      const at = this.lookup(path);
      if (at.kind !== 'directory') fail(ENOTDIR);
    }
    this.mounts.set(path, fsRoot);
  }

  /** The inode at `path`; throws ENOENT / ENOTDIR. */
  lookup(path: string): Inode {
    let node = this.mounts.get('/') ?? this.rootInode;
    let walked = '';
    for (const part of path.split('/')) {
      if (part === '') continue;
      if (node.kind !== 'directory' || !node.lookup) fail(ENOTDIR);
      const next = node.lookup(part);
      if (!next) fail(ENOENT);
      walked += '/' + part;
      node = this.mounts.get(walked) ?? next;
    }
    return node;
  }

  /** The directory that would hold `path`, and the name inside it. */
  parentOf(path: string): { dir: Inode; name: string } {
    const { parent, name } = splitLast(path);
    const dir = this.lookup(parent);
    if (dir.kind !== 'directory') fail(ENOTDIR);
    return { dir, name };
  }

  /** True when `path` is a mount point (it cannot be removed). */
  isMountPoint(path: string): boolean {
    return this.mounts.has(path);
  }
}
