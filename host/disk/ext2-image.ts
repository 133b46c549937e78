/**
 * The kernel's ext2 on an image file, for `jos disk`: opening (mounting)
 * an image, walking to a path inside it, copying a host directory in.
 * Errors come back as messages that name the image and the path.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Ext2Fs } from '../../kernel/fs/ext2/ext2-fs';
import type { Inode } from '../../kernel/fs/inode';
import { KernelError } from '../../kernel/syscall/errno';
import { ImageBlockIo } from './image-block-io';

export interface OpenImage {
  fs: Ext2Fs;
  close(): void;
}

const ERRNO_NAMES: Record<number, string> = {
  2: 'no such file or directory',
  5: 'input/output error',
  17: 'file exists',
  20: 'not a directory',
  21: 'is a directory',
  22: 'invalid argument',
  28: 'no space left on the file system',
  30: 'read-only',
  36: 'name too long',
  39: 'directory not empty',
  117: 'the file system is corrupted (run e2fsck)',
};

/** A KernelError's errno as words. */
export function describe(error: unknown): string {
  if (error instanceof KernelError) return ERRNO_NAMES[error.errno] ?? `errno ${error.errno}`;
  return (error as Error).message;
}

export function openImage(image: string, readOnly: boolean): OpenImage {
  if (!fs.existsSync(image)) throw new Error(`${image}: no such image file`);
  const io = new ImageBlockIo(image, readOnly);
  const problems: string[] = [];
  let ext2: Ext2Fs;
  try {
    ext2 = Ext2Fs.mount(io, { readOnly, clock: () => Date.now() * 1e6, log: (level, m) => level !== 'info' && problems.push(m), name: image });
  } catch (error) {
    io.close();
    throw new Error(problems[0] ?? `${image}: ${describe(error)}`);
  }
  return {
    fs: ext2,
    close() {
      ext2.unmounted();
      io.close();
    },
  };
}

/** The inode at an absolute path inside the image (symbolic links in
 * the middle followed, relative to their directory). */
export function walk(root: Inode, guestPath: string, followLast = true): Inode {
  let parts = guestPath.split('/').filter((p) => p !== '' && p !== '.');
  let node = root;
  const seen: Inode[] = [root];
  for (let i = 0, links = 0; i < parts.length; i++) {
    if (node.kind !== 'directory') throw new Error(`${guestPath}: not a directory`);
    const next = parts[i] === '..' ? seen[Math.max(0, seen.length - 2)] : node.lookup!(parts[i]);
    if (!next) throw new Error(`${guestPath}: no such file or directory`);
    if (next.kind === 'symlink' && (i < parts.length - 1 || followLast)) {
      if (++links > 40) throw new Error(`${guestPath}: too many symbolic links`);
      const target = next.target ?? '';
      const rest = parts.slice(i + 1);
      if (target.startsWith('/')) {
        node = root;
        seen.length = 1;
      }
      parts = [...target.split('/').filter((p) => p !== '' && p !== '.'), ...rest];
      i = -1;
      continue;
    }
    if (parts[i] === '..') seen.pop();
    else seen.push(next);
    node = next;
  }
  return node;
}

/** Copies a host directory's contents into `dir` (files, directories,
 * symbolic links; hard links stay links). */
export function copyIn(hostDir: string, dir: Inode): number {
  const links = new Map<string, Inode>();
  let count = 0;
  const copy = (from: string, into: Inode) => {
    for (const name of fs.readdirSync(from).sort()) {
      const full = path.join(from, name);
      const st = fs.lstatSync(full);
      const mode = st.mode & 0o7777;
      if (st.isDirectory()) {
        const existing = into.lookup!(name);
        const sub = existing ?? into.makeDirectory!(name, mode);
        copy(full, sub);
      } else if (st.isSymbolicLink()) {
        into.symlink!(name, fs.readlinkSync(full));
      } else if (st.isFile()) {
        const key = `${st.dev}:${st.ino}`;
        const already = st.nlink > 1 ? links.get(key) : undefined;
        if (already) {
          into.link!(name, already);
        } else {
          const file = into.createFile!(name, mode);
          writeHostFile(full, file);
          if (st.nlink > 1) links.set(key, file);
        }
      } else {
        process.stderr.write(`jos disk: ${full}: not a file, directory or link; skipped\n`);
        continue;
      }
      count++;
    }
  };
  copy(hostDir, dir);
  return count;
}

/** A host file's bytes into an image file, in chunks (holes stay holes
 * where the host file reads as whole zero blocks). */
export function writeHostFile(hostPath: string, file: Inode): void {
  const fd = fs.openSync(hostPath, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let at = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) break;
      for (let off = 0; off < n; off += 4096) {
        const part = chunk.subarray(off, Math.min(n, off + 4096));
        if (!part.every((b) => b === 0)) file.write!(at + off, part);
      }
      at += n;
    }
    file.truncate!(at);
  } finally {
    fs.closeSync(fd);
  }
}
