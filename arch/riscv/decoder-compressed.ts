/**
 * RV32C: every compressed form expands to its base instruction's op id
 * (unprivileged spec 20191213, chapter 16, tables 16.4–16.6). Reserved and
 * RV64/RV128-only encodings, and the F/D forms (no F/D here), are illegal.
 */
import type { Decoded } from './decoder';
import { illegal } from './decoder';
import { Op } from './opcodes';

function set(out: Decoded, op: Op, rd: number, rs1: number, rs2: number, imm: number): void {
  out.op = op;
  out.rd = rd;
  out.rs1 = rs1;
  out.rs2 = rs2;
  out.imm = imm | 0;
}

/** Sign-extends the low `bits` of `v`. */
function sext(v: number, bits: number): number {
  const shift = 32 - bits;
  return (v << shift) >> shift;
}

/** CJ-format offset[11|4|9:8|10|6|7|3:1|5] from bits 12:2. */
function jumpOffset(c: number): number {
  const v = (((c >>> 12) & 1) << 11) | (((c >>> 11) & 1) << 4) | (((c >>> 9) & 3) << 8) | (((c >>> 8) & 1) << 10) |
    (((c >>> 7) & 1) << 6) | (((c >>> 6) & 1) << 7) | (((c >>> 3) & 7) << 1) | (((c >>> 2) & 1) << 5);
  return sext(v, 12);
}

/** CB-format branch offset[8|4:3] (12:10) and [7:6|2:1|5] (6:2). */
function branchOffset(c: number): number {
  const v = (((c >>> 12) & 1) << 8) | (((c >>> 10) & 3) << 3) | (((c >>> 5) & 3) << 6) | (((c >>> 3) & 3) << 1) |
    (((c >>> 2) & 1) << 5);
  return sext(v, 9);
}

/** CI-format 6-bit immediate imm[5] (12), imm[4:0] (6:2). */
function ciImm(c: number): number {
  return sext((((c >>> 12) & 1) << 5) | ((c >>> 2) & 0x1f), 6);
}

