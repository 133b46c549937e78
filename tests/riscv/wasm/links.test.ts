/**
 * Links between wasm regions (arch/riscv/wasm/links.ts): a region leaving
 * for a block another region holds tail-calls it instead of returning to
 * the run loop. The interpreter is the oracle: the same registers, pc and
 * retired count after every run() call, whatever the budget; and a linked
 * block that is overwritten is not run again.
 */
import { RiscvCore } from '../../../arch/riscv/core';
import { Op } from '../../../arch/riscv/opcodes';
import { RegionLinks, linkSlot } from '../../../arch/riscv/wasm/links';
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

// Page 0: a loop of ROUNDS calls of f (page 1); in two rounds halfway, it
// also calls c, whose block sits where the index keeps f's pair: c's region
// (compiled at its second run) takes the slot. Calls of f then miss the
// index once, and the run loop, calling f's region, puts f's pair back.
//  0: a0 = 0; a1 = 0; s0 = 0; s1 = ROUNDS; s2 = ROUNDS / 2;
//     s3 = ROUNDS / 2 + 2; t0 = &f; t1 = &c
// CALLS: jalr ra, t0; s0 += 1; bltu s0, s2, SKIP; bgeu s0, s3, SKIP;
//     jalr ra, t1
// SKIP: blt s0, s1, CALLS
// then j .
/** A RAM offset on page 2 or above whose index slot is f's. */
function collidingWith(f: number): number {
  for (let c = 0x2000; c < (1 << 20) - 8; c += 4) if (linkSlot(c) === linkSlot(f) && c >>> 12 !== f >>> 12) return c;
  throw new Error('no colliding offset');
}
const C = collidingWith(F);

function collisionProgram(): { words: Uint32Array; end: number } {
  const words = new Uint32Array((C + 8) / 4);
  const setup = [
    E.i(Op.ADDI, 10, 0, 0),
    E.i(Op.ADDI, 11, 0, 0),
    E.i(Op.ADDI, 8, 0, 0),
    ...E.li(9, ROUNDS),
    ...E.li(18, ROUNDS / 2),
    ...E.li(19, ROUNDS / 2 + 2),
    ...E.li(5, RAM + F),
    ...E.li(6, RAM + C),
  ];
  const calls = 4 * setup.length;
  const main = [
    ...setup,
    E.i(Op.JALR, 1, 5, 0),
    E.i(Op.ADDI, 8, 8, 1),
    E.b(Op.BLTU, 8, 18, 12),
    E.b(Op.BGEU, 8, 19, 8),
    E.i(Op.JALR, 1, 6, 0),
    E.b(Op.BLT, 8, 9, calls - (calls + 20)),
    E.j(0, 0),
  ];
  words.set(main);
  words.set([E.i(Op.ADDI, 10, 10, 1), E.i(Op.JALR, 0, 1, 0)], F / 4);
  words.set([E.i(Op.ADDI, 11, 11, 1), E.i(Op.JALR, 0, 1, 0)], C / 4);
  return { words, end: 4 * (main.length - 1) };
}

function collisionHart(jit: boolean): RiscvCore {
  const bus = new Bus(1 << 20, 'fault');
  bus.mapRam('ram', RAM, 1 << 20, 0);
  new Uint32Array(bus.ram).set(collisionProgram().words);
  return new RiscvCore(bus, {
    extensions: 'mc', supervisor: false, user: false, interruptModel: 'esp32c3', resetPc: RAM,
    jit, jitThreshold: 2, jitBackend: 'wasm',
  });
}

describe('riscv wasm links: the index', () => {
  test('a block whose pair another region took links again after one call from the run loop', () => {
    const { end } = collisionProgram();
    const core = collisionHart(true);
    const oracle = collisionHart(false);
    for (let k = 0; k < 100 && core.pc !== RAM + end; k++) core.run(1 << 20);
    for (let k = 0; k < 100 && oracle.pc !== RAM + end; k++) oracle.run(1 << 20);
    expect(core.pc).toBe(RAM + end);
    expect([core.x[10], core.x[11]]).toEqual([ROUNDS, 2]);
    expect(state(core)).toEqual(state(oracle));
    const rt = existingRuntime(core)!;
    const f = core.cache.lookup(F);
    const c = core.cache.lookup(C);
    expect(core.cache.compiled[f]).not.toBeNull();
    expect(core.cache.compiled[c]).not.toBeNull();
    // f's pair is in the index again, and the ROUNDS / 2 calls of f after
    // c took its slot did not each go through the run loop.
    const slot = 2 * linkSlot(F);
    expect(rt.links.index[slot]).toBe(F);
    expect(rt.entries).toBeLessThan(ROUNDS / 10);
  });
});

describe('riscv wasm links: the index lives with the core', () => {
  test('a runtime made again for a core (as after each snapshot restore) takes no more of the bus\'s core area', () => {
    const core = hart(true);
    // A restored core gets a new runtime, hence new links, on the same bus
    // layout; before, each took 16 KiB more and the third restore failed.
    for (let k = 0; k < 10; k++) expect(new RegionLinks(core).index.byteOffset).toBe(core.linkIndex.byteOffset);
    expect(() => core.bus.allocCoreWords(1024)).not.toThrow();
  });
});
