/**
 * Drives a Machine from Node's event loop: turns of the machine loop in
 * slices of a few milliseconds, then a yield so that terminal input, timers
 * and signals get through. Every wait (for host work, for input, for the
 * wall clock) ends at once on stop(), so a run ends within a slice of
 * --timeout, SIGINT or SIGTERM.
 *
 * The clock modes (docs/clock.md):
 * - `auto` (the default): instructions define time while the core runs;
 *   while it is idle, virtual time follows the wall clock and the host
 *   sleeps (QEMU's `-icount shift=auto,sleep=on`). Idle gaps shorter than
 *   a couple of milliseconds are jumped and their time is owed, then slept
 *   off in one go, so that short waits do not cost a host timer each.
 *   Input from a terminal that interrupts an idle sleep finds virtual time
 *   moved on by the wall time slept.
 * - `virtual`: an idle machine jumps straight to its next event; as fast as
 *   the host goes (tests, benchmarks).
 * - `realtime`: as auto, and virtual time never runs ahead of the wall clock
 *   while the core runs either.
 * None of them changes what a run computes from a pipe or a file: input
 * arrives at input points (platform/input-feed.ts), and time only moves at
 * instruction counts the guest defines; the modes differ in wall time.
 */
import { Machine, StepOutcome } from '../platform/machine';

export type ClockMode = 'auto' | 'virtual' | 'realtime';

export interface RunLoopOptions {
  clock: ClockMode;
  /** Wall-clock milliseconds of guest work between yields. */
  sliceMs?: number;
  /** Instructions per machine-loop turn, bounding the time between checks. */
  turnInstructions?: number;
  /** How long an input point waits for a pipe's writer before going on
   * without it (platform/input-feed.ts). */
  inputPatienceMs?: number;
  /** A debugger between the loop and the machine (host/gdb/run-control.ts). */
  gate?: RunGate;
  /** Told before the loop moves virtual time while the core idles (to the
   * next event, `fire`, or to `toNs` by the wall clock): a recorder. */
  onClockMove?: (toNs: number, fire: boolean) => void;
  /** Told after every turn, between two turns (a snapshot may be taken
   * there); true ends the run. */
  afterTurn?: (outcome: StepOutcome) => boolean;
}

/** What a debugger offers the loop: it may hold the machine, and it takes
 * the turns itself (stepping, breakpoints). */
export interface RunGate {
  /** While the machine is held: settles when it may run again. */
  held(): Promise<void> | null;
  /** One turn of the machine loop. */
  step(turn: number): StepOutcome;
  /** An idle sleep must end now (the debugger wants to stop the machine). */
  wantsAttention(): boolean;
}

/** How long an input point waits for a pipe's writer by default: far more
 * than a program writing into a pipe needs to refill it, short enough that
 * a program driving jos through a pipe, waiting for its output before it
 * writes, is not slowed down much at each line. */
export const INPUT_PATIENCE_MS = 250;
/** Instructions per machine-loop turn by default. */
export const TURN_INSTRUCTIONS = 200_000;
/** Owed idle time below this is not worth a host timer (auto clock). */
const MIN_SLEEP_NS = 2e6;
/** Oversleeping credit kept for the next idle gaps (auto clock). */
const MAX_CREDIT_NS = 20e6;
/** The longest single idle sleep; the loop then looks again. */
const MAX_WAIT_MS = 500;
/** Node's timers hold 31 bits of milliseconds. */
const LONGEST_TIMER_MS = 0x7fffffff;

type WakeReason = 'timer' | 'poke' | 'settled';

export class RunLoop {
  private stopped = false;
  private wake: ((reason: WakeReason) => void) | null = null;
  private readonly startWallMs = performance.now();
  private readonly startVirtualNs: number;
  /** Virtual idle time jumped over and not yet slept (auto clock). */
  private owedNs = 0;

  constructor(
    private readonly machine: Machine,
    private readonly options: RunLoopOptions,
  ) {
    this.startVirtualNs = machine.clock.nowNs();
  }

  /** Ends run() at its next check; interrupts any wait. */
  stop(): void {
    this.stopped = true;
    this.poke();
  }

  /** Wakes a loop waiting for outside input. */
  poke(): void {
    const wake = this.wake;
    this.wake = null;
    if (wake) wake('poke');
  }

