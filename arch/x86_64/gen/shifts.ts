/**
 * The shift rows of the fast-form description (gen/forms.ts has the
 * arithmetic ones, gen/moves.ts data movement): shl/sal, shr and sar of a
 * 32/64-bit register by a constant count (an immediate, or 1), lowered by
 * gen/js-lower.ts lowerShift. A count of 0 (after the instruction's mask)
 * changes no flags; at 32 bits it still clears the high half. The lazy
 * flags are an EXPLICIT record (flags.ts): result, CF, OF, AF = 0. From
 * these rows gen/interp-shifts.ts writes the interpreter's cases,
 * gen/warmup-asm.ts the warm-up lines, and the JIT's shiftTemplate and
 * shiftClTemplate (jit/alu-templates.ts) lower the same micro-op.
 */
import type { ShiftOp } from './js-lower';

export interface ShiftRow {
  /** Mnemonics, as in opcode-table.ts (sal is shl). */
  names: readonly string[];
  op: ShiftOp;
}

export const SHIFT_ROWS: readonly ShiftRow[] = [
  { names: ['shl', 'sal'], op: 'shl' },
  { names: ['shr'], op: 'shr' },
  { names: ['sar'], op: 'sar' },
];

/** The opcode-table operand lists of the inline shape: a register by a
 * constant count (C1 /n ib, and D1 /n whose row's immediate is 1). */
export const SHIFT_ARGS: readonly string[] = ['Ev,Ib', 'Ev,1'];

export interface ShiftForm {
  row: ShiftRow;
  size: 4 | 8;
  /** Its K member's name: SHL32_I, SAR64_I, ... */
  kind: string;
}

export function shiftForms(): ShiftForm[] {
  const out: ShiftForm[] = [];
  for (const row of SHIFT_ROWS) for (const size of [4, 8] as const) out.push({ row, size, kind: `${row.op.toUpperCase()}${size * 8}_I` });
  return out;
}

const SHIFT_FORMS = shiftForms();

/** The row of a mnemonic, or undefined. */
export function shiftRowOf(name: string): ShiftRow | undefined {
  return SHIFT_ROWS.find((r) => r.names.includes(name));
}

/** The inline form of a decoded shift (register operand), or null. */
export function shiftFormOf(name: string, args: string, osz: number): ShiftForm | null {
  if (!SHIFT_ARGS.includes(args)) return null;
  return SHIFT_FORMS.find((f) => f.row.names.includes(name) && f.size === osz) ?? null;
}
