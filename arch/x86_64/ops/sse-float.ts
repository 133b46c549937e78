/**
 * SSE/SSE2 floating point: add/sub/mul/div/sqrt/min/max in ps/pd/ss/sd
 * forms, cmpps/cmppd/cmpss/cmpsd, comiss/comisd/ucomiss/ucomisd, the
 * conversions, shufps/shufpd, unpck[lh]p[sd], ldmxcsr/stmxcsr,
 * fxsave/fxrstor (SDM vol. 2). Lanes are read as bits so NaN payloads and
 * signs follow the x86 rules exactly (sse-fp.ts).
 */
import { fxrstorX87, fxsaveX87 } from './x87-control';
import type { X86Core } from '../core';
import { NO_REG } from '../decoded';
import { CF, PF, ZF, materialize, LazyOp } from '../flags';
import { ea, readE, writeG } from '../operands';
import { EXC_UD } from '../registers';
import * as fp from './sse-fp';
import { SCRATCH2, checkSse, copyXmm, srcW, views } from './sse-state';

// Forms (x >> 4): packed single, packed double, scalar single, scalar double.
const PS = 0;
const PD = 1;
const SS = 2;
const SD = 3;

interface Lane {
  v: number;
  nan: boolean;
  snan: boolean;
  lo: number;
  hi: number;
}
const A: Lane = { v: 0, nan: false, snan: false, lo: 0, hi: 0 };
const B: Lane = { v: 0, nan: false, snan: false, lo: 0, hi: 0 };

function load(c: X86Core, reg: number, lane: number, single: boolean, out: Lane, denormalFlag = true): void {
  const x = c.xmm;
  if (single) {
    const b = x[reg * 4 + lane];
    out.lo = b;
    out.hi = 0;
    out.nan = fp.isNaN32(b);
    out.snan = fp.isSNaN32(b);
    if (fp.isDenormal32(b)) {
      if ((c.mxcsr & fp.MX_DAZ) !== 0) {
        out.v = b < 0 ? -0 : 0;
        out.lo = b & 0x80000000;
      }
      else {
        if (denormalFlag) fp.raise(fp.MX_DE);
        out.v = fp.f32FromBits(b);
      }
    } else out.v = fp.f32FromBits(b);
  } else {
    const lo = x[reg * 4 + lane * 2];
    const hi = x[reg * 4 + lane * 2 + 1];
    out.lo = lo;
    out.hi = hi;
    out.nan = fp.isNaN64(lo, hi);
    out.snan = fp.isSNaN64(lo, hi);
    const f = views(c).f64[reg * 2 + lane];
    if (fp.isDenormal64(lo, hi)) {
      if ((c.mxcsr & fp.MX_DAZ) !== 0) {
        out.v = hi < 0 ? -0 : 0;
        out.lo = 0;
        out.hi = hi & 0x80000000;
      }
      else {
        if (denormalFlag) fp.raise(fp.MX_DE);
        out.v = f;
      }
    } else out.v = f;
  }
}

function storeNum(c: X86Core, reg: number, lane: number, single: boolean, v: number): void {
  const vw = views(c);
  if (v !== v) {
    // Invalid-operation result: the default QNaN ("real indefinite").
    if (single) c.xmm[reg * 4 + lane] = fp.DEFAULT_NAN32;
    else {
      c.xmm[reg * 4 + lane * 2] = 0;
      c.xmm[reg * 4 + lane * 2 + 1] = fp.DEFAULT_NAN_HI;
    }
    return;
  }
  if (single) vw.f32[reg * 4 + lane] = v;
  else vw.f64[reg * 2 + lane] = v;
}

function storeQuietNaN(c: X86Core, reg: number, lane: number, single: boolean, n: Lane): void {
  if (single) c.xmm[reg * 4 + lane] = n.lo | 0x400000;
  else {
    c.xmm[reg * 4 + lane * 2] = n.lo;
    c.xmm[reg * 4 + lane * 2 + 1] = n.hi | 0x80000;
  }
}

