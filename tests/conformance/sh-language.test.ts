/**
 * The shell's language against dash, the oracle: userland/tests/sh-language.sh
 * (case, functions with local and return, $(...) and `...`, $((...)),
 * break and continue, field splitting on IFS, here-documents, read, eval,
 * subshells, groups, compound commands in pipelines and with
 * redirections) under dash, under JOS's sh natively (the x86_64 ELF on
 * this host) and on both boards must print the same bytes.
 */
import * as path from 'path';
import { USERLAND, which } from '../userland/oracle';
import { JOS_SH, nativeOk, runNative, runOnBoard } from '../support/shell-oracle';

const SCRIPT = path.join(USERLAND, 'tests', 'sh-language.sh');
const GUEST_SCRIPT = '/usr/libexec/jos-tests/sh-language.sh';
const dash = which('dash');
if (!dash) console.warn('sh-language: dash not installed (apt-get install dash): the JOS runs are compared with each other only');

describe('sh: the language', () => {
  const reference = dash ? runNative(dash, SCRIPT) : nativeOk ? runNative(JOS_SH, SCRIPT) : null;

  test('the oracle answers a few lines outright', () => {
    if (!reference) return;
    expect(reference).toContain('5! = 120\n');
    expect(reference).toContain('3 [/bin] [] [/usr/bin]\n');
    expect(reference).toMatch(/== end\n$/);
  });

  test('JOS sh natively prints what dash prints', () => {
    if (!nativeOk || !reference) return;
    expect(runNative(JOS_SH, SCRIPT)).toBe(reference);
  });

  for (const board of ['pc', 'esp32c3']) {
    test(`${board}: the script prints what dash prints`, () => {
      const { out, status } = runOnBoard(board, SCRIPT, GUEST_SCRIPT);
      expect(out).toMatch(/== end\n$/);
      if (reference) expect(out).toBe(reference);
      expect(status).toBe(0);
    }, 300_000);
  }
});
