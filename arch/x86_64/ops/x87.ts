/**
 * x87 arithmetic, compares and the other register operations (SDM vol. 1,
 * ch. 8; vol. 2 FADD..FXCH; the loads and stores are in x87-load-store.ts).
 * Arithmetic goes through float80.ts with the control word's precision and
 * rounding control; exceptions follow x87-state.ts (masked responses, or an
 * untouched destination and #MF at the next waiting instruction).
 * Row constants: register forms carry ST(i) in x & 7 and the operation in x >> 3.
 */
import type { X86Core } from '../core';
import { ea } from '../operands';
import { materialize } from '../flags';
import * as f80 from '../float80';
import { ctl, EXC_IE, OUT } from '../float80';
import { loadReal } from './x87-load-store';
import { commit, enterOp, phys, pop, setC1FromRounding, setSt, SW_C0, SW_C1, SW_C2, SW_C3, SW_CC, suppressed, underflow, X87, noteData } from './x87-state';

const CF = 1;
const PF = 1 << 2;
const ZF = 1 << 6;
const ARITH_FLAGS = 0x8d5;

// The loads and stores live in x87-load-store.ts; the opcode table finds them here too.
export { fild, fist, fldConst, fldM, fldSt, fstM, fstSt } from './x87-load-store';

// ---- arithmetic ----

/** dest = a op b for op 0 add, 1 mul, 4 sub, 5 subr, 6 div, 7 divr. */
function arith(f: X87, op: number, ase: number, ahi: number, alo: number, bse: number, bhi: number, blo: number): void {
  const prec = f.precision();
  const rc = f.rc();
  switch (op) {
    case 0:
      f80.add(ase, ahi, alo, bse, bhi, blo, prec, rc);
      break;
    case 1:
      f80.mul(ase, ahi, alo, bse, bhi, blo, prec, rc);
      break;
    case 4:
      f80.add(ase, ahi, alo, bse, bhi, blo, prec, rc, 1);
      break;
    case 5:
      f80.add(bse, bhi, blo, ase, ahi, alo, prec, rc, 1);
      break;
    case 6:
      f80.div(ase, ahi, alo, bse, bhi, blo, prec, rc);
      break;
    default:
      f80.div(bse, bhi, blo, ase, ahi, alo, prec, rc);
  }
  setC1FromRounding(f);
}

/** Memory operand of D8/DC/DA/DE /n into OUT (x low bits: 0 m32, 1 m64, 2 m32int, 3 m16int). */
function loadOperand(c: X86Core, f: X87, i: number, kind: number): void {
  const a = ea(c, i);
  noteData(c, f, i, a);
  if (kind < 2) {
    loadReal(c, a, kind, false);
    return;
  }
  let lo = kind === 2 ? c.read32(a) : (c.read16(a) << 16) >> 16;
  const sign = lo < 0 ? 1 : 0;
  if (sign) lo = -lo;
  f80.fromInt(sign, 0, lo >>> 0);
}

/** fadd..fdivr / fcom/fcomp with a memory operand (x: op << 3 | kind). */
export function arithM(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  const op = x >> 3;
  loadOperand(c, f, i, x & 7);
  const bse = OUT[0], bhi = OUT[1], blo = OUT[2];
  // A denormal m32/m64 source signals #D only when no NaN operand takes precedence.
  if ((ctl.exc & f80.EXC_DE) !== 0) {
    ctl.exc &= ~f80.EXC_DE;
    const t = f.top;
    if (f.empty[t] === 0 && !f80.isNaN80(f.se[t], f.hi[t], f.lo[t]) && !f80.isUnsupported(f.se[t], f.hi[t])) ctl.exc |= f80.EXC_DE;
  }
  if (op === 2 || op === 3) {
    compare(f, bse, bhi, blo, false);
    if (op === 3) pop(f);
    commit(f);
    return;
  }
  f.sw &= ~SW_C1;
  if (underflow(f, 0)) f80.indefinite();
  else {
    arith(f, op, f.se[f.top], f.hi[f.top], f.lo[f.top], bse, bhi, blo);
    // Division by zero reports ZE alone: a denormal dividend adds no DE (as for register operands; the host agrees).
    if ((ctl.exc & f80.EXC_ZE) !== 0) ctl.exc &= ~f80.EXC_DE;
  }
  setSt(f, 0);
  commit(f);
}

