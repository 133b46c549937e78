/**
 * A process: its memory, registers, open files, working directory, family
 * and fate. The scheduler moves it between runnable and sleeping; exit makes
 * it a zombie until its parent collects the status with wait4/waitid. A
 * stop signal puts it to sleep on no queue ('stopped') until SIGCONT.
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
  parent: Process | null = null;
  readonly children: Process[] = [];
  /** Where this process sleeps now (to leave it if a signal kills it). */
  sleepingOn: WaitQueue | null = null;
  /** An unfinished nanosleep's deadline, kept across its restarts. */
  sleepDeadlineNs: number | null = null;
  /** The context is set to run its blocked system call again: 'restart'
   * (EINTR unless the handler has SA_RESTART) or 'interrupt' (always EINTR). */
  pendingRestart: 'restart' | 'interrupt' | null = null;
  /** Signals sent and not yet acted on, as a bit mask (bit n = signal n). */
  pendingSignals = 0n;
  /** What each pending signal's siginfo says. */
  readonly pendingInfo = new Map<number, SignalInfo>();
  /** Signals held back (rt_sigprocmask), bit n = signal n. */
  blockedSignals = 0n;
  /** The mask ppoll/pselect6/epoll_pwait replaced for their wait, put back
   * when the call returns, or by the sigreturn of a handler that
   * interrupted it (Linux's saved_sigmask); null when none is replaced. */
  savedSigmask: bigint | null = null;
  /** Per signal: its sigaction (absent: SIG_DFL). */
  readonly signalActions = new Map<number, SignalAction>();
  /** Stopped by a stop signal (job control): asleep on no queue until
   * SIGCONT or SIGKILL. */
  stopped = false;
  /** The stop signal a WUNTRACED wait has yet to report (0: none). */
  stopReport = 0;
  /** A continue a WCONTINUED wait has yet to report. */
  continueReport = false;
  /** wait4 status once a zombie. */
  waitStatus = 0;
  /** Children wait here for this process to exit (the parent's wait4). */
  readonly childEvents: WaitQueue;
  /** set_tid_address: zeroed (and futex-woken) at exit. */
  clearChildTid = 0;
  pgid: number;
  sid: number;
  umask = 0o022;
  cpuTimeNs = 0;
  /** What it runs, for /proc/<pid>/{cmdline,environ,exe}: set by execve. */
  image: { path: string; argv: readonly string[]; envp: readonly string[] } = { path: '', argv: [], envp: [] };
  /** CLOCK_MONOTONIC when it was created (/proc/<pid>/stat's starttime). */
  startNs = 0;
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
    public cwd: string,
    private readonly waker: ProcessWaker,
  ) {
    this.memory = new UserMemory(vm, physical);
    this.pgid = pid;
    this.sid = pid;
    this.childEvents = new WaitQueue(`children of ${pid}`);
    this.pollWait = new WaitQueue(`poll ${pid}`);
    this.pollForwarder = new ReadinessForwarder(this.pollWait);
  }

  /** execve: the new program's memory and registers replace the old. */
  replaceImage(vm: VmSpace, context: UserContext): void {
    this.vm.destroy();
    this.vm = vm;
    this.memory = new UserMemory(vm, this.physical);
    this.context = context;
  }

  get ppid(): number {
    return this.parent ? this.parent.pid : 0;
  }

  wake(): void {
    this.sleepingOn = null;
    this.waker.wake(this);
  }

  /** A signal that is pending and not blocked (SIGKILL never is). */
  hasPendingSignal(): boolean {
    return (this.pendingSignals & ~(this.blockedSignals & ~UNBLOCKABLE)) !== 0n;
  }

  /** The lowest deliverable signal, removed from the set; 0 when none. */
  takeSignal(): number {
    const deliverable = this.pendingSignals & ~(this.blockedSignals & ~UNBLOCKABLE);
    for (let s = 1; s < 64; s++) {
      const bit = 1n << BigInt(s);
      if (deliverable & bit) {
        this.pendingSignals &= ~bit;
        return s;
      }
    }
    return 0;
  }

  actionFor(signal: number): SignalAction {
    return this.signalActions.get(signal) ?? DEFAULT_ACTION;
  }
}
