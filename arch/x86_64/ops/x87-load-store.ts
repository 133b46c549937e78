/**
 * x87 loads and stores (SDM vol. 1, 4.2 and 8.3.1-8.3.8; vol. 2 FLD, FST,
 * FILD, FIST, FISTTP, FLD1..FLDZ): the m32/m64/m80 real formats with
 * rounding by PC/RC on stores, integers, constants, and their stack faults.
 */
import type { X86Core } from '../core';
import { ea } from '../operands';
import * as f80 from '../float80';
import { ctl, EXC_IE, OUT } from '../float80';
import { commit, enterOp, noteData, phys, pop, pushOut, setC1FromRounding, setSt, SW_C1, suppressed, underflow, X87 } from './x87-state';

// ---- memory formats ----

/** Loads an m32/m64/m80 real at `a` into OUT (exact; SNaN quieted with IE; denormal DE). */
export function loadReal(c: X86Core, a: number, kind: number, quiet = true): void {
  if (kind === 2) {
    const lo = c.read32(a);
    const hi = c.read32(a + 4);
    OUT[0] = c.read16(a + 8);
    OUT[1] = hi;
    OUT[2] = lo;
    return;
  }
  let sign: number;
  let e: number;
  let hi: number;
  let lo: number;
  let bias: number;
  let emax: number;
  if (kind === 0) {
    const v = c.read32(a);
    sign = v >>> 31;
    e = (v >>> 23) & 0xff;
    hi = (v & 0x7fffff) << 8;
    lo = 0;
    bias = 127;
    emax = 0xff;
  } else {
    lo = c.read64(a);
    const h = c.hi;
    sign = h >>> 31;
    e = (h >>> 20) & 0x7ff;
    hi = ((h & 0xfffff) << 11) | (lo >>> 21);
    lo = lo << 11;
    bias = 1023;
    emax = 0x7ff;
  }
  if (e === emax) {
    OUT[0] = (sign << 15) | 0x7fff;
    OUT[1] = hi | 0x80000000;
    OUT[2] = lo;
    // fld quiets an SNaN (IE); arithmetic operands stay signalling for NaN selection (table 4-7).
    if (quiet && (hi !== 0 || lo !== 0) && (hi & 0x40000000) === 0) {
      ctl.exc |= EXC_IE;
      OUT[1] |= 0x40000000;
    }
    return;
  }
  if (e === 0) {
    if (hi === 0 && lo === 0) {
      OUT[0] = sign << 15;
      OUT[1] = 0;
      OUT[2] = 0;
      return;
    }
    ctl.exc |= f80.EXC_DE;
    // Denormal: value = 0.fraction * 2^(1-bias); normalise exactly via fromInt.
    f80.fromInt(sign, hi >>> 0, lo >>> 0);
    // fromInt gives value = significand integer; rescale the exponent: integer has weight 2^-63 * 2^(1-bias) per unit of hi:lo bit 63.
    OUT[0] = (sign << 15) | ((OUT[0] & 0x7fff) - 63 + 1 - bias);
    return;
  }
  OUT[0] = (sign << 15) | (e - bias + f80.BIAS);
  OUT[1] = hi | 0x80000000;
  OUT[2] = lo;
}

