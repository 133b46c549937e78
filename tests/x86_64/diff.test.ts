/**
 * Differential test against the host CPU: cases generated from every
 * harness-eligible row of the opcode table run natively and on the core.
 * X86_DIFF_PER_ROW / X86_DIFF_SEED scale and replay it.
 */
import { Rng, diffRows, makeCase } from './gen/generate';
import { CoreRunner, INTERPRETER, JIT_AT_FIRST_RUN, runDifferential } from './harness/diff';
import { TEMPLATES, makeTemplateCase } from './gen/templates';

const PER_ROW = Number(process.env.X86_DIFF_PER_ROW ?? 24);
const SEED = Number(process.env.X86_DIFF_SEED ?? 12345);

// Both tiers: the interpreter alone, and the JIT compiling every block at
// its first run.
const MODES = [['interpreter', INTERPRETER], ['JIT', JIT_AT_FIRST_RUN]] as const;

describe.each(MODES)('x86_64 core (%s) vs the host CPU', (_mode, options) => {
  it(`matches on ${PER_ROW} random cases per opcode-table row`, () => {
    const rows = diffRows();
    const rng = new Rng(SEED);
    const cases = [];
    for (const row of rows) for (let k = 0; k < PER_ROW; k++) cases.push(makeCase(rng, row, rows));
    const runner = new CoreRunner(options);
    const failures = runDifferential(cases, runner);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 12).join('\n')}`);
    }
    expect(cases.length).toBeGreaterThan(rows.length);
    // The JIT run really ran compiled code (every case's blocks).
    expect(runner.core.jit?.compiled ?? 0).toBeGreaterThanOrEqual(options.jit === false ? 0 : cases.length);
  });

  it('matches on branches, calls, the stack and string instructions (templates)', () => {
    const rng = new Rng(SEED + 1);
    const cases = [];
    for (const [name, t] of TEMPLATES) for (let k = 0; k < PER_ROW * 20; k++) cases.push(makeTemplateCase(rng, name, t));
    const runner = new CoreRunner(options);
    const failures = runDifferential(cases, runner);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 12).join('\n')}`);
    }
  });
});
