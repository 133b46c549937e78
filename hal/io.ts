/**
 * Register access for kernel drivers: the only way a driver reaches a device
 * (docs/design.md, principle 3). Addresses are physical; the kernel's TypeScript
 * runs "below" the MMU, like a C kernel with an identity map of MMIO.
 */
export const MMIO = Symbol.for('jos.hal.Mmio');
export const PORT_IO = Symbol.for('jos.hal.PortIo');

/** Memory-mapped I/O. Widths are in bytes; values are unsigned. */
export interface Mmio {
  read8(address: number): number;
  read16(address: number): number;
  read32(address: number): number;
  write8(address: number, value: number): void;
  write16(address: number, value: number): void;
  write32(address: number, value: number): void;
  /** Linux's __iowrite32_copy: write32 of each little-endian 32-bit word
   * of `from` (whose length is a multiple of 4) at `address`, `address +
   * 4`, ... in turn, as a driver's copy loop to device memory does. */
  write32Copy(address: number, from: Uint8Array): void;
}

/** x86 port I/O (in/out). Only boards with an I/O space bind it. */
export interface PortIo {
  in8(port: number): number;
  in16(port: number): number;
  in32(port: number): number;
  out8(port: number, value: number): void;
  out16(port: number, value: number): void;
  out32(port: number, value: number): void;
}
