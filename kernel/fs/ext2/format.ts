/**
 * Making an empty ext2 file system (what mke2fs -t ext2 does, for `jos disk
 * create`): revision 1 with sparse_super, filetype and large_file; one inode
 * per 4 KiB; 5 % of the blocks reserved; superblock and descriptor backups
 * in groups 0, 1 and powers of 3, 5 and 7; the bitmaps' padding bits set;
 * then, through the driver itself, the root directory and lost+found.
 */
import type { BlockIo } from '../block/block-io';
import { Ext2Fs } from './ext2-fs';
import {
  EXT2_MAGIC,
  GOOD_OLD_FIRST_INO,
  GROUP_DESC_SIZE,
  Gd,
  INCOMPAT_FILETYPE,
  ROOT_INO,
  RO_COMPAT_LARGE_FILE,
  RO_COMPAT_SPARSE_SUPER,
  STATE_VALID,
  SUPERBLOCK_OFFSET,
  Sb,
  groupHasSuperblock,
  set16,
  set32,
} from './layout';

export interface FormatOptions {
  blockSize: 1024 | 2048 | 4096;
  /** Nanoseconds since the epoch. */
  clock: () => number;
  uuid: Uint8Array;
  volumeName?: string;
  inodeSize?: 128 | 256;
}

const BYTES_PER_INODE = 4096;

