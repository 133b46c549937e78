/**
 * IEEE 754 helpers for the SSE floating-point instructions: NaN rules
 * (SDM vol. 1, 4.8.3.5, table 4-7: a NaN source is returned quieted, the
 * first source when both are NaN; invalid operations give the default
 * "real indefinite" QNaN), MXCSR exception flags (IE, DE, ZE, OE, UE, PE;
 * vol. 1, 11.5.2) with inexactness found by error-free transformations,
 * the four rounding modes, DAZ and FTZ. Values travel as doubles; single
 * precision results are rounded with Math.fround from an exact or
 * correctly-checked double.
 */
import type { X86Core } from '../core';

export const MX_IE = 1;
export const MX_DE = 2;
export const MX_ZE = 4;
export const MX_OE = 8;
export const MX_UE = 16;
export const MX_PE = 32;
export const MX_DAZ = 64;
export const MX_FTZ = 1 << 15;

const buf = new ArrayBuffer(8);
const f64 = new Float64Array(buf);
const f32 = new Float32Array(buf);
const u32 = new Uint32Array(buf);

/** Flags raised by the current instruction (merged into MXCSR after). */
export let flags = 0;
export function clearFlags(): void {
  flags = 0;
}
export function raise(bits: number): void {
  flags |= bits;
}

// ---- bit-level classification ----

export function f32Bits(v: number): number {
  f32[0] = v;
  return u32[0];
}
export function f32FromBits(b: number): number {
  u32[0] = b;
  return f32[0];
}
export function isNaN32(b: number): boolean {
  return (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
}
export function isSNaN32(b: number): boolean {
  return isNaN32(b) && (b & 0x400000) === 0;
}
export function isNaN64(lo: number, hi: number): boolean {
  return (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) !== 0 || lo !== 0);
}
export function isSNaN64(lo: number, hi: number): boolean {
  return isNaN64(lo, hi) && (hi & 0x80000) === 0;
}
export function isDenormal32(b: number): boolean {
  return (b & 0x7f800000) === 0 && (b & 0x7fffff) !== 0;
}
export function isDenormal64(lo: number, hi: number): boolean {
  return (hi & 0x7ff00000) === 0 && ((hi & 0xfffff) !== 0 || lo !== 0);
}

export const DEFAULT_NAN32 = 0xffc00000 | 0;
export const DEFAULT_NAN_HI = 0xfff80000 | 0;

// ---- rounding ----

function nextUp64(v: number): number {
  if (v !== v || v === Infinity) return v;
  if (v === 0) return Number.MIN_VALUE;
  f64[0] = v;
  let lo = u32[0];
  let hi = u32[1];
  if (v > 0) {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi = (hi + 1) >>> 0;
  } else {
    if (lo === 0) hi = (hi - 1) >>> 0;
    lo = (lo - 1) >>> 0;
  }
  u32[0] = lo;
  u32[1] = hi;
  return f64[0];
}
function nextDown64(v: number): number {
  return -nextUp64(-v);
}
function nextUp32(v: number): number {
  if (v !== v || v === Infinity) return v;
  if (v === 0) return f32FromBits(1);
  const b = f32Bits(v);
  return f32FromBits(v > 0 ? b + 1 : b - 1);
}
function nextDown32(v: number): number {
  return -nextUp32(-v);
}

/** Adjusts a round-to-nearest result r whose exact value is r + err (err's
 * sign is what matters) for the MXCSR rounding control. */
function directed(rc: number, r: number, errSign: number, single: boolean): number {
  if (errSign === 0 || rc === 0) return r;
  if (rc === 1) return errSign < 0 ? (single ? nextDown32(r) : nextDown64(r)) : r; // toward -inf
  if (rc === 2) return errSign > 0 ? (single ? nextUp32(r) : nextUp64(r)) : r; // toward +inf
  // toward zero
  if (r > 0 && errSign < 0) return single ? nextDown32(r) : nextDown64(r);
  if (r < 0 && errSign > 0) return single ? nextUp32(r) : nextUp64(r);
  return r;
}

// Error-free product: p + e = a * b exactly (Dekker/Veltkamp), barring overflow.
const SPLIT = 134217729; // 2^27 + 1
function twoProductErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (((p - ah * bh) - al * bh) - ah * bl);
}

