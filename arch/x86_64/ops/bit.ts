/**
 * Bit tests and scans: bt/bts/btr/btc, bsf/bsr, tzcnt/lzcnt, popcnt
 * (SDM vol. 2). A register bit offset with a memory operand addresses a bit
 * string beyond the operand (signed offset, SDM vol. 2, BT).
 */
import type { X86Core } from '../core';
import { NO_REG } from '../decoded';
import { CF, PF, AF, SF, OF, ZF, materialize, LazyOp } from '../flags';
import { ea, readE, readG, readMem, writeBackE, writeG, writeMem, getReg, setReg } from '../operands';

/** x: 0 bt, 1 bts, 2 btr, 3 btc; bit 4 set: offset from imm8. */
export function bitTest(c: X86Core, i: number): void {
  const d = c.d;
  const size = d.osz[i];
  const bits = size * 8;
  const kind = d.x[i] & 3;
  const fromImm = (d.x[i] & 16) !== 0;
  let off: number;
  let offHi = 0;
  if (fromImm) off = d.imm[i] & (bits - 1);
  else {
    off = readG(c, i, size);
    offHi = c.hi;
  }
  let lo: number;
  let hi: number;
  let a = 0;
  const r = d.rm[i];
  if (r !== NO_REG) {
    lo = getReg(c, r, size);
    hi = c.hi;
    off &= bits - 1;
  } else {
    a = ea(c, i);
    if (!fromImm) {
      // Signed bit offset: the operand-sized word containing the bit.
      let signed: number;
      if (size === 8) signed = offHi * 4294967296 + (off >>> 0);
      else if (size === 4) signed = off | 0;
      else signed = (off << 16) >> 16;
      const word = Math.floor(signed / bits);
      a += word * size;
      off = signed - word * bits;
    }
    c.addr = a;
    lo = readMem(c, a, size);
    hi = c.hi;
  }
  const inHi = off >= 32;
  const word = inHi ? hi : lo;
  const mask = 1 << (off & 31);
  const bit = (word & mask) !== 0 ? 1 : 0;
  materialize(c);
  c.flags = (c.flags & ~CF) | bit;
  if (kind === 0) return;
  let w = word;
  if (kind === 1) w |= mask;
  else if (kind === 2) w &= ~mask;
  else w ^= mask;
  if (inHi) hi = w;
  else lo = w;
  if (r !== NO_REG) setReg(c, r, size, lo, hi);
  else writeMem(c, a, size, lo, hi);
}

function clz64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

function ctz32(v: number): number {
  return v === 0 ? 32 : 31 - Math.clz32(v & -v);
}

function ctz64(lo: number, hi: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

function setFlagBits(c: X86Core, clear: number, set: number): void {
  materialize(c);
  c.flags = (c.flags & ~clear) | set;
  c.fop = LazyOp.NONE;
}

/** bsf / bsr (x = 1 for bsr): source 0 sets ZF and leaves the destination
 * unchanged (SDM vol. 2, BSF: "the content of the destination operand is
 * undefined"; Intel and AMD keep it). */
export function bitScan(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const lo = readE(c, i, size);
  const hi = c.hi;
  if (lo === 0 && hi === 0) {
    setFlagBits(c, ZF, ZF);
    return;
  }
  let n: number;
  if (c.d.x[i] === 1) n = size * 8 - 1 - (size === 8 ? clz64(lo, hi) : Math.clz32(lo) - (32 - size * 8));
  else n = size === 8 ? ctz64(lo, hi) : ctz32(lo);
  writeG(c, i, size, n, 0);
  setFlagBits(c, ZF, 0);
}

/** tzcnt / lzcnt (x = 1 for lzcnt): CF = source was 0, ZF = result is 0. */
export function bitCount0(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const bits = size * 8;
  const lo = readE(c, i, size);
  const hi = c.hi;
  let n: number;
  if (c.d.x[i] === 1) n = size === 8 ? clz64(lo, hi) : Math.clz32(lo) - (32 - bits);
  else {
    n = size === 8 ? ctz64(lo, hi) : ctz32(lo);
    if (n > bits) n = bits;
  }
  writeG(c, i, size, n, 0);
  setFlagBits(c, CF | ZF, (n === bits ? CF : 0) | (n === 0 ? ZF : 0));
}

function pop32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function popcnt(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const lo = readE(c, i, size);
  const hi = c.hi;
  const n = pop32(lo) + (size === 8 ? pop32(hi) : 0);
  writeG(c, i, size, n, 0);
  setFlagBits(c, CF | PF | AF | ZF | SF | OF, n === 0 ? ZF : 0);
}

export { writeBackE, setReg };
