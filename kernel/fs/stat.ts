/**
 * The stat structures user space reads: x86_64's struct stat (144 bytes,
 * arch/x86/include/uapi/asm/stat.h), struct statx (256 bytes, the only stat
 * call riscv32 has), getdents64's struct linux_dirent64, and struct statfs
 * (x86_64's and the generic statfs64 riscv32 uses).
 */
import type { FsStats } from './file-system';
import { Inode, InodeKind, typeBits } from './inode';

const BLOCK_SIZE = 4096;
const STATX_BASIC_STATS = 0x7ff;

export function modeOf(inode: Inode): number {
  return typeBits(inode.kind) | (inode.permissions & 0o7777);
}

function setU64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, value % 0x1_0000_0000, true);
  view.setUint32(offset + 4, Math.floor(value / 0x1_0000_0000), true);
}

/** [seconds, nanoseconds] of a time in nanoseconds. */
function split(ns: number): [number, number] {
  const seconds = Math.floor(ns / 1e9);
  return [seconds, Math.round(ns - seconds * 1e9)];
}

function timesOf(inode: Inode): { a: [number, number]; m: [number, number]; c: [number, number] } {
  return { a: split(inode.atimeNs ?? inode.mtimeNs), m: split(inode.mtimeNs), c: split(inode.ctimeNs ?? inode.mtimeNs) };
}

function blocksOf(inode: Inode): number {
  return inode.blocks ?? Math.ceil(inode.size / 512);
}

export function encodeStatX86_64(inode: Inode): Uint8Array {
  const bytes = new Uint8Array(144);
  const view = new DataView(bytes.buffer);
  setU64(view, 0, inode.dev);
  setU64(view, 8, inode.ino);
  setU64(view, 16, inode.nlink);
  view.setUint32(24, modeOf(inode), true);
  view.setUint32(28, inode.uid ?? 0, true);
  view.setUint32(32, inode.gid ?? 0, true);
  setU64(view, 40, inode.rdev);
  setU64(view, 48, inode.size);
  setU64(view, 56, BLOCK_SIZE);
  setU64(view, 64, blocksOf(inode));
  const t = timesOf(inode);
  for (const [at, [s, ns]] of [[72, t.a], [88, t.m], [104, t.c]] as const) {
    setU64(view, at, s);
    setU64(view, at + 8, ns);
  }
  return bytes;
}

export function encodeStatx(inode: Inode): Uint8Array {
  const bytes = new Uint8Array(256);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, STATX_BASIC_STATS, true);
  view.setUint32(4, BLOCK_SIZE, true);
  view.setUint32(16, inode.nlink, true);
  view.setUint32(20, inode.uid ?? 0, true);
  view.setUint32(24, inode.gid ?? 0, true);
  view.setUint16(28, modeOf(inode), true);
  setU64(view, 32, inode.ino);
  setU64(view, 40, inode.size);
  setU64(view, 48, blocksOf(inode));
  const t = timesOf(inode);
  // atime, btime (the change time stands in), ctime, mtime.
  for (const [at, [s, ns]] of [[64, t.a], [80, t.c], [96, t.c], [112, t.m]] as const) {
    setU64(view, at, s);
    view.setUint32(at + 8, ns, true);
  }
  view.setUint32(128, inode.rdev >> 8, true);
  view.setUint32(132, inode.rdev & 0xff, true);
  view.setUint32(136, inode.dev >> 8, true);
  view.setUint32(140, inode.dev & 0xff, true);
  return bytes;
}

/** d_type values of struct linux_dirent64. */
export function direntType(kind: InodeKind): number {
  switch (kind) {
    case 'fifo':
      return 1;
    case 'char-device':
      return 2;
    case 'directory':
      return 4;
    case 'block-device':
      return 6;
    case 'file':
      return 8;
    case 'symlink':
      return 10;
    case 'socket':
      return 12;
  }
}

/** One linux_dirent64 record (8-byte aligned), or null if `room` is too small. */
export function encodeDirent64(ino: number, nextOffset: number, kind: InodeKind, name: string, room: number): Uint8Array | null {
  const nameBytes = new TextEncoder().encode(name);
  const length = Math.ceil((19 + nameBytes.length + 1) / 8) * 8;
  if (length > room) return null;
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  setU64(view, 0, ino);
  setU64(view, 8, nextOffset);
  view.setUint16(16, length, true);
  bytes[18] = direntType(kind);
  bytes.set(nameBytes, 19);
  return bytes;
}

/** struct statfs: x86_64's (120 bytes, 64-bit fields) and asm-generic's
 * statfs64 (120 bytes: 32-bit type/bsize, then 64-bit counts) for riscv32. */
export function encodeStatfs(s: FsStats, wordSize: 4 | 8, readOnly: boolean): Uint8Array {
  const bytes = new Uint8Array(120);
  const view = new DataView(bytes.buffer);
  const ST_RDONLY = 1;
  if (wordSize === 8) {
    setU64(view, 0, s.type);
    setU64(view, 8, s.blockSize);
    setU64(view, 16, s.blocks);
    setU64(view, 24, s.freeBlocks);
    setU64(view, 32, s.availableBlocks);
    setU64(view, 40, s.files);
    setU64(view, 48, s.freeFiles);
    // f_fsid (56, two ints) stays 0.
    setU64(view, 64, s.nameMax);
    setU64(view, 72, s.blockSize); // f_frsize
    setU64(view, 80, readOnly ? ST_RDONLY : 0);
    return bytes;
  }
  view.setUint32(0, s.type, true);
  view.setUint32(4, s.blockSize, true);
  setU64(view, 8, s.blocks);
  setU64(view, 16, s.freeBlocks);
  setU64(view, 24, s.availableBlocks);
  setU64(view, 32, s.files);
  setU64(view, 40, s.freeFiles);
  view.setUint32(56, s.nameMax, true);
  view.setUint32(60, s.blockSize, true);
  view.setUint32(64, readOnly ? ST_RDONLY : 0, true);
  return bytes;
}
