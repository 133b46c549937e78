/**
 * Checksums that tell whether a replay still is the recorded run: the
 * core's registers (cheap, taken often) and all of RAM (at the end).
 */
import { createHash } from 'crypto';
import type { Cpu } from '../../hal/cpu';
import type { Bus } from '../../platform/bus';
import { X86Core } from '../../arch/x86_64/core';
import { RiscvCore } from '../../arch/riscv/core';

/** FNV-1a over 32-bit words, as 8 hex digits. */
function fnv(words: ArrayLike<number>, into = 0x811c9dc5): number {
  let h = into;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] | 0;
    for (let s = 0; s < 32; s += 8) {
      h ^= (w >>> s) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** The architectural registers that a diverging run changes first. */
export function registerSum(cpu: Cpu): string {
  let h: number;
  if (cpu instanceof X86Core) {
    h = fnv(cpu.rl);
    h = fnv(cpu.rh, h);
    h = fnv([cpu.rip | 0, Math.floor(cpu.rip / 2 ** 32), cpu.getRflags(), cpu.cpl, cpu.cr3 | 0, Math.floor(cpu.cr3 / 2 ** 32)], h);
  } else if (cpu instanceof RiscvCore) {
    h = fnv(cpu.x);
    h = fnv([cpu.pcReg, cpu.priv, cpu.satp, cpu.mstatus], h);
  } else {
    h = fnv([cpu.retired]);
  }
  return h.toString(16).padStart(8, '0');
}

/** SHA-256 of all of RAM. */
export function ramHash(bus: Bus): string {
  return createHash('sha256').update(bus.u8).digest('hex');
}
