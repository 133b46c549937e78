/**
 * What the boot loader hands the kernel: the board's name, the physical RAM
 * ranges and a kernel command line (`loglevel=debug color=always ...`).
 */
export const BOOT_INFO = Symbol.for('jos.hal.BootInfo');

export interface MemoryRange {
  base: number;
  size: number;
}

export interface BootInfo {
  readonly board: string;
  readonly cpuArch: string;
  readonly ram: readonly MemoryRange[];
  readonly cmdline: string;
}
