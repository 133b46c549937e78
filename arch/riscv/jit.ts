/**
 * The RISC-V JIT tier: a block that has run JIT_THRESHOLD times is compiled,
 * with the decoded blocks of its page it reaches by direct branches, jumps
 * and fall-through (a region: loops with branches inside them), into one
 * JavaScript function (`new Function` over the blocks' decoded words) that
 * does what the interpreter's switch does for them, with
 *
 *   - the guest registers the region uses in locals, loaded at entry and
 *     written back at every exit (and before any call that reads or traps);
 *   - operands, immediates and branch offsets as constants;
 *   - loads and stores on the software TLB inline (the same test as the
 *     interpreter's fast path), the core's load/store otherwise;
 *   - moves between the region's blocks inside the function (a `switch` on
 *     the page offset), registers staying in locals, while nothing needs
 *     the run loop: between two blocks it checks what the run loop checks
 *     (budget, interrupt poll, stop, wfi, a host entry mark, the head block
 *     dropped) and returns the next pc if any is set;
 *   - a block with a rare instruction (CSR, system, atomic: slowOp) always
 *     returning after it, since such an instruction may change privilege or
 *     translation, and the region assumes its page's mapping.
 *
 * Rare instructions call the interpreter's `slowOp` with the registers
 * written back and reloaded after. Exactness is the interpreter's:
 * `core.retired` is exact at every call out, a faulting instruction has
 * not retired and leaves the registers as the instructions before it left
 * them, and pc is the next block's (or the trap handler's).
 *
 * A compiled function serves every virtual mapping of its block's RAM
 * page: pc is an argument and page-relative targets are added to its page
 * base. Invalidation is the block cache's: dropping a block drops its
 * function (`BlockCache.compiled`).
 */
import type { RiscvCore } from './core';
import { CAUSE_MISALIGNED_FETCH } from './csr-numbers';
import { TLB_MASK } from './mmu';
import { Op } from './opcodes';

/** Runs of a block before it is compiled: high enough that boot-time code
 * run a few times is not compiled, low enough that loops are at once. */
export const JIT_THRESHOLD = 32;

/** A compiled block: runs from `pc` (the block's address) with `retired`
 * instructions retired so far; returns the next pc and leaves the count in
 * `core.retired`. */
export type CompiledBlock = (pc: number, retired: number, limit: number) => number;

/** At most this many blocks in one region. 1 for now: with 24, the
 * compressor of the real-program bench (lz) ran 1.7x slower than the
 * interpreter on the esp32c3 board (3.7 against 2.2 user s), where single
 * blocks match it; why is not yet understood (docs/cores/riscv.md). */
const MAX_REGION_BLOCKS = 1;
/** Block transitions inside one call of a region before it returns (and
 * is called again): V8 optimizes a function called often better than one
 * that loops for long in a single call (on-stack replacement). */
const REGION_ROUNDS = 256;
/** Mask of core.hostMarks (core.ts's HOST_MARK_MASK). */
const HOST_MARK_MASK = 0xffff;

/** The values the generated code uses, bound once per core. */
export interface JitContext {
  core: RiscvCore;
  slowOp: (core: RiscvCore, op: number, rd: number, rs1: number, rs2: number, imm: number, pc: number) => number;
  slowTrap: number;
  slowJump: number;
}

const PARAMS = ['core', 'x', 'mmu', 'rTag', 'rOff', 'wTag', 'wOff', 'u8', 'u16', 'i8', 'i16', 'i32', 'keyA', 'hostMarks', 'slowOp', 'raise'];

