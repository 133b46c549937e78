/**
 * System calls on files and descriptors: read/write and their vector and
 * positioned forms, open/close, seeking, stat, directories, dup, fcntl,
 * pipes, ioctl.
 */
import type { UserContext } from '../../hal/trap';
import type { Inode } from '../fs/inode';
import { POLLIN } from '../fs/inode';
import { MAX_FDS, O_ACCMODE, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_RDONLY, O_TRUNC, OpenFile } from '../fs/open-file';
import { createPipe } from '../fs/pipe';
import { encodeDirent64, encodeStatX86_64, encodeStatx } from '../fs/stat';
import type { Process } from '../proc/process';
import { SIGPIPE } from '../proc/signals';
import { Blocked } from '../sched/wait-queue';
import { AT_EMPTY_PATH, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW, atPath, i32Bytes, lookupAt, readIovecs, readPath, u64Bytes } from './args';
import { EAGAIN, EBADF, EBUSY, EEXIST, EFAULT, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, ENOTTY, EPIPE, ERANGE, EROFS, ESPIPE, KernelError } from './errno';
import { NO_RETURN_VALUE, type KernelServices, type SyscallResult } from './services';
import { type JobControlTerminal, type TerminalAccess, terminalAccess } from '../tty/job-control';
import { TCSETS, TCSETSF, TCSETSW, TIOCSPGRP } from '../tty/tty';

const CHUNK = 64 * 1024;
const SEEK_SET = 0;
const SEEK_CUR = 1;
const SEEK_END = 2;
const F_DUPFD = 0;
const F_GETFD = 1;
const F_SETFD = 2;
const F_GETFL = 3;
const F_SETFL = 4;
const F_DUPFD_CLOEXEC = 1030;
const FD_CLOEXEC = 1;

function seekable(inode: Inode): boolean {
  return inode.kind === 'file' || inode.kind === 'directory' || inode.kind === 'block-device' || inode.seekable === true;
}

/** Job control on a terminal (kernel/tty/job-control.ts): 0 to go on, or
 * what the call returns now. After SIGTTIN/SIGTTOU went to the caller's
 * group, the call is set to run again when the caller continues (its stop
 * acts on the way back to user mode); a handler for the signal without
 * SA_RESTART makes it fail with EINTR instead. */
function jobControl(k: KernelServices, p: Process, tty: JobControlTerminal, access: TerminalAccess): SyscallResult | 0 {
  const verdict = terminalAccess(k.processes, p, tty, access);
  if (verdict === 'go') return 0;
  if (verdict !== 'stopped') return verdict;
  p.context.restartSyscall();
  p.pendingRestart = 'restart';
  return NO_RETURN_VALUE;
}

/**
 * Checks a read's buffer before anything is consumed: EFAULT, except that
 * a device or pipe with nothing to read answers as it would with a good
 * buffer (EAGAIN, a sleep, end of file) — Linux looks at the buffer only
 * when it has something to copy (evdev, pipes). False in that case.
 */
function writableOrIdle(p: Process, inode: Inode, address: number, length: number, done: number): boolean {
  try {
    p.memory.checkWritable(address, length);
    return true;
  } catch (error) {
    if (done > 0 || !inode.poll || inode.poll() & POLLIN) throw error;
    return false;
  }
}

/** read() of a device or pipe that poll says has nothing: the inode's own
 * answer (it consumes nothing then), EFAULT should it have data after all. */
function idleRead(inode: Inode, offset: number, scratch: Uint8Array, file: OpenFile): SyscallResult {
  const n = inode.read!(offset, scratch);
  if (n instanceof Blocked) return file.flags & O_NONBLOCK ? -EAGAIN : n;
  return n === 0 ? 0 : -EFAULT;
}

