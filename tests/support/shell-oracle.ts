/** The shell conformance scripts (userland/tests/sh-*.sh) under a host
 * shell (dash, the oracle, or JOS's sh natively) and on a JOS board. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from './run-jos';
import { USERLAND, which } from '../userland/oracle';

/** JOS's sh for this host: the committed x86_64 build. */
export const JOS_SH = path.join(USERLAND, 'prebuilt', 'x86_64', 'bin', 'sh');
export const nativeOk = process.platform === 'linux' && process.arch === 'x64';

/** What `shell SCRIPT` prints (standard output, then standard error) in an
 * empty directory of its own, with PATH (the host's /usr/bin:/bin unless
 * given: JOS's commands natively); it must exit 0. */
export function runNative(shell: string, script: string, PATH = '/usr/bin:/bin', encoding: BufferEncoding = 'utf8'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-oracle-'));
  try {
    const r = spawnSync(shell, [script], { encoding, cwd: dir, env: { PATH, TMPDIR: dir }, timeout: 60_000 });
    expect(r.status).toBe(0);
    return r.stdout + r.stderr;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The script at `guest` on a board (virtual clock), run by /bin/sh in /tmp
 * with standard error on standard output; `after` are more shell lines. */
export function runOnBoard(board: string, script: string, guest: string, after: string[] = []): { out: string; status: number | null } {
  const lines = [`cd /tmp && /bin/sh ${guest} 2>&1`, ...after];
  const r = runJos(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--add', `${script}:${guest}`, '--', '/bin/sh', '-c', lines.join('\n')], { timeoutMs: 240_000 });
  return { out: r.stdout.replace(/\r\n/g, '\n'), status: r.status };
}

/** The conformance suite of userland/tests/NAME.sh: dash (the oracle; JOS's
 * sh natively when dash is missing) gives the reference, `samples` checks a
 * few of its lines outright, and JOS's sh natively and on both boards must
 * print the same bytes and end the script. */
export function describeAgainstDash(name: string, title: string, samples: (reference: string) => void): void {
  const script = path.join(USERLAND, 'tests', `${name}.sh`);
  const guest = `/usr/libexec/jos-tests/${name}.sh`;
  const dash = which('dash');
  if (!dash) console.warn(`${name}: dash not installed (apt-get install dash): the JOS runs are compared with each other only`);

  describe(title, () => {
    const reference = dash ? runNative(dash, script) : nativeOk ? runNative(JOS_SH, script) : null;

    test('the oracle answers a few lines outright', () => {
      if (!reference) return;
      samples(reference);
      expect(reference).toMatch(/== end\n$/);
    });

    test('JOS sh natively prints what dash prints', () => {
      if (!nativeOk || !reference) return;
      expect(runNative(JOS_SH, script)).toBe(reference);
    });

    for (const board of ['pc', 'esp32c3']) {
      test(`${board}: the script prints what dash prints`, () => {
        const r = runOnBoard(board, script, guest);
        expect(r.status).toBe(0);
        expect(r.out).toMatch(/== end\n$/);
        if (reference) expect(r.out).toBe(reference);
      }, 300_000);
    }
  });
}