  async run(): Promise<void> {
    const sliceMs = this.options.sliceMs ?? 10;
    const turn = this.options.turnInstructions ?? TURN_INSTRUCTIONS;
    const patienceMs = this.options.inputPatienceMs ?? INPUT_PATIENCE_MS;
    const machine = this.machine;
    const clock = machine.clock;
    const gate = this.options.gate ?? null;
    while (!this.stopped && !machine.poweredOff) {
      const sliceEnd = performance.now() + sliceMs;
      let yieldOnly = true;
      while (!this.stopped && performance.now() < sliceEnd) {
        const held = gate?.held() ?? null;
        if (held !== null) {
          // Stopped in the debugger: virtual time stands still.
          await this.sleep(Infinity, held);
          yieldOnly = false;
          break;
        }
        const outcome = gate !== null ? gate.step(turn) : machine.step(turn);
        if (this.options.afterTurn?.(outcome)) {
          this.stopped = true;
          break;
        }
        if (outcome === 'ran') {
          if (this.options.clock !== 'realtime') continue;
          const ahead = this.msUntil(clock.nowNs());
          if (ahead > 1) {
            await this.sleep(ahead);
            yieldOnly = false;
            break;
          }
          continue;
        }
        if (outcome === 'host-work') {
          await this.sleep(Infinity, machine.hostWorkSettled());
          yieldOnly = false;
          break;
        }
        if (outcome === 'input-wait') {
          if ((await this.sleep(patienceMs)) === 'timer') machine.inputPatienceExpired();
          yieldOnly = false;
          break;
        }
        if (outcome === 'idle') {
          if (this.options.clock === 'virtual') {
            this.jumpToNextEvent();
            continue;
          }
          if (this.options.clock === 'realtime') {
            const wait = this.msUntil(clock.nextEventNs());
            if (wait <= 0) {
              this.jumpToNextEvent();
              continue;
            }
            await this.sleep(wait);
            yieldOnly = false;
            break;
          }
          const gapNs = clock.nextEventNs() - clock.nowNs();
          this.owedNs += gapNs;
          if (this.owedNs < MIN_SLEEP_NS) {
            this.jumpToNextEvent();
            continue;
          }
          await this.sleepOffIdle(gapNs);
          yieldOnly = false;
          break;
        }
        if (machine.poweredOff) break;
        // Stopped: only outside input can change anything. In auto mode
        // the time waited for typing is time that passed.
        const from = performance.now();
        await this.sleep(Infinity);
        if (this.options.clock === 'auto' && machine.livePending) this.jumpTo(clock.nowNs() + (performance.now() - from) * 1e6);
        yieldOnly = false;
        break;
      }
      if (machine.poweredOff) break;
      if (yieldOnly) await this.sleep(0);
    }
  }

  /** Auto clock: sleep the owed idle time (or until typed input), then
   * move virtual time on by what was really slept, up to the next event.
   * Only typed input cuts the sleep short — bytes for a terminal, or a
   * key the host scheduled on the clock ahead of the event slept for (a
   * keyboard device's press): anything else that wakes the loop (a pipe's
   * data, its end) must not change when time moves, or a piped run would
   * depend on host timing. */
  private async sleepOffIdle(gapNs: number): Promise<void> {
    const clock = this.machine.clock;
    const from = performance.now();
    const sleptFor = clock.nextEventNs();
    let sleptNs = 0;
    while (!this.stopped && sleptNs < this.owedNs && !this.machine.livePending && clock.nextEventNs() >= sleptFor && !this.options.gate?.wantsAttention()) {
      await this.sleep(Math.min((this.owedNs - sleptNs) / 1e6, MAX_WAIT_MS));
      sleptNs = (performance.now() - from) * 1e6;
    }
    this.owedNs -= sleptNs;
    if (this.owedNs <= 0) {
      this.jumpToNextEvent();
      if (this.owedNs < -MAX_CREDIT_NS) this.owedNs = -MAX_CREDIT_NS;
      return;
    }
    if (this.stopped) return;
    // Woken early by typing: the part of this gap not yet lived is
    // jumped later.
    const unlived = Math.min(this.owedNs, gapNs);
    this.jumpTo(clock.nowNs() + gapNs - unlived);
    this.owedNs -= unlived;
  }

  /** The idle jump to the next device event (which then fires). */
  private jumpToNextEvent(): void {
    this.options.onClockMove?.(this.machine.clock.nextEventNs(), true);
    this.machine.jumpToNextEvent();
  }

  /** Virtual time follows the wall clock while the core idles. */
  private jumpTo(ns: number): void {
    this.options.onClockMove?.(ns, false);
    this.machine.clock.jumpTo(ns);
  }

  private msUntil(virtualNs: number): number {
    const wallNs = (performance.now() - this.startWallMs) * 1e6;
    return (virtualNs - this.startVirtualNs - wallNs) / 1e6;
  }

  /** Waits `ms` (0: one turn of Node's event loop), until `settles`
   * settles, or until poke()/stop(), whichever is first. */
  private sleep(ms: number, settles?: Promise<unknown>): Promise<WakeReason> {
    if (this.stopped) return Promise.resolve('poke');
    if (ms <= 0 && !settles) return new Promise((resolve) => setImmediate(() => resolve('timer')));
    return new Promise((resolve) => {
      let finished = false;
      const finish = (reason: WakeReason): void => {
        if (finished) return;
        finished = true;
        if (timer) clearTimeout(timer);
        if (this.wake === finish) this.wake = null;
        resolve(reason);
      };
      const timer = ms === Infinity ? null : setTimeout(finish, Math.max(1, Math.min(ms, LONGEST_TIMER_MS)), 'timer');
      this.wake = finish;
      if (settles) settles.then(() => finish('settled'), () => finish('settled'));
    });
  }
}
