/**
 * The wasm backend's region compiler: a region (wasm/region-select.ts:
 * the hot block and the cached blocks of its page it reaches) compiled to
 * one WebAssembly module with one function
 *
 *   run(ip: f64, n: i32, room: i32, hs: i32, rdTags: i32, wrTags: i32, gen: i32) -> f64
 *
 * ip is the region's first RIP (it runs from there; it stores it in the
 * flag block's IP field for the imports), n the instructions retired since
 * the runtime's call (0 there; a linked call passes its caller's count
 * on), room how many may be retired by then before returning (it finishes
 * the block that crosses it), hs non-zero when it must return after every
 * block (ring 0 with host entry points, as the JavaScript tier's `hs`),
 * rdTags/wrTags the byte addresses of the TLB tag arrays of the current
 * privilege (mmu.ts ramRead*, ramWrite*), gen the chain generation at the
 * runtime's call (links.ts linkGen). It returns the next RIP; the runtime's slots say how
 * many instructions were retired since the runtime's call and whether the
 * last region left through a block's checks for a RIP its links did not
 * know (the runtime then links to the next region itself).
 *
 * Links (links.ts): a block that leaves the region with the checks passed
 * looks the next RIP up in the links' index and tail-calls the region
 * there, with n, room and the rest passed on, so that a chain of regions
 * stops exactly where one region would: at the budget, after a call out
 * whose checks fail (mayLoop: interrupts, stop, brk, a new chain
 * generation), or at a RIP the index does not know.
 *
 * Control flow inside: `block $exit { loop $top { block $next { block
 * $b_K-1 ... { block $b_0 { br_table s } code_0 checks_0 } code_1 ... }
 * unreachable } } epilogue`; each block's code ends with runBlocks'
 * between-block checks, then `s = j; br $top` for a successor j in the
 * region (or nothing when j is the next block: its code follows; the
 * blocks are laid out in fall-through order), else the exit (registers
 * written back, then the link). The
 * guest registers the region uses are i64 locals, loaded at entry,
 * written back at the exit and around calls out.
 */
import { Code, F64, I32, I64, W, encodeModule } from '../../wasm/encoder';
import type { Decoded } from '../decoded';
import type { RegionBlock } from '../jit/region';
import { CoreLayout, FF, Imp, P_GEN, P_HS, P_IP, P_N, P_RD, P_ROOM, P_WR, PARAMS, Slot, WasmEmitter } from './emitter';
import { LINK_ELEMENT, LINK_GEN, LINK_HASH, LINK_RIP, LINK_SHIFT } from './links';
import { loweringOf } from './lowerings';
import { condFieldsFunction } from './cond-fields';

/** What one compiled region needs besides its module: per instruction k
 * of the region, the offsets (from the region's first byte) of its first
 * byte, of its block's first byte and of the next instruction, and the
 * instructions of its block before it. */
export interface RegionTables {
  ripOff: Float64Array;
  blockOff: Float64Array;
  nextOff: Float64Array;
  before: Int32Array;
}

export interface BuiltRegion {
  bytes: Uint8Array;
  tables: RegionTables;
  /** Instructions lowered inline / through their handler (stats, tests). */
  lowered: number;
  handled: number;
}

