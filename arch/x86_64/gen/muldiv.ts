/**
 * The multiplication and division rows of the fast-form description
 * (gen/forms.ts has the arithmetic ones): imul with two and three
 * operands, and div/idiv of rDX:rAX. Their semantics, as ops/muldiv.ts
 * (the reference) computes them:
 *
 * - imul G, E and imul G, E, imm: the signed product of the two factors
 *   (each sign-extended from the operand size; the immediate from its
 *   own) truncated to the size into G; CF = OF = whether the truncation
 *   lost bits (the product differs from its truncation sign-extended);
 *   the lazy record is EXPLICIT (result, CF, OF, AF = 0: flags.ts).
 * - div/idiv E: rDX:rAX (twice the operand size) divided by E, unsigned
 *   or signed, the quotient truncated toward zero into rAX and the
 *   remainder (the dividend's sign) into rDX; #DE for a zero divisor or
 *   a quotient that does not fit the size; the flags are left as they
 *   are (the SDM leaves them undefined).
 *
 * gen/wasm-lower.ts lowers them to wasm (wasmImul, wasmDivide) and
 * gen/wasm-families.ts builds the wasm backend's lowerings from these
 * rows.
 */

/** Where imul's two factors come from: G and E, or E and the immediate. */
export interface ImulRow {
  /** The opcode-table operand list. */
  args: string;
  factors: 'GE' | 'EI';
}

export const IMUL_ROWS: readonly ImulRow[] = [
  { args: 'Gv,Ev', factors: 'GE' },
  { args: 'Gv,Ev,Iz', factors: 'EI' },
  { args: 'Gv,Ev,Ibs', factors: 'EI' },
];

export interface DivRow {
  name: 'div' | 'idiv';
  signed: boolean;
}

export const DIV_ROWS: readonly DivRow[] = [
  { name: 'div', signed: false },
  { name: 'idiv', signed: true },
];

/** The imul row of an opcode-table row (name and operand list), or undefined. */
export function imulRowOf(name: string, args: string): ImulRow | undefined {
  return name === 'imul' ? IMUL_ROWS.find((r) => r.args === args) : undefined;
}

/** The div/idiv row of an opcode-table row (one operand, Ev), or undefined. */
export function divRowOf(name: string, args: string): DivRow | undefined {
  return args === 'Ev' ? DIV_ROWS.find((r) => r.name === name) : undefined;
}

/** An inline form of the interpreter (fast-kinds.ts): imul r32 by a
 * register (RR), an immediate (RRI) or memory (RM); div/idiv of edx:eax
 * by a register (R). */
export interface MulDivForm {
  kind: 'IMUL32_RR' | 'IMUL32_RRI' | 'IMUL32_RM' | 'DIV32_R' | 'IDIV32_R';
  /** The row: imul's or div/idiv's. */
  imul: ImulRow | null;
  div: DivRow | null;
  memory: boolean;
}

export function mulDivForms(): MulDivForm[] {
  const [ge, gei] = IMUL_ROWS;
  return [
    { kind: 'IMUL32_RR', imul: ge, div: null, memory: false },
    { kind: 'IMUL32_RRI', imul: gei, div: null, memory: false },
    { kind: 'IMUL32_RM', imul: ge, div: null, memory: true },
    { kind: 'DIV32_R', imul: null, div: DIV_ROWS[0], memory: false },
    { kind: 'IDIV32_R', imul: null, div: DIV_ROWS[1], memory: false },
  ];
}

const MUL_DIV_FORMS = mulDivForms();

/** The interpreter's inline form of a decoded imul/div/idiv (32 bits; a
 * register or memory E operand), or null. */
export function mulDivFormOf(name: string, args: string, osz: number, memory: boolean): MulDivForm | null {
  if (osz !== 4) return null;
  const imul = imulRowOf(name, args);
  const div = divRowOf(name, args);
  if (imul === undefined && div === undefined) return null;
  return MUL_DIV_FORMS.find((f) => f.memory === memory && (imul !== undefined ? f.imul?.factors === imul.factors : f.div === div)) ?? null;
}
