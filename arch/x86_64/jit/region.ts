/**
 * Regions: the blocks one compiled function covers. Starting from the hot
 * block, blocks reached by direct branches (jcc taken and not taken, jmp
 * rel, call rel, a fall-through) are added while they are already in the
 * block cache and lie entirely in the same 4 KiB page as the first block.
 *
 * Why the same page: block boundaries stay exactly the interpreter's (the
 * compiled code makes runBlocks' between-block checks before it moves on),
 * and while the chain generation holds (no TLB flush, privilege or cache
 * change: the same test runBlocks' successor links use) an address in the
 * first block's virtual page maps to the same physical page, so the block
 * found at compile time is the one runBlocks would find. Every block of the
 * region is on that page's invalidation list, so a write to the page drops
 * the region's function with them (a block whose last instruction crosses
 * into the next page is left out: a write there would not drop the head).
 */
import type { BlockCache } from '../block-cache';
import { ROWS } from '../opcode-table';
import * as control from '../ops/control';
import { ENDS_BLOCK } from '../opcode-table';

export interface RegionBlock {
  id: number;
  first: number;
  count: number;
  /** Offset of the block's first byte from the region's first byte. */
  off: number;
  /** Offsets (from the region's first byte) of its static successors. */
  next: number[];
}

export const MAX_REGION_BLOCKS = 2;
export const MAX_REGION_SLOTS = 64;

/** Offsets (from the block's first byte) of the statically known next
 * RIPs of a block: branch targets and the fall-through. */
export function staticTargets(cache: BlockCache, id: number): number[] {
  const d = cache.d;
  const first = cache.blkFirst[id];
  const count = cache.blkCount[id];
  let size = 0;
  for (let k = 0; k < count; k++) size += d.len[first + k];
  const last = first + count - 1;
  const fn = ROWS[d.entry[last]].fn;
  const imm = d.imm[last];
  if (fn === control.jcc) return [size + imm, size];
  if (fn === control.jmpRel || fn === control.callRel) return [size + imm];
  if (ENDS_BLOCK[d.entry[last]] === 0) return [size];
  return [];
}

/** Byte length of block `id`. */
export function blockSize(cache: BlockCache, id: number): number {
  const d = cache.d;
  const first = cache.blkFirst[id];
  let size = 0;
  for (let k = 0; k < cache.blkCount[id]; k++) size += d.len[first + k];
  return size;
}

/** The blocks of the region headed by block `head` (the head first); only
 * blocks for which `hot(id)` holds join (code V8 has type feedback for:
 * a rarely run block would deoptimise the whole function when reached). */
export function findRegion(cache: BlockCache, head: number, hot: (id: number) => boolean): RegionBlock[] {
  const phys = cache.blkPhys[head];
  const pageStart = phys - (phys % 4096);
  const blocks: RegionBlock[] = [{ id: head, first: cache.blkFirst[head], count: cache.blkCount[head], off: 0, next: [] }];
  let slots = blocks[0].count;
  for (let j = 0; j < blocks.length; j++) {
    const b = blocks[j];
    b.next = staticTargets(cache, b.id).map((t) => b.off + t);
    for (const off of b.next) {
      if (blocks.length >= MAX_REGION_BLOCKS) continue;
      const target = phys + off;
      if (target < pageStart || target >= pageStart + 4096) continue;
      if (blocks.some((x) => x.off === off)) continue;
      const id = cache.lookup(target);
      if (id < 0 || !hot(id)) continue;
      const end = target + blockSize(cache, id);
      if (end > pageStart + 4096) continue;
      const count = cache.blkCount[id];
      if (slots + count > MAX_REGION_SLOTS) continue;
      slots += count;
      blocks.push({ id, first: cache.blkFirst[id], count, off, next: [] });
    }
  }
  return blocks;
}
