/**
 * The socket system calls: socket, socketpair, bind, listen, accept(4),
 * connect, getsockname, getpeername, sendto, recvfrom, sendmsg, recvmsg,
 * shutdown, setsockopt, getsockopt. They find the Socket behind a
 * descriptor (kernel/net/socket.ts) and move addresses, data and control
 * messages (SCM_RIGHTS) between it and user memory. A would-block answer
 * sleeps (the call runs again when woken) or, on a non-blocking socket or
 * with MSG_DONTWAIT, is EAGAIN.
 */
import type { UserContext } from '../../hal/trap';
import { O_NONBLOCK, O_RDWR, OpenFile } from '../fs/open-file';
import { absolutePath } from '../fs/path';
import { EAFNOSUPPORT, EMSGSIZE, ENOPROTOOPT, ENOTSOCK } from '../net/errno';
import {
  Credentials, MSG_CMSG_CLOEXEC, MSG_CTRUNC, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_TRUNC, ReceivedMessage, SOCK_CLOEXEC, SOCK_NONBLOCK, SOCK_TYPE_MASK, SOL_SOCKET, Socket, SocketCaller,
} from '../net/socket';
import type { Process } from '../proc/process';
import { SIGPIPE } from '../proc/signals';
import { Blocked } from '../sched/wait-queue';
import { i32Bytes, readIovecs } from './args';
import { EAGAIN, EBADF, EFAULT, EINVAL, EPIPE, KernelError, fail } from './errno';
import type { KernelServices, SyscallResult } from './services';

const SCM_RIGHTS = 1;
const SCM_CREDENTIALS = 2;
/** Linux's SCM_MAX_FD: files one message may carry. */
const SCM_MAX_FD = 253;
const SOCKADDR_MAX = 128; // sizeof(struct sockaddr_storage)

function socketOf(p: Process, fd: number): { file: OpenFile; socket: Socket } {
  const file = p.fds.get(fd);
  if (!(file.inode instanceof Socket)) fail(ENOTSOCK);
  return { file, socket: file.inode };
}

function callerOf(k: KernelServices, p: Process): SocketCaller {
  const exists = (f: () => unknown) => {
    try {
      f();
      return true;
    } catch (error) {
      if (error instanceof KernelError) return false;
      throw error;
    }
  };
  return {
    credentials: { pid: p.pid, uid: 0, gid: 0 },
    resolvePath: (path) => absolutePath(p.cwd, path),
    pathExists: (path) => exists(() => k.vfs.lookup(path)),
    parentExists: (path) => exists(() => k.vfs.parentOf(path)),
  };
}

function readAddress(p: Process, address: number, length: number): Uint8Array {
  if (length < 0 || length > SOCKADDR_MAX) fail(EINVAL);
  return p.memory.read(address, length);
}

/** Writes a sockaddr to (address, *lengthAddress) as accept/getsockname
 * do: as much as fits, and the real length back. */
function writeAddress(p: Process, address: number, lengthAddress: number, bytes: Uint8Array): void {
  if (address === 0 || lengthAddress === 0) return;
  const room = new DataView(p.memory.read(lengthAddress, 4).buffer).getInt32(0, true);
  if (room < 0) fail(EINVAL);
  p.memory.write(address, bytes.subarray(0, Math.min(room, bytes.length)));
  p.memory.write(lengthAddress, i32Bytes(bytes.length));
}

/** A would-block result: sleep, or EAGAIN when the caller may not. */
function blockedOr(file: OpenFile, flags: number, blocked: Blocked): number | Blocked {
  return file.flags & O_NONBLOCK || flags & MSG_DONTWAIT ? -EAGAIN : blocked;
}

function installSocket(p: Process, socket: Socket, flags: number): number {
  return p.fds.install(new OpenFile(socket, O_RDWR | (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0), `socket:[${socket.ino}]`), (flags & SOCK_CLOEXEC) !== 0);
}

export function sysSocket(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const family = k.sockets.find(c.argInt(0));
  if (!family) return -EAFNOSUPPORT;
  const type = c.argInt(1);
  if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) return -EINVAL;
  return installSocket(p, family.create(type & SOCK_TYPE_MASK, c.argInt(2)), type);
}