/** Register forms: D8 (st0 = st0 op sti), DC (sti = sti op st0), DE (and pop); x: op << 3 | i, bit 7 of the row kind in `dest`. */
function arithRegCommon(c: X86Core, i: number, toSti: boolean, doPop: boolean): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  const op = x >> 3;
  const k = x & 7;
  f.sw &= ~SW_C1;
  if (op === 2 || op === 3) {
    const p = phys(f, k);
    if (underflow(f, k)) compare(f, 0xffff, 0xc0000000 | 0, 0, false);
    else compare(f, f.se[p], f.hi[p], f.lo[p], false);
    if (op === 3 || doPop) pop(f);
    if (doPop) pop(f);
    commit(f);
    return;
  }
  const d = toSti ? k : 0;
  const s = toSti ? 0 : k;
  if (underflow(f, 0) || underflow(f, k)) f80.indefinite();
  else {
    const pd = phys(f, d);
    const ps = phys(f, s);
    arith(f, op, f.se[pd], f.hi[pd], f.lo[pd], f.se[ps], f.hi[ps], f.lo[ps]);
  }
  setSt(f, d);
  if (doPop) pop(f);
  commit(f);
}

export function arithSt0(c: X86Core, i: number): void {
  arithRegCommon(c, i, false, false);
}

export function arithSti(c: X86Core, i: number): void {
  arithRegCommon(c, i, true, false);
}

export function arithStiPop(c: X86Core, i: number): void {
  arithRegCommon(c, i, true, true);
}

// ---- compares ----

/** Compares ST(0) with b; sets C3/C2/C0 (or ZF/PF/CF for the fcomi forms). Unordered compares signal IE only on SNaN. */
function compare(f: X87, bse: number, bhi: number, blo: number, unordered: boolean): number {
  let r: number; // 0 greater, 1 less, 2 equal, 3 unordered
  if (f.empty[f.top]) {
    ctl.exc |= EXC_IE;
    f.sw |= 0x40;
    r = 3;
  } else {
    r = cmp80(f.se[f.top], f.hi[f.top], f.lo[f.top], bse, bhi, blo, unordered);
  }
  f.sw &= ~SW_CC;
  if (r === 1) f.sw |= SW_C0;
  else if (r === 2) f.sw |= SW_C3;
  else if (r === 3) f.sw |= SW_C0 | SW_C2 | SW_C3;
  return r;
}

function cmp80(ase: number, ahi: number, alo: number, bse: number, bhi: number, blo: number, unordered: boolean): number {
  const an = f80.isNaN80(ase, ahi, alo) || f80.isUnsupported(ase, ahi);
  const bn = f80.isNaN80(bse, bhi, blo) || f80.isUnsupported(bse, bhi);
  if (!an && !bn) {
    if ((ase & 0x7fff) === 0 && (ahi !== 0 || alo !== 0)) ctl.exc |= f80.EXC_DE;
    if ((bse & 0x7fff) === 0 && (bhi !== 0 || blo !== 0)) ctl.exc |= f80.EXC_DE;
  }
  if (an || bn) {
    const snan =
      (an && ((ahi & 0x40000000) === 0 || f80.isUnsupported(ase, ahi))) ||
      (bn && ((bhi & 0x40000000) === 0 || f80.isUnsupported(bse, bhi)));
    if (!unordered || snan) ctl.exc |= EXC_IE;
    return 3;
  }
  const az = (ahi | alo) === 0;
  const bz = (bhi | blo) === 0;
  if (az && bz) return 2;
  const as = (ase >>> 15) & 1;
  const bs = (bse >>> 15) & 1;
  if (as !== bs) return as ? 1 : 0;
  // Same sign: compare magnitudes (denormals compare correctly as exponent 0 with a smaller significand; pseudo-denormals aside).
  let m = 0;
  const ae = ase & 0x7fff;
  const be = bse & 0x7fff;
  if (az) m = -1;
  else if (bz) m = 1;
  else if (ae !== be) m = ae > be ? 1 : -1;
  else if (ahi !== bhi) m = ahi >>> 0 > bhi >>> 0 ? 1 : -1;
  else if (alo !== blo) m = alo >>> 0 > blo >>> 0 ? 1 : -1;
  if (m === 0) return 2;
  if (as) m = -m;
  return m > 0 ? 0 : 1;
}

