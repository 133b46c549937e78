/**
 * x87 transcendental instructions (SDM vol. 2 FSIN, FCOS, FSINCOS, FPTAN,
 * FPATAN, F2XM1, FYL2X, FYL2XP1; vol. 1, 8.3.10): results are computed by
 * the fixed-point kernels of x87-math.ts and rounded once to the 64-bit
 * significand by RC (the precision control does not apply), so they are
 * correctly rounded except in astronomically rare hard cases. Special
 * operands follow the instruction pages' tables; C2 = 1 leaves an
 * out-of-range (|x| >= 2^63) fsin/fcos/fsincos/fptan operand alone.
 */
import type { X86Core } from '../core';
import * as f80 from '../float80';
import { ctl, EXC_DE, EXC_IE, EXC_PE, EXC_UE, EXC_ZE, OUT } from '../float80';
import { atanOverX, cosW, divW, expm1OverX, fix, LN2, log1pOverX, ONE, PI, PI_2, reduce, sinOverX, W } from '../x87-math';
import { commit, enterOp, phys, pop, pushOut, setC1FromRounding, setSt, SW_C1, SW_C2, underflow, X87 } from './x87-state';

const L = new Int32Array(12);
const WN = Number(W);

/** Rounds sign * m * 2^e (m > 0; inexact unless `exact`) to 64 bits by RC into OUT, setting PE/C1. */
function pack(f: X87, sign: number, m: bigint, e: number, exact = false): void {
  let sticky = exact ? 0 : 1;
  if (m < 0n) {
    m = -m;
    sign ^= 1;
  }
  if (m === 0n) {
    OUT[0] = sign << 15;
    OUT[1] = 0;
    OUT[2] = 0;
    return;
  }
  const bl = m.toString(2).length;
  if (bl > 176) {
    const s = BigInt(bl - 176);
    if ((m & ((1n << s) - 1n)) !== 0n) sticky = 1;
    m >>= s;
    e += bl - 176;
  }
  for (let k = 11; k >= 0; k--) {
    L[k] = Number(m & 0xffffn);
    m >>= 16n;
  }
  // Limb 0's top bit weighs 2^(e + 191).
  f80.roundPack(sign, e + 191, L, sticky, 64, f.rc());
  setC1FromRounding(f);
}

/** The 64-bit significand of ST(k) (with expOf: the operand is m * 2^e; classify() notes #D). */
function sig(f: X87, k: number): bigint {
  const p = phys(f, k);
  return (BigInt(f.hi[p] >>> 0) << 32n) | BigInt(f.lo[p] >>> 0);
}

function expOf(f: X87, k: number): number {
  const ex = f.se[phys(f, k)] & 0x7fff;
  return (ex === 0 ? 1 : ex) - f80.BIAS - 63;
}

const CLASS_ZERO = 0;
const CLASS_FINITE = 1;
const CLASS_INF = 2;
const CLASS_NAN = 3;
const CLASS_BAD = 4;

/** Classifies ST(k); denormals signal #D. */
function classify(f: X87, k: number): number {
  const p = phys(f, k);
  const se = f.se[p], hi = f.hi[p], lo = f.lo[p];
  if (f80.isUnsupported(se, hi)) return CLASS_BAD;
  if (f80.isNaN80(se, hi, lo)) return CLASS_NAN;
  const e = se & 0x7fff;
  if (e === 0x7fff) return CLASS_INF;
  if ((hi | lo) === 0) return CLASS_ZERO;
  if (e === 0) ctl.exc |= EXC_DE;
  return CLASS_FINITE;
}

/** An invalid operation reports IE without DE (as the host does). */
function done(f: X87): void {
  if ((ctl.exc & EXC_IE) !== 0) ctl.exc &= ~EXC_DE;
  commit(f);
}

/** NaN/unsupported operands: the selected quiet NaN or the indefinite into OUT (IE for SNaN). */
function nanResult(f: X87, a: number, b: number): void {
  const pa = phys(f, a);
  const pb = phys(f, b);
  f80.add(f.se[pa], f.hi[pa], f.lo[pa], f.se[pb], f.hi[pb], f.lo[pb], 64, 0);
}

