/**
 * Threads: clone (a new process, or with CLONE_THREAD a thread of this
 * one: its stack, TLS, tid words), exit (this thread) and exit_group (the
 * process), gettid, thread-directed signals (tkill, tgkill) and
 * sigaltstack. Futexes are in sys-futex.ts.
 */
import type { UserContext } from '../../hal/trap';
import type { Process } from '../proc/process';
import { NSIG, SI_TKILL, exitedStatus } from '../proc/signals';
import { i32Bytes, u64Bytes } from './args';
import { EINVAL, ENOMEM, EPERM, ESRCH } from './errno';
import { releaseThreadFutexes } from './sys-futex';
import { forkProcess } from './sys-proc';
import { KernelServices, NO_RETURN_VALUE, SyscallResult } from './services';

const CSIGNAL = 0xff;
const CLONE_VM = 0x100;
const CLONE_FS = 0x200;
const CLONE_FILES = 0x400;
const CLONE_SIGHAND = 0x800;
const CLONE_VFORK = 0x4000;
const CLONE_THREAD = 0x10000;
const CLONE_SYSVSEM = 0x40000;
const CLONE_SETTLS = 0x80000;
const CLONE_PARENT_SETTID = 0x100000;
const CLONE_CHILD_CLEARTID = 0x200000;
const CLONE_DETACHED = 0x400000;
const CLONE_CHILD_SETTID = 0x1000000;
const TID_WORDS = CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID;
/** What a new process may ask: fork, vfork, posix_spawn's CLONE_VM|CLONE_VFORK
 * (given a copy of the memory, which its exec-or-exit use needs). */
const PROCESS_FLAGS = CSIGNAL | CLONE_VM | CLONE_VFORK | TID_WORDS;
/** What a new thread may ask (pthread_create's set, and less). */
const THREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_DETACHED | TID_WORDS;

/** clone: x86_64 (flags, stack, parent_tid, child_tid, tls); riscv32
 * (flags, stack, parent_tid, tls, child_tid). */
export function sysClone(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const flags = c.argU32(0); // Linux's clone takes the flags' low 32 bits
  const parentTid = c.argWord(2);
  const childTid = k.abi === 'x86_64' ? c.argWord(3) : c.argWord(4);
  const tls = k.abi === 'x86_64' ? c.argWord(4) : c.argWord(3);
  let child: Process;
  if (flags & CLONE_THREAD) {
    // As Linux: a thread shares signal actions, which share memory.
    if (flags & ~THREAD_FLAGS || !(flags & CLONE_SIGHAND) || !(flags & CLONE_VM)) return -EINVAL;
    const context = c.clone();
    context.setReturn(0);
    if (c.argWord(1) !== 0) context.sp = c.argWord(1);
    if (flags & CLONE_SETTLS) {
      if (k.abi === 'x86_64' && tls >= p.vm.userTop) return -EPERM; // as arch_prctl(ARCH_SET_FS)
      context.threadPointer = tls;
    }
    child = k.processes.createThread(p, context, (flags & CLONE_FILES) !== 0, (flags & CLONE_FS) !== 0);
    child.startNs = p.startNs;
  } else {
    if (flags & ~PROCESS_FLAGS || (flags & CLONE_VM && !(flags & CLONE_VFORK))) return -EINVAL;
    child = forkProcess(k, p, c, c.argWord(1));
  }
  if (flags & CLONE_PARENT_SETTID) p.memory.write(parentTid, i32Bytes(child.pid));
  if (flags & CLONE_CHILD_SETTID) child.memory.write(childTid, i32Bytes(child.pid));
  if (flags & CLONE_CHILD_CLEARTID) child.clearChildTid = childTid;
  return child.pid;
}

/** exit: this thread ends (its process with it when it is the last). */
export function sysExit(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  releaseThreadFutexes(k, p);
  k.processes.exitThread(p, exitedStatus(c.argInt(0)));
  return NO_RETURN_VALUE;
}

