/**
 * Shifts and rotates: rol ror rcl rcr shl shr sal sar, shld, shrd
 * (SDM vol. 2: SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD). 64-bit
 * values are shifted as int32 halves. A masked count of 0 changes no flags.
 */
import type { X86Core } from '../core';
import { CF, OF, getCF, materialize, setExplicit } from '../flags';
import { readE, readG, writeBackE } from '../operands';
import { RCX } from '../registers';

export const SH_ROL = 0;
export const SH_ROR = 1;
export const SH_RCL = 2;
export const SH_RCR = 3;
export const SH_SHL = 4;
export const SH_SHR = 5;
export const SH_SAL = 6;
export const SH_SAR = 7;

// 64-bit shifts of (lo, hi) by 1..63: low half returned, high in c.hi.
function shl64(c: X86Core, lo: number, hi: number, n: number): number {
  if (n >= 32) {
    c.hi = n === 32 ? lo : lo << (n - 32);
    return 0;
  }
  c.hi = (hi << n) | (lo >>> (32 - n));
  return lo << n;
}

function shr64(c: X86Core, lo: number, hi: number, n: number): number {
  if (n >= 32) {
    c.hi = 0;
    return n === 32 ? hi : hi >>> (n - 32);
  }
  c.hi = hi >>> n;
  return (lo >>> n) | (hi << (32 - n));
}

function sar64(c: X86Core, lo: number, hi: number, n: number): number {
  if (n >= 32) {
    c.hi = hi >> 31;
    return n === 32 ? hi : hi >> (n - 32);
  }
  c.hi = hi >> n;
  return (lo >>> n) | (hi << (32 - n));
}

function bit64(lo: number, hi: number, n: number): number {
  return n >= 32 ? (hi >>> (n - 32)) & 1 : (lo >>> n) & 1;
}

function sizeMask(size: number): number {
  return size === 1 ? 0xff : size === 2 ? 0xffff : -1;
}

// 32-bit shifts by 0..32 or more (JS masks shift counts to 5 bits).
function shlInt(x: number, n: number): number {
  return n >= 32 ? 0 : x << n;
}

function shrInt(x: number, n: number): number {
  return n >= 32 ? 0 : x >>> n;
}

// 64-bit shifts by 0..64 or more: low half returned, high in c.hi.
function shl64Any(c: X86Core, lo: number, hi: number, n: number): number {
  if (n === 0) {
    c.hi = hi;
    return lo;
  }
  if (n >= 64) {
    c.hi = 0;
    return 0;
  }
  return shl64(c, lo, hi, n);
}

function shr64Any(c: X86Core, lo: number, hi: number, n: number): number {
  if (n === 0) {
    c.hi = hi;
    return lo;
  }
  if (n >= 64) {
    c.hi = 0;
    return 0;
  }
  return shr64(c, lo, hi, n);
}

/** rcl of the 65-bit CF:value by n (1..63): value << n | CF << (n-1) | value >> (65-n). */
function rcl64(c: X86Core, lo: number, hi: number, cin: number, n: number): number {
  let rL = shl64(c, lo, hi, n);
  let rH = c.hi;
  if (n - 1 >= 32) rH |= cin << (n - 33);
  else rL |= cin << (n - 1);
  rL |= shr64Any(c, lo, hi, 65 - n);
  c.hi = rH | c.hi;
  return rL;
}

/** rcr of the 65-bit value:CF by n (1..63): value >> n | CF << (64-n) | value << (65-n). */
function rcr64(c: X86Core, lo: number, hi: number, cin: number, n: number): number {
  let rL = shr64(c, lo, hi, n);
  let rH = c.hi;
  if (64 - n >= 32) rH |= cin << (32 - n);
  else rL |= cin << (64 - n);
  rL |= shl64Any(c, lo, hi, 65 - n);
  c.hi = rH | c.hi;
  return rL;
}

/** Shifts/rotates (lo, hi) of `size` by `count` (already masked, non-zero),
 * sets flags, returns the low half (high in c.hi). */