/** v = m * 2^e exactly (finite v). */
function exact(v: number): [bigint, number] {
  f64[0] = v;
  const lo = u32[0];
  const hi = u32[1];
  const expBits = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = expBits - 1075;
  }
  return [v < 0 ? -m : m, e];
}

/** Sign of (x - y) for exact values m*2^e. */
function cmpExact(x: [bigint, number], y: [bigint, number]): number {
  const e = Math.min(x[1], y[1]);
  const a = x[0] << BigInt(x[1] - e);
  const b = y[0] << BigInt(y[1] - e);
  return a > b ? 1 : a < b ? -1 : 0;
}

function mulExact(x: [bigint, number], y: [bigint, number]): [bigint, number] {
  return [x[0] * y[0], x[1] + y[1]];
}

/** Sign of (exact a OP b) - r, with BigInt arithmetic (the slow, always-right path). */
function exactErrSign(op: number, a: number, b: number, r: number): number {
  const R = exact(r);
  if (op === OP_ADD || op === OP_SUB) {
    const A = exact(a);
    const B = exact(op === OP_SUB ? -b : b);
    const e = Math.min(A[1], B[1]);
    const sum: [bigint, number] = [(A[0] << BigInt(A[1] - e)) + (B[0] << BigInt(B[1] - e)), e];
    return cmpExact(sum, R);
  }
  if (op === OP_MUL) return cmpExact(mulExact(exact(a), exact(b)), R);
  if (op === OP_DIV) {
    // a/b - r has the sign of (a - r*b) * sign(b)
    return cmpExact(exact(a), mulExact(R, exact(b))) * Math.sign(b);
  }
  return cmpExact(exact(a), mulExact(R, R));
}

const SAFE_HI = 2 ** 500;
const SAFE_LO = 2 ** -500;

function needsExact(a: number, b: number, r: number): boolean {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const z = Math.abs(r);
  return x > SAFE_HI || y > SAFE_HI || z > SAFE_HI || (x !== 0 && x < SAFE_LO) || (y !== 0 && y < SAFE_LO) || (z !== 0 && z < SAFE_LO);
}

export const OP_ADD = 0;
export const OP_SUB = 1;
export const OP_MUL = 2;
export const OP_DIV = 3;
export const OP_SQRT = 4;

/** a OP b in double or single precision with flags and rounding (operands
 * are not NaN; already DAZ-adjusted). */
export function arith(c: X86Core, op: number, a: number, b: number, single: boolean): number {
  const rc = (c.mxcsr >> 13) & 3;
  let r: number;
  let errSign = 0;
  if (op === OP_ADD || op === OP_SUB) {
    const bb = op === OP_SUB ? -b : b;
    if (!isFinite(a) || !isFinite(bb)) {
      if (a === -bb && !isFinite(a)) {
        raise(MX_IE);
        return NaN;
      }
      return a + bb;
    }
    r = a + bb;
    if (isFinite(r)) {
      const z = r - a;
      errSign = Math.sign((a - (r - z)) + (bb - z));
    }
    // An exact zero sum is +0, except -0 when rounding toward -inf (or -0 + -0).
    if (r === 0 && errSign === 0 && rc === 1 && !(Object.is(a, 0) && Object.is(bb, 0))) r = -0;
  } else if (op === OP_MUL) {
    if ((a === 0 && !isFinite(b)) || (b === 0 && !isFinite(a))) {
      raise(MX_IE);
      return NaN;
    }
    r = a * b;
    if (isFinite(r) && r !== 0 && isFinite(a) && isFinite(b)) errSign = Math.sign(twoProductErr(a, b, r));
    else if (r === 0 && a !== 0 && b !== 0) errSign = Math.sign(a) * Math.sign(b);
  } else if (op === OP_DIV) {
    if ((a === 0 && b === 0) || (!isFinite(a) && !isFinite(b))) {
      raise(MX_IE);
      return NaN;
    }
    if (b === 0) {
      if (isFinite(a)) raise(MX_ZE); // inf / 0 is an exact infinity
      return a / b;
    }
    r = a / b;
    if (isFinite(r) && r !== 0 && isFinite(a) && isFinite(b)) {
      // remainder a - r*b, exactly: its sign tells the direction of the error
      const p = r * b;
      const e = twoProductErr(r, b, p);
      errSign = Math.sign(((a - p) - e) * Math.sign(b));
    } else if (r === 0 && a !== 0 && isFinite(b)) errSign = Math.sign(a) * Math.sign(b);
  } else {
    if (a < 0) {
      raise(MX_IE);
      return NaN;
    }
    r = Math.sqrt(a);
    if (isFinite(r) && r !== 0) {
      const p = r * r;
      const e = twoProductErr(r, r, p);
      errSign = Math.sign(a - p - e);
    }
  }
  if (!isFinite(r) && isFinite(a) && (op === OP_SQRT || isFinite(b))) {
    // Finite operands, infinite result: overflow, rounded per RC.
    raise(MX_OE | MX_PE);
    return overflowResult(rc, r > 0, single);
  }
  if (isFinite(r) && isFinite(a) && isFinite(b) && needsExact(a, b, r)) errSign = exactErrSign(op, a, b, r);
  return round(c, r, errSign, single, rc);
}

