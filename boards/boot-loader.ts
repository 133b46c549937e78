/**
 * The boards' boot loader: what firmware does before the kernel runs. It
 * copies the initramfs to the top of the largest RAM window (page aligned,
 * as Linux's loaders put an initrd high) and describes the machine to the
 * kernel in a BootInfo.
 */
import type { BootInfo, MemoryRange } from '../hal/boot-info';
import { Bus } from '../platform/bus';
import type { BoardOptions, InitrdSource } from './board';

const PAGE = 4096;

export interface BootTarget {
  board: string;
  cpuArch: string;
  /** RAM windows that alias another (listed once in BootInfo.ram). */
  aliasBases?: readonly number[];
}

export function loadBoot(bus: Bus, options: BoardOptions, target: BootTarget): BootInfo {
  const ram: MemoryRange[] = bus.ramWindows
    .filter((w) => !w.readOnly && !(target.aliasBases ?? []).includes(w.base))
    .map((w) => ({ base: w.base, size: w.size }));
  return {
    board: target.board,
    cpuArch: target.cpuArch,
    ram,
    cmdline: options.cmdline,
    initrd: options.initrd ? placeInitrd(bus, ram, options.initrd) : null,
    initArgv: options.initArgv ?? [],
    initEnvp: options.initEnvp ?? [],
    bootEpochSeconds: options.bootEpochSeconds ?? Math.floor(Date.now() / 1000),
  };
}

function placeInitrd(bus: Bus, ram: readonly MemoryRange[], image: Uint8Array | InitrdSource): MemoryRange {
  const largest = [...ram].sort((a, b) => b.size - a.size)[0];
  const size = Math.ceil(image.length / PAGE) * PAGE;
  if (!largest || size > largest.size / 2) {
    throw new Error(`the initramfs (${image.length} bytes) does not fit in half of the largest RAM window; give the board more --memory`);
  }
  const base = largest.base + largest.size - size;
  const offset = bus.ramOffset(base, true);
  if (image instanceof Uint8Array) bus.u8.set(image, offset);
  else image.writeTo(bus.u8.subarray(offset, offset + image.length));
  bus.noteRamWrite(offset, image.length);
  return { base, size: image.length };
}
