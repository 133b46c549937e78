/**
 * The interpreter's inline forms (arch/x86_64/fast-kinds.ts) against the
 * slot handlers they stand for, and its fused branches against the flags.
 *
 * Every program runs twice on a bare core without the JIT: once normally
 * (inline forms) and once with a trace hook, which makes the interpreter
 * call each slot's handler instead (the reference path). Registers, RIP,
 * retired count, RFLAGS and memory must be equal. The branch program also
 * checks each jcc outcome against the condition computed from the RFLAGS
 * pushed right after it (SDM vol. 1, B.1) and, for cmp, against the
 * signed/unsigned comparison of the operands as BigInts. Programs are
 * assembled with the host `as` at test time.
 */
import { assemble } from './harness/assemble';
import { CoreState, bareCore, coreState, runToEnd } from './harness/bare-core';

const CODE = 0x10000;
const TABLE_A = 0x100000;
const TABLE_B = 0x100800;
const OUT = 0x200000;
const RAM = 1 << 22;

interface Outcome extends CoreState {
  out: Uint8Array;
}

function run(code: Uint8Array, tables: BigInt64Array[], handlersOnly: boolean, outBytes: number): Outcome {
  const b = bareCore(code, CODE, RAM, { jit: false });
  if (handlersOnly) b.core.trace = () => undefined;
  [TABLE_A, TABLE_B].forEach((at, k) => {
    if (tables[k]) b.bus.u8.set(new Uint8Array(tables[k].buffer), at);
  });
  b.bus.noteRamWrite(0, RAM);
  b.core.setGpr(6, BigInt(OUT));
  b.core.setGpr(7, BigInt(TABLE_A));
  b.core.setGpr(2, BigInt(TABLE_B));
  runToEnd(b, 50_000_000, 1_000_000);
  return { ...coreState(b), out: b.bus.u8.slice(OUT, OUT + outBytes) };
}

function expectSameAsHandlers(code: Uint8Array, tables: BigInt64Array[] = [], outBytes = 4096): Outcome {
  const inline = run(code, tables, false, outBytes);
  const reference = run(code, tables, true, outBytes);
  expect(inline.vector).toBe(reference.vector);
  expect(inline.rip).toBe(reference.rip);
  expect(inline.retired).toBe(reference.retired);
  expect(inline.rflags).toBe(reference.rflags);
  expect(inline.regs).toEqual(reference.regs);
  expect(Buffer.from(inline.out).equals(Buffer.from(reference.out))).toBe(true);
  return inline;
}

const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

/** Condition cc from RFLAGS (SDM vol. 1, table B-1). */
function condition(cc: number, f: number): boolean {
  const cf = (f & 1) !== 0;
  const pf = (f & 4) !== 0;
  const zf = (f & 0x40) !== 0;
  const sf = (f & 0x80) !== 0;
  const of = (f & 0x800) !== 0;
  const base = [of, cf, zf, cf || zf, sf, pf, sf !== of, zf || sf !== of][cc >> 1];
  return (cc & 1) === 0 ? base : !base;
}

/** cc after `cmp a, b` at `bits`, from the operands alone. */
function compareOracle(cc: number, a: bigint, b: bigint, bits: number): boolean | null {
  const ua = BigInt.asUintN(bits, a);
  const ub = BigInt.asUintN(bits, b);
  const sa = BigInt.asIntN(bits, a);
  const sb = BigInt.asIntN(bits, b);
  const base = [null, ua < ub, ua === ub, ua <= ub, null, null, sa < sb, sa <= sb][cc >> 1];
  if (base === null) return null;
  return (cc & 1) === 0 ? base : !base;
}

const VALUES = [0n, 1n, -1n, 2n, 0x7fffffffn, -0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n];
const PAIRS: [bigint, bigint][] = [];
for (const a of VALUES) for (const b of VALUES) PAIRS.push([a, b]);

/** Flag-setting forms placed right before the jcc (so the decoder fuses
 * them), in Intel syntax for 64 and 32 bits; rax = a, rbx = b. */
