/** Shared test plumbing for the pc device tests: a clock driven by a fake
 * core's retired count (1 GHz: 1 ns per instruction) and a loop that fires
 * due events the way the machine loop does. */
import { Clock } from '../../platform/clock';

export class FakeTime {
  readonly clock = new Clock(1e9);
  private readonly core = { retired: 0 };

  constructor() {
    this.clock.attach(this.core);
  }

  now(): number {
    return this.clock.nowNs();
  }

  /** Runs time forward to `ns`, firing each event at its own time. */
  advanceTo(ns: number): void {
    for (;;) {
      const next = this.clock.nextEventNs();
      if (next > ns) break;
      this.core.retired = Math.max(this.core.retired, Math.ceil(next));
      this.clock.fireDue();
    }
    this.core.retired = Math.max(this.core.retired, Math.floor(ns));
    this.clock.fireDue();
  }

  advanceBy(ns: number): void {
    this.advanceTo(this.now() + ns);
  }
}
