/**
 * sed and diff against GNU sed and diff, the oracle:
 * userland/tests/edit-tools.sh under dash with the host's tools, under
 * JOS's sh with JOS's commands natively (the x86_64 ELFs on this host),
 * and on both boards must print the same bytes.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { USERLAND, which } from '../userland/oracle';
import { JOS_SH, nativeOk, runNative, runOnBoard } from '../support/shell-oracle';

const SCRIPT = path.join(USERLAND, 'tests', 'edit-tools.sh');
const GUEST_SCRIPT = '/usr/libexec/jos-tests/edit-tools.sh';
const JOS_BIN = path.join(USERLAND, 'prebuilt', 'x86_64', 'bin');
const dash = which('dash');
const gnu = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).stdout?.includes('GNU') ?? false;
const hostOk = dash !== null && gnu('sed') && gnu('diff');
if (!hostOk) console.warn('edit-tools: dash, GNU sed or GNU diff missing: the JOS runs are compared with each other only');

/** The script's output natively: bytes as Latin-1, so that any byte compares. */
const run = (shell: string, PATH: string) => runNative(shell, SCRIPT, PATH, 'latin1');

describe('sed and diff', () => {
  const reference = hostOk ? run(dash!, '/usr/bin:/bin') : nativeOk ? run(JOS_SH, JOS_BIN) : null;

  test('the oracle answers a few lines outright', () => {
    if (!reference) return;
    expect(reference).toContain("-- sed s/x*/-/g words\n-h-e-l-l-o- -w-o-r-l-d-\n");
    expect(reference).toContain('-- sed -n /four/,+2p lines\nfour\nfive\nsix\n[0]\n');
    expect(reference).toContain('-- sed p nonl\nno newline\nno newline[0]\n');
    expect(reference).toContain('-- sed 3Q lines\none\ntwo\n[0]\n');
    expect(reference).toContain('-- sed s/a/\\Ux\\LY\\EZ/ words\nhello world\nfoo bXyZr foo\n');
    expect(reference).toContain('-- diff old new\n2c2\n< b\n---\n> B\n12a13\n> m\n[1]\n');
    expect(reference).toContain('--- old\n+++ new\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n');
    expect(reference).toContain('\\ No newline at end of file\n');
    expect(reference).toContain('-- diff old nosuch\n[2]\n');
    expect(reference).toMatch(/== end\n$/);
  });

  test('JOS sed and diff natively print what GNU sed and diff print', () => {
    if (!nativeOk || !reference) return;
    expect(run(JOS_SH, JOS_BIN)).toBe(reference);
  });

  for (const board of ['pc', 'esp32c3']) {
    test(`${board}: the script prints what GNU sed and diff print`, () => {
      const r = runOnBoard(board, SCRIPT, GUEST_SCRIPT);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/== end\n$/);
      if (reference) expect(r.out).toBe(reference);
    }, 300_000);
  }
});