/** Reads up to `count` bytes from `file` at its offset (or `at`) to user `buf`. */
function readInto(k: KernelServices, p: Process, file: OpenFile, buf: number, count: number, at: number | null): SyscallResult {
  if (!file.readable) return -EBADF;
  const inode = file.inode;
  if (inode.kind === 'directory') return -EISDIR;
  if (!inode.read) return -EINVAL;
  if (inode.terminal) {
    const verdict = jobControl(k, p, inode.terminal, 'read');
    if (verdict !== 0) return verdict;
  }
  if (count === 0) {
    const n = inode.readNothing?.() ?? 0;
    return n instanceof Blocked && file.flags & O_NONBLOCK ? -EAGAIN : 0;
  }
  if (inode.kind === 'file') k.sharedMemory.beforeAccess(inode); // what mappings wrote
  let done = 0;
  let offset = at ?? file.offset;
  while (done < count) {
    const chunk = new Uint8Array(Math.min(CHUNK, count - done));
    if (!writableOrIdle(p, inode, buf + done, chunk.length, done)) return idleRead(inode, offset, chunk, file);
    const n = inode.read(offset, chunk);
    if (n instanceof Blocked) {
      if (done > 0) break;
      return file.flags & O_NONBLOCK ? -EAGAIN : n;
    }
    if (n === 0) break;
    p.memory.write(buf + done, chunk.subarray(0, n));
    done += n;
    offset += n;
    if (!seekable(inode) || n < chunk.length) break; // devices and pipes: what is there now
  }
  if (at === null && seekable(inode)) file.offset = offset;
  return done;
}

function writeFrom(k: KernelServices, p: Process, file: OpenFile, buf: number, count: number, at: number | null): SyscallResult {
  if (!file.writable) return -EBADF;
  const inode = file.inode;
  if (!inode.write) return -EINVAL;
  if (inode.terminal) {
    const verdict = jobControl(k, p, inode.terminal, 'write');
    if (verdict !== 0) return verdict;
  }
  if (inode.kind === 'file') k.sharedMemory.beforeAccess(inode); // what mappings wrote
  let offset = at ?? (file.flags & O_APPEND ? inode.size : file.offset);
  const start = offset;
  let done = 0;
  // In chunks: a huge count costs no more host memory than the data that
  // is really there, and a fault or a full device after some progress
  // returns what was written, as Linux does.
  try {
    do {
      const data = p.memory.read(buf + done, Math.min(CHUNK, count - done));
      const n = inode.write(offset, data);
      if (n instanceof Blocked) {
        if (done > 0) break;
        return file.flags & O_NONBLOCK ? -EAGAIN : n;
      }
      done += n;
      offset += n;
      if (n < data.length) break;
    } while (done < count);
  } catch (error) {
    if (error instanceof KernelError && error.errno === EPIPE) p.pendingSignals |= 1n << BigInt(SIGPIPE);
    if (done === 0 || !(error instanceof KernelError)) throw error;
  }
  if (inode.kind === 'file') k.sharedMemory.afterWrite(inode, start, done); // mapped pages see it
  if (at === null && seekable(inode)) file.offset = offset;
  return done;
}

export function sysRead(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return readInto(k, p, p.fds.get(c.argInt(0)), c.argWord(1), c.argWord(2), null);
}

export function sysWrite(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return writeFrom(k, p, p.fds.get(c.argInt(0)), c.argWord(1), c.argWord(2), null);
}

export function sysPread64(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  if (!seekable(file.inode)) return -ESPIPE;
  return readInto(k, p, file, c.argWord(1), c.argWord(2), positionArg(k, c, 3));
}

export function sysPwrite64(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  if (!seekable(file.inode)) return -ESPIPE;
  return writeFrom(k, p, file, c.argWord(1), c.argWord(2), positionArg(k, c, 3));
}

/** A 64-bit file position argument: one register, or on 32-bit RISC-V the
 * next two (low first: its calling convention does not align the pair, so
 * pread64's position is in a3/a4). */
function positionArg(k: KernelServices, c: UserContext, index: number): number {
  if (k.wordSize === 8) return c.argLong(index);
  return c.argWord(index) + c.argInt(index + 1) * 0x1_0000_0000;
}

export function sysReadv(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  let total = 0;
  for (const v of readIovecs(k, p, c.argWord(1), c.argInt(2))) {
    if (v.length === 0) continue;
    const n = readInto(k, p, file, v.base, v.length, null);
    if (typeof n !== 'number') return total > 0 ? total : n;
    if (n < 0) return total > 0 ? total : n;
    total += n;
    if (n < v.length) break;
  }
  return total;
}

