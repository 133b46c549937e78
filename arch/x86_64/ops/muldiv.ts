/**
 * mul, imul (one, two and three operands), div, idiv (SDM vol. 2).
 * 32x32 products are built from 16-bit pieces and 64x64 products from
 * 32-bit pieces, so no BigInt on the multiply path; 64-bit division uses
 * BigInt (division is slow on real hardware too).
 */
import type { X86Core } from '../core';
import { setExplicit } from '../flags';
import { readE, readG, writeG, setReg, getReg } from '../operands';
import { EXC_DE, RAX, RDX, TWO32 } from '../registers';

/** Unsigned 32x32 -> 64: returns the low word, c.hi the high word. */
export function mulU32(c: X86Core, a: number, b: number): number {
  const aL = a & 0xffff;
  const aH = a >>> 16;
  const bL = b & 0xffff;
  const bH = b >>> 16;
  const ll = aL * bL;
  const lh = aL * bH;
  const hl = aH * bL;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  c.hi = (aH * bH + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
  return (ll & 0xffff) | (mid << 16);
}

// 128-bit product words, low to high (scratch, no allocation).
const W = new Int32Array(4);

/** Unsigned 64x64 -> 128 into W. */
function mulU64(c: X86Core, a0: number, a1: number, b0: number, b1: number): void {
  const p00 = mulU32(c, a0, b0);
  const p00h = c.hi >>> 0;
  const p01 = mulU32(c, a0, b1) >>> 0;
  const p01h = c.hi >>> 0;
  const p10 = mulU32(c, a1, b0) >>> 0;
  const p10h = c.hi >>> 0;
  const p11 = mulU32(c, a1, b1) >>> 0;
  const p11h = c.hi >>> 0;
  const s1 = p00h + p01 + p10;
  const carry1 = Math.floor(s1 / TWO32);
  const s2 = p01h + p10h + p11 + carry1;
  const carry2 = Math.floor(s2 / TWO32);
  W[0] = p00;
  W[1] = s1 | 0;
  W[2] = s2 | 0;
  W[3] = (p11h + carry2) | 0;
}

/** Signed 64x64 -> 128 into W (unsigned product, high half corrected). */
function mulS64(c: X86Core, a0: number, a1: number, b0: number, b1: number): void {
  mulU64(c, a0, a1, b0, b1);
  if (a1 < 0) sub64High(b0, b1);
  if (b1 < 0) sub64High(a0, a1);
}

function sub64High(lo: number, hi: number): void {
  const l = (W[2] >>> 0) - (lo >>> 0);
  W[2] = l | 0;
  W[3] = (W[3] - hi - (l < 0 ? 1 : 0)) | 0;
}

/** Truncated signed product at `size` with CF=OF on overflow. */
function imulTrunc(c: X86Core, size: number, a: number, aH: number, b: number, bH: number): number {
  if (size === 8) {
    mulS64(c, a, aH, b, bH);
    const overflow = W[3] !== W[1] >> 31 || W[2] !== W[1] >> 31 ? 1 : 0;
    setExplicit(c, 8, W[0], W[1], overflow, overflow);
    c.hi = W[1];
    return W[0];
  }
  if (size === 4) {
    const lo = mulU32(c, a, b);
    let hi = c.hi;
    if (a < 0) hi = (hi - b) | 0;
    if (b < 0) hi = (hi - a) | 0;
    const overflow = hi !== lo >> 31 ? 1 : 0;
    setExplicit(c, 4, lo, 0, overflow, overflow);
    c.hi = 0;
    return lo;
  }
  const shift = 32 - size * 8;
  const p = ((a << shift) >> shift) * ((b << shift) >> shift);
  const r = (p << shift) >> shift;
  const overflow = r !== p ? 1 : 0;
  const masked = size === 1 ? p & 0xff : p & 0xffff;
  setExplicit(c, size, masked, 0, overflow, overflow);
  c.hi = 0;
  return masked;
}

/** imul G, E (0F AF) */
export function imulGE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const b = readE(c, i, size);
  const bH = c.hi;
  const a = readG(c, i, size);
  const r = imulTrunc(c, size, a, c.hi, b, bH);
  writeG(c, i, size, r, c.hi);
}

