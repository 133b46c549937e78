/**
 * A block no region starts at, entered when a wasm region leaves for it
 * (a return site after a call, since a region is entered only at its first
 * block), counts DEFAULT_EXIT_WEIGHT runs per such entry toward the
 * compile threshold (jit/jit-tier.ts `exited`, wasm/runtime.ts), so it
 * compiles long before a block run as often from the interpreter. The
 * interpreter stays the oracle for the registers, RIP and retired count.
 */
import { X86CoreOptions } from '../../arch/x86_64/core';
import { DEFAULT_EXIT_WEIGHT, DEFAULT_JIT_GROWTH, DEFAULT_JIT_THRESHOLD } from '../../arch/x86_64/jit/jit-tier';
import { assemble } from './harness/assemble';
import { bareCore, coreState, runToEnd } from './harness/bare-core';

const CODE = 0x10000;
const RAM = 1 << 20;
const ITERATIONS = 300;

/** A loop calling f, on another page (its own region); the return site
 * `after` is 10 bytes in (mov ecx, imm32: 5 bytes; call rel32: 5). */
const LOOP = `
    mov ecx, ${ITERATIONS}
  l1:
    call f
  after:
    add ebx, eax
    dec ecx
    jnz l1
    hlt
    .p2align 12
  f:
    lea eax, [rcx + 7]
    ret`;

describe('x86_64 wasm backend: region exits weigh in the compile count', () => {
  it('a return site reached from a compiled callee compiles before its runs reach the threshold', () => {
    const code = assemble(LOOP);
    expect(code[10]).toBe(0x01); // add ebx, eax at `after`
    const run = (options: X86CoreOptions) => {
      const b = bareCore(code, CODE, RAM, options);
      runToEnd(b, 100_000);
      return b;
    };
    const ref = run({ jit: false });
    let sum = 0;
    for (let n = ITERATIONS; n > 0; n--) sum += n + 7;
    expect(ref.core.getGpr(3)).toBe(BigInt(sum));
    const b = run({ jitBackend: 'wasm' });
    expect(coreState(b)).toEqual(coreState(ref));
    const jit = b.core.jit!;
    expect(jit.exitWeight).toBe(DEFAULT_EXIT_WEIGHT);
    expect(ITERATIONS).toBeLessThan(DEFAULT_JIT_THRESHOLD + DEFAULT_JIT_GROWTH);
    const after = b.core.cache.lookup(CODE + 10);
    expect(after).toBeGreaterThanOrEqual(0);
    expect(jit.fns[after]).not.toBeNull();
    // f compiles first (its 257th run); `after` alone would then need
    // more than threshold + growth runs: more than the loop makes.
    expect(jit.compiled).toBe(2);
    expect(jit.fns[b.core.cache.lookup(CODE + 0x1000)]).not.toBeNull();
  });
});
