/** `jos run`'s limits as a user meets them: --timeout values at the edges
 * (huge ones must not end the run at once, non-numbers are usage errors),
 * and a run ended by SIGTERM exits 143 as a signalled process does. */
import { spawn } from 'child_process';
import * as path from 'path';
import { ROOT, runJos } from '../support/run-jos';

const hello = (timeout: string) => runJos(['run', '--board', 'pc', '--log-level', 'error', '--append', 'quiet', '--timeout', timeout, '--', '/bin/hello']);

describe('--timeout', () => {
  test.each(['3000000', '1e400', 'Infinity'])('%s lets the run go on to power-off', (timeout) => {
    const r = hello(timeout);
    expect(r.stdout).toContain('Hello, world!');
    expect(r.stderr).not.toMatch(/TimeoutOverflowWarning/);
    expect(r.status).toBe(0);
  }, 60_000);

  test.each(['abc', '0', '-2', '5s'])('"%s" is a usage error (status 2)', (timeout) => {
    const r = hello(timeout);
    expect(r.stderr).toContain(`invalid --timeout "${timeout}"`);
    expect(r.status).toBe(2);
  });
});

test('a run ended by SIGTERM exits 143', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', 'pc', '--log-level', 'error'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString('latin1');
    if (out.includes('$ ')) child.kill('SIGTERM'); // the shell waits for input
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stdin.destroy();
  expect(out).toContain('$ ');
  expect(status).toBe(143);
}, 60_000);

describe('--memory', () => {
  const run = (board: string, memory: string) =>
    runJos(['run', '--board', board, '--memory', memory, '--log-level', 'error', '--append', 'quiet', '--timeout', '30', '--', '/bin/hello'], { timeoutMs: 60_000 });

  // The largest pc size: RAM above 2 GiB holds the kernel's tables (a
  // page table entry there once read as absent: a triple fault at the
  // first return to user mode). The host reserves the RAM and touches only
  // what the guest uses. (esp32c3's 2047M boots too: checked by hand.)
  test.each([
    ['pc', '16M'],
    ['esp32c3', '16M'],
    ['pc', '2049M'],
    ['pc', '4064M'],
  ])('%s boots at %s', (board, memory) => {
    const r = run(board, memory);
    expect(r.stdout).toContain('Hello, world!');
    expect(r.status).toBe(0);
  }, 60_000);

  test.each([
    ['pc', '15M', '16M to 4064M'],
    ['pc', '4065M', '16M to 4064M'],
    ['pc', '5G', '16M to 4064M'],
    ['pc', '64G', '16M to 4064M'],
    ['esp32c3', '15M', '16M to 2047M'],
    ['esp32c3', '2G', '16M to 2047M'],
    ['esp32c3', '2049M', '16M to 2047M'],
  ])('%s with %s is a usage error naming the range and why', (board, memory, range) => {
    const r = run(board, memory);
    expect(r.stderr).toContain(`--memory ${memory}: the ${board} board supports ${range} (`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });
});
