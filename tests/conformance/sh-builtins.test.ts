/**
 * The shell's variables around commands, `wait`, `set` and aliases
 * against dash, the oracle: userland/tests/sh-builtins.sh under dash,
 * under JOS's sh natively and on both boards must print the same bytes.
 */
import * as path from 'path';
import { USERLAND, which } from '../userland/oracle';
import { JOS_SH, nativeOk, runNative, runOnBoard } from '../support/shell-oracle';

const SCRIPT = path.join(USERLAND, 'tests', 'sh-builtins.sh');
const GUEST_SCRIPT = '/usr/libexec/jos-tests/sh-builtins.sh';
const dash = which('dash');
if (!dash) console.warn('sh-builtins: dash not installed (apt-get install dash): the JOS runs are compared with each other only');

describe('sh: assignments before commands, wait, set, aliases', () => {
  const reference = dash ? runNative(dash, SCRIPT) : nativeOk ? runNative(JOS_SH, SCRIPT) : null;

  test('the oracle answers a few lines outright', () => {
    if (!reference) return;
    expect(reference).toContain("== set lists the variables, sorted and quoted\na='1'\nb='x y'\nc='it'\"'\"'s'\nd=''\n");
    expect(reference).toContain('a built-in: []\nin f: y\na function: []\n');
    expect(reference).toContain('a special built-in keeps it: [z]\n');
    expect(reference).toContain('wait $!: 3\nwait for two, the last one\'s status: 5\n');
    expect(reference).toContain('no such child: 127\n');
    expect(reference).toContain('world\necho world\n');
    expect(reference).toMatch(/== end\n$/);
  });

  test('JOS sh natively prints what dash prints', () => {
    if (!nativeOk || !reference) return;
    expect(runNative(JOS_SH, SCRIPT)).toBe(reference);
  });

  for (const board of ['pc', 'esp32c3']) {
    test(`${board}: the script prints what dash prints`, () => {
      const r = runOnBoard(board, SCRIPT, GUEST_SCRIPT);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/== end\n$/);
      if (reference) expect(r.out).toBe(reference);
    }, 300_000);
  }
});