/** The module of the region `blocks` (head first) of the Decoded store `d`. */
export function buildRegion(
  d: Decoded, blocks: readonly RegionBlock[], at: CoreLayout, pageOff: number, memoryPages: number, countLinks = false,
): BuiltRegion {
  blocks = fallThroughOrder(blocks);
  const fn = new Code(PARAMS);
  const e = new WasmEmitter(fn, d, blocks, at, pageOff);
  const s = fn.local(I32);
  const dd = fn.local(F64);
  const c = e.code;
  let total = 0;
  for (const b of blocks) total += b.count;
  const tables: RegionTables = {
    ripOff: new Float64Array(total),
    blockOff: new Float64Array(total),
    nextOff: new Float64Array(total),
    before: new Int32Array(total),
  };
  let lowered = 0;
  let handled = 0;
  const K = blocks.length;

  e.begin(W.BLOCK); // $exit
  e.exitDepth = e.depth;
  e.begin(W.LOOP); // $top
  const topDepth = e.depth;
  // Blocks 0..K-1, then (index K) the search after an indirect branch
  // when a block may leave through one.
  const searches = blocks.some((b) => b.next.length === 0);
  const cases = K + (searches ? 1 : 0);
  e.begin(W.BLOCK); // $next
  for (let j = 0; j < cases; j++) e.begin(W.BLOCK);
  c.get(s).brTable(Array.from({ length: cases }, (_, j) => j), cases - 1);
  let k = 0;
  blocks.forEach((blk, j) => {
    e.end(); // $b_j
    e.blockBoundary();
    let off = blk.off;
    for (let kb = 0; kb < blk.count; kb++, k++) {
      const slot = blk.first + kb;
      const next = off + d.len[slot];
      tables.ripOff[k] = off;
      tables.blockOff[k] = blk.off;
      tables.nextOff[k] = next;
      tables.before[k] = kb;
      e.startInstruction(k, kb, slot, off, next, kb === blk.count - 1);
      const l = loweringOf(d.entry[slot]);
      if (l !== null && l(e, slot)) lowered++;
      else {
        e.callHandler();
        handled++;
      }
      off = next;
    }
    // The successors when the block's end says which it takes: the
    // fall-through (`off`), or a branch's taken flag.
    let known: number[] | null = null;
    const taken = e.taken;
    if (!e.nxSet) {
      e.ripAt(off).setNextRip();
      known = [off];
    } else if (taken >= 0) known = [e.takenTarget, off];
    e.blockBoundary();
    // runBlocks' between-block checks (as the JavaScript tier makes them).
    c.get(e.ret).i32(blk.count).op(W.I32_ADD).set(e.ret);
    c.get(e.so);
    e.begin(W.IF);
    c.i32(0).set(e.so);
    c.get(e.ret).call(Imp.MAY_LOOP).op(W.I32_EQZ);
    e.begin(W.IF);
    e.exit(0, false);
    e.end();
    e.else();
    c.get(P_HS).get(e.ret).get(P_ROOM).op(W.I32_GE_S).op(W.I32_OR);
    e.begin(W.IF);
    e.exit(0, false);
    e.end();
    e.end();
    // A successor in the region: loop to it, or run on into it when it is
    // the next block of the function. With the successor known from the
    // block's end, no RIP is compared.
    const index = (t: number): number => blocks.findIndex((x) => x.off === t);
    const goTo = (jx: number): void => {
      if (jx < 0) e.exit(0, true);
      else c.i32(jx).set(s).br(e.depth - topDepth);
    };
    const fallsInto = (jx: number): boolean => jx === j + 1 && jx < K;
    if (known !== null) {
      const jt = index(known[0]);
      if (known.length === 1 || known[0] === known[1]) {
        if (!fallsInto(jt)) goTo(jt);
        return;
      }
      const jf = index(known[1]);
      if (fallsInto(jf)) {
        c.get(taken);
        e.begin(W.IF);
        goTo(jt);
        e.end();
      } else if (fallsInto(jt)) {
        c.get(taken).op(W.I32_EQZ);
        e.begin(W.IF);
        goTo(jf);
        e.end();
      } else {
        c.get(taken);
        e.begin(W.IF);
        goTo(jt);
        e.end();
        goTo(jf);
      }
      return;
    }
    // After an indirect branch (or a handler's control transfer), the
    // search (case K) finds any block of the region.
    if (blk.next.length === 0) {
      c.i32(K).set(s).br(e.depth - topDepth);
      return;
    }
    for (const t of blk.next) {
      const jx = blocks.findIndex((x) => x.off === t);
      if (jx < 0) continue;
      c.get(e.nx);
      e.ripAt(t);
      c.op(W.F64_EQ);
      e.begin(W.IF);
      c.i32(jx).set(s).br(e.depth - topDepth);
      e.end();
    }
    e.exit(0, true);
  });
  if (searches) {
    // The block at nx, by a binary search on its offset; else the link.
    e.end(); // $b_K
    c.get(e.nx).get(P_IP).op(W.F64_SUB).set(dd);
    const sorted = blocks.map((x, j) => [x.off, j]).sort((x, y) => x[0] - y[0]);
    const search = (lo: number, hi: number): void => {
      if (hi - lo <= 2) {
        for (let q = lo; q < hi; q++) {
          c.get(dd).f64(sorted[q][0]).op(W.F64_EQ);
          e.begin(W.IF);
          c.i32(sorted[q][1]).set(s).br(e.depth - topDepth);
          e.end();
        }
        return;
      }
      const mid = (lo + hi) >> 1;
      c.get(dd).f64(sorted[mid][0]).op(W.F64_LT);
      e.begin(W.IF);
      search(lo, mid);
      e.else();
      search(mid, hi);
      e.end();
    };
    search(0, sorted.length);
    e.exit(0, true);
  }
  e.end(); // $next
  c.op(W.UNREACHABLE);
  e.end(); // $top
  e.end(); // $exit
  e.spill(true);
  c.get(e.lk);
  e.begin(W.IF);
  linkTo(e, at, countLinks);
  e.end();
  c.i32(0).get(e.lk).mem(W.I32_STORE, 2, at.slots + 4 * Slot.LINK);
  c.i32(0).get(e.ret).mem(W.I32_STORE, 2, at.slots + 4 * Slot.RETIRED);
  c.get(e.nx);

  // Prologue (the registers used), then the body with the spills and
  // reloads spliced in where the emitter marked them.
  const used = e.usedRegs();
  const written = used.filter(([n]) => e.written.has(n));
  fn.get(P_N).set(e.ret);
  fn.i32(0).get(P_IP).mem(W.F64_STORE, 3, at.flags + 8 * FF.IP);
  loadRegs(fn, at, used);
  // Around calls out: calls of the spill and reload functions (small
  // code: the region's size is what TurboFan's time and memory grow
  // with); the exit's stores inline.
  const spillFn = new Code(written.length);
  storeRegs(spillFn, at, written.map(([n], i) => [n, i]));
  const reloadFn = new Code(0);
  for (const [n] of used) loadReg(reloadFn, at, n);
  const spillCall = new Code(0);
  for (const [, l] of written) spillCall.get(l);
  if (written.length > 0) spillCall.call(SPILL);
  const reloadCall = new Code(0);
  if (used.length > 0) reloadCall.call(RELOAD);
  for (let i = used.length - 1; i >= 0; i--) reloadCall.set(used[i][1]);
  const spillInline = new Code(0);
  storeRegs(spillInline, at, written);
  // The body without the dead flag writes (emitter.ts `dead`: no patch
  // falls inside one, and each is whole instructions).
  const dead = e.dead;
  let from = 0;
  let dx = 0;
  const copyTo = (pos: number): void => {
    for (; dx < dead.length && dead[dx] < pos; dx += 2) {
      append(fn.bytes, c.bytes, from, dead[dx]);
      from = dead[dx + 1];
    }
    append(fn.bytes, c.bytes, from, pos);
    from = Math.max(from, pos);
  };
  for (const { at: pos, reload, inline } of e.patches) {
    copyTo(pos);
    const patch = reload ? reloadCall.bytes : inline === true ? spillInline.bytes : spillCall.bytes;
    append(fn.bytes, patch, 0, patch.length);
  }
  copyTo(c.bytes.length);

  const bytes = encodeModule({
    types: [
      { params: [F64, I32, I32, I32, I32, I32, I32], results: [F64] }, // run
      { params: [I32, I32, I32], results: [I32] }, // handler
      { params: [F64, I32, I32, I32], results: [I32] }, // read
      { params: [F64, I32, I32, I32, I32, I32], results: [I32] }, // write
      { params: [I32, I32, I32], results: [F64] }, // ea
      { params: [I32], results: [I32] }, // mayLoop
      { params: [I32, I32], results: [I32] }, // cond
      { params: [I32, I32], results: [] }, // gp
      { params: written.map(() => I64), results: [] }, // spill
      { params: [], results: used.map(() => I64) }, // reload
    ],
    // Import order: emitter.ts's Imp.
    imports: [
      { module: 'rt', name: 'handler', type: 1 },
      { module: 'rt', name: 'read', type: 2 },
      { module: 'rt', name: 'write', type: 3 },
      { module: 'rt', name: 'ea', type: 4 },
      { module: 'rt', name: 'mayLoop', type: 5 },
      { module: 'rt', name: 'cond', type: 6 },
      { module: 'rt', name: 'gp', type: 7 },
    ],
    memory: { module: 'rt', name: 'memory', minPages: memoryPages },
    table: { module: 'rt', name: 'table', minElements: 0 },
    // run, the condition from the flag fields (COND_FIELDS), spill, reload.
    functions: [{ type: 0, code: fn }, { type: 6, code: condFieldsFunction(at) }, { type: 8, code: spillFn }, { type: 9, code: reloadFn }],
    exports: [{ name: 'run', func: 7 }],
  });
  return { bytes, tables, lowered, handled };
}

