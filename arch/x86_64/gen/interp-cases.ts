/**
 * Writes the interpreter's inline cases for the rows of gen/forms.ts: the
 * source text scripts/gen-x86.ts puts into runBlocks' switch
 * (interpreter.ts). The code uses runBlocks' locals: the slot's word `w`,
 * its `kind` and index `k`, the immediates (immA, immHiA) and, for the
 * memory forms, the address `a` with its TLB entry (ram, perm, po), the
 * RAM's DataView `dv` and bytes `u8`; a paired branch `break taken`s.
 */
import { AluRow, Form, forms, MEMORY_SHAPES, Row, Shape, UnaryRow } from './forms';
import { lazyStores, lowerUop, Operands, pairOutcome, Size } from './js-lower';

/** A reader of memory operand `a` of `size` bytes into locals v (and vh). */
function loadStatements(size: Size, v: string): string[] {
  if (size === 1) return [`const ${v} = ram >= 0 && (perm & rdMask) !== 0 ? u8[ram + po] : (c.read8(a) | 0);`];
  if (size === 4) return [`const ${v} = ram >= 0 && (perm & rdMask) !== 0 && po <= 4092 ? dv.getInt32(ram + po, true) : (c.read32(a) | 0);`];
  return [
    `let ${v}: number;`,
    `let ${v}h: number;`,
    `if (ram >= 0 && (perm & rdMask) !== 0 && po <= 4088) {`,
    `  ${v} = dv.getInt32(ram + po, true);`,
    `  ${v}h = dv.getInt32(ram + po + 4, true);`,
    `} else {`,
    `  ${v} = c.read64(a) | 0;`,
    `  ${v}h = c.hi;`,
    `}`,
  ];
}

/** Locals y (and yh) from the register in bits 13-17 or the immediate:
 * `reg`/`imm` name the kinds taking each (one of them may be absent). */
function sourceStatements(size: Size, reg: string | null, imm: string | null): string[] {
  const regLo = size === 1 ? 'src < 16 ? c.rl[src] & 0xff : (c.rl[src - 16] >>> 8) & 0xff' : 'c.rl[src]';
  const immLo = size === 1 ? 'immA[k] & 0xff' : 'immA[k]';
  const fromReg = [`const src = (w >>> 13) & 31;`, `y = ${regLo};`, ...(size === 8 ? ['yh = c.rh[src];'] : [])];
  const fromImm = [`y = ${immLo};`, ...(size === 8 ? ['yh = immHiA[k];'] : [])];
  const decl = [`let y: number;`, ...(size === 8 ? ['let yh: number;'] : [])];
  if (reg !== null && imm !== null) {
    if (size === 4) return [`const y = kind === K.${reg} ? c.rl[(w >>> 13) & 31] : immA[k];`];
    return [...decl, `if (kind === K.${reg}) {`, ...fromReg.map(ind), `} else {`, ...fromImm.map(ind), `}`];
  }
  if (reg !== null) return [...decl, `{`, ...fromReg.map(ind), `}`];
  return [`const y = ${immLo};`, ...(size === 8 ? ['const yh = immHiA[k];'] : [])];
}

function ind(line: string): string {
  return `  ${line}`;
}

function operands(size: Size): Operands {
  return { size, x: 'x', xh: size === 8 ? 'xh' : '0', y: 'y', yh: size === 8 ? 'yh' : '0', r: 'r', tmp: (n) => n };
}

/** The code of one row after its case's operand fetch: the micro-op, the
 * destination, the lazy flags and a paired branch. */
function aluTail(row: AluRow, size: Size, mem: boolean): string[] {
  const o = operands(size);
  const body = [...lowerUop(row.uop, o)];
  if (row.writes) body.push(`c.rl[dst] = r;`, `c.rh[dst] = ${size === 8 ? 'rh' : '0'};`);
  const stores = lazyStores(row.lazy, o, true);
  // Register forms may have dead flag stores (bit 31, fast-kinds.ts markDeadFlags).
  if (!mem && row.writes) body.push('if (w >= 0) {', ...stores.map(ind), '}');
  else body.push(...stores);
  if (!mem && row.pair !== null) {
    body.push(`if ((w & Paired.BIT) !== 0) {`);
    body.push(`  // The jcc of the next slot, by its truth table (fast-kinds.ts).`);
    body.push(`  k++;`);
    body.push(...pairOutcome(row.pair, o).map(ind));
    body.push(`  if (((w >>> Paired.TABLE_SHIFT) >>> outcome) & 1) break taken;`);
    body.push(`}`);
  }
  return body;
}