/** Rounds a double result (its exact value being r + something of sign
 * errSign) to the destination format, raising PE/OE/UE and applying FTZ. */
export function round(c: X86Core, r: number, errSign: number, single: boolean, rc = (c.mxcsr >> 13) & 3): number {
  if (r !== r) return r;
  let out: number;
  let inexact = errSign !== 0;
  if (single) {
    let f = Math.fround(r);
    if (!isFinite(f) && isFinite(r)) {
      raise(MX_OE | MX_PE);
      return overflowResult(rc, r > 0, true);
    }
    if (f !== r) {
      inexact = true;
      const s = Math.sign(r - f);
      f = directed(rc, f, s, true);
    } else f = directed(rc, f, errSign, true);
    out = f;
    if (!isFinite(out) && isFinite(r)) {
      raise(MX_OE | MX_PE);
      out = overflowResult(rc, r > 0, true);
      return out;
    }
    if (out !== 0 && Math.abs(out) < 1.1754943508222875e-38 && inexact) raise(MX_UE);
    else if (out === 0 && r !== 0) raise(MX_UE);
  } else {
    out = directed(rc, r, errSign, false);
    if (!isFinite(out) && isFinite(r - 0) && errSign !== 0) {
      raise(MX_OE | MX_PE);
      return overflowResult(rc, r > 0, false);
    }
    if (!isFinite(r) && inexact) {
      raise(MX_OE | MX_PE);
      return overflowResult(rc, r > 0, false);
    }
    if (Math.abs(out) < 2.2250738585072014e-308 && inexact) raise(MX_UE);
  }
  if (inexact) raise(MX_PE);
  const tiny = single ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
  if ((c.mxcsr & MX_FTZ) !== 0 && out !== 0 && Math.abs(out) < tiny) {
    raise(MX_UE | MX_PE);
    out = out < 0 ? -0 : 0;
  }
  return out;
}

function overflowResult(rc: number, positive: boolean, single: boolean): number {
  const max = single ? 3.4028234663852886e38 : Number.MAX_VALUE;
  if (rc === 0) return positive ? Infinity : -Infinity;
  if (rc === 3) return positive ? max : -max;
  if (rc === 1) return positive ? max : -Infinity;
  return positive ? Infinity : -max;
}

/** Merges the instruction's flags into MXCSR; #XM (or #UD without
 * CR4.OSXMMEXCPT) when one of them is unmasked (vol. 1, 11.5.1). */
export function commitFlags(c: X86Core): void {
  if (flags === 0) return;
  const unmasked = flags & ~(c.mxcsr >> 7) & 0x3f;
  c.mxcsr |= flags;
  if (unmasked !== 0) c.raise((c.cr4 & (1 << 10)) !== 0 ? 19 : 6);
}

export function dropFlags(bits: number): void {
  flags &= ~bits;
}

/** Flags saved at the start of a lane (see laneDone). */
let laneStart = 0;
export function laneBegin(): void {
  laneStart = flags;
  flags = 0;
}
/** Ends a lane: a NaN operand, an invalid operation or a division by zero
 * take precedence over the denormal-operand exception (SDM vol. 1, 11.5.2:
 * only the highest-priority condition of a lane is reported). */
export function laneEnd(nanOperand: boolean): void {
  let f = flags;
  if (nanOperand || (f & (MX_IE | MX_ZE)) !== 0) f &= ~MX_DE;
  flags = laneStart | f;
}