function signOf(f: X87, k: number): number {
  return (f.se[phys(f, k)] >>> 15) & 1;
}

function put(se: number, hi: number, lo: number): void {
  OUT[0] = se;
  OUT[1] = hi;
  OUT[2] = lo;
}

// ---- fsin, fcos, fsincos, fptan ----

const OP_SIN = 0;
const OP_COS = 1;
const OP_SINCOS = 2;
const OP_TAN = 3;

/** sin (which 0) or cos (1) of ST(0) (finite, nonzero, in range) into OUT. */
function sinCos(f: X87, which: number): void {
  const m = sig(f, 0);
  const e = expOf(f, 0);
  const sign = signOf(f, 0);
  if (e + 63 < -1) {
    // |x| < 1/2: no reduction; sin keeps its relative accuracy as x * (sin x / x).
    // (x is nonzero: sin x / x and cos x stay strictly below 1 even when x vanishes in fixed point)
    const r = fix(m, e);
    const v = which === 0 ? sinOverX(r) : cosW(r);
    pack(f, which === 0 ? sign : 0, (which === 0 ? m : 1n) * (v >= ONE ? ONE - 1n : v), which === 0 ? e - WN : -WN);
    return;
  }
  const { q, r } = reduce(m, e);
  const k = (q + which) & 3; // cos x = sin(x + pi/2)
  const v = k === 0 || k === 2 ? r * sinOverX(r) : cosW(r) << W;
  // sin is odd, cos even: only sin takes the operand's sign.
  pack(f, (which === 0 ? sign : 0) ^ (k >= 2 ? 1 : 0), v, -2 * WN);
}

/** tan of ST(0) into OUT. */
function tan(f: X87): void {
  const m = sig(f, 0);
  const e = expOf(f, 0);
  const sign = signOf(f, 0);
  if (e + 63 < -1) {
    const r = fix(m, e);
    // tan x / x = (sin x / x) / cos x
    const q = divW(sinOverX(r), cosW(r));
    pack(f, sign, m * (q <= ONE ? ONE + 1n : q), e - WN); // tan x / x > 1
    return;
  }
  const { q, r } = reduce(m, e);
  const s = r * sinOverX(r); // scaled 2^-2W
  const c = cosW(r) << W;
  // tan(x) = tan(r) for even quadrants, -cot(r) for odd ones.
  if ((q & 1) === 0) pack(f, sign, (s << (2n * W)) / c, -2 * WN);
  else pack(f, sign ^ 1, (c << (2n * W)) / s, -2 * WN);
}