/** Stores ST(0) (in a register triple) as m32/m64/m80 with rounding; false if an unmasked exception prevented it. */
function storeReal(c: X86Core, f: X87, a: number, kind: number, se: number, hi: number, lo: number): boolean {
  if (kind === 2) {
    if (suppressed(f)) return false;
    c.write32(a, lo);
    c.write32(a + 4, hi);
    c.write16(a + 8, se);
    return true;
  }
  const bias = kind === 0 ? 127 : 1023;
  const emax = kind === 0 ? 0xff : 0x7ff;
  const sign = (se >>> 15) & 1;
  let e: number;
  let mh: number;
  let ml: number;
  if (f80.isUnsupported(se, hi)) {
    ctl.exc |= EXC_IE;
    e = emax;
    mh = 0xc0000000 | 0;
    ml = 0;
    se = 0x8000;
  } else if ((se & 0x7fff) === 0x7fff) {
    e = emax;
    mh = hi;
    ml = lo;
    if (f80.isNaN80(se, hi, lo) && (hi & 0x40000000) === 0) {
      ctl.exc |= EXC_IE;
      mh |= 0x40000000;
    }
  } else {
    f80.narrow(se, hi, lo, kind === 0 ? 24 : 53, f.rc(), bias, emax);
    e = OUT[0] & 0x7fff;
    mh = OUT[1];
    ml = OUT[2];
    setC1FromRounding(f);
  }
  // An unmasked exception other than precision leaves memory and the stack unchanged (8.5), C1 clear.
  if ((ctl.exc & ~f.cw & 0x1f) !== 0) {
    f.sw &= ~SW_C1;
    return false;
  }
  const s = (se >>> 15) & 1;
  void sign;
  if (kind === 0) {
    c.write32(a, (s << 31) | (e << 23) | ((mh >>> 8) & 0x7fffff));
  } else {
    const h = (s << 31) | (e << 20) | ((mh >>> 11) & 0xfffff);
    const l = (mh << 21) | (ml >>> 11);
    c.write64(a, l, h);
  }
  return true;
}

// ---- loads and stores ----

/** fld m32/m64/m80 (x: 0/1/2). */
export function fldM(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  const a = ea(c, i);
  noteData(c, f, i, a);
  loadReal(c, a, c.d.x[i]);
  // An unmasked #D still loads the value (the host does); a stack overflow takes precedence over it.
  const de = ctl.exc & f80.EXC_DE;
  const full = f.empty[(f.top - 1) & 7] === 0;
  ctl.exc &= ~f80.EXC_DE;
  pushOut(f);
  if (!full) ctl.exc |= de;
  commit(f);
}

/** fld st(i). */
export function fldSt(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const k = c.d.x[i] & 7;
  f.sw &= ~SW_C1;
  if (underflow(f, k)) {
    // An empty source is a stack underflow (C1 = 0, as the host does even when ST(7) is in use).
    f80.indefinite();
    if (!suppressed(f)) {
      f.top = (f.top - 1) & 7;
      setSt(f, 0);
    }
  } else {
    const p = phys(f, k);
    OUT[0] = f.se[p];
    OUT[1] = f.hi[p];
    OUT[2] = f.lo[p];
    pushOut(f);
  }
  commit(f);
}

/** fst/fstp m32/m64/m80 (x: kind | pop << 4). */
export function fstM(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  const a = ea(c, i);
  noteData(c, f, i, a);
  f.sw &= ~SW_C1;
  let stored: boolean;
  if (underflow(f, 0)) stored = storeReal(c, f, a, x & 3, 0xffff, 0xc0000000 | 0, 0);
  else stored = storeReal(c, f, a, x & 3, f.se[f.top], f.hi[f.top], f.lo[f.top]);
  if (x & 16 && stored) pop(f);
  commit(f);
}

/** fst/fstp st(i) (x: op 1 = pop). */
export function fstSt(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  f.sw &= ~SW_C1;
  if (underflow(f, 0)) f80.indefinite();
  else {
    OUT[0] = f.se[f.top];
    OUT[1] = f.hi[f.top];
    OUT[2] = f.lo[f.top];
  }
  setSt(f, x & 7);
  if (x >> 3) pop(f);
  commit(f);
}

/** fild m16/m32/m64 (x: size). */
export function fild(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  const a = ea(c, i);
  noteData(c, f, i, a);
  const size = c.d.x[i];
  let hi = 0;
  let lo: number;
  if (size === 2) {
    lo = (c.read16(a) << 16) >> 16;
    hi = lo >> 31;
  } else if (size === 4) {
    lo = c.read32(a);
    hi = lo >> 31;
  } else {
    lo = c.read64(a);
    hi = c.hi;
  }
  const sign = hi < 0 ? 1 : 0;
  if (sign) {
    lo = -lo | 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) | 0;
  }
  f80.fromInt(sign, hi >>> 0, lo >>> 0);
  pushOut(f);
  commit(f);
}

