/**
 * How the JIT tier chooses what to compile (arch/riscv/jit.ts, executor.ts;
 * the JavaScript backend):
 * a loop that is one block branching to itself counts a run per round; a
 * region leaves out blocks that ran too rarely; the result is the
 * interpreter's in every case.
 */
import { RiscvCore } from '../../arch/riscv/core';
import { JIT_THRESHOLD } from '../../arch/riscv/jit';
import { Op } from '../../arch/riscv/opcodes';
import { Bus } from '../../platform/bus';
import * as E from './encoder';

const RAM = 0x8000_0000;

function hart(code: number[], jit: boolean): RiscvCore {
  const bus = new Bus(1 << 20, 'fault');
  bus.mapRam('ram', RAM, 1 << 20, 0);
  new Uint32Array(bus.ram).set(code);
  return new RiscvCore(bus, { extensions: 'mc', supervisor: false, user: false, interruptModel: 'esp32c3', resetPc: RAM, jit, jitBackend: 'js' });
}

/** Runs until pc reaches `end` (a `j .`); returns the core. */
function runTo(code: number[], end: number, jit: boolean): RiscvCore {
  const core = hart(code, jit);
  for (let k = 0; k < 1000 && core.pc !== RAM + end; k++) core.run(1 << 14);
  expect(core.pc).toBe(RAM + end);
  return core;
}

/** The block at byte offset `off` of the program, or -1. */
function blockAt(core: RiscvCore, off: number): number {
  return core.cache.lookup(off);
}

describe('riscv JIT: what gets compiled', () => {
  // 0: a0 = 0
  // 4: a1 = 1000                 <- outer loop, 4 rounds
  // 8: a1 -= 1; bnez a1, 8       <- one block branching to itself
  // 16: a0 += 1; blt a0, 4, 4
  // 24: j .
  const tight = [
    E.i(Op.ADDI, 10, 0, 0),
    E.i(Op.ADDI, 11, 0, 1000),
    E.i(Op.ADDI, 11, 11, -1),
    E.b(Op.BNE, 11, 0, -4),
    E.i(Op.ADDI, 10, 10, 1),
    E.i(Op.ADDI, 5, 0, 4),
    E.b(Op.BLT, 10, 5, -20),
    E.j(0, 0),
  ];

  test('a block that loops on itself is compiled after JIT_THRESHOLD rounds, though entered 4 times', () => {
    expect(4 * 1000).toBeGreaterThan(JIT_THRESHOLD);
    const core = runTo(tight, 28, true);
    expect(core.x[10]).toBe(4);
    expect(core.x[11]).toBe(0);
    const b = blockAt(core, 8);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(core.cache.compiled[b]).not.toBeNull();
    // The outer loop's blocks ran 4 times: interpreted only.
    expect(core.cache.compiled[blockAt(core, 16)]).toBeNull();
  });

  test('the same program without the JIT compiles nothing and ends the same', () => {
    const core = runTo(tight, 28, false);
    expect([core.x[10], core.x[11], core.retired]).toEqual([4, 0, runTo(tight, 28, true).retired]);
    expect(core.cache.compiled[blockAt(core, 8)]).toBeNull();
  });

  // A hot loop (3000 rounds) with a block taken in its first round and then
  // once every 1024 rounds:
  // 0: a0 = 0; a2 = 0; t1 = 1023
  // 12: a0 += 1; t0 = (a0 & t1) - 1; bnez t0, 32
  // 28: a2 += 1                  <- the rare block (a0 = 1, 1025, 2049)
  // 32: blt a0, 3000, 12
  // 44: j .
  const rare = [
    E.i(Op.ADDI, 10, 0, 0),
    E.i(Op.ADDI, 12, 0, 0),
    E.i(Op.ADDI, 6, 0, 1023),
    E.i(Op.ADDI, 10, 10, 1),
    E.r(Op.AND, 5, 10, 6),
    E.i(Op.ADDI, 5, 5, -1),
    E.b(Op.BNE, 5, 0, 8),
    E.i(Op.ADDI, 12, 12, 1),
    ...E.li(7, 3000),
    E.b(Op.BLT, 10, 7, -28),
    E.j(0, 0),
  ];

  test('a block that ran too rarely when its loop was compiled stays out of the region, and the result is the same', () => {
    const jit = runTo(rare, 44, true);
    const interp = runTo(rare, 44, false);
    expect([jit.x[10], jit.x[12], jit.retired]).toEqual([interp.x[10], interp.x[12], interp.retired]);
    expect(jit.x[12]).toBe(3);
    // The loop is compiled; the rare block (decoded in the first round, so
    // reachable when the region was built) ran 3 times and is in no region.
    expect(jit.cache.compiled[blockAt(jit, 12)]).not.toBeNull();
    expect(jit.cache.compiled[blockAt(jit, 32)]).not.toBeNull();
    expect(blockAt(jit, 28)).toBeGreaterThanOrEqual(0);
    expect(jit.cache.compiled[blockAt(jit, 28)]).toBeNull();
  });
});
