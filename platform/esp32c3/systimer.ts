/**
 * ESP32-C3 SYSTIMER at 0x6002_3000 (TRM chapter "System Timer"; offsets from
 * ESP-IDF's soc/esp32c3/include/soc/systimer_reg.h): two 52-bit counters at
 * 16 MHz derived from virtual time, and three comparators ("alarms").
 *
 * Reading a unit takes the datasheet's handshake: write UPDATE (bit 30) to
 * UNITn_OP, poll VALUE_VALID (bit 29), then read VALUE_HI/LO, which hold the
 * snapshot until the next UPDATE. A unit is set by writing UNITn_LOAD_HI/LO
 * and then UNITn_LOAD.
 *
 * Alarm n compares one unit (TARGETn_CONF bit 31) against a value latched
 * when software writes COMPn_LOAD: in target mode TARGETn_HI/LO, fired once;
 * in period mode (bit 30) the counter at load time plus PERIOD (bits 25:0),
 * then every PERIOD ticks. The comparator runs while CONF.TARGETn_WORK_EN is
 * set; a target the counter has already passed fires at once. A firing sets
 * INT_RAW bit n; INT_ST = INT_RAW & INT_ENA drives interrupt source 37 + n
 * as a level until INT_CLR.
 */
import { Clock, ClockEvent } from '../clock';
import { AccessSize, MmioDevice } from '../bus/devices';
import { IrqLine, UNCONNECTED_IRQ } from '../irq';
import { DeviceLog, UnmodelledRegisters } from './unmodelled';

export const SYSTIMER_CONF = 0x00;
export const SYSTIMER_UNIT0_OP = 0x04;
export const SYSTIMER_UNIT1_OP = 0x08;
export const SYSTIMER_UNIT0_LOAD_HI = 0x0c;
export const SYSTIMER_UNIT0_LOAD_LO = 0x10;
export const SYSTIMER_UNIT1_LOAD_HI = 0x14;
export const SYSTIMER_UNIT1_LOAD_LO = 0x18;
export const SYSTIMER_TARGET0_HI = 0x1c;
export const SYSTIMER_TARGET0_LO = 0x20;
export const SYSTIMER_TARGET1_HI = 0x24;
export const SYSTIMER_TARGET1_LO = 0x28;
export const SYSTIMER_TARGET2_HI = 0x2c;
export const SYSTIMER_TARGET2_LO = 0x30;
export const SYSTIMER_TARGET0_CONF = 0x34;
export const SYSTIMER_TARGET1_CONF = 0x38;
export const SYSTIMER_TARGET2_CONF = 0x3c;
export const SYSTIMER_UNIT0_VALUE_HI = 0x40;
export const SYSTIMER_UNIT0_VALUE_LO = 0x44;
export const SYSTIMER_UNIT1_VALUE_HI = 0x48;
export const SYSTIMER_UNIT1_VALUE_LO = 0x4c;
export const SYSTIMER_COMP0_LOAD = 0x50;
export const SYSTIMER_COMP1_LOAD = 0x54;
export const SYSTIMER_COMP2_LOAD = 0x58;
export const SYSTIMER_UNIT0_LOAD = 0x5c;
export const SYSTIMER_UNIT1_LOAD = 0x60;
export const SYSTIMER_INT_ENA = 0x64;
export const SYSTIMER_INT_RAW = 0x68;
export const SYSTIMER_INT_CLR = 0x6c;
export const SYSTIMER_INT_ST = 0x70;
export const SYSTIMER_DATE = 0xfc;

export const SYSTIMER_CLK_EN = 1 << 31;
export const SYSTIMER_UNIT0_WORK_EN = 1 << 30;
export const SYSTIMER_UNIT1_WORK_EN = 1 << 29;
/** CONF.TARGETn_WORK_EN: bit 24 for alarm 0, 23 for alarm 1, 22 for alarm 2. */
export const SYSTIMER_TARGET0_WORK_EN = 1 << 24;
export const SYSTIMER_TIMER_UNIT_UPDATE = 1 << 30;
export const SYSTIMER_TIMER_UNIT_VALUE_VALID = 1 << 29;
export const SYSTIMER_TARGET_PERIOD_MASK = 0x3ff_ffff;
export const SYSTIMER_TARGET_PERIOD_MODE = 1 << 30;
export const SYSTIMER_TARGET_TIMER_UNIT_SEL = 1 << 31;

export const SYSTIMER_HZ = 16_000_000;
export const SYSTIMER_ALARM_COUNT = 3;
const TICKS_PER_NS = SYSTIMER_HZ / 1e9;
const COUNTER_MASK_HI = 0xfffff; // 52 bits = 20 high + 32 low
const TWO_32 = 0x1_0000_0000;
const TWO_52 = 2 ** 52;
const RESET_CONF = 0x46000000; // UNIT0_WORK_EN and the stall enables, as after reset
const DATE_VALUE = 0x2006171;

export function targetWorkEnable(alarm: number): number {
  return SYSTIMER_TARGET0_WORK_EN >>> alarm;
}