/** fist/fistp/fisttp (x: size | pop << 4 | truncate << 5). */
export function fist(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  const size = x & 15;
  const a = ea(c, i);
  noteData(c, f, i, a);
  f.sw &= ~SW_C1;
  let ok = false;
  let lo = 0;
  let hi = 0;
  if (!underflow(f, 0)) {
    const p = f.top;
    const se = f.se[p];
    if (!f80.isNaN80(se, f.hi[p], f.lo[p]) && !f80.isUnsupported(se, f.hi[p]) && (se & 0x7fff) !== 0x7fff) {
      if (f80.toIntMagnitude(se, f.hi[p], f.lo[p], x & 32 ? 3 : f.rc()) === 0) {
        const mh = OUT[1] >>> 0;
        const ml = OUT[2] >>> 0;
        const neg = (se & 0x8000) !== 0;
        const bits = size * 8;
        // Range check of the signed result.
        if (bits === 64) {
          ok = mh < 0x80000000 || (neg && mh === 0x80000000 && ml === 0);
        } else {
          const lim = bits === 32 ? 0x80000000 : 0x8000;
          ok = mh === 0 && (ml < lim || (neg && ml === lim));
        }
        lo = ml | 0;
        hi = mh | 0;
        if (neg) {
          lo = -lo | 0;
          hi = (~hi + (lo === 0 ? 1 : 0)) | 0;
        }
        setC1FromRounding(f);
      }
    }
  }
  if (!ok) {
    ctl.exc = (ctl.exc & ~f80.EXC_PE) | EXC_IE;
    f.sw &= ~SW_C1;
    lo = size === 2 ? 0x8000 : size === 4 ? 0x80000000 | 0 : 0;
    hi = 0x80000000 | 0;
  }
  if (!ok && (f.cw & EXC_IE) === 0) {
    commit(f);
    return;
  }
  if (size === 2) c.write16(a, lo);
  else if (size === 4) c.write32(a, lo);
  else c.write64(a, lo, hi);
  if (x & 16) pop(f);
  commit(f);
}

// Constants (8.3.8): round-to-nearest 64-bit significands of 1, log2(10), log2(e), pi, log10(2), ln(2), 0.
const CONST_SE = [0x3fff, 0x4000, 0x3fff, 0x4000, 0x3ffd, 0x3ffe, 0];
const CONST_HI = [0x80000000, 0xd49a784b, 0xb8aa3b29, 0xc90fdaa2, 0x9a209a84, 0xb17217f7, 0];
const CONST_LO = [0, 0xcd1b8afe, 0x5c17f0bc, 0x2168c235, 0xfbcff799, 0xd1cf79ac, 0];
/** 1: rounding to nearest went up (directed down/zero take one unit less); 0: went down; -1: exact. */
const CONST_NEAREST_UP = [-1, 0, 1, 1, 1, 1, -1];

/** fld1, fldl2t, fldl2e, fldpi, fldlg2, fldln2, fldz (x: 0..6). */
export function fldConst(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const k = c.d.x[i];
  let lo = CONST_LO[k];
  const rc = f.rc();
  const nu = CONST_NEAREST_UP[k];
  if (nu === 1 && (rc === 1 || rc === 3)) lo = (lo - 1) >>> 0;
  else if (nu === 0 && rc === 2) lo = (lo + 1) >>> 0;
  OUT[0] = CONST_SE[k];
  OUT[1] = CONST_HI[k] | 0;
  OUT[2] = lo | 0;
  f.sw &= ~SW_C1;
  pushOut(f);
  commit(f);
}
