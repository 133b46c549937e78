/**
 * The RISC-V JIT tier: a block that has run JIT_THRESHOLD times is compiled,
 * with the decoded blocks of its page that have run (HEAT_SHIFT) and that
 * it reaches by direct branches, jumps, fall-through and call returns (a
 * region: loops with branches and calls inside them, up to
 * MAX_REGION_BLOCKS), into one JavaScript function
 * (`new Function` over the blocks' decoded words), which becomes the
 * compiled function of every block it holds. Inside it:
 *
 *   - the guest registers the region uses are locals, loaded at entry and
 *     written back at its one exit (and around slowOp calls);
 *   - each block is a `case` of a switch on `s`, the block's index in the
 *     region; a block sets `sn` to its successor's index (branch and jal
 *     targets are known when compiling; a jalr's target is looked up among
 *     the region's page offsets), so control moves between the blocks
 *     without leaving the function, registers staying in locals;
 *   - instruction templates: jit-emit.ts (loads and stores on the software
 *     TLB inline; a miss goes to the region's one shared slow case, which
 *     calls the core's load/store and resumes at a continuation case after
 *     the instruction, so that rare paths gather no type feedback);
 *   - between two blocks it checks what the run loop checks: the budget
 *     always, interrupt poll, stop, wfi and the head block dropped only
 *     after a call out (nothing else can set them while generated code
 *     runs); host entry points are never region blocks (they go back to
 *     the run loop);
 *   - a block with a rare instruction (CSR, system, atomic: slowOp) always
 *     leaves after it, since such an instruction may change privilege or
 *     translation, and the region assumes its page's mapping;
 *   - when it keeps leaving for a block of its page that was decoded after
 *     it was compiled, it is compiled again (REBUILD_MISSES).
 *
 * Exactness is the interpreter's: `core.retired` is exact at every call
 * out, a faulting instruction has not retired and leaves the registers as
 * the instructions before it left them, and pc is the next block's (or the
 * trap handler's).
 *
 * A compiled function serves every virtual mapping of its block's RAM
 * page: pc is an argument and page-relative targets are added to its page
 * base. Invalidation is the block cache's: dropping a page's blocks drops
 * their functions (`BlockCache.compiled`); all of a region's blocks are on
 * one page.
 */
import type { BlockCache } from './block-cache';
import type { RiscvCore } from './core';
import { BlockContext, DYNAMIC, EXIT, MISSING, MOP_SIGNED, MOP_STORE, RELOAD, RegisterUse, WB, emitBlock } from './jit-emit';
import { Op } from './opcodes';

/** Runs of a block before it is compiled: high enough that the blocks of
 * its loop are decoded by then (fewer regions compiled again) and code run
 * a few times is not compiled; V8's compile of a region costs far more
 * than interpreting a block 256 times (docs/cores/riscv.md, "Speed"). */
export const JIT_THRESHOLD = 256;

/** A compiled block: runs from `pc` (the block's address) with `retired`
 * instructions retired so far; returns the next pc and leaves the count in
 * `core.retired`. */
export type CompiledBlock = (pc: number, retired: number, limit: number) => number;

/** At most this many blocks in one region: V8 takes much longer to
 * compile larger functions, and a region holding more cold paths is
 * deoptimized more often (32 against 64: -14 % host instructions on lz,
 * -23 % on coremix, with the threshold at 256). */
const MAX_REGION_BLOCKS = 32;

/** Block transitions inside one call of a region before it returns (and
 * is called again): V8 optimizes a function called often better than one
 * that loops for long in a single call (on-stack replacement). */
const REGION_ROUNDS = 256;
/** Moves to a block of the page that the region does not hold before it is
 * compiled again with the blocks decoded since (at most MAX_REBUILDS times
 * per head block): a loop's path first taken after the region was made. */
const REBUILD_MISSES = 64;
const MAX_REBUILDS = 4;
/** Stands for the shared slow case's index in the templates until it is
 * known (a number no region reaches, and its text). */
const SLOW_MARK = 0x7fff_fff0;
const SLOW_MARK_TEXT = String(SLOW_MARK);
/** Mask of core.hostMarks (core.ts's HOST_MARK_MASK). */
const HOST_MARK_MASK = 0xffff;

/** The values the generated code uses, bound once per core. */
export interface JitContext {
  core: RiscvCore;
  slowOp: (core: RiscvCore, op: number, rd: number, rs1: number, rs2: number, imm: number, pc: number) => number;
  slowTrap: number;
  slowJump: number;
}

const PARAMS = ['core', 'x', 'mmu', 'rTag', 'rOff', 'wTag', 'wOff', 'u8', 'u16', 'i8', 'i16', 'i32', 'keyA', 'hostMarks', 'slowOp', 'raise', 'rebuild'];

/** A block joins a region only if it has run at least threshold / 16
 * times (its interpreter runs; a compiled block counts as the threshold):
 * code that ran a few times (start-up, a path taken once) stays out. V8
 * throws optimized code away when it first reaches an operation that never
 * ran in it ("insufficient type feedback") and compiles the whole region
 * again; a region of blocks that run is compiled fewer times. */
