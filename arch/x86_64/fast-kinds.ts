/**
 * The interpreter's inline forms ("kinds"): the hottest instruction forms
 * of gcc -O2 integer code, which interpreter.ts executes inside its switch
 * instead of calling the slot's handler. Each decoded slot of a block gets
 * one packed word (Decoded.word):
 *
 *   bits 0-7   kind (K_*; 0 = call the handler)
 *   bits 8-12  destination register (0-15, 16-19 = AH CH DH BH)
 *   bits 13-17 source register
 *   bits 18-21 base register       (memory forms)
 *   bits 22-25 index register
 *   bits 26-27 scale
 *   bits 28-30 address form (W_AM_*)
 *
 * A jcc has its truth table after a subtraction in bits 18-21 and
 * whether its comparison is signed in bit 22 (Paired); a compare whose
 * case takes the jcc after it has that jcc's table in bits 18-25.
 *
 * A kind computes exactly what the handler the decoder chose for the slot
 * computes (the generic handlers; ops/fast-control.ts's for branches and
 * lea): the same registers, the same memory accesses in the same order and
 * the same lazy flags (the LazyOp kind and every field it reads; handlers
 * may write more). The differential tests run every form both ways. The
 * forms of gen/forms.ts are described there and their cases generated.
 * Forms not listed here (other sizes, prefixes, rare instructions) keep
 * word 0 and their handler.
 */
import { AM_BASE, AM_BASE_INDEX, AM_RIP, BASE_RIP, Decoded, NO_REG, PFX_ASZ, PFX_LOCK, PFX_OSZ, PFX_REP, PFX_REPNE } from './decoded';
import { Form, forms, kindName, MEMORY_SHAPES, rowOf, shapeOf } from './gen/forms';
import { isMemoryMove, moveFormOf, moveForms, moveSource } from './gen/moves';
import { shiftFormOf, shiftForms } from './gen/shifts';
import { CONDITIONS_BY_CC, jccTable, SUB_CONDITIONS, subTable } from './gen/conditions';
import { accumulatorFormOf, accumulatorForms, leaFormOf } from './gen/lea';
import { mulDivFormOf } from './gen/muldiv';
import { ROWS } from './opcode-table';

// ---- generated: kind enum (npm run gen:x86; do not edit) ----
/** The kinds, numbered by gen/kinds.ts from the rows (see there): register
 * forms, then from FIRST_MEM on forms with a memory operand (the
 * interpreter computes its address before the switch). A const enum: the
 * interpreter's switch compiles to integer cases (a jump table). */
