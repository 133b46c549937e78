/**
 * Regions dropped one by one (arch/riscv/wasm/links.ts, MAX_DEAD): V8 keeps
 * every instance that imported a table alive as long as the table, so the
 * links' table is replaced when every region goes, and past MAX_DEAD
 * single drops every region goes. A machine that keeps rewriting code
 * (program after program) must not keep every module it ever compiled.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { RiscvCore } from '../../../arch/riscv/core';
import { Op } from '../../../arch/riscv/opcodes';
import { MAX_DEAD } from '../../../arch/riscv/wasm/links';
import { existingRuntime } from '../../../arch/riscv/wasm/runtime';
import { Bus } from '../../../platform/bus';
import * as E from '../encoder';

const RAM = 0x8000_0000;
const F = 0x1000;
const ROUNDS = MAX_DEAD + 200;

// Page 0 calls f (page 1) three times a round, so f's region is compiled
// (at its second run, threshold 2) and run; then it rewrites f's first
// word (the same instruction) with a store, which drops f's blocks and
// region: one region dropped alone per round.
//  0: a0 = 0; s0 = 0; s1 = ROUNDS; t0 = &f; t1 = `addi a0, a0, 1`
//  L: jal f; jal f; jal f; sw t1, 0(t0); s0 += 1; blt s0, s1, L
//     j .
function program(): { words: Uint32Array; end: number } {
  const fWord = E.i(Op.ADDI, 10, 10, 1) | 0;
  const setup = [E.i(Op.ADDI, 10, 0, 0), E.i(Op.ADDI, 8, 0, 0), ...E.li(9, ROUNDS), ...E.li(5, RAM + F), ...E.li(6, fWord)];
  const loop = 4 * setup.length;
  const main = [
    ...setup,
    E.j(1, F - loop),
    E.j(1, F - loop - 4),
    E.j(1, F - loop - 8),
    E.s(Op.SW, 5, 6, 0),
    E.i(Op.ADDI, 8, 8, 1),
    E.b(Op.BLT, 8, 9, -20),
    E.j(0, 0),
  ];
  const words = new Uint32Array((F + 8) / 4);
  words.set(main);
  words.set([fWord, E.i(Op.JALR, 0, 1, 0)], F / 4);
  return { words, end: 4 * (main.length - 1) };
}

function hart(jit: boolean): RiscvCore {
  const bus = new Bus(1 << 20, 'fault');
  bus.mapRam('ram', RAM, 1 << 20, 0);
  new Uint32Array(bus.ram).set(program().words);
  return new RiscvCore(bus, {
    extensions: 'mc', supervisor: false, user: false, interruptModel: 'esp32c3', resetPc: RAM,
    jit, jitThreshold: 2, jitBackend: 'wasm',
  });
}

/** V8's collector, for this test file only. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('riscv wasm links: regions dropped one by one', () => {
  test('past MAX_DEAD single drops every region goes with its table; the modules a table keeps stay bounded and old tables are collected', async () => {
    const { end } = program();
    const core = hart(true);
    const tables: Array<WeakRef<WebAssembly.Table>> = [];
    let worst = 0;
    for (let k = 0; k < 10_000 && core.pc !== RAM + end; k++) {
      core.run(97);
      const links = existingRuntime(core)?.links;
      if (links === undefined) continue;
      if (tables.length === 0 || tables[tables.length - 1].deref() !== links.table) tables.push(new WeakRef(links.table));
      // The modules the current table keeps alive: the live regions and
      // those dropped since it was made.
      worst = Math.max(worst, links.bound - links.live);
    }
    expect(core.pc).toBe(RAM + end);
    const oracle = hart(false);
    for (let k = 0; k < 10_000 && oracle.pc !== RAM + end; k++) oracle.run(97);
    expect([core.pc, core.retired, ...core.x]).toEqual([oracle.pc, oracle.retired, ...oracle.x]);
    expect(core.x[10]).toBe(3 * ROUNDS);

    const links = existingRuntime(core)!.links;
    expect(existingRuntime(core)!.compiledRegions).toBeGreaterThan(ROUNDS);
    expect(worst).toBeLessThanOrEqual(MAX_DEAD);
    expect(links.tables).toBeGreaterThanOrEqual(2);
    expect(tables.length).toBe(links.tables);

    // The replaced tables, and with them the modules that imported them,
    // are garbage (WeakRefs are cleared after the current job).
    const gc = collector();
    await new Promise((r) => setImmediate(r));
    gc();
    await new Promise((r) => setImmediate(r));
    gc();
    const alive = tables.slice(0, -1).filter((t) => t.deref() !== undefined).length;
    expect(alive).toBe(0);
    expect(tables[tables.length - 1].deref()).toBe(links.table);
  });
});
