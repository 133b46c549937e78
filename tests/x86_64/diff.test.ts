/**
 * Differential test against the host CPU: cases generated from every
 * harness-eligible row of the opcode table run natively and on the core.
 * X86_DIFF_PER_ROW / X86_DIFF_SEED scale and replay it.
 */
import { Rng, diffRows, makeCase } from './gen/generate';
import { runDifferential } from './harness/diff';
import { TEMPLATES, makeTemplateCase } from './gen/templates';

const PER_ROW = Number(process.env.X86_DIFF_PER_ROW ?? 24);
const SEED = Number(process.env.X86_DIFF_SEED ?? 12345);

describe('x86_64 core vs the host CPU', () => {
  it(`matches on ${PER_ROW} random cases per opcode-table row`, () => {
    const rows = diffRows();
    const rng = new Rng(SEED);
    const cases = [];
    for (const row of rows) for (let k = 0; k < PER_ROW; k++) cases.push(makeCase(rng, row, rows));
    const failures = runDifferential(cases);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 12).join('\n')}`);
    }
    expect(cases.length).toBeGreaterThan(rows.length);
  });

  it('matches on branches, calls, the stack and string instructions (templates)', () => {
    const rng = new Rng(SEED + 1);
    const cases = [];
    for (const [name, t] of TEMPLATES) for (let k = 0; k < PER_ROW * 20; k++) cases.push(makeTemplateCase(rng, name, t));
    const failures = runDifferential(cases);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 12).join('\n')}`);
    }
  });
});
