/**
 * Specialised handlers for hot forms not yet described in gen/forms.ts
 * (moves, inc/dec, shifts, extensions, push/pop), chosen by the decoder
 * through the rows' `spec` hook. They compute the same results and lazy
 * flags as the generic handlers (the differential tests run both),
 * without the per-size switches. The ALU forms have none: their inline
 * cases and JIT templates are generated (docs/cores/x86_64.md).
 */
import type { X86Core } from '../core';
import { setExplicit, LazyOp } from '../flags';
import { ea } from '../operands';
import type { Handler } from '../opcode-table';
import { RSP, TWO32 } from '../registers';

// Local copies of imported constants: an imported binding compiles to a
// property load on the module object in the hot path.
const L_RSP = 4;
const L_TWO32 = 4294967296;

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
