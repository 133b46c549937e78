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
 * A kind computes exactly what the handler the decoder chose for the slot
 * computes (ops/fast.ts, ops/fast-control.ts and the generic handlers):
 * the same registers, the same memory accesses in the same order and the
 * same lazy flag fields. The differential tests run every form both ways.
 * Forms not listed here (other sizes, prefixes, rare instructions) keep
 * word 0 and their handler.
 */
import { AM_BASE, AM_BASE_INDEX, AM_RIP, BASE_RIP, Decoded, NO_REG, PFX_ASZ, PFX_LOCK, PFX_OSZ, PFX_REP, PFX_REPNE } from './decoded';
import { ROWS } from './opcode-table';

// Register forms (no memory operand address).
export const K_HANDLER = 0;
export const K_NOP = 1;
export const K_MOV32_RR = 2;
export const K_MOV64_RR = 3;
export const K_MOV32_RI = 4;
export const K_MOV64_RI = 5;
// ALU register forms: base + ALU op (0 add, 1 or, 4 and, 5 sub, 6 xor, 7 cmp; 2 = test).
export const K_ALU32_RR = 8;
export const K_ALU32_RI = 16;
export const K_ALU64_RR = 24;
export const K_ALU64_RI = 32;
export const K_INC32 = 40;
export const K_DEC32 = 41;
export const K_INC64 = 42;
export const K_DEC64 = 43;
export const K_SHL32_I = 44;
export const K_SHR32_I = 45;
export const K_SAR32_I = 46;
export const K_MOVZX8_R = 47;
export const K_MOVZX16_R = 48;
export const K_MOVSX8_R32 = 49;
export const K_MOVSX8_R64 = 50;
export const K_MOVSX16_R32 = 51;
export const K_MOVSX16_R64 = 52;
export const K_MOVSXD_R64 = 53;
export const K_LEA32 = 54;
export const K_LEA64 = 55;
export const K_CDQE = 56;
export const K_CDQ = 57;
export const K_CQO = 58;
export const K_JMP_REL = 59;
export const K_JMP_R64 = 60;
export const K_CALL_REL = 61;
export const K_RET = 62;
export const K_PUSH_R64 = 63;
export const K_POP_R64 = 64;
/** jcc: K_JCC + condition code (SDM vol. 1, B.1). */
export const K_JCC = 65;
export const K_IMUL32_RR = 81;
export const K_IMUL32_RRI = 82;
export const K_IDIV32_R = 83;
export const K_DIV32_R = 84;

/** Kinds from here on have a memory operand: the interpreter computes its
 * linear address before the switch. */
export const K_FIRST_MEM = 96;
export const K_LOAD32 = 96;
export const K_LOAD64 = 97;
export const K_STORE32 = 98;
export const K_STORE64 = 99;
export const K_STORE32_I = 100;
export const K_STORE64_I = 101;
export const K_LOAD8 = 102;
export const K_STORE8 = 103;
export const K_STORE8_I = 104;
export const K_LOADZX8 = 105;
export const K_LOADZX16 = 106;
export const K_LOADSX8_32 = 107;
export const K_LOADSX8_64 = 108;
export const K_LOADSX16_32 = 109;
export const K_LOADSX16_64 = 110;
export const K_LOADSXD64 = 111;
export const K_JMP_M64 = 112;
export const K_CMP32_MR = 113;
export const K_CMP64_MR = 114;
export const K_CMP32_MI = 115;
export const K_CMP64_MI = 116;
export const K_CMP8_MI = 117;
export const K_CMP8_MR = 118;
/** reg = reg OP [mem]: base + ALU op as for the register forms. */
export const K_ALU32_RM = 120;
export const K_ALU64_RM = 128;
export const K_KINDS_END = 136;

// Address forms of the packed word (bits 28-30).
export const W_AM_GENERAL = 0;
export const W_AM_BASE = 1;
export const W_AM_BASE_INDEX = 2;
export const W_AM_RIP = 3;
/** index*scale + disp, no base (jump tables). */
export const W_AM_INDEX = 4;

/** ALU op numbers (ops/alu.ts) with an inline form; 2 (adc) stands for test. */
const INLINE_ALU = [true, true, false, false, true, true, true, true];
const ALU_NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];

/** Each row's operand list as one string, for the classification. */
const ARGS: string[] = [];

function pack(kind: number, dst: number, src: number): number {
  return kind | (dst << 8) | (src << 13);
}

