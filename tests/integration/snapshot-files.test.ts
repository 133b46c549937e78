/**
 * Bad snapshot files (host/snapshot/snapshot-file.ts, docs/snapshots.md):
 * truncated, damaged, foreign, of another format version, a changed disk
 * image, options that would change the machine: refused with status 2
 * before anything runs. And Ctrl-A S on a terminal saves one as the run
 * goes on.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos, runJosPty } from '../support/run-jos';
import { makeDisk } from '../support/snapshot-runs';

let dir = '';
let base = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-snapshot-files-'));
  base = makeDisk(dir, 'base.img');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bad snapshots are refused with status 2, before anything runs', () => {
  let good = '';
  beforeAll(() => {
    good = path.join(dir, 'good.snap');
    const r = runJos(['run', '--board', 'pc', '--rtc', '2026-01-01T00:00:00Z', '--clock', 'virtual', '--serial', 'none', '--save-snapshot', good, '--snapshot-at', '1000000', '--', 'sh', '-c', 'echo hi; sleep 1']);
    expect(r.status).toBe(0);
  });

  const cases: [string, (bytes: Buffer) => Buffer, RegExp][] = [
    ['truncated', (b) => b.subarray(0, b.length - 1000), /is truncated: \d+ of \d+ bytes of machine state/],
    ['cut in its header', (b) => b.subarray(0, 30), /is truncated \(in its header\)/],
    ['damaged', (b) => { const c = Buffer.from(b); c[c.length - 500] ^= 0x40; return c; }, /is damaged: its machine state does not match its checksum/],
    ['foreign', () => Buffer.from('\x7fELF not a snapshot at all'), /is not a jos snapshot/],
    ['of another format version', (b) => Buffer.from(b.toString('latin1').replace('"version":1,', '"version":99,'), 'latin1'), /format version 99; this jos reads version 1/],
    ['empty', () => Buffer.alloc(0), /is not a jos snapshot/],
  ];
  test.each(cases)('%s', (_name, damage, message) => {
    const file = path.join(dir, 'bad.snap');
    fs.writeFileSync(file, damage(fs.readFileSync(good)));
    const r = runJos(['run', '--restore', file, '--serial', 'stdio']);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe(''); // nothing booted, nothing printed
    expect(r.status).toBe(2);
  });

  test('a snapshot with a disk refuses another image (size and hash)', () => {
    const image = path.join(dir, 'check.img');
    fs.copyFileSync(base, image);
    const snap = path.join(dir, 'with-disk.snap');
    const r = runJos(['run', '--board', 'pc', '--rtc', '2026-01-01T00:00:00Z', '--clock', 'virtual', '--serial', 'none', '--disk', image, '--save-snapshot', snap, '--snapshot-at', '1000000', '--', 'sh', '-c', 'echo x > /mnt/f; sync; sleep 1']);
    expect(r.status).toBe(0);
    const other = path.join(dir, 'other.img');
    fs.copyFileSync(image, other);
    fs.appendFileSync(other, Buffer.alloc(512));
    const refused = runJos(['run', '--restore', snap, '--disk', other]);
    expect(refused.stderr).toMatch(/the disk image .*other\.img is not the one the snapshot was saved with/);
    expect(refused.status).toBe(2);
  });

  test('options that would change the machine are refused', () => {
    const r = runJos(['run', '--restore', good, '--memory', '128M']);
    expect(r.stderr).toMatch(/--restore: the snapshot fixes the machine; --memory cannot be given with it/);
    expect(r.status).toBe(2);
    const other = runJos(['run', '--restore', good, '--board', 'esp32c3']);
    expect(other.stderr).toMatch(/the snapshot is of the pc board, not esp32c3/);
    expect(other.status).toBe(2);
  });
});

test('Ctrl-A S on a terminal saves the machine and the run goes on; the snapshot resumes there', async () => {
  const file = path.join(dir, 'key.snap');
  const typed = await runJosPty(['run', '--board', 'pc', '--log-level', 'error', '--append', 'quiet', '--clock', 'virtual', '--timeout', '60', '--save-snapshot', file, '--', 'sh'], [
    { after: 'jos:/$ ', send: 'echo before > /tmp/mark\r' },
    { after: 'jos:/$ ', send: '\x01s', delayMs: 200 },
    { after: `snapshot saved to ${file}`, send: 'echo after-the-save\r' },
    { after: 'after-the-save', send: 'exit 4\r' },
  ]);
  if (typed === null) {
    console.warn('snapshot-files: the Ctrl-A S case skipped: script(1) (util-linux / bsdutils) is missing');
    return;
  }
  expect(typed.stdout).toMatch(/snapshot saved to .*key\.snap at instruction \d+[\s\S]*after-the-save/);
  expect(typed.status).toBe(4);
  // Ctrl-A S saved, then the end of the run saved again, over it: the
  // file holds the machine at its end, with the shell gone.
  const restored = runJos(['run', '--restore', file, '--serial', 'stdio']);
  expect(restored.status).toBe(4);
});