interface Alarm {
  hi: number;
  lo: number;
  conf: number;
  /** Latched at COMPn_LOAD. */
  unit: 0 | 1;
  periodic: boolean;
  period: number;
  /** The counter value the comparator waits for; -1 when nothing is armed
   * (a one-shot that fired, or never loaded). */
  next: number;
  event: ClockEvent | null;
}

export class Systimer implements MmioDevice {
  readonly name = 'systimer';
  private conf = RESET_CONF;
  /** Per unit: counter value at `sinceNs` while working, and the snapshot. */
  private readonly base = [0, 0];
  private readonly sinceNs = [0, 0];
  private readonly snapshot = [0, 0];
  private readonly loadValue = [0, 0];
  private readonly alarms: Alarm[] = [];
  private intEna = 0;
  private intRaw = 0;
  readonly unmodelled: UnmodelledRegisters;

  constructor(
    private readonly clock: Clock,
    private readonly irqs: readonly IrqLine[] = [UNCONNECTED_IRQ, UNCONNECTED_IRQ, UNCONNECTED_IRQ],
    log?: DeviceLog,
  ) {
    this.unmodelled = new UnmodelledRegisters('systimer', log);
    for (let i = 0; i < SYSTIMER_ALARM_COUNT; i++) {
      this.alarms.push({ hi: 0, lo: 0, conf: 0, unit: 0, periodic: false, period: 0, next: -1, event: null });
    }
  }

  /** Unit `unit`'s counter now. */
  counter(unit: 0 | 1): number {
    if (!this.working(unit)) return this.base[unit];
    return (this.base[unit] + Math.floor((this.clock.nowNs() - this.sinceNs[unit]) * TICKS_PER_NS)) % TWO_52;
  }

