/**
 * The wasm backend's region compiler: the same region as the JavaScript
 * tier (jit.ts's regionOf: a hot block and the decoded blocks of its page
 * it reaches) compiled to one WebAssembly module with one function:
 *
 *   run(pc, n, room, dctx, fctx, flags) -> next pc
 *
 * pc is the entry block's address, n the instructions retired since the run
 * loop called the first region (0 there; regions that link pass theirs on),
 * room how many it may retire before returning to the run loop (it
 * finishes the block that crosses it), dctx and fctx the TLB contexts of
 * data accesses and fetches, flags HOSTS (the core has host entry points)
 * and LINKED (a region tail-called this one). Host entry points are known
 * when compiling (registering one drops every decoded block); a mapping of
 * the page other than the one compiled for may have host entries where
 * this one has none: entered there, the region returns after its first
 * block, and a linked call returns at once. The registers the region uses
 * are locals, loaded from `core.regs` (in the memory) at entry and written
 * back at the exits.
 *
 * Control flow inside: `loop { block { ...block_K-1 { block_0 { br_table s }
 * code_0 } code_1 ... } checks; s = sn }`; each block's code sets `sn`, its
 * successor's index, and the loop goes on while the successor is in the
 * region, the budget lasts and nothing was called out (a slow load or
 * store, slowOp: then the run loop checks interrupts, stop requests and
 * invalidation). A successor outside the region is looked up in the links
 * (links.ts) and the region holding it is tail-called, with the budget and
 * count passed on; else the region returns to the run loop. A trap leaves
 * by the trap exit, which writes the registers back and sets nothing else
 * (the import set pc and retired).
 */
import { BlockCache, wordSlots } from '../block-cache';
import type { RiscvCore } from '../core';
import { DYNAMIC, EXIT, MISSING } from '../jit-emit';
import type { CompiledBlock } from '../jit';
import { regionOf, sameBlocks } from '../jit';
import { Code, I32, W, encodeModule } from '../../wasm/encoder';
import { TLB_MASK } from '../mmu';
import { Op } from '../opcodes';
import { BlockEnv, Frame, IMPORT_REBUILD, emitBlock, importCall } from './templates';
import { ENTRY_BITS, LINK_SLOTS } from './links';
import { WasmRuntime, IMPORT_TYPE, runtimeImports } from './runtime';

/** Run flags (see the file comment). */
export const HOSTS = 2;
export const LINKED = 4;
/** A linked call's flags carry its entry block's index from this bit. */
const ENTRY_SHIFT = 8;
const ENTRY_MASK = (1 << ENTRY_BITS) - 1;

/** Moves to a block of the page the region does not hold before it is
 * compiled again (at most MAX_REBUILDS times per head), as jit.ts does;
 * only when the blocks it would hold differ. */
const REBUILD_MISSES = 64;
const MAX_REBUILDS = 4;
/** Instructions in one region at most (the head block may have up to
 * MAX_BLOCK_INSNS alone). V8 compiles every region that runs a while
 * again with TurboFan, whose time and memory grow faster than the
 * function: on bzip2 the largest regions' compiles took most of the
 * process's CPU and set its peak memory (docs/cores/riscv.md, "Region
 * size"). */
export const MAX_REGION_INSNS = 128;
/** Mask of core.hostMarks (core.ts's HOST_MARK_MASK). */
const HOST_MARK_MASK = 0xffff;

/** The region's exported function. */
export type RegionRun = (pc: number, n: number, room: number, dctx: number, fctx: number, flags: number) => number;

/** Compiles the region headed by block `b` at virtual `pc` and makes it the
 * compiled function of its blocks that have none (all of them when
 * `rebuilt`). Same contract as jit.ts's compileBlock. */
