/**
 * Decodes one instruction into the fields the executor keeps in typed
 * arrays (op id, rd, rs1, rs2, imm). Matching is driven by the opcode table
 * (opcodes.ts); compressed forms expand in decoder-compressed.ts.
 *
 * rd = x0 for an instruction that writes rd becomes the discard slot 32, so
 * the executor never tests for x0 (register file has 33 slots; x0 stays 0).
 */
import { decodeCompressed } from './decoder-compressed';
import { Format, OPCODES, Op, OpcodeInfo, OPCODE_BY_OP, writesRd } from './opcodes';

/** Discard slot for writes to x0. */
export const X_DISCARD = 32;

/** One decoded instruction; the decoder fills a caller-owned instance. */
export class Decoded {
  op: Op = Op.ILLEGAL;
  rd = 0;
  rs1 = 0;
  rs2 = 0;
  imm = 0;
  /** 2 (compressed) or 4. */
  length = 4;
  /** The raw bits (for mtval on an illegal instruction, and the trace). */
  raw = 0;
}

/** Which optional extensions the hart decodes (misa letters). */
export interface DecodeFeatures {
  readonly m: boolean;
  readonly a: boolean;
  readonly c: boolean;
  /** S-mode present: sret and sfence.vma exist. */
  readonly s: boolean;
}

/** Entries by major opcode (bits 6:0) for a short scan per instruction. */
const BY_MAJOR: OpcodeInfo[][] = (() => {
  const table: OpcodeInfo[][] = [];
  for (let i = 0; i < 128; i++) table.push([]);
  for (const info of OPCODES) table[info.match & 0x7f].push(info);
  return table;
})();

/** True when the halfword starts a 32-bit instruction (low bits 11). */
export function isFullLength(lowHalf: number): boolean {
  return (lowHalf & 3) === 3;
}

export function decode(raw: number, features: DecodeFeatures, out: Decoded): Decoded {
  if ((raw & 3) !== 3) {
    out.length = 2;
    out.raw = raw & 0xffff;
    if (!features.c) return illegal(out);
    decodeCompressed(raw & 0xffff, out);
  } else {
    out.length = 4;
    out.raw = raw >>> 0;
    decodeFull(raw | 0, features, out);
  }
  if (out.op !== Op.ILLEGAL && out.rd === 0 && writesRd(OPCODE_BY_OP[out.op].format)) out.rd = X_DISCARD;
  return out;
}

function decodeFull(raw: number, features: DecodeFeatures, out: Decoded): void {
  const u = raw >>> 0;
  const candidates = BY_MAJOR[u & 0x7f];
  let info: OpcodeInfo | null = null;
  for (let i = 0; i < candidates.length; i++) {
    if (((u & candidates[i].mask) >>> 0) === candidates[i].match) {
      info = candidates[i];
      break;
    }
  }
  if (info === null || !enabled(info, features)) {
    illegal(out);
    return;
  }
  out.op = info.op;
  out.rd = (u >>> 7) & 31;
  out.rs1 = (u >>> 15) & 31;
  out.rs2 = (u >>> 20) & 31;
  out.imm = immediate(info.format, raw);
}

function enabled(info: OpcodeInfo, f: DecodeFeatures): boolean {
  if (info.ext === 'M') return f.m;
  if (info.ext === 'A') return f.a;
  if (info.op === Op.SRET || info.op === Op.SFENCE_VMA) return f.s;
  return true;
}

/** Immediates per format (unprivileged spec 2.3, figure 2.4). */
function immediate(format: Format, raw: number): number {
  switch (format) {
    case Format.I:
    case Format.LOAD:
      return raw >> 20;
    case Format.S:
      return ((raw >> 25) << 5) | ((raw >>> 7) & 0x1f);
    case Format.B:
      return ((raw >> 31) << 12) | (((raw >>> 7) & 1) << 11) | (((raw >>> 25) & 0x3f) << 5) | (((raw >>> 8) & 0xf) << 1);
    case Format.U:
      return raw & 0xfffff000;
    case Format.J:
      return ((raw >> 31) << 20) | (raw & 0xff000) | (((raw >>> 20) & 1) << 11) | (((raw >>> 21) & 0x3ff) << 1);
    case Format.SHIFT:
      return (raw >>> 20) & 0x1f;
    case Format.CSR:
    case Format.CSRI:
      return (raw >>> 20) & 0xfff;
    default:
      return 0;
  }
}

export function illegal(out: Decoded): Decoded {
  out.op = Op.ILLEGAL;
  out.rd = 0;
  out.rs1 = 0;
  out.rs2 = 0;
  out.imm = out.raw | 0;
  return out;
}
