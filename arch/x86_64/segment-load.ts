/**
 * Loading a data segment register in 64-bit mode (mov Sreg, pop fs/gs; SDM
 * vol. 2, MOV and POP, "IF DS, ES, FS, or GS is loaded with a non-null
 * selector" and "IF SS is loaded"). Bases and limits are ignored in 64-bit
 * mode except FS/GS's base, but the privilege checks are not: a user
 * program cannot load a kernel segment (#GP(selector)), as Linux's users
 * see with `mov $__KERNEL_DS, %ds` (SIGSEGV).
 */
import type { X86Core } from './core';
import { descDpl, descIsCode, descPresent, readDescriptor, SegmentDescriptor } from './descriptors';
import { EXC_NP, EXC_SS } from './registers';

const SS = 2;
const FS = 4;
const GS = 5;
const S_BIT = 1 << 12; // code or data, not a system descriptor
const CONFORMING = 1 << 10; // code; for data: expand-down
const READ_WRITE = 1 << 9; // code: readable; data: writable
const scratch: SegmentDescriptor = { lo: 0, hi: 0 };

/** Checks and loads selector `sel` into segment register `n` (0 ES, 2 SS,
 * 3 DS, 4 FS, 5 GS); faults leave the register unchanged. */
export function loadSegment(c: X86Core, n: number, sel: number): void {
  const index = sel & ~3;
  if (n === SS) {
    if (index === 0) {
      // A null SS is allowed outside ring 3 with RPL = CPL (64-bit mode).
      if (c.cpl === 3 || (sel & 3) !== c.cpl) c.gp(0);
    } else {
      readDescriptor(c, sel, scratch);
      const d = scratch.hi;
      if ((sel & 3) !== c.cpl || descDpl(scratch) !== c.cpl || (d & S_BIT) === 0 || descIsCode(scratch) || (d & READ_WRITE) === 0) {
        c.gp(sel & 0xfffc);
      }
      if (!descPresent(scratch)) c.raise(EXC_SS, true, sel & 0xfffc);
    }
  } else if (index !== 0) {
    readDescriptor(c, sel, scratch);
    const d = scratch.hi;
    const code = descIsCode(scratch);
    if ((d & S_BIT) === 0 || (code && (d & READ_WRITE) === 0)) c.gp(sel & 0xfffc);
    if (!code || (d & CONFORMING) === 0) {
      const dpl = descDpl(scratch);
      if ((sel & 3) > dpl || c.cpl > dpl) c.gp(sel & 0xfffc);
    }
    if (!descPresent(scratch)) c.raise(EXC_NP, true, sel & 0xfffc);
    // FS and GS take the low 32 bits of the base (SDM vol. 3, 3.4.4).
    const base = ((scratch.lo >>> 16) | ((d & 0xff) << 16) | (d & 0xff000000)) >>> 0;
    if (n === FS) c.fsBase = base;
    else if (n === GS) c.gsBase = base;
  }
  c.sel[n] = sel;
}