export function sysSocketpair(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const family = k.sockets.find(c.argInt(0));
  if (!family) return -EAFNOSUPPORT;
  const type = c.argInt(1);
  if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) return -EINVAL;
  p.memory.checkWritable(c.argWord(3), 8);
  const [a, b] = family.createPair(type & SOCK_TYPE_MASK, c.argInt(2), callerOf(k, p).credentials);
  const first = installSocket(p, a, type);
  let second: number;
  try {
    second = installSocket(p, b, type);
  } catch (error) {
    p.fds.close(first);
    throw error;
  }
  const pair = new Uint8Array(8);
  pair.set(i32Bytes(first), 0);
  pair.set(i32Bytes(second), 4);
  p.memory.write(c.argWord(3), pair);
  return 0;
}

export function sysBind(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const { socket } = socketOf(p, c.argInt(0));
  socket.bind(readAddress(p, c.argWord(1), c.argInt(2)), callerOf(k, p));
  return 0;
}

export function sysListen(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  socketOf(p, c.argInt(0)).socket.listen(c.argInt(1), callerOf(k, p));
  return 0;
}

function accept(k: KernelServices, p: Process, c: UserContext, flags: number): SyscallResult {
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) return -EINVAL;
  const { file, socket } = socketOf(p, c.argInt(0));
  const accepted = socket.accept();
  if (accepted instanceof Blocked) return blockedOr(file, 0, accepted);
  const fd = installSocket(p, accepted, flags);
  try {
    writeAddress(p, c.argWord(1), c.argWord(2), accepted.peerAddress());
  } catch (error) {
    if (!(error instanceof KernelError) || error.errno !== EFAULT) throw error;
    p.fds.close(fd);
    throw error;
  }
  return fd;
}

export function sysAccept(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return accept(k, p, c, 0);
}

export function sysAccept4(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return accept(k, p, c, c.argInt(3));
}

export function sysConnect(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const { file, socket } = socketOf(p, c.argInt(0));
  const r = socket.connect(readAddress(p, c.argWord(1), c.argInt(2)), callerOf(k, p));
  return r instanceof Blocked ? blockedOr(file, 0, r) : 0;
}

export function sysGetsockname(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  writeAddress(p, c.argWord(1), c.argWord(2), socketOf(p, c.argInt(0)).socket.localAddress());
  return 0;
}

export function sysGetpeername(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  writeAddress(p, c.argWord(1), c.argWord(2), socketOf(p, c.argInt(0)).socket.peerAddress());
  return 0;
}

export function sysShutdown(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  socketOf(p, c.argInt(0)).socket.shutdown(c.argInt(1));
  return 0;
}

/** Sends `data` (with `rights`) and answers as send(2) does; the rights
 * are given back unless the message took them. */
function send(k: KernelServices, p: Process, fd: number, data: Uint8Array, rights: OpenFile[], flags: number, to: Uint8Array | null): SyscallResult {
  const { file, socket } = socketOf(p, fd);
  const credentials: Credentials = { pid: p.pid, uid: 0, gid: 0 };
  let r;
  try {
    r = socket.send({ data, rights, credentials }, to, callerOf(k, p));
  } catch (error) {
    for (const f of rights) f.release();
    if (error instanceof KernelError && error.errno === EPIPE && !(flags & MSG_NOSIGNAL)) p.pendingSignals |= 1n << BigInt(SIGPIPE);
    throw error;
  }
  if (r instanceof Blocked) {
    for (const f of rights) f.release();
    return blockedOr(file, flags, r);
  }
  return r;
}

export function sysSendto(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const length = c.argWord(2);
  if (length > 0x7fff_ffff) return -EMSGSIZE;
  const data = p.memory.read(c.argWord(1), length);
  const to = c.argWord(4) !== 0 ? readAddress(p, c.argWord(4), c.argInt(5)) : null;
  return send(k, p, c.argInt(0), data, [], c.argInt(3), to);
}

/** struct msghdr's fields for this ABI (64-bit: padded after namelen). */
function msghdrLayout(k: KernelServices) {
  const w = k.wordSize;
  return { size: 7 * w, name: 0, namelen: w, iov: 2 * w, iovlen: 3 * w, control: 4 * w, controllen: 5 * w, flags: 6 * w };
}

