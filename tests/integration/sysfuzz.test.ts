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
 * The `cow` round interleaves fork, mprotect, mmap, munmap and writes and
 * checks that no process sees another's writes in its private pages.
 * The `ipc` round runs four threads per child making futex, socket, epoll,
 * poll, eventfd and message-queue calls at once on shared descriptors.
 * This is the quick run; the seeds that found bugs, and longer rounds, run
 * in `npm run test:sysfuzz` (tests/heavy/sysfuzz).
 */
import { runSysfuzz } from '../support/sysfuzz';

describe.each(['pc', 'esp32c3'])('random system calls on the %s board', (board) => {
  test('48 children x 1000 calls leave the kernel working', () => {
    runSysfuzz(board, 48, [1000, 0x5eed1234]);
  }, 300_000);

  test('fork, mprotect, mmap and writes interleaved: every private page stays private', () => {
    // The `cow` round: each process checks its pages hold only its own
    // writes, so a frame shared after fork and written through another
    // process's mapping fails a check (it did, with protect() mapping a
    // shared frame writable, on both boards).
    const out = runSysfuzz(board, 8, [300, 0x5eed1234, 'cow']);
    expect(out).toMatch(/ok \d+ - every process's private pages held only its own writes/);
  }, 300_000);

  test('threads making socket, epoll, futex and mq calls at once leave the kernel working', () => {
    const out = runSysfuzz(board, 8, [2000, 0x5eed1234, 'ipc']);
    expect(out).toContain('random thread and IPC calls');
  }, 300_000);
});
