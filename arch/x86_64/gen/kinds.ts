/**
 * The interpreter's kinds (fast-kinds.ts's const enum K), numbered from
 * the rows of gen/: every form of every family gets the next number, in
 * family and row order, so a new row's forms get theirs with no edit.
 * scripts/gen-x86.ts writes the enum into fast-kinds.ts (region "kind
 * enum").
 *
 * The layout is what the interpreter and fast-kinds.ts rely on:
 * - 0 is HANDLER (word 0: call the slot's handler), 1 NOP;
 * - the register forms, then FIRST_MEM, then every form with a memory
 *   operand (runBlocks computes its address before the switch when
 *   kind >= FIRST_MEM);
 * - the 16 jcc kinds in cc order (JO + cc), the fused jcc kinds of
 *   gen/conditions.ts SUB_CONDITIONS after a 32-bit sub/cmp then a 64-bit
 *   one (JB_SUB32 + n, JB_SUB64 + n), and je/jne after a recorded result
 *   (JZ_RES32, JNZ_RES32 = JZ_RES32 + 1, then the same at 64 bits), each
 *   group contiguous;
 * - every number below 256 (bits 0-7 of the slot's word).
 * The numbers are dense, so runBlocks' switch compiles to a jump table.
 */
import { Condition, CONDITIONS_BY_CC, SUB_CONDITIONS } from './conditions';
import { CONTROL_ROWS } from './control';
import { forms, MEMORY_SHAPES } from './forms';
import { accumulatorForms, leaForms } from './lea';
import { isMemoryMove, moveForms } from './moves';
import { mulDivForms } from './muldiv';
import { shiftForms } from './shifts';

/** A group of consecutive kinds, with the comment put above it. */
export interface KindGroup {
  doc: string;
  names: string[];
}

/** The kind of a jcc: JO, JNO, ... */
export function jccKindName(c: Condition): string {
  return `J${c.name.toUpperCase()}`;
}

/** The fused kind of a condition at a size: JB_SUB32, JG_SUB64, ... */
export function fusedKindName(name: string, size: number): string {
  return `J${name.toUpperCase()}_SUB${size * 8}`;
}

/** je/jne after an operation that recorded its result: ZF is that result
 * being zero (fast-kinds.ts fuseBranch). */
export const RESULT_BRANCH_KINDS = ['JZ_RES32', 'JNZ_RES32', 'JZ_RES64', 'JNZ_RES64'] as const;

/** The register kinds' groups and the memory kinds' groups, in order. */
export function kindGroups(): { register: KindGroup[]; memory: KindGroup[] } {
  const alu = forms();
  const moves = moveForms();
  const muldiv = mulDivForms();
  const control = CONTROL_ROWS.flatMap((r) => (r.kinds.reg === null ? [] : [r.kinds.reg]));
  const controlMem = CONTROL_ROWS.flatMap((r) => (r.kinds.mem === null ? [] : [r.kinds.mem]));
  return {
    register: [
      { doc: 'Call the slot\'s handler (word 0).', names: ['HANDLER'] },
      { doc: 'nop (every operand form).', names: ['NOP'] },
      { doc: 'ALU and single-operand register forms (gen/forms.ts).', names: alu.filter((f) => !MEMORY_SHAPES.includes(f.shape)).map((f) => f.kind) },
      { doc: 'Register moves (gen/moves.ts).', names: moves.filter((f) => !isMemoryMove(f.shape)).map((f) => f.kind) },
      { doc: 'Shifts by a constant (gen/shifts.ts).', names: shiftForms().map((f) => f.kind) },
      { doc: 'lea and the accumulator (gen/lea.ts).', names: [...leaForms(), ...accumulatorForms()].map((f) => f.kind) },
      { doc: 'Multiply and divide (gen/muldiv.ts).', names: muldiv.filter((f) => !f.memory).map((f) => f.kind) },
      { doc: 'Control transfers and the stack (gen/control.ts).', names: control },
      { doc: 'jcc by condition code (SDM vol. 1, B.1): JO + cc.', names: CONDITIONS_BY_CC.map(jccKindName) },
      { doc: 'jcc right after a 32-bit sub/cmp of the same block (fuseBranch): JB_SUB32 + n.', names: SUB_CONDITIONS.map((c) => fusedKindName(c.name, 4)) },
      { doc: 'The same after a 64-bit sub/cmp.', names: SUB_CONDITIONS.map((c) => fusedKindName(c.name, 8)) },
      { doc: 'je/jne right after an operation that recorded its result (32/16/8 or 64 bits).', names: [...RESULT_BRANCH_KINDS] },
    ],
    memory: [
      { doc: 'ALU forms with a memory operand (gen/forms.ts).', names: alu.filter((f) => MEMORY_SHAPES.includes(f.shape)).map((f) => f.kind) },
      { doc: 'Loads and stores (gen/moves.ts).', names: moves.filter((f) => isMemoryMove(f.shape)).map((f) => f.kind) },
      { doc: 'imul r32, m32 (gen/muldiv.ts).', names: muldiv.filter((f) => f.memory).map((f) => f.kind) },
      { doc: 'Control transfers through memory (gen/control.ts).', names: controlMem },
    ],
  };
}

/** Every kind's number by name, FIRST_MEM included; throws when a name
 * repeats or a number does not fit the word's 8 bits. */
export function kindNumbers(): Map<string, number> {
  const { register, memory } = kindGroups();
  const out = new Map<string, number>();
  const add = (name: string): void => {
    if (out.has(name)) throw new Error(`gen: kind ${name} is named twice`);
    out.set(name, out.size - (out.has('FIRST_MEM') ? 1 : 0));
  };
  for (const g of register) for (const n of g.names) add(n);
  out.set('FIRST_MEM', out.size);
  for (const g of memory) for (const n of g.names) add(n);
  const last = out.size - 2;
  if (last > 255) throw new Error(`gen: ${last + 1} kinds do not fit bits 0-7 of the slot's word`);
  return out;
}

/** The const enum K, indented by `indent` spaces. */
export function kindEnum(indent: number): string {
  const { register, memory } = kindGroups();
  const numbers = kindNumbers();
  const lines = [
    '/** The kinds, numbered by gen/kinds.ts from the rows (see there): register',
    ' * forms, then from FIRST_MEM on forms with a memory operand (the',
    ' * interpreter computes its address before the switch). A const enum: the',
    " * interpreter's switch compiles to integer cases (a jump table). */",
    'export const enum K {',
  ];
  const group = (g: KindGroup): void => {
    if (g.names.length === 0) return;
    lines.push(`  /** ${g.doc} */`);
    for (const n of g.names) lines.push(`  ${n} = ${numbers.get(n)},`);
  };
  register.forEach(group);
  lines.push('  /** The first kind with a memory operand. */', `  FIRST_MEM = ${numbers.get('FIRST_MEM')},`);
  memory.forEach(group);
  lines.push('}');
  const pad = ' '.repeat(indent);
  return lines.map((l) => pad + l).join('\n');
}
