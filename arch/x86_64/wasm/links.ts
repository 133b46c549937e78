/**
 * Links between the x86_64 wasm backend's regions: a region whose block
 * leaves, with the between-block checks passed, for a RIP another region
 * starts at tail-calls that region (`return_call_indirect`) instead of
 * returning to the runtime's loop only for it to call the next one.
 *
 *   - `table`, a funcref table every region imports: one element per live
 *     region (its `run`). An element is free again when its region's head
 *     block is dropped (a code write, a flush), so the table stays as
 *     small as the set of live regions (V8 copies an imported table's
 *     entries into each new instance: its size is paid at every compile).
 *     V8 (Node 20) also keeps every instance that imported a table alive
 *     as long as the table is: a dropped region's module is only freed
 *     with its table. So the table is replaced by a new one whenever every
 *     region is dropped (a flush), and once MAX_DEAD regions were dropped
 *     one by one the JIT tier drops them all (`tooManyDead`, index.ts) to
 *     get there: without that, a machine that keeps rewriting code (a
 *     shell running programs, the fuzzer) grows without bound.
 *   - `index`, in the bus's core area (X86Core.wasmLinks, allocated with
 *     every core so that the area's layout is the same whatever the
 *     backend) so that compiled code reads it: a
 *     direct-mapped cache of LINK_SLOTS entries (RIP as f64, the chain
 *     generation it was found in as `linkGen`, the table element of the
 *     region headed by the block at that RIP). An entry is the runtime's
 *     own lookup remembered (JitTier.next: an execute-permitted TLB hit
 *     and a block cache hit) and holds while the chain generation does, as
 *     the block cache's jump cache: every TLB flush, invlpg, privilege
 *     change and cache flush bumps it. Dropping a region clears the
 *     entries naming its element before the element can be handed out
 *     again.
 *
 * A region finds an entry by the RIP it leaves for: slot = the top 12
 * bits of lo * 0x9e3779b1 (mod 2^32), lo the RIP's low 32 bits
 * (`linkSlot`; region.ts emits the same). A miss returns to the runtime, which looks the RIP up
 * and fills the slot. Nothing here is machine state: an empty entry is
 * zero bytes (its generation word 0, which linkGen never gives), and the
 * core empties the index at the end of every run() (`runEnded`), where a
 * snapshot may save the core area: its bytes are then those of a run
 * without the wasm backend. A restore flushes the block cache, which
 * empties it too. The entries emptied at a run's end are kept aside and
 * put back at the first region call of the next run (`resume`): a board
 * runs its core in slices (Doom's timedemo: 14,000 run() calls), and
 * relearning the links through the runtime after each cost Doom 0.5 M of
 * its 2.65 M region calls from the runtime. The index's slots written
 * since it was last emptied are listed, so that emptying it costs those
 * entries, not the whole index.
 */
import type { BlockFn } from '../jit/emitter';
import type { CompiledCodeListener } from '../jit/jit-tier';
import type { X86Core } from '../core';

/** Entries of the index (a power of two); 16 bytes each. Doom's timedemo
 * (entries kept across run() ends): 353 K misses of compiled regions with
 * 1024, 176 K with 4096. */
export const LINK_SLOTS = 4096;
/** Byte offsets in an entry: the RIP (f64), the chain generation (i32),
 * the table element (i32). */
export const LINK_RIP = 0;
export const LINK_GEN = 8;
export const LINK_ELEMENT = 12;

/** The generation word of chain generation `gen` (never 0: empty). */
export function linkGen(gen: number): number {
  return (gen % 0x7fff_ffff) + 1;
}

/** The index slot of `rip` (region.ts computes the same in wasm). */
export function linkSlot(rip: number): number {
  return Math.imul(rip, LINK_HASH) >>> LINK_SHIFT;
}

/** linkSlot's multiplier (2^32 / the golden ratio) and shift (32 - log2
 * LINK_SLOTS): the top bits of the product mix every bit of the RIP's low
 * word. (lo ^ lo >>> 12) & 1023 made Doom's code pages 0x401-0x450 collide
 * in the offset bits: 0.89 M of its 2.85 M region calls from the runtime
 * were misses of the index for compiled regions.) */
export const LINK_HASH = 0x9e3779b1;
export const LINK_SHIFT = 32 - Math.log2(LINK_SLOTS);

/** Table elements at first; the table doubles when full. */
const INITIAL_ELEMENTS = 64;
/** Regions dropped one by one (their modules kept alive by the table)
 * before the JIT tier drops every region to free them. */
export const MAX_DEAD = 512;

/** What a region's BlockFn carries for the links: its table element. */
export interface Linkable {
  element: number;
}

export class RegionLinks implements CompiledCodeListener {
  /** The current table (new regions import it; replaced by `cleared`). */
  table: WebAssembly.Table;
  /** Byte address of the index in the memory. */
  readonly indexAddress: number;
  private readonly rips: Float64Array;
  private readonly words: Int32Array;
  private readonly free: number[] = [];
  /** Elements handed out since the last flush. */
  private used = 0;
  /** The slots written since the index was last emptied (each once:
   * `listed`). */
  private readonly written = new Int32Array(LINK_SLOTS);
  private readonly listed = new Uint8Array(LINK_SLOTS);
  private nWritten = 0;
  /** The entries the last run's end emptied (slot, RIP, generation
   * word, element), for `resume`. */
  private readonly keptSlot = new Int32Array(LINK_SLOTS);
  private readonly keptRip = new Float64Array(LINK_SLOTS);
  private readonly keptGen = new Int32Array(LINK_SLOTS);
  private readonly keptElement = new Int32Array(LINK_SLOTS);
  /** Entries kept aside (0: nothing to put back). */
  kept = 0;
  /** Regions of the current table dropped one by one. */
  private dead = 0;
  /** The region of each element in use (null when free). */
  private regions: (Linkable | null)[] = new Array<Linkable | null>(INITIAL_ELEMENTS).fill(null);