export function sysWritev(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  let total = 0;
  for (const v of readIovecs(k, p, c.argWord(1), c.argInt(2))) {
    if (v.length === 0) continue;
    const n = writeFrom(k, p, file, v.base, v.length, null);
    if (typeof n !== 'number') return total > 0 ? total : n;
    if (n < 0) return total > 0 ? total : n;
    total += n;
    if (n < v.length) break;
  }
  return total;
}

function openPath(k: KernelServices, p: Process, path: string, flags: number, mode: number): number {
  let inode: Inode;
  let real = path;
  try {
    const found = k.vfs.resolve(path, (flags & O_NOFOLLOW) === 0);
    inode = found.inode;
    real = found.path;
    if (flags & O_CREAT && flags & O_EXCL) return -EEXIST;
    if (inode.kind === 'symlink') return -ELOOP;
  } catch (error) {
    if (!(error instanceof KernelError) || error.errno !== ENOENT || !(flags & O_CREAT)) throw error;
    const parent = k.vfs.parentOf(path);
    if (parent.mount.fs.readOnly) return -EROFS;
    if (!parent.dir.createFile) return -EROFS;
    inode = parent.dir.createFile(parent.name, mode & ~p.umask & 0o7777);
    real = parent.path;
  }
  const accessMode = flags & O_ACCMODE;
  if (flags & O_DIRECTORY && inode.kind !== 'directory') return -ENOTDIR;
  if (inode.kind === 'directory' && accessMode !== O_RDONLY) return -EISDIR;
  if (accessMode !== O_RDONLY && inode.fs?.readOnly && (inode.kind === 'file' || inode.kind === 'directory')) return -EROFS;
  if (flags & O_TRUNC && inode.kind === 'file' && accessMode !== O_RDONLY && inode.truncate) {
    inode.truncate(0);
    k.sharedMemory.afterWrite(inode, 0, Infinity); // mapped pages read zeros
  }
  inode.beforeOpen?.();
  const file = new OpenFile(inode, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC), real);
  return p.fds.install(file, (flags & O_CLOEXEC) !== 0);
}

export function sysOpenat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const path = atPath(p, c.argInt(0), readPath(p, c.argWord(1)));
  return openPath(k, p, path, c.argInt(2), c.argInt(3));
}

export function sysOpen(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const path = atPath(p, AT_FDCWD, readPath(p, c.argWord(0)));
  return openPath(k, p, path, c.argInt(1), c.argInt(2));
}

export function sysClose(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  p.fds.close(c.argInt(0));
  return 0;
}

function seek(file: OpenFile, offset: number, whence: number): number {
  if (!seekable(file.inode)) return -ESPIPE;
  const base = whence === SEEK_SET ? 0 : whence === SEEK_CUR ? file.offset : whence === SEEK_END ? file.inode.size : NaN;
  if (Number.isNaN(base) || base + offset < 0) return -EINVAL;
  file.offset = base + offset;
  return file.offset;
}

export function sysLseek(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return seek(p.fds.get(c.argInt(0)), c.argLong(1), c.argInt(2));
}

/** riscv32's llseek(fd, offset_high, offset_low, loff_t *result, whence). */
export function sysLlseek(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const offset = c.argInt(1) * 0x1_0000_0000 + c.argWord(2);
  const result = seek(p.fds.get(c.argInt(0)), offset, c.argInt(4));
  if (result < 0) return result;
  p.memory.write(c.argWord(3), u64Bytes(result));
  return 0;
}

export function sysFstat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  p.memory.write(c.argWord(1), encodeStatX86_64(p.fds.get(c.argInt(0)).inode));
  return 0;
}

export function sysStat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  p.memory.write(c.argWord(1), encodeStatX86_64(lookupAt(k, p, AT_FDCWD, c.argWord(0)).inode));
  return 0;
}

export function sysLstat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  p.memory.write(c.argWord(1), encodeStatX86_64(k.vfs.lookup(atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), false)));
  return 0;
}

