/**
 * Specialised handlers for the hottest forms (register operands of 32 and
 * 64 bits, simple memory moves), chosen by the decoder through the rows'
 * `spec` hook. They compute the same results and lazy flags as the generic
 * handlers (the differential tests run both), without the per-size switches.
 */
import type { X86Core } from '../core';
import { getCF, setExplicit, LazyOp } from '../flags';
import { ea } from '../operands';
import type { Handler } from '../opcode-table';
import { RSP, TWO32 } from '../registers';
import { ALU_ADD, ALU_AND, ALU_CMP, ALU_OR, ALU_SUB, ALU_XOR } from './alu';

// Local copies of imported constants: an imported binding compiles to a
// property load on the module object in the hot path.
const L_F_ADD = 1;
const L_F_SUB = 3;
const L_F_LOGIC = 5;
const L_F_INC = 6;
const L_F_DEC = 7;
const L_RSP = 4;
const L_TWO32 = 4294967296;

// 32/64-bit ALU ops (add, or, and, sub, xor, cmp; op numbers as in alu.ts)
// on register values, recording the lazy flags and writing register `dst`
// unless dst < 0 (cmp, test). One function per width with a switch: the
// handlers below stay monomorphic.
function alu64(c: X86Core, op: number, dst: number, aL: number, aH: number, bL: number, bH: number): void {
  let rL: number;
  let rH: number;
  switch (op) {
    case 0: {
      const lo = (aL >>> 0) + (bL >>> 0);
      rL = lo | 0;
      rH = (aH + bH + (lo > 0xffffffff ? 1 : 0)) | 0;
      c.fop = L_F_ADD;
      c.fa = aL;
      c.faH = aH;
      c.fb = bL;
      c.fbH = bH;
      break;
    }
    case 5:
    case 7: {
      const lo = (aL >>> 0) - (bL >>> 0);
      rL = lo | 0;
      rH = (aH - bH - (lo < 0 ? 1 : 0)) | 0;
      c.fop = L_F_SUB;
      c.fa = aL;
      c.faH = aH;
      c.fb = bL;
      c.fbH = bH;
      break;
    }
    case 1:
      rL = aL | bL;
      rH = aH | bH;
      c.fop = L_F_LOGIC;
      break;
    case 4:
      rL = aL & bL;
      rH = aH & bH;
      c.fop = L_F_LOGIC;
      break;
    default:
      rL = aL ^ bL;
      rH = aH ^ bH;
      c.fop = L_F_LOGIC;
  }
  c.fsz = 8;
  c.fres = rL;
  c.fresH = rH;
  if (dst >= 0) {
    c.rl[dst] = rL;
    c.rh[dst] = rH;
  }
}

function alu32(c: X86Core, op: number, dst: number, a: number, b: number): void {
  let r: number;
  switch (op) {
    case 0:
      r = (a + b) | 0;
      c.fop = L_F_ADD;
      c.fa = a;
      c.fb = b;
      break;
    case 5:
    case 7:
      r = (a - b) | 0;
      c.fop = L_F_SUB;
      c.fa = a;
      c.fb = b;
      break;
    case 1:
      r = a | b;
      c.fop = L_F_LOGIC;
      break;
    case 4:
      r = a & b;
      c.fop = L_F_LOGIC;
      break;
    default:
      r = a ^ b;
      c.fop = L_F_LOGIC;
  }
  c.fsz = 4;
  c.fres = r;
  if (dst >= 0) {
    c.rl[dst] = r;
    c.rh[dst] = 0;
  }
}

function eg64(c: X86Core, i: number): void {
  const d = c.d;
  const e = d.rm[i];
  const g = d.reg[i];
  const op = d.x[i];
  alu64(c, op, op === 7 ? -1 : e, c.rl[e], c.rh[e], c.rl[g], c.rh[g]);
}
function ge64(c: X86Core, i: number): void {
  const d = c.d;
  const e = d.rm[i];
  const g = d.reg[i];
  const op = d.x[i];
  alu64(c, op, op === 7 ? -1 : g, c.rl[g], c.rh[g], c.rl[e], c.rh[e]);
}
function ei64(c: X86Core, i: number): void {
  const d = c.d;
  const e = d.rm[i];
  const op = d.x[i];
  alu64(c, op, op === 7 ? -1 : e, c.rl[e], c.rh[e], d.imm[i], d.immHi[i]);
}
function test64(c: X86Core, i: number): void {
  const d = c.d;
  const e = d.rm[i];
  const g = d.reg[i];
  alu64(c, 4, -1, c.rl[e], c.rh[e], c.rl[g], c.rh[g]);
}
function testi64(c: X86Core, i: number): void {
  const d = c.d;
  const e = d.rm[i];
  alu64(c, 4, -1, c.rl[e], c.rh[e], d.imm[i], d.immHi[i]);
}
function eg32(c: X86Core, i: number): void {
  const d = c.d;
  const e = d.rm[i];
  const op = d.x[i];
  alu32(c, op, op === 7 ? -1 : e, c.rl[e], c.rl[d.reg[i]]);
}
function ge32(c: X86Core, i: number): void {
  const d = c.d;
  const g = d.reg[i];
  const op = d.x[i];
  alu32(c, op, op === 7 ? -1 : g, c.rl[g], c.rl[d.rm[i]]);
}
function ei32(c: X86Core, i: number): void {
  const d = c.d;
  const e = d.rm[i];
  const op = d.x[i];
  alu32(c, op, op === 7 ? -1 : e, c.rl[e], d.imm[i]);
}
function test32(c: X86Core, i: number): void {
  const d = c.d;
  alu32(c, 4, -1, c.rl[d.rm[i]], c.rl[d.reg[i]]);
}
function testi32(c: X86Core, i: number): void {
  const d = c.d;
  alu32(c, 4, -1, c.rl[d.rm[i]], d.imm[i]);
}