function storeBits(c: X86Core, reg: number, lane: number, single: boolean, n: Lane): void {
  if (single) c.xmm[reg * 4 + lane] = n.lo;
  else {
    c.xmm[reg * 4 + lane * 2] = n.lo;
    c.xmm[reg * 4 + lane * 2 + 1] = n.hi;
  }
}

function lanesOf(form: number): number {
  return form === PS ? 4 : form === PD ? 2 : 1;
}

/** x = op | form << 4; ops 0 add 1 sub 2 mul 3 div 4 sqrt 5 min 6 max. */
export function fpArith(c: X86Core, i: number): void {
  checkSse(c);
  const op = c.d.x[i] & 15;
  const form = c.d.x[i] >> 4;
  const single = form === PS || form === SS;
  const bytes = form === PS || form === PD ? 16 : single ? 4 : 8;
  const s = srcW(c, i, bytes, bytes === 16);
  const d = c.d.reg[i];
  fp.clearFlags();
  const t = SCRATCH2;
  copyXmm(c, t, d);
  const n = lanesOf(form);
  for (let k = 0; k < n; k++) {
    fp.laneBegin();
    A.nan = false;
    if (op !== 4) load(c, d, k, single, A);
    load(c, s, k, single, B);
    lane(c, op, t, k, single);
    fp.laneEnd(A.nan || B.nan);
  }
  fp.commitFlags(c);
  copyXmm(c, d, t);
}

function lane(c: X86Core, op: number, t: number, k: number, single: boolean): void {
  if (op === 4) {
    // sqrt takes only the source.
    if (B.nan) {
      if (B.snan) fp.raise(fp.MX_IE);
      storeQuietNaN(c, t, k, single, B);
    } else storeNum(c, t, k, single, fp.arith(c, fp.OP_SQRT, B.v, 0, single));
    return;
  }
  if (op >= 5) {
    // min/max: a NaN (either) or two zeros give the source operand.
    if (A.nan || B.nan) fp.raise(fp.MX_IE);
    const takeA = !A.nan && !B.nan && (op === 5 ? A.v < B.v : A.v > B.v);
    storeBits(c, t, k, single, takeA ? A : B);
    return;
  }
  if (A.nan || B.nan) {
    if (A.snan || B.snan) fp.raise(fp.MX_IE);
    storeQuietNaN(c, t, k, single, A.nan ? A : B);
    return;
  }
  storeNum(c, t, k, single, fp.arith(c, op, A.v, B.v, single));
}

/** cmpps/cmppd/cmpss/cmpsd with imm8 predicate 0-7 (x = form << 4). */
export function fpCompare(c: X86Core, i: number): void {
  checkSse(c);
  const form = c.d.x[i] >> 4;
  const single = form === PS || form === SS;
  const bytes = form === PS || form === PD ? 16 : single ? 4 : 8;
  const s = srcW(c, i, bytes, bytes === 16);
  const d = c.d.reg[i];
  const pred = c.d.imm[i] & 7;
  fp.clearFlags();
  const t = SCRATCH2;
  copyXmm(c, t, d);
  for (let k = 0; k < lanesOf(form); k++) {
    fp.laneBegin();
    load(c, d, k, single, A);
    load(c, s, k, single, B);
    const un = A.nan || B.nan;
    fp.laneEnd(un);
    // LT, LE, NLT, NLE signal on QNaN too; the others only on SNaN.
    if (A.snan || B.snan || (un && (pred === 1 || pred === 2 || pred === 5 || pred === 6))) fp.raise(fp.MX_IE);
    let r: boolean;
    switch (pred) {
      case 0: r = !un && A.v === B.v; break;
      case 1: r = !un && A.v < B.v; break;
      case 2: r = !un && A.v <= B.v; break;
      case 3: r = un; break;
      case 4: r = un || A.v !== B.v; break;
      case 5: r = un || !(A.v < B.v); break;
      case 6: r = un || !(A.v <= B.v); break;
      default: r = !un; break;
    }
    const m = r ? -1 : 0;
    if (single) c.xmm[t * 4 + k] = m;
    else {
      c.xmm[t * 4 + k * 2] = m;
      c.xmm[t * 4 + k * 2 + 1] = m;
    }
  }
  fp.commitFlags(c);
  copyXmm(c, d, t);
}