export function compileWasmRegion(rt: WasmRuntime, b: number, alignMask: number, pc: number, rebuilt = false): CompiledBlock {
  const core = rt.core;
  const cache = core.cache;
  const pageBase0 = pc & ~0xfff;
  // Every decoded block of the page it reaches, however often it ran (a
  // threshold of 1): jit.ts's heat filter is measured on JavaScript
  // regions; at most MAX_REGION_INSNS instructions.
  // In address order: a block that falls through (or branches) to the
  // next one in the page goes straight into its code (buildModule).
  const blocks = regionOf(cache, b, pc, 1, MAX_REGION_INSNS).sort((p, q) => p.off - q.off);
  const bytes = buildModule(rt, core, cache, blocks, alignMask, pageBase0);
  const key = cache.key[b];
  const rebuild = () => {
    if (cache.key[b] !== key || cache.rebuilds[b] >= MAX_REBUILDS) return;
    // The same blocks (the one left out did not fit, or is still cold):
    // a compile that changes nothing.
    if (sameBlocks(blocks, regionOf(cache, b, pc, 1, MAX_REGION_INSNS))) return;
    cache.rebuilds[b]++;
    compileWasmRegion(rt, b, alignMask, pc, true);
  };
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), runtimeImports(rt, rebuild));
  const run = instance.exports.run as RegionRun;
  const fn = rt.wrap(run);
  rt.compiledRegions++;
  const element = rt.links.add(run);
  for (const [k, { b: id }] of blocks.entries()) {
    if (rebuilt || cache.compiled[id] === null) {
      cache.compiled[id] = fn;
      rt.links.link(id, cache.key[id], element, k);
    }
  }
  return fn;
}

/** The module's bytes for the region `blocks` (page offsets and block ids,
 * head first), as compiled for the mapping at `pageBase0`. */
