/**
 * The prebuilt userland's boot archive, kept between runs: reading some
 * hundred files and packing them costs every `jos run` tens of
 * milliseconds, reading one file a few. The cache file
 * (node_modules/.cache/jos/initramfs-ARCH.cpio) starts with its key, the
 * name, size, mode and times of every file packed; a tree that differs in
 * any of them is packed again and the cache rewritten. A cache that cannot
 * be written (a read-only checkout) is simply not kept.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { InitrdSource } from '../boards/board';
import type { ListedFile } from './initramfs';
import { projectRoot } from './initramfs';

const MAGIC = 'jos-initramfs-cache 1\n';

export function cacheFile(arch: string): string {
  return path.join(projectRoot(), 'node_modules', '.cache', 'jos', `initramfs-${arch}.cpio`);
}

/** What the archive was made from: changes whenever a packed file may have. */
function keyOf(files: readonly ListedFile[]): string {
  return JSON.stringify(files.map((f) => [f.name, f.host, f.mode, f.stat.size, f.stat.mtimeMs, f.stat.ctimeMs, f.stat.ino]));
}

/** The archive of `files`, from the cache `file` or `build()`'s (then
 * cached), as a source that reads the cache file straight into the place
 * the boot loader gives it (guest RAM): no host copy of the archive. Its
 * key is checked now; the file stays open until writeTo. */
export function cachedArchiveSource(file: string, files: readonly ListedFile[], build: () => Uint8Array): InitrdSource {
  const key = Buffer.from(MAGIC + keyOf(files) + '\n');
  const cached = openKeyed(file, key);
  if (cached) {
    let fd: number | null = cached.fd;
    return {
      length: cached.size - key.length,
      writeTo(target: Uint8Array) {
        if (fd === null) throw new Error('initramfs cache: the archive was written already');
        try {
          if (!fillsToEnd(fd, target, key.length)) {
            throw new Error(`the initramfs cache ${file} changed while it was read`);
          }
        } finally {
          fs.closeSync(fd);
          fd = null;
        }
      },
    };
  }
  const archive = build();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}`;
    fs.writeFileSync(temporary, Buffer.concat([key, archive]));
    fs.renameSync(temporary, file); // atomic: a concurrent run never reads half a cache (nor one it holds open)
  } catch {
    // A read-only checkout still runs, only without the cache.
  }
  return { length: archive.length, writeTo: (target) => target.set(archive) };
}

/** The open cache `file` and its size if it starts with `key`, else null. */
function openKeyed(file: string, key: Buffer): { fd: number; size: number } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null; // no cache yet
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Buffer.allocUnsafe(key.length);
    if (size >= key.length && readFully(fd, start, 0) === key.length && start.equals(key)) return { fd, size };
  } catch {
    // unreadable: packed again
  }
  fs.closeSync(fd);
  return null;
}

/** Whether `fd` holds exactly `into.length` bytes from `position` to its
 * end, which are read into `into`. */
export function fillsToEnd(fd: number, into: Uint8Array, position: number): boolean {
  return readFully(fd, into, position) === into.length && fs.readSync(fd, new Uint8Array(1), 0, 1, position + into.length) === 0;
}

/** Reads from `fd` at `position` until `into` is full or the file ends;
 * the bytes read. */
function readFully(fd: number, into: Uint8Array, position: number): number {
  let at = 0;
  while (at < into.length) {
    const n = fs.readSync(fd, into, at, into.length - at, position + at);
    if (n === 0) break;
    at += n;
  }
  return at;
}
