/**
 * poll, ppoll, select, pselect6: wait until one of several descriptors is
 * ready, a timeout passes, or a signal arrives. Each pass checks every
 * descriptor; when none is ready the process registers with each file's
 * readiness queue (kernel/ipc/readiness.ts) and sleeps, and the call runs
 * again from the start when woken (the restart model). The deadline is
 * kept in the process across those restarts, as nanosleep's is. A handled
 * signal makes them return EINTR, never restart (Linux's
 * ERESTART_RESTARTBLOCK / ERESTARTNOHAND with a handler).
 */
import type { UserContext } from '../../hal/trap';
import { MAX_FDS } from '../fs/open-file';
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI, reportedEvents } from '../ipc/readiness';
import type { Process } from '../proc/process';
import { UNBLOCKABLE } from '../proc/process';
import { Blocked } from '../sched/wait-queue';
import { readTimespec } from './args';
import { EBADF, EINVAL, fail } from './errno';
import type { KernelServices, SyscallResult } from './services';

const POLLFD_SIZE = 8; // struct pollfd { int fd; short events; short revents; }

/** The absolute deadline of a wait, or null for none: kept in the process
 * across restarts; `timeoutNs` null means wait for ever, 0 not at all. */
export function deadlineOf(k: KernelServices, p: Process, timeoutNs: number | null): number | null {
  if (p.sleepDeadlineNs !== null) return p.sleepDeadlineNs;
  if (timeoutNs === null) return null;
  p.sleepDeadlineNs = k.monotonicNs() + timeoutNs;
  return p.sleepDeadlineNs;
}

/** The call is over (ready, timed out or failed): forget its deadline and
 * give back a mask ppoll/pselect6 replaced. */
export function finish(p: Process, result: number): number {
  p.sleepDeadlineNs = null;
  if (p.savedSigmask !== null) {
    p.blockedSignals = p.savedSigmask;
    p.savedSigmask = null;
  }
  return result;
}

/** ppoll/pselect6's sigmask argument: installed for the wait (once; the
 * restarts find it in place). */
export function installSigmask(k: KernelServices, p: Process, address: number, size: number): void {
  if (address === 0 || p.savedSigmask !== null) return;
  if (size !== 8) fail(EINVAL);
  const raw = p.memory.read(address, 8);
  const view = new DataView(raw.buffer);
  const mask = (BigInt(view.getUint32(0, true)) | (BigInt(view.getUint32(4, true)) << 32n)) << 1n;
  p.savedSigmask = p.blockedSignals;
  p.blockedSignals = mask & ~UNBLOCKABLE;
}

/** A timespec argument as nanoseconds (null pointer: null, no timeout). */
function timespecNs(k: KernelServices, p: Process, address: number): number | null {
  if (address === 0) return null;
  const { seconds, nanoseconds } = readTimespec(k, p, address);
  if (seconds < 0 || nanoseconds < 0 || nanoseconds >= 1e9) fail(EINVAL);
  return seconds * 1e9 + nanoseconds;
}

/** Sleeps until a file in `inodes` may have changed or the deadline. */
export function sleepOn(p: Process, readiness: Iterable<{ add(s: Process['pollForwarder']): void } | undefined>, deadline: number | null): Blocked {
  for (const queue of readiness) queue?.add(p.pollForwarder);
  return new Blocked(p.pollWait, deadline, true);
}

function pollFiles(k: KernelServices, p: Process, address: number, count: number, timeoutNs: number | null): SyscallResult {
  if (count < 0 || count > MAX_FDS) return finish(p, -EINVAL);
  const raw = p.memory.read(address, count * POLLFD_SIZE);
  const view = new DataView(raw.buffer);
  let ready = 0;
  for (let i = 0; i < count; i++) {
    const fd = view.getInt32(i * POLLFD_SIZE, true);
    const events = view.getUint16(i * POLLFD_SIZE + 4, true);
    let revents = 0;
    if (fd >= 0) revents = p.fds.has(fd) ? reportedEvents(p.fds.get(fd).inode, events) : POLLNVAL;
    view.setUint16(i * POLLFD_SIZE + 6, revents, true);
    if (revents !== 0) ready++;
  }
  const deadline = deadlineOf(k, p, timeoutNs);
  if (ready > 0 || (deadline !== null && k.monotonicNs() >= deadline)) {
    p.memory.write(address, raw);
    return finish(p, ready);
  }
  const queues = [];
  for (let i = 0; i < count; i++) {
    const fd = view.getInt32(i * POLLFD_SIZE, true);
    if (fd >= 0) queues.push(p.fds.get(fd).inode.readiness);
  }
  return sleepOn(p, queues, deadline);
}

/** Runs one pass of a waiting call; an error ends the call too (its
 * deadline and replaced mask must not outlive it). */