export function formatExt2(io: BlockIo, o: FormatOptions): Ext2Fs {
  const bs = o.blockSize;
  const inodeSize = o.inodeSize ?? 256;
  const firstData = bs === 1024 ? 1 : 0;
  const perGroup = bs * 8;
  let blocks = Math.floor((io.sectorCount * io.sectorSize) / bs);
  let groups = Math.ceil((blocks - firstData) / perGroup);
  const inodesPerBlock = bs / inodeSize;
  // One inode per 4 KiB of the (first) group, in whole inode-table blocks.
  const groupBlocks = Math.min(perGroup, blocks - firstData);
  const inodesPerGroup = Math.min(perGroup, Math.max(inodesPerBlock, Math.ceil(Math.ceil((groupBlocks * bs) / BYTES_PER_INODE) / inodesPerBlock) * inodesPerBlock));
  const tableBlocks = (inodesPerGroup * inodeSize) / bs;
  const gdtBlocks = () => Math.ceil((groups * GROUP_DESC_SIZE) / bs);
  const overhead = (g: number) => (groupHasSuperblock(g, true) ? 1 + gdtBlocks() : 0) + 2 + tableBlocks;
  // A last group too small for its own metadata is dropped, as mke2fs does.
  const lastSize = blocks - firstData - (groups - 1) * perGroup;
  if (groups > 1 && lastSize < overhead(groups - 1) + 50) {
    groups--;
    blocks = firstData + groups * perGroup;
  }
  if (groups < 1 || blocks - firstData < overhead(0) + 16) throw new Error(`${blocks} blocks of ${bs} bytes are too few for an ext2 file system`);
  const now = Math.floor(o.clock() / 1e9);

  const sb = new Uint8Array(1024);
  set32(sb, Sb.InodesCount, groups * inodesPerGroup);
  set32(sb, Sb.BlocksCount, blocks);
  set32(sb, Sb.RBlocksCount, Math.floor(blocks * 0.05));
  set32(sb, Sb.FirstDataBlock, firstData);
  set32(sb, Sb.LogBlockSize, Math.log2(bs) - 10);
  set32(sb, Sb.LogFragSize, Math.log2(bs) - 10);
  set32(sb, Sb.BlocksPerGroup, perGroup);
  set32(sb, Sb.FragsPerGroup, perGroup);
  set32(sb, Sb.InodesPerGroup, inodesPerGroup);
  set32(sb, Sb.Wtime, now);
  set16(sb, Sb.MaxMntCount, 0xffff);
  set16(sb, Sb.Magic, EXT2_MAGIC);
  set16(sb, Sb.State, STATE_VALID);
  set16(sb, Sb.Errors, 1);
  set32(sb, Sb.LastCheck, now);
  set32(sb, Sb.RevLevel, 1);
  set32(sb, Sb.FirstIno, GOOD_OLD_FIRST_INO);
  set16(sb, Sb.InodeSize, inodeSize);
  set32(sb, Sb.FeatureIncompat, INCOMPAT_FILETYPE);
  set32(sb, Sb.FeatureRoCompat, RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE);
  sb.set(o.uuid.subarray(0, 16), Sb.Uuid);
  sb.set(new TextEncoder().encode((o.volumeName ?? '').slice(0, 16)), Sb.VolumeName);
  if (inodeSize > 128) {
    set16(sb, Sb.MinExtraIsize, 32);
    set16(sb, Sb.WantExtraIsize, 32);
  }

  const gdt = new Uint8Array(gdtBlocks() * bs);
  const write = (block: number, data: Uint8Array) => io.write((block * bs) / io.sectorSize, data.length / io.sectorSize, data);
  let freeBlocks = 0;
  for (let g = 0; g < groups; g++) {
    const start = firstData + g * perGroup;
    const size = Math.min(perGroup, blocks - start);
    const meta = overhead(g);
    const metaStart = start + (groupHasSuperblock(g, true) ? 1 + gdtBlocks() : 0);
    const d = g * GROUP_DESC_SIZE;
    set32(gdt, d + Gd.BlockBitmap, metaStart);
    set32(gdt, d + Gd.InodeBitmap, metaStart + 1);
    set32(gdt, d + Gd.InodeTable, metaStart + 2);
    const reservedInodes = g === 0 ? GOOD_OLD_FIRST_INO - 1 : 0;
    set16(gdt, d + Gd.FreeBlocks, size - meta);
    set16(gdt, d + Gd.FreeInodes, inodesPerGroup - reservedInodes);
    freeBlocks += size - meta;
    const blockBitmap = new Uint8Array(bs);
    for (let i = 0; i < meta; i++) blockBitmap[i >> 3] |= 1 << (i & 7);
    for (let i = size; i < bs * 8; i++) blockBitmap[i >> 3] |= 1 << (i & 7);
    write(metaStart, blockBitmap);
    const inodeBitmap = new Uint8Array(bs);
    for (let i = 0; i < reservedInodes; i++) inodeBitmap[i >> 3] |= 1 << (i & 7);
    for (let i = inodesPerGroup; i < bs * 8; i++) inodeBitmap[i >> 3] |= 1 << (i & 7);
    write(metaStart + 1, inodeBitmap);
    const zeros = new Uint8Array(bs * Math.min(tableBlocks, 64));
    for (let b = 0; b < tableBlocks; b += 64) write(metaStart + 2 + b, zeros.subarray(0, bs * Math.min(64, tableBlocks - b)));
  }
  set32(sb, Sb.FreeBlocks, freeBlocks);
  set32(sb, Sb.FreeInodes, groups * inodesPerGroup - (GOOD_OLD_FIRST_INO - 1));
  for (let g = 0; g < groups; g++) {
    if (!groupHasSuperblock(g, true)) continue;
    const start = firstData + g * perGroup;
    set16(sb, Sb.BlockGroupNr, g);
    if (g === 0) {
      const first = new Uint8Array(bs);
      if (bs === 1024) write(0, first); // the boot block
      const sbBlock = Math.floor(SUPERBLOCK_OFFSET / bs);
      const buf = new Uint8Array(bs);
      buf.set(sb, SUPERBLOCK_OFFSET % bs);
      write(sbBlock, buf);
    } else {
      const buf = new Uint8Array(bs);
      buf.set(sb, 0);
      write(start, buf);
    }
    write(start + 1, gdt);
  }
  io.flush();
  const fs = Ext2Fs.mount(io, { readOnly: false, clock: o.clock, log: () => {}, name: 'new file system' });
  fs.root.becomeRoot();
  fs.root.makeDirectory('lost+found', 0o700);
  return fs;
}
