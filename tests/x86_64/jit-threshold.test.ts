/**
 * When the x86 JIT tier compiles a block: after `threshold` runs plus
 * `growth` per compiled function alive (jit/jit-tier.ts). Functions that
 * are dropped (a code-page write) or cleared (a cache flush) stop counting.
 */
import type { BlockCache } from '../../arch/x86_64/block-cache';
import type { BlockFn } from '../../arch/x86_64/jit/emitter';
import type { X86Core } from '../../arch/x86_64/core';
import { DEFAULT_EXIT_WEIGHT, DEFAULT_JIT_GROWTH, DEFAULT_JIT_THRESHOLD, JitOptions, JitTier } from '../../arch/x86_64/jit/jit-tier';

const fn: BlockFn = () => null;

/** A tier over a cache of 16 block ids whose regions compile to `fn`. */
function tier(threshold?: number, growth?: number, options: JitOptions = {}): JitTier {
  const cache = { blkPhys: new Float64Array(16) } as unknown as BlockCache;
  const t = new JitTier(cache, { threshold, growth, ...options }, {} as X86Core);
  t.emitRegion = () => fn;
  return t;
}

/** The run of block `id` at which it compiles (1-based). */
function runsUntilCompiled(t: JitTier, id: number): number {
  for (let run = 1; run < 1_000_000; run++) if (t.enter(id) !== null) return run;
  throw new Error(`block ${id} never compiled`);
}

describe('x86_64 JIT compile threshold', () => {
  it('grows by `growth` runs per compiled function alive', () => {
    const t = tier(3, 5);
    expect(runsUntilCompiled(t, 0)).toBe(4);
    expect(runsUntilCompiled(t, 1)).toBe(4 + 5);
    expect(runsUntilCompiled(t, 2)).toBe(4 + 10);
    expect(t.live).toBe(3);
    // A compiled block runs its function from then on.
    expect(t.enter(1)).toBe(fn);
  });

  it('counts only live functions: dropped and cleared ones lower it again', () => {
    const t = tier(3, 5);
    runsUntilCompiled(t, 0);
    runsUntilCompiled(t, 1);
    t.drop(0);
    t.drop(7); // never compiled: no change
    expect(t.live).toBe(1);
    expect(runsUntilCompiled(t, 2)).toBe(4 + 5);
    t.clear();
    expect(t.live).toBe(0);
    expect(t.compiled).toBe(3);
    expect(runsUntilCompiled(t, 3)).toBe(4);
  });

  it('defaults: 256 plus 64 per function; a given threshold alone stays fixed', () => {
    expect([DEFAULT_JIT_THRESHOLD, DEFAULT_JIT_GROWTH]).toEqual([256, 64]);
    const d = tier();
    expect(runsUntilCompiled(d, 0)).toBe(257);
    expect(runsUntilCompiled(d, 1)).toBe(257 + 64);
    const fixed = tier(0);
    expect(runsUntilCompiled(fixed, 0)).toBe(1);
    expect(runsUntilCompiled(fixed, 1)).toBe(1);
  });

  it('a run entered by a region exit counts exitWeight runs', () => {
    const t = tier(40, 0, { exitWeight: 8 });
    // Block 0: every run entered from a region; block 1: never.
    let run = 0;
    for (;;) {
      run++;
      t.exited(0);
      if (t.enter(0) !== null) break;
    }
    expect(run).toBe(6); // 5 * 8 = 40 runs counted, the 6th compiles
    expect(runsUntilCompiled(t, 1)).toBe(41);
    // Mixed: 2 exits (16) then plain runs from 17 to 41.
    t.exited(2);
    t.enter(2);
    t.exited(2);
    t.enter(2);
    expect(runsUntilCompiled(t, 2)).toBe(41 - 16);
  });

  it('exit weight defaults: DEFAULT_EXIT_WEIGHT for wasm at the default threshold, else 1', () => {
    expect(DEFAULT_EXIT_WEIGHT).toBe(8);
    expect(tier(undefined, undefined, { backend: 'wasm' }).exitWeight).toBe(DEFAULT_EXIT_WEIGHT);
    expect(tier(100, undefined, { backend: 'wasm' }).exitWeight).toBe(1);
    expect(tier().exitWeight).toBe(1);
    const w = tier(undefined, undefined, { backend: 'wasm' });
    let run = 0;
    do {
      run++;
      w.exited(0);
    } while (w.enter(0) === null);
    expect(run).toBe(Math.floor(DEFAULT_JIT_THRESHOLD / DEFAULT_EXIT_WEIGHT) + 1);
  });
});
