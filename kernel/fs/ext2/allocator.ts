/**
 * Block and inode allocation over the groups' bitmaps, keeping the group
 * descriptors' and the superblock's free counts (and used-directory counts)
 * exact, as e2fsck checks them. Blocks are taken near a goal (the file's
 * previous block, else its inode's group) so files stay contiguous; new
 * directories go to the group with the most free inodes, files to their
 * directory's group.
 */
import { ENOSPC, fail } from '../../syscall/errno';
import type { Ext2Fs } from './ext2-fs';
import { Gd, set16, u16, u32 } from './layout';

function groupOfBlock(fs: Ext2Fs, block: number): number {
  return Math.floor((block - fs.g.firstDataBlock) / fs.g.blocksPerGroup);
}

/** Blocks in group `group` (the last one may be short). */
function blocksInGroup(fs: Ext2Fs, group: number): number {
  const first = fs.g.firstDataBlock + group * fs.g.blocksPerGroup;
  return Math.min(fs.g.blocksPerGroup, fs.g.blocksCount - first);
}

function adjustGroup(fs: Ext2Fs, group: number, field: Gd, delta: number): void {
  const d = fs.groupDesc(group);
  set16(d.buf, d.off + field, u16(d.buf, d.off + field) + delta);
  fs.cache.markDirty(d.block);
}

/** Index of the first clear bit in [from, limit) of a bitmap, or -1. */
function findClear(bitmap: Uint8Array, from: number, limit: number): number {
  for (let bit = from; bit < limit; ) {
    if ((bit & 7) === 0 && bitmap[bit >> 3] === 0xff && bit + 8 <= limit) {
      bit += 8;
      continue;
    }
    if (!(bitmap[bit >> 3] & (1 << (bit & 7)))) return bit;
    bit++;
  }
  return -1;
}

/** Allocates one block as near `goal` as possible; ENOSPC when none is free. */
export function allocateBlock(fs: Ext2Fs, goal: number): number {
  if (fs.freeBlocks === 0) fail(ENOSPC);
  const { g } = fs;
  const startGroup = fs.validBlock(goal) ? groupOfBlock(fs, goal) : 0;
  for (let i = 0; i < g.groupCount; i++) {
    const group = (startGroup + i) % g.groupCount;
    const d = fs.groupDesc(group);
    if (u16(d.buf, d.off + Gd.FreeBlocks) === 0) continue;
    const bitmapBlock = u32(d.buf, d.off + Gd.BlockBitmap);
    const inodeTable = u32(d.buf, d.off + Gd.InodeTable);
    const inodeBitmap = u32(d.buf, d.off + Gd.InodeBitmap);
    const bitmap = fs.cache.get(bitmapBlock);
    const first = g.firstDataBlock + group * g.blocksPerGroup;
    const limit = blocksInGroup(fs, group);
    const from = i === 0 && goal > first ? goal - first : 0;
    let bit = findClear(bitmap, from, limit);
    if (bit < 0 && from > 0) bit = findClear(bitmap, 0, from);
    if (bit < 0) fs.corrupt(`group ${group} counts free blocks but its bitmap has none`);
    const block = first + bit;
    if (block === bitmapBlock || block === inodeBitmap || (block >= inodeTable && block < inodeTable + g.inodeTableBlocks)) {
      fs.corrupt(`group ${group}'s bitmap marks its own metadata block ${block} free`);
    }
    bitmap[bit >> 3] |= 1 << (bit & 7);
    fs.cache.markDirty(bitmapBlock);
    adjustGroup(fs, group, Gd.FreeBlocks, -1);
    fs.freeBlocks--;
    return block;
  }
  return fs.corrupt('the superblock counts free blocks but no group has any');
}

export function freeBlock(fs: Ext2Fs, block: number): void {
  if (!fs.validBlock(block)) fs.corrupt(`freeing block ${block}, outside the file system`);
  const group = groupOfBlock(fs, block);
  const d = fs.groupDesc(group);
  const bitmapBlock = u32(d.buf, d.off + Gd.BlockBitmap);
  const bitmap = fs.cache.get(bitmapBlock);
  const bit = block - (fs.g.firstDataBlock + group * fs.g.blocksPerGroup);
  if (!(bitmap[bit >> 3] & (1 << (bit & 7)))) fs.corrupt(`block ${block} freed twice`);
  bitmap[bit >> 3] &= ~(1 << (bit & 7));
  fs.cache.markDirty(bitmapBlock);
  adjustGroup(fs, group, Gd.FreeBlocks, +1);
  fs.freeBlocks++;
  fs.cache.discard(block);
}

/** Allocates an inode number; `directory` also counts a used directory. */
export function allocateInode(fs: Ext2Fs, directory: boolean, nearIno: number): number {
  if (fs.freeInodes === 0) fail(ENOSPC);
  const { g } = fs;
  let startGroup = Math.floor((nearIno - 1) / g.inodesPerGroup);
  if (directory) {
    // Spread directories: the group with the most free inodes.
    let best = -1;
    for (let group = 0; group < g.groupCount; group++) {
      const d = fs.groupDesc(group);
      const free = u16(d.buf, d.off + Gd.FreeInodes);
      if (free > best) {
        best = free;
        startGroup = group;
      }
    }
  }
  for (let i = 0; i < g.groupCount; i++) {
    const group = (startGroup + i) % g.groupCount;
    const d = fs.groupDesc(group);
    if (u16(d.buf, d.off + Gd.FreeInodes) === 0) continue;
    const bitmapBlock = u32(d.buf, d.off + Gd.InodeBitmap);
    const bitmap = fs.cache.get(bitmapBlock);
    // Inodes below first_ino are reserved (root, lost+found's predecessors...).
    const from = group === 0 ? g.firstIno - 1 : 0;
    const bit = findClear(bitmap, from, g.inodesPerGroup);
    if (bit < 0) continue;
    bitmap[bit >> 3] |= 1 << (bit & 7);
    fs.cache.markDirty(bitmapBlock);
    adjustGroup(fs, group, Gd.FreeInodes, -1);
    if (directory) adjustGroup(fs, group, Gd.UsedDirs, +1);
    fs.freeInodes--;
    return group * g.inodesPerGroup + bit + 1;
  }
  return fail(ENOSPC);
}

export function freeInode(fs: Ext2Fs, ino: number, directory: boolean): void {
  const group = Math.floor((ino - 1) / fs.g.inodesPerGroup);
  const bit = (ino - 1) % fs.g.inodesPerGroup;
  const d = fs.groupDesc(group);
  const bitmapBlock = u32(d.buf, d.off + Gd.InodeBitmap);
  const bitmap = fs.cache.get(bitmapBlock);
  if (!(bitmap[bit >> 3] & (1 << (bit & 7)))) fs.corrupt(`inode ${ino} freed twice`);
  bitmap[bit >> 3] &= ~(1 << (bit & 7));
  fs.cache.markDirty(bitmapBlock);
  adjustGroup(fs, group, Gd.FreeInodes, +1);
  if (directory) adjustGroup(fs, group, Gd.UsedDirs, -1);
  fs.freeInodes++;
}
