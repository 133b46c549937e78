/**
 * HPET at 0xFED0_0000 (IA-PC HPET specification 1.0a): a 100 MHz main
 * counter (10 ns period, as QEMU's) and 3 comparators.
 *
 * The main counter is derived from virtual time: while ENABLE_CNF is set it
 * reads `start + (now - enabledAt) / 10 ns`; writes to it are honoured while
 * the counter is halted, as the specification requires.
 *
 * Comparators (spec 2.3.9): one-shot or periodic (timer 0 only is periodic
 * capable, as on Intel chipsets), 64-bit or 32-bit mode (Tn_32MODE_CNF: the
 * match is against the low 32 bits, so a comparator behind the counter
 * matches after the wrap; a 32-bit one-shot timer also interrupts when the
 * low 32 bits roll over, spec 2.3.9.2.4), periodic accumulator semantics
 * (a match adds the period to the comparator; with Tn_VAL_SET_CNF a
 * comparator write sets both the comparator and the period, otherwise it
 * sets the period only; a whole comparator write — the low dword in 32-bit
 * mode, low then high dword in 64-bit mode — clears Tn_VAL_SET_CNF), level or edge
 * interrupts (level: Tn_INT_STS in GINTR_STA until software writes 1; edge:
 * a low-to-high transition on the output, which stays high so that an 8259
 * in edge mode latches it).
 *
 * Routing: with LEG_RT_CNF, timer 0 drives IRQ 0 and timer 1 IRQ 8 and the
 * legacy sources (the PIT's OUT0 and the RTC's IRQ 8) are cut off, as the
 * specification's legacy replacement route says; otherwise IRQ 0 and IRQ 8
 * carry the PIT and the RTC and each timer goes to the input its
 * Tn_INT_ROUTE_CNF names among those the board connected (reported in
 * Tn_INT_ROUTE_CAP). FSB (MSI) delivery is not implemented: Tn_FSB_INT_DEL_CAP
 * reads 0.
 */
import { Clock, ClockEvent } from '../clock';
import { AccessSize, MmioDevice } from '../bus/devices';
import { IrqLine } from '../irq';

export const HPET_GCAP_ID = 0x000;
export const HPET_GEN_CONF = 0x010;
export const HPET_GINTR_STA = 0x020;
export const HPET_MAIN_COUNTER = 0x0f0;
export const HPET_TIMER_BASE = 0x100;
export const HPET_TIMER_STRIDE = 0x20;
/** Offsets inside a timer's block. */
export const HPET_TN_CONF = 0x00;
export const HPET_TN_COMPARATOR = 0x08;
export const HPET_TN_FSB_ROUTE = 0x10;

export const HPET_ENABLE_CNF = 1 << 0;
export const HPET_LEG_RT_CNF = 1 << 1;

// Timer N configuration and capabilities (spec table 8).
export const TN_INT_TYPE_CNF = 1 << 1; // 1 = level
export const TN_INT_ENB_CNF = 1 << 2;
export const TN_TYPE_CNF = 1 << 3; // 1 = periodic
export const TN_PER_INT_CAP = 1 << 4;
export const TN_SIZE_CAP = 1 << 5;
export const TN_VAL_SET_CNF = 1 << 6;
export const TN_32MODE_CNF = 1 << 8;
export const TN_INT_ROUTE_SHIFT = 9;
export const TN_INT_ROUTE_MASK = 0x1f << TN_INT_ROUTE_SHIFT;

export const HPET_PERIOD_FS = 10_000_000; // 10 ns
export const HPET_TIMERS = 3;
const PERIOD_NS = HPET_PERIOD_FS / 1e6;
const TWO_32 = 0x1_0000_0000;

/** Capabilities low word: revision 1, timers-1 in 12:8, 64-bit counter
 * (bit 13), legacy replacement capable (bit 15), vendor 0x8086. */
const GCAP_LOW = 0x01 | ((HPET_TIMERS - 1) << 8) | (1 << 13) | (1 << 15) | (0x8086 << 16);
const TN_WRITABLE = TN_INT_TYPE_CNF | TN_INT_ENB_CNF | TN_TYPE_CNF | TN_VAL_SET_CNF | TN_32MODE_CNF | TN_INT_ROUTE_MASK;

/** Where the HPET's interrupts can go on the board. */
export interface HpetWiring {
  /** The ISA IRQ 0 and IRQ 8 inputs of the interrupt controller. */
  irq0: IrqLine;
  irq8: IrqLine;
  /** Tn_INT_ROUTE_CNF value -> interrupt controller input, for the routes
   * the board connects (sparse). */
  routes?: readonly (IrqLine | undefined)[];
}