export function decodeCompressed(c: number, out: Decoded): void {
  const funct3 = c >>> 13;
  const rdFull = (c >>> 7) & 31;
  const rs2Full = (c >>> 2) & 31;
  const rdPrime = 8 + ((c >>> 2) & 7); // rd'/rs2' in bits 4:2
  const rs1Prime = 8 + ((c >>> 7) & 7); // rs1'/rd' in bits 9:7
  switch (c & 3) {
    case 0:
      switch (funct3) {
        case 0: {
          // C.ADDI4SPN: nzuimm[5:4|9:6|2|3]; zero is reserved (and 0x0000 is illegal).
          const imm = (((c >>> 11) & 3) << 4) | (((c >>> 7) & 0xf) << 6) | (((c >>> 6) & 1) << 2) | (((c >>> 5) & 1) << 3);
          if (imm === 0) return void illegal(out);
          return set(out, Op.ADDI, rdPrime, 2, 0, imm);
        }
        case 2: // C.LW: uimm[5:3] (12:10), uimm[2] (6), uimm[6] (5)
          return set(out, Op.LW, rdPrime, rs1Prime, 0, (((c >>> 10) & 7) << 3) | (((c >>> 6) & 1) << 2) | (((c >>> 5) & 1) << 6));
        case 6: // C.SW
          return set(out, Op.SW, 0, rs1Prime, rdPrime, (((c >>> 10) & 7) << 3) | (((c >>> 6) & 1) << 2) | (((c >>> 5) & 1) << 6));
        default: // C.FLD/C.FLW/C.FSD/C.FSW need F/D; 100 is reserved.
          return void illegal(out);
      }
    case 1:
      switch (funct3) {
        case 0: // C.ADDI (C.NOP and the rd=0 / imm=0 HINTs execute as addi)
          return set(out, Op.ADDI, rdFull, rdFull, 0, ciImm(c));
        case 1: // C.JAL (RV32 only)
          return set(out, Op.JAL, 1, 0, 0, jumpOffset(c));
        case 2: // C.LI
          return set(out, Op.ADDI, rdFull, 0, 0, ciImm(c));
        case 3: {
          if (rdFull === 2) {
            // C.ADDI16SP: nzimm[9] (12), [4] (6), [6] (5), [8:7] (4:3), [5] (2)
            const v = (((c >>> 12) & 1) << 9) | (((c >>> 6) & 1) << 4) | (((c >>> 5) & 1) << 6) | (((c >>> 3) & 3) << 7) |
              (((c >>> 2) & 1) << 5);
            if (v === 0) return void illegal(out);
            return set(out, Op.ADDI, 2, 2, 0, sext(v, 10));
          }
          const imm = ciImm(c) << 12; // C.LUI: nzimm[17:12]
          if (imm === 0) return void illegal(out);
          return set(out, Op.LUI, rdFull, 0, 0, imm);
        }
        case 4: {
          const funct2 = (c >>> 10) & 3;
          if (funct2 === 0 || funct2 === 1) {
            // C.SRLI / C.SRAI: shamt[5] = 1 is reserved for RV32 (NSE).
            if ((c >>> 12) & 1) return void illegal(out);
            return set(out, funct2 === 0 ? Op.SRLI : Op.SRAI, rs1Prime, rs1Prime, 0, (c >>> 2) & 0x1f);
          }
          if (funct2 === 2) return set(out, Op.ANDI, rs1Prime, rs1Prime, 0, ciImm(c));
          if ((c >>> 12) & 1) return void illegal(out); // C.SUBW/C.ADDW: RV64 only
          const ops = [Op.SUB, Op.XOR, Op.OR, Op.AND];
          return set(out, ops[(c >>> 5) & 3], rs1Prime, rs1Prime, rdPrime, 0);
        }
        case 5: // C.J
          return set(out, Op.JAL, 0, 0, 0, jumpOffset(c));
        case 6: // C.BEQZ
          return set(out, Op.BEQ, 0, rs1Prime, 0, branchOffset(c));
        default: // C.BNEZ
          return set(out, Op.BNE, 0, rs1Prime, 0, branchOffset(c));
      }
    default: // quadrant 2
      switch (funct3) {
        case 0: // C.SLLI (shamt[5] = 1 reserved for RV32)
          if ((c >>> 12) & 1) return void illegal(out);
          return set(out, Op.SLLI, rdFull, rdFull, 0, rs2Full);
        case 2: {
          // C.LWSP: uimm[5] (12), [4:2] (6:4), [7:6] (3:2); rd = 0 is reserved.
          if (rdFull === 0) return void illegal(out);
          const imm = (((c >>> 12) & 1) << 5) | (((c >>> 4) & 7) << 2) | (((c >>> 2) & 3) << 6);
          return set(out, Op.LW, rdFull, 2, 0, imm);
        }
        case 4:
          if (((c >>> 12) & 1) === 0) {
            if (rs2Full === 0) {
              if (rdFull === 0) return void illegal(out); // C.JR with rs1 = 0 is reserved
              return set(out, Op.JALR, 0, rdFull, 0, 0); // C.JR
            }
            return set(out, Op.ADD, rdFull, 0, rs2Full, 0); // C.MV
          }
          if (rs2Full === 0) {
            if (rdFull === 0) return set(out, Op.EBREAK, 0, 0, 0, 0); // C.EBREAK
            return set(out, Op.JALR, 1, rdFull, 0, 0); // C.JALR
          }
          return set(out, Op.ADD, rdFull, rdFull, rs2Full, 0); // C.ADD
        case 6: // C.SWSP: uimm[5:2] (12:9), [7:6] (8:7)
          return set(out, Op.SW, 0, 2, rs2Full, (((c >>> 9) & 0xf) << 2) | (((c >>> 7) & 3) << 6));
        default: // C.FLDSP/C.FLWSP/C.FSDSP/C.FSWSP need F/D
          return void illegal(out);
      }
  }
}