export const enum K {
  /** Call the slot's handler (word 0). */
  HANDLER = 0,
  /** nop (every operand form). */
  NOP = 1,
  /** ALU and single-operand register forms (gen/forms.ts). */
  ADD32_RR = 2,
  ADD64_RR = 3,
  ADD32_RI = 4,
  ADD64_RI = 5,
  OR32_RR = 6,
  OR64_RR = 7,
  OR32_RI = 8,
  OR64_RI = 9,
  TEST32_RR = 10,
  TEST64_RR = 11,
  TEST32_RI = 12,
  TEST64_RI = 13,
  AND32_RR = 14,
  AND64_RR = 15,
  AND32_RI = 16,
  AND64_RI = 17,
  SUB32_RR = 18,
  SUB64_RR = 19,
  SUB32_RI = 20,
  SUB64_RI = 21,
  XOR32_RR = 22,
  XOR64_RR = 23,
  XOR32_RI = 24,
  XOR64_RI = 25,
  CMP32_RR = 26,
  CMP64_RR = 27,
  CMP32_RI = 28,
  CMP64_RI = 29,
  INC32 = 30,
  INC64 = 31,
  DEC32 = 32,
  DEC64 = 33,
  NEG32 = 34,
  NEG64 = 35,
  NOT32 = 36,
  NOT64 = 37,
  /** Register moves (gen/moves.ts). */
  MOV32_RR = 38,
  MOV64_RR = 39,
  MOV32_RI = 40,
  MOV64_RI = 41,
  MOVZXB32_RR = 42,
  MOVZXB64_RR = 43,
  MOVZXW32_RR = 44,
  MOVZXW64_RR = 45,
  MOVSXB32_RR = 46,
  MOVSXB64_RR = 47,
  MOVSXW32_RR = 48,
  MOVSXW64_RR = 49,
  MOVSXD64_RR = 50,
  /** Shifts by a constant (gen/shifts.ts). */
  SHL32_I = 51,
  SHL64_I = 52,
  SHR32_I = 53,
  SHR64_I = 54,
  SAR32_I = 55,
  SAR64_I = 56,
  /** lea and the accumulator (gen/lea.ts). */
  LEA32 = 57,
  LEA64 = 58,
  CDQE = 59,
  CDQ = 60,
  CQO = 61,
  /** Multiply and divide (gen/muldiv.ts). */
  IMUL32_RR = 62,
  IMUL32_RRI = 63,
  DIV32_R = 64,
  IDIV32_R = 65,
  /** Control transfers and the stack (gen/control.ts). */
  JMP_REL = 66,
  JMP_R64 = 67,
  CALL_REL = 68,
  RET = 69,
  PUSH_R64 = 70,
  POP_R64 = 71,
  /** jcc by condition code (SDM vol. 1, B.1): JO + cc. */
  JO = 72,
  JNO = 73,
  JB = 74,
  JAE = 75,
  JE = 76,
  JNE = 77,
  JBE = 78,
  JA = 79,
  JS = 80,
  JNS = 81,
  JP = 82,
  JNP = 83,
  JL = 84,
  JGE = 85,
  JLE = 86,
  JG = 87,
  /** jcc right after a 32-bit sub/cmp of the same block (fuseBranch): JB_SUB32 + n. */
  JB_SUB32 = 88,
  JAE_SUB32 = 89,
  JE_SUB32 = 90,
  JNE_SUB32 = 91,
  JBE_SUB32 = 92,
  JA_SUB32 = 93,
  JL_SUB32 = 94,
  JGE_SUB32 = 95,
  JLE_SUB32 = 96,
  JG_SUB32 = 97,
  /** The same after a 64-bit sub/cmp. */
  JB_SUB64 = 98,
  JAE_SUB64 = 99,
  JE_SUB64 = 100,
  JNE_SUB64 = 101,
  JBE_SUB64 = 102,
  JA_SUB64 = 103,
  JL_SUB64 = 104,
  JGE_SUB64 = 105,
  JLE_SUB64 = 106,
  JG_SUB64 = 107,
  /** je/jne right after an operation that recorded its result (32/16/8 or 64 bits). */
  JZ_RES32 = 108,
  JNZ_RES32 = 109,
  JZ_RES64 = 110,
  JNZ_RES64 = 111,
  /** The first kind with a memory operand. */
  FIRST_MEM = 112,
  /** ALU forms with a memory operand (gen/forms.ts). */
  ADD32_RM = 112,
  ADD64_RM = 113,
  OR32_RM = 114,
  OR64_RM = 115,
  AND32_RM = 116,
  AND64_RM = 117,
  SUB32_RM = 118,
  SUB64_RM = 119,
  XOR32_RM = 120,
  XOR64_RM = 121,
  CMP32_RM = 122,
  CMP64_RM = 123,
  CMP32_MR = 124,
  CMP64_MR = 125,
  CMP32_MI = 126,
  CMP64_MI = 127,
  CMP8_MR = 128,
  CMP8_MI = 129,
  /** Loads and stores (gen/moves.ts). */
  MOV32_RM = 130,
  MOV64_RM = 131,
  MOV32_MR = 132,
  MOV64_MR = 133,
  MOV32_MI = 134,
  MOV64_MI = 135,
  MOV8_RM = 136,
  MOV8_MR = 137,
  MOV8_MI = 138,
  MOVZXB32_RM = 139,
  MOVZXB64_RM = 140,
  MOVZXW32_RM = 141,
  MOVZXW64_RM = 142,
  MOVSXB32_RM = 143,
  MOVSXB64_RM = 144,
  MOVSXW32_RM = 145,
  MOVSXW64_RM = 146,
  MOVSXD64_RM = 147,
  /** imul r32, m32 (gen/muldiv.ts). */
  IMUL32_RM = 148,
  /** Control transfers through memory (gen/control.ts). */
  JMP_M64 = 149,
}
// ---- end of generated kind enum ----

