/**
 * Piped console input (docs/clock.md): flow control from the host down to
 * the terminal delivers any amount of input whole and in order (the driver
 * used to drop what passed its 4 KiB ring, the final ^D with it); and input
 * arrives at instruction counts that do not depend on host timing, so runs
 * from the same pipe are identical byte for byte, kernel log timestamps
 * included. tests/heavy/host-io.test.ts does the same with 1 MB and twenty
 * runs.
 */
import { bigInput, catBack, runPiped, SESSION } from '../support/piped-sessions';

jest.setTimeout(180_000);

const QUIET = ['--log-level', 'error', '--append', 'quiet', '--timeout', '150'];

describe.each(['pc', 'esp32c3'])('piped input on the %s board', (board) => {
  test('64 KiB of shell input arrives whole and in order, the final line and ^D included', () => {
    const { input, body } = bigInput(64 * 1024);
    const run = runPiped(board, input, QUIET);
    expect(catBack(run.stdout)).toBe(body);
    expect(run.status).toBe(7);
  });

  test('a piped session is the same byte for byte, run after run', () => {
    const args = ['--rtc', '2026-01-01T00:00:00', '--log-level', 'debug', '--timeout', '60'];
    const first = runPiped(board, SESSION, args);
    expect(first.status).toBe(3);
    expect(first.stdout).toContain('Hello, world!');
    expect(first.stdout).toMatch(/\[ *\d+\.\d{6}\] debug exec: pid \d+ runs \/usr\/libexec\/jos-tests\/nap/);
    for (let i = 0; i < 3; i++) expect(runPiped(board, SESSION, args).stdout).toBe(first.stdout);
  });
});