/** The region's blocks in the order the function holds them: the head
 * first, then each block's successor not placed yet after it where there
 * is one (the fall-through preferred: the loop's exit, the if's body), so
 * that most transitions run on into the next block instead of looping
 * back to the dispatch; the rest in the given order. */
export function fallThroughOrder(blocks: readonly RegionBlock[]): RegionBlock[] {
  const placed = new Array<boolean>(blocks.length).fill(false);
  const out: RegionBlock[] = [];
  let cur = 0;
  while (cur >= 0) {
    placed[cur] = true;
    out.push(blocks[cur]);
    const next = blocks[cur].next;
    let pick = -1;
    for (let q = next.length - 1; q >= 0 && pick < 0; q--) {
      const jx = blocks.findIndex((x) => x.off === next[q]);
      if (jx >= 0 && !placed[jx]) pick = jx;
    }
    if (pick < 0) pick = placed.indexOf(false);
    cur = pick;
  }
  return out;
}

/** i64.trunc_sat_f64_s (never traps). */
const I64_TRUNC_SAT_F64_S = [0xfc, 0x07];

/** With the registers written back: tail-calls the region the links'
 * index (links.ts) gives for the RIP in nx, in this chain generation,
 * passing on the count, the budget and the rest; falls through when the
 * index does not know the RIP. */
