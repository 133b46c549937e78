/**
 * What a wasm region holds (arch/riscv/wasm/region.ts): at most
 * MAX_REGION_INSNS instructions, and a region that keeps leaving for a
 * block it could not take is not compiled again for nothing. The
 * interpreter is the oracle for the result.
 */
import { RiscvCore } from '../../../arch/riscv/core';
import { Op } from '../../../arch/riscv/opcodes';
import { MAX_REGION_INSNS } from '../../../arch/riscv/wasm/region';
import { existingRuntime } from '../../../arch/riscv/wasm/runtime';
import { Bus } from '../../../platform/bus';
import * as E from '../encoder';

const RAM = 0x8000_0000;
const ROUNDS = 300;
/** Instructions of each of the loop's two blocks: both together do not
 * fit in one region. */
const FILL = 100;

// 0: a0 = 0; s1 = ROUNDS
// A (8): FILL x a1 += 1; j B
// B: FILL x a2 += 1; a0 += 1; blt a0, s1, A
// END: j .
const A = 8;
const B = A + 4 * (FILL + 1);
const END = B + 4 * (FILL + 2);
function program(): Uint32Array {
  const words = [
    E.i(Op.ADDI, 10, 0, 0),
    E.i(Op.ADDI, 9, 0, ROUNDS),
    ...new Array<number>(FILL).fill(E.i(Op.ADDI, 11, 11, 1)),
    E.j(0, B - (B - 4)),
    ...new Array<number>(FILL).fill(E.i(Op.ADDI, 12, 12, 1)),
    E.i(Op.ADDI, 10, 10, 1),
    E.b(Op.BLT, 10, 9, A - (END - 4)),
    E.j(0, 0),
  ];
  expect(words.length * 4).toBe(END + 4);
  return Uint32Array.from(words);
}

function run(jit: boolean): RiscvCore {
  const bus = new Bus(1 << 20, 'fault');
  bus.mapRam('ram', RAM, 1 << 20, 0);
  new Uint32Array(bus.ram).set(program());
  const core = new RiscvCore(bus, {
    extensions: 'mc', supervisor: false, user: false, interruptModel: 'esp32c3', resetPc: RAM,
    jit, jitThreshold: 2, jitBackend: 'wasm',
  });
  for (let k = 0; k < 100 && core.pc !== RAM + END; k++) core.run(1 << 20);
  expect(core.pc).toBe(RAM + END);
  return core;
}

describe('riscv wasm regions: shape', () => {
  test('two blocks too large for one region run in two regions, compiled once each, with the interpreter\'s result', () => {
    expect(2 * FILL + 3).toBeGreaterThan(MAX_REGION_INSNS);
    expect(FILL + 2).toBeLessThanOrEqual(MAX_REGION_INSNS);
    const core = run(true);
    const ref = run(false);
    expect([core.retired, ...core.x]).toEqual([ref.retired, ...ref.x]);
    expect(core.x[10]).toBe(ROUNDS);
    const a = core.cache.lookup(A);
    const b = core.cache.lookup(B);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(core.cache.compiled[a]).not.toBeNull();
    expect(core.cache.compiled[b]).not.toBeNull();
    expect(core.cache.compiled[a]).not.toBe(core.cache.compiled[b]);
    // Each region leaves for the other's block ROUNDS times, which asks
    // for a rebuild after 64; the blocks would be the same, so no compile:
    // three regions, A's, B's and the last `j .`'s (a loop of its own).
    expect(existingRuntime(core)!.compiledRegions).toBe(3);
  });
});
