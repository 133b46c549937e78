/**
 * Shared pieces of system call argument handling: descriptors, *at() path
 * resolution relative to a directory descriptor, user structures.
 */
import type { Inode } from '../fs/inode';
import { absolutePath } from '../fs/path';
import type { Process } from '../proc/process';
import { EBADF, EINVAL, ENOTDIR, fail } from './errno';
import type { KernelServices } from './services';

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_EMPTY_PATH = 0x1000;

/** The absolute path a (dirfd, path) pair names. */
export function atPath(p: Process, dirfd: number, path: string): string {
  if (path.startsWith('/') || dirfd === AT_FDCWD) return absolutePath(p.cwd, path);
  const dir = p.fds.has(dirfd) ? p.fds.get(dirfd) : fail(EBADF);
  if (dir.inode.kind !== 'directory') fail(ENOTDIR);
  return absolutePath(dir.path, path);
}

export function readPath(p: Process, address: number): string {
  return p.memory.readString(address, 4096);
}

export function lookupAt(k: KernelServices, p: Process, dirfd: number, pathAddress: number): { path: string; inode: Inode } {
  const path = atPath(p, dirfd, readPath(p, pathAddress));
  return { path, inode: k.vfs.lookup(path) };
}

/** A 64-bit little-endian word as bytes. */
export function u64Bytes(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, value % 0x1_0000_0000, true);
  view.setUint32(4, Math.floor(value / 0x1_0000_0000), true);
  return bytes;
}

export function wordBytes(value: number, wordSize: 4 | 8): Uint8Array {
  if (wordSize === 8) return u64Bytes(value);
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
  return bytes;
}

export function i32Bytes(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}

/** struct iovec arrays: (base, length) pairs of machine words. */
export function readIovecs(k: KernelServices, p: Process, address: number, count: number): { base: number; length: number }[] {
  if (count < 0 || count > 1024) fail(EINVAL);
  const w = k.wordSize;
  const raw = p.memory.read(address, count * 2 * w);
  const view = new DataView(raw.buffer);
  const out: { base: number; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const word = (at: number) => (w === 4 ? view.getUint32(at, true) : view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x1_0000_0000);
    out.push({ base: word(i * 2 * w), length: word(i * 2 * w + w) });
  }
  return out;
}

/** (seconds, nanoseconds) of a struct timespec; on riscv32 the 64-bit
 * tv_nsec slot's upper half is padding and is ignored, as Linux does. */
export function readTimespec(k: KernelServices, p: Process, address: number): { seconds: number; nanoseconds: number } {
  const raw = p.memory.read(address, 16);
  const view = new DataView(raw.buffer);
  const seconds = view.getUint32(0, true) + view.getInt32(4, true) * 0x1_0000_0000;
  const nanoseconds = k.wordSize === 4 ? view.getInt32(8, true) : view.getUint32(8, true) + view.getInt32(12, true) * 0x1_0000_0000;
  return { seconds, nanoseconds };
}

export function timespecBytes(ns: number): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes.set(u64Bytes(Math.floor(ns / 1e9)), 0);
  bytes.set(u64Bytes(Math.floor(ns % 1e9)), 8);
  return bytes;
}
