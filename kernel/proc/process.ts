/**
 * A process: its memory, registers, open files, working directory, family
 * and fate. The scheduler moves it between runnable and sleeping; exit makes
 * it a zombie until its parent collects the status with wait4/waitid. A
 * stop signal puts it to sleep on no queue ('stopped') until SIGCONT.
 *
 * As in Linux, a Process is a task: a thread (clone(CLONE_THREAD)) is a
 * Process too, with its own tid (`pid`), registers, signal mask, pending
 * thread-directed signals and sleep, scheduled on its own. It shares its
 * memory, descriptors, file system context and signal actions with its
 * thread group by reference, and what belongs to the whole process (the
 * family, process group, session, wait status, process-directed signals)
 * lives in the group's leader: those fields are accessors that read and
 * write the leader's, so `p.children` is the process's whichever thread
 * asks.
 */
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { SignalInfo } from '../../hal/signal-frames';
import type { UserContext } from '../../hal/trap';
import { FdTable } from '../fs/open-file';
import { UserMemory } from '../mm/user-memory';
import type { VmSpace } from '../mm/vm-space';
import { ReadinessForwarder } from '../ipc/readiness';
import { Sleeper, WaitQueue } from '../sched/wait-queue';

export type ProcessState = 'runnable' | 'sleeping' | 'zombie';

/** What CLONE_FS shares: the working directory and the umask. */
export interface FsContext {
  cwd: string;
  umask: number;
}

/** sigaltstack's stack (ss_flags SS_DISABLE when none). */
export interface AltStack {
  sp: number;
  size: number;
  /** SS_AUTODISARM and the like, as given (SS_DISABLE: none). */
  flags: number;
}

/** struct sigaction as the kernel keeps it. */
export interface SignalAction {
  /** SIG_DFL (0), SIG_IGN (1) or the handler's address. */
  handler: number;
  flags: number;
  restorer: number;
  mask: bigint;
}

export const DEFAULT_ACTION: SignalAction = { handler: 0, flags: 0, restorer: 0, mask: 0n };
/** SIGKILL and SIGSTOP cannot be blocked, caught or ignored. */
export const UNBLOCKABLE = (1n << 9n) | (1n << 19n);

export interface ProcessWaker {
  wake(process: Process): void;
}

export class Process implements Sleeper {
  state: ProcessState = 'runnable';
  /** The thread group's first thread: the process (itself, unless a thread). */
  leader: Process = this;
  /** Leader only: the group's live threads, the leader first while it lives. */
  readonly threads: Process[] = [this];
  /** A thread of a group that ended while others go on (a leader that
   * called exit stays, as the process, until the last one ends). */
  threadExited = false;
  private own: {
    parent: Process | null;
    readonly children: Process[];
    readonly childEvents: WaitQueue;
    pgid: number;
    sid: number;
    waitStatus: number;
    stopReport: number;
    continueReport: boolean;
    sharedPending: bigint;
    readonly sharedInfo: Map<number, SignalInfo>;
    image: { path: string; argv: readonly string[]; envp: readonly string[] };
    startNs: number;
  };
  /** Where this process sleeps now (to leave it if a signal kills it). */
  sleepingOn: WaitQueue | null = null;
  /** An unfinished nanosleep's deadline, kept across its restarts. */
  sleepDeadlineNs: number | null = null;
  /** The context is set to run its blocked system call again: 'restart'
   * (EINTR unless the handler has SA_RESTART) or 'interrupt' (always EINTR). */
  pendingRestart: 'restart' | 'interrupt' | null = null;
  /** Thread-directed signals sent and not yet acted on, as a bit mask (bit
   * n = signal n); process-directed ones are the leader's sharedPending. */
  pendingSignals = 0n;
  /** What each pending thread-directed signal's siginfo says. */
  readonly pendingInfo = new Map<number, SignalInfo>();
  /** Signals held back (rt_sigprocmask), bit n = signal n. */
  blockedSignals = 0n;
  /** The mask ppoll/pselect6/epoll_pwait replaced for their wait, put back
   * when the call returns, or by the sigreturn of a handler that
   * interrupted it (Linux's saved_sigmask); null when none is replaced. */
  savedSigmask: bigint | null = null;
  /** Per signal: its sigaction (absent: SIG_DFL); shared by CLONE_SIGHAND. */
  signalActions = new Map<number, SignalAction>();
  /** Stopped by a stop signal (job control): asleep on no queue until
   * SIGCONT or SIGKILL. */
  stopped = false;
  /** set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when
   * the thread ends (pthread_join waits on it). */
  clearChildTid = 0;
  /** set_robust_list's head (0: none), walked when the thread ends. */
  robustList = 0;
  /** The futex wait it sleeps in: its bitset, and whether a wake took it
   * off the futex's queue (the restarted wait then returns 0). */
  futexBitset = 0;
  futexWoken = false;
  /** sigaltstack. */
  altStack: AltStack = { sp: 0, size: 0, flags: 2 /* SS_DISABLE */ };
  /** Working directory and umask, shared by CLONE_FS. */
  fsContext: FsContext;
  cpuTimeNs = 0;
  /** The kernel's copies into and out of this process's memory. */
  memory: UserMemory;
  /** poll, select and epoll_wait sleep here; the readiness queues of the
   * files they wait on forward their wake-ups to it. */
  readonly pollWait: WaitQueue;
  readonly pollForwarder: ReadinessForwarder;

