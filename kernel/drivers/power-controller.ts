/** The Power HAL over the board's power controller register (platform/
 * power-controller.ts semantics: (status << 16) | 0x3333, or 0x5555 for 0). */
import type { Power } from '../../hal/power';

export class PowerControllerDriver implements Power {
  constructor(private readonly write32: (value: number) => void) {}

  powerOff(status: number): void {
    const code = status & 0xff;
    this.write32(code === 0 ? 0x5555 : ((code << 16) | 0x3333) >>> 0);
  }
}
