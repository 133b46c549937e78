/**
 * Disassembly for `--trace`, from the opcode table's names and formats and
 * the fields the decoder produced (compressed forms print as their base
 * instruction, e.g. c.addi as addi).
 */
import * as C from './csr-numbers';
import { X_DISCARD } from './decoder';
import { ABI_NAMES, Format, OPCODE_BY_OP, Op } from './opcodes';

const CSR_NAMES = new Map<number, string>();
for (const [name, value] of Object.entries(C)) {
  if (typeof value !== 'number' || value < 0x100 || value > 0xfff || name.includes('_')) continue;
  if (/^(HPMCOUNTER|MHPM|PMPCFG15|PMPADDR63)/.test(name) && !/3H?$/.test(name)) continue;
  if (!CSR_NAMES.has(value)) CSR_NAMES.set(value, name.toLowerCase());
}

export function csrName(csr: number): string {
  if (csr >= C.PMPCFG0 && csr <= C.PMPCFG15) return `pmpcfg${csr - C.PMPCFG0}`;
  if (csr >= C.PMPADDR0 && csr <= C.PMPADDR63) return `pmpaddr${csr - C.PMPADDR0}`;
  return CSR_NAMES.get(csr) ?? `0x${csr.toString(16)}`;
}

export function regName(r: number): string {
  return ABI_NAMES[r === X_DISCARD ? 0 : r];
}

function hex(v: number): string {
  return '0x' + (v >>> 0).toString(16);
}

/** One instruction as text; `pc` resolves branch and jump targets. */
export function disassemble(op: Op, rd: number, rs1: number, rs2: number, imm: number, pc: number): string {
  const info = OPCODE_BY_OP[op];
  const n = info.name;
  const d = regName(rd);
  const s1 = regName(rs1);
  const s2 = regName(rs2);
  switch (info.format) {
    case Format.R:
      return `${n} ${d}, ${s1}, ${s2}`;
    case Format.I:
      return op === Op.JALR ? `${n} ${d}, ${imm}(${s1})` : `${n} ${d}, ${s1}, ${imm}`;
    case Format.LOAD:
      return `${n} ${d}, ${imm}(${s1})`;
    case Format.S:
      return `${n} ${s2}, ${imm}(${s1})`;
    case Format.B:
      return `${n} ${s1}, ${s2}, ${hex(pc + imm)}`;
    case Format.U:
      return `${n} ${d}, ${hex(imm >>> 12)}`;
    case Format.J:
      return `${n} ${d}, ${hex(pc + imm)}`;
    case Format.SHIFT:
      return `${n} ${d}, ${s1}, ${imm}`;
    case Format.CSR:
      return `${n} ${d}, ${csrName(imm)}, ${s1}`;
    case Format.CSRI:
      return `${n} ${d}, ${csrName(imm)}, ${rs1}`;
    case Format.AMO:
      return `${n} ${d}, ${s2}, (${s1})`;
    case Format.LR:
      return `${n} ${d}, (${s1})`;
    case Format.SFENCE:
      return `${n} ${s1}, ${s2}`;
    default:
      return op === Op.ILLEGAL ? `illegal ${hex(imm)}` : n;
  }
}