/** fucom/fucomp/fucompp (x: op << 3 | i; op 0 fucom, 1 fucomp, 2 fucompp). */
export function fucom(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  const k = x & 7;
  const p = phys(f, k);
  f.sw &= ~SW_C1;
  if (underflow(f, k)) compare(f, 0xffff, 0xc0000000 | 0, 0, true);
  else compare(f, f.se[p], f.hi[p], f.lo[p], true);
  if (x >> 3 >= 1) pop(f);
  if (x >> 3 === 2) pop(f);
  commit(f);
}

/** fcomi/fcomip/fucomi/fucomip (x: unordered << 4 | pop << 3 | i): ZF, PF, CF (SDM FCOMI). */
export function fcomi(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  const k = x & 7;
  const p = phys(f, k);
  const sw = f.sw; // C1 changes only on a stack fault (as the host does)
  let r: number;
  const fault = f.empty[f.top] !== 0 || f.empty[p] !== 0;
  if (fault) {
    underflow(f, 0) || underflow(f, k);
    r = 3;
  } else r = compare(f, f.se[p], f.hi[p], f.lo[p], (x & 16) !== 0);
  f.sw = (f.sw & ~SW_CC) | (sw & SW_CC);
  if (fault) f.sw &= ~SW_C1;
  materialize(c);
  let fl = c.flags & ~ARITH_FLAGS;
  if (r === 1) fl |= CF;
  else if (r === 2) fl |= ZF;
  else if (r === 3) fl |= ZF | PF | CF;
  c.flags = fl;
  if (x & 8) pop(f);
  commit(f);
}

/** ftst: compare ST(0) with +0.0. */
export function ftst(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  compare(f, 0, 0, 0, false);
  commit(f);
}

/** fxam (SDM FXAM): class in C3/C2/C0, sign in C1; empty is C3+C0. */
export function fxam(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const p = f.top;
  const se = f.se[p];
  const hi = f.hi[p];
  const lo = f.lo[p];
  let cc = (se & 0x8000) !== 0 ? SW_C1 : 0;
  const e = se & 0x7fff;
  if (f.empty[p]) cc |= SW_C3 | SW_C0;
  else if (e === 0x7fff) {
    if ((hi & 0x80000000) === 0) cc |= 0;
    else if ((hi & 0x7fffffff) === 0 && lo === 0) cc |= SW_C2 | SW_C0;
    else cc |= SW_C0;
  } else if (e === 0) cc |= (hi | lo) === 0 ? SW_C3 : SW_C3 | SW_C2;
  else if ((hi & 0x80000000) === 0) cc |= 0;
  else cc |= SW_C2;
  f.sw = (f.sw & ~SW_CC) | cc;
}

// ---- others ----

/** fchs (x 0), fabs (x 1). */
export function fsign(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  if (underflow(f, 0)) {
    f80.indefinite();
    setSt(f, 0);
  } else if (c.d.x[i] === 0) f.se[f.top] ^= 0x8000;
  else f.se[f.top] &= 0x7fff;
  commit(f);
}

