/**
 * Round-robin scheduling. The timer interrupt charges the running process;
 * once its quantum is used up it goes to the back of the run queue. Sleeping
 * processes wait on a WaitQueue, or until a deadline (nanosleep), which the
 * kernel programs as the timer's next alarm so no time is wasted polling.
 */
import type { Process, ProcessWaker } from '../proc/process';
import { CpuStats } from './cpu-stats';
import type { WaitQueue } from './wait-queue';

export const QUANTUM_NS = 10_000_000;

export class Scheduler implements ProcessWaker {
  private readonly runQueue: Process[] = [];
  private readonly timed: Process[] = [];
  current: Process | null = null;
  /** Time and switch counters since boot (/proc/stat). */
  readonly stats = new CpuStats();
  private sliceStartNs = 0;
  /** Set when the running process must give way at the next return. */
  private rescheduleRequested = false;

  wake(process: Process): void {
    if (process.state === 'zombie') return;
    process.state = 'runnable';
    this.removeTimed(process);
    if (process !== this.current && !this.runQueue.includes(process)) this.runQueue.push(process);
    if (this.current === null) this.rescheduleRequested = true; // leave the idle loop
  }

  /** A new or forked process joins the back of the queue. */
  add(process: Process): void {
    process.state = 'runnable';
    this.runQueue.push(process);
  }

  /** The current process sleeps on `queue` (and until `deadlineNs`, if given). */
  sleep(process: Process, queue: WaitQueue | null, deadlineNs: number | null): void {
    process.state = 'sleeping';
    if (queue) {
      queue.add(process);
      process.sleepingOn = queue;
    }
    if (deadlineNs !== null) {
      process.sleepDeadlineNs = deadlineNs;
      this.timed.push(process);
    }
    this.rescheduleRequested = true;
  }

  /** Takes a process out of every queue (exit, kill). */
  remove(process: Process): void {
    const i = this.runQueue.indexOf(process);
    if (i >= 0) this.runQueue.splice(i, 1);
    this.removeTimed(process);
    process.sleepingOn?.remove(process);
    process.sleepingOn = null;
    if (this.current === process) this.rescheduleRequested = true;
  }

  yield(): void {
    this.rescheduleRequested = true;
  }

  /** The timer interrupt: wake expired sleepers, end a used-up quantum. */
  tick(nowNs: number): void {
    this.wakeExpired(nowNs);
    if (this.current && nowNs - this.sliceStartNs >= QUANTUM_NS && this.runQueue.length > 0) this.rescheduleRequested = true;
  }

  /** Sleepers whose deadline has passed become runnable. */
  wakeExpired(nowNs: number): void {
    for (const p of [...this.timed]) {
      if (p.sleepDeadlineNs !== null && p.sleepDeadlineNs <= nowNs) {
        p.sleepingOn?.remove(p);
        p.wake();
      }
    }
  }

  /** The earliest sleeper deadline, or Infinity. */
  nextDeadlineNs(): number {
    let next = Infinity;
    for (const p of this.timed) if (p.sleepDeadlineNs !== null && p.sleepDeadlineNs < next) next = p.sleepDeadlineNs;
    return next;
  }

  /** Who runs after this trap: the current process if it may go on, else
   * the next runnable one (the current goes to the back), or null. */
  pick(nowNs: number): Process | null {
    const cur = this.current;
    const keep = cur !== null && cur.state === 'runnable' && !this.rescheduleRequested;
    if (!keep) {
      if (cur && cur.state === 'runnable' && !this.runQueue.includes(cur)) this.runQueue.push(cur);
      const next = this.runQueue.shift() ?? null;
      if (next !== cur) {
        this.sliceStartNs = nowNs;
        this.stats.contextSwitches++;
      }
      this.current = next;
    }
    this.rescheduleRequested = false;
    return this.current;
  }

  get runnableCount(): number {
    return this.runQueue.length + (this.current?.state === 'runnable' ? 1 : 0);
  }

  private removeTimed(process: Process): void {
    const i = this.timed.indexOf(process);
    if (i >= 0) this.timed.splice(i, 1);
  }
}
