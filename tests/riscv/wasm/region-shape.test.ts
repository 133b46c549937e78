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

// A block that loops on itself (INNER, which stores a half-word that is
// misaligned every other round: a call out), then a branch whose
// not-taken side is the next block in the page (B2 -> B3) and a jump back:
//  0: a0 = 0; s0 = 0; s1 = LOOPS; t0 = RAM + 0x8000
//  L: a1 = 0; s2 = 10
//  INNER: a0 += a1; t2 = a1 & 1; t3 = t0 + t2; sh a0, 0(t3); lh a2, 0(t3);
//     a0 += a2; a1 += 1; blt a1, s2, INNER
//  B2: t2 = s0 & 3; beq t2, x0, B4
//  B3: a0 += 7
//  B4: s0 += 1; blt s0, s1, L
//  then j .
const LOOPS = 400;
function loopProgram(): { words: Uint32Array; end: number } {
  const setup = [E.i(Op.ADDI, 10, 0, 0), E.i(Op.ADDI, 8, 0, 0), ...E.li(9, LOOPS), ...E.li(5, RAM + 0x8000)];
  const L = 4 * setup.length;
  const inner = L + 8;
  const b2 = inner + 4 * 8;
  const b4 = b2 + 12;
  const words = [
    ...setup,
    E.i(Op.ADDI, 11, 0, 0),
    E.i(Op.ADDI, 18, 0, 10),
    E.r(Op.ADD, 10, 10, 11),
    E.i(Op.ANDI, 7, 11, 1),
    E.r(Op.ADD, 28, 5, 7),
    E.s(Op.SH, 28, 10, 0),
    E.i(Op.LH, 12, 28, 0),
    E.r(Op.ADD, 10, 10, 12),
    E.i(Op.ADDI, 11, 11, 1),
    E.b(Op.BLT, 11, 18, inner - (b2 - 4)),
    E.i(Op.ANDI, 7, 8, 3),
    E.b(Op.BEQ, 7, 0, b4 - (b2 + 4)),
    E.i(Op.ADDI, 10, 10, 7),
    E.i(Op.ADDI, 8, 8, 1),
    E.b(Op.BLT, 8, 9, L - (b4 + 4)),
    E.j(0, 0),
  ];
  expect(4 * words.length).toBe(b4 + 12);
  return { words: Uint32Array.from(words), end: b4 + 8 };
}

/** A hart running `words` from RAM's start: with wasm regions compiled
 * after two runs of a block, or interpreting (the oracle). */
function hartWith(words: Uint32Array, jit: boolean): RiscvCore {
  const bus = new Bus(1 << 20, 'fault');
  bus.mapRam('ram', RAM, 1 << 20, 0);
  new Uint32Array(bus.ram).set(words);
  return new RiscvCore(bus, {
    extensions: 'mc', supervisor: false, user: false, interruptModel: 'esp32c3', resetPc: RAM,
    jit, jitThreshold: 2, jitBackend: 'wasm',
  });
}

const loopHart = (jit: boolean): RiscvCore => hartWith(loopProgram().words, jit);

describe('riscv wasm regions: loops and fall-through', () => {
  test('a block looping on itself and blocks falling into the next stop where the interpreter does, whatever the budget', () => {
    const { end } = loopProgram();
    const core = loopHart(true);
    const oracle = loopHart(false);
    const state = (c: RiscvCore) => [c.pc, c.retired, ...c.x];
    const budgets = [1, 3, 7, 50, 333, 2, 1000, 29];
    for (let k = 0; k < 100_000 && oracle.pc !== RAM + end; k++) {
      const budget = budgets[k % budgets.length];
      oracle.run(budget);
      core.run(budget);
      expect(state(core)).toEqual(state(oracle));
    }
    expect(oracle.pc).toBe(RAM + end);
    expect(core.x[8]).toBe(LOOPS);
    expect(existingRuntime(core)!.compiledRegions).toBeGreaterThanOrEqual(1);
  });

  test('with large budgets too', () => {
    const { end } = loopProgram();
    const core = loopHart(true);
    const oracle = loopHart(false);
    for (let k = 0; k < 100 && core.pc !== RAM + end; k++) core.run(1 << 20);
    for (let k = 0; k < 100 && oracle.pc !== RAM + end; k++) oracle.run(1 << 20);
    expect([core.pc, core.retired, ...core.x]).toEqual([oracle.pc, oracle.retired, ...oracle.x]);
  });
});

