/**
 * The RISC-V JIT tier's instruction templates: the JavaScript statements
 * of one decoded block, doing what the interpreter's switch does for each
 * of its instructions, with the guest registers as locals (`r1`..`r31`),
 * operands, immediates and branch offsets as constants, and loads and
 * stores on the software TLB inline (the core's load/store otherwise).
 *
 * A block sets `nb + no` (the pc after it: a base, the page's unless a
 * jalr or an xRET jumped, and an offset) and `sn` (the region's index of the
 * block there, or a negative mark when the region does not hold it
 * statically): jit.ts chains the blocks of a region through `sn`.
 *
 * Paths that run rarely are written without operations V8 gathers type
 * feedback for (arithmetic, comparisons, property loads, calls): only
 * constant and local assignments and jumps. V8 throws an optimized function
 * away when it reaches an operation that has never run ("insufficient type
 * feedback") and compiles it again, tens to hundreds of milliseconds for a
 * region; every load and store's TLB miss and every branch's other
 * direction was such a path. So a taken branch sets only `no` and `sn`, and
 * a load or store that misses the TLB saves its operands in locals and
 * moves to the region's one shared slow case (SLOW), which calls the core
 * and resumes at a continuation case right after the instruction (`mr`).
 */
import { BlockCache, wordSlots } from './block-cache';
import { CAUSE_MISALIGNED_FETCH } from './csr-numbers';
import { TLB_MASK } from './mmu';
import { Op } from './opcodes';

/** Placeholders for the region's register write-back and reload, filled in
 * once the whole region is generated (only then is the set known). The
 * generated code leaves the region by `break out`, to one exit that writes
 * the registers back and returns `nb + no` with `base` retired. */
export const WB = '/*WB*/';
export const RELOAD = '/*RELOAD*/';
/** Values of `sn`, the region index of the next block, when it is not one:
 * a jalr's target (looked up among the region's blocks when it runs), out
 * of the page, or a block of the page the region does not hold. */
export const DYNAMIC = -1;
export const EXIT = -2;
export const MISSING = -3;

/** The registers a region keeps in locals (used) and writes back (written). */
export interface RegisterUse {
  used: Set<number>;
  written: Set<number>;
}

/** What a block's template needs from the region around it. */
export interface BlockContext {
  cache: BlockCache;
  /** 0 with the C extension, else 2: jumps to such targets fault. */
  alignMask: number;
  /** SLOW_TRAP and SLOW_JUMP, slowOp's results (executor.ts). */
  slowTrap: number;
  slowJump: number;
  regs: RegisterUse;
  /** `sn = ...` for a jump to page offset `off`: its region index or a
   * negative mark. */
  goTo(off: number): string;
  /** A new case index of the region's switch (continuations of slow loads
   * and stores). */
  newCase(): number;
  /** The index of the shared slow case. */
  slowCase: number;
}

/** `mop` of the shared slow case: size in bits 2:0, signed load 8, store 16. */
export const MOP_SIGNED = 8;
export const MOP_STORE = 16;

/** The op codes the templates write inline; the rest go through slowOp. */
export function inline(op: number): boolean {
  switch (op) {
    case Op.ADDI: case Op.ADD: case Op.SUB: case Op.LUI: case Op.AUIPC:
    case Op.SLTI: case Op.SLTIU: case Op.XORI: case Op.ORI: case Op.ANDI:
    case Op.SLLI: case Op.SRLI: case Op.SRAI: case Op.SLL: case Op.SLT: case Op.SLTU:
    case Op.XOR: case Op.SRL: case Op.SRA: case Op.OR: case Op.AND:
    case Op.MUL: case Op.DIV: case Op.DIVU: case Op.REM: case Op.REMU:
    case Op.LB: case Op.LBU: case Op.LH: case Op.LHU: case Op.LW:
    case Op.SB: case Op.SH: case Op.SW:
    case Op.BEQ: case Op.BNE: case Op.BLT: case Op.BGE: case Op.BLTU: case Op.BGEU:
    case Op.JAL: case Op.JALR:
      return true;
    default:
      return false;
  }
}

/** The statements of block `b`, after which `nb + no` and `sn` say where to go;
 * `slow` tells whether it calls slowOp (then the region returns after it). */