export function fsqrt(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  if (underflow(f, 0)) f80.indefinite();
  else {
    f80.sqrt(f.se[f.top], f.hi[f.top], f.lo[f.top], f.precision(), f.rc());
    setC1FromRounding(f);
  }
  setSt(f, 0);
  commit(f);
}

/** frndint: round ST(0) to an integer by RC (exact for |x| >= 2^63). */
export function frndint(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  const p = f.top;
  if (underflow(f, 0)) {
    f80.indefinite();
    setSt(f, 0);
  } else {
    const se = f.se[p];
    const hi = f.hi[p];
    const lo = f.lo[p];
    const e = se & 0x7fff;
    if (f80.isUnsupported(se, hi)) {
      ctl.exc |= EXC_IE;
      f80.indefinite();
      setSt(f, 0);
    } else if (f80.isNaN80(se, hi, lo)) {
      if ((hi & 0x40000000) === 0) ctl.exc |= EXC_IE;
      if (!suppressed(f)) f.hi[p] = hi | 0x40000000;
    } else if (e !== 0x7fff && e < f80.BIAS + 63 && (hi | lo) !== 0) {
      if (e === 0) ctl.exc |= f80.EXC_DE;
      f80.toIntMagnitude(se, hi, lo, f.rc());
      const mh = OUT[1] >>> 0;
      const ml = OUT[2] >>> 0;
      const up = ctl.roundedUp;
      f80.fromInt((se >>> 15) & 1, mh, ml);
      if ((OUT[1] | OUT[2]) === 0) OUT[0] = se & 0x8000; // keeps the sign of a zero result
      setSt(f, 0);
      ctl.roundedUp = up;
      setC1FromRounding(f);
    } else if (e === 0 && (hi | lo) !== 0) ctl.exc |= f80.EXC_DE;
  }
  commit(f);
}

/** fxch st(i). */
export function fxch(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const k = c.d.x[i] & 7;
  f.sw &= ~SW_C1;
  const a = f.top;
  const b = phys(f, k);
  if (f.empty[a] || f.empty[b]) {
    underflow(f, 0) || underflow(f, k);
    if (suppressed(f)) {
      commit(f); // unmasked stack fault: nothing exchanged
      return;
    }
    if (f.empty[a]) {
      f.se[a] = 0xffff;
      f.hi[a] = 0xc0000000 | 0;
      f.lo[a] = 0;
      f.empty[a] = 0;
    }
    if (f.empty[b]) {
      f.se[b] = 0xffff;
      f.hi[b] = 0xc0000000 | 0;
      f.lo[b] = 0;
      f.empty[b] = 0;
    }
  }
  let t = f.se[a];
  f.se[a] = f.se[b];
  f.se[b] = t;
  t = f.hi[a];
  f.hi[a] = f.hi[b];
  f.hi[b] = t;
  t = f.lo[a];
  f.lo[a] = f.lo[b];
  f.lo[b] = t;
  commit(f);
}

/** fcmovcc (x: cc << 3 | i; cc 0 b, 1 e, 2 be, 3 u, 4-7 negations). */
export function fcmov(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const x = c.d.x[i];
  const k = x & 7;
  const cc = x >> 3;
  materialize(c);
  const fl = c.flags;
  let t: boolean;
  switch (cc & 3) {
    case 0:
      t = (fl & CF) !== 0;
      break;
    case 1:
      t = (fl & ZF) !== 0;
      break;
    case 2:
      t = (fl & (CF | ZF)) !== 0;
      break;
    default:
      t = (fl & PF) !== 0;
  }
  if (cc & 4) t = !t;
  if (underflow(f, 0) || underflow(f, k)) {
    f80.indefinite();
    setSt(f, 0);
  } else if (t) {
    const p = phys(f, k);
    OUT[0] = f.se[p];
    OUT[1] = f.hi[p];
    OUT[2] = f.lo[p];
    setSt(f, 0);
  }
  commit(f);
}

