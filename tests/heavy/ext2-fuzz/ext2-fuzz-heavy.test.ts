/**
 * The heavy ext2 fuzz run (`npm run test:ext2-fuzz`, called by .ci/run):
 * thousands of damaged images per block size through the kernel's ext2.
 * EXT2_FUZZ_CASES sets how many (default 3000); EXT2_FUZZ_SEED shifts them.
 */
import { baseImage, mutate, runCase } from '../../fs/ext2-fuzz-cases';
import { withE2fsprogs } from '../../fs/ext2-support';

const CASES = Number(process.env.EXT2_FUZZ_CASES ?? 3000);
const SEED = Number(process.env.EXT2_FUZZ_SEED ?? 20261204);

describe('ext2 fuzz (heavy)', () => {
  for (const blockSize of [1024, 4096]) {
    withE2fsprogs(`${CASES} mutated ${blockSize}-byte-block images`, () => {
      const base = baseImage(blockSize);
      const errnos = new Map<number, number>();
      for (let i = 0; i < CASES; i++) {
        const seed = SEED + i * 104729 + blockSize;
        let outcome;
        try {
          outcome = runCase(mutate(base, seed));
        } catch (error) {
          throw new Error(`seed ${seed}: ${(error as Error).stack}`);
        }
        for (const e of outcome.errnos) errnos.set(e, (errnos.get(e) ?? 0) + 1);
      }
      console.log(`ext2 fuzz, ${blockSize}-byte blocks, ${CASES} cases: errnos seen ${JSON.stringify(Object.fromEntries(errnos))}`);
      expect(errnos.size).toBeGreaterThan(0);
    }, 1_800_000);
  }
});
