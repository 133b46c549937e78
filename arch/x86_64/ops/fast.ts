/**
 * Specialised handlers for the hottest forms (register operands of 32 and
 * 64 bits, simple memory moves), chosen by the decoder through the rows'
 * `spec` hook. They compute the same results and lazy flags as the generic
 * handlers (the differential tests run both), without the per-size switches.
 */
import type { X86Core } from '../core';
import { F_ADD, F_DEC, F_INC, F_LOGIC, F_SUB, getCF, setExplicit } from '../flags';
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

type Alu = (c: X86Core, dst: number, aL: number, aH: number, bL: number, bH: number) => void;

// 64-bit ALU ops on (aL,aH) op (bL,bH) writing register `dst` (or nothing
// for cmp/test when dst < 0).
function add64(c: X86Core, dst: number, aL: number, aH: number, bL: number, bH: number): void {
  const lo = (aL >>> 0) + (bL >>> 0);
  const rL = lo | 0;
  const rH = (aH + bH + (lo > 0xffffffff ? 1 : 0)) | 0;
  c.fop = L_F_ADD;
  c.fsz = 8;
  c.fa = aL;
  c.faH = aH;
  c.fb = bL;
  c.fbH = bH;
  c.fres = rL;
  c.fresH = rH;
  if (dst >= 0) {
    c.rl[dst] = rL;
    c.rh[dst] = rH;
  }
}

function sub64(c: X86Core, dst: number, aL: number, aH: number, bL: number, bH: number): void {
  const lo = (aL >>> 0) - (bL >>> 0);
  const rL = lo | 0;
  const rH = (aH - bH - (lo < 0 ? 1 : 0)) | 0;
  c.fop = L_F_SUB;
  c.fsz = 8;
  c.fa = aL;
  c.faH = aH;
  c.fb = bL;
  c.fbH = bH;
  c.fres = rL;
  c.fresH = rH;
  if (dst >= 0) {
    c.rl[dst] = rL;
    c.rh[dst] = rH;
  }
}

function logic64(c: X86Core, dst: number, rL: number, rH: number): void {
  c.fop = L_F_LOGIC;
  c.fsz = 8;
  c.fres = rL;
  c.fresH = rH;
  if (dst >= 0) {
    c.rl[dst] = rL;
    c.rh[dst] = rH;
  }
}

function and64(c: X86Core, dst: number, aL: number, aH: number, bL: number, bH: number): void {
  logic64(c, dst, aL & bL, aH & bH);
}
function or64(c: X86Core, dst: number, aL: number, aH: number, bL: number, bH: number): void {
  logic64(c, dst, aL | bL, aH | bH);
}
function xor64(c: X86Core, dst: number, aL: number, aH: number, bL: number, bH: number): void {
  logic64(c, dst, aL ^ bL, aH ^ bH);
}

function add32(c: X86Core, dst: number, a: number, _aH: number, b: number, _bH: number): void {
  const r = (a + b) | 0;
  c.fop = L_F_ADD;
  c.fsz = 4;
  c.fa = a;
  c.fb = b;
  c.fres = r;
  if (dst >= 0) {
    c.rl[dst] = r;
    c.rh[dst] = 0;
  }
}

function sub32(c: X86Core, dst: number, a: number, _aH: number, b: number, _bH: number): void {
  const r = (a - b) | 0;
  c.fop = L_F_SUB;
  c.fsz = 4;
  c.fa = a;
  c.fb = b;
  c.fres = r;
  if (dst >= 0) {
    c.rl[dst] = r;
    c.rh[dst] = 0;
  }
}

function logic32(c: X86Core, dst: number, r: number): void {
  c.fop = L_F_LOGIC;
  c.fsz = 4;
  c.fres = r;
  if (dst >= 0) {
    c.rl[dst] = r;
    c.rh[dst] = 0;
  }
}
function and32(c: X86Core, dst: number, a: number, _aH: number, b: number, _bH: number): void {
  logic32(c, dst, a & b);
}
function or32(c: X86Core, dst: number, a: number, _aH: number, b: number, _bH: number): void {
  logic32(c, dst, a | b);
}
function xor32(c: X86Core, dst: number, a: number, _aH: number, b: number, _bH: number): void {
  logic32(c, dst, a ^ b);
}

const ALU64: (Alu | null)[] = [add64, or64, null, null, and64, sub64, xor64, sub64];
const ALU32: (Alu | null)[] = [add32, or32, null, null, and32, sub32, xor32, sub32];

/** ALU E,G / G,E / E,imm register forms for 32/64 bits (not adc/sbb). */
export function aluSpec(form: 'EG' | 'GE' | 'EI' | 'TEST' | 'TESTI', op: number, osz: number, mem: boolean): Handler | undefined {
  if (mem || (osz !== 4 && osz !== 8)) return undefined;
  const f = (osz === 8 ? ALU64 : ALU32)[op];
  if (!f) return undefined;
  const store = op !== ALU_CMP;
  switch (form) {
    case 'EG':
      return (c, i) => {
        const d = c.d;
        const e = d.rm[i];
        const g = d.reg[i];
        f(c, store ? e : -1, c.rl[e], c.rh[e], c.rl[g], c.rh[g]);
      };
    case 'GE':
      return (c, i) => {
        const d = c.d;
        const e = d.rm[i];
        const g = d.reg[i];
        f(c, store ? g : -1, c.rl[g], c.rh[g], c.rl[e], c.rh[e]);
      };
    case 'EI':
      return (c, i) => {
        const d = c.d;
        const e = d.rm[i];
        f(c, store ? e : -1, c.rl[e], c.rh[e], d.imm[i], d.immHi[i]);
      };
    case 'TEST':
      return (c, i) => {
        const d = c.d;
        const e = d.rm[i];
        const g = d.reg[i];
        f(c, -1, c.rl[e], c.rh[e], c.rl[g], c.rh[g]);
      };
    default:
      return (c, i) => {
        const d = c.d;
        const e = d.rm[i];
        f(c, -1, c.rl[e], c.rh[e], d.imm[i], d.immHi[i]);
      };
  }
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
