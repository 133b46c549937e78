/**
 * Rows of the fast-form description for two families that compute a
 * register from registers, touch no memory and leave the flags alone:
 *
 * - lea: the effective address itself, truncated to the operand size
 *   (gen/js-lower.ts lowerLea32, lowerLea64);
 * - the accumulator's sign extensions: cbw/cwde/cdqe sign-extend rAX's
 *   lower half into rAX, cwd/cdq/cqo fill rDX with rAX's sign
 *   (lowerAccumulator).
 *
 * From these rows gen/interp-lea.ts writes the interpreter's cases,
 * gen/warmup-asm.ts the warm-up lines, fast-kinds.ts gives decoded slots
 * their kinds (leaFormOf, accumulatorFormOf) and the JIT's lea, cbw and
 * cwd templates (jit/templates.ts) lower the same way at every size.
 */

/** lea Gv,M: inline at 32 and 64 bits for base and base+index
 * addresses (fast-kinds.ts: other address forms keep the handler). */
export interface LeaForm {
  size: 4 | 8;
  /** Its K member's name: LEA32, LEA64. */
  kind: string;
}

export const LEA_ARGS = 'Gv,M';

export function leaForms(): LeaForm[] {
  return [4, 8].map((size) => ({ size: size as 4 | 8, kind: `LEA${size * 8}` }));
}

const LEA_FORMS = leaForms();

/** The inline lea form of an operand size, or null. */
export function leaFormOf(name: string, args: string, osz: number): LeaForm | null {
  if (name !== 'lea' || args !== LEA_ARGS) return null;
  return LEA_FORMS.find((f) => f.size === osz) ?? null;
}

/** One instruction on the accumulator (no operands). */
export interface AccumulatorRow {
  /** Mnemonic, as in opcode-table.ts (its 16-bit form's name). */
  name: 'cbw' | 'cwd';
  /** widen: rAX = sign-extend(rAX's lower half); fill: rDX = every bit
   * rAX's sign bit. */
  op: 'widen' | 'fill';
  /** The register written: 0 (rAX) or 2 (rDX). */
  dst: 0 | 2;
  /** The inline forms by operand size, with their K members (the JIT's
   * templates take every size). */
  kinds: Readonly<Partial<Record<2 | 4 | 8, string>>>;
  /** Names at each size, for the warm-up program. */
  names: Readonly<Record<2 | 4 | 8, string>>;
}

export const ACCUMULATOR_ROWS: readonly AccumulatorRow[] = [
  { name: 'cbw', op: 'widen', dst: 0, kinds: { 8: 'CDQE' }, names: { 2: 'cbw', 4: 'cwde', 8: 'cdqe' } },
  { name: 'cwd', op: 'fill', dst: 2, kinds: { 4: 'CDQ', 8: 'CQO' }, names: { 2: 'cwd', 4: 'cdq', 8: 'cqo' } },
];

export interface AccumulatorForm {
  row: AccumulatorRow;
  size: 4 | 8;
  kind: string;
}

export function accumulatorForms(): AccumulatorForm[] {
  const out: AccumulatorForm[] = [];
  for (const row of ACCUMULATOR_ROWS) {
    for (const size of [4, 8] as const) {
      const kind = row.kinds[size];
      if (kind !== undefined) out.push({ row, size, kind });
    }
  }
  return out;
}

const ACCUMULATOR_FORMS = accumulatorForms();

/** The row of a mnemonic, or undefined. */
export function accumulatorRowOf(name: string): AccumulatorRow | undefined {
  return ACCUMULATOR_ROWS.find((r) => r.name === name);
}

/** The inline form of a decoded accumulator instruction, or null. */
export function accumulatorFormOf(name: string, osz: number): AccumulatorForm | null {
  return ACCUMULATOR_FORMS.find((f) => f.row.name === name && f.size === osz) ?? null;
}