// ---- generated: form kinds (npm run gen:x86; do not edit) ----
/** The kind of each form of gen/forms.ts, by its K member's name. */
export const FORM_KIND: Readonly<Record<string, number>> = {
  ADD32_RR: K.ADD32_RR,
  ADD64_RR: K.ADD64_RR,
  ADD32_RI: K.ADD32_RI,
  ADD64_RI: K.ADD64_RI,
  ADD32_RM: K.ADD32_RM,
  ADD64_RM: K.ADD64_RM,
  OR32_RR: K.OR32_RR,
  OR64_RR: K.OR64_RR,
  OR32_RI: K.OR32_RI,
  OR64_RI: K.OR64_RI,
  OR32_RM: K.OR32_RM,
  OR64_RM: K.OR64_RM,
  TEST32_RR: K.TEST32_RR,
  TEST64_RR: K.TEST64_RR,
  TEST32_RI: K.TEST32_RI,
  TEST64_RI: K.TEST64_RI,
  AND32_RR: K.AND32_RR,
  AND64_RR: K.AND64_RR,
  AND32_RI: K.AND32_RI,
  AND64_RI: K.AND64_RI,
  AND32_RM: K.AND32_RM,
  AND64_RM: K.AND64_RM,
  SUB32_RR: K.SUB32_RR,
  SUB64_RR: K.SUB64_RR,
  SUB32_RI: K.SUB32_RI,
  SUB64_RI: K.SUB64_RI,
  SUB32_RM: K.SUB32_RM,
  SUB64_RM: K.SUB64_RM,
  XOR32_RR: K.XOR32_RR,
  XOR64_RR: K.XOR64_RR,
  XOR32_RI: K.XOR32_RI,
  XOR64_RI: K.XOR64_RI,
  XOR32_RM: K.XOR32_RM,
  XOR64_RM: K.XOR64_RM,
  CMP32_RR: K.CMP32_RR,
  CMP64_RR: K.CMP64_RR,
  CMP32_RI: K.CMP32_RI,
  CMP64_RI: K.CMP64_RI,
  CMP32_RM: K.CMP32_RM,
  CMP64_RM: K.CMP64_RM,
  CMP32_MR: K.CMP32_MR,
  CMP64_MR: K.CMP64_MR,
  CMP32_MI: K.CMP32_MI,
  CMP64_MI: K.CMP64_MI,
  CMP8_MR: K.CMP8_MR,
  CMP8_MI: K.CMP8_MI,
  INC32: K.INC32,
  INC64: K.INC64,
  DEC32: K.DEC32,
  DEC64: K.DEC64,
  NEG32: K.NEG32,
  NEG64: K.NEG64,
  NOT32: K.NOT32,
  NOT64: K.NOT64,
  MOV32_RR: K.MOV32_RR,
  MOV64_RR: K.MOV64_RR,
  MOV32_RI: K.MOV32_RI,
  MOV64_RI: K.MOV64_RI,
  MOV32_RM: K.MOV32_RM,
  MOV64_RM: K.MOV64_RM,
  MOV32_MR: K.MOV32_MR,
  MOV64_MR: K.MOV64_MR,
  MOV32_MI: K.MOV32_MI,
  MOV64_MI: K.MOV64_MI,
  MOV8_RM: K.MOV8_RM,
  MOV8_MR: K.MOV8_MR,
  MOV8_MI: K.MOV8_MI,
  MOVZXB32_RR: K.MOVZXB32_RR,
  MOVZXB64_RR: K.MOVZXB64_RR,
  MOVZXB32_RM: K.MOVZXB32_RM,
  MOVZXB64_RM: K.MOVZXB64_RM,
  MOVZXW32_RR: K.MOVZXW32_RR,
  MOVZXW64_RR: K.MOVZXW64_RR,
  MOVZXW32_RM: K.MOVZXW32_RM,
  MOVZXW64_RM: K.MOVZXW64_RM,
  MOVSXB32_RR: K.MOVSXB32_RR,
  MOVSXB64_RR: K.MOVSXB64_RR,
  MOVSXB32_RM: K.MOVSXB32_RM,
  MOVSXB64_RM: K.MOVSXB64_RM,
  MOVSXW32_RR: K.MOVSXW32_RR,
  MOVSXW64_RR: K.MOVSXW64_RR,
  MOVSXW32_RM: K.MOVSXW32_RM,
  MOVSXW64_RM: K.MOVSXW64_RM,
  MOVSXD64_RR: K.MOVSXD64_RR,
  MOVSXD64_RM: K.MOVSXD64_RM,
  SHL32_I: K.SHL32_I,
  SHL64_I: K.SHL64_I,
  SHR32_I: K.SHR32_I,
  SHR64_I: K.SHR64_I,
  SAR32_I: K.SAR32_I,
  SAR64_I: K.SAR64_I,
  LEA32: K.LEA32,
  LEA64: K.LEA64,
  CDQE: K.CDQE,
  CDQ: K.CDQ,
  CQO: K.CQO,
  IMUL32_RR: K.IMUL32_RR,
  IMUL32_RRI: K.IMUL32_RRI,
  IMUL32_RM: K.IMUL32_RM,
  DIV32_R: K.DIV32_R,
  IDIV32_R: K.IDIV32_R,
};
// ---- end of generated form kinds ----

