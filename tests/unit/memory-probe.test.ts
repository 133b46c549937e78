/**
 * scripts/memory-probe.js: as a preload it records the process's peak and
 * what it was made of; run with the file, it prints the breakdown. A child
 * node process holds 64 MiB of ArrayBuffer (touched) and 1 MiB of wasm
 * memory until it exits: the probe must see both where they belong.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PROBE = path.join(__dirname, '..', '..', 'scripts', 'memory-probe.js');
const MIB = 2 ** 20;

describe('memory-probe', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-memory-probe-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('records the peak with the ArrayBuffers and the wasm memory it held, and reports them', () => {
    const out = path.join(dir, 'probe.json');
    const script = 'globalThis.keep = [Buffer.alloc(64 << 20, 1), new WebAssembly.Memory({ initial: 16 })]; new Uint8Array(globalThis.keep[1].buffer).fill(2);';
    const run = spawnSync(process.execPath, ['-r', PROBE, '-e', script], { env: { ...process.env, MEMORY_PROBE: out }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const { peak } = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(peak.heap.arrayBuffers).toBeGreaterThanOrEqual(64 * MIB);
    expect(peak.status.rss * 1024).toBeGreaterThan(64 * MIB);
    expect(peak.smaps.wasmMemory * 1024).toBeGreaterThanOrEqual(MIB);
    expect(peak.smaps.file).toBeGreaterThan(0);
    const report = spawnSync(process.execPath, [PROBE, out], { encoding: 'utf8' });
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/^peak resident set \d+\.\d MiB/m);
    expect(report.stdout).toMatch(/guest RAM \(wasm memory, touched\) \d+\.\d MiB/);
    expect(report.stdout).toMatch(/of which ArrayBuffers (6[4-9]|[7-9]\d)\.\d MiB/);
  });

  test('without a file to report, says how it is used', () => {
    const r = spawnSync(process.execPath, [PROBE], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: node scripts\/memory-probe\.js FILE/);
  });
});
