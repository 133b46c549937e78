/**
 * Read-modify-write exchanges: xadd, cmpxchg, cmpxchg8b/16b (SDM vol. 2).
 * The interpreter runs one instruction at a time, so LOCK needs no extra
 * work beyond doing the access as one read and one write.
 */
import type { X86Core } from '../core';
import { NO_REG } from '../decoded';
import { ZF, materialize } from '../flags';
import { ea, getReg, readE, readG, setReg, writeBackE, writeG } from '../operands';
import { RAX, RBX, RCX, RDX, EXC_UD } from '../registers';
import { ALU_ADD, ALU_CMP, alu } from './alu';

export function xadd(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const s = readG(c, i, size);
  const sH = c.hi;
  const d = readE(c, i, size);
  const dH = c.hi;
  const r = alu(c, ALU_ADD, size, d, dH, s, sH);
  const rH = c.hi;
  writeG(c, i, size, d, dH);
  writeBackE(c, i, size, r, rH);
}

export function cmpxchg(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const dst = readE(c, i, size);
  const dstH = c.hi;
  const acc = getReg(c, RAX, size);
  const accH = c.hi;
  alu(c, ALU_CMP, size, acc, accH, dst, dstH);
  if (c.fres === 0 && c.fresH === 0) {
    const s = readG(c, i, size);
    writeBackE(c, i, size, s, c.hi);
  } else {
    // The destination is written back unchanged (a locked RMW cycle).
    if (c.d.rm[i] === NO_REG) writeBackE(c, i, size, dst, dstH);
    setReg(c, RAX, size, dst, dstH);
  }
}

/** cmpxchg8b m64 / cmpxchg16b m128 (REX.W) */
export function cmpxchg8b(c: X86Core, i: number): void {
  if (c.d.rm[i] !== NO_REG) c.raise(EXC_UD);
  const wide = c.d.osz[i] === 8;
  const a = ea(c, i);
  materialize(c);
  if (!wide) {
    const lo = c.read32(a);
    const hi = c.read32(a + 4);
    if (lo === c.rl[RAX] && hi === c.rl[RDX]) {
      c.write64(a, c.rl[RBX], c.rl[RCX]);
      c.flags |= ZF;
    } else {
      c.write64(a, lo, hi);
      c.flags &= ~ZF;
      setReg(c, RAX, 4, lo, 0);
      setReg(c, RDX, 4, hi, 0);
    }
    return;
  }
  if (a % 16 !== 0) c.gp(0);
  const l0 = c.read32(a);
  const l1 = c.read32(a + 4);
  const h0 = c.read32(a + 8);
  const h1 = c.read32(a + 12);
  if (l0 === c.rl[RAX] && l1 === c.rh[RAX] && h0 === c.rl[RDX] && h1 === c.rh[RDX]) {
    c.write64(a, c.rl[RBX], c.rh[RBX]);
    c.write64(a + 8, c.rl[RCX], c.rh[RCX]);
    c.flags |= ZF;
  } else {
    c.write64(a, l0, l1);
    c.write64(a + 8, h0, h1);
    c.flags &= ~ZF;
    setReg(c, RAX, 8, l0, l1);
    setReg(c, RDX, 8, h0, h1);
  }
}