/** The packed word of decoded slot i (0 when its handler must run). */
export function fastWord(d: Decoded, i: number): number {
  const r = ROWS[d.entry[i]];
  if (r === undefined) return 0;
  if (ARGS.length !== ROWS.length) for (let n = ARGS.length; n < ROWS.length; n++) ARGS.push(ROWS[n].args.join(','));
  const osz = d.osz[i];
  const pfx = d.pfx[i];
  const rm = d.rm[i];
  const reg = d.reg[i];
  const mem = r.hasModrm && rm === NO_REG;
  const args = ARGS[r.index];
  const branch = r.name === 'ret' || r.name === 'call' || r.name.startsWith('j');
  // rep/repne on a one-byte-map form and 66h on a branch: leave to the handler.
  if ((pfx & (PFX_REP | PFX_REPNE)) !== 0 && r.map === 0 && !branch) return 0;
  if ((pfx & PFX_OSZ) !== 0 && branch) return 0;
  if (r.name === 'nop') return pack(K_NOP, 0, 0);
  if (mem && r.name !== 'lea') {
    if ((pfx & PFX_LOCK) !== 0) return 0;
    const k = memKind(r.name, args, osz, r.x ?? 0);
    if (k === 0) return 0;
    return withAddress(d, i, k, reg);
  }
  const k = regKind(r.name, args, osz, r.x ?? 0, pfx);
  if (k < 0) return 0;
  switch (k) {
    case K_MOV32_RI:
    case K_MOV64_RI:
    case K_INC32:
    case K_DEC32:
    case K_INC64:
    case K_DEC64:
    case K_SHL32_I:
    case K_SHR32_I:
    case K_SAR32_I:
    case K_JMP_R64:
    case K_PUSH_R64:
    case K_POP_R64:
      return pack(k, rm, 0);
    case K_LEA32:
    case K_LEA64: {
      const am = d.amode[i];
      if (am !== AM_BASE && am !== AM_BASE_INDEX) return 0;
      return withAddress(d, i, k, reg);
    }
  }
  if (k >= K_ALU32_RI && k < K_ALU32_RI + 8) return pack(k, rm, 0);
  if (k >= K_ALU64_RI && k < K_ALU64_RI + 8) return pack(k, rm, 0);
  if ((k >= K_ALU32_RR && k < K_ALU32_RR + 8) || (k >= K_ALU64_RR && k < K_ALU64_RR + 8)) {
    // E,G forms write E; G,E forms write G. test E,G: order does not matter.
    return args.startsWith('G') ? pack(k, reg, rm) : pack(k, rm, reg);
  }
  if (k === K_MOV32_RR || k === K_MOV64_RR) return args.startsWith('G') ? pack(k, reg, rm) : pack(k, rm, reg);
  if ((k >= K_MOVZX8_R && k <= K_MOVSXD_R64) || k === K_IMUL32_RR || k === K_IMUL32_RRI) return pack(k, reg, rm);
  if (k === K_IDIV32_R || k === K_DIV32_R) return pack(k, 0, rm);
  return pack(k, 0, 0);
}

