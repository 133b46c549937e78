/**
 * `npm run test:sysfuzz`: the system call fuzzer (userland/tests/sysfuzz)
 * at length, on both boards: the seeds that found kernel bugs, kept as
 * regression runs. The quick run is tests/integration/sysfuzz.test.ts.
 */
import { runSysfuzz } from '../../support/sysfuzz';

/** children, calls per child, seed. Seeds 9 and 11 found: a leaked
 * descriptor reference on dup2 to a bad number that filled /tmp; a sleep
 * of centuries that wrapped the esp32c3 alarm into the past; on pc, a
 * just-due alarm lost while the HPET driver armed it (the counter passed
 * the comparator during the driver's own register accesses), so the
 * watching parent slept forever. */
const SEEDS: [number, number, number][] = [
  [32, 2000, 9],
  [32, 2000, 11],
];

describe.each(['pc', 'esp32c3'])('sysfuzz regression seeds on the %s board', (board) => {
  test.each(SEEDS)('%i children x %i calls (seed %i) leave the kernel working', (children, calls, seed) => {
    runSysfuzz(board, children, [calls, seed]);
  }, 300_000);
});

describe.each(['pc', 'esp32c3'])('sysfuzz copy-on-write rounds on the %s board', (board) => {
  test.each([1, 2, 3])('32 children x 1000 memory steps around fork (seed %i): private pages stay private', (seed) => {
    runSysfuzz(board, 32, [1000, seed, 'cow']);
  }, 300_000);
});

describe.each(['pc', 'esp32c3'])('sysfuzz thread and IPC rounds on the %s board', (board) => {
  test.each([1, 2, 3])('16 children x 4000 calls from 4 threads each (seed %i) leave the kernel working', (seed) => {
    runSysfuzz(board, 16, [4000, seed, 'ipc']);
  }, 300_000);
});
