/**
 * The JIT tier's hookup to the block cache: per block id, a run count and
 * the compiled function (`fns[id]`). A block that has run more than the
 * threshold is compiled once (jit/emitter.ts with jit/templates.ts); the
 * block cache drops the function when it drops the block (a code-page
 * write) and drops them all on a flush, since block ids and slots are then
 * reused. The core calls `fns[id]` instead of its slot loop
 * (interpreter.ts runBlocks).
 *
 * The threshold is 256 runs plus 64 per compiled function alive: a region
 * costs V8 a parse, a bytecode compile and, once V8 finds it hot, about
 * 8 ms of TurboFan (CPU time on Doom's regions), and until then it runs as
 * unoptimized code slower than the interpreter. Compiling pays for code
 * that keeps running; a program whose running code is spread over
 * thousands of blocks (Doom: about 3000 regions at a fixed 256) has a flat
 * profile, where a block that reached 256 runs is mostly one that will not
 * run much more. The bench programs compile 30-120 regions, so their
 * threshold stays within a few thousand runs (docs/cores/x86_64.md,
 * "When").
 */
import { BlockCache, JUMP_CACHE_SIZE } from '../block-cache';
import type { X86Core } from '../core';
import { P_EXEC_S, P_EXEC_U } from '../mmu';
import { BlockEmitter, BlockFn, JitLinks } from './emitter';
import { findRegion } from './region';
import { templatesForRows } from './templates';
import { compileWasmRegion } from '../wasm';

/** What hot regions compile to: JavaScript functions (jit/emitter.ts) or
 * WebAssembly modules (wasm/, docs/cores/x86_64.md "The wasm backend"). */
export type JitBackend = 'js' | 'wasm';

export interface JitOptions {
  /** Runs of a block before it is compiled (0: at its first run). */
  threshold?: number;
  /** Runs added to the threshold per compiled function alive (default:
   * DEFAULT_JIT_GROWTH with the default threshold, 0 with a given one). */
  growth?: number;
  /** Default 'js'. */
  backend?: JitBackend;
  /** Runs a block's run counts for when a compiled region left for it
   * (`exited`; default DEFAULT_EXIT_WEIGHT with the wasm backend and the
   * default threshold, else 1). */
  exitWeight?: number;
}

/** Told when compiled functions go and when the core's run() returns
 * (the wasm backend's links between regions: wasm/links.ts). */
export interface CompiledCodeListener {
  /** `fn`, the compiled function of a block, was dropped. */
  dropped(fn: BlockFn): void;
  /** Every compiled function was dropped. */
  cleared(): void;
  /** The core's run() returned: a snapshot may save the core area now. */
  runEnded(): void;
}

export const DEFAULT_JIT_THRESHOLD = 256;
export const DEFAULT_JIT_GROWTH = 64;
/** A run of an interpreted block entered by a wasm region's exit counts
 * this many runs: besides its own instructions it costs a trip out of
 * wasm and back (the runtime's loop, runBlocks, flags copied out and in,
 * the next region's prologue). Such blocks are mostly return sites after a
 * call (a region starts only at its first block): lua's whole-run host
 * instructions 41.24 G at 1, 39.08 G at 4, 37.97 G at 8
 * (docs/cores/x86_64.md, "Session 15"). */
export const DEFAULT_EXIT_WEIGHT = 8;

export class JitTier implements JitLinks {
  readonly fns: (BlockFn | null)[];
  readonly hits: Int32Array;
  readonly threshold: number;
  readonly growth: number;
  readonly backend: JitBackend;
  readonly exitWeight: number;
  /** Statistics (bench, tests): functions compiled so far. */
  compiled = 0;
  /** Compiled functions alive (not dropped or cleared). */
  live = 0;
  /** Runs after which a block compiles: threshold + growth * live. */
  private limit: number;
  readonly jumpRip: Float64Array;
  readonly jumpId: Int32Array;
  readonly jumpGen: Int32Array;
  /** Block id of the block `next` found (its function or null), -1 when
   * it found none. */
  nextId = -1;
  /** See CompiledCodeListener (null: nobody keeps compiled functions). */
  codeListener: CompiledCodeListener | null = null;