const SETTERS: [string, string, string][] = [
  ['cmp r,r', 'cmp rax, rbx', 'cmp eax, ebx'],
  ['cmp r,m', 'cmp rax, qword ptr [rdx + r12*8]', 'cmp eax, dword ptr [rdx + r12*8]'],
  ['cmp m,r', 'cmp qword ptr [rdi + r12*8], rbx', 'cmp dword ptr [rdi + r12*8], ebx'],
  ['cmp r,i', 'cmp rax, -1', 'cmp eax, 0x7fffffff'],
  ['cmp m,i', 'cmp qword ptr [rdi + r12*8], 1', 'cmp dword ptr [rdi + r12*8], -2'],
  ['sub r,r', 'sub rax, rbx', 'sub eax, ebx'],
  ['sub r,m', 'sub rax, qword ptr [rdx + r12*8]', 'sub eax, dword ptr [rdx + r12*8]'],
  ['sub r,i', 'sub rax, 5', 'sub eax, -3'],
  ['add r,r', 'add rax, rbx', 'add eax, ebx'],
  ['and r,r', 'and rax, rbx', 'and eax, ebx'],
  ['test r,r', 'test rax, rbx', 'test eax, ebx'],
  ['test r,i', 'test rax, -0x80000000', 'test eax, 1'],
  ['xor r,i', 'xor rax, 1', 'xor eax, 1'],
  ['neg', 'neg rax', 'neg eax'],
  ['inc', 'inc rax', 'inc eax'],
  ['dec', 'dec rax', 'dec eax'],
  ['cmp m8,r8', 'cmp byte ptr [rdi + r12*8], bl', 'cmp byte ptr [rdi + r12*8], 0x80'],
];

