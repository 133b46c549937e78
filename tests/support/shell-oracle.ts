/** The shell conformance scripts (userland/tests/sh-*.sh) under a host
 * shell (dash, the oracle, or JOS's sh natively) and on a JOS board. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from './run-jos';
import { USERLAND } from '../userland/oracle';

/** JOS's sh for this host: the committed x86_64 build. */
export const JOS_SH = path.join(USERLAND, 'prebuilt', 'x86_64', 'bin', 'sh');
export const nativeOk = process.platform === 'linux' && process.arch === 'x64';

/** What `shell SCRIPT` prints (standard output, then standard error) in an
 * empty directory of its own, with PATH /usr/bin:/bin; it must exit 0. */
export function runNative(shell: string, script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-oracle-'));
  try {
    const r = spawnSync(shell, [script], { encoding: 'utf8', cwd: dir, env: { PATH: '/usr/bin:/bin', TMPDIR: dir }, timeout: 60_000 });
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