export function buildModule(
  rt: WasmRuntime, core: RiscvCore, cache: BlockCache, blocks: Array<{ off: number; b: number }>, alignMask: number,
  pageBase0: number,
): Uint8Array {
  const K = blocks.length;
  const index = new Map<number, number>();
  blocks.forEach(({ off }, k) => index.set(off, k));
  const marked = (off: number) => core.hostMarks[((pageBase0 + off) >>> 1) & HOST_MARK_MASK] !== 0;
  const goTo = (off: number) => {
    if (off < 0 || off >= 4096 || marked(off)) return EXIT;
    return index.get(off) ?? MISSING;
  };

  // Parameters 0..3; locals after. The blocks' code goes to `body` first:
  // the prologue loads only the registers the blocks turned out to use.
  const PC = 0, N = 1, ROOM = 2, DCTX = 3, FCTX = 4, FLAGS = 5;
  const fn = new Code(6);
  const body = new Code(6);
  const regLocal = new Map<number, number>();
  const written = new Set<number>();
  const frame: Frame = {
    code: body,
    reg: (n) => {
      let l = regLocal.get(n);
      if (l === undefined) {
        l = fn.local(I32);
        regLocal.set(n, l);
      }
      return l;
    },
    written,
    pageBase: fn.local(), n: N, nb: fn.local(), no: fn.local(), sn: fn.local(), called: fn.local(),
    a: fn.local(), vp: fn.local(), e: fn.local(), t: fn.local(),
    dctx: fn.local(),
    rTag: core.mmu.rTag.byteOffset, rOff: core.mmu.rOff.byteOffset,
    wTag: core.mmu.wTag.byteOffset, wOff: core.mmu.wOff.byteOffset,
    statusSlot: rt.statusAddress, jumpSlot: rt.jumpAddress,
    room: ROOM, local: () => fn.local(),
    // Only known once every block is emitted: marked here, filled in below.
    writeBack: () => patches.push({ at: body.bytes.length, reload: false }),
    reload: () => patches.push({ at: body.bytes.length, reload: true }),
  };
  const patches: Array<{ at: number; reload: boolean }> = [];
  const regsBase = core.regs.byteOffset;
  const s = fn.local();
  const off = fn.local();
  const link = fn.local();

  // Nesting: block $exit { block $link { block $trap { loop $top {
  // block $next { units } checks } } } }, where `units` is the region's
  // blocks in address order, each with the blocks it may go to later in
  // the layout reachable by a `br` forward (layout()), and a loop over
  // several blocks (a branch back to an earlier block) a wasm loop.
  const env: BlockEnv = {
    cache, alignMask, slowTrap: rt.slowTrap, slowJump: rt.slowJump, goTo, trapDepth: 0,
  };
  const targets = blocks.map(({ b }) => successors(cache, b).map(goTo));
  const labels: Label[] = [];
  const open = (op: W.BLOCK | W.LOOP, label: Label) => {
    body.begin(op);
    labels.push(label);
  };
  const close = () => {
    body.end();
    labels.pop();
  };
  open(W.BLOCK, OTHER); // $exit
  open(W.BLOCK, OTHER); // $link
  open(W.BLOCK, TRAP); // $trap
  open(W.LOOP, OTHER); // $top
  open(W.BLOCK, NEXT); // $next
  const loops = loopsOf(targets, blocks.map(({ b }) => leaves(cache, b)));
  const emitCode = (k: number) => {
    const b = blocks[k].b;
    // A block that branches back to its own start is a loop of its own.
    const self = targets[k].includes(k);
    env.trapDepth = depthOf(labels, (l) => l === TRAP);
    emitBlock(frame, env, b, self ? k : -1);
    moves(body, frame, labels, k, targets[k], K, ROOM);
  };
  // Units of blocks lo..hi: a block, or a loop (one at each head at most)
  // that lies within lo..hi and is not lo..hi itself.
  const unitsOf = (lo: number, hi: number): Array<{ lo: number; hi: number }> => {
    const units: Array<{ lo: number; hi: number }> = [];
    for (let k = lo; k <= hi;) {
      const end = loops.get(k);
      const inner = end !== undefined && end <= hi && !(k === lo && end === hi) ? end : k;
      units.push({ lo: k, hi: inner });
      k = inner + 1;
    }
    return units;
  };
  // block $u_n-1 { ... block $u_0 { dispatch } unit_0 ... } unit_n-1:
  // a `br` to $u_i goes to the start of unit i.
  const emitUnits = (units: Array<{ lo: number; hi: number }>, dispatch: (unitOf: number[]) => void) => {
    for (let u = units.length - 1; u >= 0; u--) open(W.BLOCK, { lo: units[u].lo, hi: units[u].hi, loop: false });
    const unitOf: number[] = [];
    units.forEach(({ lo, hi }, u) => {
      for (let k = lo; k <= hi; k++) unitOf.push(u);
    });
    dispatch(unitOf);
    for (const unit of units) {
      close();
      if (unit.lo === unit.hi) emitCode(unit.lo);
      else emitLoop(unit.lo, unit.hi);
    }
  };
  // A loop over blocks lo..hi: entered at any of them (`sn`), it goes
  // round through its head's dispatch, straight into the head's code when
  // the branch back was to it.
  const emitLoop = (lo: number, hi: number) => {
    open(W.LOOP, { lo, hi, loop: true });
    emitUnits(unitsOf(lo, hi), (unitOf) => {
      body.get(frame.sn).i32(lo).op(W.I32_EQ).brIf(0);
      body.get(frame.sn).i32(lo).op(W.I32_SUB).brTable(unitOf, 0);
    });
    close();
  };
  emitUnits(unitsOf(0, K - 1), (unitOf) => {
    body.get(s).brTable(unitOf, depthOf(labels, (l) => l === NEXT) + 3); // default: $link
  });
  close(); // $next
  // Between blocks (depths: $top 0, $trap 1, $link 2, $exit 3).
  body.get(frame.n).get(ROOM).op(W.I32_GE_S).brIf(3);
  body.get(frame.called).brIf(3);
  body.get(frame.sn).tee(s).i32(0).op(W.I32_LT_S).begin(W.IF);
  {
    // A jalr's target: looked up among the region's blocks that are not
    // host entry points (the run loop calls those). The marks are this
    // mapping's; another mapping returns after its first block.
    body.get(s).i32(DYNAMIC).op(W.I32_EQ).begin(W.IF);
    body.get(frame.nb).get(frame.pageBase).op(W.I32_SUB).set(off);
    blockAt(body, blocks.filter(({ off: o }) => !marked(o)), index, off, s);
    body.end();
    body.get(s).i32(MISSING).op(W.I32_EQ).begin(W.IF);
    body.globalGet(0).i32(1).op(W.I32_ADD).tee(off).globalSet(0);
    body.get(off).i32(REBUILD_MISSES).op(W.I32_EQ).begin(W.IF);
    importCall(body, IMPORT_REBUILD, 0).op(W.DROP).end();
    body.end();
    body.get(s).i32(0).op(W.I32_LT_S).brIf(3); // $link, inside the if
    body.get(s).set(frame.sn); // the loops' dispatch reads sn
  }
  body.end();
  body.br(0); // $top
  body.end(); // $top
  body.end(); // $trap: registers back; the import set pc and retired.
  storeRegs(body, frame, regsBase, [...written]);
  body.i32(0).op(W.RETURN);
  body.end(); // $link: a block outside the region.
  body.i32(1).set(link);
  body.end(); // $exit: also when the budget is spent or a call out happened.
  storeRegs(body, frame, regsBase, [...written]);
  body.get(link).begin(W.IF);
  linkTo(body, frame, rt, off);
  body.end();
  body.i32(rt.countAddress).get(frame.n).mem(W.I32_STORE, 2, 0);
  body.get(frame.nb).get(frame.no).op(W.I32_ADD);

  // Prologue: page base, the data TLB context in bytes, the entry
  // block's index, registers.
  fn.get(PC).i32(~0xfff).op(W.I32_AND).set(frame.pageBase);
  fn.get(DCTX).i32(2).op(W.I32_SHL).set(frame.dctx);
  // Another mapping of the page, with host entries: return after the
  // first block (the run loop calls hosts), or at once when linked to.
  fn.get(FLAGS).i32(HOSTS).op(W.I32_AND).i32(0).op(W.I32_NE);
  fn.get(frame.pageBase).i32(pageBase0).op(W.I32_NE).op(W.I32_AND).set(frame.called);
  fn.get(FLAGS).i32(LINKED).op(W.I32_AND).begin(W.IF);
  {
    // Linked to: the caller passes the entry block's index (links.ts).
    // Only at a block that is not a host entry, in this mapping.
    fn.get(FLAGS).i32(ENTRY_SHIFT).op(W.I32_SHR_U).set(s);
    fn.get(frame.called);
    for (const { off: o } of blocks) {
      if (marked(o)) fn.get(s).i32(index.get(o)!).op(W.I32_EQ, W.I32_OR);
    }
    fn.begin(W.IF).i32(rt.countAddress).get(N).mem(W.I32_STORE, 2, 0).get(PC).op(W.RETURN).end();
  }
  fn.op(W.ELSE);
  fn.get(PC).get(frame.pageBase).op(W.I32_SUB).set(off);
  blockAt(fn, blocks, index, off, s);
  fn.get(s).i32(0).op(W.I32_LT_S).begin(W.IF).op(W.UNREACHABLE).end();
  fn.end();
  fn.get(s).set(frame.sn);
  loadRegs(fn, frame, regsBase, [...regLocal.keys()]);
  let from = 0;
  for (const { at, reload } of patches) {
    for (let i = from; i < at; i++) fn.bytes.push(body.bytes[i]);
    from = at;
    if (reload) loadRegs(fn, frame, regsBase, [...regLocal.keys()]);
    else storeRegs(fn, frame, regsBase, [...written]);
  }
  for (let i = from; i < body.bytes.length; i++) fn.bytes.push(body.bytes[i]);

  return encodeModule({
    types: [{ params: [I32, I32, I32, I32, I32, I32], results: [I32] }, IMPORT_TYPE],
    // Import order: templates.ts's IMPORT_* indices.
    imports: [
      { module: 'rt', name: 'load', type: 1 },
      { module: 'rt', name: 'store', type: 1 },
      { module: 'rt', name: 'slow', type: 1 },
      { module: 'rt', name: 'raise', type: 1 },
      { module: 'rt', name: 'rebuild', type: 1 },
    ],
    memory: { module: 'rt', name: 'memory', minPages: rt.memoryPages },
    table: { module: 'rt', name: 'table', minElements: 0 },
    functions: [{ type: 0, code: fn }],
    globals: [0],
    exports: [{ name: 'run', func: 5 }],
  });
}

