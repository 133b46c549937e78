/**
 * The RV32IMAC + Zicsr + Zifencei + privileged opcode table: the single
 * source for the decoder (match/mask), the disassembler (`--trace`) and the
 * generated differential tests (docs/design.md, convention 4).
 *
 * `Op` is a const enum so the executor's `switch` compiles to integer cases
 * (a jump table), not property loads. Compressed forms decode to the same
 * ids (decoder-compressed.ts); their length is kept per instruction.
 */

export const enum Op {
  ILLEGAL = 0,
  LUI, AUIPC, JAL, JALR,
  BEQ, BNE, BLT, BGE, BLTU, BGEU,
  LB, LH, LW, LBU, LHU, SB, SH, SW,
  ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI,
  ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA, OR, AND,
  FENCE, FENCE_I, ECALL, EBREAK, MRET, SRET, WFI, SFENCE_VMA,
  CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI,
  MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU,
  LR_W, SC_W, AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W, AMOMAXU_W,
  /** Not an encoding: a page-straddling or otherwise uncacheable fetch the
   * block builder could not decode ahead (see block-cache.ts). */
  COUNT,
}

/** Operand layout, for decoding immediates and printing operands. */
export const enum Format {
  R, I, S, B, U, J, SHIFT, LOAD, CSR, CSRI, AMO, LR, NONE, FENCE, SFENCE,
}

/** Which extension an encoding belongs to (misa bits gate decoding). */
export type Extension = 'I' | 'M' | 'A' | 'Zicsr' | 'Zifencei' | 'priv';

export interface OpcodeInfo {
  readonly op: Op;
  readonly name: string;
  readonly mask: number;
  readonly match: number;
  readonly format: Format;
  readonly ext: Extension;
  /** Ends a basic block: control transfer, trap, or state that later
   * instructions' decoding or translation depends on. */
  readonly endsBlock: boolean;
}

// Masks by encoding type (unprivileged spec 20191213, chapter 24 listings).
const OPC = 0x0000007f; // opcode only
const F3 = 0x0000707f; // opcode + funct3
const F7 = 0xfe00707f; // opcode + funct3 + funct7
const AMO5 = 0xf800707f; // opcode + funct3 + funct5 (aq/rl free)
const EXACT = 0xffffffff;

function e(op: Op, name: string, mask: number, match: number, format: Format, ext: Extension, endsBlock = false): OpcodeInfo {
  return { op, name, mask: mask >>> 0, match: match >>> 0, format, ext, endsBlock };
}