export function shift(c: X86Core, op: number, size: number, lo: number, hi: number, count: number): number {
  const bits = size * 8;
  const m = sizeMask(size);
  lo &= m;
  if (size !== 8) hi = 0;
  let r = 0;
  let rH = 0;
  let cf = 0;
  let of = 0;
  switch (op) {
    case SH_SHL:
    case SH_SAL:
      if (size === 8) {
        r = shl64(c, lo, hi, count);
        rH = c.hi;
        cf = bit64(lo, hi, 64 - count);
        of = (rH >>> 31) ^ cf;
      } else {
        r = count >= 32 ? 0 : (lo << count) & m;
        cf = count > bits ? 0 : (lo >>> (bits - count)) & 1;
        of = ((r >>> (bits - 1)) & 1) ^ cf;
      }
      setExplicit(c, size, r, rH, cf, of);
      break;
    case SH_SHR:
      if (size === 8) {
        r = shr64(c, lo, hi, count);
        rH = c.hi;
        cf = bit64(lo, hi, count - 1);
        of = hi >>> 31;
      } else {
        r = count >= 32 ? 0 : lo >>> count;
        if (size === 4) r |= 0;
        cf = count > bits ? 0 : (lo >>> (count - 1)) & 1;
        of = (lo >>> (bits - 1)) & 1;
      }
      setExplicit(c, size, r, rH, cf, of);
      break;
    case SH_SAR:
      if (size === 8) {
        r = sar64(c, lo, hi, count);
        rH = c.hi;
        cf = bit64(lo, hi, count - 1);
      } else {
        const s = (lo << (32 - bits)) >> (32 - bits);
        const n = count > 31 ? 31 : count;
        r = (s >> n) & m;
        cf = (s >> (n > bits ? bits - 1 : n - 1)) & 1;
        if (count > bits) cf = (s >>> 31) & 1;
      }
      setExplicit(c, size, r, rH, cf, 0);
      break;
    case SH_ROL:
    case SH_ROR: {
      const n = count % bits;
      if (size === 8) {
        const k = op === SH_ROL ? n : (64 - n) % 64;
        if (k === 0) {
          r = lo;
          rH = hi;
        } else {
          const aL = shl64(c, lo, hi, k);
          const aH = c.hi;
          const bL = shr64(c, lo, hi, 64 - k);
          r = aL | bL;
          rH = aH | c.hi;
        }
      } else {
        const k = op === SH_ROL ? n : (bits - n) % bits;
        r = k === 0 ? lo : ((lo << k) | (lo >>> (bits - k))) & m;
      }
      const msb = size === 8 ? rH >>> 31 : (r >>> (bits - 1)) & 1;
      if (op === SH_ROL) {
        cf = r & 1;
        of = msb ^ cf;
      } else {
        cf = msb;
        const next = size === 8 ? (rH >>> 30) & 1 : (r >>> (bits - 2)) & 1;
        of = msb ^ next;
      }
      materialize(c);
      c.flags = (c.flags & ~(CF | OF)) | cf | (of << 11);
      break;
    }
    default: {
      // rcl / rcr: rotation through CF over bits+1 positions.
      const cin = getCF(c);
      const n = size === 1 ? count % 9 : size === 2 ? count % 17 : count;
      if (n === 0) {
        c.hi = hi;
        return lo;
      }
      if (size === 8) {
        r = op === SH_RCL ? rcl64(c, lo, hi, cin, n) : rcr64(c, lo, hi, cin, n);
        rH = c.hi;
        cf = op === SH_RCL ? bit64(lo, hi, 64 - n) : bit64(lo, hi, n - 1);
      } else if (op === SH_RCL) {
        r = (shlInt(lo, n) | shlInt(cin, n - 1) | shrInt(lo, bits + 1 - n)) & m;
        cf = (lo >>> (bits - n)) & 1;
      } else {
        r = (shrInt(lo, n) | shlInt(cin, bits - n) | shlInt(lo, bits + 1 - n)) & m;
        cf = (lo >>> (n - 1)) & 1;
      }
      const msb = size === 8 ? rH >>> 31 : (r >>> (bits - 1)) & 1;
      if (op === SH_RCL) of = msb ^ cf;
      else {
        const next = size === 8 ? (rH >>> 30) & 1 : (r >>> (bits - 2)) & 1;
        of = msb ^ next;
      }
      materialize(c);
      c.flags = (c.flags & ~(CF | OF)) | cf | (of << 11);
      break;
    }
  }
  c.hi = rH;
  return r;
}

function countMask(size: number): number {
  return size === 8 ? 0x3f : 0x1f;
}