/** fsin (x 0), fcos (1), fsincos (2), fptan (3). */
export function trig(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const op = c.d.x[i];
  const pushes = op >= OP_SINCOS;
  f.sw &= ~(SW_C1 | SW_C2);
  if (underflow(f, 0)) {
    f80.indefinite();
    setSt(f, 0);
    if (pushes) pushOut(f);
    done(f);
    return;
  }
  if (pushes && f.empty[(f.top - 1) & 7] === 0) {
    // Stack overflow: both results are the indefinite (masked response).
    ctl.exc |= EXC_IE;
    f.sw |= 0x40 | SW_C1;
    if ((f.cw & EXC_IE) !== 0) {
      f80.indefinite();
      setSt(f, 0);
      f.top = (f.top - 1) & 7;
      setSt(f, 0);
    }
    done(f);
    return;
  }
  const cls = classify(f, 0);
  const p = f.top;
  if (cls === CLASS_NAN || cls === CLASS_BAD || cls === CLASS_INF) {
    if (cls === CLASS_INF) invalid();
    else nanResult(f, 0, 0);
    setSt(f, 0);
    if (pushes) pushOut(f);
    done(f);
    return;
  }
  if ((f.se[p] & 0x7fff) >= f80.BIAS + 63) {
    f.sw |= SW_C2; // out of range: operand unchanged
    ctl.exc &= ~EXC_DE;
    done(f);
    return;
  }
  const sign = signOf(f, 0);
  if (cls === CLASS_ZERO) {
    // sin(+-0) = tan(+-0) = +-0, cos(+-0) = 1, exactly.
    if (op === OP_COS) put(0x3fff, 0x80000000 | 0, 0);
    else put(sign << 15, 0, 0);
    setSt(f, 0);
    if (pushes) {
      put(0x3fff, 0x80000000 | 0, 0);
      pushOut(f);
    }
    done(f);
    return;
  }
  if (op === OP_SIN || op === OP_COS) {
    sinCos(f, op);
    setSt(f, 0);
  } else if (op === OP_TAN) {
    tan(f);
    setSt(f, 0);
    put(0x3fff, 0x80000000 | 0, 0); // fptan pushes 1.0 (exact)
    const up = ctl.roundedUp;
    pushOut(f);
    ctl.roundedUp = up;
  } else {
    sinCos(f, 1);
    const cse = OUT[0], chi = OUT[1], clo = OUT[2];
    sinCos(f, 0);
    const sUp = ctl.roundedUp;
    setSt(f, 0);
    put(cse, chi, clo);
    pushOut(f);
    ctl.roundedUp = sUp; // C1 reports the sine's rounding (as the host does)
    setC1FromRounding(f);
  }
  done(f);
}

// ---- fpatan ----

/** atan2(ST(1), ST(0)) for finite nonzero operands into OUT. */
function atan2(f: X87): void {
  const my = sig(f, 1), ey = expOf(f, 1), sy = signOf(f, 1);
  const mx = sig(f, 0), ex = expOf(f, 0), sx = signOf(f, 0);
  // |y| / |x| with 2W extra bits: t = tm * 2^te.
  const tm = (my << (2n * W)) / mx;
  const te = ey - ex - 2 * WN;
  const yLeX = my * 2n ** BigInt(Math.max(0, ey - ex)) <= mx * 2n ** BigInt(Math.max(0, ex - ey)) || ey - ex < -70;
  if (yLeX && sx === 0) {
    // atan(t) = t * (atan t / t): relative accuracy for tiny ratios.
    pack(f, sy, tm * atanOverX(fix(tm, te)), te - WN);
    return;
  }
  let a: bigint; // |angle| * 2^W
  if (yLeX) a = mulAtan(fix(tm, te));
  else {
    const um = (mx << (2n * W)) / my; // |x| / |y|
    a = PI_2 - mulAtan(fix(um, ex - ey - 2 * WN));
  }
  if (sx === 1) a = PI - a;
  pack(f, sy, a, -WN);
}

function mulAtan(t: bigint): bigint {
  return (t * atanOverX(t)) >> W;
}

/**
 * The frame fpatan and fyl2x/fyl2xp1 share: ST(1) = f(ST(1), ST(0)), then
 * pop. A stack underflow gives the indefinite and a NaN operand the NaN
 * result (#D does not apply to it); `body` computes every other case from
 * the operands' classes (x = ST(0), y = ST(1)) and signs.
 */
function twoOperandsPop(
  c: X86Core,
  i: number,
  body: (f: X87, cx: number, cy: number, sx: number, sy: number) => void,
): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  if (underflow(f, 0) || underflow(f, 1)) {
    f80.indefinite();
  } else {
    const cx = classify(f, 0);
    const cy = classify(f, 1);
    if (cx >= CLASS_NAN || cy >= CLASS_NAN) {
      ctl.exc &= ~EXC_DE;
      nanResult(f, 0, 1);
    } else body(f, cx, cy, signOf(f, 0), signOf(f, 1));
  }
  setSt(f, 1);
  pop(f);
  done(f);
}

/** fpatan: ST(1) = atan2(ST(1), ST(0)), pop (SDM FPATAN, table 3-30 for special operands). */
export function fpatan(c: X86Core, i: number): void {
  twoOperandsPop(c, i, atan2Special);
}

