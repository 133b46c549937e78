/**
 * Robustness: userland/tests/sysfuzz makes thousands of random system
 * calls with hostile arguments (wild and kernel pointers, huge sizes and
 * offsets, bogus descriptors) in children watched by a parent. The kernel
 * must survive all of them on both boards: no system call may fail inside
 * the kernel (a kernel bug, logged at error level), the parent must see
 * every child end, and ordinary work must go on afterwards.
 * (sysfuzz runs only on JOS: natively it would make random calls on the host.)
 */
import { runJos } from '../support/run-jos';

const CHILDREN = 48;
const CALLS = 1000;

describe.each(['pc', 'esp32c3'])('random system calls on the %s board', (board) => {
  test(`${CHILDREN} children x ${CALLS} calls leave the kernel working`, () => {
    const r = runJos(
      ['run', '--board', board, '--log-level', 'warn', '--color', 'never', '--timeout', '240', '--', 'sysfuzz', String(CHILDREN), String(CALLS)],
      { timeoutMs: 300_000 },
    );
    const out = r.stdout.replace(/\r\n/g, '\n');
    // No kernel-side failure (error) and no unexpected warning (warn).
    expect(out.split('\n').filter((l) => /^\[\s*\d+\.\d+\]\s+(error|warn)\s/.test(l))).toEqual([]);
    expect(out).toMatch(/system call numbers are implemented/);
    expect(out.match(/^child \d+: (exited with status \d+|killed by signal \d+ \(\w+\))$/gm)?.length).toBe(CHILDREN);
    expect(out).toContain('sysfuzz: all 4 checks passed');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 300_000);
});