const HEAT_SHIFT = 4;

/** The blocks of the region headed by block `b` at virtual `pc`: decoded
 * blocks of the same page that have run often enough (HEAT_SHIFT), reached
 * by fall-through or a direct branch/jal, breadth first, head first, at
 * most MAX_REGION_BLOCKS of them and (after the head) `maxInsns`
 * instructions in all. Page offsets and block ids. */
export function regionOf(
  cache: BlockCache, b: number, pc: number, threshold: number, maxInsns = Infinity,
): Array<{ off: number; b: number }> {
  const pageKey = cache.key[b] - (pc & 0xfff);
  let insns = cache.end[b] - cache.first[b];
  const minHeat = Math.max(1, threshold >> HEAT_SHIFT);
  const blocks = [{ off: pc & 0xfff, b }];
  const seen = new Set<number>([pc & 0xfff]);
  for (let k = 0; k < blocks.length && blocks.length < MAX_REGION_BLOCKS; k++) {
    const { b: id } = blocks[k];
    const last = cache.end[id] - 1;
    const w = cache.word[last];
    const op = w & 0x7f;
    const rd = (w >> 7) & 63;
    const targets: number[] = [];
    if (op >= Op.BEQ && op <= Op.BGEU) targets.push(w >> 18);
    if (op === Op.JAL) targets.push(cache.imm[last]);
    // After a call (a link register written), the return lands here.
    if ((op !== Op.JAL && op !== Op.JALR) || (rd !== 0 && rd !== 32)) targets.push(cache.endOff[id]);
    for (const off of targets) {
      if (off < 0 || off >= 4096 || seen.has(off) || blocks.length >= MAX_REGION_BLOCKS) continue;
      seen.add(off);
      const next = cache.lookup(pageKey + off);
      if (next < 0 || (cache.compiled[next] === null && cache.runs[next] < minHeat)) continue;
      const size = cache.end[next] - cache.first[next];
      if (insns + size > maxInsns) continue;
      insns += size;
      blocks.push({ off, b: next });
    }
  }
  return blocks;
}

/** True when two regions hold the same blocks. */
export function sameBlocks(p: Array<{ b: number }>, q: Array<{ b: number }>): boolean {
  if (p.length !== q.length) return false;
  const ids = new Set(p.map((e) => e.b));
  return q.every((e) => ids.has(e.b));
}

/** Compiles the region headed by block `b`, entered at virtual `pc`, and
 * makes it the compiled function of each of its blocks that has none (all
 * of them when `rebuilt`: the region is compiled again because blocks it
 * leaves for have been decoded since). */
