/**
 * ESP32-C3 SYSTIMER at 0x6002_3000 (TRM chapter "System Timer"; offsets from
 * ESP-IDF's soc/esp32c3/include/soc/systimer_reg.h): 52-bit counters at
 * 16 MHz derived from virtual time.
 *
 * Reading a unit takes the datasheet's handshake: write UPDATE (bit 30) to
 * UNITn_OP, poll VALUE_VALID (bit 29), then read VALUE_HI/LO, which hold the
 * snapshot until the next UPDATE.
 */
import { Clock } from '../clock';
import { AccessSize, MmioDevice } from '../bus/devices';

export const SYSTIMER_CONF = 0x00;
export const SYSTIMER_UNIT0_OP = 0x04;
export const SYSTIMER_UNIT1_OP = 0x08;
export const SYSTIMER_UNIT0_VALUE_HI = 0x40;
export const SYSTIMER_UNIT0_VALUE_LO = 0x44;
export const SYSTIMER_UNIT1_VALUE_HI = 0x48;
export const SYSTIMER_UNIT1_VALUE_LO = 0x4c;
export const SYSTIMER_DATE = 0xfc;

export const SYSTIMER_CLK_EN = 1 << 31;
export const SYSTIMER_UNIT0_WORK_EN = 1 << 30;
export const SYSTIMER_UNIT1_WORK_EN = 1 << 29;
export const SYSTIMER_TIMER_UNIT_UPDATE = 1 << 30;
export const SYSTIMER_TIMER_UNIT_VALUE_VALID = 1 << 29;

export const SYSTIMER_HZ = 16_000_000;
const TICKS_PER_NS = SYSTIMER_HZ / 1e9;
const COUNTER_MASK_HI = 0xfffff; // 52 bits = 20 high + 32 low
const TWO_32 = 0x1_0000_0000;
const RESET_CONF = 0x46000000; // UNIT0_WORK_EN and the stall enables, as after reset
const DATE_VALUE = 0x2006171;

export class Systimer implements MmioDevice {
  readonly name = 'systimer';
  private conf = RESET_CONF;
  /** Per unit: counter value at `sinceNs` while working, and the snapshot. */
  private readonly base = [0, 0];
  private readonly sinceNs = [0, 0];
  private readonly snapshot = [0, 0];

  constructor(private readonly clock: Clock) {}

  /** Unit `unit`'s counter now. */
  counter(unit: 0 | 1): number {
    const working = this.conf & (unit === 0 ? SYSTIMER_UNIT0_WORK_EN : SYSTIMER_UNIT1_WORK_EN);
    if (!working) return this.base[unit];
    return this.base[unit] + Math.floor((this.clock.nowNs() - this.sinceNs[unit]) * TICKS_PER_NS);
  }

  read(offset: number, _size: AccessSize): number {
    switch (offset) {
      case SYSTIMER_CONF:
        return this.conf >>> 0;
      case SYSTIMER_UNIT0_OP:
      case SYSTIMER_UNIT1_OP:
        return SYSTIMER_TIMER_UNIT_VALUE_VALID; // the snapshot is taken at once
      case SYSTIMER_UNIT0_VALUE_HI:
        return Math.floor(this.snapshot[0] / TWO_32) & COUNTER_MASK_HI;
      case SYSTIMER_UNIT0_VALUE_LO:
        return this.snapshot[0] % TWO_32;
      case SYSTIMER_UNIT1_VALUE_HI:
        return Math.floor(this.snapshot[1] / TWO_32) & COUNTER_MASK_HI;
      case SYSTIMER_UNIT1_VALUE_LO:
        return this.snapshot[1] % TWO_32;
      case SYSTIMER_DATE:
        return DATE_VALUE;
      default:
        return 0;
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    switch (offset) {
      case SYSTIMER_CONF:
        this.writeConf(value >>> 0);
        break;
      case SYSTIMER_UNIT0_OP:
        if (value & SYSTIMER_TIMER_UNIT_UPDATE) this.snapshot[0] = this.counter(0);
        break;
      case SYSTIMER_UNIT1_OP:
        if (value & SYSTIMER_TIMER_UNIT_UPDATE) this.snapshot[1] = this.counter(1);
        break;
      default:
        break;
    }
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
  }
}