export function emitBlock(ctx: BlockContext, b: number): { lines: string[]; slow: boolean } {
  const { cache, alignMask, regs } = ctx;
  const first = cache.first[b];
  const end = cache.end[b];
  const { used, written } = regs;
  let slow = false;
  const src = (n: number) => {
    if (n === 0) return '0';
    used.add(n);
    return `r${n}`;
  };
  const dst = (n: number) => {
    if (n === 0 || n === 32) return 't';
    used.add(n);
    written.add(n);
    return `r${n}`;
  };
  // Registers go back to `x` before anything that may read them or trap.
  const body: string[] = [`nb = pageBase; no = ${cache.endOff[b]}; ${ctx.goTo(cache.endOff[b])}`];
  for (let i = first; i < end; i++) {
    const w = cache.word[i];
    const k = i - first;
    const { op, rd, rs1, rs2, immI } = wordSlots(w);
    const here = `((pageBase + ${cache.pageOff[i]}) | 0)`;
    const retire = `core.retired = base + ${k};`;
    // A trap leaves through the region's one exit, which writes the
    // registers back and takes pc and retired from the core (the handler's
    // pc, the count before the faulting instruction).
    const leave = 'trapped = 1; break out;';
    // A TLB miss (or a misaligned access) goes to the shared slow case with
    // the address, the value, the instruction's index and page offset, and
    // resumes at the case after it, where a load's value arrives in `v`.
    const toSlow = (mop: number, value: string) => {
      const resume = ctx.newCase();
      body.push(`else { ma = a; ${value ? `mv = ${value}; ` : ''}mk = ${k}; mpc = ${cache.pageOff[i]}; mop = ${mop}; mr = ${resume}; s = ${ctx.slowCase}; continue out; }`);
      body.push(`case ${resume}:`);
    };
    // The TLB's read and write tags are page addresses: one compare with
    // the masked address checks the page and the alignment (mmu.ts).
    const address = () => `a = (${src(rs1)} + ${immI}) | 0; e = dctx + ((a >>> 12) & ${TLB_MASK});`;
    const load = (size: number, signed: boolean, fast: string, align: number) => {
      body.push(address(), `if (rTag[e] === (a & ${~0xfff | align})) v = ${fast.replace('$', '(a + rOff[e])')};`);
      toSlow(size | (signed ? MOP_SIGNED : 0), '');
      body.push(`${dst(rd)} = v;`);
    };
    const store = (size: number, fast: string, align: number) => {
      const value = src(rd & 31);
      body.push(address(), `if (wTag[e] === (a & ${~0xfff | align})) ${fast.replace('$', '(a + wOff[e])')} = ${value};`);
      toSlow(size | MOP_STORE, value);
    };
    const branch = (cond: string) => {
      const off = w >> 18;
      body.push(`if (${cond}) { no = ${off}; ${ctx.goTo(off)} }`);
    };
    const a1 = () => src(rs1);
    const a2 = () => src(rs2);
    const set = (expr: string) => {
      if (rd !== 0 && rd !== 32) body.push(`${dst(rd)} = ${expr};`);
    };
    switch (op) {
      case Op.ADDI: set(`(${a1()} + ${immI}) | 0`); break;
      case Op.ADD: set(`(${a1()} + ${a2()}) | 0`); break;
      case Op.SUB: set(`(${a1()} - ${a2()}) | 0`); break;
      case Op.LUI: set(`${cache.imm[i]}`); break;
      case Op.AUIPC: set(`(pageBase + ${cache.imm[i]}) | 0`); break;
      case Op.SLTI: set(`${a1()} < ${immI} ? 1 : 0`); break;
      case Op.SLTIU: set(`${a1()} >>> 0 < ${immI >>> 0} ? 1 : 0`); break;
      case Op.XORI: set(`${a1()} ^ ${immI}`); break;
      case Op.ORI: set(`${a1()} | ${immI}`); break;
      case Op.ANDI: set(`${a1()} & ${immI}`); break;
      case Op.SLLI: set(`${a1()} << ${immI}`); break;
      case Op.SRLI: set(`(${a1()} >>> ${immI}) | 0`); break;
      case Op.SRAI: set(`${a1()} >> ${immI}`); break;
      case Op.SLL: set(`${a1()} << (${a2()} & 31)`); break;
      case Op.SLT: set(`${a1()} < ${a2()} ? 1 : 0`); break;
      case Op.SLTU: set(`${a1()} >>> 0 < ${a2()} >>> 0 ? 1 : 0`); break;
      case Op.XOR: set(`${a1()} ^ ${a2()}`); break;
      case Op.SRL: set(`(${a1()} >>> (${a2()} & 31)) | 0`); break;
      case Op.SRA: set(`${a1()} >> (${a2()} & 31)`); break;
      case Op.OR: set(`${a1()} | ${a2()}`); break;
      case Op.AND: set(`${a1()} & ${a2()}`); break;
      case Op.MUL: set(`Math.imul(${a1()}, ${a2()})`); break;
      // Division by zero and overflow as the M extension's table 7.1 says.
      case Op.DIV: set(`${a2()} === 0 ? -1 : ${a2()} === -1 ? -${a1()} | 0 : (${a1()} / ${a2()}) | 0`); break;
      case Op.DIVU: set(`${a2()} === 0 ? -1 : ((${a1()} >>> 0) / (${a2()} >>> 0)) | 0`); break;
      case Op.REM: set(`${a2()} === 0 ? ${a1()} : ${a2()} === -1 ? 0 : ${a1()} % ${a2()} | 0`); break;
      case Op.REMU: set(`${a2()} === 0 ? ${a1()} : ((${a1()} >>> 0) % (${a2()} >>> 0)) | 0`); break;
      case Op.LB: load(1, true, 'i8[$ | 0]', 0); break;
      case Op.LBU: load(1, false, 'u8[$ | 0]', 0); break;
      case Op.LH: load(2, true, 'i16[($) >> 1]', 1); break;
      case Op.LHU: load(2, false, 'u16[($) >> 1]', 1); break;
      case Op.LW: load(4, true, 'i32[($) >> 2]', 3); break;
      case Op.SB: store(1, 'u8[$ | 0]', 0); break;
      case Op.SH: store(2, 'u16[($) >> 1]', 1); break;
      case Op.SW: store(4, 'i32[($) >> 2]', 3); break;
      case Op.BEQ: branch(`${a1()} === ${src(rd & 31)}`); break;
      case Op.BNE: branch(`${a1()} !== ${src(rd & 31)}`); break;
      case Op.BLT: branch(`${a1()} < ${src(rd & 31)}`); break;
      case Op.BGE: branch(`${a1()} >= ${src(rd & 31)}`); break;
      case Op.BLTU: branch(`${a1()} >>> 0 < ${src(rd & 31)} >>> 0`); break;
      case Op.BGEU: branch(`${a1()} >>> 0 >= ${src(rd & 31)} >>> 0`); break;
      case Op.JAL: {
        // The target is page-relative: its alignment is known here.
        const off = cache.imm[i];
        if ((off & alignMask) !== 0) {
          body.push(`${retire} raise(${CAUSE_MISALIGNED_FETCH}, (pageBase + ${off}) | 0, ${here}); ${leave}`);
          break;
        }
        if (rd !== 0 && rd !== 32) body.push(`${dst(rd)} = (${here} + ${((w >> 18) & 3) << 1}) | 0;`);
        body.push(`no = ${off}; ${ctx.goTo(off)}`);
        break;
      }
      case Op.JALR: {
        // The target is found among the region's blocks when it runs.
        body.push(`{ const target = (${a1()} + ${immI}) & ~1;`);
        if (alignMask !== 0) {
          body.push(`if ((target & ${alignMask}) !== 0) { ${retire} raise(${CAUSE_MISALIGNED_FETCH}, target, ${here}); ${leave} }`);
        }
        if (rd !== 0 && rd !== 32) body.push(`${dst(rd)} = (${here} + ${((w >> 18) & 3) << 1}) | 0;`);
        body.push(`nb = target; no = 0; sn = ${DYNAMIC}; }`);
        break;
      }
      default:
        slow = true;
        if (inline(op)) throw new Error(`riscv jit: op ${op} marked inline but not emitted`);
        // slowOp may read any register and write x[rd]: every register held
        // in a local goes back first and is reloaded after.
        body.push(
          `${WB} ${retire} t = slowOp(core, ${op}, ${rd}, ${rs1}, ${rs2}, ${cache.imm[i]}, ${here}); ${RELOAD}`,
          `if (t === ${ctx.slowTrap}) { ${leave} }`,
          `if (t === ${ctx.slowJump}) { nb = core.pcReg; no = 0; }`,
        );
        break;
    }
  }
  return { lines: body, slow };
}