/** comiss/comisd (x bit 0 = 1: signal on QNaN) and ucomiss/ucomisd;
 * x bit 1: double. Sets ZF/PF/CF, clears OF/SF/AF. */
export function fpComi(c: X86Core, i: number): void {
  checkSse(c);
  const single = (c.d.x[i] & 2) === 0;
  const signalQuiet = (c.d.x[i] & 1) !== 0;
  const s = srcW(c, i, single ? 4 : 8, false);
  fp.clearFlags();
  fp.laneBegin();
  load(c, c.d.reg[i], 0, single, A);
  load(c, s, 0, single, B);
  fp.laneEnd(A.nan || B.nan);
  let f: number;
  if (A.nan || B.nan) {
    if (A.snan || B.snan || signalQuiet) fp.raise(fp.MX_IE);
    f = ZF | PF | CF;
  } else f = A.v > B.v ? 0 : A.v < B.v ? CF : ZF;
  fp.commitFlags(c);
  materialize(c);
  c.flags = (c.flags & ~0x8d5) | f;
  c.fop = LazyOp.NONE;
}

/** Integer conversions of a double `v` (already rounded or truncated) to a
 * 32/64-bit integer: out of range or NaN gives the "integer indefinite". */
function toInt(v: number, bits: number, out: Int32Array): boolean {
  const limit = bits === 32 ? 2147483648 : 9223372036854775808;
  if (v !== v || v >= limit || v < -limit) {
    fp.raise(fp.MX_IE);
    out[0] = bits === 32 ? (0x80000000 | 0) : 0;
    out[1] = bits === 32 ? 0 : (0x80000000 | 0);
    return false;
  }
  if (bits === 32) {
    out[0] = v | 0;
    out[1] = 0;
    return true;
  }
  out[0] = v % 4294967296 | 0;
  out[1] = Math.floor(v / 4294967296) | 0;
  return true;
}

function roundInt(c: X86Core, v: number, truncate: boolean): number {
  if (v !== v || !isFinite(v)) return v;
  let r: number;
  if (truncate) r = Math.trunc(v);
  else {
    const rc = (c.mxcsr >> 13) & 3;
    if (rc === 1) r = Math.floor(v);
    else if (rc === 2) r = Math.ceil(v);
    else if (rc === 3) r = Math.trunc(v);
    else {
      r = Math.round(v);
      if (Math.abs(v - Math.trunc(v)) === 0.5) r = 2 * Math.round(v / 2); // ties to even
    }
  }
  return r;
}

const I2 = new Int32Array(2);

/** cvt(t)ss2si / cvt(t)sd2si (x bit 0: truncate, bit 1: double source). */
export function cvtToSi(c: X86Core, i: number): void {
  checkSse(c);
  const truncate = (c.d.x[i] & 1) !== 0;
  const single = (c.d.x[i] & 2) === 0;
  const s = srcW(c, i, single ? 4 : 8, false);
  fp.clearFlags();
  load(c, s, 0, single, A, false);
  const size = c.d.osz[i];
  const r = A.nan ? NaN : roundInt(c, A.v, truncate);
  if (toInt(r, size * 8, I2) && r !== A.v) fp.raise(fp.MX_PE);
  fp.commitFlags(c);
  writeG(c, i, size, I2[0], I2[1]);
}

