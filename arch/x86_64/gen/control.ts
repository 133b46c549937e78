/**
 * The control-transfer and stack rows of the fast-form description: jmp,
 * call and ret near, push and pop of a 64-bit register. Each row says
 * what ops/control.ts and ops/stack.ts (the reference) do, as three
 * optional steps in this order:
 *
 * 1. target: where the transfer goes, read first: the next RIP plus the
 *    relative immediate ('rel'), the 8-byte r/m operand ('E'), or the 8
 *    bytes at RSP ('top': ret; RSP moves past them only after the check
 *    below); then #GP(0) unless the target is canonical, before any other
 *    effect.
 * 2. push: RSP - 8 gets the return address ('next') or the register
 *    ('reg'); the store comes first (it may fault: RSP unchanged), then
 *    RSP. A store may hit a page holding code, which ends the block.
 * 3. pop: the 8 bytes at RSP into the register (a load that may fault:
 *    RSP unchanged), RSP past them.
 *
 * Then the transfer, if any: RIP = target. No form changes the flags.
 * ret with an immediate and any operand size but 8 are left to the
 * handlers.
 *
 * Lowered from these rows: the interpreter's cases
 * (gen/interp-control.ts), the JavaScript templates
 * (jit/control-templates.ts) and the wasm lowerings
 * (gen/wasm-control.ts).
 */

export interface ControlRow {
  /** The opcode-table rows, as `name args` (args joined by ','). */
  rows: readonly string[];
  target: 'rel' | 'E' | 'top' | null;
  push: 'next' | 'reg' | null;
  pop: boolean;
  /** The interpreter's kinds (fast-kinds.ts K): the register (or
   * relative) form and the memory form; null where it has none. */
  kinds: { reg: string | null; mem: string | null };
}

export const CONTROL_ROWS: readonly ControlRow[] = [
  { rows: ['jmp Jb', 'jmp Jz'], target: 'rel', push: null, pop: false, kinds: { reg: 'JMP_REL', mem: null } },
  { rows: ['jmp Ev'], target: 'E', push: null, pop: false, kinds: { reg: 'JMP_R64', mem: 'JMP_M64' } },
  { rows: ['call Jz'], target: 'rel', push: 'next', pop: false, kinds: { reg: 'CALL_REL', mem: null } },
  { rows: ['call Ev'], target: 'E', push: 'next', pop: false, kinds: { reg: null, mem: null } },
  { rows: ['ret ', 'ret Iw'], target: 'top', push: null, pop: false, kinds: { reg: 'RET', mem: null } },
  { rows: ['push Zv'], target: null, push: 'reg', pop: false, kinds: { reg: 'PUSH_R64', mem: null } },
  { rows: ['pop Zv'], target: null, push: null, pop: true, kinds: { reg: 'POP_R64', mem: null } },
];

/** The control row of an opcode-table row (name, operand list joined by
 * ','), or undefined. */
export function controlRowOf(name: string, args: string): ControlRow | undefined {
  const key = `${name} ${args}`;
  return CONTROL_ROWS.find((r) => r.rows.includes(key));
}

/** Whether the row's lowering takes the slot: 8-byte operands only (the
 * relative forms have no other in 64-bit mode), and ret without an
 * immediate. */
export function controlCovers(row: ControlRow, osz: number, imm: number): boolean {
  if (row.target === 'top') return imm === 0;
  return row.target === 'rel' || osz === 8;
}
