/**
 * Which blocks a wasm region covers: from the hot block, the cached
 * blocks its direct branches reach (jcc taken and not, jmp rel, call rel,
 * the fall-through), breadth first, while they lie entirely in the same
 * 4 KiB page as the first (jit/region.ts gives the reasons: the block
 * boundaries and invalidation stay the interpreter's). Unlike the
 * JavaScript tier's regions, every such block joins, however often it ran:
 * wasm code has no type feedback to lose and compiles linearly, so a
 * region can hold a page's whole loop nest.
 */
import type { BlockCache } from '../block-cache';
import { RegionBlock, blockSize, staticTargets } from '../jit/region';

export const MAX_WASM_REGION_BLOCKS = 64;
export const MAX_WASM_REGION_SLOTS = 1024;

export function selectRegion(cache: BlockCache, head: number, maxBlocks = MAX_WASM_REGION_BLOCKS): RegionBlock[] {
  const phys = cache.blkPhys[head];
  const pageStart = phys - (phys % 4096);
  const blocks: RegionBlock[] = [{ id: head, first: cache.blkFirst[head], count: cache.blkCount[head], off: 0, next: [] }];
  const seen = new Set<number>([0]);
  let slots = blocks[0].count;
  for (let j = 0; j < blocks.length; j++) {
    const b = blocks[j];
    b.next = staticTargets(cache, b.id).map((t) => b.off + t);
    for (const off of b.next) {
      if (blocks.length >= maxBlocks || seen.has(off)) continue;
      const target = phys + off;
      if (target < pageStart || target >= pageStart + 4096) continue;
      const id = cache.lookup(target);
      if (id < 0 || target + blockSize(cache, id) > pageStart + 4096) continue;
      const count = cache.blkCount[id];
      if (slots + count > MAX_WASM_REGION_SLOTS) continue;
      seen.add(off);
      slots += count;
      blocks.push({ id, first: cache.blkFirst[id], count, off, next: [] });
    }
  }
  return blocks;
}