describe('x86_64 interpreter: inline forms', () => {
  it('every jcc after every fused flag setter agrees with the handlers, the flags and the operands', () => {
    const lines: string[] = [];
    const sites: { setter: string; bits: number; cc: number; cmp: boolean }[] = [];
    SETTERS.forEach(([name, s64, s32]) => {
      for (const bits of [64, 32]) {
        for (let cc = 0; cc < 16; cc++) {
          const n = sites.length;
          sites.push({ setter: name, bits, cc, cmp: name === 'cmp r,r' || name === 'cmp r,m' || name === 'cmp m,r' });
          lines.push(
            `  xor r12d, r12d`,
            `s${n}:`,
            `  mov rax, qword ptr [rdi + r12*8]`,
            `  mov rbx, qword ptr [rdx + r12*8]`,
            `  ${bits === 64 ? s64 : s32}`,
            `  j${CC[cc]} t${n}`,
            `  pushfq`,
            `  pop r8`,
            `  xor r9d, r9d`,
            `  jmp d${n}`,
            `t${n}:`,
            `  pushfq`,
            `  pop r8`,
            `  mov r9d, 1`,
            `d${n}:`,
            `  mov qword ptr [rsi], r8`,
            `  mov qword ptr [rsi + 8], r9`,
            `  add rsi, 16`,
            `  inc r12d`,
            `  cmp r12d, ${PAIRS.length}`,
            `  jne s${n}`,
          );
        }
      }
    });
    lines.push('  hlt');
    const code = assemble(lines.join('\n'));
    const a = BigInt64Array.from(PAIRS.map((p) => p[0]));
    const b = BigInt64Array.from(PAIRS.map((p) => p[1]));
    const bytes = sites.length * PAIRS.length * 16;
    const r = expectSameAsHandlers(code, [a, b], bytes);
    expect(r.vector).toBe(-1);
    const view = new DataView(r.out.buffer, r.out.byteOffset);
    let checked = 0;
    sites.forEach((site, n) => {
      PAIRS.forEach(([x, y], p) => {
        const at = (n * PAIRS.length + p) * 16;
        const flags = Number(view.getBigUint64(at, true));
        const taken = view.getBigUint64(at + 8, true) === 1n;
        const where = `${site.setter}/${site.bits} j${CC[site.cc]} a=${x} b=${y}`;
        expect({ where, taken }).toEqual({ where, taken: condition(site.cc, flags) });
        if (site.cmp) {
          const want = compareOracle(site.cc, x, y, site.bits);
          if (want !== null) expect({ where, taken }).toEqual({ where, taken: want });
        }
        checked++;
      });
    });
    expect(checked).toBe(SETTERS.length * 2 * 16 * PAIRS.length);
  });

  it('moves, ALU forms, shifts, extensions, lea, multiply/divide and stack forms agree with the handlers', () => {
    const code = assemble(`
      mov r13d, 40
    loop:
      mov rax, qword ptr [rdi + r13*8]
      mov rbx, qword ptr [rdx + r13*8]
      mov ecx, eax
      mov r8, rbx
      mov r9d, 0x12345678
      mov r10, -5
      mov r11, 0x123456789abcdef0
      add ecx, ebx
      or r8, rax
      xor r9d, ecx
      and r10, r11
      sub r11d, 77
      add rax, 0x7fffffff
      shl ecx, 5
      shr r8d, 1
      sar r9d, 31
      shl r10, 33
      shr r11, 7
      sar rax, 63
      shl rbx, 1
      movzx r14d, bl
      movzx ebp, bh
      movsx r14, cx
      movsx ebp, ah
      movsxd r14, ebx
      lea r15, [rax + rbx*4 + 100]
      lea r14d, [rcx + r8*2 - 3]
      cdqe
      cqo
      imul ecx, ebx
      imul r8d, r9d, -7
      neg r10
      not r11d
      not r12
      neg ebp
      and r9, 0xff
      or ecx, -1
      sub r8, 3
      test r11d, 0x40
      cmp r12, r11
      inc r14
      dec r15d
      mov qword ptr [rsi], rax
      mov dword ptr [rsi + 8], ecx
      mov qword ptr [rsi + 16], -9
      mov dword ptr [rsi + 24], 0x80000000
      mov byte ptr [rsi + 28], bh
      mov byte ptr [rsi + 29], 0xab
      mov al, byte ptr [rsi + 29]
      mov ah, byte ptr [rsi + 28]
      movzx ebx, word ptr [rsi + 24]
      movsx rcx, byte ptr [rsi + 29]
      movsx r8d, word ptr [rsi + 26]
      movsxd r9, dword ptr [rsi + 24]
      add r10d, dword ptr [rsi + 8]
      xor r11, qword ptr [rsi]
      or r12, qword ptr [rsi + 16]
      push rax
      push r11
      pop rbx
      pop rcx
      mov eax, r10d
      cdq
      mov ebx, 7
      idiv ebx
      mov r14d, eax
      xor edx, edx
      mov eax, r11d
      div ebx
      mov r14, qword ptr [r13*8 + 0x100000]
      mov r15d, dword ptr [r13*4 + 0x100800 - 4]
      mov dword ptr [r13*4 + 0x201800], r15d
      xor ecx, dword ptr [r13*4 + 0x100000]
      not r12
      shr r11, 40
      sar r10, 1
      pushfq
      pop qword ptr [rsi + 32]
      mov qword ptr [rsi + 40], rax
      mov qword ptr [rsi + 48], rbx
      mov qword ptr [rsi + 56], rcx
      mov qword ptr [rsi + 64], rbp
      mov qword ptr [rsi + 72], r8
      mov qword ptr [rsi + 80], r9
      mov qword ptr [rsi + 88], r10
      mov qword ptr [rsi + 96], r11
      mov qword ptr [rsi + 104], r12
      mov qword ptr [rsi + 112], r14
      mov qword ptr [rsi + 120], r15
      add rsi, 128
      dec r13d
      jns loop
      hlt`);
    const a = BigInt64Array.from(VALUES.concat(VALUES, VALUES, VALUES, VALUES.slice(0, 1)));
    const b = BigInt64Array.from(VALUES.slice().reverse().concat(VALUES, VALUES.slice().reverse(), VALUES, VALUES.slice(0, 1)));
    const r = expectSameAsHandlers(code, [a, b], 8192);
    expect(r.vector).toBe(-1);
  });

  it('lea of 64-bit registers whose terms cancel beyond 2^53 agrees with the handler (the double sum would round)', () => {
    // base 2^62 + 1, index -2^62 (scaled by 1 and by 4): the sums are 1
    // and 2^62 + 1 - 2^64, exact only in 64-bit integer arithmetic.
    const out = expectSameAsHandlers(assemble(`
      movabs rbx, 0x4000000000000001
      movabs rcx, 0xc000000000000000
      lea rax, [rbx + rcx + 7]
      lea rdx, [rbx + rcx*4 - 9]
      movabs r8, 0x0010000000000003
      lea r9, [r8 + 5]
      hlt
    `));
    expect(out.regs[0]).toBe(8n);
    expect(out.regs[2]).toBe(0x4000000000000001n - 0x4000000000000000n * 4n - 9n + 2n ** 64n);
    expect(out.regs[9]).toBe(0x0010000000000008n);
  });

  it('memory operands whose 64-bit base and index cancel beyond 2^53 address what the CPU does', () => {
    // rbx = 2^62 + OUT + 1, rcx = -2^62: [rbx + rcx - 1] is OUT, which a
    // double sum rounds (2^62 + OUT + 1 is not a double) to OUT - 1.
    const out = expectSameAsHandlers(assemble(`
      mov rbx, rsi
      movabs rcx, 0x4000000000000001
      add rbx, rcx
      movabs rcx, 0xc000000000000000
      mov rax, 0x1122334455667788
      mov qword ptr [rbx + rcx - 1], rax
      mov rdx, qword ptr [rbx + rcx*1 + 7]
      add rdx, qword ptr [rbx + rcx - 1]
      mov qword ptr [rsi + 8], rdx
      hlt
    `), [], 16);
    expect(Buffer.from(out.out).readBigUInt64LE(0)).toBe(0x1122334455667788n);
    expect(Buffer.from(out.out).readBigUInt64LE(8)).toBe(0x1122334455667788n);
  });

  it('marks flag stores dead only when a later register form of the block replaces them unobserved', () => {
    const code = assemble(`
      add eax, ebx
      mov ecx, edx
      cmp eax, 5
      sub ebx, 1
      mov dword ptr [rsi], eax
      xor edx, edx
      inc ecx
      and eax, 3
      shl eax, 0
      or eax, ebx
      test eax, eax
      jne 1f
    1:
      hlt`);
    const core = bareCore(code, CODE, RAM, { jit: false }).core;
    const id = core.cache.build(CODE, CODE);
    const first = core.cache.blkFirst[id];
    const dead = Array.from({ length: core.cache.blkCount[id] }, (_, k) => core.d.word[first + k] < 0);
    expect(dead).toEqual([
      true, // add: cmp replaces the flags, only a register move between
      false, // mov
      true, // cmp: sub replaces them
      false, // sub: a store follows (it may fault and push RFLAGS)
      false, // mov [rsi]
      false, // xor: inc reads CF
      true, // inc: and replaces them
      false, // and: shl by 0 keeps them, so or's write is not reached through it
      true, // shl by 0: or replaces them (it writes none anyway)
      true, // or: test replaces them
      false, // test: jne reads them
      false, // jne
      false, // hlt: without the JIT the block runs on past a jcc
    ]);
  });

  it('an instruction run alone (the sti / mov ss shadow) still records its flags', () => {
    // add's flags are dead in the whole block (cmp replaces them), but in
    // the interrupt shadow only add runs before interrupts are checked.
    const code = assemble(`
      add eax, ebx
      cmp eax, 5
      hlt`);
    const core = bareCore(code, CODE, RAM, { jit: false }).core;
    core.setGpr(0, 0xffffffffn);
    core.setGpr(3, 1n);
    core.interruptShadowPending = true;
    core.run(1);
    expect(core.retired).toBe(1);
    expect(core.getGpr(0)).toBe(0n);
    expect(core.getRflags() & 0x8d5).toBe(0x55); // CF, PF, AF, ZF set; SF, OF clear
  });

  it('blocks that run on through jumps keep each instruction its own RIP (rip-relative data, loops, faults)', () => {
    const code = assemble(`
      mov ecx, 30
      jmp 2f
    1:
      add eax, dword ptr [rip + value]
      lea rbx, [rip + value]
      dec ecx
      jnz 3f
      jmp 4f
    2:
      mov eax, 1
      jmp 1b
    3:
      add edx, ecx
      jmp 1b
    value:
      .long 7
    4:
      mov qword ptr [rsi], rbx
      mov r9, 0x8000000000000000
      add eax, edx
      jmp 5f
      nop
    5:
      mov eax, dword ptr [r9]
      hlt`);
    const r = expectSameAsHandlers(code);
    expect(r.vector).toBe(13);
    // eax before the faulting load: 1, thirty 7s, then edx (TABLE_B + 29 + ... + 1).
    expect(r.regs[0]).toBe(BigInt(1 + 30 * 7 + TABLE_B + (29 * 30) / 2));
  });

  it('a chain of jmps longer than a block, and branches taken and not taken mid-block, count every instruction', () => {
    // 300 jmps in a row (each retires, none has a slot); then a loop whose
    // block runs on past two jcc, leaving at the one taken each time.
    const code = assemble(`
      mov ecx, 40
      xor edx, edx
    .rept 300
      jmp 1f
    1:
    .endr
    2:
      inc eax
      test ecx, 1
      jne 3f
      add ebx, ecx
      cmp ecx, 20
      jb 3f
      add edx, 1
    3:
      dec ecx
      jnz 2b
      mov qword ptr [rsi], rax
      mov qword ptr [rsi + 8], rbx
      mov qword ptr [rsi + 16], rdx
      hlt`);
    const r = expectSameAsHandlers(code);
    expect(r.vector).toBe(-1);
    // Even ecx from 40 down to 2: 20 values summing to 420, 11 of them 20 or more.
    expect([r.regs[0], r.regs[3], r.regs[2]]).toEqual([40n, 420n, 11n]);
  });

  it('a divide fault from an inline idiv has the handler RIP, count and registers', () => {
    const code = assemble(`
      mov eax, 100
      cdq
      mov ebx, 5
      idiv ebx
      xor ebx, ebx
      cdq
      idiv ebx
      hlt`);
    const r = expectSameAsHandlers(code);
    expect(r.vector).toBe(0); // #DE
  });
});