/** cvtsi2ss / cvtsi2sd (x = 1: double destination). */
export function cvtSiTo(c: X86Core, i: number): void {
  checkSse(c);
  const single = c.d.x[i] === 0;
  const size = c.d.osz[i];
  const lo = readE(c, i, size);
  fp.clearFlags();
  let v: number;
  let errSign = 0;
  if (size === 8) {
    const big = BigInt.asIntN(64, (BigInt(c.hi) << 32n) | BigInt(lo >>> 0));
    v = Number(big);
    const back = isFinite(v) ? BigInt(v) : big;
    errSign = big > back ? 1 : big < back ? -1 : 0;
  } else v = lo;
  const r = fp.round(c, v, errSign, single);
  fp.commitFlags(c);
  storeNum(c, c.d.reg[i], 0, single, r);
}

/** cvtss2sd (x = 0), cvtsd2ss (1), cvtps2pd (2), cvtpd2ps (3). */
export function cvtFloat(c: X86Core, i: number): void {
  checkSse(c);
  const kind = c.d.x[i];
  const fromSingle = kind === 0 || kind === 2;
  const packed = kind >= 2;
  const s = srcW(c, i, packed ? (kind === 2 ? 8 : 16) : fromSingle ? 4 : 8, kind === 3);
  const d = c.d.reg[i];
  fp.clearFlags();
  const t = SCRATCH2;
  copyXmm(c, t, d);
  if (kind === 3) {
    c.xmm[t * 4 + 2] = 0;
    c.xmm[t * 4 + 3] = 0;
  }
  const n = packed ? 2 : 1;
  for (let k = 0; k < n; k++) {
    fp.laneBegin();
    load(c, s, k, fromSingle, A);
    fp.laneEnd(A.nan);
    if (A.nan) {
      if (A.snan) fp.raise(fp.MX_IE);
      if (fromSingle) {
        // float NaN -> double NaN: payload moves to the top of the fraction.
        const q = A.lo | 0x400000;
        c.xmm[t * 4 + k * 2] = (q & 0x7) << 29;
        c.xmm[t * 4 + k * 2 + 1] = (q & 0x80000000) | 0x7ff00000 | ((q & 0x7fffff) >>> 3);
      } else {
        const hi = A.hi | 0x80000;
        c.xmm[t * 4 + k] = (hi & 0x80000000) | 0x7f800000 | ((hi & 0xfffff) << 3) | (A.lo >>> 29);
      }
      continue;
    }
    if (fromSingle) storeNum(c, t, k, false, A.v);
    else storeNum(c, t, k, true, fp.round(c, A.v, 0, true));
  }
  fp.commitFlags(c);
  copyXmm(c, d, t);
}

/** cvtdq2ps (0), cvtps2dq (1), cvttps2dq (2), cvtdq2pd (3), cvtpd2dq (4), cvttpd2dq (5). */
export function cvtPacked(c: X86Core, i: number): void {
  checkSse(c);
  const kind = c.d.x[i];
  const s = srcW(c, i, kind === 3 ? 8 : 16, kind !== 3);
  const d = c.d.reg[i];
  fp.clearFlags();
  const t = SCRATCH2;
  const x = c.xmm;
  if (kind === 0) {
    for (let k = 0; k < 4; k++) storeNum(c, t, k, true, fp.round(c, x[s * 4 + k], 0, true));
  } else if (kind === 3) {
    const a = x[s * 4];
    const b = x[s * 4 + 1];
    storeNum(c, t, 0, false, a);
    storeNum(c, t, 1, false, b);
  } else {
    const single = kind === 1 || kind === 2;
    const n = single ? 4 : 2;
    for (let k = 0; k < 4; k++) x[t * 4 + k] = 0;
    for (let k = 0; k < n; k++) {
      load(c, s, k, single, A, false);
      const r = A.nan ? NaN : roundInt(c, A.v, kind === 2 || kind === 5);
      if (toInt(r, 32, I2) && r !== A.v) fp.raise(fp.MX_PE);
      x[t * 4 + k] = I2[0];
    }
  }
  fp.commitFlags(c);
  copyXmm(c, d, t);
}