/** exit_group: every thread of the process ends. */
export function sysExitGroup(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  releaseThreadFutexes(k, p);
  k.processes.exit(p, exitedStatus(c.argInt(0)));
  return NO_RETURN_VALUE;
}

export const sysGettid = (k: KernelServices, p: Process): SyscallResult => p.pid;

function signalArg(c: UserContext, index: number): number | null {
  const signal = c.argInt(index);
  return signal < 0 || signal > NSIG ? null : signal;
}

/** tkill: a signal for the thread `tid` alone. */
export function sysTkill(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const signal = signalArg(c, 1);
  if (signal === null || c.argInt(0) <= 0) return -EINVAL;
  const target = k.processes.get(c.argInt(0));
  if (!target || target.state === 'zombie' || target.threadExited) return -ESRCH;
  k.processes.killThread(target, signal, { code: SI_TKILL, pid: p.tgid });
  return 0;
}

/** tgkill: a signal for the thread `tid` of process `tgid`. */
export function sysTgkill(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const signal = signalArg(c, 2);
  if (signal === null || c.argInt(0) <= 0 || c.argInt(1) <= 0) return -EINVAL;
  const target = k.processes.get(c.argInt(1));
  if (!target || target.state === 'zombie' || target.threadExited || target.tgid !== c.argInt(0)) return -ESRCH;
  k.processes.killThread(target, signal, { code: SI_TKILL, pid: p.tgid });
  return 0;
}

const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const SS_AUTODISARM = 1 << 31;
/** MINSIGSTKSZ on both architectures. */
const MIN_SIGNAL_STACK = 2048;

/** True when `sp` is on the thread's alternate signal stack. */
export function onAltStack(p: Process, sp: number): boolean {
  const s = p.altStack;
  return !(s.flags & SS_DISABLE) && sp > s.sp && sp - s.sp <= s.size;
}

/** stack_t: { void *ss_sp; int ss_flags; size_t ss_size } (24 bytes on
 * x86_64 with padding, 12 on riscv32). */
function stackBytes(k: KernelServices, sp: number, flags: number, size: number): Uint8Array {
  const w = k.wordSize;
  const out = new Uint8Array(3 * w);
  out.set(w === 8 ? u64Bytes(sp) : i32Bytes(sp), 0);
  out.set(i32Bytes(flags), w);
  out.set(w === 8 ? u64Bytes(size) : i32Bytes(size), 2 * w);
  return out;
}

/** sigaltstack(ss, old_ss): the stack handlers with SA_ONSTACK run on. */
export function sysSigaltstack(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const w = k.wordSize;
  const onIt = onAltStack(p, c.sp);
  let next: { sp: number; size: number; flags: number } | null = null;
  if (c.argWord(0) !== 0) {
    const raw = p.memory.read(c.argWord(0), 3 * w);
    const sp = p.memory.readWord(c.argWord(0), w);
    const flags = new DataView(raw.buffer).getInt32(w, true);
    const size = p.memory.readWord(c.argWord(0) + 2 * w, w);
    const mode = flags & ~SS_AUTODISARM;
    if (mode !== 0 && mode !== SS_DISABLE && mode !== SS_ONSTACK) return -EINVAL;
    if (onIt) return -EPERM;
    if (mode === SS_DISABLE) next = { sp: 0, size: 0, flags: SS_DISABLE };
    else if (size < MIN_SIGNAL_STACK) return -ENOMEM;
    else next = { sp, size, flags: flags & SS_AUTODISARM };
  }
  if (c.argWord(1) !== 0) {
    const s = p.altStack;
    const flags = s.flags & SS_DISABLE ? SS_DISABLE : (onIt ? SS_ONSTACK : 0) | (s.flags & SS_AUTODISARM);
    p.memory.write(c.argWord(1), stackBytes(k, s.sp, flags, s.size));
  }
  if (next) p.altStack = next;
  return 0;
}
