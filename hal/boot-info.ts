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
  /** Where the boot loader put the initramfs (a cpio "newc" archive). */
  readonly initrd: MemoryRange | null;
  /** The first program and its arguments (argv[0] first); empty: /bin/init. */
  readonly initArgv: readonly string[];
  /** Its environment; empty: the kernel's default (HOME, PATH, TERM). */
  readonly initEnvp: readonly string[];
  /** Wall-clock time at boot (seconds since the epoch), for CLOCK_REALTIME
   * until an RTC driver answers. */
  readonly bootEpochSeconds: number;
}
