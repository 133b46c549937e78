/**
 * Links between the wasm backend's regions (arch/x86_64/wasm/links.ts): a
 * region leaving for a RIP where another region starts tail-calls it
 * inside wasm. The interpreter is the oracle: the same registers, RIP and
 * retired count after every run() call whatever the slice; a rewritten
 * target is not run again; a target remapped by the page tables (then
 * invlpg: a new chain generation) runs its new code; a flushed cache
 * leaves no link behind. Programs are assembled with the host `as`.
 */
import { X86CoreOptions } from '../../arch/x86_64/core';
import { CR0_PG } from '../../arch/x86_64/registers';
import { LINK_SLOTS, MAX_DEAD } from '../../arch/x86_64/wasm/links';
import { existingRuntime } from '../../arch/x86_64/wasm/runtime';
import { assemble } from './harness/assemble';
import { BareCore, CoreState, bareCore, coreState } from './harness/bare-core';

const CODE = 0x10000;
const RAM = 1 << 20;
const WASM: X86CoreOptions = { jitThreshold: 0, jitBackend: 'wasm' };
const WASM_DEFAULT: X86CoreOptions = { jitBackend: 'wasm' };
/** The interpreter on blocks shaped as the JIT tier's (it never compiles):
 * budgets end at the same block boundaries. */
const SHAPED: X86CoreOptions = { jitThreshold: Infinity, jitBackend: 'wasm' };

/** A loop dispatching through `jmp rdx` to one of four targets, each on
 * its own page (so in its own region), which jump back; half-way the
 * loop rewrites t2's immediate (imm32 of `add ebx, imm32` at +2). */
const DISPATCH = `
    mov ecx, 3000
  l1:
    mov eax, ecx
    and eax, 3
    shl eax, 12
    lea rdx, [rip + t0]
    add rdx, rax
    jmp rdx
  back:
    cmp ecx, 1500
    jne 1f
    mov dword ptr [rip + t2 + 2], 5000
  1:
    dec ecx
    jnz l1
    hlt
    .p2align 12
  t0: add ebx, 1000
    jmp back
    .p2align 12
  t1: add ebx, 2000
    jmp back
    .p2align 12
  t2: add ebx, 3000
    jmp back
    .p2align 12
  t3: add ebx, 4000
    jmp back`;

/** After every run() call of `slice` instructions until hlt, a fault or
 * `budget`: the core's state (`between`: something done between calls). */
function trace(b: BareCore, budget: number, slice: number, between?: (b: BareCore, call: number) => void): CoreState[] {
  const states: CoreState[] = [];
  const core = b.core;
  for (let call = 0; !core.halted && b.vector() < 0 && core.retired < budget; call++) {
    core.run(Math.min(slice, budget - core.retired));
    states.push(coreState(b));
    if (between) between(b, call);
  }
  return states;
}

let dispatchCode: Uint8Array | null = null;

function dispatchCore(options: X86CoreOptions): BareCore {
  dispatchCode ??= assemble(DISPATCH);
  return bareCore(dispatchCode, CODE, RAM, options);
}

