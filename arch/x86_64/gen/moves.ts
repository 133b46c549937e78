/**
 * The data-movement rows of the fast-form description (gen/forms.ts has
 * the arithmetic ones): mov, movzx, movsx and movsxd, each one
 * `dst = widen(src)`: the source read at its width, widened by zero or
 * sign extension (gen/js-lower.ts lowerWiden) to the destination's, and
 * written there (a 32-bit register write clears the high half, a byte
 * register merges). From these rows
 *
 * - gen/interp-moves.ts writes the interpreter's inline cases and
 *   gen/warmup-asm.ts the warm-up lines;
 * - fast-kinds.ts gives decoded slots their kinds (moveFormOf);
 * - the JIT's moveTemplate (jit/move-templates.ts) builds its code at any
 *   operand size, the interpreter's shapes and others (16-bit moves,
 *   byte registers).
 */
import type { Size } from './js-lower';

/**
 * Operand shapes of a move, destination first: R a register, M memory
 * (the ModRM operand), I an immediate.
 *
 * - RR: register from register; RI: register from an immediate;
 *   RM: register from memory (a load)
 * - MR: memory from a register; MI: memory from an immediate (stores)
 * - RM8, MR8, MI8: the same at 8 bits (mov only; a byte register merges)
 */
export type MoveShape = 'RR' | 'RI' | 'RM' | 'MR' | 'MI' | 'RM8' | 'MR8' | 'MI8';

/** One data-movement instruction: dst = widen(src). */
export interface MoveRow {
  /** Mnemonic, as in opcode-table.ts. */
  name: string;
  /** Its K members' prefix (fast-kinds.ts): MOV32_RR, MOVZXB64_RM, ... */
  tag: string;
  /** The source's width in bytes, or 'v': the destination's. */
  from: 1 | 2 | 4 | 'v';
  /** How a narrower source fills the destination. */
  ext: 'zero' | 'sign';
  /** The destination sizes inline for RR/RI/RM/MR/MI (the 8-bit shapes
   * are at 1). */
  sizes: readonly (4 | 8)[];
  /** The shapes inline, with the opcode-table operand lists each matches. */
  shapes: Readonly<Partial<Record<MoveShape, readonly string[]>>>;
  /** Operand lists only the JIT's template takes (no inline form). */
  jitOnly?: readonly string[];
}

export const MOVE_ROWS: readonly MoveRow[] = [
  {
    name: 'mov',
    tag: 'MOV',
    from: 'v',
    ext: 'zero',
    sizes: [4, 8],
    shapes: { RR: ['Ev,Gv', 'Gv,Ev'], RI: ['Ev,Iz', 'Zv,Iv'], RM: ['Gv,Ev'], MR: ['Ev,Gv'], MI: ['Ev,Iz'], RM8: ['Gb,Eb'], MR8: ['Eb,Gb'], MI8: ['Eb,Ib'] },
    jitOnly: ['Zb,Ib'],
  },
  { name: 'movzx', tag: 'MOVZXB', from: 1, ext: 'zero', sizes: [4, 8], shapes: { RR: ['Gv,Eb'], RM: ['Gv,Eb'] } },
  { name: 'movzx', tag: 'MOVZXW', from: 2, ext: 'zero', sizes: [4, 8], shapes: { RR: ['Gv,Ew'], RM: ['Gv,Ew'] } },
  { name: 'movsx', tag: 'MOVSXB', from: 1, ext: 'sign', sizes: [4, 8], shapes: { RR: ['Gv,Eb'], RM: ['Gv,Eb'] } },
  { name: 'movsx', tag: 'MOVSXW', from: 2, ext: 'sign', sizes: [4, 8], shapes: { RR: ['Gv,Ew'], RM: ['Gv,Ew'] } },
  { name: 'movsxd', tag: 'MOVSXD', from: 4, ext: 'sign', sizes: [8], shapes: { RR: ['Gv,Ed'], RM: ['Gv,Ed'] } },
];

/** One inline move form: a row at one shape and destination size. */
export interface MoveForm {
  row: MoveRow;
  shape: MoveShape;
  size: Size;
  /** Its K member's name: MOV32_RR, MOV8_MI, MOVSXB64_RM, ... */
  kind: string;
}

/** Where a shape's source comes from and its destination goes. */
export function moveSource(shape: MoveShape): 'reg' | 'imm' | 'mem' {
  return shape.startsWith('RM') ? 'mem' : shape[1] === 'I' ? 'imm' : 'reg';
}
export function moveDest(shape: MoveShape): 'reg' | 'mem' {
  return shape[0] === 'M' ? 'mem' : 'reg';
}
/** Whether the ModRM operand of a shape is memory. */
export function isMemoryMove(shape: MoveShape): boolean {
  return moveSource(shape) === 'mem' || moveDest(shape) === 'mem';
}

/** The width in bytes a form reads its source at. */
export function sourceWidth(row: MoveRow, size: number): number {
  return row.from === 'v' ? size : row.from;
}

/** Every inline move form, in row order. */
export function moveForms(): MoveForm[] {
  const out: MoveForm[] = [];
  for (const row of MOVE_ROWS) {
    for (const shape of Object.keys(row.shapes) as MoveShape[]) {
      const sizes: Size[] = shape.endsWith('8') ? [1] : [...row.sizes];
      for (const size of sizes) out.push({ row, shape, size, kind: `${row.tag}${size * 8}_${shape.replace('8', '')}` });
    }
  }
  return out;
}

/** The inline forms by mnemonic, operand list, memory or not, and size
 * (fastWord looks every decoded slot up). */
const MOVE_FORM_BY = new Map<string, MoveForm>();
const MOVE_NAMES = new Set(MOVE_ROWS.map((r) => r.name));
for (const f of moveForms()) {
  for (const args of f.row.shapes[f.shape] ?? []) MOVE_FORM_BY.set(`${f.row.name} ${args} ${isMemoryMove(f.shape)} ${f.size}`, f);
}

/** The inline form of a decoded move: mnemonic, opcode-table operand
 * list, whether ModRM names memory and the operand size; or null. */
export function moveFormOf(name: string, args: string, mem: boolean, osz: number): MoveForm | null {
  if (!MOVE_NAMES.has(name)) return null;
  // (Byte forms, a b destination, take their size from the opcode,
  // whatever osz says.)
  return MOVE_FORM_BY.get(`${name} ${args} ${mem} ${args[1] === 'b' ? 1 : osz}`) ?? null;
}

/** The row of an opcode-table row (mnemonic and operand list), or
 * undefined: the JIT's templates take it at any operand size. */
export function moveRowOf(name: string, args: string): MoveRow | undefined {
  return MOVE_ROWS.find((r) => r.name === name && (r.jitOnly?.includes(args) || Object.values(r.shapes).some((list) => list.includes(args))));
}