// Address forms of the packed word (bits 28-30).
export const W_AM_GENERAL = 0;
export const W_AM_BASE = 1;
export const W_AM_BASE_INDEX = 2;
export const W_AM_RIP = 3;
/** index*scale + disp, no base (jump tables). */
export const W_AM_INDEX = 4;

/** Each row's operand list as one string, for the classification. */
const ARGS: string[] = [];

function pack(kind: number, dst: number, src: number): number {
  return kind | (dst << 8) | (src << 13);
}

/** The generated forms (gen/forms.ts) by kind number. */
const FORM_OF = new Map<number, Form>(forms().map((f) => [FORM_KIND[f.kind], f]));
const formKinds = (keep: (f: Form) => boolean): number[] => [...FORM_OF].filter(([, f]) => keep(f)).map(([k]) => k);
const isReg = (f: Form): boolean => !MEMORY_SHAPES.includes(f.shape);

const SUB32 = formKinds((f) => f.row.lazy === 'SUB' && f.size === 4);
const SUB64 = formKinds((f) => f.row.lazy === 'SUB' && f.size === 8);
/** Kinds that record their result in fres (fresH at 64 bits) with add,
 * sub, logic, inc or dec lazy flags, so ZF is that result being zero. */
const RESULT32 = formKinds((f) => f.row.lazy !== null && f.size !== 8);
const RESULT64 = formKinds((f) => f.row.lazy !== null && f.size === 8);
/** Fused kind per condition code after a sub/cmp (offset from JB_SUB32/64:
 * gen/conditions.ts SUB_CONDITIONS' order), or -1. */
const FUSED_CC = CONDITIONS_BY_CC.map((c) => SUB_CONDITIONS.indexOf(c));

/** Word bit 31 on a register form: its lazy-flag stores are dead (see
 * markDeadFlags); the interpreter skips them. */
