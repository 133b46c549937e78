/**
 * Piped-input sessions for the host-I/O tests (docs/clock.md): a large
 * input that must reach the shell whole and in order, and a short session
 * whose every byte of output (kernel log timestamps included) must be the
 * same from run to run.
 */
import { spawnSync } from 'child_process';
import { BIN, ROOT } from './host-io';

/** `cat > /tmp/big`, `bytes` of numbered lines, ^D, then the file back. */
export function bigInput(bytes: number): { input: string; body: string } {
  let body = '';
  for (let i = 0; body.length < bytes; i++) body += `line ${i} ${'abcdefghijklmnopqrstuvwxyz'.slice(0, i % 27)}\n`;
  return { input: `cat > /tmp/big\n${body}\x04cat /tmp/big; exit 7\n`, body };
}

/** What `cat /tmp/big` printed back (the output from the last "line 0"
 * on: the first is the terminal's echo of the input, which the shell's
 * prompt may interrupt, as typed-ahead input is), or null. */
export function catBack(stdout: string): string | null {
  const start = stdout.lastIndexOf('line 0 \r\n');
  return start < 0 ? null : stdout.slice(start).replace(/\r\n/g, '\n');
}

export const SESSION = 'hello\necho abc | cat\n/usr/libexec/jos-tests/args one "two words"\n/usr/libexec/jos-tests/nap 0\necho done\nexit 3\n';

export function runPiped(board: string, input: string, extra: string[] = [], timeoutMs = 120_000): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, 'run', '--board', board, ...extra, '--', 'sh'], { cwd: ROOT, input, encoding: 'latin1', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout };
}