/** atan2 of two non-NaN operands; zeros and infinities give multiples of
 * pi/4 (or signed zeros). */
function atan2Special(f: X87, cx: number, cy: number, sx: number, sy: number): void {
  if (cx === CLASS_FINITE && cy === CLASS_FINITE) {
    atan2(f);
    return;
  }
  let quarter: number; // the result in units of pi/4
  if (cy === CLASS_ZERO) quarter = sx ? 4 : 0;
  else if (cy === CLASS_INF) quarter = cx === CLASS_INF ? (sx ? 3 : 1) : 2;
  else if (cx === CLASS_ZERO) quarter = 2;
  else quarter = sx ? 4 : 0; // finite y, infinite x
  if (quarter === 0) put(sy << 15, 0, 0);
  else pack(f, sy, (PI >> 2n) * BigInt(quarter), -WN);
}

// ---- f2xm1 ----

/** f2xm1: ST(0) = 2^ST(0) - 1 (defined for -1 <= x <= 1). */
export function f2xm1(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  if (underflow(f, 0)) {
    f80.indefinite();
    setSt(f, 0);
    done(f);
    return;
  }
  const cls = classify(f, 0);
  const s = signOf(f, 0);
  if (cls >= CLASS_NAN) nanResult(f, 0, 0);
  else if (cls === CLASS_ZERO) put(s << 15, 0, 0);
  else if (cls === CLASS_INF) {
    if (s) put(0xbfff, 0x80000000 | 0, 0); // 2^-inf - 1 = -1
    else put(0x7fff, 0x80000000 | 0, 0);
  } else {
    const m = sig(f, 0);
    const e = expOf(f, 0);
    if (e + 63 >= 0) exp2Large(f, m, e, s);
    else {
      // 2^x - 1 = y * (e^y - 1)/y with y = x ln 2: relative accuracy near zero.
      const y = (fix(m, e) * LN2) >> W;
      const v = (s ? -m : m) * LN2 * expm1OverX(s ? -y : y);
      pack(f, 0, v, e - 2 * WN);
    }
  }
  setSt(f, 0);
  done(f);
}


/**
 * |x| >= 1, where the SDM leaves f2xm1 undefined beyond 1: computed as
 * 2^k * 2^g - 1 (k = trunc(x), |g| < 1), so any operand finishes quickly;
 * huge ones overflow or give -1 like the true function.
 */
function exp2Large(f: X87, m: bigint, e: number, s: number): void {
  if (e + 63 >= 15) {
    // |x| >= 2^15: +inf (overflow, or the largest finite by RC), or just above -1.
    if (s) pack(f, 1, ONE - 1n, -WN);
    else pack(f, 0, 1n, 1 << 16);
    return;
  }
  const xw = fix(m, e); // exact: |x| < 2^15 has at most 64 significant bits
  const k = xw >> W;
  const g = xw - (k << W); // |x| = k + g, g in [0, 1)
  const y = (g * LN2) >> W;
  const pow = ONE + ((y * expm1OverX(y)) >> W); // 2^g
  if (s === 0) pack(f, 0, (pow << k) - ONE, -WN);
  else pack(f, 0, (divW(ONE, pow) >> k) - ONE, -WN); // 2^-(k+g) - 1, in (-1, -1/2]
}

// ---- fyl2x, fyl2xp1 ----

/** log2(x) * 2^W for finite x > 0 (exact for powers of two). */
function log2W(m: bigint, e: number): { v: bigint; exact: boolean } {
  // x = mx * 2^k with mx in [1, 2); move to [sqrt(1/2), sqrt 2) so ln(mx) = ln(1 + g) with small g.
  const bl = m.toString(2).length;
  let k = e + bl - 1;
  let g = fix(m, 1 - bl) - ONE; // mx - 1, exact (m has at most 64 bits)
  if (g === 0n) return { v: BigInt(k) << W, exact: true };
  if (g > (ONE * 41421356n) / 100000000n) {
    k += 1;
    g = (g - ONE) >> 1n; // mx/2 - 1
  }
  const lnMx = (g * log1pOverX(g)) >> W;
  return { v: (BigInt(k) << W) + divW(lnMx, LN2), exact: false };
}