/** Every 32-bit encoding. Order matters only where masks overlap (none do). */
export const OPCODES: readonly OpcodeInfo[] = [
  e(Op.LUI, 'lui', OPC, 0x37, Format.U, 'I'),
  e(Op.AUIPC, 'auipc', OPC, 0x17, Format.U, 'I'),
  e(Op.JAL, 'jal', OPC, 0x6f, Format.J, 'I', true),
  e(Op.JALR, 'jalr', F3, 0x67, Format.I, 'I', true),
  e(Op.BEQ, 'beq', F3, 0x0063, Format.B, 'I', true),
  e(Op.BNE, 'bne', F3, 0x1063, Format.B, 'I', true),
  e(Op.BLT, 'blt', F3, 0x4063, Format.B, 'I', true),
  e(Op.BGE, 'bge', F3, 0x5063, Format.B, 'I', true),
  e(Op.BLTU, 'bltu', F3, 0x6063, Format.B, 'I', true),
  e(Op.BGEU, 'bgeu', F3, 0x7063, Format.B, 'I', true),
  e(Op.LB, 'lb', F3, 0x0003, Format.LOAD, 'I'),
  e(Op.LH, 'lh', F3, 0x1003, Format.LOAD, 'I'),
  e(Op.LW, 'lw', F3, 0x2003, Format.LOAD, 'I'),
  e(Op.LBU, 'lbu', F3, 0x4003, Format.LOAD, 'I'),
  e(Op.LHU, 'lhu', F3, 0x5003, Format.LOAD, 'I'),
  e(Op.SB, 'sb', F3, 0x0023, Format.S, 'I'),
  e(Op.SH, 'sh', F3, 0x1023, Format.S, 'I'),
  e(Op.SW, 'sw', F3, 0x2023, Format.S, 'I'),
  e(Op.ADDI, 'addi', F3, 0x0013, Format.I, 'I'),
  e(Op.SLTI, 'slti', F3, 0x2013, Format.I, 'I'),
  e(Op.SLTIU, 'sltiu', F3, 0x3013, Format.I, 'I'),
  e(Op.XORI, 'xori', F3, 0x4013, Format.I, 'I'),
  e(Op.ORI, 'ori', F3, 0x6013, Format.I, 'I'),
  e(Op.ANDI, 'andi', F3, 0x7013, Format.I, 'I'),
  e(Op.SLLI, 'slli', F7, 0x00001013, Format.SHIFT, 'I'),
  e(Op.SRLI, 'srli', F7, 0x00005013, Format.SHIFT, 'I'),
  e(Op.SRAI, 'srai', F7, 0x40005013, Format.SHIFT, 'I'),
  e(Op.ADD, 'add', F7, 0x00000033, Format.R, 'I'),
  e(Op.SUB, 'sub', F7, 0x40000033, Format.R, 'I'),
  e(Op.SLL, 'sll', F7, 0x00001033, Format.R, 'I'),
  e(Op.SLT, 'slt', F7, 0x00002033, Format.R, 'I'),
  e(Op.SLTU, 'sltu', F7, 0x00003033, Format.R, 'I'),
  e(Op.XOR, 'xor', F7, 0x00004033, Format.R, 'I'),
  e(Op.SRL, 'srl', F7, 0x00005033, Format.R, 'I'),
  e(Op.SRA, 'sra', F7, 0x40005033, Format.R, 'I'),
  e(Op.OR, 'or', F7, 0x00006033, Format.R, 'I'),
  e(Op.AND, 'and', F7, 0x00007033, Format.R, 'I'),
  // FENCE ignores fm/pred/succ/rs1/rd (reserved fields must be ignored, 2.7).
  e(Op.FENCE, 'fence', F3, 0x000f, Format.FENCE, 'I'),
  e(Op.FENCE_I, 'fence.i', F3, 0x100f, Format.NONE, 'Zifencei', true),
  e(Op.ECALL, 'ecall', EXACT, 0x00000073, Format.NONE, 'I', true),
  e(Op.EBREAK, 'ebreak', EXACT, 0x00100073, Format.NONE, 'I', true),
  e(Op.MRET, 'mret', EXACT, 0x30200073, Format.NONE, 'priv', true),
  e(Op.SRET, 'sret', EXACT, 0x10200073, Format.NONE, 'priv', true),
  e(Op.WFI, 'wfi', EXACT, 0x10500073, Format.NONE, 'priv', true),
  e(Op.SFENCE_VMA, 'sfence.vma', 0xfe007fff, 0x12000073, Format.SFENCE, 'priv', true),
  e(Op.CSRRW, 'csrrw', F3, 0x1073, Format.CSR, 'Zicsr', true),
  e(Op.CSRRS, 'csrrs', F3, 0x2073, Format.CSR, 'Zicsr', true),
  e(Op.CSRRC, 'csrrc', F3, 0x3073, Format.CSR, 'Zicsr', true),
  e(Op.CSRRWI, 'csrrwi', F3, 0x5073, Format.CSRI, 'Zicsr', true),
  e(Op.CSRRSI, 'csrrsi', F3, 0x6073, Format.CSRI, 'Zicsr', true),
  e(Op.CSRRCI, 'csrrci', F3, 0x7073, Format.CSRI, 'Zicsr', true),
  e(Op.MUL, 'mul', F7, 0x02000033, Format.R, 'M'),
  e(Op.MULH, 'mulh', F7, 0x02001033, Format.R, 'M'),
  e(Op.MULHSU, 'mulhsu', F7, 0x02002033, Format.R, 'M'),
  e(Op.MULHU, 'mulhu', F7, 0x02003033, Format.R, 'M'),
  e(Op.DIV, 'div', F7, 0x02004033, Format.R, 'M'),
  e(Op.DIVU, 'divu', F7, 0x02005033, Format.R, 'M'),
  e(Op.REM, 'rem', F7, 0x02006033, Format.R, 'M'),
  e(Op.REMU, 'remu', F7, 0x02007033, Format.R, 'M'),
  e(Op.LR_W, 'lr.w', 0xf9f0707f, 0x1000202f, Format.LR, 'A'),
  e(Op.SC_W, 'sc.w', AMO5, 0x1800202f, Format.AMO, 'A'),
  e(Op.AMOSWAP_W, 'amoswap.w', AMO5, 0x0800202f, Format.AMO, 'A'),
  e(Op.AMOADD_W, 'amoadd.w', AMO5, 0x0000202f, Format.AMO, 'A'),
  e(Op.AMOXOR_W, 'amoxor.w', AMO5, 0x2000202f, Format.AMO, 'A'),
  e(Op.AMOAND_W, 'amoand.w', AMO5, 0x6000202f, Format.AMO, 'A'),
  e(Op.AMOOR_W, 'amoor.w', AMO5, 0x4000202f, Format.AMO, 'A'),
  e(Op.AMOMIN_W, 'amomin.w', AMO5, 0x8000202f, Format.AMO, 'A'),
  e(Op.AMOMAX_W, 'amomax.w', AMO5, 0xa000202f, Format.AMO, 'A'),
  e(Op.AMOMINU_W, 'amominu.w', AMO5, 0xc000202f, Format.AMO, 'A'),
  e(Op.AMOMAXU_W, 'amomaxu.w', AMO5, 0xe000202f, Format.AMO, 'A'),
];

/** Table entry per Op id (ILLEGAL has a synthetic entry). */
export const OPCODE_BY_OP: readonly OpcodeInfo[] = (() => {
  const byOp: OpcodeInfo[] = [];
  byOp[Op.ILLEGAL] = e(Op.ILLEGAL, 'illegal', 0, 0, Format.NONE, 'I', true);
  for (const info of OPCODES) byOp[info.op] = info;
  return byOp;
})();

/** Ops that write `rd` (the decoder maps rd = x0 to the discard slot 32). */
export function writesRd(format: Format): boolean {
  return format === Format.R || format === Format.I || format === Format.U || format === Format.J ||
    format === Format.SHIFT || format === Format.LOAD || format === Format.CSR || format === Format.CSRI ||
    format === Format.AMO || format === Format.LR;
}

/** ABI register names, for the disassembler and the trace. */
export const ABI_NAMES: readonly string[] = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];
