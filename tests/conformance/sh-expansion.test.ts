/**
 * The shell's ${...} forms and `set --` against dash, the oracle:
 * userland/tests/sh-expansion.sh under dash and under JOS's sh natively
 * (the x86_64 ELF on this host), and on both boards, must print the same
 * bytes. And `kill %N` on the boards: a background job killed by its job
 * number ends at once (virtual time does not reach its sleep); and
 * ${NAME:?WORD} ends a script with status 2.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { runJos } from '../support/run-jos';
import { USERLAND, which } from '../userland/oracle';

const SCRIPT = path.join(USERLAND, 'tests', 'sh-expansion.sh');
const GUEST_SCRIPT = '/usr/libexec/jos-tests/sh-expansion.sh';
const dash = which('dash');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
if (!dash) console.warn('sh-expansion: dash not installed (apt-get install dash): the JOS runs are compared with each other only');

function native(shell: string): string {
  const r = spawnSync(shell, [SCRIPT], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  expect(r.status).toBe(0);
  return r.stdout + r.stderr;
}

function onBoard(board: string, script: string[]): { out: string; status: number | null } {
  const r = runJos(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--add', `${SCRIPT}:${GUEST_SCRIPT}`, '--', '/bin/sh', '-c', script.join('\n')], { timeoutMs: 120_000 });
  return { out: r.stdout.replace(/\r\n/g, '\n'), status: r.status };
}

describe('sh: parameter expansion', () => {
  const reference = dash ? native(dash) : nativeOk ? native(path.join(USERLAND, 'prebuilt', 'x86_64', 'bin', 'sh')) : null;

  test('the oracle answers a few lines outright', () => {
    if (!reference) return;
    expect(reference).toContain('hello.tar hello tar.gz gz 12 0 0\n');
    expect(reference).toContain('prog /usr/local/bin /local/bin/prog  /usr/local/bin/prog\n');
  });

  test('JOS sh natively prints what dash prints', () => {
    if (!nativeOk || !reference) return;
    expect(native(path.join(USERLAND, 'prebuilt', 'x86_64', 'bin', 'sh'))).toBe(reference);
  });

  for (const board of ['pc', 'esp32c3']) {
    test(`${board}: the script prints what dash prints; kill %N ends a job`, () => {
      const r = onBoard(board, [
        `/bin/sh ${GUEST_SCRIPT} 2>&1`,
        'echo ==== kill',
        'sleep 100 &',
        'kill %1',
        'wait',
        'kill %1',
        'cat /proc/uptime',
        // ${NAME:?} ends a shell that is not interactive, status 2.
        `/bin/sh -c 'echo "\${NOPE:?is needed}"; echo never' 2>&1`,
        'echo "status $?"',
      ]);
      expect(r.status).toBe(0);
      const [script, killed] = r.out.split('==== kill\n');
      if (reference) expect(script).toBe(reference);
      expect(killed).toMatch(/^sh: kill: %1: no such job\n(\d+)\.\d\d \d+\.\d\d\nsh: NOPE: is needed\nstatus 2\n$/);
      expect(Number(/^sh.*\n(\d+)\./.exec(killed)![1])).toBeLessThan(100);
    }, 150_000);
  }
});
