/**
 * The wasm backend's instruction templates: the WebAssembly code of one
 * decoded block (block-cache.ts's packed words), doing what the
 * interpreter's switch and the JavaScript tier's templates (jit-emit.ts) do
 * for each instruction, with the guest registers in wasm locals, RAM at
 * memory offset 0 and the software TLB's read and write entries read from
 * the same memory (the bus's core area).
 *
 * After a block, `nb + no` is the next pc and `sn` its block's index in the
 * region (or DYNAMIC, EXIT, MISSING as in jit-emit.ts). A load or store the
 * TLB does not take calls the core's `load`/`store` through an import with
 * the instruction's exact retired count, then continues; a trap (the
 * runtime's status slot set) branches to the region's trap exit. Any call
 * out sets `called`, and the region returns to the run loop after the
 * block (interrupts, stop requests and invalidation are checked there).
 */
import { BlockCache, wordSlots } from '../block-cache';
import { CAUSE_MISALIGNED_FETCH } from '../csr-numbers';
import { DYNAMIC } from '../jit-emit';
import { TLB_MASK } from '../mmu';
import { Op } from '../opcodes';
import { Code, I32, W } from '../../wasm/encoder';

/** Import function indices (region.ts declares them in this order). */
export const IMPORT_LOAD = 0;
export const IMPORT_STORE = 1;
export const IMPORT_SLOW = 2;
export const IMPORT_RAISE = 3;
export const IMPORT_REBUILD = 4;
/** Every import takes this many i32s and returns one (runtime.ts's
 * IMPORT_TYPE); a call pushes its own arguments, then `importCall` pads
 * the rest with zeros. */
export const IMPORT_ARITY = 7;

/** Calls import `index` whose own arguments (`given` of them) are on the
 * stack, padding them to IMPORT_ARITY. */
export function importCall(c: Code, index: number, given: number): Code {
  for (let i = given; i < IMPORT_ARITY; i++) c.i32(0);
  return c.call(index);
}

/** `mop` of a slow load or store: size in bits 2:0, signed load 8. */
export const MOP_SIGNED = 8;

/** The locals and addresses the templates use. */
export interface Frame {
  code: Code;
  /** Local of guest register n (1..31), made on first use. */
  reg(n: number): number;
  written: Set<number>;
  pageBase: number;
  n: number;
  nb: number;
  no: number;
  sn: number;
  called: number;
  a: number;
  vp: number;
  e: number;
  t: number;
  /** Local: the data TLB context's byte offset (dctx * 4). */
  dctx: number;
  /** Byte addresses of the TLB arrays and the runtime's slots. */
  rTag: number;
  rOff: number;
  wTag: number;
  wOff: number;
  statusSlot: number;
  jumpSlot: number;
  /** The region's budget (a parameter) and a new i32 local. */
  room: number;
  local(): number;
  /** Writes back / reloads the region's registers (around slowOp). */
  writeBack(): void;
  reload(): void;
}

/** What a block needs from the region around it. */
export interface BlockEnv {
  cache: BlockCache;
  alignMask: number;
  slowTrap: number;
  slowJump: number;
  /** `sn` for a jump to page offset `off`. */
  goTo(off: number): number;
  /** Branch depth of the trap exit from the block's code (no nesting). */
  trapDepth: number;
}

/** The ops emitted inline; the rest call slowOp through IMPORT_SLOW. */
export function inlineOp(op: number): boolean {
  switch (op) {
    case Op.ADDI: case Op.ADD: case Op.SUB: case Op.LUI: case Op.AUIPC:
    case Op.SLTI: case Op.SLTIU: case Op.XORI: case Op.ORI: case Op.ANDI:
    case Op.SLLI: case Op.SRLI: case Op.SRAI: case Op.SLL: case Op.SLT: case Op.SLTU:
    case Op.XOR: case Op.SRL: case Op.SRA: case Op.OR: case Op.AND:
    case Op.MUL: case Op.MULH: case Op.MULHSU: case Op.MULHU:
    case Op.DIV: case Op.DIVU: case Op.REM: case Op.REMU:
    case Op.LB: case Op.LBU: case Op.LH: case Op.LHU: case Op.LW:
    case Op.SB: case Op.SH: case Op.SW:
    case Op.BEQ: case Op.BNE: case Op.BLT: case Op.BGE: case Op.BLTU: case Op.BGEU:
    case Op.JAL: case Op.JALR:
      return true;
    default:
      return false;
  }
}

const BRANCH_CMP: Partial<Record<number, W>> = {
  [Op.BEQ]: W.I32_EQ, [Op.BNE]: W.I32_NE, [Op.BLT]: W.I32_LT_S,
  [Op.BGE]: W.I32_GE_S, [Op.BLTU]: W.I32_LT_U, [Op.BGEU]: W.I32_GE_U,
};

