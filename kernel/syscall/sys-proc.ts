/**
 * Process system calls: fork/clone, execve, exit, wait4/waitid (exits,
 * stops, continues), kill, the
 * identity calls, and what libc start-up asks of a single-threaded process
 * (set_tid_address, robust lists, signal masks, resource limits, the x86
 * FS base).
 */
import type { UserContext } from '../../hal/trap';
import type { Process } from '../proc/process';
import type { LoadOutcome } from '../proc/program-loader';
import { SignalAction, UNBLOCKABLE } from '../proc/process';
import { CLD_CONTINUED, CLD_EXITED, CLD_KILLED, CLD_STOPPED, NSIG, SIGCHLD, SIGCONT, SIGKILL, SIGSEGV, SIGSTOP, SIG_IGN, SI_KERNEL, SI_TKILL, SI_USER, shellStatus } from '../proc/signals';
import { Blocked, WaitQueue } from '../sched/wait-queue';
import { PAGE_SIZE } from '../mm/frame-allocator';
import { atPath, i32Bytes, readPath, u64Bytes, wordBytes } from './args';
import { EAGAIN, ECHILD, EINVAL, ENOSYS, EPERM, ESRCH, KernelError } from './errno';
import { KernelServices, NO_RETURN_VALUE, SyscallResult } from './services';

const CSIGNAL = 0xff;
const CLONE_VM = 0x100;
const CLONE_VFORK = 0x4000;
const CLONE_PARENT_SETTID = 0x100000;
const CLONE_CHILD_CLEARTID = 0x200000;
const CLONE_CHILD_SETTID = 0x1000000;
const FORK_LIKE = CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID;
const WNOHANG = 1;
const WUNTRACED = 2; // WSTOPPED for waitid
const WEXITED = 4;
const WCONTINUED = 8;
const WNOWAIT = 0x01000000;
const P_ALL = 0;
const P_PID = 1;
const P_PGID = 2;

export function forkProcess(k: KernelServices, p: Process, c: UserContext, newSp: number): Process {
  const context = c.clone();
  context.setReturn(0);
  if (newSp !== 0) context.sp = newSp;
  const child = k.processes.fork(p, context);
  child.startNs = k.monotonicNs();
  return child;
}

export function sysFork(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  return forkProcess(k, p, c, 0).pid;
}

export function sysExecve(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const path = atPath(p, -100, readPath(p, c.argWord(0)));
  const argv = p.memory.readStringArray(c.argWord(1), k.wordSize);
  const envp = p.memory.readStringArray(c.argWord(2), k.wordSize);
  const waiting = new WaitQueue(`exec of ${path}`);
  const real = realPath(k, path); // now: /proc/self means the caller only inside its call
  k.loader.load({ path, argv, envp }, (outcome: LoadOutcome) => {
    if (p.state === 'zombie') {
      if (!(outcome instanceof KernelError)) outcome.vm.destroy();
      return;
    }
    if (outcome instanceof KernelError) {
      k.log.debug('exec', `pid ${p.pid}: ${path}: ${outcome.message}`);
      p.context.setReturn(-outcome.errno);
    } else {
      // The point of no return: the other threads end, and the process
      // goes on in this one, under the process's pid (Linux's de_thread).
      const threaded = p.leader.threads.length > 1 || p !== p.leader;
      const q = k.processes.becomeSoleThread(p);
      const old = q.replaceImage(outcome.vm, outcome.context);
      // A sibling may be on the core right now (this runs between turns,
      // outside any trap): its page tables go at the next trap.
      if (threaded) k.processes.retire(old);
      else old.destroy();
      q.name = path.slice(path.lastIndexOf('/') + 1);
      q.image = { path: real, argv, envp };
      q.fds.closeOnExec();
      // Caught signals go back to their default; ignored ones stay ignored.
      q.signalActions = new Map([...q.signalActions].filter(([, action]) => action.handler === SIG_IGN));
      q.altStack = { sp: 0, size: 0, flags: SS_DISABLE };
      q.clearChildTid = 0;
      q.robustList = 0;
      k.log.debug('exec', `pid ${q.pid} runs ${path}`);
      if (q !== p) q.wake();
    }
    waiting.wakeAll();
  });
  k.scheduler.sleep(p, waiting, null);
  return NO_RETURN_VALUE;
}

