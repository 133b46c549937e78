/**
 * Snapshots at many points of a run (npm run test:heavy): on each board the
 * workload of tests/support/snapshot-runs.ts is saved at several
 * instruction counts, from early boot of the first program to near its
 * end, and each restored run must end as the uninterrupted one: the same
 * console bytes, instruction count, virtual time, RAM and disk image.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeDisk, runSplit, runWhole } from '../../support/snapshot-runs';

let dir = '';
let base = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-snapshot-points-'));
  base = makeDisk(dir, 'base.img');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const FRACTIONS = [0.05, 0.2, 0.4, 0.6, 0.8, 0.95];

describe.each(['pc', 'esp32c3'])('on the %s board', (board) => {
  test(`saved at ${FRACTIONS.length} points, every restored run ends as the uninterrupted run`, () => {
    const whole = runWhole(board, dir, base);
    expect(whole.status).toBe(0);
    for (const fraction of FRACTIONS) {
      const at = Math.floor(whole.end.retired * fraction);
      const split = runSplit(board, dir, base, at);
      const where = `saved at ${split.saved.retired} (${fraction} of ${whole.end.retired})`;
      expect({ where, status: split.second.status }).toEqual({ where, status: whole.status });
      expect({ where, same: split.output === whole.output }).toEqual({ where, same: true });
      expect({ where, retired: split.end.retired, ns: split.end.virtualNs, ram: split.end.ramSha256 }).toEqual({ where, retired: whole.end.retired, ns: whole.end.virtualNs, ram: whole.end.ramSha256 });
      expect({ where, disk: split.disk.equals(whole.disk) }).toEqual({ where, disk: true });
    }
  }, 600_000);
});
