/**
 * Operand access for instruction handlers: effective addresses (SDM vol. 2,
 * 2.1.5 and 2.2.1.6), register reads/writes of every size (32-bit writes
 * zero-extend, 8/16-bit writes merge; SDM vol. 1, 3.4.1.1) and the ModRM
 * "E" operand in register or memory form. 64-bit values travel as a
 * returned low half plus core.hi.
 */
import type { X86Core } from './core';
import { BASE_RIP, NO_REG, PFX_ASZ } from './decoded';
import { EXC_SS, TWO32, isCanonical, joinHalves } from './registers';
import { termsFit } from './exact-sum';

// Local copies of imported constants: an imported binding compiles to a
// property load on the module object in the hot path.
const L_BASE_RIP = 16;
const L_NO_REG = 255;
const L_PFX_ASZ = 16;
const L_TWO32 = 4294967296;

/** Linear address of the ModRM memory operand of slot i: the common
 * forms (base+disp, base+index*scale+disp, rip+disp) inline, the rest and
 * any non-canonical sum through eaGeneral(). */
export function ea(c: X86Core, i: number): number {
  const d = c.d;
  const m = d.amode[i];
  let a: number;
  if (m === 1) {
    const b = d.base[i];
    a = d.disp[i] + c.rh[b] * L_TWO32 + (c.rl[b] >>> 0);
  } else if (m === 2) {
    const b = d.base[i];
    const x = d.index[i];
    // (Terms that may round before they cancel: exactly, exact-sum.ts.)
    if (!termsFit(c.rh[b], c.rh[x])) return eaGeneral(c, i);
    a = d.disp[i] + c.rh[b] * L_TWO32 + (c.rl[b] >>> 0) + (c.rh[x] * L_TWO32 + (c.rl[x] >>> 0)) * (1 << d.scale[i]);
  } else if (m === 3) {
    a = c.nextRip + d.disp[i];
  } else return eaGeneral(c, i);
  if (a >= 140737488355328 || a < -140737488355328) return eaGeneral(c, i);
  c.addr = a;
  return a;
}

function eaGeneral(c: X86Core, i: number): number {
  const d = c.d;
  const b = d.base[i];
  let a = d.disp[i];
  let fit = true;
  if (b === L_BASE_RIP) {
    a += c.nextRip;
  } else {
    if (b !== L_NO_REG) a += c.rh[b] * L_TWO32 + (c.rl[b] >>> 0);
    const x = d.index[i];
    if (x !== L_NO_REG) {
      a += (c.rh[x] * L_TWO32 + (c.rl[x] >>> 0)) * (1 << d.scale[i]);
      fit = termsFit(b !== L_NO_REG ? c.rh[b] : 0, c.rh[x]);
    }
  }
  if ((d.pfx[i] & L_PFX_ASZ) !== 0) a = exactAddress(c, i, true);
  else if (!fit) {
    // (With the segment base and the canonical check.)
    a = exactAddress(c, i, false);
    c.addr = a;
    return a;
  }
  const s = d.seg[i];
  if (s !== 0) a += s === 4 ? c.fsBase : c.gsBase;
  if (a >= 140737488355328 || a < -140737488355328) a = exactAddress(c, i, false);
  c.addr = a;
  return a;
}

/** The slow, exact 64-bit sum for huge components, wrap-around and 0x67. */
function exactAddress(c: X86Core, i: number, noSeg32: boolean): number {
  const d = c.d;
  const b = d.base[i];
  let a = BigInt(d.disp[i]);
  if (b === L_BASE_RIP) a += BigInt(c.nextRip);
  else {
    if (b !== L_NO_REG) a += c.getGpr(b);
    const x = d.index[i];
    if (x !== L_NO_REG) a += c.getGpr(x) << BigInt(d.scale[i]);
  }
  if ((d.pfx[i] & L_PFX_ASZ) !== 0) {
    a = BigInt.asUintN(32, a);
    if (noSeg32) return Number(a);
  }
  const s = d.seg[i];
  if (s !== 0) a += BigInt(s === 4 ? c.fsBase : c.gsBase);
  const v = Number(BigInt.asIntN(64, a));
  if (!isCanonical(v)) {
    // Stack references fault with #SS, others with #GP (SDM vol. 3, 6.15).
    if (b === 4 || b === 5) c.raise(EXC_SS, true, 0);
    c.gp(0);
  }
  return v;
}

