/**
 * Fuzzing the kernel's ext2 with damaged images: each case mutates a few
 * bytes of the superblock, a group descriptor, the inode table, a
 * directory block or a bitmap of a small mke2fs -d image, then mounts it
 * and walks, reads and writes. Every failure must be a KernelError (EIO,
 * EUCLEAN, ENOENT...): never another exception, never a hang, and at most
 * one corruption line logged per mount.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MemoryBlockIo } from '../../kernel/fs/block/memory-block-io';
import { Ext2Fs } from '../../kernel/fs/ext2/ext2-fs';
import type { Inode } from '../../kernel/fs/inode';
import { KernelError } from '../../kernel/syscall/errno';
import { buildSmallTree, mke2fs, rng, tempDir } from './ext2-support';

export function baseImage(blockSize: number): Uint8Array {
  const dir = tempDir('jos-ext2-fuzz-');
  const src = path.join(dir, 'src');
  fs.mkdirSync(src);
  buildSmallTree(src, 99);
  const image = path.join(dir, 'base.img');
  mke2fs(image, blockSize, 2, src);
  const bytes = fs.readFileSync(image);
  fs.rmSync(dir, { recursive: true, force: true });
  return new Uint8Array(bytes);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** Byte ranges worth damaging: superblock, descriptors, bitmaps, inode table, root directory. */
function regions(img: Uint8Array): [number, number][] {
  const bs = 1024 << u32(img, 1024 + 24);
  const gdt = (bs === 1024 ? 2 : 1) * bs;
  const blockBitmap = u32(img, gdt) * bs;
  const inodeBitmap = u32(img, gdt + 4) * bs;
  const inodeTable = u32(img, gdt + 8) * bs;
  const inodeSize = img[1024 + 88] | (img[1024 + 89] << 8);
  const rootInode = inodeTable + inodeSize;
  const rootDir = u32(img, rootInode + 40) * bs;
  return [
    [1024, 1024 + 208],
    [gdt, gdt + 64],
    [blockBitmap, blockBitmap + 256],
    [inodeBitmap, inodeBitmap + 64],
    [inodeTable, inodeTable + inodeSize * 24],
    [rootDir, rootDir + Math.min(bs, 512)],
  ];
}

export function mutate(base: Uint8Array, seed: number): Uint8Array {
  const random = rng(seed);
  const img = base.slice();
  const rs = regions(base);
  const edits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < edits; i++) {
    const [from, to] = rs[Math.floor(random() * rs.length)];
    const at = from + Math.floor(random() * (to - from));
    const how = random();
    if (how < 0.4) img[at] ^= 1 << Math.floor(random() * 8);
    else if (how < 0.7) img[at] = Math.floor(random() * 256);
    else if (how < 0.85) img.fill(0xff, at, Math.min(to, at + 4));
    else img.fill(0, at, Math.min(to, at + 4));
  }
  return img;
}

export interface CaseOutcome {
  errnos: number[];
  logs: string[];
}

/** Mounts, walks, reads, writes; throws (failing the test) on anything but KernelError. */
export function runCase(img: Uint8Array): CaseOutcome {
  const errnos: number[] = [];
  const logs: string[] = [];
  const attempt = (op: () => unknown) => {
    try {
      op();
    } catch (error) {
      if (!(error instanceof KernelError)) throw error;
      errnos.push(error.errno);
    }
  };
  let ext2: Ext2Fs | null = null;
  attempt(() => {
    ext2 = Ext2Fs.mount(new MemoryBlockIo(img), { readOnly: false, clock: () => 1_700_000_000e9, log: (l, m) => logs.push(`${l} ${m}`), name: 'fuzz', cacheBlocks: 32 });
  });
  if (!ext2) return { errnos, logs };
  const fsys: Ext2Fs = ext2;
  let visited = 0;
  const walk = (dir: Inode, depth: number) => {
    if (depth > 6 || visited > 300) return;
    let entries: { name: string; inode: Inode }[] = [];
    attempt(() => (entries = dir.list!()));
    for (const e of entries) {
      if (e.name === '.' || e.name === '..') continue;
      visited++;
      attempt(() => {
        const kind = e.inode.kind;
        if (kind === 'directory') walk(e.inode, depth + 1);
        else if (kind === 'file') e.inode.read!(0, new Uint8Array(Math.min(64 * 1024, e.inode.size)));
        else if (kind === 'symlink') void e.inode.target;
      });
    }
  };
  walk(fsys.root, 0);
  const root = fsys.root;
  attempt(() => root.createFile('new-file', 0o644).write!(0, new Uint8Array(20_000).fill(3)));
  attempt(() => root.makeDirectory('new-dir', 0o755));
  attempt(() => root.rename('new-file', root.lookup('new-dir')!, 'moved'));
  attempt(() => {
    for (const e of root.list!()) if (e.inode.kind === 'file') root.removeEntry(e.name, false);
  });
  attempt(() => root.symlink('new-link', 'somewhere/else'));
  attempt(() => fsys.sync());
  attempt(() => fsys.unmounted());
  const corruptLines = logs.filter((l) => l.includes('corrupted')).length;
  if (corruptLines > 1) throw new Error(`${corruptLines} corruption lines logged in one mount`);
  const unexpected = logs.filter((l) => /inode \d+: /.test(l) && !l.includes('corrupted'));
  if (unexpected.length > 0) throw new Error(`an unexpected exception was turned into EIO: ${unexpected[0]}`);
  return { errnos, logs };
}
