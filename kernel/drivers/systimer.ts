/**
 * Timer driver for the ESP32-C3 SYSTIMER through MMIO (TRM chapter "System
 * Timer"; the register sequences of ESP-IDF's systimer_hal): unit 0 at
 * 16 MHz is the kernel's nanosecond clock; alarm 0 in period mode is the
 * tick (interrupt source 37), alarm 1 in target mode the one-shot alarm
 * (source 38). Both interrupts are levels cleared through INT_CLR.
 */
import type { Mmio } from '../../hal/io';
import type { Timer } from '../../hal/timer';

const CONF = 0x00;
const UNIT0_OP = 0x04;
const TARGET1_HI = 0x24;
const TARGET1_LO = 0x28;
const TARGET0_CONF = 0x34;
const TARGET1_CONF = 0x38;
const UNIT0_VALUE_HI = 0x40;
const UNIT0_VALUE_LO = 0x44;
const COMP0_LOAD = 0x50;
const COMP1_LOAD = 0x54;
const INT_ENA = 0x64;
const INT_CLR = 0x6c;
const INT_ST = 0x70;

const CLK_EN = 1 << 31;
const UNIT0_WORK_EN = 1 << 30;
const TARGET0_WORK_EN = 1 << 24;
const TARGET1_WORK_EN = 1 << 23;
const UPDATE = 1 << 30;
const VALUE_VALID = 1 << 29;
const PERIOD_MODE = 1 << 30;
const PERIOD_MAX = 0x3ff_ffff; // 26 bits of ticks: about 4.19 s
const TICK_ALARM = 1 << 0;
const ONE_SHOT_ALARM = 1 << 1;
const TICKS_PER_SECOND = 16_000_000;
const TICKS_PER_NS = TICKS_PER_SECOND / 1e9;
const TWO_32 = 0x1_0000_0000;
/** The 52-bit counter's largest value (about 8.9 years at 16 MHz). */
const COUNTER_MAX = 2 ** 52 - 1;
const MAX_VALID_POLLS = 1000;

export class SystimerTimer implements Timer {
  private startTicks = 0;

  constructor(
    private readonly mmio: Mmio,
    private readonly base: number,
  ) {}

  init(): void {
    const conf = this.read(CONF) & ~(TARGET0_WORK_EN | TARGET1_WORK_EN);
    this.write(CONF, (conf | CLK_EN | UNIT0_WORK_EN) >>> 0);
    this.write(INT_ENA, 0);
    this.write(INT_CLR, TICK_ALARM | ONE_SHOT_ALARM);
    this.startTicks = this.readUnit0();
  }

  nowNs(): number {
    return ((this.readUnit0() - this.startTicks) * 1e9) / TICKS_PER_SECOND;
  }

  /** Alarm 0, period mode: systimer_hal_set_alarm_period's sequence. */
  startPeriodic(periodNs: number): void {
    const ticks = Math.round(periodNs * TICKS_PER_NS);
    if (!(ticks >= 1 && ticks <= PERIOD_MAX)) {
      throw new RangeError(`SYSTIMER period ${periodNs} ns is outside 1..${PERIOD_MAX} ticks of 62.5 ns`);
    }
    this.write(CONF, (this.read(CONF) & ~TARGET0_WORK_EN) >>> 0);
    this.write(TARGET0_CONF, (PERIOD_MODE | ticks) >>> 0); // unit 0
    this.write(COMP0_LOAD, 1);
    this.write(INT_CLR, TICK_ALARM);
    this.write(INT_ENA, this.read(INT_ENA) | TICK_ALARM);
    this.write(CONF, (this.read(CONF) | TARGET0_WORK_EN) >>> 0);
  }

  /** Alarm 0 off, its interrupt masked and cleared. */
  stopPeriodic(): void {
    this.write(CONF, (this.read(CONF) & ~TARGET0_WORK_EN) >>> 0);
    this.write(INT_ENA, (this.read(INT_ENA) & ~TICK_ALARM) >>> 0);
    this.write(INT_CLR, TICK_ALARM);
  }

  /** Alarm 1, target mode, at an absolute nowNs() time: the hardware fires
   * at once when the target has already passed. */
  setAlarm(atNs: number): void {
    // The comparator holds 52 bits: a deadline beyond them (a sleep of
    // years) must not wrap into the past and fire at once, forever.
    const target = Math.min(this.startTicks + Math.max(0, Math.ceil(atNs * TICKS_PER_NS)), COUNTER_MAX);
    this.write(CONF, (this.read(CONF) & ~TARGET1_WORK_EN) >>> 0);
    this.write(TARGET1_HI, Math.floor(target / TWO_32));
    this.write(TARGET1_LO, target % TWO_32);
    this.write(TARGET1_CONF, 0); // unit 0, target mode
    this.write(COMP1_LOAD, 1);
    this.write(INT_CLR, ONE_SHOT_ALARM);
    this.write(INT_ENA, this.read(INT_ENA) | ONE_SHOT_ALARM);
    this.write(CONF, (this.read(CONF) | TARGET1_WORK_EN) >>> 0);
  }

  /** Clears whichever alarms fired; a fired one-shot is disarmed. */
  handleInterrupt(): void {
    const fired = this.read(INT_ST);
    if (fired & ONE_SHOT_ALARM) this.write(CONF, (this.read(CONF) & ~TARGET1_WORK_EN) >>> 0);
    this.write(INT_CLR, fired);
  }

  /** The TRM's read sequence: UPDATE, wait for VALUE_VALID, read HI/LO. */
  private readUnit0(): number {
    this.write(UNIT0_OP, UPDATE);
    for (let polls = 0; !(this.read(UNIT0_OP) & VALUE_VALID); polls++) {
      if (polls >= MAX_VALID_POLLS) throw new Error('SYSTIMER: VALUE_VALID never set');
    }
    const high = this.read(UNIT0_VALUE_HI);
    const low = this.read(UNIT0_VALUE_LO);
    return high * TWO_32 + low;
  }

  private read(offset: number): number {
    return this.mmio.read32(this.base + offset);
  }

  private write(offset: number, value: number): void {
    this.mmio.write32(this.base + offset, value);
  }
}
