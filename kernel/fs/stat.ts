/**
 * The stat structures user space reads: x86_64's struct stat (144 bytes,
 * arch/x86/include/uapi/asm/stat.h), struct statx (256 bytes, the only stat
 * call riscv32 has), and getdents64's struct linux_dirent64.
 */
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

export function encodeStatX86_64(inode: Inode): Uint8Array {
  const bytes = new Uint8Array(144);
  const view = new DataView(bytes.buffer);
  const seconds = Math.floor(inode.mtimeNs / 1e9);
  const nanos = inode.mtimeNs % 1e9;
  setU64(view, 0, inode.dev);
  setU64(view, 8, inode.ino);
  setU64(view, 16, inode.nlink);
  view.setUint32(24, modeOf(inode), true);
  setU64(view, 40, inode.rdev);
  setU64(view, 48, inode.size);
  setU64(view, 56, BLOCK_SIZE);
  setU64(view, 64, Math.ceil(inode.size / 512));
  for (const at of [72, 88, 104]) {
    setU64(view, at, seconds);
    setU64(view, at + 8, nanos);
  }
  return bytes;
}

export function encodeStatx(inode: Inode): Uint8Array {
  const bytes = new Uint8Array(256);
  const view = new DataView(bytes.buffer);
  const seconds = Math.floor(inode.mtimeNs / 1e9);
  const nanos = inode.mtimeNs % 1e9;
  view.setUint32(0, STATX_BASIC_STATS, true);
  view.setUint32(4, BLOCK_SIZE, true);
  view.setUint32(16, inode.nlink, true);
  view.setUint16(28, modeOf(inode), true);
  setU64(view, 32, inode.ino);
  setU64(view, 40, inode.size);
  setU64(view, 48, Math.ceil(inode.size / 512));
  for (const at of [64, 80, 96, 112]) {
    setU64(view, at, seconds);
    view.setUint32(at + 8, nanos, true);
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
    case 'file':
      return 8;
    case 'symlink':
      return 10;
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
