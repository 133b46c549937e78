/**
 * Which exception a non-canonical data address raises: #SS(0) when the
 * access goes through the stack segment, #GP(0) otherwise (SDM vol. 3,
 * 6.15, "Interrupt 12" and "Interrupt 13"). The interpreter's memory paths
 * raise #GP(0) for every non-canonical address; only when one is about to
 * be delivered does X86Core decode the faulting instruction again to tell
 * the two apart, so the per-instruction paths stay as they are. Linux
 * reports #SS as SIGBUS and #GP as SIGSEGV.
 */
import type { X86Core } from './core';
import { Decoded, NO_REG } from './decoded';
import { decodeInstruction, ByteSource, ROWS } from './decoder';
import { RBP, RSP } from './registers';
import { ACCESS_EXEC } from './mmu';

/** Instructions whose implicit memory access is through SS:RSP (or SS:RBP). */
const IMPLICIT_STACK = new Set(['push', 'pop', 'pushf', 'popf', 'call', 'ret', 'lret', 'lcall', 'enter', 'leave', 'iret']);
/** An implicit stack access lies this close to RSP (enter's frame, at most 16 pushes of 8 bytes apart). */
const NEAR = 256;

class FetchBytes implements ByteSource {
  rip = 0;
  constructor(private readonly core: X86Core) {}
  byte(at: number): number {
    const phys = this.core.mmu.translate(this.rip + at, ACCESS_EXEC);
    const off = this.core.bus.ramOffset(phys);
    if (off < 0) throw new Error('not RAM');
    return this.core.u8[off];
  }
}

const scratch = new Decoded(1);

/** Whether the instruction at c.rip reached the non-canonical `address`
 * through SS: implicitly (push, pop, call, ret, enter, leave...) or by a
 * memory operand based on RSP or RBP without an FS/GS override. */
export function isStackReference(c: X86Core, address: number): boolean {
  const src = new FetchBytes(c);
  src.rip = c.rip;
  try {
    decodeInstruction(scratch, 0, src);
  } catch {
    return false; // the code cannot be read again: keep #GP
  }
  const name = ROWS[scratch.entry[0]].name;
  const rsp = c.getGprNumber(RSP);
  const rbp = c.getGprNumber(RBP);
  if (IMPLICIT_STACK.has(name) && (Math.abs(address - rsp) <= NEAR || address === rbp)) return true;
  if (scratch.rm[0] !== NO_REG || scratch.seg[0] !== 0) return false;
  const base = scratch.base[0];
  return base === RSP || base === RBP;
}