// ---- registers ----

/** Byte register: 0..15 low bytes, 16..19 AH CH DH BH. */
export function getReg8(c: X86Core, r: number): number {
  return r < 16 ? c.rl[r] & 0xff : (c.rl[r - 16] >> 8) & 0xff;
}

export function setReg8(c: X86Core, r: number, v: number): void {
  if (r < 16) c.rl[r] = (c.rl[r] & ~0xff) | (v & 0xff);
  else c.rl[r - 16] = (c.rl[r - 16] & ~0xff00) | ((v & 0xff) << 8);
}

/** A register of `size` bytes; low half returned, high half in c.hi. */
export function getReg(c: X86Core, r: number, size: number): number {
  switch (size) {
    case 1:
      c.hi = 0;
      return getReg8(c, r);
    case 2:
      c.hi = 0;
      return c.rl[r] & 0xffff;
    case 4:
      c.hi = 0;
      return c.rl[r];
    default:
      c.hi = c.rh[r];
      return c.rl[r];
  }
}

export function setReg(c: X86Core, r: number, size: number, lo: number, hi: number): void {
  switch (size) {
    case 1:
      setReg8(c, r, lo);
      return;
    case 2:
      c.rl[r] = (c.rl[r] & ~0xffff) | (lo & 0xffff);
      return;
    case 4:
      c.rl[r] = lo;
      c.rh[r] = 0;
      return;
    default:
      c.rl[r] = lo;
      c.rh[r] = hi;
  }
}

// ---- memory of a given size ----

export function readMem(c: X86Core, a: number, size: number): number {
  switch (size) {
    case 1:
      c.hi = 0;
      return c.read8(a);
    case 2:
      c.hi = 0;
      return c.read16(a);
    case 4:
      c.hi = 0;
      return c.read32(a);
    default:
      return c.read64(a);
  }
}

export function writeMem(c: X86Core, a: number, size: number, lo: number, hi: number): void {
  switch (size) {
    case 1:
      c.write8(a, lo);
      return;
    case 2:
      c.write16(a, lo);
      return;
    case 4:
      c.write32(a, lo);
      return;
    default:
      c.write64(a, lo, hi);
  }
}

// ---- ModRM operands of slot i ----

/** Reads E (register or memory) at the slot's operand size. */
export function readE(c: X86Core, i: number, size: number): number {
  const r = c.d.rm[i];
  if (r !== L_NO_REG) return getReg(c, r, size);
  return readMem(c, ea(c, i), size);
}

/** Writes E after a readE of the same slot (reuses the address). */
export function writeBackE(c: X86Core, i: number, size: number, lo: number, hi: number): void {
  const r = c.d.rm[i];
  if (r !== L_NO_REG) setReg(c, r, size, lo, hi);
  else writeMem(c, c.addr, size, lo, hi);
}

/** Writes E without a preceding read. */
export function writeE(c: X86Core, i: number, size: number, lo: number, hi: number): void {
  const r = c.d.rm[i];
  if (r !== L_NO_REG) setReg(c, r, size, lo, hi);
  else writeMem(c, ea(c, i), size, lo, hi);
}

export function readG(c: X86Core, i: number, size: number): number {
  return getReg(c, c.d.reg[i], size);
}

export function writeG(c: X86Core, i: number, size: number, lo: number, hi: number): void {
  setReg(c, c.d.reg[i], size, lo, hi);
}

/** Masks a value to `size` bytes (low half; sizes 4 and 8 keep int32). */
export function maskTo(size: number, v: number): number {
  return size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v | 0;
}

export { joinHalves };