describe('x86_64 wasm backend: links between regions', () => {
  it('a dispatch across pages links inside wasm and follows a rewritten target', () => {
    let sum = 0;
    for (let n = 3000; n > 0; n--) sum += [1000, 2000, n < 1500 ? 5000 : 3000, 4000][n & 3];
    const ref = trace(dispatchCore({ jit: false }), Infinity, Infinity);
    expect(ref[ref.length - 1].regs[3]).toBe(BigInt(sum));
    for (const options of [WASM, WASM_DEFAULT]) {
      const b = dispatchCore(options);
      expect(trace(b, Infinity, Infinity)).toEqual(ref);
      const rt = existingRuntime(b.core)!;
      expect(rt.links.live).toBeGreaterThan(0);
      if (options === WASM) {
        // 6000 moves between regions; nearly all inside wasm.
        expect(rt.entries).toBeLessThan(300);
      }
      // run() returned: the index is empty (zero bytes), as the core area
      // of a run without the wasm backend (a snapshot saves it).
      expect(new Int32Array(b.bus.ram, rt.links.indexAddress, 4 * LINK_SLOTS).every((w) => w === 0)).toBe(true);
    }
  });

  it('a chain of linked regions stops at the budget exactly where the interpreter does', () => {
    for (const [budget, slice] of [[3000, 1], [20_000, 13], [40_000, 777], [40_000, 5000]]) {
      const ref = trace(dispatchCore(SHAPED), budget, slice);
      const got = trace(dispatchCore(WASM), budget, slice);
      expect({ slice, got }).toEqual({ slice, got: ref });
    }
  });

  it('the links found in one run() call serve the next ones, while the index is empty between calls', () => {
    const ref = trace(dispatchCore(SHAPED), Infinity, 1000);
    const b = dispatchCore(WASM);
    const rt = () => existingRuntime(b.core)!;
    let emptyBetween = true;
    const got = trace(b, Infinity, 1000, () => {
      const index = new Int32Array(b.bus.ram, rt().links.indexAddress, 4 * LINK_SLOTS);
      if (!index.every((w) => w === 0)) emptyBetween = false;
    });
    expect(got).toEqual(ref);
    expect(emptyBetween).toBe(true);
    // About one region call from the interpreter's loop per run() call:
    // the four targets and the loop are not looked up again in every call.
    expect(rt().entries).toBeLessThan(got.length + 30);
  });

  it('a cache flush between run() calls leaves no link to a dropped region', () => {
    const flush = (b: BareCore, call: number): void => {
      if (call % 3 === 0) b.core.cache.flush();
    };
    const ref = trace(dispatchCore(SHAPED), Infinity, 4000, flush);
    const b = dispatchCore(WASM);
    expect(trace(b, Infinity, 4000, flush)).toEqual(ref);
    b.core.cache.flush();
    expect(existingRuntime(b.core)!.links.live).toBe(0);
  });

  it('regions dropped one by one past MAX_DEAD: every region goes, with the table that kept their modules alive', () => {
    // Each round rewrites the imm32 of f's `add ebx, imm32` (81 c3: its
    // page's blocks and region are dropped), then calls it (compiled again
    // at its first run).
    const code = assemble(`
        mov ecx, ${MAX_DEAD + 100}
      l1:
        mov dword ptr [rip + f + 2], ecx
        call f
        dec ecx
        jnz l1
        hlt
        .p2align 12
      f: .byte 0x81, 0xc3
        .long 0
        ret`);
    const ref = trace(bareCore(code, CODE, RAM, { jit: false }), Infinity, Infinity);
    const n = MAX_DEAD + 100;
    expect(ref[ref.length - 1].regs[3]).toBe(BigInt((n * (n + 1)) / 2));
    const b = bareCore(code, CODE, RAM, WASM);
    const rt = () => existingRuntime(b.core)!;
    let first: WebAssembly.Table | null = null;
    const got = trace(b, Infinity, 1000, () => {
      first ??= rt().links.table;
    });
    expect(got[got.length - 1]).toEqual(ref[ref.length - 1]);
    expect(rt().compiledRegions).toBeGreaterThan(MAX_DEAD);
    expect(rt().links.table).not.toBe(first);
    expect(rt().links.live).toBeLessThan(MAX_DEAD / 2);
  });

  it('a target remapped by the page tables (then invlpg) runs its new code, not the linked region', () => {
    // Identity paging over RAM; virtual page V first maps physical A
    // (`add ebx, 1`), then, half-way, physical B (`add ebx, 100`). Both
    // jump back through r12.
    const V = 0x40000;
    const A = 0x40000;
    const B = 0x50000;
    const PML4 = 0x1000;
    const PT = 0x4000;
    const main = assemble(`
        lea r12, [rip + back]
        mov r13, ${V}
        mov ecx, 2000
      l1:
        jmp r13
      back:
        cmp ecx, 1000
        jne 1f
        mov rdi, ${PT + (V >> 12) * 8}
        mov dword ptr [rdi], ${B | 3}
        invlpg [r13]
      1:
        dec ecx
        jnz l1
        hlt`);
    const run = (options: X86CoreOptions): CoreState[] => {
      const b = bareCore(main, CODE, RAM, options);
      const view = new DataView(b.bus.u8.buffer);
      view.setUint32(PML4, (PML4 + 0x1000) | 3, true);
      view.setUint32(PML4 + 0x1000, (PML4 + 0x2000) | 3, true);
      view.setUint32(PML4 + 0x2000, PT | 3, true);
      for (let page = 0; page < RAM / 4096; page++) view.setUint32(PT + page * 8, (page * 4096) | 3, true);
      for (const [at, source] of [[A, 'add ebx, 1\njmp r12'], [B, 'add ebx, 100\njmp r12']] as const) {
        const bytes = assemble(source);
        b.bus.u8.set(bytes, at);
        b.bus.noteRamWrite(at, bytes.length);
      }
      b.core.cr3 = PML4;
      b.core.cr0 |= CR0_PG;
      b.core.mmu.flush();
      return trace(b, Infinity, Infinity);
    };
    const ref = run({ jit: false });
    // ecx 2000..1000 through A, 999..1 through B.
    expect(ref[ref.length - 1].regs[3]).toBe(BigInt(1001 * 1 + 999 * 100));
    expect(run(WASM)).toEqual(ref);
    expect(run(WASM_DEFAULT)).toEqual(ref);
  });
});
