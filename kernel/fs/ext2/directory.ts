/**
 * Directory blocks: a chain of entries (inode, rec_len, name_len,
 * file_type, name) that never crosses a block; the last entry's rec_len
 * reaches the block's end and a removed entry is absorbed by the one before
 * it (or, first in its block, keeps its space with inode 0). Every entry
 * read is checked; a bad one is corruption, not a crash.
 */
import type { Ext2Node } from './ext2-node';
import { mapBlock } from './block-map';
import { DIRENT_HEADER, INCOMPAT_FILETYPE, set16, set32, u16, u32 } from './layout';

export interface RawEntry {
  ino: number;
  name: string;
  fileType: number;
  /** Where it is: physical block, byte offset, and its rec_len. */
  block: number;
  offset: number;
  recLen: number;
  /** Offset of the entry before it in the same block, or -1. */
  previous: number;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Visits the entries (including unused ones, ino 0) until `visit` returns true. */
export function scan(dir: Ext2Node, visit: (e: RawEntry) => boolean): RawEntry | null {
  const fs = dir.fs;
  const bs = fs.g.blockSize;
  const size = dir.size;
  if (size % bs !== 0) fs.corrupt(`directory ${dir.ino}'s size ${size} is not a whole number of blocks`);
  const filetype = (fs.g.incompat & INCOMPAT_FILETYPE) !== 0;
  for (let logical = 0; logical < size / bs; logical++) {
    const block = mapBlock(dir, logical, false);
    if (block === 0) fs.corrupt(`directory ${dir.ino} has a hole at block ${logical}`);
    let offset = 0;
    let previous = -1;
    while (offset < bs) {
      const buf = fs.cache.get(block);
      const ino = u32(buf, offset);
      const recLen = u16(buf, offset + 4);
      const nameLen = filetype ? buf[offset + 6] : u16(buf, offset + 6);
      if (recLen < DIRENT_HEADER || recLen % 4 !== 0 || offset + recLen > bs || (ino !== 0 && DIRENT_HEADER + nameLen > recLen)) {
        fs.corrupt(`directory ${dir.ino} block ${logical}: bad entry at ${offset} (rec_len ${recLen}, name_len ${nameLen})`);
      }
      if (ino > fs.g.inodesCount) fs.corrupt(`directory ${dir.ino}: entry names inode ${ino}, past the last`);
      const entry: RawEntry = {
        ino,
        name: ino === 0 ? '' : decoder.decode(buf.subarray(offset + DIRENT_HEADER, offset + DIRENT_HEADER + nameLen)),
        fileType: filetype ? buf[offset + 7] : 0,
        block,
        offset,
        recLen,
        previous,
      };
      if (visit(entry)) return entry;
      previous = offset;
      offset += recLen;
    }
  }
  return null;
}

export function find(dir: Ext2Node, name: string): RawEntry | null {
  return scan(dir, (e) => e.ino !== 0 && e.name === name);
}

/** Writes an entry's header and name at `offset` of `block`. */
function put(dir: Ext2Node, block: number, offset: number, recLen: number, ino: number, name: Uint8Array, fileType: number): void {
  const fs = dir.fs;
  const buf = fs.cache.get(block);
  set32(buf, offset, ino);
  set16(buf, offset + 4, recLen);
  if (fs.g.incompat & INCOMPAT_FILETYPE) {
    buf[offset + 6] = name.length;
    buf[offset + 7] = fileType;
  } else {
    set16(buf, offset + 6, name.length);
  }
  buf.set(name, offset + DIRENT_HEADER);
  fs.cache.markDirty(block);
}

/** Adds `name` → `ino`: into the first gap large enough, else a new block. */
export function addEntry(dir: Ext2Node, name: string, ino: number, fileType: number): void {
  const fs = dir.fs;
  const bytes = encoder.encode(name);
  const need = align4(DIRENT_HEADER + bytes.length);
  const gap = scan(dir, (e) => {
    const used = e.ino === 0 ? 0 : align4(DIRENT_HEADER + encoder.encode(e.name).length);
    return e.recLen - used >= need;
  });
  if (gap) {
    if (gap.ino === 0) {
      put(dir, gap.block, gap.offset, gap.recLen, ino, bytes, fileType);
    } else {
      const used = align4(DIRENT_HEADER + encoder.encode(gap.name).length);
      set16(fs.cache.get(gap.block), gap.offset + 4, used);
      fs.cache.markDirty(gap.block);
      put(dir, gap.block, gap.offset + used, gap.recLen - used, ino, bytes, fileType);
    }
  } else {
    const bs = fs.g.blockSize;
    const logical = dir.size / bs;
    const block = mapBlock(dir, logical, true);
    dir.setSize(dir.size + bs);
    put(dir, block, 0, bs, ino, bytes, fileType);
  }
  dir.directoryChanged();
}

/** Removes the entry found by `find`. */
export function removeEntry(dir: Ext2Node, e: RawEntry): void {
  const fs = dir.fs;
  const buf = fs.cache.get(e.block);
  if (e.previous >= 0) {
    set16(buf, e.previous + 4, u16(buf, e.previous + 4) + e.recLen);
  } else {
    set32(buf, e.offset, 0);
  }
  fs.cache.markDirty(e.block);
  dir.directoryChanged();
}

/** Points an existing entry at another inode (rename over a name, '..'). */
export function retarget(dir: Ext2Node, e: RawEntry, ino: number, fileType: number): void {
  const fs = dir.fs;
  const buf = fs.cache.get(e.block);
  set32(buf, e.offset, ino);
  if (fs.g.incompat & INCOMPAT_FILETYPE) buf[e.offset + 7] = fileType;
  fs.cache.markDirty(e.block);
  dir.directoryChanged();
}

/** True when only "." and ".." are left. */
export function isEmpty(dir: Ext2Node): boolean {
  return scan(dir, (e) => e.ino !== 0 && e.name !== '.' && e.name !== '..') === null;
}

/** A new directory's first block: "." and "..". */
export function initDirectory(dir: Ext2Node, parentIno: number, dirType: number): void {
  const fs = dir.fs;
  const bs = fs.g.blockSize;
  const block = mapBlock(dir, 0, true);
  dir.setSize(bs);
  put(dir, block, 0, 12, dir.ino, encoder.encode('.'), dirType);
  put(dir, block, 12, bs - 12, parentIno, encoder.encode('..'), dirType);
}
