/**
 * Runs userland/tests/sysfuzz on a board and checks what every sysfuzz run
 * must show: no kernel-side failure or unexpected warning in the log, every
 * child accounted for, the parent's checks passed, a clean exit. Used by
 * the quick run in `npm test` and the long ones in `npm run test:sysfuzz`.
 */
import { runJos } from './run-jos';

/** The guest's wall-clock bound; a hang (a lost wake-up) fails on it. */
const TIMEOUT_S = 240;

/** Runs `sysfuzz ARGS...` (children, calls, seed[, round]) on `board`;
 * returns the console output with the checks above done. */
export function runSysfuzz(board: string, children: number, args: (string | number)[]): string {
  const r = runJos(
    ['run', '--board', board, '--log-level', 'warn', '--color', 'never', '--clock', 'virtual', '--timeout', String(TIMEOUT_S), '--', '/usr/libexec/jos-tests/sysfuzz', String(children), ...args.map(String)],
    { timeoutMs: (TIMEOUT_S + 60) * 1000 },
  );
  const out = r.stdout.replace(/\r\n/g, '\n');
  // No kernel-side failure (error) and no unexpected warning (warn).
  expect(out.split('\n').filter((l) => /^\[\s*\d+\.\d+\]\s+(error|warn)\s/.test(l))).toEqual([]);
  expect(out).toMatch(/system call numbers are implemented/);
  expect(out.match(/^child \d+: (exited with status \d+|killed by signal \d+ \(\w+\))$/gm)?.length).toBe(children);
  expect(out).toMatch(/sysfuzz: all \d+ checks passed/);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return out;
}
