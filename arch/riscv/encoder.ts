/**
 * RV32 instruction encoders (unprivileged spec 20191213, chapter 24
 * formats), driven by the opcode table's match values so that the encoders
 * and the decoder share one source of truth. Used by the interpreter's
 * warm-up (warmup.ts) and, with the RV32C encoders, by the tests
 * (tests/riscv/encoder.ts).
 */
import { OPCODES, Op } from './opcodes';

const MATCH = new Map<Op, number>(OPCODES.map((o) => [o.op, o.match]));

function m(op: Op): number {
  const v = MATCH.get(op);
  if (v === undefined) throw new Error(`no encoding for op ${op}`);
  return v;
}

export function r(op: Op, rd: number, rs1: number, rs2: number): number {
  return (m(op) | (rd << 7) | (rs1 << 15) | (rs2 << 20)) >>> 0;
}

export function i(op: Op, rd: number, rs1: number, imm: number): number {
  return (m(op) | (rd << 7) | (rs1 << 15) | ((imm & 0xfff) << 20)) >>> 0;
}

export function shift(op: Op, rd: number, rs1: number, shamt: number): number {
  return (m(op) | (rd << 7) | (rs1 << 15) | ((shamt & 31) << 20)) >>> 0;
}

export function s(op: Op, rs1: number, rs2: number, imm: number): number {
  return (m(op) | ((imm & 0x1f) << 7) | (rs1 << 15) | (rs2 << 20) | (((imm >> 5) & 0x7f) << 25)) >>> 0;
}

export function b(op: Op, rs1: number, rs2: number, imm: number): number {
  const v = ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 | ((imm >> 1) & 0xf) << 8 | ((imm >> 11) & 1) << 7;
  return (m(op) | v | (rs1 << 15) | (rs2 << 20)) >>> 0;
}

export function u(op: Op, rd: number, imm20: number): number {
  return (m(op) | (rd << 7) | ((imm20 & 0xfffff) << 12)) >>> 0;
}

export function j(rd: number, imm: number): number {
  const v = ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3ff) << 21 | ((imm >> 11) & 1) << 20 | ((imm >> 12) & 0xff) << 12;
  return (m(Op.JAL) | (rd << 7) | v) >>> 0;
}

export function amo(op: Op, rd: number, rs1: number, rs2: number): number {
  return (m(op) | (rd << 7) | (rs1 << 15) | (rs2 << 20)) >>> 0;
}

export const ECALL = 0x00000073;

/** Loads a 32-bit constant: lui + addi. */
export function li(rd: number, value: number): number[] {
  const lo = (value << 20) >> 20;
  const hi = ((value - lo) >>> 12) & 0xfffff;
  return [u(Op.LUI, rd, hi), i(Op.ADDI, rd, rd, lo)];
}

/** csrrw/csrrs/csrrc rd, csr, rs1 (and the immediate forms, rs1 = uimm). */
export function csr(op: Op, rd: number, csrNumber: number, rs1: number): number {
  return (m(op) | (rd << 7) | (rs1 << 15) | ((csrNumber & 0xfff) << 20)) >>> 0;
}
