/**
 * The kernel's ext2 reads what Debian's mke2fs -d wrote, exactly: a seeded
 * tree of random files, nested directories, hard and symbolic links (fast
 * and slow), a sparse file and a >64 MiB sparse file (triple-indirect
 * blocks on 1 KiB blocks), on 1 KiB- and 4 KiB-block images.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildTree, describeExt2Tree, describeHostTree, mke2fs, mountImage, readAll, tempDir, withE2fsprogs } from './ext2-support';

describe('ext2 read', () => {
  let src: string;
  beforeAll(() => {
    src = tempDir('jos-ext2-src-');
    buildTree(src, 1234);
  });
  afterAll(() => fs.rmSync(src, { recursive: true, force: true }));

  for (const blockSize of [1024, 4096]) {
    withE2fsprogs(`lists and reads a mke2fs -d image byte-exact (${blockSize}-byte blocks)`, () => {
      const image = path.join(tempDir('jos-ext2-'), 'read.img');
      mke2fs(image, blockSize, 32, src);
      const m = mountImage(image, true);
      try {
        expect(describeExt2Tree(m.fs.root)).toEqual(describeHostTree(src));
        // Hard links share an inode; the big file's tail is past 64 MiB.
        const first = m.fs.root.lookup('hardlink-to-first')!;
        expect(first.nlink).toBe(2);
        const big = m.fs.root.lookup('big-sparse')!;
        expect(big.size).toBe(fs.statSync(path.join(src, 'big-sparse')).size);
        expect(readAll(big).equals(fs.readFileSync(path.join(src, 'big-sparse')))).toBe(true);
        // Sparse: far fewer blocks allocated than the size.
        expect(big.blocks! * 512).toBeLessThan(1 << 20);
        expect(m.logs.some((l) => l.startsWith('info') && l.includes('blocks of'))).toBe(true);
      } finally {
        m.unmount();
      }
    });
  }
});