/** The op codes the emitter writes inline; the rest go through slowOp. */
function inline(op: number): boolean {
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

const WB = '/*WB*/';
const RELOAD = '/*RELOAD*/';

/** The registers a region keeps in locals (used) and writes back (written). */
interface RegisterUse {
  used: Set<number>;
  written: Set<number>;
}

/** The statements of block `b`, in the region's loop body; `slow` tells
 * whether it calls slowOp (then the region returns after it). */
function emitBlock(ctx: JitContext, b: number, alignMask: number, regs: RegisterUse): { lines: string[]; slow: boolean } {
  const cache = ctx.core.cache;
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
  // Registers go back to `x` before anything that may read them or trap;
  // the lists are filled in once the whole region is generated (WB, RELOAD).
  const body: string[] = [];
  for (let i = first; i < end; i++) {
    const w = cache.word[i];
    const op = w & 0x7f;
    const k = i - first;
    const rd = (w >> 7) & 63;
    const rs1 = (w >> 13) & 31;
    const rs2 = (w >> 18) & 31;
    const immI = w >> 20;
    const here = `((pageBase + ${cache.pageOff[i]}) | 0)`;
    const retire = `core.retired = base + ${k};`;
    const trapExit = `if (core.trapTaken) { ${WB} return core.pcReg; }`;
    const load = (size: number, signed: boolean, fast: string, align: number) => {
      const a = `a${k}`;
      const t = `t${k}`;
      body.push(
        `{ const ${a} = (${src(rs1)} + ${immI}) | 0; const vp = ${a} >>> 12; const ${t} = dctx + (vp & ${TLB_MASK});`,
        `if (rTag[${t}] === vp${align ? ` && (${a} & ${align}) === 0` : ''}) { ${dst(rd)} = ${fast.replace('$', `rOff[${t}] + (${a} & 0xfff)`)}; }`,
        `else { ${retire} const v = core.load(${a}, ${size}, ${signed}, ${here}); ${trapExit} ${dst(rd)} = v; called = 1; } }`,
      );
    };
    const store = (size: number, fast: string, align: number) => {
      const a = `a${k}`;
      const t = `t${k}`;
      const value = src(rd & 31);
      body.push(
        `{ const ${a} = (${src(rs1)} + ${immI}) | 0; const vp = ${a} >>> 12; const ${t} = dctx + (vp & ${TLB_MASK});`,
        `if (wTag[${t}] === vp${align ? ` && (${a} & ${align}) === 0` : ''}) { ${fast.replace('$', `wOff[${t}] + (${a} & 0xfff)`)} = ${value}; }`,
        `else { ${retire} core.store(${a}, ${size}, ${value}, ${here}); ${trapExit} called = 1; } }`,
      );
    };
    const branch = (cond: string) => body.push(`if (${cond}) next = (pageBase + ${w >> 18}) | 0;`);
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
      case Op.LB: load(1, true, 'i8[$]', 0); break;
      case Op.LBU: load(1, false, 'u8[$]', 0); break;
      case Op.LH: load(2, true, 'i16[($) >> 1]', 1); break;
      case Op.LHU: load(2, false, 'u16[($) >> 1]', 1); break;
      case Op.LW: load(4, true, 'i32[($) >> 2]', 3); break;
      case Op.SB: store(1, 'u8[$]', 0); break;
      case Op.SH: store(2, 'u16[($) >> 1]', 1); break;
      case Op.SW: store(4, 'i32[($) >> 2]', 3); break;
      case Op.BEQ: branch(`${a1()} === ${src(rd & 31)}`); break;
      case Op.BNE: branch(`${a1()} !== ${src(rd & 31)}`); break;
      case Op.BLT: branch(`${a1()} < ${src(rd & 31)}`); break;
      case Op.BGE: branch(`${a1()} >= ${src(rd & 31)}`); break;
      case Op.BLTU: branch(`${a1()} >>> 0 < ${src(rd & 31)} >>> 0`); break;
      case Op.BGEU: branch(`${a1()} >>> 0 >= ${src(rd & 31)} >>> 0`); break;
      case Op.JAL:
      case Op.JALR: {
        const target = op === Op.JAL ? `(pageBase + ${cache.imm[i]}) | 0` : `(${a1()} + ${immI}) & ~1`;
        const link = `(${here} + ${((w >> 18) & 3) << 1}) | 0`;
        body.push(`{ const target = ${target};`);
        if (alignMask !== 0) {
          body.push(`if ((target & ${alignMask}) !== 0) { ${WB} ${retire} raise(${CAUSE_MISALIGNED_FETCH}, target, ${here}); return core.pcReg; }`);
        }
        if (rd !== 0 && rd !== 32) body.push(`${dst(rd)} = ${link};`);
        body.push('next = target; }');
        break;
      }
      default:
        slow = true;
        if (inline(op)) throw new Error(`riscv jit: op ${op} marked inline but not emitted`);
        body.push(
          `{ ${WB} ${retire} const r = slowOp(core, ${op}, ${rd}, ${rs1}, ${rs2}, ${cache.imm[i]}, ${here});`,
          `if (r === ${ctx.slowTrap}) return core.pcReg;`,
          `${RELOAD} dctx = mmu.dataCtx;`,
          `if (r === ${ctx.slowJump}) next = core.pcReg; }`,
        );
        // slowOp may write x[rd]: every register held in a local is reloaded.
        break;
    }
  }
  return { lines: body, slow };
}

