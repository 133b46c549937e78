/**
 * The machine loop (docs/clock.md): run the core until the clock's next
 * event, advance time, fire due device events; when the core halts (or
 * there is no core), time jumps to the next event. One step() is one turn of
 * the loop; the host decides how many turns to take between looking at the
 * outside world, and whether an idle jump waits for the wall clock.
 *
 * A turn in which the core has nothing to run is an input point
 * (platform/input-feed.ts): outside input reaches the devices there, at an
 * instruction count the guest alone defines.
 */
import type { Cpu } from '../hal/cpu';
import type { HostWork } from '../hal/host-work';
import { Clock } from './clock';
import type { InputSource } from './input-feed';

/** One piece of host work, delivered in the order it was handed over. */
interface HostJob {
  settled: boolean;
  result: unknown;
  done: (result: never) => void;
  promise: Promise<void>;
}

export type StepOutcome =
  /** The core ran instructions. */
  | 'ran'
  /** The core is halted (or absent) and an event is due later: call
   *  jumpToNextEvent(), after waiting for the wall clock if pacing. */
  | 'idle'
  /** Nothing can happen without outside input: no runnable core, no events. */
  | 'stopped'
  /** Host work is in flight: time is frozen until hostWorkSettled(). */
  | 'host-work'
  /** An input point needs the host's next input (or its end) before the
   * guest may go on: time is frozen until it comes, or the host calls
   * inputPatienceExpired(). */
  | 'input-wait';

export class Machine implements HostWork {
  /** Set by the board's power-off device; the exit status of the run. */
  powerOffStatus: number | null = null;
  private readonly hostJobs: HostJob[] = [];
  private readonly inputs: InputSource[] = [];

  constructor(
    readonly clock: Clock,
    readonly cpu: Cpu | null,
  ) {
    if (cpu) {
      clock.attach(cpu);
      clock.onEarlierEvent = () => cpu.requestStop();
    }
  }

  get poweredOff(): boolean {
    return this.powerOffStatus !== null;
  }

  powerOff(status: number): void {
    this.powerOffStatus = status;
    this.cpu?.requestStop();
  }

  /** HostWork: freezes the machine until `work` settles, then calls `done`
   * from inside the next step(), in hand-over order. */
  run<T>(work: Promise<T>, done: (result: T | Error) => void, stopNow = true): void {
    const job: HostJob = { settled: false, result: undefined, done: done as (result: never) => void, promise: Promise.resolve() };
    job.promise = work.then(
      (value) => {
        job.settled = true;
        job.result = value;
      },
      (error) => {
        job.settled = true;
        job.result = error instanceof Error ? error : new Error(String(error));
      },
    );
    this.hostJobs.push(job);
    if (stopNow) this.cpu?.requestStop();
  }

  /** Freezes the machine (and virtual time) until `until` settles: the host
   * end of a device cannot keep up (platform/serial-wire.ts). The current
   * turn ends as it would have (no early stop), so where turns end never
   * depends on the host's speed (record/replay relies on it). */
  hold(until: Promise<unknown>): void {
    this.run(until, () => {}, false);
  }

  /** Turns in which outside input reached the machine (reverse
   * execution cannot recompute a past with input in it). */
  inputDeliveries = 0;

  /** Takes the outside inputs away (recomputing the past); give them
   * back with attachInputs(). */
  detachInputs(): InputSource[] {
    return this.inputs.splice(0);
  }

  attachInputs(inputs: InputSource[]): void {
    this.inputs.push(...inputs);
  }

  /** Outside input, consulted at every input point. */
  addInput(source: InputSource): void {
    this.inputs.push(source);
  }

  /** Typed input waits: an idle sleep on the host ends for it. */
  get livePending(): boolean {
    for (const input of this.inputs) if (input.livePending) return true;
    return false;
  }

  /** The host waited for input longer than it will: inputs that asked to
   * wait let the guest go on without. */
  inputPatienceExpired(): void {
    for (const input of this.inputs) input.patienceExpired();
  }

  /** Host work handed over and not yet delivered. */
  get hostWorkPending(): boolean {
    return this.hostJobs.length > 0;
  }

  /** Forgets the host work in flight (a restored snapshot replaces the
   * machine it was handed over by). */
  discardHostWork(): void {
    this.hostJobs.length = 0;
  }

  /** Resolves when the oldest host job has settled. */
  hostWorkSettled(): Promise<void> {
    return this.hostJobs.length > 0 ? this.hostJobs[0].promise : Promise.resolve();
  }

  /** One turn: at most `maxInstructions` on the core, then due events. */
  step(maxInstructions: number): StepOutcome {
    if (this.poweredOff) return 'stopped';
    while (this.hostJobs.length > 0 && this.hostJobs[0].settled) {
      const job = this.hostJobs.shift()!;
      job.done(job.result as never);
    }
    if (this.hostJobs.length > 0) return 'host-work';
    this.clock.fireDue();
    const cpu = this.cpu;
    const inputs = this.inputs;
    for (let i = 0; i < inputs.length; i++) if (inputs[i].atTurn(cpu ? cpu.retired : 0)) this.inputDeliveries++;
    if (cpu) {
      const budget = Math.min(this.clock.instructionsUntilNextEvent(), maxInstructions);
      const retired = cpu.run(budget);
      this.clock.fireDue();
      if (retired > 0 || !cpu.halted) return 'ran';
    }
    // Host work handed over during this turn (the core then idles).
    if (this.hostJobs.length > 0) return 'host-work';
    // An input point: the core waits for an interrupt.
    let wait = false;
    for (let i = 0; i < inputs.length; i++) {
      const result = inputs[i].atInputPoint(cpu ? cpu.retired : 0);
      if (result === 'delivered') {
        this.inputDeliveries++;
        return 'ran';
      }
      if (result === 'wait') wait = true;
    }
    if (wait) return 'input-wait';
    return this.clock.nextEventNs() === Infinity ? 'stopped' : 'idle';
  }

  /** The idle jump: time moves to the next event, which then fires. */
  jumpToNextEvent(): void {
    const next = this.clock.nextEventNs();
    if (next === Infinity) return;
    this.clock.jumpTo(next);
    this.clock.fireDue();
  }
}
