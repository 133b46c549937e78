/**
 * The JIT's wasm backend against the host CPU: diff.test.ts's cases with
 * every block compiled to a wasm region at its first run (lowered
 * instructions and handler calls alike). X86_DIFF_PER_ROW / X86_DIFF_SEED
 * scale and replay it (fewer cases per row by default than diff.test.ts:
 * each case compiles its own modules).
 */
import { Rng, diffRows, makeCase } from './gen/generate';
import { CoreRunner, WASM_AT_FIRST_RUN, runDifferential } from './harness/diff';
import { TEMPLATES, makeTemplateCase } from './gen/templates';
import { existingRuntime } from '../../arch/x86_64/wasm/runtime';

const PER_ROW = Number(process.env.X86_DIFF_PER_ROW ?? 8);
const SEED = Number(process.env.X86_DIFF_SEED ?? 12345);

describe('x86_64 core (JIT wasm) vs the host CPU', () => {
  it(`matches on ${PER_ROW} random cases per opcode-table row`, () => {
    const rows = diffRows();
    const rng = new Rng(SEED);
    const cases = [];
    for (const row of rows) for (let k = 0; k < PER_ROW; k++) cases.push(makeCase(rng, row, rows));
    const runner = new CoreRunner(WASM_AT_FIRST_RUN);
    const failures = runDifferential(cases, runner);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 12).join('\n')}`);
    }
    // Every case ran compiled regions, and most instructions were lowered.
    const rt = existingRuntime(runner.core)!;
    expect(rt.compiledRegions).toBeGreaterThanOrEqual(cases.length);
    expect(rt.lowered).toBeGreaterThan(0);
    expect(rt.handled).toBeGreaterThan(0);
  });

  it('matches on branches, calls, the stack and string instructions (templates)', () => {
    const rng = new Rng(SEED + 1);
    const cases = [];
    for (const [name, t] of TEMPLATES) for (let k = 0; k < PER_ROW * 20; k++) cases.push(makeTemplateCase(rng, name, t));
    const runner = new CoreRunner(WASM_AT_FIRST_RUN);
    const failures = runDifferential(cases, runner);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 12).join('\n')}`);
    }
    expect(existingRuntime(runner.core)!.compiledRegions).toBeGreaterThan(0);
  });
});