export class HpetTimer {
  config = 0;
  cmpLo = 0xffffffff;
  cmpHi = 0xffffffff;
  periodLo = 0;
  periodHi = 0;
  /** Level mode: Tn_INT_STS. Edge mode: the output is held high. */
  active = false;
  event: ClockEvent | null = null;
  /** The armed event is the 32-bit one-shot roll-over, not the match. */
  wrapArmed = false;
  constructor(readonly index: number) {}

  get periodicCapable(): boolean {
    return this.index === 0;
  }
  get periodic(): boolean {
    return (this.config & TN_TYPE_CNF) !== 0;
  }
  get mode32(): boolean {
    return (this.config & TN_32MODE_CNF) !== 0;
  }
  get comparator(): number {
    return this.mode32 ? this.cmpLo : this.cmpHi * TWO_32 + this.cmpLo;
  }
  get period(): number {
    return this.mode32 ? this.periodLo : this.periodHi * TWO_32 + this.periodLo;
  }
  setComparator(value: number): void {
    this.cmpLo = value % TWO_32;
    this.cmpHi = this.mode32 ? this.cmpHi : Math.floor(value / TWO_32) % TWO_32;
  }
}

export class Hpet implements MmioDevice {
  readonly name = 'hpet';
  private config = 0;
  private counterAtEnable = 0;
  private enabledAtNs = 0;
  private haltedCounter = 0;
  private readonly timers: HpetTimer[] = [];
  private legacyPit = false;
  private legacyRtc = false;
  private readonly outputs: IrqLine[];
  private readonly outputLevels: boolean[];
  private readonly routeCap: number;

  /** IRQ 0's legacy source (the PIT's OUT0), cut off in legacy replacement. */
  readonly pitInput: IrqLine = {
    set: (level) => {
      this.legacyPit = level;
      this.updateOutputs();
    },
  };
  /** IRQ 8's legacy source (the RTC), cut off in legacy replacement. */
  readonly rtcInput: IrqLine = {
    set: (level) => {
      this.legacyRtc = level;
      this.updateOutputs();
    },
  };

  constructor(
    private readonly clock: Clock,
    wiring: HpetWiring = { irq0: { set: () => {} }, irq8: { set: () => {} } },
  ) {
    for (let i = 0; i < HPET_TIMERS; i++) this.timers.push(new HpetTimer(i));
    const routes = wiring.routes ?? [];
    this.outputs = [wiring.irq0, wiring.irq8];
    let cap = 0;
    for (let r = 0; r < 32; r++) {
      this.outputs.push(routes[r] ?? { set: () => {} });
      if (routes[r]) cap |= 1 << r;
    }
    this.routeCap = cap >>> 0;
    this.outputLevels = this.outputs.map(() => false);
  }

  /** The main counter now (a JS number: exact up to 2^53 ticks, 2.8 years). */
  mainCounter(): number {
    if (!(this.config & HPET_ENABLE_CNF)) return this.haltedCounter;
    return this.counterAtEnable + Math.floor((this.clock.nowNs() - this.enabledAtNs) / PERIOD_NS);
  }

  read(offset: number, size: AccessSize): number {
    const dword = this.readDword(offset & ~3);
    if (size === 4) return dword >>> 0;
    const shift = (offset & 3) * 8;
    return (dword >>> shift) & (size === 1 ? 0xff : 0xffff);
  }

  write(offset: number, size: AccessSize, value: number): void {
    if (size !== 4) {
      // Narrow writes merge into the dword (read-modify-write).
      const shift = (offset & 3) * 8;
      const mask = (size === 1 ? 0xff : 0xffff) << shift;
      value = ((this.readDword(offset & ~3) & ~mask) | ((value << shift) & mask)) >>> 0;
      offset &= ~3;
    }
    this.writeDword(offset, value >>> 0);
  }

