/**
 * Virtual time (docs/clock.md). Nanoseconds are derived from the
 * instructions the core retired at the board's nominal rate (pc 1 GHz-class:
 * 1 ns each; esp32c3 160 MHz: 6.25 ns each), plus the work the kernel (host
 * code, outside the instruction count) is charged for (advance()), plus the
 * jumps an idle machine makes to its next event. Devices schedule callbacks
 * on it; the machine loop fires them in time order.
 *
 * Between two machine-loop steps the core is ahead of the last advance; so
 * that a device register read mid-slice sees the exact time, nowNs() reads
 * the live instruction counter.
 */
import { ClockEvent, EventQueue } from './event-queue';

/** Anything that counts retired instructions (a Cpu). */
export interface InstructionCounter {
  readonly retired: number;
}

const NO_CORE: InstructionCounter = { retired: 0 };
const NO_ARGS: readonly unknown[] = Object.freeze([]);

export class Clock {
  /** Nanoseconds per retired instruction. */
  readonly nsPerInstruction: number;

  private counter: InstructionCounter = NO_CORE;
  private anchorNs = 0;
  private anchorRetired = 0;
  /** Kernel work charged since the anchor (charge(): a plain add, as it
   * is paid on every kernel register access). */
  private workNs = 0;
  private seq = 0;
  private readonly queue = new EventQueue();

  /** Called when an event is scheduled earlier than the current deadline,
   * so the machine can cut the core's slice short. */
  onEarlierEvent: () => void = () => {};
  private deadlineNs = Infinity;

  constructor(readonly instructionsPerSecond: number) {
    if (!(instructionsPerSecond > 0)) throw new Error('clock rate must be positive');
    this.nsPerInstruction = 1e9 / instructionsPerSecond;
  }

  /** Connects the core whose retired instructions drive time. */
  attach(counter: InstructionCounter): void {
    this.anchorNs = this.nowNs();
    this.workNs = 0;
    this.counter = counter;
    this.anchorRetired = counter.retired;
  }

  nowNs(): number {
    return this.anchorNs + this.workNs + (this.counter.retired - this.anchorRetired) * this.nsPerInstruction;
  }

  /** Schedules `fire` at absolute virtual time `atNs` (clamped to now): for
   * the host's own events (a screenshot, a key tap) and tests. A device's
   * events use scheduleCall(), which a snapshot can save. */
  schedule(atNs: number, fire: () => void): ClockEvent {
    return this.push(atNs, null, '', NO_ARGS, fire);
  }

  scheduleIn(delayNs: number, fire: () => void): ClockEvent {
    return this.schedule(this.nowNs() + delayNs, fire);
  }

  /** Schedules `target[method](...args)` at `atNs` (clamped to now): an
   * event as named data (docs/snapshots.md). */
  scheduleCall<T extends object, K extends string & keyof T>(atNs: number, target: T, method: K, ...args: unknown[]): ClockEvent {
    if (typeof target[method] !== 'function') throw new Error(`clock event: ${method} is not a method`);
    return this.push(atNs, target, method, args, null);
  }

  scheduleCallIn<T extends object, K extends string & keyof T>(delayNs: number, target: T, method: K, ...args: unknown[]): ClockEvent {
    return this.scheduleCall(this.nowNs() + delayNs, target, method, ...args);
  }

  private push(atNs: number, target: object | null, method: string, args: readonly unknown[], fire: (() => void) | null): ClockEvent {
    const now = this.nowNs();
    const event: ClockEvent = { atNs: atNs < now ? now : atNs, seq: this.seq++, target, method, args, fire, live: true };
    this.queue.push(event);
    if (event.atNs < this.deadlineNs) this.onEarlierEvent();
    return event;
  }

  cancel(event: ClockEvent | null): void {
    if (event) event.live = false;
  }

  /** Time of the next live event, or Infinity. */
  nextEventNs(): number {
    const next = this.queue.peek();
    return next ? next.atNs : Infinity;
  }

  /** Instructions the core may retire before the next event is due (at
   * least 1, so a due event never stalls the loop). */
  instructionsUntilNextEvent(): number {
    const next = this.nextEventNs();
    this.deadlineNs = next;
    if (next === Infinity) return Infinity;
    return Math.max(1, Math.ceil((next - this.nowNs()) / this.nsPerInstruction));
  }

  /** Fires every event due at or before now, in order; returns how many. */
  fireDue(): number {
    let fired = 0;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.atNs > this.nowNs()) break;
      this.queue.pop();
      next.live = false;
      if (next.fire) next.fire();
      else (next.target as Record<string, (...args: unknown[]) => void>)[next.method](...next.args);
      fired++;
    }
    return fired;
  }

  /** Kernel work done outside the core's instructions takes `ns` of
   * virtual time. If that passes the next event, the core's slice is cut
   * short so the event fires on time. */
  advance(ns: number): void {
    if (!(ns > 0)) return;
    this.workNs += ns;
    if (this.nowNs() >= this.deadlineNs) this.onEarlierEvent();
  }

  /** As advance(), without the deadline check: for the many small charges
   * of one kernel entry (advance() at the entry checks for them all). */
  charge(ns: number): void {
    this.workNs += ns;
  }

  /** An idle core: time jumps forward to `atNs` (never backwards). */
  jumpTo(atNs: number): void {
    const now = this.nowNs();
    if (atNs <= now) return;
    this.anchorNs = atNs;
    this.workNs = 0;
    this.anchorRetired = this.counter.retired;
  }
}

/** The kernel's register accesses charged to a clock (an AccessCost). */
export function registerAccessCost(clock: Clock): { charge(ns: number): void } {
  return clock;
}

/** Kernel entries charged to a clock (hal/work-meter.ts's WorkMeter): the
 * entry's cost, and a check that the work charged so far has not passed
 * the next event (which then cuts the core's slice short). */
export function kernelWork(clock: Clock): { charge(ns: number): void } {
  return { charge: (ns) => clock.advance(ns) };
}