/** Tail-calls the region holding the block at nb + no when the links
 * know one (the registers are written back): the fetch TLB gives the
 * block's key, as in the run loop; the index, the block's table element.
 * Falls through otherwise. `t` is free here. */
function linkTo(c: Code, f: Frame, rt: WasmRuntime, t: number): void {
  const FCTX = 4, FLAGS = 5, ROOM = 2, DCTX = 3;
  const xTag = rt.core.mmu.xTag.byteOffset;
  const xOff = rt.core.mmu.xOff.byteOffset;
  const index = rt.links.indexAddress;
  // pc in nb; e = (fctx + (vpn & MASK)) * 4.
  c.get(f.nb).get(f.no).op(W.I32_ADD).tee(f.nb);
  c.i32(12).op(W.I32_SHR_U).tee(f.vp);
  c.i32(TLB_MASK).op(W.I32_AND).get(FCTX).op(W.I32_ADD).i32(2).op(W.I32_SHL).set(f.e);
  c.i32(0).set(f.no);
  c.get(f.e).mem(W.I32_LOAD, 2, xTag).get(f.vp).op(W.I32_EQ).begin(W.IF);
  {
    // key = xOff[e] + (pc & 0xfff); slot byte offset = linkSlot(key) * 8.
    c.get(f.e).mem(W.I32_LOAD, 2, xOff).get(f.nb).i32(0xfff).op(W.I32_AND, W.I32_ADD).tee(f.a);
    c.i32(1).op(W.I32_SHR_U).get(f.a).i32(11).op(W.I32_SHR_U, W.I32_XOR).i32(LINK_SLOTS - 1).op(W.I32_AND);
    c.i32(3).op(W.I32_SHL).set(t);
    c.get(t).mem(W.I32_LOAD, 2, index).get(f.a).op(W.I32_EQ).begin(W.IF);
    c.get(f.nb).get(f.n).get(ROOM).get(DCTX).get(FCTX);
    // flags: HOSTS as given, LINKED, the entry index; then the element.
    c.get(FLAGS).i32(HOSTS).op(W.I32_AND).i32(LINKED).op(W.I32_OR);
    c.get(t).mem(W.I32_LOAD, 2, index + 4).tee(t).i32(ENTRY_MASK).op(W.I32_AND).i32(ENTRY_SHIFT).op(W.I32_SHL, W.I32_OR);
    c.get(t).i32(ENTRY_BITS).op(W.I32_SHR_U);
    c.callIndirect(0, 0, true);
    c.end();
  }
  c.end();
}