/** The operand fetch of ALU forms of one shape class and width. */
function aluPrologue(group: Form[]): string[] {
  const size = group[0].size;
  const has = (s: Shape): Form | undefined => group.find((f) => f.shape === s || f.shape === `${s}8`);
  const body: string[] = [];
  const mem = MEMORY_SHAPES.includes(group[0].shape);
  const rows = new Set(group.map((f) => f.row));
  if (!mem && rows.size === 1 && !group[0].row.writes) body.push('if (w < 0) break; // only flags, and they are dead');
  if (has('MR') !== undefined || has('MI') !== undefined) {
    for (const f of group) if (f.row.writes) throw new Error(`gen: ${f.row.name}: MR/MI forms that write memory are not generated`);
    body.push(...loadStatements(size, 'x'));
    body.push(...sourceStatements(size, has('MR')?.kind ?? null, has('MI')?.kind ?? null));
    return body;
  }
  if (has('RM')) body.push(...loadStatements(size, 'y'));
  body.push('const dst = (w >>> 8) & 31;');
  body.push('const x = c.rl[dst];');
  if (size === 8) body.push('const xh = c.rh[dst];');
  if (!has('RM')) body.push(...sourceStatements(size, has('RR')?.kind ?? null, has('RI')?.kind ?? null));
  return body;
}

/** The code of a single-operand row after the operand fetch. */
function unaryTail(row: UnaryRow, size: Size): string[] {
  const v = (which: string): string => (which === 'dst' ? 'v' : which);
  const o: Operands = {
    size,
    x: v(row.x),
    xh: size === 8 && row.x === 'dst' ? 'vh' : '0',
    y: v(row.y),
    yh: size === 8 && row.y === 'dst' ? 'vh' : '0',
    r: 'r',
    tmp: (n) => n,
    cf: 'cf',
  };
  const body = [...lowerUop(row.uop, o)];
  body.push(`c.rl[dst] = r;`, `c.rh[dst] = ${size === 8 ? 'rh' : '0'};`);
  if (row.lazy !== null) body.push('if (w >= 0) {', ...lazyStores(row.lazy, o, true).map(ind), '}');
  return body;
}

function unaryPrologue(group: Form[]): string[] {
  const body = ['const dst = (w >>> 8) & 31;'];
  // inc/dec keep CF: read it first (not when their own flags are dead).
  if (group.some((f) => f.row.lazy === 'INC' || f.row.lazy === 'DEC')) body.push('const cf = w >= 0 ? getCF(c) : 0;');
  body.push('const v = c.rl[dst];');
  if (group[0].size === 8) body.push('const vh = c.rh[dst];');
  return body;
}

const isUnary = (row: Row): row is UnaryRow => 'x' in row;

/**
 * Which forms share a case: those that would otherwise repeat a call
 * (a memory operand's slow path c.read*, inc/dec's getCF). Every call
 * site in runBlocks costs V8 inlining budget, which runBlocks' other
 * calls then miss (measured: a case per memory ALU form and per inc/dec
 * made the interpreter 9 % slower). The rest: a case per row and width,
 * RR with RI.
 */
function caseKey(f: Form): string {
  if (isUnary(f.row)) return f.row.lazy === 'INC' || f.row.lazy === 'DEC' ? `cf ${f.size}` : `${f.row.name} ${f.size}`;
  if (f.shape === 'RM') return `RM ${f.size}`;
  if (MEMORY_SHAPES.includes(f.shape)) return `M ${f.size}`;
  return `${f.row.name} ${f.size}`;
}

/** One case: the labels of its forms, their shared operand fetch, then
 * each row's code (an inner switch when the case has several rows). */
function emitCase(group: Form[]): string[] {
  const size = group[0].size;
  const mem = MEMORY_SHAPES.includes(group[0].shape);
  const rows = [...new Set(group.map((f) => f.row))];
  const labels = group.map((f) => `case K.${f.kind}:`);
  labels[labels.length - 1] += ' {';
  labels[0] += ` // ${rows.map((r) => r.name).join(', ')}`;
  const tail = (row: Row): string[] => (isUnary(row) ? unaryTail(row, size) : aluTail(row, size, mem));
  const body = isUnary(group[0].row) ? unaryPrologue(group) : aluPrologue(group);
  if (rows.length === 1) body.push(...tail(rows[0]), 'break;');
  else {
    body.push('switch (kind) {');
    rows.forEach((row, n) => {
      const kinds = group.filter((f) => f.row === row).map((f) => `case K.${f.kind}:`);
      if (n === rows.length - 1) kinds.splice(0, kinds.length, 'default:');
      kinds[kinds.length - 1] += ' {';
      body.push(...kinds.map(ind), ...tail(row).map((l) => ind(ind(l))), ind(ind('break;')), ind('}'));
    });
    body.push('}', 'break;');
  }
  return [...labels, ...body.map(ind), '}'];
}

/** The cases of every generated form, indented by `indent` spaces. */
export function inlineCases(indent: number): string {
  const groups = new Map<string, Form[]>();
  for (const f of forms()) {
    const key = caseKey(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) lines.push(...emitCase(group));
  const pad = ' '.repeat(indent);
  return lines.map((l) => pad + l).join('\n');
}