const FORMS64 = { EG: eg64, GE: ge64, EI: ei64, TEST: test64, TESTI: testi64 };
const FORMS32 = { EG: eg32, GE: ge32, EI: ei32, TEST: test32, TESTI: testi32 };

/** ALU E,G / G,E / E,imm register forms for 32/64 bits (not adc/sbb). */
export function aluSpec(form: 'EG' | 'GE' | 'EI' | 'TEST' | 'TESTI', op: number, osz: number, mem: boolean): Handler | undefined {
  if (mem || (osz !== 4 && osz !== 8) || op === 2 || op === 3) return undefined;
  return (osz === 8 ? FORMS64 : FORMS32)[form];
}

export { ALU_ADD, ALU_AND, ALU_OR, ALU_SUB, ALU_XOR };

// ---- moves ----

export function movSpec(form: 'EG' | 'GE' | 'EI', osz: number, mem: boolean): Handler | undefined {
  if (osz === 8) {
    if (!mem) {
      if (form === 'EG') return movRR64EG;
      if (form === 'GE') return movRR64GE;
      return movRI64;
    }
    if (form === 'GE') return movRM64;
    if (form === 'EG') return movMR64;
    return undefined;
  }
  if (osz === 4) {
    if (!mem) {
      if (form === 'EG') return movRR32EG;
      if (form === 'GE') return movRR32GE;
      return movRI32;
    }
    if (form === 'GE') return movRM32;
    if (form === 'EG') return movMR32;
  }
  return undefined;
}

/** ea() with the base+disp form first, small enough to inline everywhere. */
function eaQuick(c: X86Core, i: number): number {
  const d = c.d;
  if (d.amode[i] === 1) {
    const b = d.base[i];
    const a = d.disp[i] + c.rh[b] * L_TWO32 + (c.rl[b] >>> 0);
    if (a < 140737488355328 && a >= -140737488355328) {
      c.addr = a;
      return a;
    }
  }
  return ea(c, i);
}

function movRR64EG(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  const g = c.d.reg[i];
  c.rl[e] = c.rl[g];
  c.rh[e] = c.rh[g];
}
function movRR64GE(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  const g = c.d.reg[i];
  c.rl[g] = c.rl[e];
  c.rh[g] = c.rh[e];
}
function movRR32EG(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  c.rl[e] = c.rl[c.d.reg[i]];
  c.rh[e] = 0;
}
function movRR32GE(c: X86Core, i: number): void {
  const g = c.d.reg[i];
  c.rl[g] = c.rl[c.d.rm[i]];
  c.rh[g] = 0;
}
function movRI64(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  c.rl[e] = c.d.imm[i];
  c.rh[e] = c.d.immHi[i];
}
function movRI32(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  c.rl[e] = c.d.imm[i];
  c.rh[e] = 0;
}
function movRM64(c: X86Core, i: number): void {
  const lo = c.read64(eaQuick(c, i));
  const g = c.d.reg[i];
  c.rl[g] = lo;
  c.rh[g] = c.hi;
}
function movMR64(c: X86Core, i: number): void {
  const g = c.d.reg[i];
  c.write64(eaQuick(c, i), c.rl[g], c.rh[g]);
}
function movRM32(c: X86Core, i: number): void {
  const v = c.read32(eaQuick(c, i));
  const g = c.d.reg[i];
  c.rl[g] = v;
  c.rh[g] = 0;
}
function movMR32(c: X86Core, i: number): void {
  c.write32(eaQuick(c, i), c.rl[c.d.reg[i]]);
}

// ---- inc / dec ----

export function incDecSpec(dec: boolean, osz: number, mem: boolean): Handler | undefined {
  if (mem || (osz !== 4 && osz !== 8)) return undefined;
  if (osz === 8) return dec ? dec64 : inc64;
  return dec ? dec32 : inc32;
}