// A copy loop (one block looping on itself) whose stores walk from one
// page into the next, a code page: f's first instruction, `a0 += 1`,
// becomes `a0 += 100`. The store into the code page must go through the
// core (which drops f's blocks), not through the translation the loop
// kept for the page before.
//  0: a0 = 0; s0 = 0; s1 = 3
//  L: t4 = SRC; t3 = F - 8; t5 = F + 4; jal ra, f
//  COPY: lbu t2, 0(t4); sb t2, 0(t3); t4 += 1; t3 += 1; bltu t3, t5, COPY
//     s0 += 1; blt s0, s1, L
//  then j .
// f (F, page 2): a0 += 1; ret
const F = 0x2000;
const SRC = 0x9000;
function copyProgram(): { words: Uint32Array; end: number } {
  const words = new Uint32Array((SRC + 12) / 4);
  const setup = [E.i(Op.ADDI, 10, 0, 0), E.i(Op.ADDI, 8, 0, 0), E.i(Op.ADDI, 9, 0, 3)];
  const L = 4 * setup.length;
  const loop = [...E.li(29, RAM + SRC), ...E.li(28, RAM + F - 8), ...E.li(30, RAM + F + 4)];
  const call = L + 4 * loop.length;
  const copy = call + 4;
  const main = [
    ...setup,
    ...loop,
    E.j(1, F - call),
    E.i(Op.LBU, 7, 29, 0),
    E.s(Op.SB, 28, 7, 0),
    E.i(Op.ADDI, 29, 29, 1),
    E.i(Op.ADDI, 28, 28, 1),
    E.b(Op.BLTU, 28, 30, copy - (copy + 16)),
    E.i(Op.ADDI, 8, 8, 1),
    E.b(Op.BLT, 8, 9, L - (copy + 24)),
    E.j(0, 0),
  ];
  words.set(main);
  words.set([E.i(Op.ADDI, 10, 10, 1), E.i(Op.JALR, 0, 1, 0)], F / 4);
  words.set([0, 0, E.i(Op.ADDI, 10, 10, 100)], SRC / 4);
  return { words, end: 4 * (main.length - 1) };
}

const copyHart = (jit: boolean): RiscvCore => hartWith(copyProgram().words, jit);

describe('riscv wasm regions: a loop\'s kept translations', () => {
  test('stores walking into a code page go through the core: the patched code runs, as in the interpreter', () => {
    const { end } = copyProgram();
    for (const budgets of [[1 << 20], [1, 5, 13, 2, 40]]) {
      const core = copyHart(true);
      const oracle = copyHart(false);
      for (let k = 0; k < 10_000 && oracle.pc !== RAM + end; k++) {
        const budget = budgets[k % budgets.length];
        oracle.run(budget);
        core.run(budget);
        expect([core.pc, core.retired, ...core.x]).toEqual([oracle.pc, oracle.retired, ...oracle.x]);
      }
      expect(oracle.pc).toBe(RAM + end);
      expect(core.x[10]).toBe(1 + 100 + 100);
      expect(existingRuntime(core)!.compiledRegions).toBeGreaterThanOrEqual(1);
    }
  });
});

