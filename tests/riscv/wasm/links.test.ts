/**
 * Links between wasm regions (arch/riscv/wasm/links.ts): a region leaving
 * for a block another region holds tail-calls it instead of returning to
 * the run loop. The interpreter is the oracle: the same registers, pc and
 * retired count after every run() call, whatever the budget; and a linked
 * block that is overwritten is not run again.
 */
import { RiscvCore } from '../../../arch/riscv/core';
import { Op } from '../../../arch/riscv/opcodes';
import { existingRuntime } from '../../../arch/riscv/wasm/runtime';
import { Bus } from '../../../platform/bus';
import * as E from '../encoder';

const RAM = 0x8000_0000;
const ROUNDS = 3000;
const F = 0x1000;

// Page 0: a loop of ROUNDS calls of f, on page 1 (so in another region);
// halfway through, f's first instruction is overwritten (a0 += 1 becomes
// a0 += 2) by a store, with no fence.i: the core drops the page's blocks on
// the write itself, while the loop's region, which links to f, stays.
//  0: a0 = 0; s0 = 0; s1 = ROUNDS; s2 = ROUNDS / 2; t0 = &f;
//     t1 = `addi a0, a0, 2`
// 40: jal ra, f; s0 += 1; bne s0, s2, 56
// 52: sw t1, 0(t0)
// 56: blt s0, s1, 40
// 60: j .
const LOOP = 40;
const END = 60;
function program(): Uint32Array {
  const words = new Uint32Array((F + 8) / 4);
  const main = [
    E.i(Op.ADDI, 10, 0, 0),
    E.i(Op.ADDI, 8, 0, 0),
    ...E.li(9, ROUNDS),
    ...E.li(18, ROUNDS / 2),
    ...E.li(5, RAM + F),
    ...E.li(6, E.i(Op.ADDI, 10, 10, 2) | 0),
    E.j(1, F - LOOP),
    E.i(Op.ADDI, 8, 8, 1),
    E.b(Op.BNE, 8, 18, 8),
    E.s(Op.SW, 5, 6, 0),
    E.b(Op.BLT, 8, 9, LOOP - 56),
    E.j(0, 0),
  ];
  expect(main.length * 4).toBe(END + 4);
  words.set(main);
  words.set([E.i(Op.ADDI, 10, 10, 1), E.i(Op.JALR, 0, 1, 0)], F / 4);
  return words;
}

function hart(jit: boolean): RiscvCore {
  const bus = new Bus(1 << 20, 'fault');
  bus.mapRam('ram', RAM, 1 << 20, 0);
  new Uint32Array(bus.ram).set(program());
  return new RiscvCore(bus, {
    extensions: 'mc', supervisor: false, user: false, interruptModel: 'esp32c3', resetPc: RAM,
    jit, jitThreshold: 2, jitBackend: 'wasm',
  });
}

function state(core: RiscvCore): number[] {
  return [core.pc, core.retired, ...core.x];
}

describe('riscv wasm regions linked to each other', () => {
  test('a loop calling into another page runs linked, with the interpreter\'s result, and an overwritten callee is not run again', () => {
    const core = hart(true);
    for (let k = 0; k < 100 && core.pc !== RAM + END; k++) core.run(1 << 20);
    expect(core.pc).toBe(RAM + END);
    expect(core.x[10]).toBe(ROUNDS / 2 + 2 * (ROUNDS / 2));
    const oracle = hart(false);
    for (let k = 0; k < 100 && oracle.pc !== RAM + END; k++) oracle.run(1 << 20);
    expect(state(core)).toEqual(state(oracle));
    // ROUNDS calls and returns, each crossing from one region to the
    // other: nearly all of them without the run loop.
    const rt = existingRuntime(core)!;
    expect(rt.compiledRegions).toBeGreaterThanOrEqual(2);
    expect(rt.entries).toBeLessThan(ROUNDS / 10);
  });

  test('the budget ends a run at the interpreter\'s block boundary, linked or not', () => {
    const core = hart(true);
    const oracle = hart(false);
    const budgets = [1, 3, 7, 50, 333, 2];
    for (let k = 0; k < 10_000 && oracle.pc !== RAM + END; k++) {
      const budget = budgets[k % budgets.length];
      oracle.run(budget);
      core.run(budget);
      expect(state(core)).toEqual(state(oracle));
    }
    expect(oracle.pc).toBe(RAM + END);
    expect(existingRuntime(core)!.compiledRegions).toBeGreaterThanOrEqual(2);
  });
});