/** The blocks of the region headed by block `b` at virtual `pc`: decoded
 * blocks of the same page reached by fall-through or a direct branch/jal,
 * breadth first, head first. Page offsets and block ids. */
function regionOf(ctx: JitContext, b: number, pc: number): Array<{ off: number; b: number }> {
  const cache = ctx.core.cache;
  const pageKey = cache.key[b] - (pc & 0xfff);
  const blocks = [{ off: pc & 0xfff, b }];
  const seen = new Set<number>([pc & 0xfff]);
  for (let k = 0; k < blocks.length && blocks.length < MAX_REGION_BLOCKS; k++) {
    const { b: id } = blocks[k];
    const last = cache.end[id] - 1;
    const w = cache.word[last];
    const op = w & 0x7f;
    const targets = [cache.endOff[id]];
    if (op >= Op.BEQ && op <= Op.BGEU) targets.push(w >> 18);
    if (op === Op.JAL) targets.push(cache.imm[last]);
    for (const off of targets) {
      if (off < 0 || off >= 4096 || seen.has(off) || blocks.length >= MAX_REGION_BLOCKS) continue;
      seen.add(off);
      const next = cache.lookup(pageKey + off);
      if (next >= 0) blocks.push({ off, b: next });
    }
  }
  return blocks;
}

/** Compiles the region headed by block `b`, entered at virtual `pc`. */
export function compileBlock(ctx: JitContext, b: number, alignMask: number, pc: number): CompiledBlock {
  const core = ctx.core;
  const cache = core.cache;
  const key = cache.key[b];
  const regs: RegisterUse = { used: new Set(), written: new Set() };
  const cases: string[] = [];
  for (const { off, b: id } of regionOf(ctx, b, pc)) {
    const { lines, slow } = emitBlock(ctx, id, alignMask, regs);
    cases.push(
      `case ${off}: {`,
      `  next = (pageBase + ${cache.endOff[id]}) | 0;`,
      ...lines.map((l) => '  ' + l),
      `  base += ${cache.end[id] - cache.first[id]};`,
      slow ? `  ${WB} core.retired = base; return next;` : '  break;',
      '}',
    );
  }
  const used = [...regs.used].sort((p, q) => p - q);
  const wb = [...regs.written].sort((p, q) => p - q).map((n) => `x[${n}] = r${n};`).join(' ');
  const reload = used.map((n) => `r${n} = x[${n}];`).join(' ');
  const code = [
    '"use strict";',
    'return function region(pc, retired, limit) {',
    // The bound values in locals: V8 keeps them in registers, where a
    // context slot is loaded again at each use.
    `  ${PARAMS.map((n) => `const ${n} = ${n}$;`).join(' ')}`,
    '  const pageBase = pc & ~0xfff;',
    '  let called = 0;',
    `  ${used.map((n) => `let r${n} = x[${n}];`).join(' ')}`,
    '  let t = 0;',
    '  let base = retired;',
    '  let dctx = mmu.dataCtx;',
    '  let cur = pc;',
    `  let budget = ${REGION_ROUNDS};`,
    '  for (;;) {',
    '    let next = 0;',
    '    switch ((cur - pageBase) | 0) {',
    ...cases.map((l) => '      ' + l.split(WB).join(wb).split(RELOAD).join(reload)),
    `      default: ${wb} core.retired = base; return cur;`,
    '    }',
    `    if (--budget === 0 || base >= limit || hostMarks[(next >>> 1) & ${HOST_MARK_MASK}] !== 0) {`,
    `      ${wb} core.retired = base; return next;`,
    '    }',
    // Only a call out (a device access, a code-page write) can set these:
    // the generated code runs alone on the JavaScript thread.
    '    if (called !== 0) {',
    '      called = 0;',
    `      if (core.irqPoll || core.stopRequested || core.halted || keyA[${b}] !== ${key}) {`,
    `        ${wb} core.retired = base; return next;`,
    '      }',
    '    }',
    '    cur = next;',
    '  }',
    '};',
  ].join('\n');
  const mmu = core.mmu;
  const factory = new Function(...PARAMS.map((n) => `${n}$`), code) as (...args: unknown[]) => CompiledBlock;
  return factory(
    core, core.regs, mmu, mmu.rTag, mmu.rOff, mmu.wTag, mmu.wOff, core.bus.u8, core.bus.u16, core.i8, core.i16, core.i32,
    cache.key, core.hostMarks, ctx.slowOp, (cause: number, tval: number, epc: number) => core.raiseException(cause, tval, epc),
  );
}