export const W_FLAGS_DEAD = 1 << 31;

/** Register forms that write the whole lazy-flag state and cannot fault. */
const FULL_WRITERS = [...formKinds((f) => isReg(f) && f.row.lazy !== null && f.row.lazy !== 'INC' && f.row.lazy !== 'DEC'), K.IMUL32_RR, K.IMUL32_RRI];
/** Shifts by an immediate write them only for a non-zero count: the
 * count's mask by kind. */
const SHIFT_MASK = new Map<number, number>(shiftForms().map((f) => [FORM_KIND[f.kind], f.size * 8 - 1]));
const SHIFTS = [...SHIFT_MASK.keys()];
/** Register forms that neither touch the flags nor fault. */
const FLAG_NEUTRAL = [
  K.NOP, K.LEA32, ...accumulatorForms().map((f) => FORM_KIND[f.kind]), ...formKinds((f) => isReg(f) && f.row.lazy === null),
  ...moveForms().filter((f) => !isMemoryMove(f.shape)).map((f) => FORM_KIND[f.kind]),
];
/** Forms whose flag stores may be skipped when dead. */
const SKIPPABLE = [...FULL_WRITERS, ...SHIFTS, ...formKinds((f) => f.row.lazy === 'INC' || f.row.lazy === 'DEC')];

function writesAllFlags(d: Decoded, slot: number): boolean {
  const k = d.word[slot] & 0xff;
  if (FULL_WRITERS.includes(k)) return true;
  if (!SHIFTS.includes(k)) return false;
  return (d.imm[slot] & SHIFT_MASK.get(k)!) !== 0;
}

/**
 * Marks the register forms of a block whose lazy-flag stores nothing can
 * observe: a later instruction of the block replaces the whole flag state
 * and only register moves (which cannot fault) lie between, so neither a
 * flag reader nor an exception (which pushes RFLAGS) sees them. The
 * block's last instruction is never marked (the next block may read them).
 * lea64 is not neutral: its rare inexact case runs the handler.
 */
export function markDeadFlags(d: Decoded, first: number, count: number): void {
  for (let s = first; s < first + count - 1; s++) {
    if (!SKIPPABLE.includes(d.word[s] & 0xff)) continue;
    for (let n = s + 1; n < first + count; n++) {
      if (writesAllFlags(d, n)) {
        d.word[s] |= W_FLAGS_DEAD;
        break;
      }
      if (!FLAG_NEUTRAL.includes(d.word[n] & 0xff)) break;
    }
  }
}

/** The word of a jcc that directly follows `prev` in its block: when prev
 * is a 32/64-bit sub or cmp (or, for je/jne, any form that records its
 * result), a kind that tests the recorded operands without looking at the
 * lazy flag kind. Both run back to back in every execution of the block
 * (it is entered only at its first slot), so the flag fields the jcc
 * reads are always the ones prev wrote. Any other word is returned as is. */
export function fuseBranch(prev: number, word: number): number {
  const kind = word & 0xff;
  if (kind < K.JO || kind > K.JG) return word;
  const cc = kind - K.JO;
  const p = prev & 0xff;
  let fused = -1;
  if (FUSED_CC[cc] >= 0 && SUB32.includes(p)) fused = K.JB_SUB32 + FUSED_CC[cc];
  else if (FUSED_CC[cc] >= 0 && SUB64.includes(p)) fused = K.JB_SUB64 + FUSED_CC[cc];
  else if ((cc === 4 || cc === 5) && RESULT32.includes(p)) fused = cc === 4 ? K.JZ_RES32 : K.JNZ_RES32;
  else if ((cc === 4 || cc === 5) && RESULT64.includes(p)) fused = cc === 4 ? K.JZ_RES64 : K.JNZ_RES64;
  return fused < 0 ? word : (word & ~0xff) | fused;
}

/** Whether a slot's kind is a jcc the interpreter runs inline (fused or
 * not): a block may run on past it (block-cache.ts). */