/** What a `br` from the current position reaches: the start of the code
 * of blocks lo..hi (a unit's block, or a loop's head), the region's
 * checks between blocks ($next), its trap exit, or something else. */
type Label = { lo: number; hi: number; loop: boolean } | 'next' | 'trap' | 'other';
const NEXT: Label = 'next';
const TRAP: Label = 'trap';
const OTHER: Label = 'other';

/** The `br` depth of the innermost label `is` takes. */
function depthOf(labels: Label[], is: (l: Label) => boolean): number {
  for (let d = 0; d < labels.length; d++) if (is(labels[labels.length - 1 - d])) return d;
  throw new Error('riscv wasm: no such label');
}

/** After block k's code (`sn` its successor): goes on to a block of the
 * region reachable by a `br` from here (a later unit, or the loop holding
 * it: its dispatch takes `sn`) when the budget lasts and nothing was
 * called out; falls into the code after it (block k + 1's) when that is
 * the successor; else goes to the checks between blocks ($next). */
function moves(c: Code, f: Frame, labels: Label[], k: number, targets: number[], K: number, ROOM: number): void {
  const next = depthOf(labels, (l) => l === NEXT);
  const inside = [...new Set(targets.filter((m) => m >= 0 && m !== k))];
  if (inside.length === 0) {
    if (k < K - 1) c.br(next);
    return;
  }
  const fall = inside.includes(k + 1) ? k + 1 : -1;
  c.get(f.n).get(ROOM).op(W.I32_GE_S).get(f.called).op(W.I32_OR).brIf(next);
  for (const m of inside) {
    if (m === fall) continue;
    const to = depthOf(labels, (l) => l === NEXT || (typeof l === 'object' && l.lo <= m && m <= l.hi));
    if (to === next) continue;
    c.get(f.sn).i32(m).op(W.I32_EQ).brIf(to);
  }
  if (fall >= 0) c.get(f.sn).i32(fall).op(W.I32_NE).brIf(next);
  else c.br(next);
}