/** Group 2 with count from imm (C0/C1) or 1 (D0/D1): the decoder sets imm. */
export function shiftEI(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const n = c.d.imm[i] & countMask(size);
  const v = readE(c, i, size);
  if (n === 0) {
    // No flags change; the operand is still written (zero-extends r32).
    writeBackE(c, i, size, v, c.hi);
    return;
  }
  const r = shift(c, c.d.x[i], size, v, c.hi, n);
  writeBackE(c, i, size, r, c.hi);
}

/** Group 2 with count in CL (D2/D3). */
export function shiftECL(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const n = c.rl[RCX] & countMask(size);
  const v = readE(c, i, size);
  if (n === 0) {
    writeBackE(c, i, size, v, c.hi);
    return;
  }
  const r = shift(c, c.d.x[i], size, v, c.hi, n);
  writeBackE(c, i, size, r, c.hi);
}

/** shld / shrd E, G, imm8|CL (x bit 0: right, bit 1: count in CL). */
export function shiftDouble(c: X86Core, i: number): void {
  const d = c.d;
  const size = d.osz[i];
  const right = (d.x[i] & 1) !== 0;
  const n = ((d.x[i] & 2) !== 0 ? c.rl[RCX] : d.imm[i]) & countMask(size);
  const s = readG(c, i, size);
  const sH = c.hi;
  const v = readE(c, i, size);
  const vH = c.hi;
  if (n === 0) {
    writeBackE(c, i, size, v, vH);
    return;
  }
  let r: number;
  let rH = 0;
  let cf: number;
  const bits = size * 8;
  if (size === 8) {
    if (!right) {
      const aL = shl64(c, v, vH, n);
      const aH = c.hi;
      const bL = n === 64 ? 0 : shr64(c, s, sH, 64 - n);
      r = aL | bL;
      rH = aH | c.hi;
      cf = bit64(v, vH, 64 - n);
    } else {
      const aL = shr64(c, v, vH, n);
      const aH = c.hi;
      const bL = shl64(c, s, sH, 64 - n);
      r = aL | bL;
      rH = aH | c.hi;
      cf = bit64(v, vH, n - 1);
    }
    const of = ((rH ^ vH) >>> 31) & 1;
    setExplicit(c, 8, r, rH, cf, of);
  } else if (size === 4) {
    if (!right) {
      r = (v << n) | (s >>> (32 - n));
      cf = (v >>> (32 - n)) & 1;
    } else {
      r = (v >>> n) | (s << (32 - n));
      cf = (v >>> (n - 1)) & 1;
    }
    setExplicit(c, 4, r, 0, cf, ((r ^ v) >>> 31) & 1);
  } else {
    r = shiftDouble16(c, right, v & 0xffff, s & 0xffff, n);
  }
  writeBackE(c, i, size, r, rH);
}

const TWO16 = 0x1_0000;
const TWO32 = 0x1_0000_0000;

/**
 * 16-bit shld/shrd by n (1..31), setting the flags; returns the result.
 * Counts up to 16 are defined. Above 16 the SDM leaves result and flags
 * undefined and the vendors differ (cpu-model.ts); both shift a 48-bit
 * value made of the operands, held exactly in a double:
 * - Intel: dest:src:dest, for shld and shrd; CF is the last bit out and
 *   OF the sign change, as for defined counts.
 * - AMD: dest:src:src for shld (result = its top 16 bits after the shift),
 *   src:src:dest for shrd (its low 16 bits); CF, OF and AF are 0.
 */
function shiftDouble16(c: X86Core, right: boolean, dv: number, sv: number, n: number): number {
  const amdUndefined = n > 16 && c.vendor === 'amd';
  let wide: number;
  if (!right) wide = dv * TWO32 + sv * TWO16 + (amdUndefined ? sv : dv);
  else wide = (amdUndefined ? sv : dv) * TWO32 + sv * TWO16 + dv;
  let r: number;
  let cf: number;
  if (!right) {
    // Bits 47-n .. 32-n of the 48-bit value; CF is bit 48-n.
    r = Math.floor(wide / 2 ** (32 - n)) & 0xffff;
    cf = Math.floor(wide / 2 ** (48 - n)) & 1;
  } else {
    r = Math.floor(wide / 2 ** n) & 0xffff;
    cf = Math.floor(wide / 2 ** (n - 1)) & 1;
  }
  if (amdUndefined) setExplicit(c, 2, r, 0, 0, 0);
  else setExplicit(c, 2, r, 0, cf, ((r ^ dv) >>> 15) & 1);
  return r;
}

