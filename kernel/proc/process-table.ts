/**
 * Every process (and thread) by pid, and the life events that involve more
 * than one of them: creation, fork, threads (clone), exit (of a thread, of
 * a whole process: zombies, orphans going to init, the parent's wake-up),
 * signals (process- and thread-directed), job control (stop, continue, the
 * parent told of both), and reaping by wait4/waitid.
 */
import type { AddressSpaceFactory } from '../../hal/address-space';
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { UserContext } from '../../hal/trap';
import { FdTable } from '../fs/open-file';
import type { Logger } from '../log/logger';
import type { VmSpace } from '../mm/vm-space';
import { EAGAIN, EINTR, ENOMEM, KernelError } from '../syscall/errno';
import type { Scheduler } from '../sched/scheduler';
import { Process } from './process';
import type { SignalFrames, SignalInfo } from '../../hal/signal-frames';
import { UNBLOCKABLE } from './process';
import { CLD_CONTINUED, CLD_DUMPED, CLD_EXITED, CLD_KILLED, CLD_STOPPED, SA_NOCLDWAIT, SA_ONSTACK, CONTINUED_STATUS, SA_NOCLDSTOP, SA_NODEFER, SA_RESETHAND, SA_RESTART, SIGCHLD, SIGCONT, SIGKILL, SIGSEGV, SIG_DFL, SIG_IGN, SI_USER, STOP_SIGNALS, exitedStatus, ignoredByDefault, isStopSignal, killedStatus, signalName, stoppedStatus } from './signals';

const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const SS_AUTODISARM = 1 << 31;

/** Where a handler's frame goes and what its uc_stack says (Linux's
 * get_sigframe and save_altstack): on the alternate stack, at its top,
 * when the action has SA_ONSTACK and the thread has one it is not on. */
function altStackFor(p: Process, flags: number): { stackTop?: number; altStack?: { sp: number; flags: number; size: number } } {
  const s = p.altStack;
  if (s.flags & SS_DISABLE) return {};
  const onIt = p.context.sp > s.sp && p.context.sp - s.sp <= s.size;
  // ss_flags as the interrupted code was: on the stack or not.
  const altStack = { sp: s.sp, size: s.size, flags: onIt ? SS_ONSTACK : 0 };
  if (!(flags & SA_ONSTACK) || onIt) return { altStack };
  return { stackTop: s.sp + s.size, altStack };
}

export interface ProcessTableHooks {
  /** The first process ended: the machine powers off with its status. */
  initExited(waitStatus: number): void;
  /** Free physical frames now (fork keeps a reserve for copy-on-write). */
  freeFrames(): number;
}

/** What wait4/waitid may report: an exit, a stop (WUNTRACED/WSTOPPED), a
 * continue (WCONTINUED). */
export interface WaitWants {
  exited: boolean;
  stopped: boolean;
  continued: boolean;
}

/** A child's event a wait reports, with wait4's status word for it. */
export interface ChildEvent {
  child: Process;
  kind: 'exited' | 'stopped' | 'continued';
  status: number;
}

/** RLIMIT_NPROC-like bound on live processes. */
export const MAX_PROCESSES = 1024;
/** Frames fork leaves free, so that its copy-on-write can be honoured. */
const FORK_RESERVE_FRAMES = 256;

