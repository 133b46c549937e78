/**
 * jos run --record / --replay (host/replay): a recorded session replays
 * without input to the same console bytes and exit status, with its
 * register and RAM checksums; typed input on a real pseudo-terminal (the
 * wall clock moves time while idle) replays too; a damaged or foreign
 * recording is a clear error (status 2), and a recording whose input was
 * changed is reported as a divergence (status 1) naming where. A run with
 * a disk replays from the copy of the image the recording keeps.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos, runJosPty } from '../support/run-jos';

const quiet = ['--log-level', 'error', '--append', 'quiet', '--timeout', '60'];
let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-replay-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SESSION = 'echo hello from the shell\nls /bin | wc -l\nfor x in 1 2 3; do echo $x; done\nexit 5\n';

describe.each(['pc', 'esp32c3'])('on the %s board', (board) => {
  test('a piped session replays without input: the same bytes, the same status', () => {
    const file = path.join(dir, `${board}-piped.jsonl`);
    const recorded = runJos(['run', '--board', board, ...quiet, '--record', file, '--', 'sh'], { input: SESSION });
    expect(recorded.status).toBe(5);
    expect(recorded.stdout).toContain('hello from the shell');
    const replayed = runJos(['run', '--replay', file], { input: 'this input must be ignored\n' });
    expect(replayed.stderr).toMatch(/replay: \d+ recorded events reproduced, registers and RAM as recorded/);
    expect(replayed.stdout).toBe(recorded.stdout);
    expect(replayed.status).toBe(5);
  });

  test('a session with a disk (--disk) replays from the recording\'s copy of the image', () => {
    const image = path.join(dir, `${board}-disk.img`);
    const created = runJos(['disk', 'create', image, '--size', '4M']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const file = path.join(dir, `${board}-disk.jsonl`);
    const recorded = runJos(['run', '--board', board, ...quiet, '--disk', image, '--record', file, '--', 'sh'], { input: 'echo kept >> /mnt/f\necho again >> /mnt/f\ncat /mnt/f\nexit 6\n' });
    expect(recorded.status).toBe(6);
    expect(recorded.stdout).toMatch(/kept\r?\nagain/);
    // The run changed the image; the replay uses the copy taken before it.
    const replayed = runJos(['run', '--replay', file]);
    expect(replayed.stderr).toMatch(/recorded events reproduced/);
    expect(replayed.stdout).toBe(recorded.stdout);
    expect(replayed.status).toBe(6);
    const copy = `${file}.disk`;
    const bytes = fs.readFileSync(copy);
    bytes[1024 + 10] ^= 1; // the ext2 superblock
    fs.writeFileSync(copy, bytes);
    const refused = runJos(['run', '--replay', file]);
    expect(refused.stderr).toMatch(/the recording's disk image .* is not the one recorded/);
    expect(refused.status).toBe(2);
  });

  test('a changed input byte is reported as a divergence, with where', () => {
    const file = path.join(dir, `${board}-piped.jsonl`);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const first = lines.findIndex((l) => l.startsWith('["in",'));
    const event = JSON.parse(lines[first]);
    event[4] = event[4] ^ 1; // another character
    lines[first] = JSON.stringify(event);
    const changed = path.join(dir, `${board}-changed.jsonl`);
    fs.writeFileSync(changed, lines.join('\n'));
    const r = runJos(['run', '--replay', changed]);
    expect(r.stderr).toMatch(/replay diverged at instruction \d+, virtual time [\d.]+ ns \(recorded event \d+ of \d+\)/);
    expect(r.status).toBe(1);
  });
});

test('typed input on a terminal (the wall clock moving idle time) replays to the same output', async () => {
  const file = path.join(dir, 'pty.jsonl');
  const recorded = await runJosPty(['run', '--board', 'pc', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--record', file, '--', 'sh'], [
    { after: 'jos:/$ ', send: 'echo typed\r', delayMs: 200 },
    { after: 'jos:/$ ', send: 'sleep 1\r', delayMs: 300 },
    { after: 'jos:/$ ', send: 'exit 4\r', delayMs: 200 },
  ]);
  if (recorded === null) {
    console.warn('record-replay: the pty case skipped: script(1) (util-linux / bsdutils) is missing');
    return;
  }
  expect(recorded.status).toBe(4);
  const moves = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('["move",'));
  expect(moves.length).toBeGreaterThan(0);
  const replayed = runJos(['run', '--replay', file]);
  expect(replayed.status).toBe(4);
  // The pty turned each \n into \r\n on the way out.
  expect(recorded.stdout.replace(/\r\r\n|\r\n/g, '\n')).toContain(replayed.stdout.replace(/\r\n/g, '\n').replace(/\r/g, ''));
  expect(replayed.stdout).toContain('typed');
});

describe('bad recordings are refused with status 2', () => {
  const cases: [string, (text: string) => string, RegExp][] = [
    ['truncated (no end record)', (t) => t.split('\n').slice(0, 5).join('\n'), /is truncated: it has no end record/],
    ['a damaged event line', (t) => t.replace('["in",', '["in",,'), /line \d+: not a recorded event \(the file is damaged\)/],
    ['a foreign file', () => 'root:x:0:0:root:/root:/bin/bash\n', /is not a JOS recording/],
    ['another format version', (t) => t.replace('"version":2', '"version":99'), /recording format version 99; this jos reads versions 1 and 2/],
    ['an empty file', () => '', /is empty, not a JOS recording/],
  ];
  test.each(cases)('%s', (_name, damage, message) => {
    const source = path.join(dir, 'pc-piped.jsonl');
    const file = path.join(dir, 'damaged.jsonl');
    fs.writeFileSync(file, damage(fs.readFileSync(source, 'utf8')));
    const r = runJos(['run', '--replay', file]);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  test('a missing file, and --record with what it cannot record yet', () => {
    expect(runJos(['run', '--replay', path.join(dir, 'nope.jsonl')]).status).toBe(2);
    const r = runJos(['run', '--board', 'pc', '--record', path.join(dir, 'x.jsonl'), '--gdb', '0', '--', 'hello']);
    expect(r.stderr).toMatch(/--record: a run under --gdb cannot be recorded yet/);
    expect(r.status).toBe(2);
  });
});