  read(offset: number, _size: AccessSize): number {
    switch (offset) {
      case SYSTIMER_CONF:
        return this.conf >>> 0;
      case SYSTIMER_UNIT0_OP:
      case SYSTIMER_UNIT1_OP:
        return SYSTIMER_TIMER_UNIT_VALUE_VALID; // the snapshot is taken at once
      case SYSTIMER_UNIT0_LOAD_HI:
        return hiWord(this.loadValue[0]);
      case SYSTIMER_UNIT0_LOAD_LO:
        return loWord(this.loadValue[0]);
      case SYSTIMER_UNIT1_LOAD_HI:
        return hiWord(this.loadValue[1]);
      case SYSTIMER_UNIT1_LOAD_LO:
        return loWord(this.loadValue[1]);
      case SYSTIMER_UNIT0_VALUE_HI:
        return hiWord(this.snapshot[0]);
      case SYSTIMER_UNIT0_VALUE_LO:
        return loWord(this.snapshot[0]);
      case SYSTIMER_UNIT1_VALUE_HI:
        return hiWord(this.snapshot[1]);
      case SYSTIMER_UNIT1_VALUE_LO:
        return loWord(this.snapshot[1]);
      case SYSTIMER_INT_ENA:
        return this.intEna;
      case SYSTIMER_INT_RAW:
        return this.intRaw;
      case SYSTIMER_INT_ST:
        return this.intRaw & this.intEna;
      case SYSTIMER_DATE:
        return DATE_VALUE;
      default: {
        const target = this.targetRegister(offset);
        if (target) return target.high ? target.alarm.hi : target.alarm.lo;
        const conf = this.confRegister(offset);
        if (conf) return conf.conf >>> 0;
        this.unmodelled.note('read', offset);
        return 0;
      }
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    value >>>= 0;
    switch (offset) {
      case SYSTIMER_CONF:
        this.writeConf(value);
        return;
      case SYSTIMER_UNIT0_OP:
        if (value & SYSTIMER_TIMER_UNIT_UPDATE) this.snapshot[0] = this.counter(0);
        return;
      case SYSTIMER_UNIT1_OP:
        if (value & SYSTIMER_TIMER_UNIT_UPDATE) this.snapshot[1] = this.counter(1);
        return;
      case SYSTIMER_UNIT0_LOAD_HI:
        this.loadValue[0] = (value & COUNTER_MASK_HI) * TWO_32 + loWord(this.loadValue[0]);
        return;
      case SYSTIMER_UNIT0_LOAD_LO:
        this.loadValue[0] = hiWord(this.loadValue[0]) * TWO_32 + value;
        return;
      case SYSTIMER_UNIT1_LOAD_HI:
        this.loadValue[1] = (value & COUNTER_MASK_HI) * TWO_32 + loWord(this.loadValue[1]);
        return;
      case SYSTIMER_UNIT1_LOAD_LO:
        this.loadValue[1] = hiWord(this.loadValue[1]) * TWO_32 + value;
        return;
      case SYSTIMER_UNIT0_LOAD:
        if (value & 1) this.loadUnit(0);
        return;
      case SYSTIMER_UNIT1_LOAD:
        if (value & 1) this.loadUnit(1);
        return;
      case SYSTIMER_COMP0_LOAD:
      case SYSTIMER_COMP1_LOAD:
      case SYSTIMER_COMP2_LOAD:
        if (value & 1) this.loadComparator((offset - SYSTIMER_COMP0_LOAD) >>> 2);
        return;
      case SYSTIMER_INT_ENA:
        this.intEna = value & 7;
        this.updateIrqs();
        return;
      case SYSTIMER_INT_CLR:
        this.intRaw &= ~value & 7;
        this.updateIrqs();
        return;
      default: {
        const target = this.targetRegister(offset);
        if (target) {
          if (target.high) target.alarm.hi = value & COUNTER_MASK_HI;
          else target.alarm.lo = value;
          return;
        }
        const conf = this.confRegister(offset);
        if (conf) conf.conf = value;
        else this.unmodelled.note('write', offset);
      }
    }
  }

  private working(unit: 0 | 1): boolean {
    const bit = unit === 0 ? SYSTIMER_UNIT0_WORK_EN : SYSTIMER_UNIT1_WORK_EN;
    return (this.conf & bit) !== 0;
  }

  private targetRegister(offset: number): { alarm: Alarm; high: boolean } | null {
    if (offset < SYSTIMER_TARGET0_HI || offset > SYSTIMER_TARGET2_LO) return null;
    const index = (offset - SYSTIMER_TARGET0_HI) >>> 3;
    return { alarm: this.alarms[index], high: (offset - SYSTIMER_TARGET0_HI) % 8 === 0 };
  }

  private confRegister(offset: number): Alarm | null {
    if (offset < SYSTIMER_TARGET0_CONF || offset > SYSTIMER_TARGET2_CONF) return null;
    return this.alarms[(offset - SYSTIMER_TARGET0_CONF) >>> 2];
  }

  private writeConf(value: number): void {
    const now = this.clock.nowNs();
    for (const unit of [0, 1] as const) {
      const bit = unit === 0 ? SYSTIMER_UNIT0_WORK_EN : SYSTIMER_UNIT1_WORK_EN;
      const was = (this.conf & bit) !== 0;
      const will = (value & bit) !== 0;
      if (was && !will) this.base[unit] = this.counter(unit);
      if (!was && will) this.sinceNs[unit] = now;
    }
    this.conf = value;
    for (let i = 0; i < SYSTIMER_ALARM_COUNT; i++) this.arm(i);
  }

  private loadUnit(unit: 0 | 1): void {
    this.base[unit] = this.loadValue[unit];
    this.sinceNs[unit] = this.clock.nowNs();
    for (let i = 0; i < SYSTIMER_ALARM_COUNT; i++) if (this.alarms[i].unit === unit) this.arm(i);
  }

  /** COMPn_LOAD: the comparator takes TARGETn / TARGETn_CONF (TRM 10.4.3). */
  private loadComparator(index: number): void {
    const alarm = this.alarms[index];
    alarm.unit = alarm.conf & SYSTIMER_TARGET_TIMER_UNIT_SEL ? 1 : 0;
    alarm.periodic = (alarm.conf & SYSTIMER_TARGET_PERIOD_MODE) !== 0;
    alarm.period = alarm.conf & SYSTIMER_TARGET_PERIOD_MASK;
    if (alarm.periodic) alarm.next = alarm.period > 0 ? this.counter(alarm.unit) + alarm.period : -1;
    else alarm.next = alarm.hi * TWO_32 + alarm.lo;
    this.arm(index);
  }

  /** Fires the alarm if its target is reached, else schedules the moment
   * its unit's counter gets there. */
  private arm(index: number): void {
    const alarm = this.alarms[index];
    this.clock.cancel(alarm.event);
    alarm.event = null;
    if (!(this.conf & targetWorkEnable(index)) || alarm.next < 0) return;
    const count = this.counter(alarm.unit);
    if (count >= alarm.next) {
      this.fire(index, count);
      if (alarm.next < 0) return;
    }
    if (!this.working(alarm.unit)) return;
    const unit = alarm.unit;
    const atNs = this.sinceNs[unit] + (alarm.next - this.base[unit]) / TICKS_PER_NS;
    // Never at or before now: float rounding must not make a busy loop.
    const when = Math.max(Math.ceil(atNs), this.clock.nowNs() + 1);
    alarm.event = this.clock.scheduleCall(when, this, 'alarmDue', index);
  }

  /** The clock event of alarm `index`. */
  alarmDue(index: number): void {
    this.alarms[index].event = null;
    this.arm(index);
  }

  private fire(index: number, count: number): void {
    const alarm = this.alarms[index];
    this.intRaw |= 1 << index;
    if (alarm.periodic) {
      // The next period after now; periods missed while stalled are skipped.
      const behind = Math.floor((count - alarm.next) / alarm.period);
      alarm.next += (behind + 1) * alarm.period;
    } else {
      alarm.next = -1;
    }
    this.updateIrqs();
  }

  private updateIrqs(): void {
    const st = this.intRaw & this.intEna;
    for (let i = 0; i < SYSTIMER_ALARM_COUNT; i++) this.irqs[i].set((st & (1 << i)) !== 0);
  }
}

function hiWord(value: number): number {
  return Math.floor(value / TWO_32) & COUNTER_MASK_HI;
}

function loWord(value: number): number {
  return value % TWO_32;
}