  private readDword(offset: number): number {
    switch (offset) {
      case HPET_GCAP_ID:
        return GCAP_LOW >>> 0;
      case HPET_GCAP_ID + 4:
        return HPET_PERIOD_FS;
      case HPET_GEN_CONF:
        return this.config;
      case HPET_GINTR_STA:
        return this.interruptStatus();
      case HPET_MAIN_COUNTER:
        return this.mainCounter() % TWO_32;
      case HPET_MAIN_COUNTER + 4:
        return Math.floor(this.mainCounter() / TWO_32) % TWO_32;
      default:
        break;
    }
    const timer = this.timerAt(offset);
    if (!timer) return 0;
    switch (offset & (HPET_TIMER_STRIDE - 1)) {
      case HPET_TN_CONF:
        return (timer.config | TN_SIZE_CAP | (timer.periodicCapable ? TN_PER_INT_CAP : 0)) >>> 0;
      case HPET_TN_CONF + 4:
        return this.routeCap;
      case HPET_TN_COMPARATOR:
        return timer.cmpLo;
      case HPET_TN_COMPARATOR + 4:
        return timer.mode32 ? 0 : timer.cmpHi;
      default:
        return 0; // FSB route: no FSB delivery
    }
  }

  private writeDword(offset: number, value: number): void {
    switch (offset) {
      case HPET_GEN_CONF:
        this.writeConfig(value & (HPET_ENABLE_CNF | HPET_LEG_RT_CNF));
        return;
      case HPET_GINTR_STA:
        // Write 1 to clear a level-triggered timer's status.
        for (const t of this.timers) {
          if (value & (1 << t.index) && t.config & TN_INT_TYPE_CNF) t.active = false;
        }
        this.updateOutputs();
        return;
      case HPET_MAIN_COUNTER:
        if (!(this.config & HPET_ENABLE_CNF)) this.haltedCounter = Math.floor(this.haltedCounter / TWO_32) * TWO_32 + value;
        return;
      case HPET_MAIN_COUNTER + 4:
        if (!(this.config & HPET_ENABLE_CNF)) this.haltedCounter = (this.haltedCounter % TWO_32) + value * TWO_32;
        return;
      default:
        break;
    }
    const timer = this.timerAt(offset);
    if (!timer) return;
    switch (offset & (HPET_TIMER_STRIDE - 1)) {
      case HPET_TN_CONF:
        this.writeTimerConfig(timer, value);
        return;
      case HPET_TN_COMPARATOR:
        this.writeComparator(timer, value, false);
        return;
      case HPET_TN_COMPARATOR + 4:
        if (!timer.mode32) this.writeComparator(timer, value, true);
        return;
      default:
        return; // capabilities and FSB route are read-only here
    }
  }

  private timerAt(offset: number): HpetTimer | null {
    if (offset < HPET_TIMER_BASE) return null;
    const index = Math.floor((offset - HPET_TIMER_BASE) / HPET_TIMER_STRIDE);
    return index < HPET_TIMERS ? this.timers[index] : null;
  }

  private interruptStatus(): number {
    let status = 0;
    for (const t of this.timers) if (t.active && t.config & TN_INT_TYPE_CNF) status |= 1 << t.index;
    return status;
  }

  private writeConfig(value: number): void {
    const wasEnabled = (this.config & HPET_ENABLE_CNF) !== 0;
    const enable = (value & HPET_ENABLE_CNF) !== 0;
    if (enable && !wasEnabled) {
      this.counterAtEnable = this.haltedCounter;
      this.enabledAtNs = this.clock.nowNs();
    } else if (!enable && wasEnabled) {
      this.haltedCounter = this.mainCounter();
    }
    this.config = value;
    for (const t of this.timers) this.arm(t);
    this.updateOutputs();
  }

  private writeTimerConfig(timer: HpetTimer, value: number): void {
    let config = value & TN_WRITABLE;
    if (!timer.periodicCapable) config &= ~TN_TYPE_CNF;
    const route = (config & TN_INT_ROUTE_MASK) >> TN_INT_ROUTE_SHIFT;
    if (!(this.routeCap & (1 << route))) config = (config & ~TN_INT_ROUTE_MASK) | (timer.config & TN_INT_ROUTE_MASK);
    const was32 = timer.mode32;
    timer.config = config;
    if (timer.mode32 && !was32) {
      timer.cmpHi = 0;
      timer.periodHi = 0;
    }
    // Switching to edge mode drops a level status; disabling drops the output.
    if (!(config & TN_INT_TYPE_CNF) || !(config & TN_INT_ENB_CNF)) timer.active = timer.active && (config & TN_INT_TYPE_CNF) !== 0;
    this.arm(timer);
    this.updateOutputs();
  }