  constructor(private readonly cache: BlockCache, options: JitOptions = {}, private readonly core: X86Core | null = null) {
    this.fns = new Array<BlockFn | null>(cache.blkPhys.length).fill(null);
    this.hits = new Int32Array(cache.blkPhys.length);
    this.threshold = options.threshold ?? DEFAULT_JIT_THRESHOLD;
    this.growth = options.growth ?? (options.threshold === undefined ? DEFAULT_JIT_GROWTH : 0);
    this.backend = options.backend ?? 'js';
    this.exitWeight = options.exitWeight ?? (this.backend === 'wasm' && options.threshold === undefined ? DEFAULT_EXIT_WEIGHT : 1);
    if (this.backend === 'wasm' && core === null) throw new Error('jit: the wasm backend needs the core');
    this.limit = this.threshold;
    this.jumpRip = cache.jumpRip;
    this.jumpId = cache.jumpId;
    this.jumpGen = cache.jumpGen;
  }

  /** Counts a run of block `id`; returns its function once compiled. */
  enter(id: number): BlockFn | null {
    const f = this.fns[id];
    if (f !== null) return f;
    if (++this.hits[id] <= this.limit) return null;
    return this.compile(id);
  }

  /** A compiled region left for block `id`, not compiled, which runs
   * next (runBlocks' `enter` counts that run): the run counts
   * `exitWeight` runs. */
  exited(id: number): void {
    this.hits[id] += this.exitWeight - 1;
  }

  compile(id: number): BlockFn {
    const fn = this.emitRegion(id);
    this.fns[id] = fn;
    this.compiled++;
    this.setLive(this.live + 1);
    return fn;
  }

  /** The function of the region headed by block `id` (jit/region.ts). */
  emitRegion(id: number): BlockFn {
    const c = this.cache;
    if (this.backend === 'wasm') return compileWasmRegion(this.core!, c, id, this);
    const hot = (b: number): boolean => this.fns[b] !== null || this.hits[b] >= this.threshold;
    const e = new BlockEmitter(c.d, findRegion(c, id, hot));
    const entry = c.d.entry;
    return e.build(this, templatesForRows(), (slot) => entry[slot]);
  }

  private setLive(live: number): void {
    this.live = live;
    this.limit = this.threshold + this.growth * live;
  }

  /** The compiled function of the block at `rip` if there is one and it
   * can be found as runBlocks would find it, without a page walk (which
   * could fault outside any instruction): an execute-permitted TLB hit and
   * a block-cache hit, remembered in the jump cache as runBlocks' own
   * lookup does (compiled regions look there first). Else null (runBlocks
   * takes over). */
  next(c: X86Core, rip: number): BlockFn | null {
    const vpn = Math.floor(rip * (1 / 4096));
    const t = vpn & 1023;
    const need = c.mmu.userAccess ? P_EXEC_U : P_EXEC_S;
    this.nextId = -1;
    if (c.tlbVpn[t] !== vpn || (c.tlbPerm[t] & need) === 0) return null;
    const id = this.cache.lookup(c.mmu.tlbPhys[t] + (rip - vpn * 4096));
    if (id < 0) return null;
    this.nextId = id;
    const h = (rip ^ (rip >>> 12)) & (JUMP_CACHE_SIZE - 1);
    this.jumpRip[h] = rip;
    this.jumpId[h] = id;
    this.jumpGen[h] = c.chainGen;
    return this.fns[id];
  }

  /** Block `id` was dropped (its code page was written). */
  drop(id: number): void {
    const f = this.fns[id];
    if (f !== null) {
      this.setLive(this.live - 1);
      if (this.codeListener !== null) this.codeListener.dropped(f);
    }
    this.fns[id] = null;
    this.hits[id] = 0;
  }

  /** The cache was flushed: every id and slot will be reused. */
  clear(): void {
    if (this.codeListener !== null) this.codeListener.cleared();
    this.fns.fill(null);
    this.hits.fill(0);
    this.setLive(0);
  }
}
