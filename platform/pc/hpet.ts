/**
 * HPET at 0xFED0_0000 (IA-PC HPET specification 1.0a): a 100 MHz main
 * counter (10 ns period, as QEMU's) and 3 comparators.
 *
 * The main counter is derived from virtual time: while ENABLE_CNF is set it
 * reads `start + (now - enabledAt) / 10 ns`; writes to it are honoured while
 * the counter is halted, as the specification requires.
 */
import { Clock } from '../clock';
import { AccessSize, MmioDevice } from '../bus/devices';

export const HPET_GCAP_ID = 0x000;
export const HPET_GEN_CONF = 0x010;
export const HPET_GINTR_STA = 0x020;
export const HPET_MAIN_COUNTER = 0x0f0;

export const HPET_ENABLE_CNF = 1 << 0;
export const HPET_LEG_RT_CNF = 1 << 1;

export const HPET_PERIOD_FS = 10_000_000; // 10 ns
export const HPET_TIMERS = 3;
const PERIOD_NS = HPET_PERIOD_FS / 1e6;
const TWO_32 = 0x1_0000_0000;

/** Capabilities low word: revision 1, timers-1 in 12:8, 64-bit counter
 * (bit 13), legacy replacement capable (bit 15), vendor 0x8086. */
const GCAP_LOW = 0x01 | ((HPET_TIMERS - 1) << 8) | (1 << 13) | (1 << 15) | (0x8086 << 16);

export class Hpet implements MmioDevice {
  readonly name = 'hpet';
  private config = 0;
  private counterAtEnable = 0;
  private enabledAtNs = 0;
  private haltedCounter = 0;

  constructor(private readonly clock: Clock) {}

  /** The main counter now (a JS number: exact up to 2^53 ticks, 2.8 years). */
  mainCounter(): number {
    if (!(this.config & HPET_ENABLE_CNF)) return this.haltedCounter;
    return this.counterAtEnable + Math.floor((this.clock.nowNs() - this.enabledAtNs) / PERIOD_NS);
  }

  read(offset: number, _size: AccessSize): number {
    switch (offset) {
      case HPET_GCAP_ID:
        return GCAP_LOW >>> 0;
      case HPET_GCAP_ID + 4:
        return HPET_PERIOD_FS;
      case HPET_GEN_CONF:
        return this.config;
      case HPET_GEN_CONF + 4:
      case HPET_GINTR_STA:
      case HPET_GINTR_STA + 4:
        return 0;
      case HPET_MAIN_COUNTER:
        return this.mainCounter() % TWO_32;
      case HPET_MAIN_COUNTER + 4:
        return Math.floor(this.mainCounter() / TWO_32);
      default:
        return 0;
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    switch (offset) {
      case HPET_GEN_CONF:
        this.writeConfig(value & (HPET_ENABLE_CNF | HPET_LEG_RT_CNF));
        break;
      case HPET_MAIN_COUNTER:
        if (!(this.config & HPET_ENABLE_CNF)) this.haltedCounter = Math.floor(this.haltedCounter / TWO_32) * TWO_32 + value;
        break;
      case HPET_MAIN_COUNTER + 4:
        if (!(this.config & HPET_ENABLE_CNF)) this.haltedCounter = (this.haltedCounter % TWO_32) + value * TWO_32;
        break;
      default:
        break;
    }
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
  }
}
