/**
 * Timer driver for the HPET through MMIO: the main counter is the kernel's
 * nanosecond clock (period read from the capabilities register).
 */
import type { Mmio } from '../../hal/io';
import type { Timer } from '../../hal/timer';

const GCAP_ID = 0x000;
const GEN_CONF = 0x010;
const MAIN_COUNTER = 0x0f0;
const ENABLE_CNF = 1 << 0;
const TWO_32 = 0x1_0000_0000;

export class HpetTimer implements Timer {
  private periodFs = 0;
  private startTicks = 0;

  constructor(
    private readonly mmio: Mmio,
    private readonly base: number,
  ) {}

  init(): void {
    this.periodFs = this.mmio.read32(this.base + GCAP_ID + 4);
    if (this.periodFs === 0 || this.periodFs > 100_000_000) throw new Error(`HPET reports an invalid period of ${this.periodFs} fs`);
    const conf = this.mmio.read32(this.base + GEN_CONF);
    this.mmio.write32(this.base + GEN_CONF, conf | ENABLE_CNF);
    this.startTicks = this.readCounter();
  }

  nowNs(): number {
    return ((this.readCounter() - this.startTicks) * this.periodFs) / 1e6;
  }

  startPeriodic(_periodNs: number): void {
    throw new Error('HPET comparators are not driven yet');
  }

  setAlarm(_atNs: number): void {
    throw new Error('HPET comparators are not driven yet');
  }

  handleInterrupt(): void {}

  /** A torn-read-safe 64-bit read: high, low, high again. */
  private readCounter(): number {
    for (;;) {
      const high = this.mmio.read32(this.base + MAIN_COUNTER + 4);
      const low = this.mmio.read32(this.base + MAIN_COUNTER);
      if (this.mmio.read32(this.base + MAIN_COUNTER + 4) === high) return high * TWO_32 + low;
    }
  }
}
