/**
 * The JIT tier against the interpreter on programs made to hit its exact
 * paths: a block that rewrites a later instruction of itself, faults in the
 * middle of a compiled block (RIP, retired, registers and the lazy flags
 * seen at the fault), a loop that compiles while it runs, and budgets that
 * end a compiled loop mid-way. Each program runs on a bare core with the
 * interpreter (on blocks shaped as the JIT's, and alone when the program
 * runs to its end) and with the JIT (each backend, compiling at first run
 * and after the default threshold); everything observable must be equal. The programs
 * are assembled with the host `as` at test time.
 */
import { X86CoreOptions } from '../../arch/x86_64/core';
import { assemble } from './harness/assemble';
import { CoreState, bareCore, coreState, runToEnd } from './harness/bare-core';

const CODE = 0x10000;
const DATA = 0x20000;

interface Outcome extends CoreState {
  data: number[];
  compiled: number;
}

/** Runs `code` from CODE with RSP in RAM until hlt, a fault or `budget`
 * instructions (in slices of `slice`). */
function run(code: Uint8Array, options: X86CoreOptions, budget = 1_000_000, slice = budget): Outcome {
  const b = bareCore(code, CODE, 1 << 20, options);
  b.core.setGpr(6, BigInt(DATA));
  runToEnd(b, budget, slice);
  return {
    ...coreState(b),
    data: Array.from(b.bus.u8.subarray(DATA, DATA + 64)),
    compiled: b.core.jit?.compiled ?? 0,
  };
}

const TIERS: [string, X86CoreOptions][] = [
  ['JIT at first run', { jitThreshold: 0 }],
  ['JIT at the default threshold', {}],
  ['wasm JIT at first run', { jitThreshold: 0, jitBackend: 'wasm' }],
  ['wasm JIT at the default threshold', { jitBackend: 'wasm' }],
];

/** The reference is the interpreter on blocks shaped as the JIT tier's
 * (a tier that never compiles): they end at every jcc and jmp, where the
 * interpreter alone runs on, so budgets end at the same block boundaries.
 * A run to its end (hlt or a fault) must also match the interpreter alone. */
function expectSameAsInterpreter(code: Uint8Array, budget?: number, slice?: number): Outcome {
  const ref = run(code, { jitThreshold: Infinity }, budget, slice);
  if (budget === undefined) {
    expect({ tier: 'interpreter alone', ...run(code, { jit: false }) }).toEqual({ tier: 'interpreter alone', ...ref });
  }
  for (const [name, options] of TIERS) {
    const got = run(code, options, budget, slice);
    expect({ tier: name, ...got, compiled: 0 }).toEqual({ tier: name, ...ref, compiled: 0 });
    if (options.jitThreshold === 0) expect(got.compiled).toBeGreaterThan(0);
  }
  return ref;
}

