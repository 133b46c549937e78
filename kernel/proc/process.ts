/**
 * A process: its memory, registers, open files, working directory, family
 * and fate. The scheduler moves it between runnable and sleeping; exit makes
 * it a zombie until its parent collects the status with wait4/waitid.
 */
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { UserContext } from '../../hal/trap';
import { FdTable } from '../fs/open-file';
import { UserMemory } from '../mm/user-memory';
import type { VmSpace } from '../mm/vm-space';
import { Sleeper, WaitQueue } from '../sched/wait-queue';

export type ProcessState = 'runnable' | 'sleeping' | 'zombie';

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
  /** Signals sent and not yet acted on, as a bit mask (bit n = signal n). */
  pendingSignals = 0n;
  /** Per signal: SIG_DFL (0), SIG_IGN (1) or a handler address. */
  readonly signalActions = new Map<number, number>();
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
  /** The kernel's copies into and out of this process's memory. */
  memory: UserMemory;

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

  hasPendingSignal(): boolean {
    return this.pendingSignals !== 0n;
  }

  /** The lowest pending signal, removed from the set; 0 when none. */
  takeSignal(): number {
    for (let s = 1; s < 64; s++) {
      const bit = 1n << BigInt(s);
      if (this.pendingSignals & bit) {
        this.pendingSignals &= ~bit;
        return s;
      }
    }
    return 0;
  }
}
