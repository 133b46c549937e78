/**
 * Decoded instructions, struct-of-arrays: slot `i` of every array describes
 * one instruction. The block cache hands out runs of slots to blocks, so the
 * interpreter touches only typed arrays on the hot path (no objects per
 * instruction). A JIT tier can read the same slots to emit code for a block.
 */
export const NO_REG = 255;
/** Base register code for RIP-relative addressing. */
export const BASE_RIP = 16;

/** pfx bits */
export const PFX_REP = 1; // F3
export const PFX_REPNE = 2; // F2
export const PFX_LOCK = 4;
export const PFX_OSZ = 8; // 66 present
export const PFX_ASZ = 16; // 67 present: 32-bit addresses
export const PFX_REX = 32; // any REX prefix (byte registers SPL.. instead of AH..)

/** Addressing forms: anything with a segment override, 0x67, no base
 * register or a huge sum goes through the general path. */
export const AM_GENERAL = 0;
export const AM_BASE = 1;
export const AM_BASE_INDEX = 2;
export const AM_RIP = 3;

export class Decoded {
  /** Handler index (see opcode-table.ts). */
  readonly op: Uint16Array;
  /** Table entry index (for the disassembler and tests). */
  readonly entry: Uint16Array;
  readonly len: Uint8Array;
  /** Operand size in bytes: 1, 2, 4, 8 (16 for xmm forms where it matters). */
  readonly osz: Uint8Array;
  /** ModRM.reg with REX.R (byte registers: 16..19 = AH, CH, DH, BH). */
  readonly reg: Uint8Array;
  /** Register operand of ModRM.rm (with REX.B), or NO_REG for memory. */
  readonly rm: Uint8Array;
  readonly base: Uint8Array;
  readonly index: Uint8Array;
  readonly scale: Uint8Array;
  readonly disp: Int32Array;
  readonly imm: Int32Array;
  readonly immHi: Int32Array;
  /** Segment override: 0 none, 4 FS, 5 GS. */
  readonly seg: Uint8Array;
  readonly pfx: Uint8Array;
  /** Per-entry constant (ALU op, condition code, shift kind...). */
  readonly x: Uint8Array;
  /** Addressing form of the memory operand (AM_*), for a short ea() path. */
  readonly amode: Uint8Array;
  /** The interpreter's packed word for the slot (fast-kinds.ts; 0 = call
   * the handler). Set for slots of cached blocks. */
  readonly word: Int32Array;
  /** Offset of the byte after the slot's instruction from its block's
   * first byte (its first byte is endOff - len). A block may run on at a
   * jmp target, so consecutive slots are not always adjacent in memory,
   * and offsets may be negative. */
  readonly endOff: Int32Array;
  /** Instructions of its block retired once the slot's instruction
   * completes: its index in the block plus one, plus the jmps before it
   * that the block ran on through (they retire but have no slot). */
  readonly retiredAt: Uint16Array;

  constructor(readonly capacity: number) {
    this.op = new Uint16Array(capacity);
    this.entry = new Uint16Array(capacity);
    this.len = new Uint8Array(capacity);
    this.osz = new Uint8Array(capacity);
    this.reg = new Uint8Array(capacity);
    this.rm = new Uint8Array(capacity);
    this.base = new Uint8Array(capacity);
    this.index = new Uint8Array(capacity);
    this.scale = new Uint8Array(capacity);
    this.disp = new Int32Array(capacity);
    this.imm = new Int32Array(capacity);
    this.immHi = new Int32Array(capacity);
    this.seg = new Uint8Array(capacity);
    this.pfx = new Uint8Array(capacity);
    this.x = new Uint8Array(capacity);
    this.amode = new Uint8Array(capacity);
    this.word = new Int32Array(capacity);
    this.endOff = new Int32Array(capacity);
    this.retiredAt = new Uint16Array(capacity);
  }
}
