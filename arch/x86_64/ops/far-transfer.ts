/**
 * Far jmp and call through a memory pointer (FF /5, FF /3: m16:16, m16:32,
 * and m16:64 with REX.W on Intel; SDM vol. 2, JMP and CALL, far in 64-bit
 * mode). The target must be a present code segment the current privilege
 * level may use directly: a conforming one with DPL <= CPL, or a
 * non-conforming one with RPL <= CPL and DPL = CPL. CPL never changes (no
 * call gates: a system descriptor is #GP, as a call gate to nowhere would
 * be). This core runs 64-bit code only, so a compatibility-mode (L = 0)
 * target is #GP too, where a real CPU would switch to 32-bit code.
 */
import type { X86Core } from '../core';
import { descDpl, descIsCode, descLong, descPresent, readDescriptor, SegmentDescriptor } from '../descriptors';
import { ea, writeMem } from '../operands';
import { EXC_NP, RSP, TWO32, isCanonical } from '../registers';

const CS = 1;
const CONFORMING = 1 << 10;
const scratch: SegmentDescriptor = { lo: 0, hi: 0 };

/** The far pointer's offset width: REX.W means m16:64 on Intel only (AMD
 * ignores it and reads m16:32). */
function offsetSize(c: X86Core, i: number): number {
  const osz = c.d.osz[i];
  return osz === 8 && c.vendor !== 'intel' ? 4 : osz;
}

/** Reads the pointer and checks its segment; returns the target RIP and
 * puts the CS value to load (RPL = CPL) in out.selector. */
function farTarget(c: X86Core, i: number, out: { selector: number }): number {
  const size = offsetSize(c, i);
  const at = ea(c, i);
  let offset: number;
  if (size === 8) {
    const lo = c.read64(at);
    offset = c.hi * TWO32 + (lo >>> 0);
  } else offset = size === 4 ? c.read32(at) >>> 0 : c.read16(at) & 0xffff;
  const selector = c.read16(at + size) & 0xffff;
  if ((selector & ~3) === 0) c.gp(0);
  readDescriptor(c, selector, scratch);
  const dpl = descDpl(scratch);
  if (!descIsCode(scratch)) c.gp(selector & 0xfffc);
  if (scratch.hi & CONFORMING) {
    if (dpl > c.cpl) c.gp(selector & 0xfffc);
  } else if ((selector & 3) > c.cpl || dpl !== c.cpl) c.gp(selector & 0xfffc);
  if (!descPresent(scratch)) c.raise(EXC_NP, true, selector & 0xfffc);
  if (!descLong(scratch)) c.gp(selector & 0xfffc);
  if (!isCanonical(offset)) c.gp(0);
  out.selector = (selector & 0xfffc) | c.cpl;
  return offset;
}

const target = { selector: 0 };

/** jmp far m16:xx (FF /5). */
export function jmpFar(c: X86Core, i: number): void {
  const rip = farTarget(c, i, target);
  c.sel[CS] = target.selector;
  c.nextRip = rip;
  c.brk = true;
}

/** call far m16:xx (FF /3): pushes CS, then the return RIP, at the
 * pointer's offset size. */
export function callFar(c: X86Core, i: number): void {
  const rip = farTarget(c, i, target);
  const size = offsetSize(c, i);
  const ret = c.nextRip;
  // Both slots written before RSP moves, so a page fault restarts cleanly.
  const sp = c.getGprNumber(RSP) - 2 * size;
  writeMem(c, sp + size, size, c.sel[CS], 0);
  writeMem(c, sp, size, ret | 0, Math.floor(ret / TWO32) | 0);
  c.setGprNumber(RSP, sp);
  c.sel[CS] = target.selector;
  c.nextRip = rip;
  c.brk = true;
}
