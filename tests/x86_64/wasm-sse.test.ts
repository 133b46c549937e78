/**
 * The wasm backend's SSE lowerings (arch/x86_64/wasm/sse-lowerings.ts,
 * sse-packed.ts):
 * every row they lower against the host CPU on random operands and
 * memory forms; a loop of them (inline paths, a 16-byte access across a
 * page, a store to a page holding code, a store rewriting code that runs
 * next) against the interpreter, xmm registers and memory included; and SSE turned off (CR0.TS, CR4.OSFXSR)
 * between run() calls under regions compiled while it was on: the same
 * #NM / #UD at the same instruction as the interpreter.
 */
import { X86CoreOptions } from '../../arch/x86_64/core';
import { ROWS } from '../../arch/x86_64/opcode-table';
import { CR0_TS, CR4_OSFXSR } from '../../arch/x86_64/registers';
import { existingRuntime } from '../../arch/x86_64/wasm/runtime';
import { sseProvider } from '../../arch/x86_64/wasm/sse-lowerings';
import { Rng, diffRows, makeCase } from './gen/generate';
import { assemble } from './harness/assemble';
import { BareCore, CoreState, bareCore, coreState } from './harness/bare-core';
import { CoreRunner, WASM_AT_FIRST_RUN, runDifferential } from './harness/diff';

const CODE = 0x10000;
const DATA = 0x20000;
const RAM = 1 << 20;
const INTERP: X86CoreOptions = { jit: false };
const WASM: X86CoreOptions = { jitThreshold: 0, jitBackend: 'wasm' };
const WASM_DEFAULT: X86CoreOptions = { jitBackend: 'wasm' };
/** The interpreter on blocks shaped as the JIT tier's (budgets end at the
 * same block boundaries as compiled regions'). */
const SHAPED: X86CoreOptions = { jitThreshold: Infinity, jitBackend: 'wasm' };

function sseCore(code: Uint8Array, options: X86CoreOptions): BareCore {
  const b = bareCore(code, CODE, RAM, options);
  b.core.cr4 |= CR4_OSFXSR;
  return b;
}

/** Registers, RIP, retired, RFLAGS, the fault, xmm0-15 and the data page. */
function fullState(b: BareCore): CoreState & { xmm: number[]; data: number[] } {
  return { ...coreState(b), xmm: Array.from(b.core.xmm.subarray(0, 64)), data: Array.from(b.bus.u8.subarray(DATA, DATA + 256)) };
}

/** rsi: DATA (16-byte aligned); rdi: 8 bytes before a page boundary. */
const LOOP = `
    mov esi, ${DATA}
    mov edi, ${DATA + 0x1000 - 8}
    mov ecx, 3000
  l1:
    movq xmm0, rcx
    movd xmm1, ecx
    movdqa xmm2, [rsi]
    pxor xmm2, xmm0
    paddq xmm15, xmm15
    pand xmm3, xmm2
    por xmm4, xmm2
    pandn xmm5, xmm1
    pxor xmm5, [rsi + 32]
    por xmm4, [rsi + 48]
    andps xmm6, xmm4
    xorpd xmm6, xmm2
    andnps xmm14, [rsi + 16]
    movdqa [rsi], xmm2
    movdqu xmm6, [rsi + 4]
    movups [rsi + 20], xmm6
    movaps xmm13, [rsi + 16]
    movapd [rsi + 96], xmm13
    movlps xmm7, [rsi + 8]
    movhps xmm7, [rsi + 24]
    movlpd xmm12, [rsi + 40]
    movhpd xmm12, [rsi + 56]
    movhlps xmm8, xmm7
    movlhps xmm9, xmm7
    movlps [rsi + 40], xmm9
    movhps [rsi + 48], xmm8
    movhpd [rsi + 64], xmm12
    movaps xmm11, xmm2
    .byte 0x45, 0x0f, 0x29, 0xdc
    movq rax, xmm2
    add rbx, rax
    movd eax, xmm7
    add rbx, rax
    movd edx, xmm12
    movq r8, xmm13
    xor rbx, r8
    movd [rsi + 80], xmm4
    movq [rsi + 88], xmm5
    movd xmm10, [rsi + 84]
    movq xmm10, [rsi + 88]
    movd r9d, xmm10
    add rbx, r9
    movdqu xmm14, [rdi]
    movdqu [rdi], xmm2
    movlps xmm15, [rdi + 4]
    paddd xmm3, xmm0
    paddq xmm4, [rsi + 16]
    pcmpgtd xmm5, xmm3
    psrad xmm5, 3
    psrldq xmm6, 5
    pslldq xmm7, 2
    psllq xmm8, 70
    pshufd xmm9, xmm3, 0x1b
    pshufhw xmm10, [rsi + 32], 0x39
    punpcklqdq xmm11, xmm4
    punpckhbw xmm12, xmm5
    packsswb xmm13, xmm9
    pcmpeqb xmm14, xmm6
    pmovmskb edx, xmm5
    add rbx, rdx
    pavgb xmm15, [rsi + 48]
    dec ecx
    jnz l1
    movups [rip + near], xmm2
    movdqu xmm1, [rip + near]
    hlt
    .p2align 4
  near: .space 16`;