/** The file a path names, links resolved (/proc/<pid>/exe shows it). */
function realPath(k: KernelServices, path: string): string {
  try {
    return k.vfs.resolve(path).path;
  } catch {
    return path;
  }
}

export function sysWait4(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const options = c.argInt(2);
  const wants = { exited: true, stopped: (options & WUNTRACED) !== 0, continued: (options & WCONTINUED) !== 0 };
  const event = k.processes.waitEvent(p, c.argInt(0), wants);
  if (event === undefined) return -ECHILD;
  if (event === null) return options & WNOHANG ? 0 : new Blocked(p.childEvents);
  if (c.argWord(1) !== 0) p.memory.write(c.argWord(1), i32Bytes(event.status));
  if (c.argWord(3) !== 0) p.memory.write(c.argWord(3), new Uint8Array(k.wordSize === 8 ? 144 : 72));
  return event.child.pid;
}

export function sysWaitid(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const idType = c.argInt(0);
  const id = c.argInt(1);
  const info = c.argWord(2);
  const options = c.argInt(3);
  if (!(options & (WEXITED | WUNTRACED | WCONTINUED))) return -EINVAL;
  const pid = idType === P_ALL ? -1 : idType === P_PID ? id : idType === P_PGID ? -id : NaN;
  if (Number.isNaN(pid) || (idType !== P_ALL && id <= 0)) return -EINVAL;
  const wants = { exited: (options & WEXITED) !== 0, stopped: (options & WUNTRACED) !== 0, continued: (options & WCONTINUED) !== 0 };
  const event = k.processes.waitEvent(p, pid, wants, (options & WNOWAIT) !== 0);
  if (event === undefined) return -ECHILD;
  if (event === null) {
    if (!(options & WNOHANG)) return new Blocked(p.childEvents);
    if (info !== 0) p.memory.write(info, new Uint8Array(128));
    return 0;
  }
  if (info !== 0) {
    // si_code and si_status as Linux's wait_task_*: the exit code, the
    // killing signal, the stop signal, or SIGCONT.
    let code: number;
    let status: number;
    if (event.kind === 'stopped') {
      code = CLD_STOPPED;
      status = (event.status >> 8) & 0xff;
    } else if (event.kind === 'continued') {
      code = CLD_CONTINUED;
      status = SIGCONT;
    } else {
      const signal = event.status & 0x7f;
      code = signal === 0 ? CLD_EXITED : CLD_KILLED;
      status = signal === 0 ? shellStatus(event.status) : signal;
    }
    const record = new Uint8Array(128);
    const view = new DataView(record.buffer);
    const body = k.wordSize === 8 ? 16 : 12; // the union after si_signo, si_errno, si_code (and padding)
    view.setInt32(0, SIGCHLD, true);
    view.setInt32(8, code, true);
    view.setInt32(body, event.child.pid, true);
    view.setInt32(body + 8, status, true);
    p.memory.write(info, record);
  }
  if (c.argWord(4) !== 0) p.memory.write(c.argWord(4), new Uint8Array(k.wordSize === 8 ? 144 : 72));
  return 0;
}

export function sysKill(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const pid = c.argInt(0);
  const signal = c.argInt(1);
  if (signal < 0 || signal > NSIG) return -EINVAL;
  // A thread's id names its process too, as Linux's kill(2) allows.
  const byTid = pid > 0 ? k.processes.get(pid)?.leader : undefined;
  const targets = k.processes
    .all()
    .filter((t) => t.state !== 'zombie')
    .filter((t) => (pid > 0 ? t === byTid : pid === 0 ? t.pgid === p.pgid : pid === -1 ? t.pid !== 1 && t !== p.leader : t.pgid === -pid));
  if (targets.length === 0) return -ESRCH;
  for (const t of targets) k.processes.kill(t, signal, { code: SI_USER, pid: p.tgid });
  return 0;
}

