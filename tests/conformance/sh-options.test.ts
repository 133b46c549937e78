/**
 * The shell's options and traps against dash, the oracle:
 * userland/tests/sh-options.sh (set -e, -u, -x, trap on EXIT and signals,
 * arithmetic errors ending a script with status 2) under dash, under JOS's
 * sh natively and on both boards must print the same bytes. And `kill %N`
 * on a stopped job continues it, so that the signal acts (JOS's sh only:
 * dash without job control has no process group to send it to).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { USERLAND, which } from '../userland/oracle';
import { JOS_SH, nativeOk, runNative, runOnBoard } from '../support/shell-oracle';

const SCRIPT = path.join(USERLAND, 'tests', 'sh-options.sh');
const GUEST_SCRIPT = '/usr/libexec/jos-tests/sh-options.sh';
const dash = which('dash');
if (!dash) console.warn('sh-options: dash not installed (apt-get install dash): the JOS runs are compared with each other only');

/** A stopped background job sent SIGTERM by its job number: with the
 * SIGCONT that follows, it ends at once and `wait` returns. */
const KILL_STOPPED = ['sleep 100 &', 'kill -STOP %1', 'kill %1', 'wait', 'echo "waited: $?"', 'jobs', 'echo "jobs left: $?"'];

describe('sh: options and traps', () => {
  const reference = dash ? runNative(dash, SCRIPT) : nativeOk ? runNative(JOS_SH, SCRIPT) : null;

  test('the oracle answers a few lines outright', () => {
    if (!reference) return;
    expect(reference).toContain('a failing command ends the shell: 1\ntested commands do not\nstatus 0\n');
    expect(reference).toContain('+ v=1 w=2 3\n');
    expect(reference).toContain('division by zero: 2\n');
    expect(reference).toContain("trap -- 'echo \"it'\"'\"'s USR2\"' USR2\n");
    expect(reference).toMatch(/== exit\n== end\n$/);
  });

  test('JOS sh natively prints what dash prints', () => {
    if (!nativeOk || !reference) return;
    expect(runNative(JOS_SH, SCRIPT)).toBe(reference);
  });

  test('JOS sh natively: kill %N continues a stopped job', () => {
    if (!nativeOk) return;
    const r = spawnSync(JOS_SH, ['-c', KILL_STOPPED.join('\n')], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, timeout: 20_000 });
    expect(r.stdout).toBe('waited: 0\njobs left: 0\n');
    expect(r.status).toBe(0);
  });

  for (const board of ['pc', 'esp32c3']) {
    test(`${board}: the script prints what dash prints; kill %N continues a stopped job`, () => {
      const r = runOnBoard(board, SCRIPT, GUEST_SCRIPT, ['echo ==== kill', ...KILL_STOPPED, 'cat /proc/uptime']);
      expect(r.status).toBe(0);
      const [script, killed] = r.out.split('==== kill\n');
      expect(script).toMatch(/== exit\n== end\n$/);
      if (reference) expect(script).toBe(reference);
      expect(killed).toMatch(/^waited: 0\njobs left: 0\n(\d+)\.\d\d \d+\.\d\d\n$/);
      // Virtual time never reached the stopped sleep's 100 s.
      expect(Number(/^jobs left: 0\n(\d+)\./m.exec(killed)![1])).toBeLessThan(100);
    }, 300_000);
  }
});
