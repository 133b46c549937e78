/**
 * Timer driver for the HPET through MMIO (IA-PC HPET specification 1.0a).
 * The main counter is the kernel's nanosecond clock (period read from the
 * capabilities register). Interrupts use legacy replacement routing, so no
 * IOAPIC is needed: comparator 0 is the periodic tick on IRQ 0, comparator 1
 * the one-shot alarm on IRQ 8. Both are level-triggered, so handleInterrupt
 * can tell from GINTR_STA which one fired and clear exactly that.
 */
import type { Mmio } from '../../hal/io';
import type { Timer } from '../../hal/timer';

const GCAP_ID = 0x000;
const GEN_CONF = 0x010;
const GINTR_STA = 0x020;
const MAIN_COUNTER = 0x0f0;
const TIMER_CONF = (n: number) => 0x100 + 0x20 * n;
const TIMER_COMPARATOR = (n: number) => 0x108 + 0x20 * n;

const ENABLE_CNF = 1 << 0;
const LEG_RT_CNF = 1 << 1;
const TN_INT_TYPE_LEVEL = 1 << 1;
const TN_INT_ENB_CNF = 1 << 2;
const TN_TYPE_PERIODIC = 1 << 3;
const TN_PER_INT_CAP = 1 << 4;
const TN_VAL_SET_CNF = 1 << 6;
const TN_32MODE_CNF = 1 << 8;

const TICK_TIMER = 0;
const ALARM_TIMER = 1;
/** Counter ticks an alarm is at least ahead, so it cannot be missed while
 * the comparator is being written (Linux's HPET_MIN_CYCLES idea). */
const MIN_DELTA_TICKS = 16;
const TWO_32 = 0x1_0000_0000;
/** The largest comparator value a double holds exactly below 2^64. */
const COMPARATOR_MAX = 2 ** 64 - 2 ** 11;
const FS_PER_NS = 1e6;

export class HpetTimer implements Timer {
  private periodFs = 0;
  private startTicks = 0;
  /** Interrupts seen per comparator (diagnostics and tests). */
  readonly fired = [0, 0];

  constructor(
    private readonly mmio: Mmio,
    private readonly base: number,
  ) {}

  init(): void {
    this.periodFs = this.mmio.read32(this.base + GCAP_ID + 4);
    if (this.periodFs === 0 || this.periodFs > 100_000_000) throw new Error(`HPET reports an invalid period of ${this.periodFs} fs`);
    const timers = ((this.mmio.read32(this.base + GCAP_ID) >> 8) & 0x1f) + 1;
    if (timers < 2) throw new Error(`HPET has ${timers} comparator(s); the driver needs 2`);
    if (!(this.mmio.read32(this.base + TIMER_CONF(TICK_TIMER)) & TN_PER_INT_CAP)) throw new Error('HPET comparator 0 cannot do periodic interrupts');
    // Quiesce the comparators, then run the counter with legacy routing.
    this.mmio.write32(this.base + TIMER_CONF(TICK_TIMER), 0);
    this.mmio.write32(this.base + TIMER_CONF(ALARM_TIMER), 0);
    this.mmio.write32(this.base + GINTR_STA, (1 << TICK_TIMER) | (1 << ALARM_TIMER));
    const conf = this.mmio.read32(this.base + GEN_CONF);
    this.mmio.write32(this.base + GEN_CONF, conf | ENABLE_CNF | LEG_RT_CNF);
    this.startTicks = this.readCounter();
  }

  nowNs(): number {
    return ((this.readCounter() - this.startTicks) * this.periodFs) / FS_PER_NS;
  }

  /** Comparator 0 in periodic, 32-bit mode: the Tn_VAL_SET_CNF sequence
   * writes the first match, the next write sets the accumulator. */
  startPeriodic(periodNs: number): void {
    const ticks = Math.max(MIN_DELTA_TICKS, Math.round((periodNs * FS_PER_NS) / this.periodFs));
    if (ticks >= TWO_32 / 2) throw new Error(`HPET tick period ${periodNs} ns is too long for a 32-bit comparator`);
    const conf = this.base + TIMER_CONF(TICK_TIMER);
    const comparator = this.base + TIMER_COMPARATOR(TICK_TIMER);
    this.mmio.write32(conf, 0);
    this.mmio.write32(conf, TN_INT_TYPE_LEVEL | TN_TYPE_PERIODIC | TN_32MODE_CNF | TN_VAL_SET_CNF | TN_INT_ENB_CNF);
    this.mmio.write32(comparator, (this.readCounter() + ticks) % TWO_32);
    this.mmio.write32(comparator, ticks);
  }

  /** Comparator 0 off, and its level status cleared. */
  stopPeriodic(): void {
    this.mmio.write32(this.base + TIMER_CONF(TICK_TIMER), 0);
    this.mmio.write32(this.base + GINTR_STA, 1 << TICK_TIMER);
  }

  /** Comparator 1, one-shot, 64-bit. An alarm already due is moved to a few
   * ticks from now, so it fires at once rather than after a counter wrap. */
  setAlarm(atNs: number): void {
    const conf = this.base + TIMER_CONF(ALARM_TIMER);
    const comparator = this.base + TIMER_COMPARATOR(ALARM_TIMER);
    // A 64-bit comparator: a deadline beyond it (a sleep of centuries)
    // must not wrap into the past and fire at once, forever.
    let target = Math.min(this.startTicks + Math.ceil((atNs * FS_PER_NS) / this.periodFs), COMPARATOR_MAX);
    for (let delta = MIN_DELTA_TICKS; ; delta *= 2) {
      // Disarmed while the two halves are written: a half-written value
      // must not match.
      this.mmio.write32(conf, TN_INT_TYPE_LEVEL);
      const now = this.readCounter();
      if (target < now + delta) target = now + delta;
      this.mmio.write32(comparator + 4, Math.floor(target / TWO_32));
      this.mmio.write32(comparator, target % TWO_32);
      this.mmio.write32(conf, TN_INT_TYPE_LEVEL | TN_INT_ENB_CNF);
      // A 64-bit comparator the counter passed before the enable never
      // matches (until the wrap), so the check comes after the enable:
      // register accesses take time, and the counter runs meanwhile.
      if (this.readCounter() < target) break;
    }
  }

  /** Clears the status of whichever comparator fired (level mode). */
  handleInterrupt(): void {
    const status = this.mmio.read32(this.base + GINTR_STA) & ((1 << TICK_TIMER) | (1 << ALARM_TIMER));
    if (status === 0) return;
    if (status & (1 << TICK_TIMER)) this.fired[TICK_TIMER]++;
    if (status & (1 << ALARM_TIMER)) {
      this.fired[ALARM_TIMER]++;
      this.mmio.write32(this.base + TIMER_CONF(ALARM_TIMER), TN_INT_TYPE_LEVEL); // one-shot: disarm
    }
    this.mmio.write32(this.base + GINTR_STA, status);
  }

  /** A torn-read-safe 64-bit read: high, low, high again. */
  private readCounter(): number {
    for (;;) {
      const high = this.mmio.read32(this.base + MAIN_COUNTER + 4);
      const low = this.mmio.read32(this.base + MAIN_COUNTER);
      if (this.mmio.read32(this.base + MAIN_COUNTER + 4) === high) return high * TWO_32 + low;
    }
  }
}