/** The process's id (its thread group's), whichever thread asks. */
export const sysGetpid = (k: KernelServices, p: Process): SyscallResult => p.tgid;
export const sysGetppid = (k: KernelServices, p: Process): SyscallResult => p.ppid;
export const sysGetuid = (): SyscallResult => 0;

const SS_DISABLE = 2;

export function sysSetTidAddress(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  p.clearChildTid = c.argWord(0);
  return p.pid;
}

export function sysSchedYield(k: KernelServices): SyscallResult {
  k.scheduler.yield();
  return 0;
}

export function sysSetpgid(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const pid = c.argInt(0) === 0 ? p.pid : c.argInt(0);
  const target = k.processes.get(pid);
  if (!target || (target !== p && target.parent !== p)) return -ESRCH;
  const pgid = c.argInt(1) === 0 ? target.pid : c.argInt(1);
  if (pgid < 0) return -EINVAL;
  target.pgid = pgid;
  return 0;
}

export function sysGetpgid(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const target = c.argInt(0) === 0 ? p : k.processes.get(c.argInt(0));
  return target ? target.pgid : -ESRCH;
}

export const sysGetpgrp = (k: KernelServices, p: Process): SyscallResult => p.pgid;

export function sysSetsid(k: KernelServices, p: Process): SyscallResult {
  if (p.pgid === p.pid) return -EPERM;
  p.sid = p.pgid = p.pid;
  return p.pid;
}

/** struct sigaction as the kernel reads it: x86_64 {handler, flags,
 * restorer, mask} in 8-byte words; riscv32 {handler, flags, mask} (no
 * sa_restorer: returns go through the kernel's trampoline). */
function sigactionBytes(k: KernelServices, a: SignalAction): Uint8Array {
  if (k.wordSize === 8) {
    const out = new Uint8Array(32);
    out.set(u64Bytes(a.handler), 0);
    out.set(u64Bytes(a.flags >>> 0), 8);
    out.set(u64Bytes(a.restorer), 16);
    out.set(maskBytes(a.mask), 24);
    return out;
  }
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setUint32(0, a.handler >>> 0, true);
  view.setUint32(4, a.flags >>> 0, true);
  out.set(maskBytes(a.mask), 8);
  return out;
}

function readSigaction(k: KernelServices, p: Process, address: number): SignalAction {
  const bytes = p.memory.read(address, k.wordSize === 8 ? 32 : 16);
  const view = new DataView(bytes.buffer);
  if (k.wordSize === 8) {
    return { handler: view.getUint32(0, true) + view.getUint32(4, true) * 0x1_0000_0000, flags: view.getUint32(8, true), restorer: view.getUint32(16, true) + view.getUint32(20, true) * 0x1_0000_0000, mask: readMask(bytes, 24) };
  }
  return { handler: view.getUint32(0, true), flags: view.getUint32(4, true), restorer: 0, mask: readMask(bytes, 8) };
}

function maskBytes(mask: bigint): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Number(mask & 0xffff_ffffn), true);
  view.setUint32(4, Number((mask >> 32n) & 0xffff_ffffn), true);
  return out;
}

/** A sigset_t in memory: bit n-1 is signal n; the kernel keeps bit n. */
function readMask(bytes: Uint8Array, at: number): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return (BigInt(view.getUint32(at, true)) | (BigInt(view.getUint32(at + 4, true)) << 32n)) << 1n;
}

const SIGSET_SIZE = 8;

export function sysRtSigaction(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const signal = c.argInt(0);
  if (signal < 1 || signal > NSIG || c.argWord(3) !== SIGSET_SIZE) return -EINVAL;
  const act = c.argWord(1);
  const old = c.argWord(2);
  const next = act !== 0 ? readSigaction(k, p, act) : null;
  if (next && (signal === SIGKILL || signal === SIGSTOP)) return -EINVAL;
  if (old !== 0) {
    const current = p.actionFor(signal);
    p.memory.write(old, sigactionBytes(k, { ...current, mask: current.mask >> 1n }));
  }
  if (next) p.signalActions.set(signal, next);
  return 0;
}

const SIG_BLOCK = 0;
const SIG_UNBLOCK = 1;
const SIG_SETMASK = 2;

