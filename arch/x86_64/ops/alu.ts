/**
 * The ALU group (add, or, adc, sbb, and, sub, xor, cmp), test, inc/dec,
 * neg/not (SDM vol. 2: ADD ... XOR). ALU op numbers follow the opcode
 * encoding (bits 5:3 of 00-3F, ModRM.reg of group 1).
 */
import type { X86Core } from '../core';
import { getCF, LazyOp } from '../flags';
import { readE, readG, writeBackE, writeG } from '../operands';
import { TWO32 } from '../registers';

// Local copies of imported constants: an imported binding compiles to a
// property load on the module object in the hot path.
const L_F_ADC = 2;
const L_F_ADD = 1;
const L_F_DEC = 7;
const L_F_INC = 6;
const L_F_LOGIC = 5;
const L_F_SBB = 4;
const L_F_SUB = 3;
const L_TWO32 = 4294967296;

export const ALU_ADD = 0;
export const ALU_OR = 1;
export const ALU_ADC = 2;
export const ALU_SBB = 3;
export const ALU_AND = 4;
export const ALU_SUB = 5;
export const ALU_XOR = 6;
export const ALU_CMP = 7;

function mask(size: number, v: number): number {
  return size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v | 0;
}

/** Computes a OP b at `size`, records the lazy flags; returns the low half
 * (high half in c.hi). */
export function alu(c: X86Core, op: number, size: number, a: number, aH: number, b: number, bH: number): number {
  a = mask(size, a);
  b = mask(size, b);
  if (size !== 8) {
    aH = 0;
    bH = 0;
  }
  let r = 0;
  let rH = 0;
  let kind = L_F_LOGIC;
  let cin = 0;
  switch (op) {
    case ALU_ADD:
    case ALU_ADC:
      if (op === ALU_ADC) cin = getCF(c);
      kind = op === ALU_ADD ? L_F_ADD : L_F_ADC;
      if (size === 8) {
        const lo = (a >>> 0) + (b >>> 0) + cin;
        r = lo | 0;
        rH = (aH + bH + (lo >= L_TWO32 ? 1 : 0)) | 0;
      } else r = mask(size, a + b + cin);
      break;
    case ALU_SUB:
    case ALU_CMP:
    case ALU_SBB:
      if (op === ALU_SBB) cin = getCF(c);
      kind = op === ALU_SBB ? L_F_SBB : L_F_SUB;
      if (size === 8) {
        const lo = (a >>> 0) - (b >>> 0) - cin;
        r = lo | 0;
        rH = (aH - bH - (lo < 0 ? 1 : 0)) | 0;
      } else r = mask(size, a - b - cin);
      break;
    case ALU_AND:
      r = a & b;
      rH = aH & bH;
      break;
    case ALU_OR:
      r = a | b;
      rH = aH | bH;
      break;
    default:
      r = a ^ b;
      rH = aH ^ bH;
      break;
  }
  c.fop = kind;
  c.fsz = size;
  c.fa = a;
  c.faH = aH;
  c.fb = b;
  c.fbH = bH;
  c.fres = r;
  c.fresH = rH;
  c.fcin = cin;
  c.hi = rH;
  return r;
}

/** OP E, G */
export function aluEG(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const op = c.d.x[i];
  const b = readG(c, i, size);
  const bH = c.hi;
  const a = readE(c, i, size);
  const r = alu(c, op, size, a, c.hi, b, bH);
  if (op !== ALU_CMP) writeBackE(c, i, size, r, c.hi);
}

/** OP G, E */
export function aluGE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const op = c.d.x[i];
  const b = readE(c, i, size);
  const bH = c.hi;
  const a = readG(c, i, size);
  const r = alu(c, op, size, a, c.hi, b, bH);
  if (op !== ALU_CMP) writeG(c, i, size, r, c.hi);
}

/** OP E, imm (also AL/eAX, imm: the decoder points rm at rAX) */
export function aluEI(c: X86Core, i: number): void {
  const d = c.d;
  const size = d.osz[i];
  const op = d.x[i];
  const a = readE(c, i, size);
  const r = alu(c, op, size, a, c.hi, d.imm[i], d.immHi[i]);
  if (op !== ALU_CMP) writeBackE(c, i, size, r, c.hi);
}

export function testEG(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const b = readG(c, i, size);
  const bH = c.hi;
  const a = readE(c, i, size);
  alu(c, ALU_AND, size, a, c.hi, b, bH);
}

export function testEI(c: X86Core, i: number): void {
  const d = c.d;
  const size = d.osz[i];
  const a = readE(c, i, size);
  alu(c, ALU_AND, size, a, c.hi, d.imm[i], d.immHi[i]);
}

/** inc / dec E (x = 0 inc, 1 dec): CF is preserved (SDM vol. 2, INC). */
export function incDecE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const dec = c.d.x[i] === 1;
  const cf = getCF(c);
  const a = readE(c, i, size);
  const aH = size === 8 ? c.hi : 0;
  const r = dec ? alu(c, ALU_SUB, size, a, aH, 1, 0) : alu(c, ALU_ADD, size, a, aH, 1, 0);
  c.fop = dec ? L_F_DEC : L_F_INC;
  c.fcin = cf;
  writeBackE(c, i, size, r, c.hi);
}

export function notE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const a = readE(c, i, size);
  writeBackE(c, i, size, ~a, ~c.hi);
}

/** neg: 0 - E, CF = (E != 0). */
export function negE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const a = readE(c, i, size);
  const r = alu(c, ALU_SUB, size, 0, 0, a, c.hi);
  writeBackE(c, i, size, r, c.hi);
}
