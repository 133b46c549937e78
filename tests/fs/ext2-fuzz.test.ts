/**
 * A few hundred damaged images through the kernel's ext2 (the thousands
 * run in the heavy suite, `npm run test:ext2-fuzz`): it stays alive and
 * answers every call with a result or an errno.
 */
import { baseImage, mutate, runCase } from './ext2-fuzz-cases';
import { withE2fsprogs } from './ext2-support';

const CASES = 150;

describe('ext2 fuzz', () => {
  for (const blockSize of [1024, 4096]) {
    withE2fsprogs(`${CASES} mutated ${blockSize}-byte-block images: only errnos, at most one log line each`, () => {
      const base = baseImage(blockSize);
      let refused = 0;
      for (let seed = 1; seed <= CASES; seed++) {
        try {
          const outcome = runCase(mutate(base, seed * 7919 + blockSize));
          if (outcome.errnos.length > 0) refused++;
        } catch (error) {
          throw new Error(`case ${seed}: ${(error as Error).stack}`);
        }
      }
      // The mutations do hit something (not all cases pass silently).
      expect(refused).toBeGreaterThan(CASES / 10);
    });
  }
});