// Loops over several blocks (region.ts: a wasm loop each, unless it holds
// a call or a jalr, as W's, or overlaps another without nesting, as one
// of CA's and CB's), nested (MID's in OUT's), entered in the middle by a
// jalr (W's, at X) and by the run loop (small budgets), with forward
// branches over blocks and a call after them:
//  0: a0 = a1..a4 = s7 = 0; s1 = 30; s3 = 12; s5 = 2000; s6 = 50; s8 = 3
//  W: s0 = 0; s2 = 5; t6 = X; jalr x0, 0(t6)
//  OUT: s2 = 0; j MID
//  MID: a0 += s2; t2 = s2 & 3; beq t2, x0, SKIP
//  X: a0 += 5; j SKIP
//  SKIP: s2 += 1; blt s2, s3, MID
//  RET: s0 += 1; blt s0, s1, OUT
//     s7 += 1; blt s7, s8, W
//  CA: a1 += 1; t4 = a1 & 1; beq t4, x0, CC
//  CB: a2 += 1; t5 = a2 & 3; beq t5, x0, CD
//  CC: a3 += a1; blt a3, s5, CA
//  CD: a4 += 1; blt a4, s6, CB
//     jal ra, FN
//     j END
//  FN: a0 += 3; ret
//  END: j .
function nestProgram(): { words: Uint32Array; end: number } {
  // Two passes: the first finds the labels' offsets.
  const build = (labels: Map<string, number>): { words: number[]; labels: Map<string, number> } => {
    const words: number[] = [];
    const found = new Map<string, number>();
    const here = (name: string) => found.set(name, 4 * words.length);
    const to = (name: string) => (labels.get(name) ?? 0) - 4 * words.length;
    words.push(E.i(Op.ADDI, 10, 0, 0), E.i(Op.ADDI, 11, 0, 0), E.i(Op.ADDI, 12, 0, 0), E.i(Op.ADDI, 13, 0, 0));
    words.push(E.i(Op.ADDI, 14, 0, 0), E.i(Op.ADDI, 23, 0, 0), E.i(Op.ADDI, 9, 0, 30), E.i(Op.ADDI, 19, 0, 12));
    words.push(E.i(Op.ADDI, 21, 0, 2000), E.i(Op.ADDI, 22, 0, 50), E.i(Op.ADDI, 24, 0, 20));
    here('W');
    words.push(E.i(Op.ADDI, 8, 0, 0), E.i(Op.ADDI, 18, 0, 5), ...E.li(31, RAM + (labels.get('X') ?? 0)));
    words.push(E.i(Op.JALR, 0, 31, 0));
    here('OUT');
    words.push(E.i(Op.ADDI, 18, 0, 0), E.j(0, 4));
    here('MID');
    words.push(E.r(Op.ADD, 10, 10, 18), E.i(Op.ANDI, 7, 18, 3));
    words.push(E.b(Op.BEQ, 7, 0, to('SKIP')));
    here('X');
    words.push(E.i(Op.ADDI, 10, 10, 5), E.j(0, 4));
    here('SKIP');
    words.push(E.i(Op.ADDI, 18, 18, 1));
    words.push(E.b(Op.BLT, 18, 19, to('MID')));
    words.push(E.i(Op.ADDI, 8, 8, 1));
    words.push(E.b(Op.BLT, 8, 9, to('OUT')));
    words.push(E.i(Op.ADDI, 23, 23, 1));
    words.push(E.b(Op.BLT, 23, 24, to('W')));
    here('CA');
    words.push(E.i(Op.ADDI, 11, 11, 1), E.i(Op.ANDI, 29, 11, 1));
    words.push(E.b(Op.BEQ, 29, 0, to('CC')));
    here('CB');
    words.push(E.i(Op.ADDI, 12, 12, 1), E.i(Op.ANDI, 30, 12, 3));
    words.push(E.b(Op.BEQ, 30, 0, to('CD')));
    here('CC');
    words.push(E.r(Op.ADD, 13, 13, 11));
    words.push(E.b(Op.BLT, 13, 21, to('CA')));
    here('CD');
    words.push(E.i(Op.ADDI, 14, 14, 1));
    words.push(E.b(Op.BLT, 14, 22, to('CB')));
    words.push(E.j(1, to('FN')));
    words.push(E.j(0, to('END')));
    here('FN');
    words.push(E.i(Op.ADDI, 10, 10, 3), E.i(Op.JALR, 0, 1, 0));
    here('END');
    words.push(E.j(0, 0));
    return { words, labels: found };
  };
  const { words, labels } = build(build(new Map()).labels);
  return { words: Uint32Array.from(words), end: labels.get('END')! };
}

describe('riscv wasm regions: loops over several blocks', () => {
  test('nested, entered in the middle, overlapping: they stop where the interpreter does, whatever the budget', () => {
    const { words, end } = nestProgram();
    for (const budgets of [[1 << 20], [1, 3, 7, 50, 333, 2, 1000, 29], [4, 9, 17]]) {
      const core = hartWith(words, true);
      const oracle = hartWith(words, false);
      for (let k = 0; k < 100_000 && oracle.pc !== RAM + end; k++) {
        const budget = budgets[k % budgets.length];
        oracle.run(budget);
        core.run(budget);
        expect([core.pc, core.retired, ...core.x]).toEqual([oracle.pc, oracle.retired, ...oracle.x]);
      }
      expect(oracle.pc).toBe(RAM + end);
      expect([core.x[8], core.x[14], core.x[23]]).toEqual([30, 50, 20]);
      expect(existingRuntime(core)!.compiledRegions).toBeGreaterThanOrEqual(1);
    }
  });
});