/** shufps (x = 0) / shufpd (1) with imm8. */
export function shufp(c: X86Core, i: number): void {
  checkSse(c);
  const s = srcW(c, i, 16, true);
  const d = c.d.reg[i];
  const imm = c.d.imm[i] & 0xff;
  const x = c.xmm;
  const t = SCRATCH2 * 4;
  if (c.d.x[i] === 0) {
    x[t] = x[d * 4 + (imm & 3)];
    x[t + 1] = x[d * 4 + ((imm >> 2) & 3)];
    x[t + 2] = x[s * 4 + ((imm >> 4) & 3)];
    x[t + 3] = x[s * 4 + ((imm >> 6) & 3)];
  } else {
    const a = (imm & 1) * 2;
    const b = ((imm >> 1) & 1) * 2;
    x[t] = x[d * 4 + a];
    x[t + 1] = x[d * 4 + a + 1];
    x[t + 2] = x[s * 4 + b];
    x[t + 3] = x[s * 4 + b + 1];
  }
  copyXmm(c, d, SCRATCH2);
}

/** unpcklps (0), unpckhps (1), unpcklpd (2), unpckhpd (3). */
export function unpckp(c: X86Core, i: number): void {
  checkSse(c);
  const s = srcW(c, i, 16, true);
  const d = c.d.reg[i];
  const kind = c.d.x[i];
  const x = c.xmm;
  const t = SCRATCH2 * 4;
  if (kind < 2) {
    const o = kind === 0 ? 0 : 2;
    x[t] = x[d * 4 + o];
    x[t + 1] = x[s * 4 + o];
    x[t + 2] = x[d * 4 + o + 1];
    x[t + 3] = x[s * 4 + o + 1];
  } else {
    const o = kind === 2 ? 0 : 2;
    x[t] = x[d * 4 + o];
    x[t + 1] = x[d * 4 + o + 1];
    x[t + 2] = x[s * 4 + o];
    x[t + 3] = x[s * 4 + o + 1];
  }
  copyXmm(c, d, SCRATCH2);
}

/** ldmxcsr (x = 0) / stmxcsr (1): reserved bits set give #GP(0). */
export function mxcsrOp(c: X86Core, i: number): void {
  checkSse(c);
  if (c.d.rm[i] !== NO_REG) c.raise(EXC_UD);
  const a = ea(c, i);
  if (c.d.x[i] === 1) {
    c.write32(a, c.mxcsr);
    return;
  }
  const v = c.read32(a);
  if ((v & ~0xffff) !== 0) c.gp(0);
  c.mxcsr = v;
}

/** fxsave (x = 0) / fxrstor (1): the 512-byte legacy area (SDM vol. 1,
 * table 10-2): FCW/FSW/FTW, MXCSR and mask at 24/28, XMM0-15 at 160. The
 * x87 part comes from ops/x87-control.ts. */
export function fxsaveRestore(c: X86Core, i: number): void {
  if (c.d.rm[i] !== NO_REG) c.raise(EXC_UD);
  const a = ea(c, i);
  if (a % 16 !== 0) c.gp(0);
  const save = c.d.x[i] === 0;
  if (save) {
    c.mmu.translate(a, 1);
    c.mmu.translate(a + 511, 1);
    fxsaveX87(c, a, c.d.osz[i] === 8);
    c.write32(a + 24, c.mxcsr);
    c.write32(a + 28, 0xffff);
    for (let r = 0; r < 16; r++) for (let k = 0; k < 4; k++) c.write32(a + 160 + r * 16 + k * 4, c.xmm[r * 4 + k]);
    return;
  }
  const mx = c.read32(a + 24);
  if ((mx & ~0xffff) !== 0) c.gp(0);
  for (let r = 0; r < 16; r++) for (let k = 0; k < 4; k++) c.xmm[r * 4 + k] = c.read32(a + 160 + r * 16 + k * 4);
  c.mxcsr = mx;
  fxrstorX87(c, a, c.d.osz[i] === 8);
}