const ALU_R: Partial<Record<number, W>> = {
  [Op.ADD]: W.I32_ADD, [Op.SUB]: W.I32_SUB, [Op.SLL]: W.I32_SHL, [Op.SLT]: W.I32_LT_S,
  [Op.SLTU]: W.I32_LT_U, [Op.XOR]: W.I32_XOR, [Op.SRL]: W.I32_SHR_U, [Op.SRA]: W.I32_SHR_S,
  [Op.OR]: W.I32_OR, [Op.AND]: W.I32_AND, [Op.MUL]: W.I32_MUL,
};

const ALU_I: Partial<Record<number, W>> = {
  [Op.ADDI]: W.I32_ADD, [Op.SLTI]: W.I32_LT_S, [Op.SLTIU]: W.I32_LT_U, [Op.XORI]: W.I32_XOR,
  [Op.ORI]: W.I32_OR, [Op.ANDI]: W.I32_AND, [Op.SLLI]: W.I32_SHL, [Op.SRLI]: W.I32_SHR_U,
  [Op.SRAI]: W.I32_SHR_S,
};

const LOADS: Partial<Record<number, [W, number, number]>> = {
  // opcode, log2 size, mop
  [Op.LB]: [W.I32_LOAD8_S, 0, 1 | MOP_SIGNED], [Op.LBU]: [W.I32_LOAD8_U, 0, 1],
  [Op.LH]: [W.I32_LOAD16_S, 1, 2 | MOP_SIGNED], [Op.LHU]: [W.I32_LOAD16_U, 1, 2],
  [Op.LW]: [W.I32_LOAD, 2, 4 | MOP_SIGNED],
};

const STORES: Partial<Record<number, [W, number, number]>> = {
  [Op.SB]: [W.I32_STORE8, 0, 1], [Op.SH]: [W.I32_STORE16, 1, 2], [Op.SW]: [W.I32_STORE, 2, 4],
};

/** Emits block `b`'s code; returns true when it calls slowOp (the region
 * then returns after it). `self`, the block's index in the region when it
 * branches back to its own start: its code is a wasm loop of its own,
 * which goes round again on the checks the region makes between blocks
 * (the budget, no call out), and its loads and stores keep the
 * translation of the page they took last round in locals (a `Memo`). */
