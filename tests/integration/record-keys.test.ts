/**
 * --record of keys that go to the board's keyboard hardware rather than
 * the serial console (host/keyboard/key-log.ts, docs/record-replay.md):
 * `--keyboard device` on both boards, `--display term` on a real
 * pseudo-terminal, and a terminal speaking the kitty keyboard protocol
 * (real presses, repeats and releases). Each recording replays without
 * input to the same output, with every recorded event reproduced.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos, runJosInteractive, runJosPty } from '../support/run-jos';

const EVDEV = '/usr/libexec/jos-tests/evdev';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-record-keys-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function replay(file: string) {
  const r = runJos(['run', '--replay', file], { timeoutMs: 60_000 });
  expect(r.stderr).toMatch(/replay: \d+ recorded events reproduced, registers and RAM as recorded/);
  return r;
}

const keyEvents = (text: string) => [...text.matchAll(/^key (\d+) (\d+)\r?$/gm)].map((m) => `${m[1]}:${m[2]}`);

describe.each(['pc', 'esp32c3'])('--keyboard device on %s', (board) => {
  test('typed keys are recorded with where they arrived; the replay gives the program the same events', async () => {
    // The auto clock: the program polls with a timeout, and the keys come
    // while it waits (typed once it says so).
    const file = path.join(dir, `evdev-${board}.jsonl`);
    const recorded = await runJosInteractive(
      ['run', '--board', board, '--log-level', 'warn', '--keyboard', 'device', '--record', file, '--', EVDEV, '4'],
      [{ after: 'ready for 4 key releases', send: 'aB\r' }],
      60_000,
    );
    expect(recorded.stdout).toMatch(/evdev: all \d+ checks passed/);
    expect(keyEvents(recorded.stdout)).toHaveLength(8);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/\["key",\d+,[\d.]+,"press","b","s","42","[0-9a-f]{8}"\]/);
    const r = replay(file);
    expect(r.stdout).toBe(recorded.stdout);
    expect(r.status).toBe(recorded.status);
  }, 120_000);
});

/** What a `--display term` run left on the terminal after its view: the
 * last lines of the console pane (display-session.ts). */
const afterView = (stdout: string) => stdout.slice(stdout.lastIndexOf('\x1b[?1049l') + 8).replace(/\r/g, '');

test('--display term on a terminal: a shell typed at through the PS/2 keyboard replays to the same view', async () => {
  const file = path.join(dir, 'term.jsonl');
  const livePng = path.join(dir, 'term-live.png');
  const replayPng = path.join(dir, 'term-replay.png');
  // The terminal answers jos's question about the kitty protocol as one
  // without it (typed keys become taps), then the keys are typed.
  const run = runJosPty(
    ['run', '--board', 'pc', '--clock', 'virtual', '--log-level', 'warn', '--display', 'term', '--screenshot', livePng, '--record', file, '--', 'sh'],
    [
      { after: '\x1b[c', send: '\x1b[?62;22c' },
      { after: '', send: 'echo typed-$((6*7))\r', delayMs: 300 },
      { after: '', send: 'exit 5\r', delayMs: 300 },
    ],
    60_000,
  );
  if (!run) return console.warn('record-keys: no script(1): the pty check is skipped');
  const recorded = await run;
  expect(recorded.status).toBe(5);
  expect(fs.readFileSync(file, 'utf8')).toContain('"keyboard":"device"');
  expect(fs.readFileSync(file, 'utf8')).toContain('"display":"term"');
  // Replayed on a terminal: the view again, the console in its pane, the
  // same screen at the end (byte-identical screenshots) and the same lines
  // left after the view.
  const replayed = await runJosPty(['run', '--replay', file, '--screenshot', replayPng], [], 60_000)!;
  expect(replayed.stderr + replayed.stdout).toMatch(/replay: \d+ recorded events reproduced, registers and RAM as recorded/);
  expect(replayed.status).toBe(5);
  expect(replayed.stdout).toContain('\x1b[?1049h');
  expect(afterView(replayed.stdout)).toContain('typed-42');
  expect(afterView(replayed.stdout)).toBe(afterView(recorded.stdout));
  expect(fs.readFileSync(replayPng).equals(fs.readFileSync(livePng))).toBe(true);
  // Not on a terminal: the console's bytes on stdout.
  const r = replay(file);
  expect(r.stdout).toContain('typed-42');
  expect(r.stdout).not.toContain('\x1b[?1049h');
  expect(r.status).toBe(5);
}, 120_000);

test('a terminal with the kitty keyboard protocol: presses, a repeat and releases replay as they were', async () => {
  const file = path.join(dir, 'kitty.jsonl');
  const run = runJosPty(
    ['run', '--board', 'pc', '--log-level', 'warn', '--keyboard', 'device', '--record', file, '--', EVDEV, '2'],
    [
      { after: '\x1b[?u', send: '\x1b[?0u\x1b[?62;22c' },
      { after: 'ready for 2 key releases', send: '\x1b[97u' },
      { after: '', send: '\x1b[97;1:2u', delayMs: 200 },
      { after: '', send: '\x1b[97;1:3u\x1b[13u\x1b[13;1:3u', delayMs: 200 },
    ],
    60_000,
  );
  if (!run) return console.warn('record-keys: no script(1): the pty check is skipped');
  const recorded = await run;
  const keys = keyEvents(recorded.stdout);
  expect(keys).toContain('30:2');
  expect(fs.readFileSync(file, 'utf8')).toMatch(/"event","a","repeat",""/);
  const r = replay(file);
  expect(keyEvents(r.stdout)).toEqual(keys);
  expect(r.stdout).toMatch(/evdev: all \d+ checks passed/);
  expect(r.status).toBe(recorded.status);
}, 120_000);