export function compileBlock(ctx: JitContext, b: number, alignMask: number, pc: number, rebuilt = false): CompiledBlock {
  const core = ctx.core;
  const cache = core.cache;
  const key = cache.key[b];
  const pageBase0 = pc & ~0xfff;
  const blocks = regionOf(cache, b, pc, core.jitThreshold);
  const index = new Map<number, number>();
  blocks.forEach(({ off }, k) => index.set(off, k));
  const regs: RegisterUse = { used: new Set(), written: new Set() };
  // A move to a block at a host entry point (as this mapping of the page
  // has them now) goes back to the run loop, which calls the host.
  const marked = (off: number) => core.hostMarks[((pageBase0 + off) >>> 1) & HOST_MARK_MASK] !== 0;
  const goTo = (off: number) => {
    const k = index.get(off);
    if (off < 0 || off >= 4096 || marked(off)) return `sn = ${EXIT};`;
    return `sn = ${k === undefined ? MISSING : k};`;
  };
  // Case indices: the blocks, then the continuations of their slow loads
  // and stores, then the shared slow case (dense, so a jump table).
  let cases0 = blocks.length;
  const blockCtx: BlockContext = {
    cache, alignMask, slowTrap: ctx.slowTrap, slowJump: ctx.slowJump, regs, goTo,
    newCase: () => cases0++,
    slowCase: -1,
  };
  // The slow case's index is known once every block is emitted; the
  // templates name it by a placeholder.
  blockCtx.slowCase = SLOW_MARK;
  const cases: string[] = [];
  blocks.forEach(({ b: id }, k) => {
    const { lines, slow } = emitBlock(blockCtx, id);
    cases.push(
      `case ${k}:`,
      ...lines.map((l) => '  ' + l),
      `  base += ${cache.end[id] - cache.first[id]};`,
      slow ? '  break out;' : '  break;',
    );
  });
  const slowCase = cases0;
  // The shared slow path of loads and stores (jit-emit.ts's toSlow).
  cases.push(
    `case ${slowCase}:`,
    '  core.retired = base + mk;',
    `  if ((mop & ${MOP_STORE}) === 0) v = core.load(ma, mop & 7, (mop & ${MOP_SIGNED}) !== 0, (pageBase + mpc) | 0) | 0;`,
    '  else core.store(ma, mop & 7, mv, (pageBase + mpc) | 0);',
    '  if (core.trapTaken) { trapped = 1; break out; }',
    '  called = 1;',
    '  s = mr;',
    '  continue out;',
  );
  const used = [...regs.used].sort((p, q) => p - q);
  const wb = [...regs.written].sort((p, q) => p - q).map((n) => `x[${n}] = r${n};`).join(' ');
  const reload = used.map((n) => `r${n} = x[${n}];`).join(' ') + ' dctx = mmu.dataCtx;';
  const code = [
    '"use strict";',
    // The page offsets of the region's blocks: where a call enters, and
    // where a jalr inside the region lands.
    'function blockAt(off) {',
    '  switch (off) {',
    ...blocks.map(({ off }, k) => `    case ${off}: return ${k};`),
    `    default: return ${EXIT};`,
    '  }',
    '}',
    'let misses = 0;',
    `let missLimit = ${REBUILD_MISSES};`,
    'return function region(pc, retired, limit) {',
    // The bound values in locals: V8 keeps them in registers, where a
    // context slot is loaded again at each use.
    `  ${PARAMS.map((n) => `const ${n} = ${n}$;`).join(' ')}`,
    '  const pageBase = pc & ~0xfff;',
    // Another virtual mapping of this page may have host entries where this
    // one had none: then every block goes back to the run loop.
    `  const foreign = pageBase !== ${pageBase0} && core.hostEntryCount !== 0 ? 1 : 0;`,
    '  let called = foreign;',
    `  ${used.map((n) => `let r${n} = x[${n}];`).join(' ')}`,
    '  let t = 0;',
    '  let base = retired;',
    '  let dctx = mmu.dataCtx;',
    `  let budget = ${REGION_ROUNDS};`,
    // The next pc is nb + no; sn its region index (jit-emit.ts).
    '  let nb = pc;',
    '  let no = 0;',
    '  let s = blockAt((pc - pageBase) | 0);',
    '  let sn = s;',
    '  let trapped = 0;',
    // Loads and stores: the address, its TLB entry, a loaded value; the
    // operands of the slow case (address, value, instruction index, page
    // offset, kind, continuation).
    '  let a = 0, e = 0, v = 0;',
    '  let ma = 0, mv = 0, mk = 0, mpc = 0, mop = 0, mr = 0;',
    '  if (s < 0) throw new Error("riscv jit: a region entered outside its blocks");',
    '  out: for (;;) {',
    '    switch (s) {',
    ...cases.map((l) => '      ' + l.split(WB).join(wb).split(RELOAD).join(reload).split(SLOW_MARK_TEXT).join(String(slowCase))),
    '    }',
    `    if (base >= limit || --budget === 0) break out;`,
    // Only a call out (a device access, a code-page write) can set these:
    // the generated code runs alone on the JavaScript thread.
    '    if (called !== 0) {',
    `      if (foreign !== 0 || core.irqPoll || core.stopRequested || core.halted || keyA[${b}] !== ${key}) break out;`,
    '      called = 0;',
    '    }',
    '    s = sn;',
    '    if (s < 0) {',
    `      if (s === ${DYNAMIC} && hostMarks[(nb >>> 1) & ${HOST_MARK_MASK}] === 0) s = blockAt((nb - pageBase) | 0);`,
    `      if (s === ${MISSING} && ++misses === missLimit && keyA[${b}] === ${key}) missLimit = rebuild(missLimit);`,
    '      if (s < 0) break out;',
    '    }',
    '  }',
    // A trap: pc is the handler's, retired the count before the faulting
    // instruction (the registers as the instructions before it left them).
    '  if (trapped !== 0) { base = core.retired; nb = core.pcReg; no = 0; }',
    `  ${wb}`,
    '  core.retired = base;',
    '  return (nb + no) | 0;',
    '};',
  ].join('\n');
  const mmu = core.mmu;
  const factory = new Function(...PARAMS.map((n) => `${n}$`), code) as (...args: unknown[]) => CompiledBlock;
  const fn = factory(
    core, core.regs, mmu, mmu.rTag, mmu.rOff, mmu.wTag, mmu.wOff, core.bus.u8, core.bus.u16, core.i8, core.i16, core.i32,
    cache.key, core.hostMarks, ctx.slowOp, (cause: number, tval: number, epc: number) => core.raiseException(cause, tval, epc),
    (limit: number) => {
      // Compiled again only when the blocks it would hold differ (else
      // it asks again after twice as many misses).
      if (cache.rebuilds[b] >= MAX_REBUILDS) return 0;
      if (sameBlocks(blocks, regionOf(cache, b, pc, core.jitThreshold))) return Math.min(limit * 2, 1 << 30);
      cache.rebuilds[b]++;
      compileBlock(ctx, b, alignMask, pc, true);
      return 0;
    },
  );
  // A rebuilt region replaces the functions of all its blocks; a new one
  // serves those that have none.
  for (const { b: id } of blocks) if (rebuilt || cache.compiled[id] === null) cache.compiled[id] = fn;
  return fn;
}
