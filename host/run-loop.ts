/**
 * Drives a Machine from Node's event loop: turns of the machine loop in
 * slices of a few milliseconds, then a yield so that terminal input, timers
 * and signals get through. With `realtime` pacing, virtual time never runs
 * ahead of the wall clock; otherwise an idle machine jumps straight to its
 * next event.
 */
import { Machine } from '../platform/machine';

export interface RunLoopOptions {
  realtime: boolean;
  /** Wall-clock milliseconds of guest work between yields. */
  sliceMs?: number;
  /** Instructions per machine-loop turn, bounding the time between checks. */
  turnInstructions?: number;
}

export class RunLoop {
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly startWallMs = performance.now();
  private readonly startVirtualNs: number;

  constructor(
    private readonly machine: Machine,
    private readonly options: RunLoopOptions,
  ) {
    this.startVirtualNs = machine.clock.nowNs();
  }

  /** Ends run() at its next check. */
  stop(): void {
    this.stopped = true;
    this.poke();
  }

  /** Wakes a loop waiting for outside input. */
  poke(): void {
    const wake = this.wake;
    this.wake = null;
    if (wake) wake();
  }

  async run(): Promise<void> {
    const sliceMs = this.options.sliceMs ?? 10;
    const turn = this.options.turnInstructions ?? 200_000;
    while (!this.stopped && !this.machine.poweredOff) {
      const sliceEnd = performance.now() + sliceMs;
      let waitMs = 0;
      while (!this.stopped && performance.now() < sliceEnd) {
        const outcome = this.machine.step(turn);
        if (outcome === 'ran') {
          const ahead = this.virtualAheadMs();
          if (ahead > 1) {
            waitMs = ahead;
            break;
          }
          continue;
        }
        if (outcome === 'host-work') {
          await this.machine.hostWorkSettled();
          continue;
        }
        if (outcome === 'idle') {
          const wait = this.options.realtime ? this.msUntil(this.machine.clock.nextEventNs()) : 0;
          if (wait > 0) {
            waitMs = wait;
            break;
          }
          this.machine.jumpToNextEvent();
          continue;
        }
        if (this.machine.poweredOff) break;
        waitMs = Infinity; // stopped: only outside input can change anything
        break;
      }
      if (this.machine.poweredOff) break;
      await this.pause(waitMs);
    }
  }

  /** How far virtual time is ahead of the wall clock (realtime only). */
  private virtualAheadMs(): number {
    if (!this.options.realtime) return 0;
    return this.msUntil(this.machine.clock.nowNs());
  }

  private msUntil(virtualNs: number): number {
    const wallNs = (performance.now() - this.startWallMs) * 1e6;
    return (virtualNs - this.startVirtualNs - wallNs) / 1e6;
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const timer = ms === Infinity ? null : setTimeout(done, Math.min(ms, 50));
      const self = this;
      function done(): void {
        if (timer) clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
