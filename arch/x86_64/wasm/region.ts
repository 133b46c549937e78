/**
 * The wasm backend's region compiler: a region (wasm/region-select.ts:
 * the hot block and the cached blocks of its page it reaches) compiled to
 * one WebAssembly module with one function
 *
 *   run(ip: f64, room: i32, hs: i32, rdTags: i32, wrTags: i32) -> f64
 *
 * ip is the region's first RIP (it runs from there), room how many
 * instructions it may retire before returning (it finishes the block that
 * crosses it), hs non-zero when it must return after every block (ring 0
 * with host entry points, as the JavaScript tier's `hs`), rdTags/wrTags
 * the byte addresses of the TLB tag arrays of the current privilege
 * (mmu.ts ramRead*, ramWrite*). It returns the next RIP; the runtime's
 * slots say how many instructions it retired and whether it left through
 * a block's checks (the wrapper may then link to the next region).
 *
 * Control flow inside: `block $exit { loop $top { block $next { block
 * $b_K-1 ... { block $b_0 { br_table s } code_0 checks_0 } code_1 ... }
 * unreachable } } epilogue`; each block's code ends with runBlocks'
 * between-block checks, then `s = j; br $top` for a successor j in the
 * region, else the exit. The guest registers the region uses are i64
 * locals, loaded at entry, written back at the exit and around calls out.
 */
import { Code, F64, I32, W, encodeModule } from '../../wasm/encoder';
import type { Decoded } from '../decoded';
import type { RegionBlock } from '../jit/region';
import { CoreLayout, Imp, P_HS, P_IP, P_ROOM, PARAMS, Slot, WasmEmitter } from './emitter';
import { loweringsForRows } from './lowerings';
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
export function buildRegion(d: Decoded, blocks: readonly RegionBlock[], at: CoreLayout, pageOff: number, memoryPages: number): BuiltRegion {
  const lowerings = loweringsForRows();
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
  e.begin(W.BLOCK); // $next
  for (let j = 0; j < K; j++) e.begin(W.BLOCK);
  c.get(s).brTable(blocks.map((_, j) => j), K - 1);
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
      const l = lowerings[d.entry[slot]];
      if (l !== null && l(e, slot)) lowered++;
      else {
        e.callHandler();
        handled++;
      }
      off = next;
    }
    if (!e.nxSet) e.ripAt(off).setNextRip();
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
    // A successor in the region: loop to it. After an indirect branch
    // (or a handler's control transfer), any block of the region, found by
    // a binary search on its offset.
    if (blk.next.length === 0) {
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
  e.end(); // $next
  c.op(W.UNREACHABLE);
  e.end(); // $top
  e.end(); // $exit
  e.spill();
  c.i32(0).get(e.ret).mem(W.I32_STORE, 2, at.slots + 4 * Slot.RETIRED);
  c.get(e.nx);

  // Prologue (the registers used), then the body with the spills and
  // reloads spliced in where the emitter marked them.
  const used = e.usedRegs();
  const written = used.filter(([n]) => e.written.has(n));
  loadRegs(fn, at, used);
  let from = 0;
  for (const { at: pos, reload } of e.patches) {
    for (let i = from; i < pos; i++) fn.bytes.push(c.bytes[i]);
    from = pos;
    if (reload) loadRegs(fn, at, used);
    else storeRegs(fn, at, written);
  }
  for (let i = from; i < c.bytes.length; i++) fn.bytes.push(c.bytes[i]);

  const bytes = encodeModule({
    types: [
      { params: [F64, I32, I32, I32, I32], results: [F64] },
      { params: [I32, I32, I32], results: [I32] }, // handler
      { params: [F64, I32, I32, I32], results: [I32] }, // read
      { params: [F64, I32, I32, I32, I32, I32], results: [I32] }, // write
      { params: [I32, I32, I32], results: [F64] }, // ea
      { params: [I32], results: [I32] }, // mayLoop
      { params: [I32, I32], results: [I32] }, // cond
      { params: [I32, I32], results: [] }, // gp
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
    // run, then the condition from the flag fields (COND_FIELDS).
    functions: [{ type: 0, code: fn }, { type: 6, code: condFieldsFunction(at) }],
    exports: [{ name: 'run', func: 7 }],
  });
  return { bytes, tables, lowered, handled };
}

function loadRegs(c: Code, at: CoreLayout, regs: Array<[number, number]>): void {
  for (const [n, l] of regs) {
    c.i32(0).mem(W.I64_LOAD32_U, 2, at.rl + 4 * n);
    c.i32(0).mem(W.I64_LOAD32_U, 2, at.rh + 4 * n).i64(32).op(W.I64_SHL).op(W.I64_OR).set(l);
  }
}

function storeRegs(c: Code, at: CoreLayout, regs: Array<[number, number]>): void {
  for (const [n, l] of regs) {
    c.i32(0).get(l).mem(W.I64_STORE32, 2, at.rl + 4 * n);
    c.i32(0).get(l).i64(32).op(W.I64_SHR_U).mem(W.I64_STORE32, 2, at.rh + 4 * n);
  }
}
