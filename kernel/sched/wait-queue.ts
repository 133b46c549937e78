/**
 * Something processes sleep on until it happens: input arriving, a pipe
 * draining, a child exiting, a timer expiring. Waking makes every sleeper
 * runnable again; each re-checks its condition by re-running its system
 * call (the restart model of kernel/syscall/dispatcher.ts).
 */
export interface Sleeper {
  wake(): void;
}

export class WaitQueue {
  private sleepers: Sleeper[] = [];

  constructor(readonly name: string) {}

  get length(): number {
    return this.sleepers.length;
  }

  add(sleeper: Sleeper): void {
    if (!this.sleepers.includes(sleeper)) this.sleepers.push(sleeper);
  }

  remove(sleeper: Sleeper): void {
    this.sleepers = this.sleepers.filter((s) => s !== sleeper);
  }

  /** Takes up to `max` sleepers that `match` accepts off the queue, oldest
   * first, without waking them (futex wake and requeue choose whom). */
  take(max: number, match: (s: Sleeper) => boolean): Sleeper[] {
    const taken: Sleeper[] = [];
    this.sleepers = this.sleepers.filter((s) => {
      if (taken.length >= max || !match(s)) return true;
      taken.push(s);
      return false;
    });
    return taken;
  }

  wakeAll(): void {
    const woken = this.sleepers;
    this.sleepers = [];
    for (const s of woken) s.wake();
  }
}

/** What a would-block operation returns: the queue to sleep on and/or a
 * deadline (nanoseconds on the monotonic clock) to sleep until. */
export class Blocked {
  constructor(
    readonly queue: WaitQueue | null,
    readonly deadlineNs: number | null = null,
    /** Never restarted after a signal handler, even with SA_RESTART
     * (pause, nanosleep: they report EINTR, as Linux's do). */
    readonly alwaysInterrupted = false,
  ) {}

  static until(deadlineNs: number): Blocked {
    return new Blocked(null, deadlineNs, true);
  }
}

export type MaybeBlocked<T> = T | Blocked;