/** The kind of a register form, or -1. */
function regKind(name: string, args: string, osz: number, x: number, pfx: number): number {
  const w = osz === 8;
  const dw = osz === 4 || osz === 8;
  const alu = ALU_NAMES.indexOf(name);
  if (alu >= 0) {
    if (!dw || !INLINE_ALU[alu]) return -1;
    if (args === 'Ev,Gv' || args === 'Gv,Ev') return (w ? K_ALU64_RR : K_ALU32_RR) + alu;
    if (args === 'Ev,Iz' || args === 'Ev,Ibs' || args === 'rAX,Iz') return (w ? K_ALU64_RI : K_ALU32_RI) + alu;
    return -1;
  }
  switch (name) {
    case 'test':
      if (!dw) return -1;
      if (args === 'Ev,Gv') return (w ? K_ALU64_RR : K_ALU32_RR) + 2;
      if (args === 'Ev,Iz' || args === 'rAX,Iz') return (w ? K_ALU64_RI : K_ALU32_RI) + 2;
      return -1;
    case 'mov':
      if (!dw) return -1;
      if (args === 'Ev,Gv' || args === 'Gv,Ev') return w ? K_MOV64_RR : K_MOV32_RR;
      if (args === 'Ev,Iz' || args === 'Zv,Iv') return w ? K_MOV64_RI : K_MOV32_RI;
      return -1;
    case 'imul':
      if (osz !== 4) return -1;
      if (args === 'Gv,Ev') return K_IMUL32_RR;
      if (args === 'Gv,Ev,Iz' || args === 'Gv,Ev,Ibs') return K_IMUL32_RRI;
      return -1;
    case 'idiv':
      return args === 'Ev' && osz === 4 ? K_IDIV32_R : -1;
    case 'div':
      return args === 'Ev' && osz === 4 ? K_DIV32_R : -1;
    case 'inc':
      return args === 'Ev' && dw ? (w ? K_INC64 : K_INC32) : -1;
    case 'dec':
      return args === 'Ev' && dw ? (w ? K_DEC64 : K_DEC32) : -1;
    case 'shl':
    case 'sal':
      return args === 'Ev,Ib' && osz === 4 ? K_SHL32_I : -1;
    case 'shr':
      return args === 'Ev,Ib' && osz === 4 ? K_SHR32_I : -1;
    case 'sar':
      return args === 'Ev,Ib' && osz === 4 ? K_SAR32_I : -1;
    case 'movzx':
      if (!dw) return -1;
      return x === 1 ? K_MOVZX8_R : K_MOVZX16_R;
    case 'movsx':
      if (!dw) return -1;
      if (x === 1) return w ? K_MOVSX8_R64 : K_MOVSX8_R32;
      return w ? K_MOVSX16_R64 : K_MOVSX16_R32;
    case 'movsxd':
      return w ? K_MOVSXD_R64 : -1;
    case 'lea':
      if ((pfx & PFX_ASZ) !== 0) return -1;
      return osz === 8 ? K_LEA64 : osz === 4 ? K_LEA32 : -1;
    case 'cbw':
      return w ? K_CDQE : -1;
    case 'cwd':
      return w ? K_CQO : osz === 4 ? K_CDQ : -1;
    case 'jmp':
      if (args === 'Jb' || args === 'Jz') return K_JMP_REL;
      if (args === 'Ev') return K_JMP_R64;
      return -1;
    case 'call':
      return args === 'Jz' ? K_CALL_REL : -1;
    case 'ret':
      return args === '' ? K_RET : -1;
    case 'push':
      return args === 'Zv' && w ? K_PUSH_R64 : -1;
    case 'pop':
      return args === 'Zv' && w ? K_POP_R64 : -1;
  }
  if (name.startsWith('j') && (args === 'Jb' || args === 'Jz')) {
    const cc = ['jo', 'jno', 'jb', 'jae', 'je', 'jne', 'jbe', 'ja', 'js', 'jns', 'jp', 'jnp', 'jl', 'jge', 'jle', 'jg'].indexOf(name);
    if (cc >= 0) return K_JCC + cc;
  }
  return -1;
}

/** The kind of a memory form, or 0. */
function memKind(name: string, args: string, osz: number, x: number): number {
  const w = osz === 8;
  const dw = osz === 4 || osz === 8;
  const alu = ALU_NAMES.indexOf(name);
  if (alu >= 0) {
    if (!INLINE_ALU[alu]) return 0;
    if (dw && args === 'Gv,Ev') return (w ? K_ALU64_RM : K_ALU32_RM) + alu;
    if (alu !== 7) return 0;
    if (dw && args === 'Ev,Gv') return w ? K_CMP64_MR : K_CMP32_MR;
    if (dw && (args === 'Ev,Iz' || args === 'Ev,Ibs')) return w ? K_CMP64_MI : K_CMP32_MI;
    if (args === 'Eb,Ib') return K_CMP8_MI;
    if (args === 'Eb,Gb') return K_CMP8_MR;
    return 0;
  }
  switch (name) {
    case 'mov':
      if (args === 'Gv,Ev') return osz === 8 ? K_LOAD64 : osz === 4 ? K_LOAD32 : 0;
      if (args === 'Ev,Gv') return osz === 8 ? K_STORE64 : osz === 4 ? K_STORE32 : 0;
      if (args === 'Ev,Iz') return osz === 8 ? K_STORE64_I : osz === 4 ? K_STORE32_I : 0;
      if (args === 'Gb,Eb') return K_LOAD8;
      if (args === 'Eb,Gb') return K_STORE8;
      if (args === 'Eb,Ib') return K_STORE8_I;
      return 0;
    case 'movzx':
      if (!dw) return 0;
      return x === 1 ? K_LOADZX8 : K_LOADZX16;
    case 'movsx':
      if (!dw) return 0;
      if (x === 1) return w ? K_LOADSX8_64 : K_LOADSX8_32;
      return w ? K_LOADSX16_64 : K_LOADSX16_32;
    case 'movsxd':
      return w ? K_LOADSXD64 : 0;
    case 'jmp':
      return args === 'Ev' ? K_JMP_M64 : 0;
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