/** The loops over several blocks made wasm loops (block indices lo..hi,
 * by the head lo): for each branch back to an earlier block, from it to
 * the branch, those with one head merged; one of two that overlap without
 * nesting is left out, and so is a loop holding a block that `leaves`
 * (ends in a jalr or a call): its rounds go through the region's dispatch
 * anyway, and come back into the loop through the loop's own dispatch
 * too (interp, a switch through a jump table, and recsort ran 4.7 % and
 * 1.2 % more host instructions with such loops). */
function loopsOf(targets: number[][], leaving: boolean[]): Map<number, number> {
  const byHead = new Map<number, number>();
  targets.forEach((ms, k) => {
    for (const m of ms) if (m >= 0 && m < k) byHead.set(m, Math.max(byHead.get(m) ?? k, k));
  });
  const sorted = [...byHead].sort((p, q) => p[0] - q[0] || q[1] - p[1]);
  const kept = new Map<number, number>();
  for (const [lo, hi] of sorted) {
    let ok = !leaving.slice(lo, hi + 1).includes(true);
    for (const [l2, h2] of kept) if ((l2 < lo && lo <= h2 && h2 < hi) || (lo < l2 && l2 <= hi && hi < h2)) ok = false;
    if (ok) kept.set(lo, hi);
  }
  return kept;
}

/** Whether block `b` ends in a jalr or a call (a jal that links: rd 0
 * is the discard slot, 32, in the cache's words). */
function leaves(cache: BlockCache, b: number): boolean {
  const w = cache.word[cache.end[b] - 1];
  const op = w & 0x7f;
  const { rd } = wordSlots(w);
  return op === Op.JALR || (op === Op.JAL && rd !== 0 && rd !== 32);
}

/** The page offsets block `b` may go to without a jalr: a branch's or
 * jal's target, the next instruction's. */
function successors(cache: BlockCache, b: number): number[] {
  const last = cache.end[b] - 1;
  const w = cache.word[last];
  const op = w & 0x7f;
  const out: number[] = [];
  if (op >= Op.BEQ && op <= Op.BGEU) out.push(w >> 18);
  if (op === Op.JAL) out.push(cache.imm[last]);
  else if (op !== Op.JALR) out.push(cache.endOff[b]);
  return out;
}

/** s = the region index of the block among `blocks` at page offset
 * `off`, else EXIT: a binary search on the offsets. */
function blockAt(c: Code, blocks: Array<{ off: number }>, index: Map<number, number>, off: number, s: number): void {
  const sorted = blocks.map((blk) => blk.off).sort((p, q) => p - q);
  c.i32(EXIT).set(s);
  const search = (lo: number, hi: number): void => {
    if (hi - lo <= 2) {
      for (let i = lo; i < hi; i++) {
        c.get(off).i32(sorted[i]).op(W.I32_EQ).begin(W.IF).i32(index.get(sorted[i])!).set(s).end();
      }
      return;
    }
    const mid = (lo + hi) >> 1;
    // Unsigned: an offset outside the page goes right and matches nothing.
    c.get(off).i32(sorted[mid]).op(W.I32_LT_U).begin(W.IF);
    search(lo, mid);
    c.op(W.ELSE);
    search(mid, hi);
    c.end();
  };
  search(0, sorted.length);
}

function loadRegs(c: Code, f: Frame, base: number, regs: number[]): void {
  for (const n of regs) c.i32(0).mem(W.I32_LOAD, 2, base + 4 * n).set(f.reg(n));
}

function storeRegs(c: Code, f: Frame, base: number, regs: number[]): void {
  for (const n of regs) c.i32(0).get(f.reg(n)).mem(W.I32_STORE, 2, base + 4 * n);
}
