/**
 * System calls that change names and attributes: rename, link, symlink,
 * chmod, chown, utimensat, truncate. Each checks what Linux checks before
 * the file system is asked (same mount: EXDEV; read-only mount: EROFS).
 */
import type { UserContext } from '../../hal/trap';
import type { Inode, InodeAttributes } from '../fs/inode';
import type { Process } from '../proc/process';
import { AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW, atPath, readPath, readTimespec } from './args';
import { EBUSY, EEXIST, EINVAL, EISDIR, ENOENT, EPERM, EROFS, EXDEV, fail } from './errno';
import type { KernelServices, SyscallResult } from './services';
import { inodeAt } from './sys-file';

const RENAME_NOREPLACE = 1;
const UTIME_NOW = 0x3fffffff;
const UTIME_OMIT = 0x3ffffffe;

function rename(k: KernelServices, from: string, to: string, flags: number): number {
  if (flags & ~RENAME_NOREPLACE) return -EINVAL;
  const src = k.vfs.parentOf(from);
  const dst = k.vfs.parentOf(to);
  if (src.mount !== dst.mount) return -EXDEV;
  if (src.mount.fs.readOnly) return -EROFS;
  if (k.vfs.isMountPoint(src.path) || k.vfs.isMountPoint(dst.path)) return -EBUSY;
  if (!src.dir.lookup?.(src.name)) return -ENOENT;
  if (flags & RENAME_NOREPLACE && dst.dir.lookup?.(dst.name)) return -EEXIST;
  if (!src.dir.rename) return -EPERM;
  src.dir.rename(src.name, dst.dir, dst.name);
  return 0;
}

export function sysRename(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return rename(k, atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), atPath(p, AT_FDCWD, readPath(p, c.argWord(1))), 0);
}

export function sysRenameat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return rename(k, atPath(p, c.argInt(0), readPath(p, c.argWord(1))), atPath(p, c.argInt(2), readPath(p, c.argWord(3))), 0);
}

export function sysRenameat2(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return rename(k, atPath(p, c.argInt(0), readPath(p, c.argWord(1))), atPath(p, c.argInt(2), readPath(p, c.argWord(3))), c.argInt(4));
}

function link(k: KernelServices, from: string, to: string, follow: boolean): number {
  const target = k.vfs.resolve(from, follow);
  const dst = k.vfs.parentOf(to);
  if (target.mount !== dst.mount) return -EXDEV;
  if (target.inode.kind === 'directory') return -EPERM;
  if (dst.mount.fs.readOnly) return -EROFS;
  if (dst.dir.lookup?.(dst.name)) return -EEXIST;
  if (!dst.dir.link) return -EPERM;
  dst.dir.link(dst.name, target.inode);
  return 0;
}

export function sysLink(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return link(k, atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), atPath(p, AT_FDCWD, readPath(p, c.argWord(1))), false);
}

export function sysLinkat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const AT_SYMLINK_FOLLOW = 0x400;
  return link(k, atPath(p, c.argInt(0), readPath(p, c.argWord(1))), atPath(p, c.argInt(2), readPath(p, c.argWord(3))), (c.argInt(4) & AT_SYMLINK_FOLLOW) !== 0);
}

function symlink(k: KernelServices, target: string, at: string): number {
  if (target === '') return -ENOENT;
  const dst = k.vfs.parentOf(at);
  if (dst.dir.lookup?.(dst.name)) return -EEXIST;
  if (!dst.dir.symlink || dst.mount.fs.readOnly) return -EROFS;
  dst.dir.symlink(dst.name, target);
  return 0;
}

export function sysSymlink(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return symlink(k, readPath(p, c.argWord(0)), atPath(p, AT_FDCWD, readPath(p, c.argWord(1))));
}

export function sysSymlinkat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return symlink(k, readPath(p, c.argWord(0)), atPath(p, c.argInt(1), readPath(p, c.argWord(2))));
}

function setAttributes(inode: Inode, a: InodeAttributes): number {
  if (inode.fs?.readOnly) return -EROFS;
  if (!inode.setAttributes) return -EPERM;
  inode.setAttributes(a);
  return 0;
}