function readWord(k: KernelServices, view: DataView, at: number): number {
  return k.wordSize === 4 ? view.getUint32(at, true) : view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x1_0000_0000;
}

/** The cmsghdr header size and alignment (size_t cmsg_len, int level, int type). */
function cmsgLayout(k: KernelServices) {
  const w = k.wordSize;
  return { header: w + 8, align: (n: number) => Math.ceil(n / w) * w };
}

/** The files a sendmsg's control data passes (SCM_RIGHTS), retained. */
function readRights(k: KernelServices, p: Process, address: number, length: number): OpenFile[] {
  if (address === 0 || length === 0) return [];
  if (length > 65536) fail(EINVAL);
  const bytes = p.memory.read(address, length);
  const view = new DataView(bytes.buffer);
  const { header, align } = cmsgLayout(k);
  const rights: OpenFile[] = [];
  try {
    for (let at = 0; at + header <= length; ) {
      const cmsgLength = readWord(k, view, at);
      const level = view.getInt32(at + k.wordSize, true);
      const type = view.getInt32(at + k.wordSize + 4, true);
      if (cmsgLength < header || at + cmsgLength > length) fail(EINVAL);
      if (level !== SOL_SOCKET || (type !== SCM_RIGHTS && type !== SCM_CREDENTIALS)) fail(EINVAL);
      if (type === SCM_RIGHTS) {
        const count = Math.floor((cmsgLength - header) / 4);
        if (rights.length + count > SCM_MAX_FD) fail(EINVAL);
        for (let i = 0; i < count; i++) {
          const fd = view.getInt32(at + header + 4 * i, true);
          if (!p.fds.has(fd)) fail(EBADF);
          rights.push(p.fds.get(fd).retain());
        }
      }
      at += align(cmsgLength);
    }
  } catch (error) {
    for (const f of rights) f.release();
    throw error;
  }
  return rights;
}

export function sysSendmsg(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const m = msghdrLayout(k);
  const view = new DataView(p.memory.read(c.argWord(1), m.size).buffer);
  const nameAddress = readWord(k, view, m.name);
  const to = nameAddress !== 0 ? readAddress(p, nameAddress, view.getInt32(m.namelen, true)) : null;
  const iovs = readIovecs(k, p, readWord(k, view, m.iov), readWord(k, view, m.iovlen));
  const total = iovs.reduce((n, v) => n + v.length, 0);
  if (total > 0x7fff_ffff) return -EMSGSIZE;
  const data = new Uint8Array(total);
  let at = 0;
  for (const v of iovs) {
    data.set(p.memory.read(v.base, v.length), at);
    at += v.length;
  }
  const rights = readRights(k, p, readWord(k, view, m.control), readWord(k, view, m.controllen));
  return send(k, p, c.argInt(0), data, rights, c.argInt(2), to);
}

function receive(p: Process, fd: number, max: number, flags: number): ReceivedMessage | number | Blocked {
  const { file, socket } = socketOf(p, fd);
  const r = socket.receive(max, flags);
  return r instanceof Blocked ? blockedOr(file, flags, r) : r;
}

/** How many bytes recv reports: MSG_TRUNC asks for a datagram's real size. */
const reported = (r: ReceivedMessage, flags: number) => (flags & MSG_TRUNC ? r.fullLength : r.data.length);

export function sysRecvfrom(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const flags = c.argInt(3);
  p.memory.checkWritable(c.argWord(1), c.argWord(2));
  const r = receive(p, c.argInt(0), Math.min(c.argWord(2), 0x7fff_ffff), flags);
  if (typeof r === 'number' || r instanceof Blocked) return r;
  for (const f of r.rights) f.release(); // recvfrom has no room for files
  p.memory.write(c.argWord(1), r.data);
  if (r.from) writeAddress(p, c.argWord(4), c.argWord(5), r.from);
  else if (c.argWord(5) !== 0 && c.argWord(4) !== 0) p.memory.write(c.argWord(5), i32Bytes(0));
  return reported(r, flags);
}

