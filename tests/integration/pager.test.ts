/**
 * less and more on each board's console: keys typed at the terminal page
 * through standard input (`seq 60 | less` reads its keys from /dev/tty),
 * each screen ends in a status line saying which lines it shows; `more`
 * prints what fits on a screen and ends; into a pipe both copy their
 * input. Input comes through a pipe with the virtual clock, so every run
 * sees the same bytes at the same instructions.
 */
import { runJos } from '../support/run-jos';

const KEYS = ' jbGkgq';
/** Searches: /5 forward, n again, N back, ?1 backward, a pattern that is
 * nowhere, a pattern that is no expression. */
const SEARCH_KEYS = '/5\nnN?1\n/zzz\n/(\nq';
const INPUT = [`seq 60 | less`, KEYS + 'echo "less: $?"', 'seq 60 | less', SEARCH_KEYS + 'echo "search: $?"', 'seq 3 | less | cat', 'seq 4 > /tmp/four; more /tmp/four', 'exit 0', ''].join('\n');

/** The status lines less drew, in order. */
function statuses(out: string): string[] {
  return [...out.matchAll(/\x1b\[7m([^\x1b]*)\x1b\[0m/g)].map((m) => m[1]);
}

describe.each(['pc', 'esp32c3'])('%s', (board) => {
  test('less pages with space, j, b, G, k, g, searches with / ? n N and quits with q; more and a pipe print all', () => {
    const r = runJos(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '120', '--', '/bin/sh'], {
      input: INPUT,
      timeoutMs: 240_000,
    });
    expect(r.status).toBe(0);
    const seen = statuses(r.stdout);
    const first = /^standard input lines 1-(\d+)\/60$/.exec(seen[0] ?? '');
    expect(first).not.toBeNull();
    const page = Number(first![1]); // the screen's rows less one
    expect(page).toBeGreaterThan(5);
    expect(seen).toEqual([
      `standard input lines 1-${page}/60`,
      `standard input lines ${page + 1}-${2 * page}/60`, // space
      `standard input lines ${page + 2}-${2 * page + 1}/60`, // j
      `standard input lines 2-${page + 1}/60`, // b: a screen back
      '(END)', // G
      `standard input lines ${60 - page}-59/60`, // k
      `standard input lines 1-${page}/60`, // g
      `standard input lines 1-${page}/60`, // the second less
      `standard input lines 5-${page + 4}/60`, // /5: the line "5"
      `standard input lines 15-${page + 14}/60`, // n: "15"
      `standard input lines 5-${page + 4}/60`, // N: back to "5"
      `standard input lines 1-${page}/60`, // ?1: "1"
      'Pattern not found', // /zzz
      'Invalid pattern: Unmatched ( or \\(', // /(
    ]);
    // Each screen starts clear, with its lines one per row.
    expect(r.stdout).toContain(`\x1b[H\x1b[2J1\r\n2\r\n3\r\n`);
    const out = r.stdout.replace(/\r\n/g, '\n');
    expect(out).toContain('less: 0\n');
    expect(out).toContain('search: 0\n');
    expect(out).toMatch(/seq 3 \| less \| cat\n1\n2\n3\n/);
    expect(out).toMatch(/more \/tmp\/four\n1\n2\n3\n4\n/);
  }, 300_000);
});
