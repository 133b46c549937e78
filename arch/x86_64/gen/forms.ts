/**
 * The description of the x86_64 fast forms: one row per instruction,
 * with the operand shapes it has inline and its semantics as a micro-op
 * (gen/js-lower.ts) plus the lazy-flag record it leaves. From these rows
 *
 * - scripts/gen-x86.ts writes the interpreter's inline cases
 *   (interpreter-run.ts, between the `generated` markers) and the kind table
 *   of fast-kinds.ts;
 * - fast-kinds.ts classifies decoded slots (which kind, which flag and
 *   branch-pairing sets a kind belongs to);
 * - the JIT's templates (jit/alu-templates.ts) build their code.
 *
 * Adding an ALU-like instruction is one row here (plus its opcode-table
 * row): its kinds are numbered by gen/kinds.ts; docs/cores/x86_64.md has
 * the steps.
 */
import type { Lazy, Size, Uop } from './js-lower';

/**
 * Operand shapes: E is the ModRM operand, G the ModRM register, I an
 * immediate. The first letter is the destination (the first operand):
 *
 * - RR: E (register), G, either order (Ev,Gv or Gv,Ev)
 * - RI: E (register), immediate (Ev,Iz / Ev,Ibs / rAX,Iz)
 * - RM: G, E (memory): G = G op [mem]
 * - MR: E (memory), G; MI: E (memory), immediate (only for forms that
 *   write no destination: the memory operand is read, never written)
 *
 * - R: one register operand, read and written (inc, dec, neg, not)
 *
 * RR, RI, RM, MR, MI and R are inline at 32 and 64 bits, MR8 and MI8 at 8.
 */
export type Shape = 'RR' | 'RI' | 'RM' | 'MR' | 'MI' | 'MR8' | 'MI8' | 'R';

/** The opcode-table operand lists each shape matches. */
export const SHAPE_ARGS: Record<Shape, readonly string[]> = {
  RR: ['Ev,Gv', 'Gv,Ev'],
  RI: ['Ev,Iz', 'Ev,Ibs', 'rAX,Iz'],
  RM: ['Gv,Ev'],
  MR: ['Ev,Gv'],
  MI: ['Ev,Iz', 'Ev,Ibs'],
  MR8: ['Eb,Gb'],
  MI8: ['Eb,Ib'],
  R: ['Ev'],
};

/** Shapes whose E operand is memory. */
export const MEMORY_SHAPES: readonly Shape[] = ['RM', 'MR', 'MI', 'MR8', 'MI8'];

/** One two-operand ALU instruction. */
export interface AluRow {
  /** Mnemonic, as in opcode-table.ts. */
  name: string;
  /** dst = dst uop src ... */
  uop: Uop;
  /** ... recording these lazy flags ... */
  lazy: Lazy;
  /** ... and writing dst (false: cmp, test, only the flags). */
  writes: boolean;
  /** The outcome a jcc paired with the register forms tests
   * (fast-kinds.ts pairWithBranch), or null: not paired. */
  pair: 'sub' | 'zero' | null;
  shapes: readonly Shape[];
}

export const ALU_ROWS: readonly AluRow[] = [
  { name: 'add', uop: 'add', lazy: 'ADD', writes: true, pair: null, shapes: ['RR', 'RI', 'RM'] },
  { name: 'or', uop: 'or', lazy: 'LOGIC', writes: true, pair: null, shapes: ['RR', 'RI', 'RM'] },
  { name: 'test', uop: 'and', lazy: 'LOGIC', writes: false, pair: 'zero', shapes: ['RR', 'RI'] },
  { name: 'and', uop: 'and', lazy: 'LOGIC', writes: true, pair: null, shapes: ['RR', 'RI', 'RM'] },
  { name: 'sub', uop: 'sub', lazy: 'SUB', writes: true, pair: 'sub', shapes: ['RR', 'RI', 'RM'] },
  { name: 'xor', uop: 'xor', lazy: 'LOGIC', writes: true, pair: null, shapes: ['RR', 'RI', 'RM'] },
  { name: 'cmp', uop: 'sub', lazy: 'SUB', writes: false, pair: 'sub', shapes: ['RR', 'RI', 'RM', 'MR', 'MI', 'MR8', 'MI8'] },
];

/** One single-operand instruction on a register: r = x uop y with x
 * and y the operand or a constant. */
export interface UnaryRow {
  name: string;
  /** 'not': r = ~x, no flags. */
  uop: Uop | 'not';
  x: 'dst' | '0';
  y: 'dst' | '1' | '0';
  /** The lazy flags (INC/DEC also keep the carry the instruction finds:
   * they read the flags), or null: no flags. */
  lazy: Lazy | null;
  /** Fields of AluRow every unary row has the same way. */
  writes: true;
  pair: null;
  shapes: readonly ['R'];
}

export const UNARY_ROWS: readonly UnaryRow[] = [
  { name: 'inc', uop: 'add', x: 'dst', y: '1', lazy: 'INC', writes: true, pair: null, shapes: ['R'] },
  { name: 'dec', uop: 'sub', x: 'dst', y: '1', lazy: 'DEC', writes: true, pair: null, shapes: ['R'] },
  { name: 'neg', uop: 'sub', x: '0', y: 'dst', lazy: 'SUB', writes: true, pair: null, shapes: ['R'] },
  { name: 'not', uop: 'not', x: 'dst', y: '0', lazy: null, writes: true, pair: null, shapes: ['R'] },
];

export type Row = AluRow | UnaryRow;

/** One inline form: a row at one shape and width. */
export interface Form {
  row: Row;
  shape: Shape;
  size: Size;
  /** Its K member's name (fast-kinds.ts): ADD32_RR, CMP8_MI, INC64, ... */
  kind: string;
}

/** Every inline form of the rows, in row order. */
export function forms(rows: readonly Row[] = [...ALU_ROWS, ...UNARY_ROWS]): Form[] {
  const out: Form[] = [];
  for (const row of rows) {
    for (const shape of row.shapes) {
      const sizes: Size[] = shape.endsWith('8') ? [1] : [4, 8];
      for (const size of sizes) out.push({ row, shape, size, kind: kindName(row, shape, size) });
    }
  }
  return out;
}

/** The K member name of a row's form: ADD32_RR, CMP8_MI, ... */
export function kindName(row: Row, shape: Shape, size: number): string {
  const bits = shape.endsWith('8') ? 8 : size * 8;
  return shape === 'R' ? `${row.name.toUpperCase()}${bits}` : `${row.name.toUpperCase()}${bits}_${shape.replace('8', '')}`;
}

/** The row of a mnemonic, or undefined. */
export function aluRow(name: string): AluRow | undefined {
  return ALU_ROWS.find((r) => r.name === name);
}

/** The single-operand row of a mnemonic, or undefined. */
export function unaryRow(name: string): UnaryRow | undefined {
  return UNARY_ROWS.find((r) => r.name === name);
}

/** The row of a mnemonic in either family, or undefined. */
export function rowOf(name: string): Row | undefined {
  return aluRow(name) ?? unaryRow(name);
}

/** The shape of an opcode-table operand list for a row, given whether
 * ModRM names memory and the operand size, or null when it has none. */
export function shapeOf(row: Row, args: string, mem: boolean, osz: number): Shape | null {
  for (const shape of row.shapes) {
    if (MEMORY_SHAPES.includes(shape) !== mem) continue;
    if (!SHAPE_ARGS[shape].includes(args)) continue;
    // (Byte forms take their size from the opcode, whatever osz says.)
    if (!shape.endsWith('8') && osz !== 4 && osz !== 8) continue;
    return shape;
  }
  return null;
}
