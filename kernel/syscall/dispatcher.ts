/**
 * The system call boundary: number → handler for the architecture's ABI,
 * KernelErrors turned into -errno, a blocked call put to sleep and set up to
 * restart, and unknown calls answered ENOSYS with one debug line.
 */
import type { UserContext } from '../../hal/trap';
import type { Process } from '../proc/process';
import { SIGKILL } from '../proc/signals';
import { Blocked } from '../sched/wait-queue';
import { ENOSYS, KernelError } from './errno';
import { SYSCALL_TABLES, invertTable } from './numbers';
import { KernelServices, NO_RETURN_VALUE, SyscallHandler } from './services';
import { HANDLERS } from './table';

export class SyscallDispatcher {
  private readonly byNumber: (SyscallHandler | undefined)[] = [];
  private readonly names: string[];

  constructor(private readonly k: KernelServices) {
    const table = SYSCALL_TABLES[k.abi];
    this.names = invertTable(table);
    for (const [name, nr] of Object.entries(table)) this.byNumber[nr] = HANDLERS[name];
  }

  /** Runs the call `p` made with registers `c`. */
  dispatch(p: Process, c: UserContext): void {
    this.run(p, c, true);
  }

  /**
   * A signal with a handler is about to interrupt `p`'s blocked call: the
   * call runs once more first, without sleeping, as Linux's woken call
   * would have rechecked its condition before the signal was acted on (a
   * wait4 finds the zombie whose SIGCHLD woke it; a read finds the data).
   * If it would still block, the restart state is left as it was.
   */
  retryBeforeSignal(p: Process): void {
    const pending = p.pendingRestart;
    if (pending === null) return;
    p.context.cancelRestart();
    if (!this.run(p, p.context, false)) p.pendingRestart = pending;
  }

  /** Runs a call; false when it would block and `maySleep` is false (the
   * context is then set to run it again, as for a sleep). */
  private run(p: Process, c: UserContext, maySleep: boolean): boolean {
    p.pendingRestart = null;
    const nr = c.syscallNumber;
    const handler = nr >= 0 && nr < this.byNumber.length ? this.byNumber[nr] : undefined;
    if (!handler) {
      this.k.log.debug('syscall', `pid ${p.pid} (${p.name}): ${this.names[nr] ?? 'unknown'} system call ${nr}: ENOSYS`);
      c.setReturn(-ENOSYS);
      return true;
    }
    let result;
    try {
      result = handler(this.k, p, c);
    } catch (error) {
      if (!(error instanceof KernelError)) {
        // A kernel bug or an exhausted resource deep below: the caller dies,
        // the kernel (and the host) go on.
        this.k.log.error('syscall', `pid ${p.pid} (${p.name}): ${this.names[nr]} failed inside the kernel: ${(error as Error).stack ?? error}`);
        this.k.processes.kill(p, SIGKILL);
        return true;
      }
      result = -error.errno;
    }
    if (result === NO_RETURN_VALUE) return true;
    if (result instanceof Blocked) {
      c.restartSyscall();
      if (!maySleep) return false;
      p.pendingRestart = result.alwaysInterrupted ? 'interrupt' : 'restart';
      this.k.scheduler.sleep(p, result.queue, result.deadlineNs);
      return true;
    }
    if (this.k.log.enabled('trace')) this.k.log.trace('syscall', `pid ${p.pid} ${this.names[nr]}(...) = ${result}`);
    c.setReturn(result);
    return true;
  }
}