describe('x86_64 wasm backend: SSE lowerings', () => {
  it('lowers the profiled forms', () => {
    const lowered = new Set(ROWS.filter((r) => sseProvider(r) !== null).map((r) => `${r.name} ${r.args.join(',')}`));
    for (const form of ['movdqa V,W', 'movdqa W,V', 'movaps W,V', 'movups W,V', 'movdqu V,W', 'movlps V,W', 'movd Ey,V', 'movd V,Ey', 'pxor V,W', 'pand V,W', 'pandn V,W', 'por V,W',
      'paddd V,W', 'paddq V,W', 'pcmpgtd V,W', 'pcmpeqb V,W', 'psrad U,Ib', 'psrldq U,Ib', 'pshufd V,W,Ib', 'punpcklqdq V,W', 'pmovmskb Gd,U']) {
      expect(lowered).toContain(form);
    }
  });

  it('matches the host CPU on every lowered row (random operands, registers and memory)', () => {
    const rows = diffRows();
    const mine = rows.filter((r) => sseProvider(r) !== null);
    expect(mine.length).toBeGreaterThanOrEqual(30);
    const rng = new Rng(20261205);
    const cases = [];
    for (const row of mine) for (let k = 0; k < 40; k++) cases.push(makeCase(rng, row, rows));
    const runner = new CoreRunner(WASM_AT_FIRST_RUN);
    const failures = runDifferential(cases, runner);
    if (failures.length > 0) throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 12).join('\n')}`);
    expect(existingRuntime(runner.core)!.lowered).toBeGreaterThan(cases.length);
  });

  it('a loop of them gives the interpreter\'s registers, xmm and memory', () => {
    const code = assemble(LOOP);
    const run = (options: X86CoreOptions): ReturnType<typeof fullState> => {
      const b = sseCore(code, options);
      for (let k = 0; k < 16; k++) b.bus.u8[DATA + k * 16 + 3] = 17 * k + 5;
      while (!b.core.halted && b.vector() < 0) b.core.run(100_000);
      return fullState(b);
    };
    const ref = run(INTERP);
    expect(ref.vector).toBe(-1);
    expect(ref.regs[3]).not.toBe(0n);
    for (const options of [WASM, WASM_DEFAULT]) expect(run(options)).toEqual(ref);
  });

  it('an SSE store over code: the code it wrote runs next, as in the interpreter', () => {
    // Each round writes the round's number into f's \`mov eax, imm32\`
    // with movlps (8 bytes: imm32, ret, nop, nop, nop), then calls f.
    const code = assemble(`
        mov ecx, 300
      l1:
        mov edx, ecx
        movabs r8, 0x909090c300000000
        or rdx, r8
        movq xmm0, rdx
        movlps [rip + f + 1], xmm0
        call f
        add rbx, rax
        dec ecx
        jnz l1
        hlt
        .p2align 12
      f: mov eax, 0x11111111
        ret
        nop
        nop
        nop`);
    const runs = [INTERP, WASM, WASM_DEFAULT].map((o) => {
      const b = sseCore(code, o);
      while (!b.core.halted && b.vector() < 0) b.core.run(100_000);
      return fullState(b);
    });
    expect(runs[0].regs[3]).toBe(BigInt((300 * 301) / 2));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('#GP on a misaligned movdqa / pxor operand, as the interpreter', () => {
    for (const insn of ['movdqa xmm0, [rsi + 8]', 'pxor xmm3, [rsi + 4]', 'movaps [rsi + 12], xmm1']) {
      const code = assemble(`mov esi, ${DATA}\nmov ecx, 50\nl1:\nmovdqa xmm0, [rsi]\ndec ecx\njnz l1\n${insn}\nhlt`);
      const runs = [INTERP, WASM].map((o) => {
        const b = sseCore(code, o);
        while (!b.core.halted && b.vector() < 0) b.core.run(1000);
        return fullState(b);
      });
      expect(runs[0].vector).toBe(13);
      expect(runs[1]).toEqual(runs[0]);
    }
  });

  it('SSE off and a non-canonical fs: operand: #NM first, as the interpreter', () => {
    for (const insn of ['movdqa xmm0, fs:[rsi]', 'pxor xmm3, fs:[rsi]', 'movaps fs:[rsi], xmm1', 'movlps fs:[rsi], xmm1']) {
      const code = assemble(`mov esi, ${DATA}\n${insn}\nhlt`);
      const runs = [INTERP, WASM].map((o) => {
        const b = sseCore(code, o);
        b.core.fsBase = 2 ** 47;
        b.core.cr0 |= CR0_TS;
        b.core.run(100);
        return fullState(b);
      });
      expect({ insn, vector: runs[0].vector }).toEqual({ insn, vector: 7 });
      expect(runs[1]).toEqual(runs[0]);
    }
  });

  it('SSE turned off between run() calls: #NM / #UD at the same instruction as the interpreter', () => {
    const code = assemble(`
        mov esi, ${DATA}
        mov ecx, 100000
      l1:
        add ebx, 1
        movd xmm0, ebx
        pxor xmm1, xmm0
        movdqa [rsi], xmm1
        movq rax, xmm1
        dec ecx
        jnz l1
        hlt`);
    const off: Array<[string, (b: BareCore) => void, number]> = [
      ['CR0.TS', (b) => (b.core.cr0 |= CR0_TS), 7],
      ['no CR4.OSFXSR', (b) => (b.core.cr4 &= ~CR4_OSFXSR), 6],
    ];
    for (const [what, turnOff, vector] of off) {
      const runs = [SHAPED, WASM, WASM_DEFAULT].map((o) => {
        const b = sseCore(code, o);
        b.core.run(30_000);
        turnOff(b);
        b.core.run(30_000);
        return fullState(b);
      });
      expect({ what, vector: runs[0].vector }).toEqual({ what, vector });
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
    }
  });
});