export function isInlineJcc(kind: number): boolean {
  return (kind >= K.JO && kind <= K.JG) || (kind >= K.JB_SUB32 && kind <= K.JNZ_RES64);
}

/** Bits of a register-form compare's word when the next slot is a jcc
 * fused with it (pairWithBranch). A const enum: tsc writes the numbers in
 * place in the interpreter's hot path. */
export const enum Paired {
  /** The compare's case takes the branch itself, saving a dispatch. */
  BIT = 1 << 30,
  /** Bits 18-25: the branch's truth table, indexed by the outcome bits
   * (sub/cmp: below unsigned | equal << 1 | less signed << 2; test: zero). */
  TABLE_SHIFT = 18,
  /** An unfused jcc's word: its comparison is signed (gen/conditions.ts
   * jccTable; its 4-bit table at TABLE_SHIFT). */
  SIGNED = 1 << 22,
}

/** Register compares that can take their jcc: they cannot fault and have
 * no other use for bits 18-30 of their word. */
const PAIR_SUB = formKinds((f) => isReg(f) && f.row.pair === 'sub');
const PAIR_TEST = formKinds((f) => isReg(f) && f.row.pair === 'zero');
/** Per fused condition (JB_SUB32 + n), its truth table: bit (u | e << 1
 * | s << 2) set where taken, for below-unsigned u, equal e and
 * less-signed s. */
const SUB_TABLES = SUB_CONDITIONS.map(subTable);
/** Per cc, the bits of an unfused jcc's word for the interpreter's case
 * (gen/conditions.ts jccTable; 0 for conditions without a comparison). */
const JCC_BITS = CONDITIONS_BY_CC.map((cond) => {
  if (cond.row.sub === null) return 0;
  const t = jccTable(cond);
  return (t.table << Paired.TABLE_SHIFT) | (t.signed ? Paired.SIGNED : 0);
});

/**
 * The word of `prev`, the slot before `jcc` in a block: when prev is a
 * register sub/cmp/test and fuseBranch made jcc test its recorded result,
 * prev is marked Paired with the branch's truth table, and the interpreter
 * takes the branch in prev's case, skipping jcc's slot. jcc keeps its
 * fused kind; nothing else runs it on its own inline (blocks are entered
 * only at their first slot, and a block cut short in an interrupt shadow
 * or a trace goes through the handlers).
 */
export function pairWithBranch(prev: number, jcc: number): number {
  const p = prev & 0xff;
  const j = jcc & 0xff;
  let table = -1;
  const wide = FORM_OF.get(p)?.size === 8;
  if (PAIR_SUB.includes(p)) {
    const n = wide ? j - K.JB_SUB64 : j - K.JB_SUB32;
    if (n < 0 || n >= SUB_TABLES.length) return prev;
    table = SUB_TABLES[n];
  } else if (PAIR_TEST.includes(p)) {
    const zero = wide ? K.JZ_RES64 : K.JZ_RES32;
    if (j === zero) table = 0b10;
    else if (j === zero + 1) table = 0b01;
    else return prev;
  } else return prev;
  return prev | Paired.BIT | (table << Paired.TABLE_SHIFT);
}

/** How fastWord packs the operands of a classified form (classify). */
const enum Pack {
  /** Not an inline form: the handler runs. */
  NONE,
  /** The kind alone. */
  KIND,
  /** The memory operand's address form (withAddress), reg as dst/src. */
  ADDRESS,
  /** lea: the address form when it is base or base+index, else NONE. */
  LEA,
  /** dst = rm. */
  RM,
  /** dst = reg, src = rm. */
  REG_RM,
  /** dst = rm, src = reg. */
  RM_REG,
  /** src = rm. */
  SRC_RM,
  /** A jcc: its truth table after a subtraction in bits 18-25. */
  JCC,
}

/** classify's results by slotClass key: the rows' string matching runs
 * once per form, not once per decoded instruction (block builds). */
