/**
 * Robustness: userland/tests/sysfuzz makes thousands of random system
 * calls with hostile arguments (wild and kernel pointers, huge sizes and
 * offsets, bogus descriptors) in children watched by a parent. The kernel
 * must survive all of them on both boards: no system call may fail inside
 * the kernel (a kernel bug, logged at error level), the parent must see
 * every child end, and ordinary work must go on afterwards.
 * (sysfuzz runs only on JOS: natively it would make random calls on the host.)
 * The virtual clock: random sleeps (of centuries) must jump ahead, not
 * follow the wall clock as `--clock auto` does.
 *
 * This is the quick run; the seeds that found bugs, and longer rounds, run
 * in `npm run test:sysfuzz` (tests/heavy/sysfuzz).
 */
import { runSysfuzz } from '../support/sysfuzz';

describe.each(['pc', 'esp32c3'])('random system calls on the %s board', (board) => {
  test('48 children x 1000 calls leave the kernel working', () => {
    runSysfuzz(board, 48, [1000, 0x5eed1234]);
  }, 300_000);
});