export function sysChmod(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return setAttributes(k.vfs.lookup(atPath(p, AT_FDCWD, readPath(p, c.argWord(0)))), { permissions: c.argInt(1) & 0o7777 });
}

export function sysFchmod(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return setAttributes(p.fds.get(c.argInt(0)).inode, { permissions: c.argInt(1) & 0o7777 });
}

export function sysFchmodat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return setAttributes(inodeAt(k, p, c.argInt(0), c.argWord(1), 0), { permissions: c.argInt(2) & 0o7777 });
}

/** chown's ids: -1 (as unsigned) leaves the field as it is. */
function owners(uid: number, gid: number): InodeAttributes {
  const a: InodeAttributes = {};
  if (uid >>> 0 !== 0xffffffff) a.uid = uid >>> 0;
  if (gid >>> 0 !== 0xffffffff) a.gid = gid >>> 0;
  return a;
}

export function sysChown(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return setAttributes(k.vfs.lookup(atPath(p, AT_FDCWD, readPath(p, c.argWord(0)))), owners(c.argInt(1), c.argInt(2)));
}

export function sysLchown(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return setAttributes(k.vfs.lookup(atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), false), owners(c.argInt(1), c.argInt(2)));
}

export function sysFchown(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return setAttributes(p.fds.get(c.argInt(0)).inode, owners(c.argInt(1), c.argInt(2)));
}

export function sysFchownat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return setAttributes(inodeAt(k, p, c.argInt(0), c.argWord(1), c.argInt(4)), owners(c.argInt(2), c.argInt(3)));
}

/** utimensat(dirfd, path, times[2], flags); a null path means dirfd itself. */
export function sysUtimensat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const dirfd = c.argInt(0);
  const flags = c.argInt(3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const inode = c.argWord(1) === 0 ? (dirfd === AT_FDCWD ? fail(EINVAL) : p.fds.get(dirfd).inode) : inodeAt(k, p, dirfd, c.argWord(1), flags);
  const now = k.realtimeNs();
  const a: InodeAttributes = {};
  const times = c.argWord(2);
  if (times === 0) {
    a.atimeNs = now;
    a.mtimeNs = now;
  } else {
    const at = readTimespec(k, p, times);
    const mt = readTimespec(k, p, times + 16);
    for (const [t, key] of [[at, 'atimeNs'], [mt, 'mtimeNs']] as const) {
      if (t.nanoseconds === UTIME_OMIT) continue;
      if (t.nanoseconds === UTIME_NOW) a[key] = now;
      else if (t.nanoseconds < 0 || t.nanoseconds >= 1e9) return -EINVAL;
      else a[key] = t.seconds * 1e9 + t.nanoseconds;
    }
  }
  return setAttributes(inode, a);
}

function truncate(k: KernelServices, inode: Inode, size: number): number {
  if (size < 0) return -EINVAL;
  if (inode.kind === 'directory') return -EISDIR;
  if (inode.kind !== 'file' || !inode.truncate) return -EINVAL;
  if (inode.fs?.readOnly) return -EROFS;
  k.sharedMemory.beforeAccess(inode);
  const old = inode.size;
  inode.truncate(size);
  k.sharedMemory.afterWrite(inode, Math.min(old, size), Infinity); // mapped pages past the end read zeros
  return 0;
}

/** A 64-bit length argument: one register, or on riscv32 the next two
 * (low first; the RISC-V calling convention does not align the pair). */
function lengthArg(k: KernelServices, c: UserContext, index: number): number {
  if (k.wordSize === 8) return c.argLong(index);
  return c.argWord(index) + c.argInt(index + 1) * 0x1_0000_0000;
}

export function sysTruncate(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return truncate(k, k.vfs.lookup(atPath(p, AT_FDCWD, readPath(p, c.argWord(0)))), lengthArg(k, c, 1));
}

export function sysFtruncate(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  if (!file.writable) return -EINVAL;
  return truncate(k, file.inode, lengthArg(k, c, 1));
}
