/**
 * Links between wasm regions: a region that leaves for a block it does not
 * hold looks the block up here and tail-calls (`return_call_indirect`) the
 * region that holds it, instead of returning to the JavaScript run loop
 * (dispatch.ts) only for it to call that region.
 *
 *   - `table`, a funcref table shared by the core's regions: one element
 *     (a slot) per live region, its `run` function. A slot is free again
 *     once no block has that region as its compiled function (dropped, or
 *     given a rebuilt region), so the table stays as small as the set of
 *     live regions: V8 copies an imported table's entries into each new
 *     instance, so its size is paid at every compile (a table of one
 *     element per block id, 32 K, cost 3 M host instructions per compile).
 *     V8 (Node 20) also keeps every instance that imported a table alive
 *     as long as the table: a region dropped alone (its page written, as
 *     when the kernel loads the next program; replaced by a rebuild) frees
 *     its slot but not its module. So the table is replaced by a new one
 *     whenever every region goes (`flushed`), and once MAX_DEAD regions
 *     went one by one the next compile from the interpreter drops every
 *     compiled region first (`tooManyDead`, index.ts) to get there:
 *     without that a shell running program after program, or a fuzzer,
 *     grows without bound;
 *   - `index`, in the bus's core area so that compiled code reads it: a
 *     direct-mapped cache of LINK_SLOTS pairs (key, element << ENTRY_BITS |
 *     the block's index in the region), the key being a block's RAM offset
 *     (the block cache's key): the linked region starts at that block
 *     without looking it up. A pair is there only while the block at that
 *     key has that element's region: the block cache tells us when blocks
 *     go (BlockDropListener).
 *
 * A region finds the key of the pc it leaves for through the fetch TLB, as
 * the run loop does (no entry: it returns to the run loop, which
 * translates). The index is a cache: a miss (a slot taken by another
 * block) only costs a return to the run loop, which puts the block's pair
 * back when it calls the block's region (`relink`): regions compiled later
 * overwrite the pairs of earlier ones, cold blocks' too, and without that
 * lua's hot jump-table targets went through the run loop 5 M times.
 * Nothing here is machine state: a snapshot restore flushes the block
 * cache, which empties the index.
 */
import { BlockDropListener, SCRATCH_BLOCK } from '../block-cache';
import type { RiscvCore } from '../core';

/** Pairs in the index (a power of two). */
export const LINK_SLOTS = 2048;

/** The index pair of the block at RAM offset `key` (region.ts emits the
 * same computation in wasm). */
export function linkSlot(key: number): number {
  return ((key >>> 1) ^ (key >>> 11)) & (LINK_SLOTS - 1);
}

/** Bits of an index pair's second word for the block's index in its
 * region (jit.ts's MAX_REGION_BLOCKS is below 1 << ENTRY_BITS). */
export const ENTRY_BITS = 6;

/** Table elements at first; it doubles when full. */
const INITIAL_ELEMENTS = 64;
/** Regions dropped one by one (their modules kept alive by the table)
 * before every compiled region is dropped to free them. */
export const MAX_DEAD = 512;

export class RegionLinks implements BlockDropListener {
  /** The current table (new regions import it; replaced by `flushed`). */
  table: WebAssembly.Table;
  /** Pairs (key, table element) per slot; key -1 when empty. */
  readonly index: Int32Array;
  /** Byte address of `index` in the memory. */
  readonly indexAddress: number;
  /** Per block id: the table element of its region, or -1. */
  private readonly elementOf = new Int32Array(SCRATCH_BLOCK).fill(-1);
  /** Per block id: its index pair's second word while it has a region
   * (what `relink` puts back). */
  private readonly pairOf = new Int32Array(SCRATCH_BLOCK);
  /** Per table element: blocks whose region it is. */
  private refs = new Int32Array(INITIAL_ELEMENTS);
  private readonly free: number[] = [];
  /** Elements ever handed out since the last flush. */
  private used = 0;
  /** Regions of the current table no block runs in any more. */
  private dead = 0;
  /** Regions that imported the current table: the modules it keeps
   * alive (tests). */
  bound = 0;
  /** Tables made so far (tests). */
  tables = 1;
  /** Pairs the run loop put back (`relink`; stats and tests). */
  relinks = 0;

  constructor(core: RiscvCore) {
    this.table = new WebAssembly.Table({ initial: INITIAL_ELEMENTS, element: 'anyfunc' });
    this.index = core.linkIndex.fill(-1);
    this.indexAddress = this.index.byteOffset;
    core.cache.dropListener = this;
  }

  /** A table element for a new region's `run`. */
  add(run: unknown): number {
    let e = this.free.pop();
    if (e === undefined) {
      e = this.used++;
      if (e >= this.table.length) {
        this.table.grow(this.table.length);
        const refs = new Int32Array(this.table.length);
        refs.set(this.refs);
        this.refs = refs;
      }
    }
    this.table.set(e, run);
    this.bound++;
    return e;
  }

  /** Block `b` at RAM offset `key` now runs in the region at table
   * element `e` (add), as its block number `k`. */
  link(b: number, key: number, e: number, k: number): void {
    if (b < 0 || b >= SCRATCH_BLOCK || key < 0) return;
    if (k >>> ENTRY_BITS !== 0) throw new Error(`riscv wasm links: block index ${k} too large`);
    this.release(b);
    this.elementOf[b] = e;
    this.refs[e]++;
    const s = 2 * linkSlot(key);
    this.index[s] = key;
    this.index[s + 1] = this.pairOf[b] = (e << ENTRY_BITS) | k;
  }

  /** The run loop calls block `b` (at RAM offset `key`) in its region:
   * when another block's pair took its slot since it was linked, its own
   * goes back, so that regions leaving for it tail-call it again. */
  relink(b: number, key: number): void {
    const s = 2 * linkSlot(key);
    if (this.index[s] === key || b < 0 || b >= SCRATCH_BLOCK || this.elementOf[b] < 0) return;
    this.index[s] = key;
    this.index[s + 1] = this.pairOf[b];
    this.relinks++;
  }

  dropped(b: number, key: number): void {
    if (b < 0 || b >= SCRATCH_BLOCK) return;
    this.release(b);
    const s = 2 * linkSlot(key);
    if (key >= 0 && this.index[s] === key) this.index[s] = -1;
  }

  /** No block runs in a region any more (the block cache was flushed or
   * dropped every compiled region): a new table, so that the old one and
   * every module that imported it can go. No region is running (a region
   * that flushed by fence.i returns at its block's end without linking). */
  flushed(): void {
    this.index.fill(-1);
    this.elementOf.fill(-1);
    this.free.length = 0;
    this.dead = 0;
    if (this.used === 0) return;
    this.used = 0;
    this.bound = 0;
    this.table = new WebAssembly.Table({ initial: INITIAL_ELEMENTS, element: 'anyfunc' });
    this.refs = new Int32Array(INITIAL_ELEMENTS);
    this.tables++;
  }

  /** So many regions went one by one that the modules the table keeps
   * alive should be freed: the next compile drops every region first. */
  get tooManyDead(): boolean {
    return this.dead >= MAX_DEAD;
  }

  /** Elements in use: regions some block runs in (tests). */
  get live(): number {
    return this.used - this.free.length;
  }

  /** Block `b` no longer runs in its region; a region no block runs in
   * leaves the table (its module can be collected). */
  private release(b: number): void {
    const e = this.elementOf[b];
    if (e < 0) return;
    this.elementOf[b] = -1;
    if (--this.refs[e] === 0) {
      this.table.set(e, null);
      this.free.push(e);
      this.dead++;
    }
  }
}
