/**
 * Where a file's blocks are: i_block's 12 direct pointers, then single,
 * double and triple indirect blocks of pointers (a zero pointer is a hole:
 * it reads as zeros). mapBlock finds (and with `allocate` creates) the
 * block for a logical index; freeFrom releases everything from an index
 * on, indirect blocks included, for truncate and delete.
 */
import { EFBIG, fail } from '../../syscall/errno';
import { allocateBlock, freeBlock } from './allocator';
import type { Ext2Node } from './ext2-node';
import { DIRECT_BLOCKS, DOUBLE_INDIRECT, SINGLE_INDIRECT, TRIPLE_INDIRECT, set32, u32 } from './layout';

/** The path to a logical block: i_block's slot, then indexes per level. */
function pathTo(perBlock: number, logical: number): number[] {
  if (logical < DIRECT_BLOCKS) return [logical];
  let l = logical - DIRECT_BLOCKS;
  if (l < perBlock) return [SINGLE_INDIRECT, l];
  l -= perBlock;
  if (l < perBlock * perBlock) return [DOUBLE_INDIRECT, Math.floor(l / perBlock), l % perBlock];
  l -= perBlock * perBlock;
  if (l < perBlock * perBlock * perBlock) {
    return [TRIPLE_INDIRECT, Math.floor(l / (perBlock * perBlock)), Math.floor(l / perBlock) % perBlock, l % perBlock];
  }
  return fail(EFBIG);
}

export function maxLogicalBlocks(blockSize: number): number {
  const p = blockSize / 4;
  return DIRECT_BLOCKS + p + p * p + p * p * p;
}

/** The physical block of logical block `logical`: 0 for a hole (when not
 * allocating). With `allocate`, missing blocks (data and indirect) are
 * allocated, zeroed and counted in i_blocks. */
export function mapBlock(node: Ext2Node, logical: number, allocate: boolean): number {
  const fs = node.fs;
  const perBlock = fs.g.blockSize / 4;
  const path = pathTo(perBlock, logical);
  let ptr = node.blockSlot(path[0]);
  if (ptr === 0) {
    if (!allocate) return 0;
    ptr = newBlock(node);
    node.setBlockSlot(path[0], ptr);
  } else if (!fs.validBlock(ptr)) {
    fs.corrupt(`inode ${node.ino}'s block pointer ${ptr} is outside the file system`);
  }
  for (let level = 1; level < path.length; level++) {
    const table = fs.cache.get(ptr);
    const at = path[level] * 4;
    let next = u32(table, at);
    if (next === 0) {
      if (!allocate) return 0;
      const tableBlock = ptr;
      next = newBlock(node);
      set32(fs.cache.get(tableBlock), at, next);
      fs.cache.markDirty(tableBlock);
    } else if (!fs.validBlock(next)) {
      fs.corrupt(`inode ${node.ino}'s indirect block ${ptr} points outside the file system (${next})`);
    }
    ptr = next;
  }
  return ptr;
}

/** A zeroed block for `node`, near its last one. */
function newBlock(node: Ext2Node): number {
  const block = allocateBlock(node.fs, node.allocationGoal());
  node.fs.cache.getZeroed(block);
  node.allocated(block);
  return block;
}

/** Frees every block from logical index `first` on (indirect blocks that
 * become empty too), clearing the pointers to them. */
export function freeFrom(node: Ext2Node, first: number): void {
  const fs = node.fs;
  const p = fs.g.blockSize / 4;
  for (let slot = 0; slot < DIRECT_BLOCKS; slot++) {
    const ptr = node.blockSlot(slot);
    if (ptr !== 0 && slot >= first) {
      release(node, ptr);
      node.setBlockSlot(slot, 0);
    }
  }
  const bases = [DIRECT_BLOCKS, DIRECT_BLOCKS + p, DIRECT_BLOCKS + p + p * p];
  for (let depth = 1; depth <= 3; depth++) {
    const slot = DIRECT_BLOCKS + depth - 1;
    const ptr = node.blockSlot(slot);
    if (ptr !== 0 && freeTree(node, ptr, depth, bases[depth - 1], first)) node.setBlockSlot(slot, 0);
  }
}

/** Frees the part of an indirect tree at `ptr` (covering logical blocks from
 * `base`, `depth` levels of pointers) at or past `first`; true when the
 * whole tree went and the pointer to it must be cleared. */
function freeTree(node: Ext2Node, ptr: number, depth: number, base: number, first: number): boolean {
  const fs = node.fs;
  const p = fs.g.blockSize / 4;
  const span = p ** depth;
  if (base + span <= first) return false;
  if (!fs.validBlock(ptr)) fs.corrupt(`inode ${node.ino}'s indirect block pointer ${ptr} is outside the file system`);
  const childSpan = span / p;
  let remaining = 0;
  for (let i = 0; i < p; i++) {
    const table = fs.cache.get(ptr);
    const child = u32(table, i * 4);
    if (child === 0) continue;
    const childBase = base + i * childSpan;
    let gone: boolean;
    if (depth === 1) {
      gone = childBase >= first;
      if (gone) release(node, child);
    } else {
      gone = freeTree(node, child, depth - 1, childBase, first);
    }
    if (gone) {
      set32(fs.cache.get(ptr), i * 4, 0);
      fs.cache.markDirty(ptr);
    } else {
      remaining++;
    }
  }
  if (remaining > 0) return false;
  release(node, ptr);
  return true;
}

function release(node: Ext2Node, block: number): void {
  if (!node.fs.validBlock(block)) node.fs.corrupt(`inode ${node.ino}'s block pointer ${block} is outside the file system`);
  freeBlock(node.fs, block);
  node.released();
}