/** imul G, E, imm (69, 6B) */
export function imulGEI(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const a = readE(c, i, size);
  const r = imulTrunc(c, size, a, c.hi, c.d.imm[i], c.d.immHi[i]);
  writeG(c, i, size, r, c.hi);
}

/** mul / imul E (F6/F7 /4, /5; x = 1 for signed): rDX:rAX = rAX * E. */
export function mulE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const signed = c.d.x[i] === 1;
  const b = readE(c, i, size);
  const bH = c.hi;
  const a = getReg(c, RAX, size);
  const aH = c.hi;
  if (size === 1) {
    const p = signed ? ((a << 24) >> 24) * ((b << 24) >> 24) : a * b;
    const of = signed ? (((p << 24) >> 24) !== p ? 1 : 0) : p > 0xff ? 1 : 0;
    setReg(c, RAX, 2, p & 0xffff, 0);
    setExplicit(c, 1, p & 0xff, 0, of, of);
    return;
  }
  if (size === 2) {
    const p = signed ? ((a << 16) >> 16) * ((b << 16) >> 16) : a * b;
    const of = signed ? (((p << 16) >> 16) !== p ? 1 : 0) : p > 0xffff ? 1 : 0;
    setReg(c, RAX, 2, p & 0xffff, 0);
    setReg(c, RDX, 2, (p >> 16) & 0xffff, 0);
    setExplicit(c, 2, p & 0xffff, 0, of, of);
    return;
  }
  if (size === 4) {
    const lo = mulU32(c, a, b);
    let hi = c.hi;
    if (signed) {
      if (a < 0) hi = (hi - b) | 0;
      if (b < 0) hi = (hi - a) | 0;
    }
    const of = signed ? (hi !== lo >> 31 ? 1 : 0) : hi !== 0 ? 1 : 0;
    setReg(c, RAX, 4, lo, 0);
    setReg(c, RDX, 4, hi, 0);
    setExplicit(c, 4, lo, 0, of, of);
    return;
  }
  if (signed) mulS64(c, a, aH, b, bH);
  else mulU64(c, a, aH, b, bH);
  const of = signed ? (W[2] !== W[1] >> 31 || W[3] !== W[1] >> 31 ? 1 : 0) : W[2] !== 0 || W[3] !== 0 ? 1 : 0;
  setReg(c, RAX, 8, W[0], W[1]);
  setReg(c, RDX, 8, W[2], W[3]);
  setExplicit(c, 8, W[0], W[1], of, of);
}

/** True when the 128/64-bit value (lo, hi, and the upper words) is below
 * 2^52 in magnitude (signed: a sign extension of such a value). */
function fitsSmall(lo: number, hi: number, upLo: number, upHi: number, signed: boolean): boolean {
  if (signed) {
    const s = hi >> 31;
    return upLo === s && upHi === s && hi >= -0x100000 && hi < 0x100000;
  }
  return upLo === 0 && upHi === 0 && hi >= 0 && hi < 0x100000;
}

/** div / idiv E (F6/F7 /6, /7; x = 1 for signed). Flags are undefined and
 * left unchanged; #DE on a zero divisor or a quotient that does not fit. */
