/** The wasm backend (arch/riscv/wasm) runs regions: the ISA tests pass on
 * it in tests/riscv/isa.test.ts; here, that they ran as wasm at all. */
import * as path from 'path';
import { existingRuntime } from '../../../arch/riscv/wasm/runtime';
import { runElf } from '../run-elf';

const PREBUILT = path.join(__dirname, '..', 'isa', 'prebuilt');

test('the wasm tier compiles regions to wasm and runs them', async () => {
  const run = await runElf(path.join(PREBUILT, 'alu.elf'), undefined, 'wasm');
  expect(run.status).toBe(0);
  const rt = existingRuntime(run.machine.core);
  expect(rt?.compiledRegions ?? 0).toBeGreaterThan(10);
});
