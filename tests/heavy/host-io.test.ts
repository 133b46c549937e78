/**
 * The long host-I/O checks (docs/clock.md), run by `npm run test:hostio`
 * from .ci/run: 1 MB of piped shell input to completion, twenty piped
 * sessions byte for byte, and an hour-long nanosleep watched for a minute
 * of wall time with the host's RSS and CPU sampled, on both boards.
 */
import { spawn } from 'child_process';
import { BIN, ROOT, cpuSeconds, rssKib } from '../support/host-io';
import { bigInput, catBack, runPiped, SESSION } from '../support/piped-sessions';

jest.setTimeout(15 * 60_000);

const WATCH_SECONDS = Number(process.env.HOSTIO_IDLE_SECONDS ?? 60);

describe.each(['pc', 'esp32c3'])('host I/O at length on the %s board', (board) => {
  test('1 MB of piped shell input runs to completion, whole and in order', () => {
    const { input, body } = bigInput(1 << 20);
    const run = runPiped(board, input, ['--log-level', 'error', '--append', 'quiet', '--clock', 'virtual', '--timeout', '600'], 660_000);
    expect(catBack(run.stdout)).toBe(body);
    expect(run.status).toBe(7);
  });

  test('twenty runs of a piped session are the same byte for byte', () => {
    const args = ['--rtc', '2026-01-01T00:00:00', '--log-level', 'debug', '--timeout', '60'];
    const first = runPiped(board, SESSION, args).stdout;
    expect(first).toContain('Hello, world!');
    const differing: number[] = [];
    for (let i = 1; i < 20; i++) if (runPiped(board, SESSION, args).stdout !== first) differing.push(i);
    expect(differing).toEqual([]);
  });

  test(`an hour-long nanosleep for ${WATCH_SECONDS} s: host memory flat, host CPU idle`, async () => {
    const child = spawn(process.execPath, [BIN, 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--', '/usr/libexec/jos-tests/nap', '3600'], { cwd: ROOT, stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 3000)); // booted and asleep
      const rss: number[] = [];
      const cpu0 = cpuSeconds(child.pid!);
      const wall0 = performance.now();
      while (performance.now() - wall0 < WATCH_SECONDS * 1000) {
        rss.push(rssKib(child.pid!));
        await new Promise((r) => setTimeout(r, 1000));
      }
      const cpuShare = (cpuSeconds(child.pid!) - cpu0) / ((performance.now() - wall0) / 1000);
      expect(child.exitCode).toBeNull(); // still asleep: idle time follows the wall clock
      expect(cpuShare).toBeLessThan(0.05);
      // It used to grow about 45 MB a second; a few MB of drift is the
      // JavaScript heap's own.
      const half = Math.floor(rss.length / 2);
      const early = Math.max(...rss.slice(0, half));
      const late = Math.max(...rss.slice(half));
      expect(late - early).toBeLessThan(16 * 1024);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