  private writeComparator(timer: HpetTimer, value: number, high: boolean): void {
    const setComparator = !timer.periodic || (timer.config & TN_VAL_SET_CNF) !== 0;
    if (high) {
      if (setComparator) timer.cmpHi = value;
      if (timer.periodic) timer.periodHi = value;
    } else {
      if (setComparator) timer.cmpLo = value;
      if (timer.periodic) timer.periodLo = value;
    }
    // VAL_SET covers one whole comparator write: the low dword in 32-bit
    // mode, both dwords (low then high, as a 64-bit store reaches the bus)
    // in 64-bit mode.
    if (high || timer.mode32) timer.config &= ~TN_VAL_SET_CNF;
    this.arm(timer);
  }

  /** Schedules the timer's next match (or 32-bit one-shot roll-over). */
  private arm(timer: HpetTimer): void {
    this.clock.cancel(timer.event);
    timer.event = null;
    timer.wrapArmed = false;
    // A comparator with its interrupt disabled has no visible effect worth
    // a clock event (its periodic accumulator then stands still: documented).
    if (!(this.config & HPET_ENABLE_CNF) || !(timer.config & TN_INT_ENB_CNF)) return;
    const now = this.mainCounter();
    let at = this.matchTick(timer, now);
    if (timer.mode32 && !timer.periodic) {
      const wrap = (Math.floor(now / TWO_32) + 1) * TWO_32;
      if (wrap < at) {
        at = wrap;
        timer.wrapArmed = true;
      }
    }
    this.schedule(timer, at);
  }

  private schedule(timer: HpetTimer, at: number): void {
    if (at === Infinity) return;
    const atNs = this.enabledAtNs + (at - this.counterAtEnable) * PERIOD_NS;
    timer.event = this.clock.scheduleCall(atNs, this, 'fire', timer, at);
  }

  /** The first tick >= now at which the comparator matches. */
  private matchTick(timer: HpetTimer, now: number): number {
    const cmp = timer.comparator;
    if (timer.mode32) return now + ((cmp - (now % TWO_32) + TWO_32) % TWO_32);
    return cmp >= now ? cmp : Infinity; // 64-bit: behind the counter = after a 2^64 wrap
  }

  /** The clock event of `timer`'s match at `tick`. */
  fire(timer: HpetTimer, tick: number): void {
    timer.event = null;
    const wasWrap = timer.wrapArmed;
    timer.wrapArmed = false;
    this.raise(timer);
    if (timer.periodic && !wasWrap) {
      const period = timer.period;
      if (period > 0) {
        // Add the period once per elapsed period (coalescing missed ones).
        const now = this.mainCounter();
        const steps = Math.max(1, Math.floor((now - tick) / period) + 1);
        const next = timer.comparator + steps * period;
        timer.setComparator(timer.mode32 ? next % TWO_32 : next);
        this.arm(timer);
      }
    } else if (wasWrap) {
      // After the roll-over interrupt a one-shot still waits for its match.
      this.schedule(timer, this.matchTick(timer, this.mainCounter()));
    }
  }

  private raise(timer: HpetTimer): void {
    if (!(timer.config & TN_INT_ENB_CNF)) return;
    if (timer.config & TN_INT_TYPE_CNF) {
      timer.active = true;
      this.updateOutputs();
      return;
    }
    // Edge: make a fresh rising edge on the timer's output.
    const out = this.outputOf(timer);
    timer.active = false;
    this.updateOutputs();
    if (this.outputLevels[out]) {
      this.outputLevels[out] = false;
      this.outputs[out].set(false);
    }
    timer.active = true;
    this.updateOutputs();
  }

  /** Output index: 0 = IRQ 0, 1 = IRQ 8, 2 + n = route n. */
  private outputOf(timer: HpetTimer): number {
    if (this.config & HPET_LEG_RT_CNF) {
      if (timer.index === 0) return 0;
      if (timer.index === 1) return 1;
    }
    return 2 + ((timer.config & TN_INT_ROUTE_MASK) >> TN_INT_ROUTE_SHIFT);
  }

  private updateOutputs(): void {
    const levels = this.outputLevels.map(() => false);
    const legacy = (this.config & HPET_LEG_RT_CNF) !== 0;
    if (!legacy) {
      levels[0] = this.legacyPit;
      levels[1] = this.legacyRtc;
    }
    if (this.config & HPET_ENABLE_CNF) {
      for (const t of this.timers) {
        if (t.active && t.config & TN_INT_ENB_CNF) levels[this.outputOf(t)] = true;
      }
    }
    for (let i = 0; i < levels.length; i++) {
      if (levels[i] !== this.outputLevels[i]) {
        this.outputLevels[i] = levels[i];
        this.outputs[i].set(levels[i]);
      }
    }
  }
}
