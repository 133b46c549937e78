/**
 * Timer driver for the ESP32-C3 SYSTIMER through MMIO: unit 0 at 16 MHz is
 * the kernel's nanosecond clock.
 */
import type { Mmio } from '../../hal/io';
import type { Timer } from '../../hal/timer';

const CONF = 0x00;
const UNIT0_OP = 0x04;
const UNIT0_VALUE_HI = 0x40;
const UNIT0_VALUE_LO = 0x44;
const CLK_EN = 1 << 31;
const UNIT0_WORK_EN = 1 << 30;
const UPDATE = 1 << 30;
const VALUE_VALID = 1 << 29;
const TICKS_PER_SECOND = 16_000_000;
const TWO_32 = 0x1_0000_0000;

export class SystimerTimer implements Timer {
  private startTicks = 0;

  constructor(
    private readonly mmio: Mmio,
    private readonly base: number,
  ) {}

  init(): void {
    const conf = this.mmio.read32(this.base + CONF);
    this.mmio.write32(this.base + CONF, (conf | CLK_EN | UNIT0_WORK_EN) >>> 0);
    this.startTicks = this.readUnit0();
  }

  nowNs(): number {
    return ((this.readUnit0() - this.startTicks) * 1e9) / TICKS_PER_SECOND;
  }

  startPeriodic(_periodNs: number): void {
    throw new Error('SYSTIMER alarms are not driven yet');
  }

  setAlarm(_atNs: number): void {
    throw new Error('SYSTIMER alarms are not driven yet');
  }

  handleInterrupt(): void {}

  /** The TRM's read sequence: UPDATE, wait for VALUE_VALID, read HI/LO. */
  private readUnit0(): number {
    this.mmio.write32(this.base + UNIT0_OP, UPDATE);
    while (!(this.mmio.read32(this.base + UNIT0_OP) & VALUE_VALID)) {
      /* the snapshot takes a few APB cycles on the real chip */
    }
    const high = this.mmio.read32(this.base + UNIT0_VALUE_HI);
    const low = this.mmio.read32(this.base + UNIT0_VALUE_LO);
    return high * TWO_32 + low;
  }
}