const CLASSES = new Map<number, number>();

/** The packed word of decoded slot i (0 when its handler must run). */
export function fastWord(d: Decoded, i: number): number {
  const entry = d.entry[i];
  const r = ROWS[entry];
  if (r === undefined) return 0;
  const rm = d.rm[i];
  const reg = d.reg[i];
  const mem = r.hasModrm && rm === NO_REG;
  // The classification reads the row, the operand form, the size and
  // these prefixes (rep/repne, lock, 66h, 67h), nothing else of the slot.
  const osz = d.osz[i];
  const pfx = d.pfx[i] & (PFX_REP | PFX_REPNE | PFX_LOCK | PFX_OSZ | PFX_ASZ);
  const key = ((entry * 32 + pfx) * 32 + osz) * 2 + (mem ? 1 : 0);
  let c = CLASSES.get(key);
  if (c === undefined) {
    c = classify(r, mem, osz, pfx);
    CLASSES.set(key, c);
  }
  const k = c & 0xff;
  switch (c >>> 8) {
    case Pack.KIND:
      return pack(k, 0, 0);
    case Pack.ADDRESS:
      return withAddress(d, i, k, reg);
    case Pack.LEA: {
      const am = d.amode[i];
      if (am !== AM_BASE && am !== AM_BASE_INDEX) return 0;
      return withAddress(d, i, k, reg);
    }
    case Pack.RM:
      return pack(k, rm, 0);
    case Pack.REG_RM:
      return pack(k, reg, rm);
    case Pack.RM_REG:
      return pack(k, rm, reg);
    case Pack.SRC_RM:
      return pack(k, 0, rm);
    case Pack.JCC:
      return pack(k, 0, 0) | JCC_BITS[k - K.JO];
  }
  return 0;
}

/** A form's kind and how its operands pack (kind | Pack << 8). */
function classify(r: (typeof ROWS)[number], mem: boolean, osz: number, pfx: number): number {
  if (ARGS.length !== ROWS.length) for (let n = ARGS.length; n < ROWS.length; n++) ARGS.push(ROWS[n].args.join(','));
  const args = ARGS[r.index];
  const as = (k: number, how: Pack): number => k | (how << 8);
  const branch = r.name === 'ret' || r.name === 'call' || r.name.startsWith('j');
  // rep/repne on a one-byte-map form and 66h on a branch: leave to the handler.
  if ((pfx & (PFX_REP | PFX_REPNE)) !== 0 && r.map === 0 && !branch) return Pack.NONE;
  if ((pfx & PFX_OSZ) !== 0 && branch) return Pack.NONE;
  if (r.name === 'nop') return as(K.NOP, Pack.KIND);
  const move = moveFormOf(r.name, args, mem, osz);
  if (move !== null) {
    if (mem && (pfx & PFX_LOCK) !== 0) return Pack.NONE;
    const k = FORM_KIND[move.kind];
    if (mem) return as(k, Pack.ADDRESS);
    if (moveSource(move.shape) === 'imm') return as(k, Pack.RM);
    // E,G forms write E; G,E forms (mov, movzx, movsx, movsxd) write G.
    return as(k, args.startsWith('G') ? Pack.REG_RM : Pack.RM_REG);
  }
  const shift = mem ? null : shiftFormOf(r.name, args, osz);
  if (shift !== null) return as(FORM_KIND[shift.kind], Pack.RM);
  const row = rowOf(r.name);
  if (row !== undefined) {
    if (mem && (pfx & PFX_LOCK) !== 0) return Pack.NONE;
    const shape = shapeOf(row, args, mem, osz);
    if (shape === null) return Pack.NONE;
    const k = FORM_KIND[kindName(row, shape, osz)];
    if (mem) return as(k, Pack.ADDRESS);
    if (shape === 'RI' || shape === 'R') return as(k, Pack.RM);
    // E,G forms write E; G,E forms write G. test E,G: order does not matter.
    return as(k, args.startsWith('G') ? Pack.REG_RM : Pack.RM_REG);
  }
  if (mem && r.name !== 'lea') {
    if ((pfx & PFX_LOCK) !== 0) return Pack.NONE;
    const k = memKind(r.name, args, osz);
    return k === 0 ? Pack.NONE : as(k, Pack.ADDRESS);
  }
  const k = regKind(r.name, args, osz, pfx);
  if (k < 0) return Pack.NONE;
  switch (k) {
    case K.JMP_R64:
    case K.PUSH_R64:
    case K.POP_R64:
      return as(k, Pack.RM);
    case K.LEA32:
    case K.LEA64:
      return as(k, Pack.LEA);
  }
  if (k >= K.JO && k <= K.JG) return as(k, Pack.JCC);
  if (k === K.IMUL32_RR || k === K.IMUL32_RRI) return as(k, Pack.REG_RM);
  if (k === K.IDIV32_R || k === K.DIV32_R) return as(k, Pack.SRC_RM);
  return as(k, Pack.KIND);
}

