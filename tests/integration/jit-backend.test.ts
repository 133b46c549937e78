/**
 * `jos run --jit-backend js|wasm`: the two backends of each core's JIT
 * tier run the same machine. A recording (docs/record-replay.md) holds
 * the retired count and checksum at each turn and the RAM hash at the end:
 * both backends must write the same one, instruction for instruction. On
 * pc, a snapshot saved at the end is the same bytes too.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';

describe('--jit-backend', () => {
  test('takes js or wasm', () => {
    const bad = runJos(['run', '--board', 'esp32c3', '--jit-backend', 'asm.js', '--timeout', '0.1']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are js, wasm/);
  });

  test.each(['esp32c3', 'pc'])('%s: js and wasm retire the same instructions and leave the same RAM', (board) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-backend-'));
    try {
      const run = (backend: string) => {
        const file = path.join(dir, `${backend}.rec`);
        const r = runJos([
          'run', '--board', board, '--clock', 'virtual', '--rtc', '2026-01-01T00:00:00', '--log-level', 'error',
          '--append', 'quiet', '--jit-backend', backend, '--record', file, '--',
          '/bin/sh', '-c', 'seq 1 2500 | sort -r | head -3; echo done',
        ], { timeoutMs: 120_000 });
        expect({ backend, status: r.status, stderr: r.stderr }).toEqual({ backend, status: 0, stderr: '' });
        expect(r.stdout.replace(/\r/g, '')).toBe('999\n998\n997\ndone\n');
        return fs.readFileSync(file, 'utf8');
      };
      const js = run('js');
      const wasm = run('wasm');
      const end = (rec: string) => rec.trim().split('\n').filter((l) => l.startsWith('["end"'));
      expect(end(js)).toHaveLength(1);
      expect(end(wasm)).toEqual(end(js));
      expect(wasm).toBe(js);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('pc: js and wasm save the same snapshot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-backend-snap-'));
    try {
      const save = (backend: string) => {
        const file = path.join(dir, `${backend}.snap`);
        const r = runJos([
          'run', '--board', 'pc', '--clock', 'virtual', '--rtc', '2026-01-01T00:00:00', '--log-level', 'error',
          '--append', 'quiet', '--jit-backend', backend, '--save-snapshot', file, '--',
          '/bin/sh', '-c', 'seq 1 2500 | sort -r | head -3',
        ], { timeoutMs: 120_000 });
        expect({ backend, status: r.status, stdout: r.stdout.replace(/\r/g, '') }).toEqual({ backend, status: 0, stdout: '999\n998\n997\n' });
        expect(r.stderr).toMatch(/^jos: snapshot saved to \S+ at instruction \d+\s*$/);
        return fs.readFileSync(file);
      };
      const js = save('js');
      const wasm = save('wasm');
      expect(wasm.length).toBe(js.length);
      expect(wasm.equals(js)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