export function emitBlock(f: Frame, env: BlockEnv, b: number, self = -1): boolean {
  const { cache, alignMask } = env;
  const c = f.code;
  const first = cache.first[b];
  const end = cache.end[b];
  let slow = false;
  let memo: Memo[] | null = null;
  let site = 0;
  const trapDepth = env.trapDepth + (self >= 0 ? 1 : 0);
  if (self >= 0) {
    // The memos live for one run of the loop: within it no translation
    // changes (a call out ends the loop at the block's end; what may
    // change translations, slowOp, ends the region there too).
    memo = [];
    for (let i = first; i < end; i++) {
      const op = cache.word[i] & 0x7f;
      if (LOADS[op] !== undefined || STORES[op] !== undefined) {
        const m = { page: f.local(), delta: f.local() };
        c.i32(-1).set(m.page);
        memo.push(m);
      }
    }
    c.begin(W.LOOP);
  }
  // Pushes guest register n's value.
  const src = (n: number) => (n === 0 ? c.i32(0) : c.get(f.reg(n)));
  // Pops into guest register n (x0 and the discard slot drop it).
  const dst = (n: number) => {
    if (n === 0 || n === 32) c.op(W.DROP);
    else {
      f.written.add(n);
      c.set(f.reg(n));
    }
  };
  // The retired count of the instruction at index k of the block.
  const count = (k: number) => c.get(f.n).i32(k).op(W.I32_ADD);
  const pcOf = (pageOff: number) => c.get(f.pageBase).i32(pageOff).op(W.I32_ADD);
  c.get(f.pageBase).set(f.nb);
  c.i32(cache.endOff[b]).set(f.no);
  c.i32(env.goTo(cache.endOff[b])).set(f.sn);
  for (let i = first; i < end; i++) {
    const w = cache.word[i];
    const k = i - first;
    const { op, rd, rs1, rs2, immI } = wordSlots(w);
    const pageOff = cache.pageOff[i];
    // Depth of the trap exit inside `extra` nested blocks.
    const trap = (extra: number) => trapDepth + extra;
    const writes = rd !== 0 && rd !== 32;
    let emitter = ALU_R[op];
    if (emitter !== undefined) {
      if (writes) {
        src(rs1);
        src(rs2);
        c.op(emitter);
        dst(rd);
      }
      continue;
    }
    emitter = ALU_I[op];
    if (emitter !== undefined) {
      if (writes) {
        src(rs1);
        c.i32(immI).op(emitter);
        dst(rd);
      }
      continue;
    }
    const ld = LOADS[op];
    if (ld !== undefined) {
      const [opcode, log2, mop] = ld;
      const m = memo === null ? null : memo[site++];
      const mask = ~0xfff | ((1 << log2) - 1);
      address(f, rs1, immI, m === null);
      if (m !== null) {
        // The page this instruction took last round, if aligned.
        c.get(f.a).i32(mask).op(W.I32_AND).get(m.page).op(W.I32_EQ).begin(W.IF, I32);
        c.get(f.a).get(m.delta).op(W.I32_ADD).mem(opcode, log2, 0);
        c.op(W.ELSE);
        entry(f);
      }
      // rTag[e] === a & mask: the page's, and aligned (mmu.ts).
      c.get(f.e).mem(W.I32_LOAD, 2, f.rTag).get(f.a).i32(mask).op(W.I32_AND, W.I32_EQ);
      c.begin(W.IF, I32);
      if (m !== null) {
        remember(f, m, f.rOff);
        c.get(f.a).get(m.delta).op(W.I32_ADD).mem(opcode, log2, 0);
      } else {
        c.get(f.a).get(f.e).mem(W.I32_LOAD, 2, f.rOff).op(W.I32_ADD).mem(opcode, log2, 0);
      }
      c.op(W.ELSE);
      c.get(f.a).i32(mop);
      pcOf(pageOff);
      count(k);
      importCall(c, IMPORT_LOAD, 4);
      c.i32(f.statusSlot).mem(W.I32_LOAD, 2, 0).brIf(trap(m === null ? 1 : 2));
      c.i32(1).set(f.called);
      c.end();
      if (m !== null) c.end();
      dst(rd);
      continue;
    }
    const st = STORES[op];
    if (st !== undefined) {
      const [opcode, log2, size] = st;
      const m = memo === null ? null : memo[site++];
      const mask = ~0xfff | ((1 << log2) - 1);
      address(f, rs1, immI, m === null);
      if (m !== null) {
        c.get(f.a).i32(mask).op(W.I32_AND).get(m.page).op(W.I32_EQ).begin(W.IF);
        c.get(f.a).get(m.delta).op(W.I32_ADD);
        src(rd & 31);
        c.mem(opcode, log2, 0);
        c.op(W.ELSE);
        entry(f);
      }
      c.get(f.e).mem(W.I32_LOAD, 2, f.wTag).get(f.a).i32(mask).op(W.I32_AND, W.I32_EQ);
      c.begin(W.IF);
      if (m !== null) {
        remember(f, m, f.wOff);
        c.get(f.a).get(m.delta).op(W.I32_ADD);
      } else {
        c.get(f.a).get(f.e).mem(W.I32_LOAD, 2, f.wOff).op(W.I32_ADD);
      }
      src(rd & 31);
      c.mem(opcode, log2, 0);
      c.op(W.ELSE);
      c.get(f.a).i32(size);
      src(rd & 31);
      pcOf(pageOff);
      count(k);
      importCall(c, IMPORT_STORE, 5).brIf(trap(m === null ? 1 : 2));
      c.i32(1).set(f.called);
      c.end();
      if (m !== null) c.end();
      continue;
    }
    const cmp = BRANCH_CMP[op];
    if (cmp !== undefined) {
      const off = w >> 18;
      src(rs1);
      src(rd & 31);
      c.op(cmp).begin(W.IF);
      c.i32(off).set(f.no);
      c.i32(env.goTo(off)).set(f.sn);
      c.end();
      continue;
    }
    switch (op) {
      case Op.LUI:
        if (writes) {
          c.i32(cache.imm[i]);
          dst(rd);
        }
        break;
      case Op.AUIPC:
        if (writes) {
          pcOf(cache.imm[i]);
          dst(rd);
        }
        break;
      case Op.MULH: case Op.MULHSU: case Op.MULHU:
        if (writes) {
          src(rs1).op(op === Op.MULHU ? W.I64_EXTEND_I32_U : W.I64_EXTEND_I32_S);
          src(rs2).op(op === Op.MULH ? W.I64_EXTEND_I32_S : W.I64_EXTEND_I32_U);
          c.op(W.I64_MUL).i64(32).op(W.I64_SHR_U, W.I32_WRAP_I64);
          dst(rd);
        }
        break;
      case Op.DIV: case Op.DIVU: case Op.REM: case Op.REMU: {
        if (!writes) break;
        // Division by zero and overflow as the M extension's table 7.1
        // says (wasm traps on both for div_s, on zero for the others).
        const signed = op === Op.DIV || op === Op.REM;
        const isDiv = op === Op.DIV || op === Op.DIVU;
        src(rs2).op(W.I32_EQZ).begin(W.IF, I32);
        if (isDiv) c.i32(-1);
        else src(rs1);
        c.op(W.ELSE);
        if (op === Op.DIV) {
          src(rs2).i32(-1).op(W.I32_EQ).begin(W.IF, I32);
          c.i32(0);
          src(rs1);
          c.op(W.I32_SUB, W.ELSE);
          src(rs1);
          src(rs2);
          c.op(W.I32_DIV_S).end();
        } else {
          src(rs1);
          src(rs2);
          c.op(isDiv ? W.I32_DIV_U : signed ? W.I32_REM_S : W.I32_REM_U);
        }
        c.end();
        dst(rd);
        break;
      }
      case Op.JAL: {
        const off = cache.imm[i];
        if ((off & alignMask) !== 0) {
          c.i32(CAUSE_MISALIGNED_FETCH);
          pcOf(off);
          pcOf(pageOff);
          count(k);
          importCall(c, IMPORT_RAISE, 4).op(W.DROP).br(trap(0));
          break;
        }
        if (writes) {
          pcOf(pageOff).i32(((w >> 18) & 3) << 1).op(W.I32_ADD);
          dst(rd);
        }
        c.i32(off).set(f.no);
        c.i32(env.goTo(off)).set(f.sn);
        break;
      }
      case Op.JALR: {
        src(rs1).i32(immI).op(W.I32_ADD).i32(~1).op(W.I32_AND).set(f.t);
        if (alignMask !== 0) {
          c.get(f.t).i32(alignMask).op(W.I32_AND).begin(W.IF);
          c.i32(CAUSE_MISALIGNED_FETCH).get(f.t);
          pcOf(pageOff);
          count(k);
          importCall(c, IMPORT_RAISE, 4).op(W.DROP).br(trap(1));
          c.end();
        }
        if (writes) {
          pcOf(pageOff).i32(((w >> 18) & 3) << 1).op(W.I32_ADD);
          dst(rd);
        }
        c.get(f.t).set(f.nb);
        c.i32(0).set(f.no);
        c.i32(DYNAMIC).set(f.sn);
        break;
      }
      default: {
        if (inlineOp(op)) throw new Error(`riscv wasm: op ${op} marked inline but not emitted`);
        slow = true;
        // slowOp may read any register and write x[rd].
        f.writeBack();
        c.i32(op).i32(rd).i32(rs1).i32(rs2).i32(cache.imm[i]);
        pcOf(pageOff);
        count(k);
        importCall(c, IMPORT_SLOW, 7).set(f.t);
        f.reload();
        c.i32(1).set(f.called);
        c.get(f.t).i32(env.slowTrap).op(W.I32_EQ).brIf(trap(0));
        c.get(f.t).i32(env.slowJump).op(W.I32_EQ).begin(W.IF);
        c.i32(f.jumpSlot).mem(W.I32_LOAD, 2, 0).set(f.nb);
        c.i32(0).set(f.no);
        c.i32(DYNAMIC).set(f.sn);
        c.end();
        break;
      }
    }
  }
  c.get(f.n).i32(end - first).op(W.I32_ADD).set(f.n);
  if (self >= 0) {
    c.get(f.sn).i32(self).op(W.I32_EQ).get(f.n).get(f.room).op(W.I32_LT_S, W.I32_AND);
    c.get(f.called).op(W.I32_EQZ, W.I32_AND).brIf(0);
    c.end();
  }
  return slow;
}