  constructor(core: X86Core, readonly regionOf: (fn: BlockFn) => Linkable | null) {
    this.table = new WebAssembly.Table({ initial: INITIAL_ELEMENTS, element: 'anyfunc' });
    if (core.wasmLinks.length !== 2 * LINK_SLOTS) throw new Error('wasm links: core.wasmLinks does not hold LINK_SLOTS entries');
    this.rips = core.wasmLinks;
    this.words = new Int32Array(this.rips.buffer, this.rips.byteOffset, 4 * LINK_SLOTS);
    this.indexAddress = this.rips.byteOffset;
  }

  /** A table element for a new region's `run`. */
  add(run: unknown, region: Linkable): number {
    let e = this.free.pop();
    if (e === undefined) {
      e = this.used++;
      if (e >= this.table.length) {
        this.table.grow(this.table.length);
        const regions = new Array<Linkable | null>(this.table.length).fill(null);
        for (let i = 0; i < this.regions.length; i++) regions[i] = this.regions[i];
        this.regions = regions;
      }
    }
    this.table.set(e, run);
    this.regions[e] = region;
    region.element = e;
    return e;
  }

  /** The region `region` starts at `rip` in chain generation `gen`. */
  remember(rip: number, gen: number, region: Linkable): void {
    if (region.element < 0) return;
    this.put(linkSlot(rip), rip, linkGen(gen), region.element);
  }

  private put(s: number, rip: number, genWord: number, element: number): void {
    this.rips[2 * s] = rip;
    this.words[4 * s + LINK_GEN / 4] = genWord;
    this.words[4 * s + LINK_ELEMENT / 4] = element;
    if (this.listed[s] === 0) {
      this.listed[s] = 1;
      this.written[this.nWritten++] = s;
    }
  }

  /** The core's run() ended: the index empty again (see the file
   * comment), its entries kept aside for `resume`. */
  runEnded(): void {
    const w = this.words;
    let n = 0;
    for (let i = 0; i < this.nWritten; i++) {
      const s = this.written[i];
      this.listed[s] = 0;
      const g = w[4 * s + LINK_GEN / 4];
      if (g === 0) continue;
      this.keptSlot[n] = s;
      this.keptRip[n] = this.rips[2 * s];
      this.keptGen[n] = g;
      this.keptElement[n] = w[4 * s + LINK_ELEMENT / 4];
      n++;
      w[4 * s] = w[4 * s + 1] = w[4 * s + 2] = w[4 * s + 3] = 0;
    }
    this.nWritten = 0;
    this.kept = n;
  }

  /** The first region call since the last run's end: its entries back
   * (each still checked against the chain generation where it is used). */
  resume(): void {
    const n = this.kept;
    this.kept = 0;
    for (let i = 0; i < n; i++) {
      if (this.keptGen[i] !== 0) this.put(this.keptSlot[i], this.keptRip[i], this.keptGen[i], this.keptElement[i]);
    }
  }

  /** The compiled function `fn` was dropped (JitTier: its head block). */
  dropped(fn: BlockFn): void {
    const region = this.regionOf(fn);
    if (region === null || region.element < 0) return;
    const e = region.element;
    region.element = -1;
    const w = this.words;
    for (let k = 0; k < this.nWritten; k++) {
      const i = 4 * this.written[k];
      if (w[i + LINK_ELEMENT / 4] === e && w[i + LINK_GEN / 4] !== 0) w[i] = w[i + 1] = w[i + 2] = w[i + 3] = 0;
    }
    for (let k = 0; k < this.kept; k++) if (this.keptElement[k] === e) this.keptGen[k] = 0;
    this.table.set(e, null);
    this.regions[e] = null;
    this.free.push(e);
    this.dead++;
  }

  /** So many regions were dropped one by one that the modules the table
   * keeps alive should be freed (the JIT tier then drops every region). */
  get tooManyDead(): boolean {
    return this.dead >= MAX_DEAD;
  }

  /** Every compiled function was dropped. */
  cleared(): void {
    this.words.fill(0);
    this.listed.fill(0);
    this.nWritten = 0;
    this.kept = 0;
    for (let e = 0; e < this.used; e++) {
      const region = this.regions[e];
      if (region !== null) region.element = -1;
      this.regions[e] = null;
    }
    this.free.length = 0;
    this.used = 0;
    this.dead = 0;
    // A new table: the old one, and every module that imported it, can go.
    this.table = new WebAssembly.Table({ initial: INITIAL_ELEMENTS, element: 'anyfunc' });
    this.regions = new Array<Linkable | null>(INITIAL_ELEMENTS).fill(null);
  }

  /** Elements in use (tests). */
  get live(): number {
    return this.used - this.free.length;
  }
}
