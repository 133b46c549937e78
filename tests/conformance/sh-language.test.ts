/**
 * The shell's language against dash, the oracle: userland/tests/sh-language.sh
 * (case, functions with local and return, $(...) and `...`, $((...)),
 * break and continue, field splitting on IFS, here-documents, read, eval,
 * subshells, groups, compound commands in pipelines and with
 * redirections) under dash, under JOS's sh natively (the x86_64 ELF on
 * this host) and on both boards must print the same bytes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';
import { USERLAND, which } from '../userland/oracle';

const SCRIPT = path.join(USERLAND, 'tests', 'sh-language.sh');
const GUEST_SCRIPT = '/usr/libexec/jos-tests/sh-language.sh';
const JOS_SH = path.join(USERLAND, 'prebuilt', 'x86_64', 'bin', 'sh');
const dash = which('dash');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
if (!dash) console.warn('sh-language: dash not installed (apt-get install dash): the JOS runs are compared with each other only');

function native(shell: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-language-'));
  try {
    const r = spawnSync(shell, [SCRIPT], { encoding: 'utf8', cwd: dir, env: { PATH: '/usr/bin:/bin', TMPDIR: dir } });
    expect(r.status).toBe(0);
    return r.stdout + r.stderr;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('sh: the language', () => {
  const reference = dash ? native(dash) : nativeOk ? native(JOS_SH) : null;

  test('the oracle answers a few lines outright', () => {
    if (!reference) return;
    expect(reference).toContain('5! = 120\n');
    expect(reference).toContain('3 [/bin] [] [/usr/bin]\n');
    expect(reference).toMatch(/== end\n$/);
  });

  test('JOS sh natively prints what dash prints', () => {
    if (!nativeOk || !reference) return;
    expect(native(JOS_SH)).toBe(reference);
  });

  for (const board of ['pc', 'esp32c3']) {
    test(`${board}: the script prints what dash prints`, () => {
      const r = runJos(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--add', `${SCRIPT}:${GUEST_SCRIPT}`, '--', '/bin/sh', '-c', `cd /tmp && /bin/sh ${GUEST_SCRIPT} 2>&1`], { timeoutMs: 240_000 });
      const out = r.stdout.replace(/\r\n/g, '\n');
      expect(out).toMatch(/== end\n$/);
      if (reference) expect(out).toBe(reference);
      expect(r.status).toBe(0);
    }, 300_000);
  }
});
