/**
 * What a board is: a name, its core's architecture and nominal rate, and an
 * inversify ContainerModule that builds the core, the devices, the memory
 * map and binds the kernel's drivers to the HAL tokens.
 */
import { ContainerModule } from 'inversify';
import type { CpuArch } from '../hal/cpu';
import type { CpuVendor } from '../arch/x86_64/cpu-model';

export const BOARD_OPTIONS = Symbol.for('jos.board.Options');

/** A boot archive that writes itself into RAM when the boot loader places it. */
export interface InitrdSource {
  /** Its length in bytes. */
  readonly length: number;
  /** Writes the archive into `target` (exactly `length` bytes, which may
   * hold anything before); called once. */
  writeTo(target: Uint8Array): void;
}

/** What the user chose on the command line, bound before the module loads. */
export interface BoardOptions {
  /** Main RAM in bytes (`--memory`). */
  memoryBytes: number;
  /** The kernel command line the boot loader passes. */
  cmdline: string;
  /** The initramfs archive (cpio newc) the boot loader puts in RAM: its
   * bytes, or a source that writes them into their place (the host reads
   * its files straight into guest RAM, keeping no copy). */
  initrd?: Uint8Array | InitrdSource;
  /** The first program and its arguments; empty or absent: /bin/init. */
  initArgv?: string[];
  /** Its environment; absent or empty: the kernel's default. */
  initEnvp?: string[];
  /** Wall-clock seconds at boot; absent: the host's clock. */
  bootEpochSeconds?: number;
  /** The battery-backed clock's date at power-on, ISO 8601 (UTC when no
   * zone is given), for reproducible runs (`--rtc`); absent: the host's. */
  rtc?: string;
  /** The x86_64 core's vendor model (`--cpu-vendor`; pc only): whose
   * undefined results it reproduces and what CPUID says. */
  cpuVendor?: CpuVendor;
  /** false: the core only interprets (`--no-jit`), no JIT tier. */
  jit?: boolean;
  /** What the JIT tier compiles hot regions to (`--jit-backend`):
   * JavaScript functions or WebAssembly modules (each core's default when
   * unset). */
  jitBackend?: 'js' | 'wasm';
}

export interface BoardDefinition {
  readonly name: string;
  readonly description: string;
  readonly cpuArch: CpuArch;
  /** Nominal instructions per second: virtual time per retired instruction. */
  readonly instructionsPerSecond: number;
  readonly defaultMemoryBytes: number;
  /** The `--memory` sizes the board supports, and why (its memory map). */
  readonly memoryRange: { readonly minBytes: number; readonly maxBytes: number; readonly reason: string };
  /** The devices on the board, one line each, for `jos boards`. */
  readonly devices: readonly string[];
  /** The HAL tokens this board binds: the kernel may ask for each of them. */
  readonly provides: readonly symbol[];
  /** Where the power controller register is (platform/power-controller.ts). */
  readonly powerController: { readonly space: 'port' | 'mmio'; readonly address: number };
  readonly module: ContainerModule;
}