/** The inode a (dirfd, path, flags) triple of the *at() calls names. */
export function inodeAt(k: KernelServices, p: Process, dirfd: number, pathAddress: number, flags: number): Inode {
  const path = readPath(p, pathAddress);
  if (path === '' && flags & AT_EMPTY_PATH) return dirfd === AT_FDCWD ? k.vfs.lookup(p.cwd) : p.fds.get(dirfd).inode;
  return k.vfs.lookup(atPath(p, dirfd, path), (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

export function sysNewfstatat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  p.memory.write(c.argWord(2), encodeStatX86_64(inodeAt(k, p, c.argInt(0), c.argWord(1), c.argInt(3))));
  return 0;
}

export function sysStatx(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  p.memory.write(c.argWord(4), encodeStatx(inodeAt(k, p, c.argInt(0), c.argWord(1), c.argInt(2))));
  return 0;
}

export function sysGetdents64(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  const inode = file.inode;
  if (inode.kind !== 'directory' || !inode.list) return -ENOTDIR;
  const entries = inode.list();
  const room = c.argWord(2);
  const out: Uint8Array[] = [];
  let used = 0;
  while (file.offset < entries.length) {
    const e = entries[file.offset];
    const record = encodeDirent64(e.inode.ino, file.offset + 1, e.inode.kind, e.name, room - used);
    if (!record) {
      if (out.length === 0) return -EINVAL;
      break;
    }
    out.push(record);
    used += record.length;
    file.offset++;
  }
  const bytes = new Uint8Array(used);
  let at = 0;
  for (const r of out) {
    bytes.set(r, at);
    at += r.length;
  }
  p.memory.write(c.argWord(1), bytes);
  return used;
}

export function sysDup(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return p.fds.install(p.fds.get(c.argInt(0)).retain());
}

export function sysDup2(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const oldFd = c.argInt(0);
  const newFd = c.argInt(1);
  const file = p.fds.get(oldFd);
  if (oldFd === newFd) return newFd;
  p.fds.installAt(newFd, file.retain(), false);
  return newFd;
}

export function sysDup3(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const oldFd = c.argInt(0);
  const newFd = c.argInt(1);
  const flags = c.argInt(2);
  if (oldFd === newFd || flags & ~O_CLOEXEC) return -EINVAL;
  p.fds.installAt(newFd, p.fds.get(oldFd).retain(), (flags & O_CLOEXEC) !== 0);
  return newFd;
}

export function sysFcntl(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const fd = c.argInt(0);
  const file = p.fds.get(fd);
  const arg = c.argInt(2);
  switch (c.argInt(1)) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      // The lowest free descriptor >= arg; arg outside the table is EINVAL.
      if (arg < 0 || arg >= MAX_FDS) return -EINVAL;
      return p.fds.install(file.retain(), c.argInt(1) === F_DUPFD_CLOEXEC, arg);
    case F_GETFD:
      return p.fds.getCloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
      p.fds.setCloexec(fd, (arg & FD_CLOEXEC) !== 0);
      return 0;
    case F_GETFL:
      return file.flags;
    case F_SETFL:
      file.flags = (file.flags & ~(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
      return 0;
    default:
      return -EINVAL;
  }
}

export function sysPipe2(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const flags = c.argInt(1);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) return -EINVAL;
  const [readEnd, writeEnd] = createPipe(flags & O_NONBLOCK);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const r = p.fds.install(readEnd, cloexec);
  let w: number;
  try {
    w = p.fds.install(writeEnd, cloexec);
  } catch (error) {
    p.fds.close(r);
    throw error;
  }
  const pair = new Uint8Array(8);
  pair.set(i32Bytes(r), 0);
  pair.set(i32Bytes(w), 4);
  try {
    p.memory.write(c.argWord(0), pair);
  } catch (error) {
    p.fds.close(r);
    p.fds.close(w);
    throw error;
  }
  return 0;
}

export function sysChdir(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const { path, inode } = k.vfs.resolve(atPath(p, AT_FDCWD, readPath(p, c.argWord(0))));
  if (inode.kind !== 'directory') return -ENOTDIR;
  p.cwd = path;
  return 0;
}

export function sysFchdir(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const file = p.fds.get(c.argInt(0));
  if (file.inode.kind !== 'directory') return -ENOTDIR;
  p.cwd = file.path;
  return 0;
}

export function sysGetcwd(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const bytes = new TextEncoder().encode(p.cwd + '\0');
  if (bytes.length > c.argWord(1)) return -ERANGE;
  p.memory.write(c.argWord(0), bytes);
  return bytes.length;
}

export function sysMkdirat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return makeDirectory(k, p, atPath(p, c.argInt(0), readPath(p, c.argWord(1))), c.argInt(2));
}

export function sysMkdir(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return makeDirectory(k, p, atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), c.argInt(1));
}

