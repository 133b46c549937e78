/**
 * Shared pieces of the ext2 tests: a seeded tree of known files (random
 * names and sizes, nesting, hard and symbolic links, a sparse file and a
 * >64 MiB sparse file reaching triple-indirect blocks on 1 KiB blocks),
 * e2fsprogs (mke2fs -d, e2fsck -fn, debugfs), and mounting an image with
 * the kernel's ext2 on the host.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Ext2Fs } from '../../kernel/fs/ext2/ext2-fs';
import type { Inode } from '../../kernel/fs/inode';
import { ImageBlockIo } from '../../host/disk/image-block-io';

export function tool(name: string): string | null {
  for (const dir of ['/usr/sbin', '/sbin', '/usr/bin', '/bin']) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

export const HAVE_E2FSPROGS = tool('mke2fs') !== null && tool('e2fsck') !== null && tool('debugfs') !== null;

/** A test that needs e2fsprogs: skipped with a clear line when they are missing. */
export const withE2fsprogs = HAVE_E2FSPROGS ? test : (name: string, ..._rest: unknown[]) => test.skip(`${name} (SKIPPED: e2fsprogs (mke2fs, e2fsck, debugfs) not installed)`, () => {});

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** mulberry32: a small seeded generator, so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` seeded bytes: a SHA-256 counter stream keyed by the generator. */
export function randomBytes(random: () => number, n: number): Buffer {
  const key = String(random());
  const parts: Buffer[] = [];
  for (let i = 0, have = 0; have < n; i++, have += 32) parts.push(createHash('sha256').update(`${key}:${i}`).digest());
  return Buffer.concat(parts).subarray(0, n);
}

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-';

export function randomName(random: () => number): string {
  const n = 1 + Math.floor(random() * 40);
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_CHARS[Math.floor(random() * NAME_CHARS.length)];
  return s === '.' || s === '..' ? s + 'x' : s;
}

/** Builds the known tree under `root`; returns the big sparse file's data offset. */
export function buildTree(root: string, seed: number): void {
  const random = rng(seed);
  const dirs = [root];
  for (let i = 0; i < 8; i++) {
    const parent = dirs[Math.floor(random() * dirs.length)];
    const d = path.join(parent, randomName(random));
    if (!fs.existsSync(d)) {
      fs.mkdirSync(d);
      dirs.push(d);
    }
  }
  const files: string[] = [];
  for (let i = 0; i < 60; i++) {
    const dir = dirs[Math.floor(random() * dirs.length)];
    const f = path.join(dir, randomName(random));
    if (fs.existsSync(f)) continue;
    const size = random() < 0.2 ? 0 : random() < 0.7 ? Math.floor(random() * 5000) : Math.floor(random() * 600_000);
    fs.writeFileSync(f, randomBytes(random, size));
    files.push(f);
  }
  fs.linkSync(files[0], path.join(root, 'hardlink-to-first'));
  fs.symlinkSync(path.relative(root, files[1]), path.join(root, 'short-link'));
  fs.symlinkSync('x/'.repeat(60) + 'long-target', path.join(root, 'long-link'));
  // A sparse file: data, a hole, data.
  const sparse = fs.openSync(path.join(root, 'sparse'), 'w');
  fs.writeSync(sparse, Buffer.from('start'), 0, 5, 0);
  fs.writeSync(sparse, Buffer.from('middle'), 0, 6, 3_000_000);
  fs.closeSync(sparse);
  // Past 64 MiB + 64 KiB + 12 KiB: triple-indirect with 1 KiB blocks.
  const big = fs.openSync(path.join(root, 'big-sparse'), 'w');
  fs.writeSync(big, Buffer.from('head'), 0, 4, 0);
  fs.writeSync(big, randomBytes(random, 5000), 0, 5000, 70 * 1024 * 1024 + 123);
  fs.closeSync(big);
}

/** A handful of small files, a directory and links (the fuzz base). */
export function buildSmallTree(root: string, seed: number): void {
  const random = rng(seed);
  fs.mkdirSync(path.join(root, 'dir'));
  for (let i = 0; i < 12; i++) {
    const where = i % 2 ? root : path.join(root, 'dir');
    fs.writeFileSync(path.join(where, `f${i}`), randomBytes(random, Math.floor(random() * 30_000)));
  }
  fs.symlinkSync('dir/f0', path.join(root, 'link'));
  fs.symlinkSync('y/'.repeat(40), path.join(root, 'long-link'));
  fs.linkSync(path.join(root, 'f1'), path.join(root, 'dir', 'hard'));
}

export function mke2fs(image: string, blockSize: number, sizeMiB: number, fromDir?: string): void {
  fs.rmSync(image, { force: true });
  const args = ['-q', '-F', '-t', 'ext2', '-b', String(blockSize), '-E', 'root_owner=0:0'];
  if (fromDir) args.push('-d', fromDir);
  execFileSync(tool('mke2fs')!, [...args, image, `${sizeMiB}M`], { stdio: 'pipe', env: { ...process.env, E2FSPROGS_FAKE_TIME: '1700000000' } });
}

/** e2fsck -fn: its exit status and output. */
export function fsck(image: string): { status: number; output: string } {
  const r = spawnSync(tool('e2fsck')!, ['-fn', image], { encoding: 'utf8' });
  // e2fsck names the image in its summary; the random temp-directory name
  // must not reach the tests' patterns (a directory "jos-ext2-L01bAd" once
  // matched /bad/i), so the path is reported as IMAGE.
  const output = ((r.stdout ?? '') + (r.stderr ?? '')).split(image).join('IMAGE');
  return { status: r.status ?? -1, output };
}

/** debugfs rdump of the whole tree into a new directory. */
export function dumpImage(image: string): string {
  const out = tempDir('jos-ext2-dump-');
  execFileSync(tool('debugfs')!, ['-R', `rdump / ${out}`, image], { stdio: 'pipe' });
  return out;
}

export interface Mounted {
  fs: Ext2Fs;
  io: ImageBlockIo;
  logs: string[];
  unmount(): void;
}

export function mountImage(image: string, readOnly = false, clock = () => 1_700_000_000e9, cacheBlocks?: number): Mounted {
  const io = new ImageBlockIo(image, readOnly);
  const logs: string[] = [];
  const fs = Ext2Fs.mount(io, { readOnly, clock, log: (level, m) => logs.push(`${level} ${m}`), name: path.basename(image), cacheBlocks });
  return {
    fs,
    io,
    logs,
    unmount() {
      fs.unmounted();
      io.close();
    },
  };
}

/** Everything under a host directory: path → description (content for
 * files, target for links), skipping lost+found. */
export function describeHostTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (rel === '' && name === 'lost+found') continue;
      const full = path.join(dir, name);
      const r = rel + '/' + name;
      const st = fs.lstatSync(full);
      if (st.isSymbolicLink()) out.set(r, `link ${fs.readlinkSync(full)}`);
      else if (st.isDirectory()) {
        out.set(r, 'dir');
        walk(full, r);
      } else out.set(r, `file ${hash(fs.readFileSync(full))}`);
    }
  };
  walk(root, '');
  return out;
}

/** The same description read through the kernel's ext2. */
export function describeExt2Tree(root: Inode): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: Inode, rel: string) => {
    const entries = dir.list!().filter((e) => e.name !== '.' && e.name !== '..' && !(rel === '' && e.name === 'lost+found'));
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel + '/' + e.name;
      if (e.inode.kind === 'symlink') out.set(r, `link ${e.inode.target}`);
      else if (e.inode.kind === 'directory') {
        out.set(r, 'dir');
        walk(e.inode, r);
      } else out.set(r, `file ${hash(readAll(e.inode))}`);
    }
  };
  walk(root, '');
  return out;
}

export function readAll(inode: Inode): Buffer {
  const out = Buffer.alloc(inode.size);
  let at = 0;
  while (at < out.length) {
    const n = inode.read!(at, out.subarray(at, Math.min(out.length, at + (1 << 20)))) as number;
    if (n === 0) break;
    at += n;
  }
  return out;
}

/** A short fingerprint (length + SHA-1) of bytes. */
export function hash(b: Uint8Array): string {
  return `${b.length}:${createHash('sha1').update(b).digest('hex').slice(0, 16)}`;
}
