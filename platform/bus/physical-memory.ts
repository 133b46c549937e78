/**
 * hal/physical-memory.ts over a Bus: bulk copies into the RAM buffer for
 * the kernel, telling the code caches which pages changed.
 */
import type { PhysicalMemory } from '../../hal/physical-memory';
import { Bus, hex } from './bus';

export class BusPhysicalMemory implements PhysicalMemory {
  constructor(private readonly bus: Bus) {}

  read(physicalAddress: number, into: Uint8Array): void {
    const off = this.offset(physicalAddress, into.length, false);
    into.set(this.bus.u8.subarray(off, off + into.length));
  }

  write(physicalAddress: number, from: Uint8Array): void {
    const off = this.offset(physicalAddress, from.length, true);
    this.bus.u8.set(from, off);
    this.bus.noteRamWrite(off, from.length);
  }

  fill(physicalAddress: number, length: number, value: number): void {
    const off = this.offset(physicalAddress, length, true);
    this.bus.u8.fill(value, off, off + length);
    this.bus.noteRamWrite(off, length);
  }

  copy(toPhysical: number, fromPhysical: number, length: number): void {
    const from = this.offset(fromPhysical, length, false);
    const to = this.offset(toPhysical, length, true);
    this.bus.u8.copyWithin(to, from, from + length);
    this.bus.noteRamWrite(to, length);
  }

  /** The RAM buffer offset of a range that must lie in one RAM window. */
  private offset(address: number, length: number, forWrite: boolean): number {
    const off = this.bus.ramOffset(address, forWrite);
    if (off < 0 || this.bus.ramSpan(address) < length) {
      throw new Error(`physical range ${hex(address)}+${hex(length)} is not ${forWrite ? 'writable ' : ''}RAM`);
    }
    return off;
  }
}
