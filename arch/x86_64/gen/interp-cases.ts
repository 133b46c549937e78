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

/** One case: the labels of `group` (forms of one row and width sharing
 * their code), its body. */
function aluCase(row: AluRow, size: Size, group: Form[]): string[] {
  const has = (s: Shape): Form | undefined => group.find((f) => f.shape === s || f.shape === `${s}8`);
  const o = operands(size);
  const mem = MEMORY_SHAPES.includes(group[0].shape);
  const body: string[] = [];
  const labels = group.map((f) => `case K.${f.kind}:`);
  labels[labels.length - 1] += ' {';
  labels[0] += ` // ${row.name}`;
  if (!mem && !row.writes) body.push('if (w < 0) break; // only flags, and they are dead');
  const destInMemory = has('MR') !== undefined || has('MI') !== undefined;
  if (destInMemory) {
    if (row.writes) throw new Error(`gen: ${row.name}: MR/MI forms that write memory are not generated`);
    body.push(...loadStatements(size, 'x'));
    body.push(...sourceStatements(size, has('MR')?.kind ?? null, has('MI')?.kind ?? null));
  } else {
    if (has('RM')) body.push(...loadStatements(size, 'y'));
    body.push('const dst = (w >>> 8) & 31;');
    body.push('const x = c.rl[dst];');
    if (size === 8) body.push('const xh = c.rh[dst];');
    if (!has('RM')) body.push(...sourceStatements(size, has('RR')?.kind ?? null, has('RI')?.kind ?? null));
  }
  body.push(...lowerUop(row.uop, o));
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
  body.push('break;');
  return [...labels, ...body.map(ind), '}'];
}

/** The case of a single-operand form (inc, dec, neg, not) on a register. */
function unaryCase(row: UnaryRow, f: Form): string[] {
  const size = f.size;
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
  const body = ['const dst = (w >>> 8) & 31;'];
  // inc/dec keep CF: read it first (not when their own flags are dead).
  if (row.lazy === 'INC' || row.lazy === 'DEC') body.push('const cf = w >= 0 ? getCF(c) : 0;');
  body.push('const v = c.rl[dst];');
  if (size === 8) body.push('const vh = c.rh[dst];');
  body.push(...lowerUop(row.uop, o));
  body.push(`c.rl[dst] = r;`, `c.rh[dst] = ${size === 8 ? 'rh' : '0'};`);
  if (row.lazy !== null) body.push('if (w >= 0) {', ...lazyStores(row.lazy, o, true).map(ind), '}');
  body.push('break;');
  return [`case K.${f.kind}: { // ${row.name}`, ...body.map(ind), '}'];
}

const isUnary = (row: Row): row is UnaryRow => 'x' in row;

/** The cases of every generated form, indented by `indent` spaces. */
export function inlineCases(indent: number): string {
  const all = forms();
  const lines: string[] = [];
  for (const f of all) if (isUnary(f.row)) lines.push(...unaryCase(f.row, f));
  const groups: Array<[AluRow, Size, Form[]]> = [];
  for (const f of all) {
    if (isUnary(f.row)) continue;
    // Register forms share a case (RR with RI), memory-destination forms
    // too (MR with MI); RM forms have their own.
    const key = f.shape === 'RM' ? 'RM' : MEMORY_SHAPES.includes(f.shape) ? 'M' : 'R';
    const g = groups.find(([r, s, fs]) => r === f.row && s === f.size && (fs[0].shape === 'RM' ? 'RM' : MEMORY_SHAPES.includes(fs[0].shape) ? 'M' : 'R') === key);
    if (g !== undefined) g[2].push(f);
    else groups.push([f.row as AluRow, f.size, [f]]);
  }
  for (const [row, size, group] of groups) lines.push(...aluCase(row, size, group));
  const pad = ' '.repeat(indent);
  return lines.map((l) => pad + l).join('\n');
}
