/**
 * Instruction encoders for tests (unprivileged spec 20191213, chapter 24
 * formats; chapter 16 for RV32C), driven by the opcode table's match values
 * so tests and decoder share one source of truth.
 */
import { OPCODES, Op } from '../../arch/riscv/opcodes';

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

// ---- RV32C (quadrant, funct3 and field placement per table 16.5-16.7) ----

/** c.addi / c.li / c.andi style CI: funct3, rd, 6-bit signed imm, quadrant 1. */
export function ci(funct3: number, rd: number, imm: number, quadrant = 1): number {
  return (funct3 << 13) | (((imm >> 5) & 1) << 12) | (rd << 7) | ((imm & 0x1f) << 2) | quadrant;
}

/** c.srli/c.srai/c.andi: funct2 selects; rd' = 8 + rdp. */
export function cb2(funct2: number, rdp: number, imm: number): number {
  return (4 << 13) | (((imm >> 5) & 1) << 12) | (funct2 << 10) | (rdp << 7) | ((imm & 0x1f) << 2) | 1;
}

/** c.sub/xor/or/and: funct2 (0..3) with rd', rs2'. */
export function ca(funct2: number, rdp: number, rs2p: number): number {
  return (0x8c01 | (rdp << 7) | (funct2 << 5) | (rs2p << 2)) & 0xffff;
}

/** c.mv (add = false) / c.add (add = true). */
export function cr(add: boolean, rd: number, rs2: number): number {
  return (4 << 13) | ((add ? 1 : 0) << 12) | (rd << 7) | (rs2 << 2) | 2;
}

/** c.lw / c.sw with rd'/rs2' and rs1', word offset 0..124 (multiple of 4). */
export function clw(rdp: number, rs1p: number, off: number): number {
  return (2 << 13) | (((off >> 3) & 7) << 10) | (rs1p << 7) | (((off >> 2) & 1) << 6) | (((off >> 6) & 1) << 5) | (rdp << 2);
}
export function csw(rs2p: number, rs1p: number, off: number): number {
  return clw(rs2p, rs1p, off) | (4 << 13);
}

/** c.lwsp rd, off(sp) / c.swsp rs2, off(sp); off multiple of 4, < 256. */
export function clwsp(rd: number, off: number): number {
  return (2 << 13) | (((off >> 5) & 1) << 12) | (rd << 7) | (((off >> 2) & 7) << 4) | (((off >> 6) & 3) << 2) | 2;
}
export function cswsp(rs2: number, off: number): number {
  return (6 << 13) | (((off >> 2) & 0xf) << 9) | (((off >> 6) & 3) << 7) | (rs2 << 2) | 2;
}

/** c.slli rd, shamt (1..31). */
export function cslli(rd: number, shamt: number): number {
  return (rd << 7) | ((shamt & 0x1f) << 2) | 2;
}

/** c.beqz / c.bnez rs1', forward offset (even, < 256). */
export function cbz(nonzero: boolean, rs1p: number, off: number): number {
  const v = (((off >> 8) & 1) << 12) | (((off >> 3) & 3) << 10) | (((off >> 6) & 3) << 5) | (((off >> 1) & 3) << 3) | (((off >> 5) & 1) << 2);
  return ((nonzero ? 7 : 6) << 13) | v | (rs1p << 7) | 1;
}

/** c.j forward offset (even, small). */
export function cj(off: number): number {
  const v = (((off >> 11) & 1) << 12) | (((off >> 4) & 1) << 11) | (((off >> 8) & 3) << 9) | (((off >> 10) & 1) << 8) |
    (((off >> 6) & 1) << 7) | (((off >> 7) & 1) << 6) | (((off >> 1) & 7) << 3) | (((off >> 5) & 1) << 2);
  return (5 << 13) | v | 1;
}