function makeDirectory(k: KernelServices, p: Process, path: string, mode: number): number {
  if (path === '/') return -EEXIST;
  const { dir, name, mount } = k.vfs.parentOf(path);
  if (dir.lookup?.(name)) return -EEXIST;
  if (!dir.makeDirectory || mount.fs.readOnly) return -EROFS;
  dir.makeDirectory(name, mode & ~p.umask & 0o7777);
  return 0;
}

export function sysUnlinkat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return removeEntry(k, atPath(p, c.argInt(0), readPath(p, c.argWord(1))), (c.argInt(2) & AT_REMOVEDIR) !== 0);
}

export function sysUnlink(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return removeEntry(k, atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), false);
}

export function sysRmdir(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return removeEntry(k, atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), true);
}

function removeEntry(k: KernelServices, path: string, directory: boolean): number {
  if (path === '/') return -EBUSY;
  const { dir, name, path: real, mount } = k.vfs.parentOf(path);
  if (k.vfs.isMountPoint(real)) return -EBUSY;
  if (!dir.lookup?.(name)) return -ENOENT;
  if (!dir.removeEntry || mount.fs.readOnly) return -EROFS;
  dir.removeEntry(name, directory);
  return 0;
}

const SETTING_IOCTLS = new Set([TCSETS, TCSETSW, TCSETSF, TIOCSPGRP]);

export function sysIoctl(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const inode = p.fds.get(c.argInt(0)).inode;
  if (!inode.ioctl) return -ENOTTY;
  if (inode.terminal && SETTING_IOCTLS.has(c.argU32(1))) {
    const verdict = jobControl(k, p, inode.terminal, 'configure');
    if (verdict !== 0) return verdict;
  }
  const memory = { write: (a: number, d: Uint8Array) => p.memory.tryWrite(a, d), read: (a: number, n: number) => p.memory.tryRead(a, n) };
  return inode.ioctl(c.argU32(1), c.argWord(2), memory);
}

export function sysReadlinkat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const inode = k.vfs.lookup(atPath(p, c.argInt(0), readPath(p, c.argWord(1))), false);
  if (inode.kind !== 'symlink' || inode.target === undefined) return -EINVAL;
  const bytes = new TextEncoder().encode(inode.target).subarray(0, c.argWord(3));
  p.memory.write(c.argWord(2), bytes);
  return bytes.length;
}

export function sysReadlink(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const inode = k.vfs.lookup(atPath(p, AT_FDCWD, readPath(p, c.argWord(0))), false);
  if (inode.kind !== 'symlink' || inode.target === undefined) return -EINVAL;
  const bytes = new TextEncoder().encode(inode.target).subarray(0, c.argWord(2));
  p.memory.write(c.argWord(1), bytes);
  return bytes.length;
}

/** access/faccessat: the caller is root, so existence is what is checked. */
export function sysFaccessat(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  k.vfs.lookup(atPath(p, c.argInt(0), readPath(p, c.argWord(1))));
  return 0;
}

export function sysAccess(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  k.vfs.lookup(atPath(p, AT_FDCWD, readPath(p, c.argWord(0))));
  return 0;
}

export function sysPipe(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const [readEnd, writeEnd] = createPipe(0);
  const r = p.fds.install(readEnd);
  const w = p.fds.install(writeEnd);
  const pair = new Uint8Array(8);
  pair.set(i32Bytes(r), 0);
  pair.set(i32Bytes(w), 4);
  p.memory.write(c.argWord(0), pair);
  return 0;
}
