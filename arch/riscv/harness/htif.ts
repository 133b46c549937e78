/**
 * The host-target interface of Spike and `qemu-system-riscv32 -M spike`:
 * the 64-bit `tohost` (and `fromhost`) words at the ELF's symbols. A write
 * of an odd value v to tohost ends the run with exit status v >> 1 (1 =
 * pass). An even value is a device command (bits 63:56 device, 55:48
 * command): device 1 (console) command 1 prints the low byte; others are
 * acknowledged and ignored. Mapped as MMIO so every store reaches it.
 */
import type { AccessSize, MmioDevice } from '../../../platform/bus/devices';

export class Htif implements MmioDevice {
  readonly name = 'htif';
  /** Exit status once the guest wrote an odd value, else null. */
  exitStatus: number | null = null;
  private readonly words = new Uint32Array(4); // tohost lo/hi, fromhost lo/hi

  constructor(
    private readonly putChar: (byte: number) => void,
    private readonly onExit: () => void,
  ) {}

  read(offset: number, size: AccessSize): number {
    const word = this.words[(offset >>> 2) & 3];
    const shift = (offset & 3) * 8;
    return size === 4 ? word : (word >>> shift) & (size === 1 ? 0xff : 0xffff);
  }

  write(offset: number, size: AccessSize, value: number): void {
    const index = (offset >>> 2) & 3;
    const shift = (offset & 3) * 8;
    const mask = size === 4 ? 0xffffffff : ((size === 1 ? 0xff : 0xffff) << shift) >>> 0;
    this.words[index] = ((this.words[index] & ~mask) | ((value << shift) & mask)) >>> 0;
    if (index === 0 && (this.words[0] & 1) === 1) {
      // Exit as soon as the low word says so (riscv-tests write low, then high).
      this.exitStatus = this.words[0] >>> 1;
      this.onExit();
    } else if (index === 1 && this.words[0] !== 0) {
      this.command(this.words[1], this.words[0]);
    }
  }

  private command(hi: number, lo: number): void {
    const device = hi >>> 24;
    const cmd = (hi >>> 16) & 0xff;
    if (device === 1 && cmd === 1) this.putChar(lo & 0xff);
    this.words[0] = 0;
    this.words[1] = 0;
    // Acknowledge in fromhost as the console device does.
    if (device === 1) this.words[2] = 0;
  }
}
