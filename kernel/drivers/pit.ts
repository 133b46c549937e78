/**
 * Timer driver for the 8254 PIT's channel 0 through ports 0x40/0x43 (8254
 * datasheet): the fallback clock and tick of a PC without an HPET. The
 * board binds the HPET driver; this one is for HPET-less configurations
 * and as the reference for the PIT model.
 *
 * Time: the counter runs in mode 2 (rate generator); each IRQ 0 counts one
 * period, and nowNs() adds what the latched count says of the current one.
 * A reading below the previous one means the counter wrapped and its
 * interrupt is still pending: one period more (Linux's i8253 read has the
 * same guard). Time is lost only while IRQ 0 stays masked for whole periods.
 *
 * Alarms: channel 0 cannot be a tick and a one-shot at once. With a tick
 * running, an alarm is served by the tick (the kernel checks its deadlines
 * on every timer interrupt, so it fires within one period); without one,
 * setAlarm() programs mode 0 (interrupt on terminal count) for the delay,
 * clamped to 65535 ticks (55 ms): the kernel re-arms after an early wake.
 */
import type { PortIo } from '../../hal/io';
import type { Timer } from '../../hal/timer';

const CHANNEL0 = 0x40;
const MODE_COMMAND = 0x43;
const CH0_LATCH = 0x00;
const CH0_LOHI_MODE0 = 0x30;
const CH0_LOHI_MODE2 = 0x34;
export const PIT_HZ = 1_193_182;
const NS_PER_TICK = 1e9 / PIT_HZ;
const MAX_COUNT = 0x10000;

export class PitTimer implements Timer {
  private reload = MAX_COUNT;
  private periodic = false;
  /** Ticks at the last reprogramming. */
  private baseTicks = 0;
  /** Periods ended since then (one per IRQ 0 in mode 2). */
  private periods = 0;
  /** The latest reading, for monotonicity. */
  private lastTicks = 0;

  constructor(private readonly io: PortIo) {}

  /** Starts the counter (mode 2, 65536: 18.2 Hz). Call before the PIC is
   * initialised, whose ICW1 forgets the edge that programming OUT0 makes. */
  init(): void {
    this.reload = MAX_COUNT;
    this.program(CH0_LOHI_MODE2, MAX_COUNT);
    this.periodic = true;
    this.rebase(0);
    this.lastTicks = 0;
  }

  nowNs(): number {
    return this.ticksNow() * NS_PER_TICK;
  }

  startPeriodic(periodNs: number): void {
    const now = this.ticksNow();
    this.reload = Math.min(MAX_COUNT, Math.max(2, Math.round(periodNs / NS_PER_TICK)));
    this.program(CH0_LOHI_MODE2, this.reload);
    this.periodic = true;
    this.rebase(now);
  }

  setAlarm(atNs: number): void {
    if (this.periodic) return; // the tick serves it: see the header
    const now = this.ticksNow();
    const delta = Math.min(MAX_COUNT - 1, Math.max(1, Math.ceil(atNs / NS_PER_TICK) - now));
    this.reload = delta;
    this.program(CH0_LOHI_MODE0, delta);
    this.rebase(now);
  }

  /** IRQ 0: in mode 2, one period has ended. */
  handleInterrupt(): void {
    if (this.periodic) this.periods++;
  }

  /** Stops the tick: alarms then use one-shot mode. */
  stopPeriodic(): void {
    const now = this.ticksNow();
    this.reload = MAX_COUNT - 1;
    this.program(CH0_LOHI_MODE0, this.reload);
    this.periodic = false;
    this.rebase(now);
  }

  private rebase(ticks: number): void {
    this.baseTicks = ticks;
    this.periods = 0;
  }

  private ticksNow(): number {
    let ticks = this.baseTicks + this.periods * this.reload + this.elapsedInPeriod();
    // Below the last reading: the counter wrapped and its interrupt has not
    // been handled yet (mode 0 keeps counting down past terminal count).
    while (ticks < this.lastTicks) ticks += this.periodic ? this.reload : MAX_COUNT;
    this.lastTicks = ticks;
    return ticks;
  }

  /** Ticks into the current period, from a latched count. */
  private elapsedInPeriod(): number {
    this.io.out8(MODE_COMMAND, CH0_LATCH);
    const low = this.io.in8(CHANNEL0);
    const count = low | (this.io.in8(CHANNEL0) << 8);
    if (this.periodic) return this.reload - (count === 0 ? MAX_COUNT : count);
    return (this.reload - count + MAX_COUNT) % MAX_COUNT;
  }

  private program(command: number, count: number): void {
    this.io.out8(MODE_COMMAND, command);
    this.io.out8(CHANNEL0, count & 0xff);
    this.io.out8(CHANNEL0, (count >> 8) & 0xff);
  }
}
