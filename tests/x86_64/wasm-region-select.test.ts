/**
 * Which blocks a wasm region covers (arch/x86_64/wasm/region-select.ts):
 * the hottest reachable block joins first, so when the instruction cap
 * binds, the cold code stays out and the loop nest stays in; a region
 * never exceeds the cap; with the cap not binding, every reachable block
 * of the page joins whatever its heat. Then the same program under the
 * wasm backend's defaults against the interpreter (the capped region
 * leaves for the cold block and comes back through the links).
 */
import { X86CoreOptions } from '../../arch/x86_64/core';
import { MAX_WASM_REGION_SLOTS, selectRegion } from '../../arch/x86_64/wasm/region-select';
import { existingRuntime } from '../../arch/x86_64/wasm/runtime';
import { assemble } from './harness/assemble';
import { BareCore, bareCore, coreState, runToEnd } from './harness/bare-core';

const CODE = 0x10000;
const RAM = 1 << 20;
/** The interpreter on blocks shaped as the JIT tier's: it counts every
 * block's runs (JitTier.hits) and never compiles. */
const SHAPED: X86CoreOptions = { jitThreshold: Infinity, jitBackend: 'wasm' };

const COLD_ADDS = 20;

/** An inner loop (50 runs per outer round) and, one outer round in 8, a
 * cold block of COLD_ADDS + 1 instructions, which the test's `jz` makes
 * the first successor a breadth-first walk from the inner loop meets. */
const NEST = `
    mov ecx, 400
  outer:
    mov edx, 50
  inner:
    add eax, edx
    dec edx
    jnz inner
    test ecx, 7
    jz cold
  next:
    dec ecx
    jnz outer
    hlt
  cold:
${Array.from({ length: COLD_ADDS }, (_, i) => `    add ebx, ${i + 1}`).join('\n')}
    jmp next`;

let nestCode: Uint8Array | null = null;

function nestCore(options: X86CoreOptions): BareCore {
  nestCode ??= assemble(NEST);
  return bareCore(nestCode, CODE, RAM, options);
}

describe('x86_64 wasm backend: region selection', () => {
  it('keeps the hot loop nest and leaves the cold block out when the cap binds', () => {
    const b = nestCore(SHAPED);
    runToEnd(b, 1_000_000);
    const core = b.core;
    const cache = core.cache;
    const hits = core.jit!.hits;
    // The inner loop's block ran most.
    let head = -1;
    for (let id = 0; id < hits.length; id++) if (head < 0 || hits[id] > hits[head]) head = id;
    expect(cache.blkCount[head]).toBe(3);
    const heat = (id: number): number => hits[id];
    const counts = (blocks: ReturnType<typeof selectRegion>): number[] => blocks.map((x) => cache.blkCount[x.id]).sort((x, y) => x - y);
    const slots = (blocks: ReturnType<typeof selectRegion>): number => blocks.reduce((s, x) => s + x.count, 0);
    const coldCount = COLD_ADDS + 1;

    // Uncapped: every block the inner loop reaches on its page, cold or not.
    const all = selectRegion(cache, head, heat);
    expect(all[0].id).toBe(head);
    expect(counts(all)).toContain(coldCount);
    expect(slots(all)).toBeLessThanOrEqual(MAX_WASM_REGION_SLOTS);
    // The same blocks breadth first.
    expect(counts(selectRegion(cache, head))).toEqual(counts(all));

    // A cap the cold block fits in only at the hot blocks' expense.
    const hotSlots = slots(all) - coldCount;
    const cap = coldCount + 5;
    expect(hotSlots).toBeLessThanOrEqual(cap);
    const hot = selectRegion(cache, head, heat, 64, cap);
    expect(slots(hot)).toBeLessThanOrEqual(cap);
    expect(counts(hot)).not.toContain(coldCount);
    expect(slots(hot)).toBe(hotSlots);
    const coldHits = hits[all.find((x) => x.count === coldCount)!.id];
    expect(coldHits).toBe(50);
    const hotter = all.filter((x) => hits[x.id] > coldHits).map((x) => x.id);
    expect(hotter.length).toBeGreaterThanOrEqual(4);
    expect(hot.map((x) => x.id)).toEqual(expect.arrayContaining(hotter));
    // Breadth first, the cold block is met first and crowds the loop out.
    const bfs = selectRegion(cache, head, () => 0, 64, cap);
    expect(counts(bfs)).toContain(coldCount);
    expect(bfs.map((x) => x.id)).not.toEqual(expect.arrayContaining(hotter));

    // The block cap: the head and the hottest successor.
    const two = selectRegion(cache, head, heat, 2, cap);
    expect(two.length).toBe(2);
    expect(hits[two[1].id]).toBeGreaterThan(coldHits);
  });

  it('runs the nest under the default policy as the interpreter does', () => {
    const want = nestCore(SHAPED);
    runToEnd(want, 1_000_000);
    for (const slice of [1_000_000, 777, 31]) {
      const got = nestCore({ jitBackend: 'wasm' });
      runToEnd(got, 1_000_000, slice);
      expect(coreState(got)).toEqual(coreState(want));
      expect(existingRuntime(got.core)!.compiledRegions).toBeGreaterThan(0);
    }
  });
});
