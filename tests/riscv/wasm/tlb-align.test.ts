/**
 * The software TLB's read and write tags are page addresses, and compiled
 * code checks the page and the alignment in one compare (arch/riscv/mmu.ts).
 * A misaligned load or store on a page the TLB holds must still go through
 * the core: here it straddles the end of RAM, so the core raises an access
 * fault, where a fast path taken wrongly would read or write past RAM and
 * go on. Each access runs in a loop until its page is in the TLB and the
 * loop compiled; in a block of its own (the TLB lookup) and in a block
 * looping on itself (the translation kept across rounds), on both JIT
 * backends and the interpreter.
 */
import { RiscvCore } from '../../../arch/riscv/core';
import { MCAUSE, MEPC, MTVEC } from '../../../arch/riscv/csr-numbers';
import { Op } from '../../../arch/riscv/opcodes';
import { existingRuntime } from '../../../arch/riscv/wasm/runtime';
import { Bus } from '../../../platform/bus';
import * as E from '../encoder';

const RAM = 0x8000_0000;
const RAM_SIZE = 1 << 20;
const ROUNDS = 200;
/** The round whose access is misaligned (the ones before are aligned). */
const LAST = 120;
const HANDLER = 0x800;

interface Access { name: string; op: Op; size: number; store: boolean }
const ACCESSES: Access[] = [
  { name: 'lw', op: Op.LW, size: 4, store: false },
  { name: 'lh', op: Op.LH, size: 2, store: false },
  { name: 'lhu', op: Op.LHU, size: 2, store: false },
  { name: 'sw', op: Op.SW, size: 4, store: true },
  { name: 'sh', op: Op.SH, size: 2, store: true },
];

//  0: a0 = 0; s1 = ROUNDS; s3 = LAST; t0 = RAM end - size; mtvec = HANDLER
//  L: t2 = (a0 == s3) * size/2; t3 = t0 + t2; ACCESS 0(t3)  [; j M]
//  M: a0 += 1; blt a0, s1, L
//     j .
//  HANDLER: s4 = mcause; s5 = mepc; j .
function program(a: Access, split: boolean): { words: Uint32Array; access: number; end: number } {
  const setup = [
    E.i(Op.ADDI, 10, 0, 0), E.i(Op.ADDI, 9, 0, ROUNDS), E.i(Op.ADDI, 19, 0, LAST),
    ...E.li(5, RAM + RAM_SIZE - a.size), ...E.li(6, RAM + HANDLER), E.csr(Op.CSRRW, 0, MTVEC, 6),
  ];
  const L = 4 * setup.length;
  const access = L + 16;
  const body = [
    E.r(Op.SUB, 7, 10, 19), E.i(Op.SLTIU, 7, 7, 1), E.shift(Op.SLLI, 7, 7, a.size === 4 ? 1 : 0),
    E.r(Op.ADD, 28, 5, 7),
    a.store ? E.s(a.op, 28, 10, 0) : E.i(a.op, 12, 28, 0),
  ];
  if (split) body.push(E.j(0, 4));
  const M = L + 4 * body.length;
  const words = new Uint32Array(HANDLER / 4 + 3);
  words.set([...setup, ...body, E.i(Op.ADDI, 10, 10, 1), E.b(Op.BLT, 10, 9, L - (M + 4)), E.j(0, 0)]);
  words.set([E.csr(Op.CSRRS, 20, MCAUSE, 0), E.csr(Op.CSRRS, 21, MEPC, 0), E.j(0, 0)], HANDLER / 4);
  return { words, access, end: M + 8 };
}

function runTo(words: Uint32Array, jit: boolean, backend: 'wasm' | 'js'): RiscvCore {
  const bus = new Bus(RAM_SIZE, 'fault');
  bus.mapRam('ram', RAM, RAM_SIZE, 0);
  new Uint32Array(bus.ram).set(words);
  const core = new RiscvCore(bus, {
    extensions: 'mc', supervisor: false, user: false, interruptModel: 'esp32c3', resetPc: RAM,
    jit, jitThreshold: 2, jitBackend: backend,
  });
  const stop = RAM + HANDLER + 8;
  for (let k = 0; k < 100 && core.pc !== stop; k++) core.run(1 << 20);
  return core;
}

describe('riscv TLB: one compare for the page and the alignment', () => {
  for (const a of ACCESSES) {
    for (const split of [true, false]) {
      test(`a misaligned ${a.name} across the end of RAM faults (${split ? 'TLB lookup' : 'kept translation'})`, () => {
        const { words, access } = program(a, split);
        const oracle = runTo(words, false, 'wasm');
        expect(oracle.pc).toBe(RAM + HANDLER + 8);
        expect(oracle.x[20]).toBe(a.store ? 7 : 5); // store/load access fault
        expect(oracle.x[21]).toBe((RAM + access) | 0);
        expect(oracle.x[10]).toBe(LAST);
        for (const backend of ['wasm', 'js'] as const) {
          const core = runTo(words, true, backend);
          expect([core.pc, core.retired, ...core.x]).toEqual([oracle.pc, oracle.retired, ...oracle.x]);
          expect(new Uint8Array(core.bus.ram).subarray(RAM_SIZE - 8, RAM_SIZE)).toEqual(new Uint8Array(oracle.bus.ram).subarray(RAM_SIZE - 8, RAM_SIZE));
          if (backend === 'wasm') expect(existingRuntime(core)!.compiledRegions).toBeGreaterThanOrEqual(1);
        }
      });
    }
  }
});
