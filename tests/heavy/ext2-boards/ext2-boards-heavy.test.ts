/**
 * The long board-level ext2 checks (`npm run test:ext2-heavy`, called by
 * .ci/run): the seeded tree with a >64 MiB sparse file (triple-indirect
 * blocks on 1 KiB blocks) read byte-exact on both boards, and the
 * multi-process workload on 1 KiB- and 4 KiB-block images on both boards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BOARDS, FSSTRESS, checkAgainstManifests, expectedSums, guestLines } from '../../fs/board-support';
import { buildTree, mke2fs, tempDir, withE2fsprogs } from '../../fs/ext2-support';
import { runJos } from '../../support/run-jos';

describe('ext2 on the boards (heavy)', () => {
  let src: string;
  beforeAll(() => {
    src = tempDir('jos-ext2-heavy-');
    buildTree(src, 4321);
  });
  afterAll(() => fs.rmSync(src, { recursive: true, force: true }));

  for (const { board, dev } of BOARDS) {
    withE2fsprogs(`${board}: the tree with a 70 MiB sparse file is read byte-exact`, () => {
      const image = path.join(tempDir('jos-ext2-'), 'read.img');
      mke2fs(image, 1024, 15, src); // esp32c3: ext2 fits the flash less its 8 KiB journal
      const r = runJos(['run', '--board', board, '--disk', `${image},ro`, '--', FSSTRESS, 'sums', '/mnt'], { timeoutMs: 600_000 });
      expect(r.stderr + r.stdout).toContain(`${dev} mounted at /mnt, read-only`);
      expect(guestLines(r.stdout)).toEqual(expectedSums(src));
      expect(r.status).toBe(0);
    }, 700_000);

    for (const blockSize of [1024, 4096]) {
      withE2fsprogs(`${board}: 4 processes × 1000 operations on ${blockSize}-byte blocks`, () => {
        const image = path.join(tempDir('jos-ext2-'), 'stress.img');
        mke2fs(image, blockSize, 12);
        const r = runJos(['run', '--board', board, '--disk', image, '--', FSSTRESS, 'stress', '/mnt', '4', '1000', String(blockSize)], { timeoutMs: 900_000 });
        expect(r.stdout).toContain('fsstress: ok');
        expect(r.status).toBe(0);
        checkAgainstManifests(image, 4);
      }, 1_000_000);
    }
  }
});