export function divE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const signed = c.d.x[i] === 1;
  const b = readE(c, i, size);
  const bH = c.hi;
  if (b === 0 && (size !== 8 || bH === 0)) c.raise(EXC_DE);
  if (size === 1) {
    const a = c.rl[RAX] & 0xffff;
    const n = signed ? (a << 16) >> 16 : a;
    const dv = signed ? (b << 24) >> 24 : b;
    const q = Math.trunc(n / dv);
    const r = n - q * dv;
    if (signed ? q > 127 || q < -128 : q > 0xff) c.raise(EXC_DE);
    setReg(c, RAX, 2, (q & 0xff) | ((r & 0xff) << 8), 0);
    return;
  }
  if (size === 2) {
    const a = ((c.rl[RDX] & 0xffff) << 16) | (c.rl[RAX] & 0xffff);
    const n = signed ? a : a >>> 0;
    const dv = signed ? (b << 16) >> 16 : b;
    const q = Math.trunc(n / dv);
    const r = n - q * dv;
    if (signed ? q > 32767 || q < -32768 : q > 0xffff) c.raise(EXC_DE);
    setReg(c, RAX, 2, q & 0xffff, 0);
    setReg(c, RDX, 2, r & 0xffff, 0);
    return;
  }
  if (size === 4 && !signed && c.rl[RDX] === 0) {
    const n = c.rl[RAX] >>> 0;
    const dv = b >>> 0;
    const q = Math.floor(n / dv);
    setReg(c, RAX, 4, q | 0, 0);
    setReg(c, RDX, 4, (n - q * dv) | 0, 0);
    return;
  }
  if (size === 4 && signed && c.rl[RDX] === c.rl[RAX] >> 31) {
    // cdq; idiv: the dividend fits 32 bits, so doubles are exact.
    const n = c.rl[RAX];
    const q = Math.trunc(n / b);
    if (q > 2147483647) c.raise(EXC_DE); // INT_MIN / -1
    setReg(c, RAX, 4, q | 0, 0);
    setReg(c, RDX, 4, (n - q * b) | 0, 0);
    return;
  }
  if (size === 8 && fitsSmall(c.rl[RAX], c.rh[RAX], c.rl[RDX], c.rh[RDX], signed) && fitsSmall(b, bH, bH >> 31, bH >> 31, signed)) {
    // Dividend and divisor below 2^52 in magnitude: exact in doubles.
    const n = signed ? c.rh[RAX] * TWO32 + (c.rl[RAX] >>> 0) : (c.rh[RAX] >>> 0) * TWO32 + (c.rl[RAX] >>> 0);
    const dv = signed ? bH * TWO32 + (b >>> 0) : (bH >>> 0) * TWO32 + (b >>> 0);
    let q = Math.trunc(n / dv);
    let r = n - q * dv;
    // Correct a quotient the division rounded across an integer.
    if (r !== 0 && Math.sign(r) !== Math.sign(n)) {
      q -= Math.sign(n) * Math.sign(dv);
      r = n - q * dv;
    } else if (Math.abs(r) >= Math.abs(dv)) {
      q += Math.sign(n) * Math.sign(dv);
      r = n - q * dv;
    }
    setReg(c, RAX, 8, q | 0, Math.floor(q / TWO32) | 0);
    setReg(c, RDX, 8, r | 0, Math.floor(r / TWO32) | 0);
    return;
  }
  const bits = size * 8;
  let n: bigint;
  let dv: bigint;
  if (size === 4) {
    n = (BigInt(c.rl[RDX] >>> 0) << 32n) | BigInt(c.rl[RAX] >>> 0);
    dv = BigInt(b >>> 0);
    if (signed) {
      n = BigInt.asIntN(64, n);
      dv = BigInt.asIntN(32, dv);
    }
  } else {
    n = (c.getGpr(RDX) << 64n) | c.getGpr(RAX);
    dv = (BigInt(bH >>> 0) << 32n) | BigInt(b >>> 0);
    if (signed) {
      n = BigInt.asIntN(128, n);
      dv = BigInt.asIntN(64, dv);
    }
  }
  const q = n / dv;
  const r = n % dv;
  const limit = 1n << BigInt(signed ? bits - 1 : bits);
  if (signed ? q >= limit || q < -limit : q >= limit) c.raise(EXC_DE);
  const qm = BigInt.asUintN(bits, q);
  const rm = BigInt.asUintN(bits, r);
  setReg(c, RAX, size, Number(qm & 0xffffffffn) | 0, Number(qm >> 32n) | 0);
  setReg(c, RDX, size, Number(rm & 0xffffffffn) | 0, Number(rm >> 32n) | 0);
}
