/**
 * The x86_64 core's checks that user programs meet in the slow paths: data
 * segment loads against the GDT (privilege, type, presence), far jmp and
 * call through memory, icebp, the trap flag (one #DB after each
 * instruction, none after the one that sets it), and #SS rather than #GP
 * for a non-canonical stack reference (SDM vol. 2 MOV, JMP, CALL, INT1,
 * POPF; vol. 3 6.15 and 17.3.1.4). A bare core with the JOS GDT's layout,
 * paging off; the exception observer stops each run at its first fault.
 */
import { EXC_DB, EXC_GP, EXC_NP, EXC_SS } from '../../arch/x86_64/registers';
import { assemble } from './harness/assemble';
import { BareCore, bareCore, runToEnd } from './harness/bare-core';

const CODE = 0x10000;
const GDT = 0x1000;
const RAM = 1 << 21;
const EXC_UD = 6;
const DESCRIPTORS: [number, number][] = [
  [0, 0],
  [0x0000ffff, 0x00af9a00], // 0x08 kernel code: DPL 0, L
  [0x0000ffff, 0x00cf9200], // 0x10 kernel data
  [0x0000ffff, 0x00cff200], // 0x18 user data: DPL 3
  [0x0000ffff, 0x00affa00], // 0x20 user code: DPL 3, L
  [0x0000ffff, 0x00cf7200], // 0x28 user data, not present
  [0x0000ffff, 0x00cffa00], // 0x30 user code, 32-bit (compatibility mode)
  [0x0000ffff, 0x00aff800], // 0x38 user code, execute-only
];

interface Outcome {
  vector: number;
  code: number;
  rip: number;
  b: BareCore;
}

/** Runs `source` at CPL `cpl` until its first fault (ud2 marks the end). */
function run(source: string, cpl = 3): Outcome {
  const b = bareCore(assemble(source), CODE, RAM, { jit: false });
  const view = new DataView(b.bus.u8.buffer);
  DESCRIPTORS.forEach(([lo, hi], k) => {
    view.setUint32(GDT + 8 * k, lo >>> 0, true);
    view.setUint32(GDT + 8 * k + 4, hi >>> 0, true);
  });
  const core = b.core;
  core.gdtBase = GDT;
  core.gdtLimit = DESCRIPTORS.length * 8 - 1;
  core.setCpl(cpl);
  core.sel.set(cpl === 3 ? [0x1b, 0x23, 0x1b, 0x1b, 0, 0] : [0x10, 0x08, 0x10, 0x10, 0, 0]);
  let vector = -1;
  let code = -1;
  core.onException = (v, c) => {
    vector = v;
    code = c;
    return true;
  };
  b.vector = () => vector;
  runToEnd(b, 10_000);
  return { vector, code, rip: core.rip, b };
}

describe('segment loads in 64-bit mode', () => {
  test.each([
    ['the kernel data segment from ring 3', 'mov eax, 0x10\nmov ds, eax', EXC_GP, 0x10],
    ['the kernel data segment with RPL 3', 'mov eax, 0x13\nmov es, eax', EXC_GP, 0x10],
    ['the kernel code segment', 'mov eax, 0x08\nmov fs, eax', EXC_GP, 0x08],
    ['an execute-only code segment', 'mov eax, 0x3b\nmov gs, eax', EXC_GP, 0x38],
    ['a selector past the GDT', 'mov eax, 0x83\nmov ds, eax', EXC_GP, 0x80],
    ['a not-present segment', 'mov eax, 0x2b\nmov ds, eax', EXC_NP, 0x28],
    ['SS with another RPL', 'mov eax, 0x18\nmov ss, eax', EXC_GP, 0x18],
    ['SS with a code segment', 'mov eax, 0x23\nmov ss, eax', EXC_GP, 0x20],
    ['a kernel selector popped into FS', 'push 0x10\npop fs', EXC_GP, 0x10],
  ])('%s is #GP or #NP with the selector', (_, source, vector, code) => {
    const r = run(`${source}\nud2`);
    expect([r.vector, r.code]).toEqual([vector, code]);
  });

  test('user data, a readable user code segment and null load in ring 3; a failed pop leaves RSP', () => {
    const r = run('mov eax, 0x1b\nmov ds, eax\nmov ss, eax\nmov eax, 0x23\nmov es, eax\nxor eax, eax\nmov fs, eax\nmov gs, eax\nud2');
    expect(r.vector).toBe(EXC_UD);
    expect(Array.from(r.b.core.sel)).toEqual([0x23, 0x23, 0x1b, 0x1b, 0, 0]);
    const popped = run('push 0x10\npop fs\nud2');
    expect(popped.b.core.getGpr(4)).toBe(0x80000n - 8n);
  });

  test('ring 0 may load every data segment, and a null SS with RPL 0', () => {
    const r = run('mov eax, 0x10\nmov ds, eax\nmov eax, 0x1b\nmov es, eax\nxor eax, eax\nmov ss, eax\nud2', 0);
    expect(r.vector).toBe(EXC_UD);
  });
});

