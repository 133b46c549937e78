/**
 * Data movement: mov forms, movzx/movsx/movsxd, lea, xchg, cmovcc, setcc,
 * bswap, cbw..cqo (SDM vol. 2: MOV, MOVZX, MOVSX, LEA, XCHG, CMOVcc, SETcc,
 * BSWAP, CBW/CWDE/CDQE, CWD/CDQ/CQO).
 */
import type { X86Core } from '../core';
import { BASE_RIP, NO_REG, PFX_ASZ } from '../decoded';
import { testCC } from '../flags';
import { ea, getReg, readE, readG, readMem, setReg, writeBackE, writeE, writeG, writeMem } from '../operands';
import { RAX, RDX, TWO32 } from '../registers';
import { termsFit } from '../exact-sum';

export function movEG(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = readG(c, i, size);
  writeE(c, i, size, v, c.hi);
}

export function movGE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = readE(c, i, size);
  writeG(c, i, size, v, c.hi);
}

/** mov E, imm and mov reg, imm (B0+r / B8+r: the decoder sets rm). */
export function movEI(c: X86Core, i: number): void {
  const d = c.d;
  writeE(c, i, d.osz[i], d.imm[i], d.immHi[i]);
}

function moffs(c: X86Core, i: number): number {
  const d = c.d;
  let a = d.immHi[i] * TWO32 + (d.imm[i] >>> 0);
  const s = d.seg[i];
  if (s !== 0) a += s === 4 ? c.fsBase : c.gsBase;
  c.addr = a;
  return a;
}

/** mov AL/rAX, moffs (A0/A1) */
export function movAO(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = readMem(c, moffs(c, i), size);
  setReg(c, RAX, size, v, c.hi);
}

/** mov moffs, AL/rAX (A2/A3) */
export function movOA(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = getReg(c, RAX, size);
  writeMem(c, moffs(c, i), size, v, c.hi);
}

/** movzx Gv, Eb/Ew (x = source size) */
export function movzx(c: X86Core, i: number): void {
  const v = readE(c, i, c.d.x[i]);
  writeG(c, i, c.d.osz[i], v, 0);
}

/** movsx Gv, Eb/Ew, movsxd Gv, Ed (x = source size) */
export function movsx(c: X86Core, i: number): void {
  const from = c.d.x[i];
  let v = readE(c, i, from);
  if (from === 1) v = (v << 24) >> 24;
  else if (from === 2) v = (v << 16) >> 16;
  writeG(c, i, c.d.osz[i], v, v >> 31);
}

/** lea: the effective address without segment base, truncated to the
 * operand size (SDM vol. 2, LEA). */
export function lea(c: X86Core, i: number): void {
  const d = c.d;
  const size = d.osz[i];
  const b = d.base[i];
  let a = d.disp[i];
  // The double sum is exact below 2^53 when its terms fit (exact-sum.ts).
  let bh = 0;
  let xh = 0;
  if (b === BASE_RIP) a += c.nextRip;
  else {
    if (b !== NO_REG) {
      bh = c.rh[b];
      a += bh * TWO32 + (c.rl[b] >>> 0);
    }
    const x = d.index[i];
    if (x !== NO_REG) {
      xh = c.rh[x];
      a += (xh * TWO32 + (c.rl[x] >>> 0)) * (1 << d.scale[i]);
    }
  }
  let lo: number;
  let hi: number;
  if (a < 9007199254740992 && a > -9007199254740992 && termsFit(bh, xh) && (d.pfx[i] & PFX_ASZ) === 0) {
    lo = a | 0;
    hi = Math.floor(a / TWO32) | 0;
  } else {
    let v = BigInt(d.disp[i]);
    if (b === BASE_RIP) v += BigInt(c.nextRip);
    else {
      if (b !== NO_REG) v += c.getGpr(b);
      if (d.index[i] !== NO_REG) v += c.getGpr(d.index[i]) << BigInt(d.scale[i]);
    }
    if ((d.pfx[i] & PFX_ASZ) !== 0) v = BigInt.asUintN(32, v);
    lo = Number(BigInt.asIntN(32, v));
    hi = Number(BigInt.asIntN(32, v >> 32n));
  }
  writeG(c, i, size, lo, hi);
}

/** xchg E, G (and 90+r with rAX: the decoder sets rm). */
export function xchgEG(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const g = readG(c, i, size);
  const gH = c.hi;
  const e = readE(c, i, size);
  const eH = c.hi;
  writeBackE(c, i, size, g, gH);
  writeG(c, i, size, e, eH);
}

/** xchg r, rAX (90+r): 90 itself (rm = rAX) is nop, not a 32-bit xchg
 * that would clear RAX's upper half (SDM vol. 2, NOP / XCHG). */
export function xchgZ(c: X86Core, i: number): void {
  if (c.d.rm[i] !== 0) xchgEG(c, i);
}

/** cmovcc G, E (x = cc). The source is read (and may fault) either way; a
 * 32-bit destination is zero-extended even when the move does not happen. */
export function cmov(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = readE(c, i, size);
  const vH = c.hi;
  if (testCC(c, c.d.x[i])) writeG(c, i, size, v, vH);
  else if (size === 4) c.rh[c.d.reg[i]] = 0;
}

export function setcc(c: X86Core, i: number): void {
  writeE(c, i, 1, testCC(c, c.d.x[i]) ? 1 : 0, 0);
}

function swap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

export function bswap(c: X86Core, i: number): void {
  const r = c.d.rm[i];
  const size = c.d.osz[i];
  if (size === 8) {
    const lo = c.rl[r];
    c.rl[r] = swap32(c.rh[r]);
    c.rh[r] = swap32(lo);
  } else if (size === 4) {
    c.rl[r] = swap32(c.rl[r]);
    c.rh[r] = 0;
  } else {
    // 16-bit bswap is undefined; real CPUs clear the word.
    c.rl[r] &= ~0xffff;
  }
}

/** cbw / cwde / cdqe (98) */
export function cbw(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const a = c.rl[RAX];
  if (size === 2) c.rl[RAX] = (a & ~0xffff) | (((a << 24) >> 24) & 0xffff);
  else if (size === 4) {
    c.rl[RAX] = (a << 16) >> 16;
    c.rh[RAX] = 0;
  } else c.rh[RAX] = a >> 31;
}

/** cwd / cdq / cqo (99) */
export function cwd(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  if (size === 2) c.rl[RDX] = (c.rl[RDX] & ~0xffff) | (((c.rl[RAX] << 16) >> 31) & 0xffff);
  else if (size === 4) {
    c.rl[RDX] = c.rl[RAX] >> 31;
    c.rh[RDX] = 0;
  } else {
    const s = c.rh[RAX] >> 31;
    c.rl[RDX] = s;
    c.rh[RDX] = s;
  }
}

export { ea };

/** xlat: AL = [RBX + AL] (with 67h, EBX). */
export function xlat(c: X86Core, i: number): void {
  const d = c.d;
  let a = (d.pfx[i] & PFX_ASZ) !== 0 ? ((c.rl[3] >>> 0) + (c.rl[RAX] & 0xff)) % TWO32 : c.getGprNumber(3) + (c.rl[RAX] & 0xff);
  const s = d.seg[i];
  if (s !== 0) a += s === 4 ? c.fsBase : c.gsBase;
  c.rl[RAX] = (c.rl[RAX] & ~0xff) | c.read8(a);
}