export class ProcessTable {
  private readonly byPid = new Map<number, Process>();
  /** Address spaces an exec left that a thread may still run on until the
   * next trap switches away (destroyRetired). */
  private retired: VmSpace[] = [];
  private nextPid = 1;
  init: Process | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly spaces: AddressSpaceFactory,
    private readonly memory: PhysicalMemory,
    private readonly log: Logger,
    private readonly hooks: ProcessTableHooks,
  ) {}

  /** Processes created since boot (pids are never reused): /proc/stat's "processes". */
  get created(): number {
    return this.nextPid - 1;
  }

  /** The process or thread `pid` (a tid finds its thread). */
  get(pid: number): Process | undefined {
    return this.byPid.get(pid);
  }

  /** Every process (thread group leaders: what kill(-1) and /proc list). */
  all(): Process[] {
    return [...this.byPid.values()].filter((p) => p.isLeader);
  }

  /** Every task: processes and their threads (scheduling statistics). */
  tasks(): Process[] {
    return [...this.byPid.values()];
  }

  /** The first process (pid 1), from a loaded program. */
  createInit(name: string, vm: VmSpace, context: UserContext, fds: FdTable): Process {
    const p = new Process(this.nextPid++, name, vm, this.memory, context, fds, '/', this.scheduler);
    this.byPid.set(p.pid, p);
    this.init = p;
    this.scheduler.add(p);
    return p;
  }

  /** fork: a copy of `parent` whose registers are `context`. */
  fork(parent: Process, context: UserContext): Process {
    if (this.byPid.size >= MAX_PROCESSES) throw new KernelError(EAGAIN, 'fork: too many processes');
    if (this.hooks.freeFrames() < FORK_RESERVE_FRAMES + parent.vm.residentPages / 8) throw new KernelError(ENOMEM, 'fork: memory is low');
    let vm: VmSpace;
    try {
      vm = parent.vm.fork(this.spaces.create());
    } catch (error) {
      throw new KernelError(ENOMEM, `fork: ${(error as Error).message}`);
    }
    const child = new Process(this.nextPid++, parent.name, vm, this.memory, context, parent.fds.clone(), parent.cwd, this.scheduler);
    child.parent = parent.leader; // the process, whichever of its threads forks
    child.pgid = parent.pgid;
    child.sid = parent.sid;
    child.umask = parent.umask;
    child.image = parent.image;
    for (const [sig, action] of parent.signalActions) child.signalActions.set(sig, { ...action });
    child.blockedSignals = parent.blockedSignals;
    child.altStack = { ...parent.altStack };
    parent.children.push(child);
    this.byPid.set(child.pid, child);
    this.scheduler.add(child);
    return child;
  }

  /** clone(CLONE_THREAD): a new thread in `caller`'s process, with the
   * same memory and signal actions, registers `context`, and the
   * descriptors and file system context shared or copied as asked. */
  createThread(caller: Process, context: UserContext, shareFiles: boolean, shareFs: boolean): Process {
    if (this.byPid.size >= MAX_PROCESSES) throw new KernelError(EAGAIN, 'clone: too many tasks');
    const t = caller.newThread(this.nextPid++, context, shareFiles ? caller.fds : caller.fds.clone());
    t.fsContext = shareFs ? caller.fsContext : { ...caller.fsContext };
    t.signalActions = caller.signalActions;
    t.blockedSignals = caller.blockedSignals;
    this.byPid.set(t.pid, t);
    this.scheduler.add(t);
    return t;
  }

  /** exit(2) of one thread: it ends alone, unless it is the last one, when
   * its process ends with `waitStatus`. */
  exitThread(t: Process, waitStatus: number): void {
    const leader = t.leader;
    if (leader.threads.length <= 1) return this.exit(t, waitStatus);
    this.endThread(t);
  }

  /** A thread leaves its group (the process goes on). A leader stays, as
   * the process's identity, until the group ends. */
  private endThread(t: Process): void {
    const leader = t.leader;
    this.scheduler.remove(t);
    const i = leader.threads.indexOf(t);
    if (i >= 0) leader.threads.splice(i, 1);
    if (t === leader) {
      t.threadExited = true;
      t.state = 'sleeping';
    } else {
      t.state = 'zombie';
      this.byPid.delete(t.pid);
    }
    // Descriptors or a file system context of its own (clone without CLONE_FILES/FS).
    if (t.fds !== leader.fds && !leader.threads.some((o) => o.fds === t.fds)) t.fds.closeAll();
  }

  /** Before execve's new image: every other thread of `p`'s process ends
   * and `p` becomes the process's only thread, under the process's pid (as
   * Linux's de_thread). Returns the task that goes on: the leader. */
  becomeSoleThread(p: Process): Process {
    const leader = p.leader;
    for (const t of [...leader.threads]) if (t !== p && t !== leader) this.endThread(t);
    if (p === leader) return p;
    if (leader.threads.includes(leader)) this.endThread(leader);
    leader.threads.length = 0;
    leader.threads.push(leader);
    leader.threadExited = false;
    leader.state = 'sleeping';
    leader.context = p.context;
    leader.fds = p.fds;
    leader.fsContext = p.fsContext;
    leader.blockedSignals = p.blockedSignals;
    leader.pendingSignals = p.pendingSignals;
    for (const [sig, info] of p.pendingInfo) leader.pendingInfo.set(sig, info);
    leader.name = p.name;
    this.scheduler.remove(p);
    p.state = 'zombie';
    this.byPid.delete(p.pid);
    return leader;
  }

  /** Destroys `vm` at the next trap (see retired). */
  retire(vm: VmSpace): void {
    this.retired.push(vm);
  }

  /** Inside a trap, once the next context is chosen: retired spaces go. */
  destroyRetired(): void {
    const spaces = this.retired;
    this.retired = [];
    for (const vm of spaces) vm.destroy();
  }

  /** exit_group or a fatal signal: every thread of `p`'s process ends, and
   * the process with `waitStatus`: its resources go, it waits as a zombie. */
  exit(p: Process, waitStatus: number): void {
    p = p.leader;
    if (p.state === 'zombie') return;
    for (const t of [...p.threads]) if (t !== p) this.endThread(t);
    p.threads.length = 0;
    p.threadExited = false;
    this.scheduler.remove(p);
    p.state = 'zombie';
    p.waitStatus = waitStatus;
    p.fds.closeAll();
    p.vm.destroy();
    for (const child of p.children) {
      child.parent = this.init !== p ? this.init : null;
      if (child.parent) child.parent.children.push(child);
      if (child.state === 'zombie' && child.parent) child.parent.childEvents.wakeAll();
    }
    p.children.length = 0;
    if (p.parent) {
      this.notifyExit(p);
    } else {
      this.byPid.delete(p.pid); // nobody will wait for it
    }
    if (p === this.init) this.hooks.initExited(waitStatus);
  }

  exitWithCode(p: Process, code: number): void {
    this.exit(p, exitedStatus(code));
  }

  /** Sends `signal` to `target`'s process (kill: process-directed): any of
   * its threads that does not block it takes it. An ignored signal is
   * dropped; a caught or fatal one acts when a thread next returns to user
   * mode (a sleeping one wakes for it; a stopped process only for SIGKILL).
   * As Linux's prepare_signal, whatever their disposition, a stop signal
   * discards a pending SIGCONT, and SIGCONT discards pending stop signals
   * and continues a stopped process. */
  kill(target: Process, signal: number, info: Partial<SignalInfo> = {}): void {
    const proc = target.leader;
    if (proc.state === 'zombie' || signal === 0 || !this.prepareSignal(proc, signal)) return;
    proc.sharedPending |= 1n << BigInt(signal);
    proc.sharedInfo.set(signal, { signal, code: SI_USER, address: 0, pid: 0, uid: 0, ...info });
    if (proc.stopped && signal !== SIGKILL) return; // it acts after SIGCONT
    const bit = 1n << BigInt(signal);
    const takers = proc.threads.filter((t) => !(t.blockedSignals & bit & ~UNBLOCKABLE));
    // A thread that will return to user mode anyway takes it then; else wake one.
    if (takers.some((t) => t.state === 'runnable')) return;
    const sleeper = takers.find((t) => t.state === 'sleeping');
    if (sleeper) this.wakeForSignal(sleeper);
  }

  /** Sends `signal` to the thread `target` alone (tgkill, tkill, faults). */
  killThread(target: Process, signal: number, info: Partial<SignalInfo> = {}): void {
    const proc = target.leader;
    if (target.state === 'zombie' || target.threadExited || signal === 0 || !this.prepareSignal(proc, signal)) return;
    target.pendingSignals |= 1n << BigInt(signal);
    target.pendingInfo.set(signal, { signal, code: SI_USER, address: 0, pid: 0, uid: 0, ...info });
    if (proc.stopped && signal !== SIGKILL) return;
    if (target.state === 'sleeping' && target.hasPendingSignal()) this.wakeForSignal(target);
  }

  /** What a new signal does before it is queued (job control), and whether
   * it is queued at all (false: ignored). */
  private prepareSignal(proc: Process, signal: number): boolean {
    if (isStopSignal(signal)) {
      this.discardPending(proc, 1n << BigInt(SIGCONT));
    } else if (signal === SIGCONT) {
      this.discardPending(proc, STOP_SIGNALS);
      if (proc.stopped) this.resume(proc);
    }
    const action = proc.actionFor(signal);
    return signal === SIGKILL || !(action.handler === SIG_IGN || (action.handler === SIG_DFL && ignoredByDefault(signal)));
  }

  private wakeForSignal(t: Process): void {
    for (const other of t.leader.threads) other.stopped = false;
    t.leader.stopped = false;
    t.sleepingOn?.remove(t);
    t.wake();
  }

  private discardPending(proc: Process, mask: bigint): void {
    for (let s = 1; s < 64; s++) {
      if (!(mask & (1n << BigInt(s)))) continue;
      proc.sharedInfo.delete(s);
      for (const t of proc.threads) t.pendingInfo.delete(s);
    }
    proc.sharedPending &= ~mask;
    for (const t of proc.threads) t.pendingSignals &= ~mask;
  }

  /** A stop signal's default action: `p` sleeps on no queue, burning no
   * CPU, until SIGCONT (or SIGKILL) wakes it; its parent is told. */
  private stop(p: Process, signal: number): void {
    p = p.leader;
    this.log.debug('signal', `pid ${p.pid} (${p.name}) stopped by ${signalName(signal)}`);
    p.stopped = true;
    p.stopReport = signal;
    p.continueReport = false;
    for (const t of p.threads) {
      t.stopped = true;
      // A blocked system call restarts when it continues.
      this.scheduler.remove(t);
      this.scheduler.sleep(t, null, null);
    }
    this.notifyParent(p, CLD_STOPPED);
  }

  /** SIGCONT on a stopped process: it runs again (any system call it was
   * blocked in restarts) and its parent is told. */
  private resume(p: Process): void {
    this.log.debug('signal', `pid ${p.pid} (${p.name}) continued`);
    p.stopped = false;
    p.stopReport = 0;
    p.continueReport = true;
    for (const t of p.threads) {
      t.stopped = false;
      t.wake();
    }
    this.notifyParent(p, CLD_CONTINUED);
  }

  /** Linux's do_notify_parent: the parent gets SIGCHLD with how the child
   * ended; a parent that ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT) leaves
   * nothing to wait for: the child is reaped at once. Its waits wake
   * either way (an emptied child list ends them with ECHILD). */
  private notifyExit(child: Process): void {
    const parent = child.parent!;
    const status = child.waitStatus;
    const signal = status & 0x7f;
    const code = signal === 0 ? CLD_EXITED : status & 0x80 ? CLD_DUMPED : CLD_KILLED;
    const action = parent.actionFor(SIGCHLD);
    if (action.handler === SIG_IGN || action.flags & SA_NOCLDWAIT) {
      parent.children.splice(parent.children.indexOf(child), 1);
      this.byPid.delete(child.pid);
    } else {
      this.kill(parent, SIGCHLD, { code, pid: child.pid, status: signal === 0 ? (status >> 8) & 0xff : signal });
    }
    parent.childEvents.wakeAll();
  }

  /** The signal deliverSignals would act on next runs a handler (so an
   * interrupted system call may first finish: retryBeforeSignal). */
  nextSignalIsCaught(p: Process): boolean {
    const deliverable = p.deliverableSignals;
    for (let s = 1; s < 64; s++) {
      if (deliverable & (1n << BigInt(s))) return s !== SIGKILL && p.actionFor(s).handler > SIG_IGN;
    }
    return false;
  }

  /** Linux's do_notify_parent_cldstop: SIGCHLD unless the parent asked for
   * none with SA_NOCLDSTOP, and its waits wake either way. */
  private notifyParent(child: Process, code: number): void {
    const parent = child.parent;
    if (!parent || parent.state === 'zombie') return;
    const status = code === CLD_STOPPED ? child.stopReport : SIGCONT;
    if (!(parent.actionFor(SIGCHLD).flags & SA_NOCLDSTOP)) this.kill(parent, SIGCHLD, { code, pid: child.pid, status });
    parent.childEvents.wakeAll();
  }

  /** A fault's signal (SIGSEGV, SIGILL...): like Linux's force_sig, it is
   * taken even when blocked or ignored, by resetting those to the default. */
  forceFault(target: Process, signal: number, info: Partial<SignalInfo>): void {
    const bit = 1n << BigInt(signal);
    if (target.blockedSignals & bit || target.actionFor(signal).handler === SIG_IGN) {
      target.blockedSignals &= ~bit;
      target.signalActions.delete(signal);
    }
    this.killThread(target, signal, info);
  }

  /** Acts on deliverable signals before `p` returns to user mode: default
   * actions now; for a handler, a signal frame (one per return). */
  deliverSignals(p: Process, frames: SignalFrames): void {
    while (p.state !== 'zombie' && p.hasPendingSignal()) {
      const taken = p.takeSignal();
      const signal = taken.signal;
      const info = taken.info ?? { signal, code: SI_USER, address: 0, pid: 0, uid: 0 };
      const action = p.actionFor(signal);
      if (action.handler === SIG_IGN || (action.handler === SIG_DFL && ignoredByDefault(signal))) continue;
      if (action.handler === SIG_DFL && isStopSignal(signal)) {
        // The first process is not stopped, as Linux's init (SIGNAL_UNKILLABLE):
        // nothing could continue it, and the machine would hang.
        if (p.leader === this.init) continue;
        this.stop(p, signal);
        return;
      }
      if (action.handler === SIG_DFL || signal === SIGKILL) {
        this.log.debug('signal', `pid ${p.pid} (${p.name}) killed by ${signalName(signal)}`);
        this.exit(p, killedStatus(signal));
        return;
      }
      // A system call this signal interrupted returns EINTR, unless it may
      // restart (SA_RESTART) and is not one that never restarts.
      if (p.pendingRestart === 'interrupt' || (p.pendingRestart === 'restart' && !(action.flags & SA_RESTART))) {
        p.context.cancelRestart();
        p.context.setReturn(-EINTR);
        p.sleepDeadlineNs = null;
      }
      p.pendingRestart = null;
      try {
        // A mask that ppoll/pselect6 replaced comes back at sigreturn.
        const savedMask = p.savedSigmask ?? p.blockedSignals;
        frames.push(p.context, { info, handler: action.handler, flags: action.flags, restorer: action.restorer, savedMask: savedMask >> 1n, ...altStackFor(p, action.flags) }, p.memory);
        if (action.flags & SA_ONSTACK && p.altStack.flags & SS_AUTODISARM) p.altStack = { sp: 0, size: 0, flags: SS_DISABLE };
        p.savedSigmask = null;
      } catch {
        // No room for the frame: the process cannot take its handler.
        this.log.info('signal', `pid ${p.pid} (${p.name}): no stack for the ${signalName(signal)} handler`);
        this.exit(p, killedStatus(SIGSEGV));
        return;
      }
      if (!(action.flags & SA_NODEFER)) p.blockedSignals |= 1n << BigInt(signal);
      p.blockedSignals |= action.mask & ~UNBLOCKABLE;
      if (action.flags & SA_RESETHAND) p.signalActions.delete(signal);
      return;
    }
  }

  /** The first child matching `pid` (-1: any, 0: the caller's group,
   * < -1: that process group) with an event `wants` asks for, consumed
   * (a zombie reaped) unless `keep`; null if none has one yet; undefined if
   * there is no matching child at all (ECHILD). Each stop and continue is
   * reported once, as Linux's wait_task_stopped/continued. */
  waitEvent(parent: Process, pid: number, wants: WaitWants, keep = false): ChildEvent | null | undefined {
    const matches = parent.children.filter((c) => pid === -1 || (pid > 0 ? c.pid === pid : pid === 0 ? c.pgid === parent.pgid : c.pgid === -pid));
    if (matches.length === 0) return undefined;
    for (const child of matches) {
      if (child.state === 'zombie') {
        if (!wants.exited) continue;
        if (!keep) {
          parent.children.splice(parent.children.indexOf(child), 1);
          this.byPid.delete(child.pid);
        }
        return { child, kind: 'exited', status: child.waitStatus };
      }
      if (wants.stopped && child.stopped && child.stopReport !== 0) {
        const status = stoppedStatus(child.stopReport);
        if (!keep) child.stopReport = 0;
        return { child, kind: 'stopped', status };
      }
      if (wants.continued && child.continueReport) {
        if (!keep) child.continueReport = false;
        return { child, kind: 'continued', status: CONTINUED_STATUS };
      }
    }
    return null;
  }
}