/** a = x[rs1] + imm; with `withEntry`, e as entry() sets it. */
function address(f: Frame, rs1: number, imm: number, withEntry: boolean): void {
  const c = f.code;
  if (rs1 === 0) c.i32(0);
  else c.get(f.reg(rs1));
  c.i32(imm).op(W.I32_ADD);
  if (withEntry) {
    c.tee(f.a);
    entryOf(f);
  } else c.set(f.a);
}

/** e = (dctx + ((a >>> 12) & MASK)) * 4: the byte index of a's TLB
 * entry, from a on the stack. */
function entryOf(f: Frame): void {
  f.code.i32(10).op(W.I32_SHR_U).i32(TLB_MASK << 2).op(W.I32_AND).get(f.dctx).op(W.I32_ADD).set(f.e);
}

function entry(f: Frame): void {
  f.code.get(f.a);
  entryOf(f);
}

/** A memory instruction's translation kept across the rounds of a block
 * that loops on itself: the page address it took (-1: none yet; never
 * equal to an address masked with ~0xfff, aligned or not) and the RAM
 * offset minus that address (the TLB entry's offset word, mmu.ts). */
interface Memo {
  page: number;
  delta: number;
}

/** After a TLB hit on entry e: the memo takes its page and offset (`off`
 * the offset array's byte address). */
function remember(f: Frame, m: Memo, off: number): void {
  const c = f.code;
  c.get(f.a).i32(~0xfff).op(W.I32_AND).set(m.page);
  c.get(f.e).mem(W.I32_LOAD, 2, off).set(m.delta);
}