export function sysRtSigprocmask(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const how = c.argInt(0);
  const set = c.argWord(1);
  const old = c.argWord(2);
  if (c.argWord(3) !== SIGSET_SIZE) return -EINVAL;
  const change = set !== 0 ? readMask(p.memory.read(set, SIGSET_SIZE), 0) : null;
  if (change !== null && how !== SIG_BLOCK && how !== SIG_UNBLOCK && how !== SIG_SETMASK) return -EINVAL;
  if (old !== 0) p.memory.write(old, maskBytes(p.blockedSignals >> 1n));
  if (change === null) return 0;
  if (how === SIG_BLOCK) p.blockedSignals |= change;
  else if (how === SIG_UNBLOCK) p.blockedSignals &= ~change;
  else p.blockedSignals = change;
  p.blockedSignals &= ~UNBLOCKABLE;
  return 0;
}

/** rt_sigpending: the signals waiting for this thread, its own and its
 * process's, that it blocks (Linux's do_sigpending). */
export function sysRtSigpending(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  if (c.argWord(1) > SIGSET_SIZE) return -EINVAL;
  const pending = (p.pendingSignals | p.sharedPending) & p.blockedSignals;
  p.memory.write(c.argWord(0), maskBytes(pending >> 1n).subarray(0, c.argWord(1)));
  return 0;
}

/** The handler is done: the registers and mask saved in its frame return. */
export function sysRtSigreturn(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  try {
    p.blockedSignals = (k.trapHost.signals.pop(c, p.memory) << 1n) & ~UNBLOCKABLE;
  } catch {
    k.processes.forceFault(p, SIGSEGV, { code: SI_KERNEL });
  }
  return NO_RETURN_VALUE;
}

/** pause: sleeps until a signal; a handled one makes it return EINTR. */
export function sysPause(k: KernelServices, p: Process): SyscallResult {
  return new Blocked(new WaitQueue('pause'), null, true);
}

/** RLIMIT_STACK 8 MiB, RLIMIT_NOFILE 1024/4096, everything else unlimited. */
function limitFor(resource: number): [number, number] {
  const INFINITY = Number.MAX_SAFE_INTEGER;
  if (resource === 3) return [8 << 20, INFINITY];
  if (resource === 7) return [1024, 4096];
  return [INFINITY, INFINITY];
}

function limitBytes(resource: number): Uint8Array {
  const [soft, hard] = limitFor(resource);
  const out = new Uint8Array(16);
  const put = (at: number, v: number) => out.set(v === Number.MAX_SAFE_INTEGER ? new Uint8Array(8).fill(0xff) : u64Bytes(v), at);
  put(0, soft);
  put(8, hard);
  return out;
}

export function sysPrlimit64(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const pid = c.argInt(0);
  if (pid !== 0 && pid !== p.pid && !k.processes.get(pid)) return -ESRCH;
  const resource = c.argInt(1);
  if (resource < 0 || resource > 15) return -EINVAL;
  if (c.argWord(3) !== 0) p.memory.write(c.argWord(3), limitBytes(resource));
  return 0;
}

export function sysGetrlimit(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const resource = c.argInt(0);
  if (resource < 0 || resource > 15) return -EINVAL;
  p.memory.write(c.argWord(1), limitBytes(resource));
  return 0;
}

const ARCH_SET_GS = 0x1001;
const ARCH_SET_FS = 0x1002;
const ARCH_GET_FS = 0x1003;

export function sysArchPrctl(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  switch (c.argInt(0)) {
    case ARCH_SET_FS: {
      // As Linux: a base at or past its TASK_SIZE_MAX (the top of user
      // space less a page) is refused, so a later access through FS is
      // never a non-canonical address.
      const base = c.argWord(1);
      if (base >= p.vm.userTop - PAGE_SIZE) return -EPERM;
      c.threadPointer = base;
      return 0;
    }
    case ARCH_GET_FS:
      p.memory.write(c.argWord(1), u64Bytes(c.threadPointer));
      return 0;
    case ARCH_SET_GS:
      return -ENOSYS;
    default:
      return -EINVAL;
  }
}