function inc64(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  const cf = getCF(c);
  const aL = c.rl[e];
  const aH = c.rh[e];
  const rL = (aL + 1) | 0;
  const rH = rL === 0 ? (aH + 1) | 0 : aH;
  c.rl[e] = rL;
  c.rh[e] = rH;
  c.fop = L_F_INC;
  c.fsz = 8;
  c.fcin = cf;
  c.fa = aL;
  c.faH = aH;
  c.fb = 1;
  c.fbH = 0;
  c.fres = rL;
  c.fresH = rH;
}
function dec64(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  const cf = getCF(c);
  const aL = c.rl[e];
  const aH = c.rh[e];
  const rL = (aL - 1) | 0;
  const rH = aL === 0 ? (aH - 1) | 0 : aH;
  c.rl[e] = rL;
  c.rh[e] = rH;
  c.fop = L_F_DEC;
  c.fsz = 8;
  c.fcin = cf;
  c.fa = aL;
  c.faH = aH;
  c.fb = 1;
  c.fbH = 0;
  c.fres = rL;
  c.fresH = rH;
}
function inc32(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  const cf = getCF(c);
  const a = c.rl[e];
  const r = (a + 1) | 0;
  c.rl[e] = r;
  c.rh[e] = 0;
  c.fop = L_F_INC;
  c.fsz = 4;
  c.fcin = cf;
  c.fa = a;
  c.fb = 1;
  c.fres = r;
}
function dec32(c: X86Core, i: number): void {
  const e = c.d.rm[i];
  const cf = getCF(c);
  const a = c.rl[e];
  const r = (a - 1) | 0;
  c.rl[e] = r;
  c.rh[e] = 0;
  c.fop = L_F_DEC;
  c.fsz = 4;
  c.fcin = cf;
  c.fa = a;
  c.fb = 1;
  c.fres = r;
}

// ---- push / pop r64 ----

export function push64r(c: X86Core, i: number): void {
  const r = c.d.rm[i];
  const a = c.rh[L_RSP] * L_TWO32 + (c.rl[L_RSP] >>> 0) - 8;
  c.write64(a, c.rl[r], c.rh[r]);
  c.rl[L_RSP] = a | 0;
  c.rh[L_RSP] = Math.floor(a / L_TWO32) | 0;
}

export function pop64r(c: X86Core, i: number): void {
  const r = c.d.rm[i];
  const a = c.rh[L_RSP] * L_TWO32 + (c.rl[L_RSP] >>> 0);
  const lo = c.read64(a);
  const hi = c.hi;
  const n = a + 8;
  c.rl[L_RSP] = n | 0;
  c.rh[L_RSP] = Math.floor(n / L_TWO32) | 0;
  c.rl[r] = lo;
  c.rh[r] = hi;
}

// ---- shifts by immediate ----

export function shiftSpec(op: number, osz: number, mem: boolean, byCl: boolean): Handler | undefined {
  if (mem || byCl || osz !== 4) return undefined;
  if (op === 4 || op === 6) return shl32i;
  if (op === 5) return shr32i;
  if (op === 7) return sar32i;
  return undefined;
}

function shl32i(c: X86Core, i: number): void {
  const n = c.d.imm[i] & 31;
  const e = c.d.rm[i];
  const v = c.rl[e];
  c.rh[e] = 0;
  if (n === 0) return;
  const r = v << n;
  c.rl[e] = r;
  const cf = (v >>> (32 - n)) & 1;
  setExplicit(c, 4, r, 0, cf, (r >>> 31) ^ cf);
}
function shr32i(c: X86Core, i: number): void {
  const n = c.d.imm[i] & 31;
  const e = c.d.rm[i];
  const v = c.rl[e];
  c.rh[e] = 0;
  if (n === 0) return;
  const r = (v >>> n) | 0;
  c.rl[e] = r;
  setExplicit(c, 4, r, 0, (v >>> (n - 1)) & 1, v >>> 31);
}
function sar32i(c: X86Core, i: number): void {
  const n = c.d.imm[i] & 31;
  const e = c.d.rm[i];
  const v = c.rl[e];
  c.rh[e] = 0;
  if (n === 0) return;
  const r = v >> n;
  c.rl[e] = r;
  setExplicit(c, 4, r, 0, (v >> (n - 1)) & 1, 0);
}

// ---- movzx / movsx / movsxd ----

/** Zero/sign extension from a 1/2/4-byte source to a 4/8-byte register. */
export function extSpec(from: number, signed: boolean, osz: number, mem: boolean): Handler | undefined {
  if (osz !== 4 && osz !== 8) return undefined;
  const shift = 32 - from * 8;
  const wide = osz === 8;
  if (mem) {
    const load = from === 1 ? 0 : from === 2 ? 1 : 2;
    return (c, i) => {
      const a = eaQuick(c, i);
      let v = load === 0 ? c.read8(a) : load === 1 ? c.read16(a) : c.read32(a);
      if (signed && shift !== 0) v = (v << shift) >> shift;
      const g = c.d.reg[i];
      c.rl[g] = v;
      c.rh[g] = wide && signed ? v >> 31 : 0;
    };
  }
  return (c, i) => {
    const r = c.d.rm[i];
    let v = r < 16 ? c.rl[r] : c.rl[r - 16] >> 8; // AH..BH without REX
    if (shift !== 0) v = signed ? (v << shift) >> shift : (v << shift) >>> shift;
    const g = c.d.reg[i];
    c.rl[g] = v;
    c.rh[g] = wide && signed ? v >> 31 : 0;
  };
}
