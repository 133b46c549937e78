/**
 * Writes the interpreter's inline cases for the rows of gen/forms.ts: the
 * source text scripts/gen-x86.ts puts into runBlocks' switch
 * (interpreter-run.ts, at interpreter.ts' splice lines). The code uses runBlocks' locals: the slot's word `w`,
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
 * the kinds taking each (one of the lists may be empty). */
function sourceStatements(size: Size, regKinds: string[], immKinds: string[]): string[] {
  const reg = regKinds.length > 0 ? regKinds.map((k) => `kind === K.${k}`).join(' || ') : null;
  const imm = immKinds.length > 0 ? 'imm' : null;
  const regLo = size === 1 ? 'src < 16 ? c.rl[src] & 0xff : (c.rl[src - 16] >>> 8) & 0xff' : 'c.rl[src]';
  const immLo = size === 1 ? 'immA[k] & 0xff' : 'immA[k]';
  const fromReg = [`const src = (w >>> 13) & 31;`, `y = ${regLo};`, ...(size === 8 ? ['yh = c.rh[src];'] : [])];
  const fromImm = [`y = ${immLo};`, ...(size === 8 ? ['yh = immHiA[k];'] : [])];
  const decl = [`let y: number;`, ...(size === 8 ? ['let yh: number;'] : [])];
  if (reg !== null && imm !== null) {
    if (size === 4) return [`const y = ${reg} ? c.rl[(w >>> 13) & 31] : immA[k];`];
    return [...decl, `if (${reg}) {`, ...fromReg.map(ind), `} else {`, ...fromImm.map(ind), `}`];
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

/** What one row does after its case's operand fetch, in parts a case
 * of several rows can share: the micro-op's statements, the lazy-flag
 * fields it writes, whether it writes the destination, and its
 * statements after those (a paired branch). */
interface Tail {
  compute: string[];
  fields: string[];
  writes: boolean;
  after: string[];
  /** Register forms: the flag stores may be dead (bit 31). */
  guarded: boolean;
}

function aluTail(row: AluRow, size: Size, mem: boolean, assign: boolean): Tail {
  const o = { ...operands(size), assign };
  const after: string[] = [];
  if (!mem && row.pair !== null) {
    after.push(`if ((w & Paired.BIT) !== 0) {`);
    after.push(`  // The jcc of the next slot, by its truth table (fast-kinds.ts).`);
    after.push(`  k++;`);
    const outcome = pairOutcome(row.pair, o);
    after.push(...outcome.slice(0, -1).map(ind));
    after.push(`  if (((w >>> Paired.TABLE_SHIFT) >>> (${outcome[outcome.length - 1]})) & 1) break taken;`);
    after.push(`}`);
  }
  // Register forms that write may have dead flag stores (fast-kinds.ts
  // markDeadFlags); the others return early when theirs are.
  return { compute: lowerUop(row.uop, o), fields: lazyStores(row.lazy, o, true), writes: row.writes, after, guarded: !mem && row.writes };
}

/** Statements of one row alone. */
function tailLines(t: Tail, size: Size): string[] {
  const body = [...t.compute];
  if (t.writes) body.push(`c.rl[dst] = r;`, `c.rh[dst] = ${size === 8 ? 'rh' : '0'};`);
  if (t.guarded && t.fields.length > 0) body.push('if (w >= 0) {', ...t.fields.map(ind), '}');
  else body.push(...t.fields);
  return [...body, ...t.after];
}

/** The operand fetch of ALU forms of one shape class and width. */
function aluPrologue(group: Form[]): string[] {
  const size = group[0].size;
  const has = (s: Shape): Form | undefined => group.find((f) => f.shape === s || f.shape === `${s}8`);
  const kinds = (s: Shape): string[] => group.filter((f) => f.shape === s || f.shape === `${s}8`).map((f) => f.kind);
  const body: string[] = [];
  const mem = MEMORY_SHAPES.includes(group[0].shape);
  if (!mem && group.every((f) => !f.row.writes)) body.push('if (w < 0) break; // only flags, and they are dead');
  if (has('MR') !== undefined || has('MI') !== undefined) {
    for (const f of group) if (f.row.writes) throw new Error(`gen: ${f.row.name}: MR/MI forms that write memory are not generated`);
    body.push(...loadStatements(size, 'x'));
    body.push(...sourceStatements(size, kinds('MR'), kinds('MI')));
    return body;
  }
  if (has('RM')) body.push(...loadStatements(size, 'y'));
  body.push('const dst = (w >>> 8) & 31;');
  body.push('const x = c.rl[dst];');
  if (size === 8) body.push('const xh = c.rh[dst];');
  if (!has('RM')) body.push(...sourceStatements(size, kinds('RR'), kinds('RI')));
  return body;
}

/** What a single-operand row does after the operand fetch. */
function unaryTail(row: UnaryRow, size: Size, assign: boolean): Tail {
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
    assign,
  };
  const fields = row.lazy === null ? [] : lazyStores(row.lazy, o, true);
  return { compute: lowerUop(row.uop, o), fields, writes: true, after: [], guarded: true };
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
  // Register forms with the same code but for the destination (sub, cmp).
  return `${f.row.uop} ${f.row.lazy} ${f.row.pair} ${f.size}`;
}

/** One case: the labels of its forms, their shared operand fetch, then
 * each row's code. Several rows: an inner switch on the kind computes r
 * (declared before it) and the flag fields that differ; the fields all
 * rows write alike, the destination and the rest follow it once (every
 * statement in runBlocks costs V8 compile time at each of its dozen
 * optimizations). */
function emitCase(group: Form[]): string[] {
  const size = group[0].size;
  const mem = MEMORY_SHAPES.includes(group[0].shape);
  const rows = [...new Set(group.map((f) => f.row))];
  const labels = group.map((f) => `case K.${f.kind}:`);
  labels[labels.length - 1] += ' {';
  labels[0] += ` // ${rows.map((r) => r.name).join(', ')}`;
  const tail = (row: Row, assign: boolean): Tail => (isUnary(row) ? unaryTail(row, size, assign) : aluTail(row, size, mem, assign));
  const body = isUnary(group[0].row) ? unaryPrologue(group) : aluPrologue(group);
  const alike = rows.map((row) => tail(row, false));
  const same = (t: Tail): boolean => JSON.stringify([t.compute, t.fields, t.after]) === JSON.stringify([alike[0].compute, alike[0].fields, alike[0].after]);
  if (alike.every(same)) {
    // One code for every row (sub and cmp: only the destination differs).
    const writes = group.filter((f) => f.row.writes);
    const t = { ...alike[0], writes: writes.length === group.length, guarded: alike.some((a) => a.guarded) };
    const lines = tailLines(t, size);
    if (writes.length > 0 && writes.length < group.length) {
      const at = t.compute.length;
      const cond = writes.map((f) => `kind === K.${f.kind}`).join(' || ');
      lines.splice(at, 0, `if (${cond}) {`, ind('c.rl[dst] = r;'), ind(`c.rh[dst] = ${size === 8 ? 'rh' : '0'};`), '}');
    }
    body.push(...lines, 'break;');
    return [...labels, ...body.map(ind), '}'];
  }
  const many = true;
  const tails = rows.map((row) => tail(row, many));
  const guarded = tails[0].guarded;
  if (tails.some((t) => t.guarded !== guarded || t.after.length > 0)) throw new Error('gen: rows of one case differ in dead-flag handling or branch pairing');
  const common = tails[0].fields.filter((f) => tails.every((t) => t.fields.includes(f)));
  const own = (t: Tail): string[] => t.fields.filter((f) => !common.includes(f));
  body.push('let r: number;');
  if (size === 8) body.push('let rh: number;');
  body.push('switch (kind) {');
  rows.forEach((row, n) => {
    const kinds = n === rows.length - 1 ? ['default:'] : group.filter((f) => f.row === row).map((f) => `case K.${f.kind}:`);
    kinds[kinds.length - 1] += ' {';
    const t = tails[n];
    const stores = own(t);
    const lines = [...t.compute, ...(guarded && stores.length > 0 ? ['if (w >= 0) {', ...stores.map(ind), '}'] : stores), 'break;'];
    body.push(...kinds.map(ind), ...lines.map((l) => ind(ind(l))), ind('}'));
  });
  body.push('}');
  const writers = group.filter((f) => f.row.writes);
  const dest = [`c.rl[dst] = r;`, `c.rh[dst] = ${size === 8 ? 'rh' : '0'};`];
  if (writers.length === group.length) body.push(...dest);
  else if (writers.length > 0) {
    const skip = group.filter((f) => !f.row.writes).map((f) => `kind !== K.${f.kind}`);
    body.push(`if (${skip.join(' && ')}) {`, ...dest.map(ind), '}');
  }
  if (common.length > 0) body.push(...(guarded ? ['if (w >= 0) {', ...common.map(ind), '}'] : common));
  body.push('break;');
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
