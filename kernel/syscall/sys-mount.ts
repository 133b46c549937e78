/**
 * Mounts and the write-back cache: mount, umount2, statfs/fstatfs, sync,
 * syncfs, fsync, fdatasync.
 */
import type { UserContext } from '../../hal/trap';
import { encodeStatfs } from '../fs/stat';
import type { Process } from '../proc/process';
import { AT_FDCWD, atPath, readPath } from './args';
import { EBUSY, EINVAL, ENOENT, KernelError, fail } from './errno';
import type { KernelServices, SyscallResult } from './services';

const MS_RDONLY = 1;
const MS_REMOUNT = 32;
const MS_BIND = 4096;
const MNT_FORCE = 1;
const MNT_DETACH = 2;
const UMOUNT_NOFOLLOW = 8;

/** mount(source, target, fstype, flags, data): a new mount; with
 * MS_REMOUNT the mount at target changes between read-only and read-write;
 * with MS_BIND the directory source appears at target too. */
export function sysMount(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const target = atPath(p, AT_FDCWD, readPath(p, c.argWord(1)));
  const flags = c.argU32(3); // every MS_* flag is in the low 32 bits
  // A bind mount's own read-only flag (MS_REMOUNT|MS_BIND) is not kept.
  if ((flags & MS_REMOUNT) && (flags & MS_BIND)) return -EINVAL;
  if (flags & MS_REMOUNT) return remount(k, target, (flags & MS_RDONLY) !== 0);
  if (flags & MS_BIND) {
    const m = k.vfs.bind(atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), target);
    k.log.info('fs', `${m.source} (${m.fs.type}) bound at ${target}`);
    return 0;
  }
  const type = readPath(p, c.argWord(2));
  const sourceText = c.argWord(0) === 0 ? type : readPath(p, c.argWord(0));
  let device = null;
  let sourcePath = sourceText;
  if (k.filesystems.needsDevice(type)) {
    sourcePath = atPath(p, AT_FDCWD, sourceText);
    try {
      device = k.vfs.lookup(sourcePath);
    } catch (error) {
      if (error instanceof KernelError) return -ENOENT;
      throw error;
    }
  }
  const fs = k.filesystems.create(type, { path: sourcePath, device, readOnly: (flags & MS_RDONLY) !== 0 });
  try {
    k.vfs.mount(target, fs, sourcePath);
  } catch (error) {
    fs.unmounted?.();
    throw error;
  }
  k.log.info('fs', `${sourcePath} (${fs.type}) mounted at ${target}${fs.readOnly ? ', read-only' : ''}`);
  return 0;
}

function remount(k: KernelServices, target: string, readOnly: boolean): SyscallResult {
  const m = k.vfs.mountAt(target);
  if (readOnly === m.fs.readOnly) return 0;
  if (!m.fs.remount) return -EINVAL;
  if (readOnly && m.fs.openWriters > 0) return -EBUSY;
  m.fs.remount(readOnly);
  k.log.info('fs', `${m.source} remounted ${readOnly ? 'read-only' : 'read-write'} at ${m.path}`);
  return 0;
}

/** umount2(target, flags): busy while files are open or a process's
 * working directory is inside it. */
export function sysUmount2(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const flags = c.argInt(1);
  if (flags & ~(MNT_FORCE | MNT_DETACH | UMOUNT_NOFOLLOW)) return -EINVAL;
  const target = atPath(p, AT_FDCWD, readPath(p, c.argWord(0)));
  const inUse = (mountPath: string) => k.processes.tasks().some((q) => q.cwd === mountPath || q.cwd.startsWith(mountPath + '/'));
  const m = k.vfs.umount(target, inUse);
  k.log.info('fs', `${m.source} unmounted from ${m.path}`);
  return 0;
}

function statfsOf(k: KernelServices, p: Process, path: string | null, fd: number, address: number): number {
  const mount = path !== null ? k.vfs.resolve(path).mount : (k.vfs.mountOfInode(p.fds.get(fd).inode) ?? k.vfs.resolve(p.fds.get(fd).path).mount);
  const bytes = encodeStatfs(mount.fs.statfs(), k.wordSize, mount.fs.readOnly);
  p.memory.write(address, k.wordSize === 8 ? bytes : bytes.subarray(0, 88));
  return 0;
}

export function sysStatfs(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const address = k.wordSize === 8 ? c.argWord(1) : checkStatfs64Size(c.argWord(1), c.argWord(2));
  return statfsOf(k, p, atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), -1, address);
}

export function sysFstatfs(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const address = k.wordSize === 8 ? c.argWord(1) : checkStatfs64Size(c.argWord(1), c.argWord(2));
  return statfsOf(k, p, null, c.argInt(0), address);
}

/** riscv32's statfs64(path, size, buf): size must be sizeof(struct statfs64). */
function checkStatfs64Size(size: number, address: number): number {
  if (size !== 88) fail(EINVAL);
  return address;
}

export function sysSync(k: KernelServices): SyscallResult {
  k.vfs.syncAll();
  return 0;
}

export function sysSyncfs(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  const mount = k.vfs.mountOfInode(file.inode) ?? k.vfs.resolve(file.path).mount;
  mount.fs.sync();
  return 0;
}

/** fsync and fdatasync: the file's blocks and what finds them reach the
 * device; for a file system without a cache there is nothing to do. */
export function sysFsync(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const inode = p.fds.get(c.argInt(0)).inode;
  if (inode.kind === 'fifo' || inode.kind === 'socket') return -EINVAL;
  if (inode.sync) inode.sync();
  else if (inode.fs && !inode.fs.readOnly && inode.kind !== 'char-device') inode.fs.sync();
  return 0;
}

