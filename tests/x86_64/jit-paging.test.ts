/**
 * The JIT's inline loads and stores against the TLB's permissions (jit/
 * emitter.ts, the per-privilege RAM tags of mmu.ts): a compiled store
 * after invlpg of a page made read-only, and a compiled user-mode load of
 * a supervisor page, must fault exactly where the interpreter faults, with
 * the same registers and memory. A bare core with 4-level identity page
 * tables over its 1 MiB of RAM (4 KiB pages), CR0.WP set; each program is
 * run by the interpreter and by the JIT (at first run and at the default
 * threshold: the loops run 300 times so their blocks compile).
 */
import { X86CoreOptions } from '../../arch/x86_64/core';
import { CR0_PG, CR0_WP } from '../../arch/x86_64/registers';
import { assemble } from './harness/assemble';
import { CoreState, bareCore, coreState, runToEnd } from './harness/bare-core';

const CODE = 0x10000;
const DATA = 0x20000;
const USER_DATA = 0x30000;
const PML4 = 0x1000;
const PT = 0x4000;
const RAM = 1 << 20;
const EXC_PF = 14;

interface Outcome extends CoreState {
  data: number[];
  cr2: number;
}

/** Runs `source` with paging on; `supervisorOnly` pages lack the U bit. */
function run(source: string, options: X86CoreOptions, cpl: number, supervisorOnly: number[]): Outcome {
  const b = bareCore(assemble(source), CODE, RAM, options);
  const view = new DataView(b.bus.u8.buffer);
  const user = 4;
  // PML4 -> PDPT -> PD -> PT, each entry present, writable, user.
  view.setUint32(PML4, (PML4 + 0x1000) | 7, true);
  view.setUint32(PML4 + 0x1000, (PML4 + 0x2000) | 7, true);
  view.setUint32(PML4 + 0x2000, PT | 7, true);
  for (let page = 0; page < RAM / 4096; page++) {
    view.setUint32(PT + page * 8, page * 4096 | 3 | (supervisorOnly.includes(page * 4096) ? 0 : user), true);
  }
  const core = b.core;
  core.cr3 = PML4;
  core.cr0 |= CR0_PG | CR0_WP;
  core.mmu.flush();
  // The supervisor touched the pages last: their TLB entries are filled
  // with both privileges' permissions.
  core.read32(DATA);
  core.write32(USER_DATA, 0);
  core.setCpl(cpl);
  core.setGpr(6, BigInt(DATA));
  core.setGpr(7, BigInt(USER_DATA));
  runToEnd(b, 1_000_000);
  return { ...coreState(b), data: Array.from(b.bus.u8.subarray(DATA, DATA + 16)), cr2: core.cr2 };
}

function expectSameFault(source: string, cpl: number, supervisorOnly: number[] = []): Outcome {
  const ref = run(source, { jit: false }, cpl, supervisorOnly);
  expect(ref.vector).toBe(EXC_PF);
  for (const [tier, options] of [['JIT at first run', { jitThreshold: 0 }], ['JIT at the default threshold', {}]] as const) {
    expect({ tier, ...run(source, options, cpl, supervisorOnly) }).toEqual({ tier, ...ref });
  }
  return ref;
}

describe('x86_64 JIT tier: inline accesses and TLB permissions', () => {
  it('a compiled store to a page made read-only (then invlpg) faults', () => {
    const ref = expectSameFault(`
        mov ecx, 300
      l1:
        mov eax, dword ptr [rsi]
        add eax, 1
        mov dword ptr [rsi], eax
        dec ecx
        jnz l1
        mov edi, ${PT + (DATA >> 12) * 8}
        and dword ptr [rdi], -3
        invlpg [rsi]
        mov ecx, 300
      l2:
        mov dword ptr [rsi + 4], 5
        add ebx, dword ptr [rsi]
        dec ecx
        jnz l2
        mov dword ptr [rsi + 8], 7
        hlt`, 0);
    expect(ref.cr2).toBe(DATA + 4);
    expect(ref.data.slice(0, 4)).toEqual([44, 1, 0, 0]);
  });

  it('a compiled user-mode load of a supervisor page faults', () => {
    const ref = expectSameFault(`
        mov ecx, 300
      l1:
        add eax, dword ptr [rdi]
        mov dword ptr [rdi + 4], ecx
        dec ecx
        jnz l1
        mov ecx, 300
      l2:
        add eax, dword ptr [rdi + rcx * 4]
        add ebx, dword ptr [rsi + rcx * 4]
        dec ecx
        jnz l2
        hlt`, 3, [DATA]);
    expect(ref.cr2).toBe(DATA + 1200);
  });
});