export function sysRecvmsg(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const m = msghdrLayout(k);
  const header = c.argWord(1);
  const flags = c.argInt(2);
  const bytes = p.memory.read(header, m.size);
  const view = new DataView(bytes.buffer);
  const iovs = readIovecs(k, p, readWord(k, view, m.iov), readWord(k, view, m.iovlen));
  for (const v of iovs) p.memory.checkWritable(v.base, v.length);
  const room = iovs.reduce((n, v) => n + v.length, 0);
  const r = receive(p, c.argInt(0), Math.min(room, 0x7fff_ffff), flags);
  if (typeof r === 'number' || r instanceof Blocked) return r;
  let at = 0;
  for (const v of iovs) {
    if (at >= r.data.length) break;
    const piece = r.data.subarray(at, at + v.length);
    p.memory.write(v.base, piece);
    at += piece.length;
  }
  let msgFlags = r.flags;
  const nameAddress = readWord(k, view, m.name);
  const nameRoom = view.getInt32(m.namelen, true);
  let nameLength = 0;
  if (nameAddress !== 0 && r.from) {
    p.memory.write(nameAddress, r.from.subarray(0, Math.max(0, Math.min(nameRoom, r.from.length))));
    nameLength = r.from.length;
  }
  const control = writeRights(k, p, readWord(k, view, m.control), readWord(k, view, m.controllen), r.rights, (flags & MSG_CMSG_CLOEXEC) !== 0);
  if (control.truncated) msgFlags |= MSG_CTRUNC;
  // Write back namelen, controllen and flags in the caller's msghdr.
  view.setInt32(m.namelen, nameLength, true);
  if (k.wordSize === 4) view.setUint32(m.controllen, control.length, true);
  else view.setBigUint64(m.controllen, BigInt(control.length), true);
  view.setInt32(m.flags, msgFlags, true);
  p.memory.write(header, bytes);
  return reported(r, flags);
}

/** Installs received files and writes their SCM_RIGHTS message into the
 * control buffer; files that do not fit are closed (MSG_CTRUNC). */
function writeRights(k: KernelServices, p: Process, address: number, room: number, rights: OpenFile[], cloexec: boolean): { length: number; truncated: boolean } {
  if (rights.length === 0) return { length: 0, truncated: false };
  const { header } = cmsgLayout(k);
  const fits = address === 0 ? 0 : Math.max(0, Math.min(rights.length, Math.floor((room - header) / 4)));
  for (const f of rights.slice(fits)) f.release();
  if (fits === 0) return { length: 0, truncated: true };
  const fds: number[] = [];
  for (const f of rights.slice(0, fits)) fds.push(p.fds.install(f, cloexec));
  const length = header + 4 * fds.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  if (k.wordSize === 4) view.setUint32(0, length, true);
  else view.setBigUint64(0, BigInt(length), true);
  view.setInt32(k.wordSize, SOL_SOCKET, true);
  view.setInt32(k.wordSize + 4, SCM_RIGHTS, true);
  fds.forEach((fd, i) => view.setInt32(header + 4 * i, fd, true));
  p.memory.write(address, out);
  return { length, truncated: fits < rights.length };
}

export function sysSetsockopt(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const { socket } = socketOf(p, c.argInt(0));
  if (c.argInt(1) !== SOL_SOCKET) return -ENOPROTOOPT;
  const length = c.argInt(4);
  if (length < 0 || length > 4096) return -EINVAL;
  socket.setOption(c.argInt(2), p.memory.read(c.argWord(3), length));
  return 0;
}

export function sysGetsockopt(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const { socket } = socketOf(p, c.argInt(0));
  if (c.argInt(1) !== SOL_SOCKET) return -ENOPROTOOPT;
  const value = socket.getOption(c.argInt(2));
  const lengthAddress = c.argWord(4);
  const room = new DataView(p.memory.read(lengthAddress, 4).buffer).getInt32(0, true);
  if (room < 0) return -EINVAL;
  const n = Math.min(room, value.length);
  p.memory.write(c.argWord(3), value.subarray(0, n));
  p.memory.write(lengthAddress, i32Bytes(n));
  return 0;
}
