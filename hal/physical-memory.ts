/**
 * The kernel's view of physical RAM, as a C kernel has through its direct
 * map: copy bytes in and out at physical addresses (page tables, frames,
 * loaded programs). Writes keep the cores' code caches coherent.
 */
export const PHYSICAL_MEMORY = Symbol.for('jos.hal.PhysicalMemory');

export interface PhysicalMemory {
  read(physicalAddress: number, into: Uint8Array): void;
  write(physicalAddress: number, from: Uint8Array): void;
  fill(physicalAddress: number, length: number, value: number): void;
  /** Copies `length` bytes between physical addresses (fork's page copies). */
  copy(toPhysical: number, fromPhysical: number, length: number): void;
}