describe('x86_64 JIT tier vs the interpreter', () => {
  it('a block that rewrites an instruction later in itself runs the new bytes', () => {
    const code = assemble(`
      mov ecx, 50
    l1:
      lea rdi, [rip + patch]
      mov dword ptr [rdi + 1], ecx
    patch:
      mov eax, 0x11111111
      add ebx, eax
      dec ecx
      jnz l1
      hlt`);
    const r = expectSameAsInterpreter(code);
    expect(r.regs[3]).toBe(1275n); // 50 + 49 + ... + 1: every patched immediate was used
    expect(r.vector).toBe(-1);
  });

  it('a fault in the middle of a compiled block has the interpreter RIP, count, registers and flags', () => {
    const code = assemble(`
      mov ecx, 20
      mov r9, 0x8000000000000000
    l1:
      add eax, 3
      sub ebx, 7
      cmp eax, ebx
      dec ecx
      jnz l1
      add eax, 1
      sub ebx, eax
      mov edx, dword ptr [r9]
      cmp ebx, 5
      hlt`);
    const r = expectSameAsInterpreter(code);
    expect(r.vector).toBe(13); // #GP: non-canonical load
    expect(r.rip).not.toBe(CODE);
  });

  it('a store fault leaves the RMW flags as the interpreter does, and memory untouched', () => {
    const code = assemble(`
      mov dword ptr [rsi], 5
      mov r9, 0x8000000000000000
      mov eax, 7
      add dword ptr [rsi + 4], eax
      sub eax, 2
      add dword ptr [r9], eax
      hlt`);
    const r = expectSameAsInterpreter(code);
    expect(r.vector).toBe(13);
  });

  it('budgets end compiled loops at the same block boundaries', () => {
    const code = assemble(`
      mov ecx, 100000
    l1:
      mov dword ptr [rsi + 8], ecx
      add eax, dword ptr [rsi + 8]
      lea rdx, [rax + rcx * 4 + 12]
      test edx, 1
      jz l2
      xor ebx, edx
    l2:
      dec ecx
      jnz l1
      hlt`);
    expectSameAsInterpreter(code, 50_000, 777);
    expectSameAsInterpreter(code);
  });

  it('calls, returns and pushes through compiled blocks', () => {
    const code = assemble(`
      mov ecx, 300
    l1:
      push rcx
      call f
      pop rcx
      dec ecx
      jnz l1
      hlt
    f:
      movzx eax, cl
      imul eax, eax, 37
      shl eax, 3
      movsx r8, ax
      add rbx, r8
      mov byte ptr [rsi + rcx - 100], al
      ret`);
    expectSameAsInterpreter(code);
  });

  it('conditions read from flags a handler recorded (every cc, every operand size)', () => {
    // cmps sets a subtraction's flags through its handler; setcc and jcc
    // then read the lazy flag fields (the wasm backend's cond-fields).
    const cc = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
    const lines: string[] = [];
    for (const [k, name] of cc.entries()) {
      for (const w of ['byte', 'word', 'dword', 'qword']) {
        lines.push(`lea rdi, [rsi + 32]`, `mov rcx, rsi`, `cmps ${w} ptr [rsi], ${w} ptr [rdi]`, `mov rsi, rcx`);
        lines.push(`set${name} al`, `add rbx, rax`, `shl rbx, 1`, `j${name} t${k}${w}`, `inc rdx`, `t${k}${w}:`);
        lines.push(`xor eax, eax`, `test rdx, 3`, `rol qword ptr [rsi], 7`, `add qword ptr [rsi + 32], rdx`);
      }
    }
    const code = assemble(`
      mov r8, 40
      mov qword ptr [rsi], 0x1234
      mov qword ptr [rsi + 32], 0x8000
    l1:
      ${lines.join('\n      ')}
      dec r8
      jnz l1
      hlt`);
    const r = expectSameAsInterpreter(code);
    expect(r.vector).toBe(-1);
  });

  it('equal / not equal read from flags a handler recorded, of every record kind (add, adc, logic, inc, explicit)', () => {
    // Handlers leave these records; the jcc and setcc after them read
    // the lazy fields (the wasm backend's cond-fields: ZF from the result
    // for any record).
    const records = ['xadd qword ptr [rsi], rdx', 'xadd dword ptr [rsi], edx', 'adc byte ptr [rsi], dl', 'adc word ptr [rsi], dx', 'or byte ptr [rsi + 1], dl', 'inc word ptr [rsi + 2]', 'mul rcx', 'mul ecx', 'shld rax, rdx, 7', 'shrd eax, edx, 31'];
    const lines: string[] = [];
    for (const [k, op] of records.entries()) {
      for (const cc of ['e', 'ne']) {
        lines.push(op, `set${cc} bl`, `add rdi, rbx`, `j${cc} t${k}${cc}`, `add rdi, 5`, `t${k}${cc}:`, `imul rdx, rdx, 3`, `add rax, rdi`);
      }
    }
    const code = assemble(`
      mov r8, 70
      mov ecx, 0x10001
      mov edx, 1
      mov qword ptr [rsi], 0
    l1:
      ${lines.join('\n      ')}
      and rdx, r8
      and rax, 0xff
      dec r8
      jnz l1
      hlt`);
    const r = expectSameAsInterpreter(code);
    expect(r.vector).toBe(-1);
  });

  it('every condition read from the flag fields after a block boundary, of every record kind and size', () => {
    // The jmp ends the block, so the setcc and jcc after it cannot use the
    // record's operands: they read the lazy fields (the wasm backend's
    // cond-fields: its fast paths for logic records, SF of any record, and
    // the import for the rest), on values whose sign bits vary.
    const records = [
      'and al, 0x9c', 'or ax, 1', 'xor eax, 0x7fff0000', 'test rax, rdx', 'add eax, 0x40000000', 'add rax, rdx',
      'add al, 0x70', 'cmp ax, 0x8000', 'sub rax, rcx', 'inc eax', 'dec al', 'neg rax', 'imul rax, rdx', 'shl eax, 3',
    ];
    const cc = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
    const lines: string[] = [];
    for (const [k, op] of records.entries()) {
      for (const [j, name] of cc.entries()) {
        lines.push('mov rax, rdx', op, `jmp m${k}_${j}`, `m${k}_${j}:`, `set${name} bl`, `j${name} t${k}_${j}`, 'add rdi, 3', `t${k}_${j}:`);
        lines.push('add rdi, rbx', 'imul rdi, rdi, 5');
      }
      lines.push('imul rdx, rdx, 0x5bd1e995', 'add rdx, r8', 'ror rdx, 13');
    }
    const code = assemble(`
      mov r8, 60
      movabs rdx, 0x8000000180007f81
      mov rcx, 0x12345
      xor ebx, ebx
      xor edi, edi
    l1:
      ${lines.join('\n      ')}
      dec r8
      jnz l1
      hlt`);
    const r = expectSameAsInterpreter(code);
    expect(r.vector).toBe(-1);
  });

  it('lea of 64-bit terms that cancel beyond 2^53, lea with 0x67, and the accumulator extensions at every size, as the interpreter', () => {
    const code = assemble(`
      mov ecx, 200
      movabs rbx, 0x4000000000000001
      movabs r9, 0xc000000000000000
    l1:
      lea rax, [rbx + r9 + 7]
      lea rdx, [rbx + r9*4 - 9]
      lea r8, [rcx + rcx*2 + 1]
      lea r10d, [rcx + r8*8 - 3]
      mov r12, rax
      mov r13, rdx
      lea r14, [ebx + ecx*2 + 5]
      add r11, rax
      add r11, rdx
      add r11, r8
      add r11, r10
      mov eax, ecx
      shl eax, 5
      cbw
      cwde
      cdqe
      cwd
      cdq
      cqo
      add r11, rax
      add r11, rdx
      dec ecx
      jnz l1
      hlt`);
    const out = expectSameAsInterpreter(code);
    expect(out.regs[11]).not.toBe(0n);
    // 2^62 + 1 - 2^62 + 7, and 2^62 + 1 - 2^64 - 9 wrapped.
    expect([out.regs[12], out.regs[13]]).toEqual([8n, 0x3ffffffffffffff8n]);
    // (0x67: a 32-bit address, zero-extended: ebx = 1, ecx = 1 last.)
    expect(out.regs[14]).toBe(8n);
  });

  it('memory operands whose 64-bit base and index cancel beyond 2^53, in compiled blocks', () => {
    // rbx = 2^62 + DATA + 1, r9 = -2^62: [rbx + r9 + 7] is DATA + 8 (a
    // double sum would lose the displacement and the 1: DATA).
    const code = assemble(`
      mov ecx, 200
      mov rbx, rsi
      movabs r9, 0x4000000000000001
      add rbx, r9
      movabs r9, 0xc000000000000000
    l1:
      mov qword ptr [rbx + r9 + 7], rcx
      add r11, qword ptr [rbx + r9*1 + 7]
      dec ecx
      jnz l1
      hlt`);
    const out = expectSameAsInterpreter(code);
    expect(out.regs[11]).toBe(20100n);
    expect(out.data.slice(0, 16)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('an indirect jump among compiled blocks follows its target, also after the target is rewritten', () => {
    // Region exits link through the block cache's jump cache: four targets
    // of one jmp reg, one of which is rewritten half-way (the write drops
    // every block of the page, their functions with them; imm32 forms, so
    // that the store replaces exactly the immediate).
    const code = assemble(`
      mov ecx, 2000
    l1:
      mov eax, ecx
      and eax, 3
      shl eax, 4
      lea rdx, [rip + t0]
      add rdx, rax
      jmp rdx
      .p2align 4
    t0: add ebx, 1000
      jmp back
      .p2align 4
    t1: add ebx, 2000
      jmp back
      .p2align 4
    t2: add ebx, 3000
      jmp back
      .p2align 4
    t3: add ebx, 4000
      jmp back
    back:
      cmp ecx, 1000
      jne 1f
      mov dword ptr [rip + t2 + 2], 5000
    1:
      dec ecx
      jnz l1
      hlt`);
    let sum = 0;
    for (let n = 2000; n > 0; n--) sum += [1000, 2000, n < 1000 ? 5000 : 3000, 4000][n & 3];
    const r = expectSameAsInterpreter(code);
    expect(r.regs[3]).toBe(BigInt(sum));
    expect(r.vector).toBe(-1);
  });

  it('128-bit SSE moves: registers, memory across a page boundary, a store to the code page, a misaligned movaps', () => {
    // rdi + rcx + 16 crosses DATA + 4096 for part of the loop (the slow
    // path through the handler); the last load is a misaligned movaps (#GP).
    const code = assemble(`
      mov rax, cr4
      or eax, 0x200
      mov cr4, rax
      lea rdi, [rsi + 4096 - 200]
      mov ecx, 600
    fill:
      mov byte ptr [rdi + rcx], cl
      dec ecx
      jnz fill
      mov ecx, 300
    l1:
      movdqu xmm0, [rdi + rcx]
      movdqa xmm1, xmm0
      movups [rdi + rcx + 320], xmm1
      movaps xmm2, [rsi + 16]
      movaps [rsi + 32], xmm1
      movdqu xmm3, xmm2
      movapd [rsi + 48], xmm3
      add rbx, [rdi + rcx + 328]
      cmp ecx, 100
      jne 1f
      movups [rip + scratch], xmm1
    1:
      dec ecx
      jnz l1
      movdqu [rsi], xmm0
      movdqu [rsi + 16], xmm1
      movaps xmm4, [rsi + 8]
      hlt
    scratch:
      .space 16`);
    const r = expectSameAsInterpreter(code);
    expect(r.vector).toBe(13);
    expect(r.regs[3]).not.toBe(0n);
  });

  it('an SSE move with CR4.OSFXSR clear raises #UD in compiled code too', () => {
    const code = assemble(`
      mov ecx, 50
    l1:
      add ebx, ecx
      dec ecx
      jnz l1
      movdqu xmm0, [rsi]
      hlt`);
    expect(expectSameAsInterpreter(code).vector).toBe(6);
  });
});