/** The kind of a register form, or -1. */
function regKind(name: string, args: string, osz: number, pfx: number): number {
  const w = osz === 8;
  switch (name) {
    case 'imul':
    case 'idiv':
    case 'div': {
      const f = mulDivFormOf(name, args, osz, false);
      return f === null ? -1 : FORM_KIND[f.kind];
    }
    case 'lea': {
      const lea = leaFormOf(name, args, osz);
      return lea === null || (pfx & PFX_ASZ) !== 0 ? -1 : FORM_KIND[lea.kind];
    }
    case 'cbw':
    case 'cwd': {
      const acc = accumulatorFormOf(name, osz);
      return acc === null ? -1 : FORM_KIND[acc.kind];
    }
    case 'jmp':
      if (args === 'Jb' || args === 'Jz') return K.JMP_REL;
      if (args === 'Ev') return K.JMP_R64;
      return -1;
    case 'call':
      return args === 'Jz' ? K.CALL_REL : -1;
    case 'ret':
      return args === '' ? K.RET : -1;
    case 'push':
      return args === 'Zv' && w ? K.PUSH_R64 : -1;
    case 'pop':
      return args === 'Zv' && w ? K.POP_R64 : -1;
  }
  if (name.startsWith('j') && (args === 'Jb' || args === 'Jz')) {
    const cc = CONDITIONS_BY_CC.findIndex((c) => `j${c.name}` === name);
    if (cc >= 0) return K.JO + cc;
  }
  return -1;
}

/** The kind of a memory form, or 0. */
function memKind(name: string, args: string, osz: number): number {
  switch (name) {
    case 'jmp':
      return args === 'Ev' ? K.JMP_M64 : 0;
    case 'imul': {
      const f = mulDivFormOf(name, args, osz, true);
      return f === null ? 0 : FORM_KIND[f.kind];
    }
  }
  return 0;
}

/** Packs the memory operand's address form. Anything with a segment
 * override, 0x67 or no usable register stays W_AM_GENERAL (ea()). */
function withAddress(d: Decoded, i: number, kind: number, reg: number): number {
  const am = d.amode[i];
  const base = d.base[i];
  const index = d.index[i];
  let form = W_AM_GENERAL;
  if (am === AM_BASE) form = W_AM_BASE;
  else if (am === AM_BASE_INDEX) form = W_AM_BASE_INDEX;
  else if (am === AM_RIP) form = W_AM_RIP;
  else if (d.seg[i] === 0 && (d.pfx[i] & PFX_ASZ) === 0 && base === NO_REG && index !== NO_REG) form = W_AM_INDEX;
  const b = base === NO_REG || base === BASE_RIP ? 0 : base;
  const x = index === NO_REG ? 0 : index;
  return pack(kind, reg, reg) | (b << 18) | (x << 22) | (d.scale[i] << 26) | (form << 28);
}
