/**
 * epoll_create(1), epoll_ctl, epoll_wait, epoll_pwait (kernel/ipc/epoll.ts)
 * and eventfd(2) (kernel/ipc/eventfd.ts). struct epoll_event is packed on
 * x86_64 (events at 0, data at 4: 12 bytes) and naturally aligned
 * elsewhere (data at 8: 16 bytes).
 */
import type { UserContext } from '../../hal/trap';
import { O_CLOEXEC, O_NONBLOCK, O_RDWR, OpenFile } from '../fs/open-file';
import { Epoll } from '../ipc/epoll';
import { EFD_SEMAPHORE, EventFd } from '../ipc/eventfd';
import type { Process } from '../proc/process';
import { attempt, deadlineOf, finish, installSigmask, sleepOn } from './sys-poll';
import { EBADF, EINVAL, fail } from './errno';
import type { KernelServices, SyscallResult } from './services';

const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_DEL = 2;
const EPOLL_CTL_MOD = 3;
/** Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
const MAX_EVENTS = Math.floor(0x7fff_ffff / 12);

function eventLayout(k: KernelServices): { size: number; dataAt: number } {
  return k.abi === 'x86_64' ? { size: 12, dataAt: 4 } : { size: 16, dataAt: 8 };
}

function createEpoll(p: Process, flags: number): SyscallResult {
  if (flags & ~O_CLOEXEC) return -EINVAL;
  return p.fds.install(new OpenFile(new Epoll(), O_RDWR, 'anon_inode:[eventpoll]'), (flags & O_CLOEXEC) !== 0);
}

export function sysEpollCreate(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return c.argInt(0) <= 0 ? -EINVAL : createEpoll(p, 0);
}

export function sysEpollCreate1(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return createEpoll(p, c.argInt(0));
}

function epollOf(p: Process, fd: number): Epoll {
  const inode = p.fds.get(fd).inode;
  if (!(inode instanceof Epoll)) fail(EINVAL);
  return inode;
}

export function sysEpollCtl(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const epfd = c.argInt(0);
  const op = c.argInt(1);
  const fd = c.argInt(2);
  const epoll = epollOf(p, epfd);
  const file = p.fds.has(fd) ? p.fds.get(fd) : fail(EBADF);
  if (fd === epfd) return -EINVAL;
  if (op === EPOLL_CTL_DEL) {
    epoll.remove(fd, file);
    return 0;
  }
  if (op !== EPOLL_CTL_ADD && op !== EPOLL_CTL_MOD) return -EINVAL;
  const { size, dataAt } = eventLayout(k);
  const view = new DataView(p.memory.read(c.argWord(3), size).buffer);
  const events = view.getUint32(0, true) | 0;
  const data = view.getBigUint64(dataAt, true);
  if (op === EPOLL_CTL_ADD) epoll.add(fd, file, events, data);
  else epoll.modify(fd, file, events, data);
  return 0;
}

function waitEpoll(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const epoll = epollOf(p, c.argInt(0));
  const address = c.argWord(1);
  const max = c.argInt(2);
  const timeoutMs = c.argInt(3);
  if (max <= 0 || max > MAX_EVENTS) return finish(p, -EINVAL);
  const { size, dataAt } = eventLayout(k);
  p.memory.checkWritable(address, max * size);
  const ready = epoll.collect(max);
  const deadline = deadlineOf(k, p, timeoutMs < 0 ? null : timeoutMs * 1e6);
  if (ready.length === 0 && (deadline === null || k.monotonicNs() < deadline)) return sleepOn(p, [epoll.readiness], deadline);
  const out = new Uint8Array(ready.length * size);
  const view = new DataView(out.buffer);
  ready.forEach((e, i) => {
    view.setUint32(i * size, e.events >>> 0, true);
    view.setBigUint64(i * size + dataAt, e.data, true);
  });
  p.memory.write(address, out);
  return finish(p, ready.length);
}

/** epoll_wait(epfd, events, maxevents, timeout ms). */
export function sysEpollWait(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return attempt(p, () => waitEpoll(k, p, c));
}

/** epoll_pwait(epfd, events, maxevents, timeout ms, sigmask, sigsetsize). */
export function sysEpollPwait(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return attempt(p, () => {
    installSigmask(k, p, c.argWord(4), c.argWord(5));
    return waitEpoll(k, p, c);
  });
}

function createEventFd(p: Process, initial: number, flags: number): SyscallResult {
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE)) return -EINVAL;
  const file = new OpenFile(new EventFd(initial, (flags & EFD_SEMAPHORE) !== 0), O_RDWR | (flags & O_NONBLOCK), 'anon_inode:[eventfd]');
  return p.fds.install(file, (flags & O_CLOEXEC) !== 0);
}

export function sysEventfd(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return createEventFd(p, c.argU32(0), 0);
}

export function sysEventfd2(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return createEventFd(p, c.argU32(0), c.argInt(1));
}