export function attempt(p: Process, pass: () => SyscallResult): SyscallResult {
  try {
    return pass();
  } catch (error) {
    finish(p, 0);
    throw error;
  }
}

/** poll(fds, nfds, timeout in ms; negative: for ever). */
export function sysPoll(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const timeoutMs = c.argInt(2);
  return attempt(p, () => pollFiles(k, p, c.argWord(0), c.argInt(1), timeoutMs < 0 ? null : timeoutMs * 1e6));
}

/** ppoll(fds, nfds, timeout timespec or NULL, sigmask or NULL, sigsetsize). */
export function sysPpoll(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return attempt(p, () => {
    const timeout = p.sleepDeadlineNs !== null ? null : timespecNs(k, p, c.argWord(2));
    installSigmask(k, p, c.argWord(3), c.argWord(4));
    return pollFiles(k, p, c.argWord(0), c.argInt(1), timeout);
  });
}

/** select's three descriptor sets, as bitmaps of machine words. */
interface FdSets {
  count: number;
  sets: (Uint8Array | null)[];
  addresses: number[];
}

function readFdSets(k: KernelServices, p: Process, count: number, addresses: number[]): FdSets {
  if (count < 0 || count > MAX_FDS) fail(EINVAL);
  const bytes = Math.ceil(count / (8 * k.wordSize)) * k.wordSize;
  return { count, addresses, sets: addresses.map((a) => (a === 0 ? null : p.memory.read(a, bytes))) };
}

const isSet = (set: Uint8Array | null, fd: number) => set !== null && (set[fd >> 3] & (1 << (fd & 7))) !== 0;

/** What each select set asks of a file. */
const SELECT_EVENTS = [POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI];

function selectFiles(k: KernelServices, p: Process, s: FdSets, timeoutNs: number | null): SyscallResult {
  const results = s.sets.map((set) => (set === null ? null : new Uint8Array(set.length)));
  let ready = 0;
  const queues = [];
  for (let fd = 0; fd < s.count; fd++) {
    const asked = s.sets.map((set) => isSet(set, fd));
    if (!asked.some(Boolean)) continue;
    if (!p.fds.has(fd)) return finish(p, -EBADF);
    const inode = p.fds.get(fd).inode;
    queues.push(inode.readiness);
    for (let which = 0; which < 3; which++) {
      if (!asked[which]) continue;
      // select reports a hung-up or failed file as readable and writable.
      const events = reportedEvents(inode, SELECT_EVENTS[which]);
      if (events & SELECT_EVENTS[which]) {
        results[which]![fd >> 3] |= 1 << (fd & 7);
        ready++;
      }
    }
  }
  const deadline = deadlineOf(k, p, timeoutNs);
  if (ready > 0 || (deadline !== null && k.monotonicNs() >= deadline)) {
    results.forEach((r, which) => {
      if (r !== null) p.memory.write(s.addresses[which], r);
    });
    return finish(p, ready);
  }
  return sleepOn(p, queues, deadline);
}

/** select(nfds, readfds, writefds, exceptfds, timeval or NULL). */
export function sysSelect(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return attempt(p, () => select(k, p, c));
}

function select(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const sets = readFdSets(k, p, c.argInt(0), [c.argWord(1), c.argWord(2), c.argWord(3)]);
  let timeout: number | null = null;
  if (p.sleepDeadlineNs === null && c.argWord(4) !== 0) {
    const tv = new DataView(p.memory.read(c.argWord(4), 16).buffer);
    const seconds = tv.getUint32(0, true) + tv.getInt32(4, true) * 0x1_0000_0000;
    const micros = tv.getUint32(8, true) + tv.getInt32(12, true) * 0x1_0000_0000;
    if (seconds < 0 || micros < 0 || micros >= 1e6) return -EINVAL;
    timeout = seconds * 1e9 + micros * 1e3;
  }
  return selectFiles(k, p, sets, timeout);
}

/** pselect6(nfds, readfds, writefds, exceptfds, timespec or NULL,
 * { const sigset_t *mask; size_t size } or NULL). */
export function sysPselect6(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return attempt(p, () => pselect6(k, p, c));
}

function pselect6(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const sets = readFdSets(k, p, c.argInt(0), [c.argWord(1), c.argWord(2), c.argWord(3)]);
  const timeout = p.sleepDeadlineNs !== null ? null : timespecNs(k, p, c.argWord(4));
  if (c.argWord(5) !== 0) {
    const w = k.wordSize;
    const pair = new DataView(p.memory.read(c.argWord(5), 2 * w).buffer);
    const word = (at: number) => (w === 4 ? pair.getUint32(at, true) : pair.getUint32(at, true) + pair.getUint32(at + 4, true) * 0x1_0000_0000);
    installSigmask(k, p, word(0), word(w));
  }
  return selectFiles(k, p, sets, timeout);
}
