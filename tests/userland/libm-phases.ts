/**
 * libm's fast phase (Ziv's first step: double arithmetic and an error
 * bound, docs/libm.md) may only answer when its answer is the one the
 * double-double path rounds to. userland/tests/libm/phases.c, built with
 * `jos cc` against the committed libc.a, calls both phases of exp, exp2,
 * log, log2, log10, pow, sin, cos, tan, atan, sinh, cosh, tanh, cbrt, expm1 and log1p on many
 * arguments (working range, near 1, every binade, next to rounding
 * boundaries; for sin and cos tiny to huge) and counts disagreements:
 * there must be none, and the fast phase must answer almost always (else
 * the speed is lost). Natively as x86_64 (SSE2) and under qemu-riscv32
 * (libgcc soft-float). npm test samples (libm-phases.test.ts); the heavy
 * suite sweeps 2,000,000 arguments natively and 50,000 under qemu
 * (tests/heavy/libm-phases.test.ts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';
import { USERLAND, which } from './oracle';

const SOURCE = path.join(USERLAND, 'tests', 'libm', 'phases.c');
/** Arguments per function: natively (pc's x86_64) and under qemu-riscv32. */
export function describePhases(counts: { native: number; qemu: number }): void {
  const TARGETS = [
    { board: 'pc', compiler: 'gcc', runner: [] as string[], count: String(counts.native) },
    { board: 'esp32c3', compiler: 'riscv64-unknown-elf-gcc', runner: ['qemu-riscv32'], count: String(counts.qemu) },
  ];

  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-libm-phases-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe.each(TARGETS)('exp, exp2, log, log2, log10, sin, cos, tan, atan, sinh, cosh, tanh, pow, cbrt, expm1, log1p: the phases agree ($board)', ({ board, compiler, runner, count }) => {
    const native = board !== 'pc' || (process.platform === 'linux' && process.arch === 'x64');
    const missing = [compiler, ...runner].filter((tool) => which(tool) === null);
    if (missing.length > 0) console.warn(`libm-phases: skipping ${board}: ${missing.join(', ')} not installed`);
    const maybe = missing.length === 0 && native ? test : test.skip;

    maybe(`${count} arguments each: the fast phase answers >= 99% of calls and never differs`, () => {
      const elf = path.join(dir, `phases-${board}`);
      const built = runJos(['cc', '--board', board, '-O2', SOURCE, '-o', elf]);
      expect([built.status, built.stderr]).toEqual([0, '']);
      const [command, ...args] = [...runner, elf, count, '20261205'];
      const r = spawnSync(command, args, { encoding: 'utf8', timeout: 240_000 });
      console.log(`libm phases (${board}):\n${r.stdout}`);
      expect(r.status).toBe(0);
      const lines = r.stdout.trim().split('\n');
      for (const name of ['exp', 'log', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'pow', 'exp2', 'log2', 'log10', 'cbrt', 'tanh', 'expm1', 'log1p']) {
        const m = new RegExp(`^${name}: (\\d+) arguments, fast phase answered (\\d+) \\([\\d.]+%\\), disagreed (\\d+)$`, 'm').exec(r.stdout);
        expect(m).not.toBeNull();
        const [calls, fast, wrong] = [Number(m![1]), Number(m![2]), Number(m![3])];
        expect(calls).toBe(Number(count));
        expect(wrong).toBe(0);
        expect(fast / calls).toBeGreaterThan(0.99);
      }
      expect(lines).toHaveLength(16);
    }, 300_000);
  });
}