describe('far jmp and call through memory', () => {
  // lea (7 bytes), the far jmp/call (2), ud2; the target at +0x100, the
  // m16:32 pointer at +0x200.
  const TARGET = CODE + 0x100;
  const program = (insn: string, selector: number) =>
    `lea rbx, [rip + ptr]\n${insn} [rbx]\nud2\n.org 0x100\nmov eax, 0x1234\nud2\n.org 0x200\nptr: .long ${TARGET}\n.word ${selector}`;

  test('to the user code segment: lands at the target; lcall pushes CS, then the return address', () => {
    const jumped = run(program('jmp fword ptr', 0x23));
    expect(jumped.vector).toBe(EXC_UD);
    expect(jumped.b.core.getGpr(0)).toBe(0x1234n);
    expect(jumped.rip).toBe(TARGET + 5);
    const called = run(program('call fword ptr', 0x23));
    expect(called.b.core.getGpr(0)).toBe(0x1234n);
    const sp = 0x80000 - 8;
    expect(called.b.core.getGpr(4)).toBe(BigInt(sp));
    const view = new DataView(called.b.bus.u8.buffer);
    expect(view.getUint32(sp + 4, true)).toBe(0x23);
    expect(view.getUint32(sp, true)).toBe(CODE + 9);
  });

  test.each([
    ['the kernel code segment', 0x08, EXC_GP, 0x08],
    ['the null selector', 0x00, EXC_GP, 0],
    ['a data segment', 0x1b, EXC_GP, 0x18],
    ['a compatibility-mode segment (not modelled)', 0x33, EXC_GP, 0x30],
  ])('to %s: #GP', (_, selector, vector, code) => {
    const r = run(program('jmp fword ptr', selector));
    expect([r.vector, r.code]).toEqual([vector, code]);
  });
});

describe('debug traps', () => {
  test('icebp raises #DB after itself', () => {
    const r = run('nop\n.byte 0xf1\nud2');
    expect(r.vector).toBe(EXC_DB);
    expect(r.rip).toBe(CODE + 2);
  });

  test('popf setting TF: the next instruction runs, then #DB with DR6.BS', () => {
    const r = run('pushfq\nor qword ptr [rsp], 0x100\npopfq\nmov eax, 7\nmov eax, 8\nud2');
    expect(r.vector).toBe(EXC_DB);
    expect(r.b.core.getGpr(0)).toBe(7n);
    expect(r.b.core.dr[6] & (1 << 14)).not.toBe(0);
  });
});

describe('non-canonical addresses', () => {
  test.each([
    ['push with a non-canonical RSP', 'mov rsp, rax\npush rbx', EXC_SS],
    ['a load based on RSP', 'mov rsp, rax\nmov rbx, [rsp + 8]', EXC_SS],
    ['a load based on RBP', 'mov rbp, rax\nmov rbx, [rbp - 8]', EXC_SS],
    ['call with a non-canonical RSP', 'mov rsp, rax\ncall next\nnext: nop', EXC_SS],
    ['a load based on RBX', 'mov rbx, rax\nmov rcx, [rbx]', EXC_GP],
    ['a store based on R12 (SIB like RSP, but DS)', 'mov r12, rax\nmov [r12], rcx', EXC_GP],
  ])('%s', (_, source, vector) => {
    const r = run(`mov rax, 0x800000000010\n${source}\nud2`);
    expect([r.vector, r.code]).toEqual([vector, 0]);
  });
});
