/**
 * Console output on its way to the host (docs/clock.md): it streams while
 * the guest runs, with back-pressure, so host memory stays bounded however
 * much the guest writes, and --timeout, SIGTERM and SIGINT end a run that
 * writes without pause within a second, on both boards. The guest is
 * /usr/libexec/jos-tests/flood, writing 100 MB in 64 KiB write()s.
 */
import { timedRun } from '../support/host-io';

jest.setTimeout(120_000);

const FLOOD = ['--log-level', 'error', '--append', 'quiet', '--', '/usr/libexec/jos-tests/flood', String(100 << 20)];
/** Flood's output has begun. */
const FLOOD_TEXT = 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk\r\n';
/** Far above what the run needs (about 100 MB here), far below what
 * keeping 100 MB of output as JavaScript numbers took (2.5 GB). */
const RSS_BOUND_KIB = 400 * 1024;

describe.each(['pc', 'esp32c3'])('console output on the %s board', (board) => {
  // 4 s rather than 2: a loaded host can take 2 s to boot, and the guest
  // must be writing when the timeout comes.
  test('100 MB under --timeout 4: streams, ends in time with status 124, host memory bounded', async () => {
    const run = await timedRun(['run', '--board', board, '--timeout', '4', ...FLOOD], { mark: FLOOD_TEXT });
    expect(run.status).toBe(124);
    expect(run.head).toContain(FLOOD_TEXT);
    // The timeout's timer starts before the boot, so before the first byte.
    expect(run.exitMs - run.firstByteMs).toBeLessThan(5000);
    // Output reached the host while the guest ran, not at the end.
    expect(run.markMs).toBeGreaterThan(0);
    expect(run.exitMs - run.markMs).toBeGreaterThan(250);
    expect(run.maxRssKib).toBeGreaterThan(0);
    expect(run.maxRssKib).toBeLessThan(RSS_BOUND_KIB);
  });

  test.each(['SIGTERM', 'SIGINT'] as const)('%s ends a run that writes without pause within a second', async (signal) => {
    let sentAt = 0;
    const run = await timedRun(['run', '--board', board, ...FLOOD], {
      onOutput: (child, bytes) => {
        if (sentAt === 0 && bytes > 128 * 1024) {
          sentAt = performance.now();
          child.kill(signal);
        }
      },
    });
    expect(sentAt).toBeGreaterThan(0);
    expect(run.signal).toBeNull(); // handled: jos ended the run itself
    expect(performance.now() - sentAt).toBeLessThan(1500);
    expect(run.maxRssKib).toBeLessThan(RSS_BOUND_KIB);
  });
});
