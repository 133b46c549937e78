/**
 * Whole-machine snapshots (host/snapshot, docs/snapshots.md): a run saved
 * part-way (--snapshot-at) and restored (--restore) continues exactly as
 * the uninterrupted run: the same console bytes, the same instruction
 * count and virtual time at the end, the same RAM and disk image.
 * (snapshot-files.test.ts: bad files; tests/heavy/snapshots saves at many
 * points of the run.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeDisk, runSplit, runWhole } from '../support/snapshot-runs';

let dir = '';
let base = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-snapshots-'));
  base = makeDisk(dir, 'base.img');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['pc', 2_000_000],
  ['esp32c3', 2_000_000],
])('on the %s board', (board, at) => {
  test('a run saved part-way and restored ends as the uninterrupted run', () => {
    const whole = runWhole(board, dir, base);
    expect(whole.status).toBe(0);
    expect(whole.output).toContain('line4');
    const split = runSplit(board, dir, base, at);
    expect(split.first.status).toBe(0);
    expect(split.first.stderr).toMatch(/snapshot saved to .* at instruction \d+/);
    // Saved at the first turn boundary at or after the count, mid-run.
    expect(split.saved.retired).toBeGreaterThanOrEqual(at);
    expect(split.saved.retired).toBeLessThan(whole.end.retired);
    expect(split.second.stderr).not.toMatch(/error|cannot/i);
    expect(split.second.status).toBe(whole.status);
    expect(split.output).toBe(whole.output);
    expect(split.end.retired).toBe(whole.end.retired);
    expect(split.end.virtualNs).toBe(whole.end.virtualNs);
    expect(split.end.ramSha256).toBe(whole.end.ramSha256);
    expect(split.disk.equals(whole.disk)).toBe(true);
  });
});