/** fyl2x (x 0): ST(1) = ST(1) * log2(ST(0)); fyl2xp1 (x 1): ST(1) * log2(ST(0) + 1); then pop. */
export function fyl2x(c: X86Core, i: number): void {
  twoOperandsPop(c, i, c.d.x[i] === 1 ? yl2xp1 : yl2x);
}

/** Invalid operation: the masked response's indefinite; IE takes precedence over DE (as on the host). */
function invalid(): void {
  ctl.exc = (ctl.exc & ~EXC_DE) | EXC_IE;
  f80.indefinite();
}

function yl2x(f: X87, cx: number, cy: number, sx: number, sy: number): void {
  if (sx === 1 && cx !== CLASS_ZERO) return invalid(); // log of a negative number
  if (cx === CLASS_ZERO) {
    if (cy === CLASS_ZERO) return invalid();
    if (cy === CLASS_FINITE) ctl.exc = (ctl.exc & ~EXC_DE) | EXC_ZE; // ZE without DE (host)
    return put(((sy ^ 1) << 15) | 0x7fff, 0x80000000 | 0, 0); // y * -inf
  }
  if (cx === CLASS_INF) {
    if (cy === CLASS_ZERO) return invalid();
    return put((sy << 15) | 0x7fff, 0x80000000 | 0, 0);
  }
  const { v, exact } = log2W(sig(f, 0), expOf(f, 0));
  if (cy === CLASS_INF) {
    if (v === 0n) return invalid(); // inf * log2(1)
    return put(((sy ^ (v < 0n ? 1 : 0)) << 15) | 0x7fff, 0x80000000 | 0, 0);
  }
  if (cy === CLASS_ZERO || v === 0n) return put((sy ^ (v < 0n ? 1 : 0)) << 15, 0, 0);
  pack(f, sy, sig(f, 1) * v, expOf(f, 1) - WN, exact);
  // The host flags PE even for the exact results of powers of two (and UE when they are denormal).
  ctl.exc |= EXC_PE;
  if ((OUT[0] & 0x7fff) === 0 && (OUT[1] | OUT[2]) !== 0) ctl.exc |= EXC_UE;
}

function yl2xp1(f: X87, cx: number, cy: number, sx: number, sy: number): void {
  if (cx === CLASS_ZERO) {
    if (cy === CLASS_INF) return invalid(); // inf * log2(1)
    return put((sx ^ sy) << 15, 0, 0);
  }
  if (cx === CLASS_INF) {
    if (sx === 1 || cy === CLASS_ZERO) return invalid();
    return put((sy << 15) | 0x7fff, 0x80000000 | 0, 0);
  }
  if (cy === CLASS_INF) return put(((sx ^ sy) << 15) | 0x7fff, 0x80000000 | 0, 0);
  if (cy === CLASS_ZERO) return put((sx ^ sy) << 15, 0, 0);
  const m = sig(f, 0);
  const e = expOf(f, 0);
  if (e + 63 >= -2) {
    // |x| >= 1/4, near or beyond the defined range (|x| < 1 - sqrt(2)/2): log2 of the exact 1 + x.
    const lo = Math.min(e, 0);
    const one = 1n << BigInt(-lo);
    const sum = one + (sx ? -m : m) * (1n << BigInt(e - lo));
    if (sum <= 0n) return invalid();
    const { v } = log2W(sum, lo);
    if (v === 0n) return put((sx ^ sy) << 15, 0, 0);
    return pack(f, sy, sig(f, 1) * v, expOf(f, 1) - WN);
  }
  // log2(1 + x) = x * (ln(1 + x)/x) / ln 2.
  const g = fix(m, e);
  const ratio = divW(log1pOverX(sx ? -g : g), LN2);
  pack(f, sx ^ sy, sig(f, 1) * m * ratio, expOf(f, 1) + e - WN);
}
