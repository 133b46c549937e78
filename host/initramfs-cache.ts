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

/** The archive of `files` from the cache `file`, or `build()`'s (then
 * cached); followed by `tail` if given (read into the same buffer: the
 * archive is not copied again to append it). */
export function cachedArchive(file: string, files: readonly ListedFile[], build: () => Uint8Array, tail?: Uint8Array): Uint8Array {
  const key = Buffer.from(MAGIC + keyOf(files) + '\n');
  const extra = tail?.length ?? 0;
  const cached = readWithRoom(file, extra);
  if (cached && cached.length - extra >= key.length && cached.subarray(0, key.length).equals(key)) {
    if (tail) cached.set(tail, cached.length - extra);
    return cached.subarray(key.length);
  }
  const archive = build();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}`;
    fs.writeFileSync(temporary, Buffer.concat([key, archive]));
    fs.renameSync(temporary, file); // atomic: a concurrent run never reads half a cache
  } catch {
    // A read-only checkout still runs, only without the cache.
  }
  return tail ? Buffer.concat([archive, tail]) : archive;
}

/** The whole of `file` followed by `room` bytes to fill, or null if it
 * cannot be read. */
function readWithRoom(file: string, room: number): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null; // no cache yet
  }
  try {
    const size = fs.fstatSync(fd).size;
    const out = Buffer.allocUnsafe(size + room);
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, out, at, size - at, null);
      if (n === 0) return null; // shrank while read: pack again
      at += n;
    }
    return out;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