  constructor(
    readonly pid: number,
    public name: string,
    public vm: VmSpace,
    private readonly physical: PhysicalMemory,
    public context: UserContext,
    public fds: FdTable,
    cwd: string,
    private readonly waker: ProcessWaker,
  ) {
    this.memory = new UserMemory(vm, physical);
    this.fsContext = { cwd, umask: 0o022 };
    this.own = {
      parent: null,
      children: [],
      childEvents: new WaitQueue(`children of ${pid}`),
      pgid: pid,
      sid: pid,
      waitStatus: 0,
      stopReport: 0,
      continueReport: false,
      sharedPending: 0n,
      sharedInfo: new Map(),
      image: { path: '', argv: [], envp: [] },
      startNs: 0,
    };
    this.pollWait = new WaitQueue(`poll ${pid}`);
    this.pollForwarder = new ReadinessForwarder(this.pollWait);
  }

  /** A new thread of this one's group (clone(CLONE_THREAD)): the same
   * memory, and descriptors, file system context and signal actions as
   * the clone flags share (the caller decides). */
  newThread(tid: number, context: UserContext, fds: FdTable): Process {
    const t = new Process(tid, this.name, this.vm, this.physical, context, fds, this.cwd, this.waker);
    t.leader = this.leader;
    t.threads.length = 0;
    t.own = this.leader.own;
    this.leader.threads.push(t);
    return t;
  }

  /** The thread group's id: the process id getpid() reports. */
  get tgid(): number {
    return this.leader.pid;
  }

  get isLeader(): boolean {
    return this.leader === this;
  }

  get parent(): Process | null {
    return this.own.parent;
  }
  set parent(p: Process | null) {
    this.own.parent = p;
  }
  get children(): Process[] {
    return this.own.children;
  }
  /** Children wait here for this process to exit (the parent's wait4). */
  get childEvents(): WaitQueue {
    return this.own.childEvents;
  }
  get pgid(): number {
    return this.own.pgid;
  }
  set pgid(v: number) {
    this.own.pgid = v;
  }
  get sid(): number {
    return this.own.sid;
  }
  set sid(v: number) {
    this.own.sid = v;
  }
  /** wait4 status once a zombie. */
  get waitStatus(): number {
    return this.own.waitStatus;
  }
  set waitStatus(v: number) {
    this.own.waitStatus = v;
  }
  /** The stop signal a WUNTRACED wait has yet to report (0: none). */
  get stopReport(): number {
    return this.own.stopReport;
  }
  set stopReport(v: number) {
    this.own.stopReport = v;
  }
  /** A continue a WCONTINUED wait has yet to report. */
  get continueReport(): boolean {
    return this.own.continueReport;
  }
  set continueReport(v: boolean) {
    this.own.continueReport = v;
  }
  /** Process-directed signals (kill) not yet taken by any of its threads. */
  get sharedPending(): bigint {
    return this.own.sharedPending;
  }
  set sharedPending(v: bigint) {
    this.own.sharedPending = v;
  }
  get sharedInfo(): Map<number, SignalInfo> {
    return this.own.sharedInfo;
  }
  /** What it runs, for /proc/<pid>/{cmdline,environ,exe}: set by execve. */
  get image(): { path: string; argv: readonly string[]; envp: readonly string[] } {
    return this.own.image;
  }
  set image(v: { path: string; argv: readonly string[]; envp: readonly string[] }) {
    this.own.image = v;
  }
  /** CLOCK_MONOTONIC when it was created (/proc/<pid>/stat's starttime). */
  get startNs(): number {
    return this.own.startNs;
  }
  set startNs(v: number) {
    this.own.startNs = v;
  }
  get cwd(): string {
    return this.fsContext.cwd;
  }
  set cwd(v: string) {
    this.fsContext.cwd = v;
  }
  get umask(): number {
    return this.fsContext.umask;
  }
  set umask(v: number) {
    this.fsContext.umask = v;
  }

  /** execve: the new program's memory and registers replace the old;
   * returns the old memory, for the caller to destroy when it is safe. */
  replaceImage(vm: VmSpace, context: UserContext): VmSpace {
    const old = this.vm;
    this.vm = vm;
    this.memory = new UserMemory(vm, this.physical);
    this.context = context;
    return old;
  }

  get ppid(): number {
    return this.parent ? this.parent.pid : 0;
  }

  wake(): void {
    this.sleepingOn = null;
    if (this.threadExited) return;
    this.waker.wake(this);
  }

  /** The signals it could take now: its own and its process's, not blocked
   * (SIGKILL never is). */
  get deliverableSignals(): bigint {
    return (this.pendingSignals | this.sharedPending) & ~(this.blockedSignals & ~UNBLOCKABLE);
  }

  /** A signal that is pending and not blocked (SIGKILL never is). */
  hasPendingSignal(): boolean {
    return this.deliverableSignals !== 0n;
  }

  /** The lowest deliverable signal, removed from its set (the thread's
   * own first, as Linux's dequeue_signal), with its siginfo; 0 when none. */
  takeSignal(): { signal: number; info: SignalInfo | undefined } {
    const own = this.pendingSignals & ~(this.blockedSignals & ~UNBLOCKABLE);
    const shared = this.sharedPending & ~(this.blockedSignals & ~UNBLOCKABLE);
    for (const [set, fromShared] of [[own, false], [shared, true]] as const) {
      for (let s = 1; s < 64; s++) {
        const bit = 1n << BigInt(s);
        if (!(set & bit)) continue;
        if (fromShared) this.sharedPending &= ~bit;
        else this.pendingSignals &= ~bit;
        const infos = fromShared ? this.sharedInfo : this.pendingInfo;
        const info = infos.get(s);
        infos.delete(s);
        return { signal: s, info };
      }
    }
    return { signal: 0, info: undefined };
  }

  actionFor(signal: number): SignalAction {
    return this.signalActions.get(signal) ?? DEFAULT_ACTION;
  }
}