function linkTo(e: WasmEmitter, at: CoreLayout, countLinks: boolean): void {
  const c = e.code;
  const lo = e.tmp(I32);
  const slot = e.tmp(I32);
  c.get(e.nx).op(...I64_TRUNC_SAT_F64_S).op(W.I32_WRAP_I64).tee(lo);
  c.i32(LINK_HASH).op(W.I32_MUL).i32(LINK_SHIFT).op(W.I32_SHR_U).i32(4).op(W.I32_SHL).set(slot);
  c.get(slot).mem(W.F64_LOAD, 3, at.links + LINK_RIP).get(e.nx).op(W.F64_EQ);
  c.get(slot).mem(W.I32_LOAD, 2, at.links + LINK_GEN).get(P_GEN).op(W.I32_EQ).op(W.I32_AND);
  e.begin(W.IF);
  if (countLinks) c.i32(0).i32(0).mem(W.I32_LOAD, 2, at.slots + 4 * Slot.LINKS).i32(1).op(W.I32_ADD).mem(W.I32_STORE, 2, at.slots + 4 * Slot.LINKS);
  c.get(e.nx).get(e.ret).get(P_ROOM).get(P_HS).get(P_RD).get(P_WR).get(P_GEN);
  c.get(slot).mem(W.I32_LOAD, 2, at.links + LINK_ELEMENT);
  c.callIndirect(0, 0, true);
  e.end();
}

/** Appends src[from..to) to dst (in chunks: no per-byte push, no
 * argument list too long for the stack). */
function append(dst: number[], src: number[], from: number, to: number): void {
  for (let i = from; i < to; i += 8192) dst.push(...src.slice(i, Math.min(to, i + 8192)));
}

/** Function indices of the module's spill and reload (after the
 * imports, run and COND_FIELDS). */
const SPILL = 9;
const RELOAD = 10;

function loadRegs(c: Code, at: CoreLayout, regs: Array<[number, number]>): void {
  for (const [n, l] of regs) {
    loadReg(c, at, n);
    c.set(l);
  }
}

/** Pushes guest register n (i64) from the core. */
function loadReg(c: Code, at: CoreLayout, n: number): void {
  c.i32(0).mem(W.I64_LOAD32_U, 2, at.rl + 4 * n);
  c.i32(0).mem(W.I64_LOAD32_U, 2, at.rh + 4 * n).i64(32).op(W.I64_SHL).op(W.I64_OR);
}

function storeRegs(c: Code, at: CoreLayout, regs: Array<[number, number]>): void {
  for (const [n, l] of regs) {
    c.i32(0).get(l).mem(W.I64_STORE32, 2, at.rl + 4 * n);
    c.i32(0).get(l).i64(32).op(W.I64_SHR_U).mem(W.I64_STORE32, 2, at.rh + 4 * n);
  }
}
