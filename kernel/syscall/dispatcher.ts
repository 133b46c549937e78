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
    p.pendingRestart = null;
    const nr = c.syscallNumber;
    const handler = nr >= 0 && nr < this.byNumber.length ? this.byNumber[nr] : undefined;
    if (!handler) {
      this.k.log.debug('syscall', `pid ${p.pid} (${p.name}): ${this.names[nr] ?? 'unknown'} system call ${nr}: ENOSYS`);
      c.setReturn(-ENOSYS);
      return;
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
        return;
      }
      result = -error.errno;
    }
    if (result === NO_RETURN_VALUE) return;
    if (result instanceof Blocked) {
      c.restartSyscall();
      p.pendingRestart = result.alwaysInterrupted ? 'interrupt' : 'restart';
      this.k.scheduler.sleep(p, result.queue, result.deadlineNs);
      return;
    }
    if (this.k.log.enabled('trace')) this.k.log.trace('syscall', `pid ${p.pid} ${this.names[nr]}(...) = ${result}`);
    c.setReturn(result);
  }
}
