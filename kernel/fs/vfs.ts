/**
 * The name space: a root file system and others mounted on its directories
 * (/dev, /tmp, /proc, ext2 disks), kept in a mount table. Paths reaching
 * here are absolute and normalised (kernel/fs/path.ts); the walk crosses
 * into a mounted file system at its mount point and follows symbolic links
 * (at most 40, as Linux), restarting from the root with the link's target
 * spliced in, so ".." after a link is resolved textually.
 */
import { EBUSY, EINVAL, ELOOP, ENOENT, ENOTDIR, fail } from '../syscall/errno';
import type { FileSystem } from './file-system';
import type { Inode } from './inode';
import { absolutePath, splitLast } from './path';

const MAX_SYMLINKS = 40;

export interface Mount {
  /** Where it is mounted (absolute, normal). */
  readonly path: string;
  /** What was mounted: a device path, or the type's name ("tmpfs"). */
  readonly source: string;
  readonly fs: FileSystem;
  /** The directory seen at `path`: the file system's root, or for a bind
   * mount the directory that was bound. */
  readonly root: Inode;
}

export interface Resolved {
  inode: Inode;
  /** The path with every symbolic link on the way resolved. */
  path: string;
  /** The mount the inode lives in. */
  mount: Mount;
}

export class Vfs {
  private readonly table: Mount[] = [];
  private readonly byPath = new Map<string, Mount>();

  constructor(rootFs: FileSystem, rootSource: string) {
    this.add({ path: '/', source: rootSource, fs: rootFs, root: rootFs.root });
  }

  get root(): Inode {
    return this.byPath.get('/')!.root;
  }

  /** The mounts in the order they were made (/proc/mounts). */
  mounts(): readonly Mount[] {
    return this.table;
  }

  /** Mounts `fs` at the absolute directory `path` (which must exist). */
  mount(path: string, fs: FileSystem, source: string): void {
    const at = this.resolve(path);
    if (at.inode.kind !== 'directory') fail(ENOTDIR);
    if (this.byPath.has(at.path)) fail(EBUSY);
    this.add({ path: at.path, source, fs, root: fs.root });
  }

  /** MS_BIND: the directory at `from` also appears at `path` (same file
   * system, same files); returns the new mount. */
  bind(from: string, path: string): Mount {
    const source = this.resolve(from);
    const at = this.resolve(path);
    if (source.inode.kind !== 'directory' || at.inode.kind !== 'directory') fail(ENOTDIR);
    if (this.byPath.has(at.path)) fail(EBUSY);
    const m = { path: at.path, source: source.mount.source, fs: source.mount.fs, root: source.inode };
    this.add(m);
    return m;
  }

  /** The mount whose mount point is `path` (MS_REMOUNT); EINVAL if none. */
  mountAt(path: string): Mount {
    const resolved = this.resolve(path);
    const m = this.byPath.get(resolved.path);
    if (!m || m.root !== resolved.inode) fail(EINVAL);
    return m;
  }

  /** Unmounts what is mounted at `path` after writing its cache back;
   * EBUSY while files are open on it or something is mounted below it. */
  umount(path: string, busy: (mountPath: string) => boolean = () => false): Mount {
    const m = this.mountAt(path);
    if (m.path === '/') fail(EBUSY);
    if (m.fs.openFiles > 0 || busy(m.path)) fail(EBUSY);
    if (this.table.some((other) => other !== m && other.path.startsWith(m.path + '/'))) fail(EBUSY);
    m.fs.sync();
    this.table.splice(this.table.indexOf(m), 1);
    this.byPath.delete(m.path);
    // A file system bound elsewhere too stays mounted there.
    if (!this.table.some((other) => other.fs === m.fs)) m.fs.unmounted?.();
    return m;
  }

  /** Writes every mounted file system's cache back (sync, power-off). */
  syncAll(): void {
    for (const m of this.table) m.fs.sync();
  }

  /** The inode at `path`; throws ENOENT / ENOTDIR / ELOOP. */
  lookup(path: string, followLast = true): Inode {
    return this.resolve(path, followLast).inode;
  }

  /** The inode at `path`, its real path and its mount. */
  resolve(path: string, followLast = true): Resolved {
    let parts = path.split('/').filter((p) => p !== '');
    let mount = this.byPath.get('/')!;
    let node = mount.root;
    let walked = '';
    let links = 0;
    for (let i = 0; i < parts.length; i++) {
      if (node.kind !== 'directory' || !node.lookup) fail(ENOTDIR);
      const part = parts[i];
      let next = node.lookup(part);
      if (!next) fail(ENOENT);
      const here = walked + '/' + part;
      const mounted = this.byPath.get(here);
      if (mounted) {
        mount = mounted;
        next = mounted.root;
      }
      const last = i === parts.length - 1;
      if (next.kind === 'symlink' && (!last || followLast)) {
        if (++links > MAX_SYMLINKS) fail(ELOOP);
        const target = next.target ?? '';
        if (target === '') fail(ENOENT);
        const rest = parts.slice(i + 1).join('/');
        const joined = absolutePath(walked === '' ? '/' : walked, target + (rest ? '/' + rest : ''));
        parts = joined.split('/').filter((p) => p !== '');
        mount = this.byPath.get('/')!;
        node = mount.root;
        walked = '';
        i = -1;
        continue;
      }
      walked = here;
      node = next;
    }
    return { inode: node, path: walked === '' ? '/' : walked, mount };
  }

  /** The directory that would hold `path` (links in the parent followed),
   * and the name inside it. */
  parentOf(path: string): { dir: Inode; name: string; path: string; mount: Mount } {
    const { parent, name } = splitLast(path);
    const at = this.resolve(parent);
    if (at.inode.kind !== 'directory') fail(ENOTDIR);
    const full = at.path === '/' ? '/' + name : at.path + '/' + name;
    return { dir: at.inode, name, path: full, mount: at.mount };
  }

  /** True when `path` is a mount point (it cannot be removed). */
  isMountPoint(path: string): boolean {
    return this.byPath.has(path);
  }

  /** The mount whose file system holds `inode` (fstatfs), if known. */
  mountOfInode(inode: Inode): Mount | null {
    if (inode.fs) return this.table.find((m) => m.fs === inode.fs) ?? null;
    return this.table.find((m) => m.root === inode) ?? null;
  }

  private add(m: Mount): void {
    this.table.push(m);
    this.byPath.set(m.path, m);
  }
}
