/**
 * Which blocks a wasm region covers: from the hot block, the cached
 * blocks its direct branches reach (jcc taken and not, jmp rel, call rel,
 * the fall-through) while they lie entirely in the same 4 KiB page as the
 * first (jit/region.ts gives the reasons: the block boundaries and
 * invalidation stay the interpreter's). Unlike the JavaScript tier's
 * regions, a block joins however rarely it ran: wasm code has no type
 * feedback to lose, so a region can hold a page's whole loop nest.
 *
 * The hottest first: the next block to join is the one, among those the
 * region's blocks reach, that ran most often (its heat: the JIT tier's run
 * count, `JitTier.hits`), the earliest reached on a tie. When a region
 * would exceed MAX_WASM_REGION_SLOTS instructions, what stays out is then
 * the code that ran least (a loop nest's set-up and exits), not whatever
 * a breadth-first walk happened to reach last. The cap is what bounds
 * TurboFan's tier-up of a region: its compile time and its zone memory
 * grow with the function's size (docs/cores/x86_64.md, "The wasm
 * backend": the region cap).
 */
import type { BlockCache } from '../block-cache';
import { RegionBlock, blockSize, staticTargets } from '../jit/region';

export const MAX_WASM_REGION_BLOCKS = 64;
export const MAX_WASM_REGION_SLOTS = 256;

/** A block a region's blocks reach, not (yet) in the region. */
interface Candidate {
  off: number;
  id: number;
  heat: number;
}

/** The region headed by block `head` of `cache` (the head first, then in
 * the order they joined). `heat(id)`: how often block `id` ran (0 for
 * all: breadth-first order). */
export function selectRegion(
  cache: BlockCache, head: number, heat: (id: number) => number = () => 0,
  maxBlocks = MAX_WASM_REGION_BLOCKS, maxSlots = MAX_WASM_REGION_SLOTS,
): RegionBlock[] {
  const phys = cache.blkPhys[head];
  const pageStart = phys - (phys % 4096);
  const blocks: RegionBlock[] = [];
  const seen = new Set<number>();
  const candidates: Candidate[] = [];
  let slots = 0;
  const join = (id: number, off: number): void => {
    const b: RegionBlock = { id, first: cache.blkFirst[id], count: cache.blkCount[id], off, next: [] };
    b.next = staticTargets(cache, id).map((t) => off + t);
    blocks.push(b);
    seen.add(off);
    slots += b.count;
    for (const t of b.next) {
      if (seen.has(t)) continue;
      const target = phys + t;
      if (target < pageStart || target >= pageStart + 4096) continue;
      const c = cache.lookup(target);
      if (c < 0 || target + blockSize(cache, c) > pageStart + 4096) continue;
      candidates.push({ off: t, id: c, heat: heat(c) });
    }
  };
  join(head, 0);
  while (blocks.length < maxBlocks) {
    // The hottest candidate not in the region that fits (the earliest
    // reached of equals: a strict comparison).
    let best = -1;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i];
      if (seen.has(c.off) || slots + cache.blkCount[c.id] > maxSlots) continue;
      if (best < 0 || c.heat > candidates[best].heat) best = i;
    }
    if (best < 0) break;
    const c = candidates[best];
    join(c.id, c.off);
  }
  return blocks;
}
