/**
 * Writes the interpreter's inline cases for the move rows of
 * gen/moves.ts (scripts/gen-x86.ts puts them into runBlocks' switch, as
 * gen/interp-cases.ts's). The code uses runBlocks' locals: the slot's word
 * `w`, its `kind` and index `k`, the immediates (immA, immHiA), the
 * memory operand's address `a` with its TLB entry (ram, perm, po), the
 * RAM's DataView `dv` and bytes `u8`, the code-page flags, and for a
 * store that ends the block (c.brk), `nx` and the `slots` loop.
 */
import { lowerWiden } from './js-lower';
import { MoveForm, moveForms, moveDest, moveSource, sourceWidth } from './moves';

const ind = (line: string): string => `  ${line}`;

/** `kind === K.A || kind === K.B` for a list of forms. */
const isKind = (fs: MoveForm[]): string => fs.map((f) => `kind === K.${f.kind}`).join(' || ');

/** A register source of `width` bytes: raw (the register's low half,
 * for a widening that masks or shifts anyway) or clean (the value
 * alone, for a store or a byte merge). */
function regSource(width: number, clean: boolean): { pre: string[]; lo: string; hi: string } {
  if (width === 8) return { pre: ['const src = (w >>> 13) & 31;'], lo: 'c.rl[src]', hi: 'c.rh[src]' };
  if (width === 1) {
    const m = clean ? ' & 0xff' : '';
    return { pre: ['const src = (w >>> 13) & 31;'], lo: `src < 16 ? c.rl[src]${m} : (c.rl[src - 16] >>> 8)${m}`, hi: '0' };
  }
  return { pre: [], lo: `c.rl[(w >>> 13) & 31]${width === 2 && clean ? ' & 0xffff' : ''}`, hi: '0' };
}

/** A load of `width` bytes at `a` into v (and vh), declared `decl`. */
function loadSource(width: number, decl: 'let' | 'const'): string[] {
  if (width === 8) {
    return [
      'let v: number;',
      'let vh: number;',
      'if (ram >= 0 && (perm & rdMask) !== 0 && po <= 4088) {',
      '  v = dv.getInt32(ram + po, true);',
      '  vh = dv.getInt32(ram + po + 4, true);',
      '} else {',
      '  v = c.read64(a) | 0;',
      '  vh = c.hi;',
      '}',
    ];
  }
  const hit = width === 1 ? 'u8[ram + po]' : width === 2 ? 'dv.getUint16(ram + po, true)' : 'dv.getInt32(ram + po, true)';
  const lim = width === 1 ? '' : ` && po <= ${4096 - width}`;
  return [`${decl} v = ram >= 0 && (perm & rdMask) !== 0${lim} ? ${hit} : (c.read${width * 8}(a) | 0);`];
}

/** The statements declaring v (and vh) from the source of every form
 * of a case (all read it at the same width). */
function sourceStatements(group: MoveForm[], width: number, decl: 'let' | 'const', clean: boolean): string[] {
  const regs = group.filter((f) => moveSource(f.shape) === 'reg');
  const imms = group.filter((f) => moveSource(f.shape) === 'imm');
  if (regs.length + imms.length === 0) return loadSource(width, decl);
  const reg = regSource(width, clean);
  const imm = { lo: width === 1 ? 'immA[k] & 0xff' : 'immA[k]', hi: 'immHiA[k]' };
  const wide = width === 8;
  if (imms.length === 0 || regs.length === 0) {
    const s = imms.length === 0 ? reg : { pre: [], ...imm };
    return [...s.pre, `${decl} v = ${s.lo};`, ...(wide ? [`const vh = ${s.hi};`] : [])];
  }
  if (width === 4) return [`${decl} v = ${isKind(regs)} ? ${reg.lo} : ${imm.lo};`];
  return [
    'let v: number;',
    ...(wide ? ['let vh: number;'] : []),
    `if (${isKind(regs)}) {`,
    ...[...reg.pre, `v = ${reg.lo};`, ...(wide ? [`vh = ${reg.hi};`] : [])].map(ind),
    '} else {',
    ...[`v = ${imm.lo};`, ...(wide ? [`vh = ${imm.hi};`] : [])].map(ind),
    '}',
  ];
}

/** Statements writing v (vh) to the destination of the case's forms. */
function destStatements(group: MoveForm[], hi: string, width: number): string[] {
  const f = group[0];
  if (moveDest(f.shape) === 'reg' && f.size !== 1) return ['const dst = (w >>> 8) & 31;', 'c.rl[dst] = v;', `c.rh[dst] = ${hi};`];
  if (moveDest(f.shape) === 'reg') {
    // A byte register merges (AH..BH are 16..19).
    return [
      'const dst = (w >>> 8) & 31;',
      'if (dst < 16) c.rl[dst] = (c.rl[dst] & ~0xff) | v;',
      'else c.rl[dst - 16] = (c.rl[dst - 16] & ~0xff00) | (v << 8);',
    ];
  }
  const lim = width === 1 ? '' : ` && po <= ${4096 - width}`;
  const fast =
    width === 8
      ? ['dv.setInt32(ram + po, v, true);', 'dv.setInt32(ram + po + 4, vh, true);']
      : [width === 1 ? 'u8[ram + po] = v;' : width === 2 ? 'dv.setUint16(ram + po, v, true);' : 'dv.setInt32(ram + po, v, true);'];
  return [
    `if (ram >= 0 && (perm & wrMask) !== 0${lim}) {`,
    ind('if (codePages[ram >>> 12] !== 0) c.cache.invalidatePage(ram >>> 12);'),
    ...fast.map(ind),
    `} else c.write${width * 8}(a, v${width === 8 ? ', vh' : ''});`,
    // A write to a code page (or a device) may end the block.
    'if (c.brk) {',
    ind('nx = rip + endOffA[k];'),
    ind('k++;'),
    ind('break slots;'),
    '}',
  ];
}

/** Forms sharing one case: the memory forms that differ only in the
 * widening or in a register or immediate source (each case repeats the
 * slow path's call, which costs runBlocks V8 inlining budget: see
 * gen/interp-cases.ts caseKey), and the register forms whose code is the
 * same but for the high half (movzx r32 and r64). */
function caseKey(f: MoveForm): string {
  const width = sourceWidth(f.row, f.size);
  const plain = f.row.from === 'v';
  if (moveDest(f.shape) === 'mem') return `store ${width}`;
  if (moveSource(f.shape) === 'mem') return `load ${plain ? 'mov' : 'widen'} ${width}`;
  return plain ? `${f.shape} ${f.size}` : `widen ${f.row.ext} ${width}`;
}

/** The value every form gives, else a choice on the kind (the values
 * of fewest forms tested first). */
function byKind(group: MoveForm[], value: (f: MoveForm) => string): string {
  const count = (v: string): number => group.filter((f) => value(f) === v).length;
  const values = [...new Set(group.map(value))].sort((x, y) => count(x) - count(y));
  const last = values.pop()!;
  return values.reduceRight((tail, v) => `${isKind(group.filter((f) => value(f) === v))} ? ${v} : ${tail}`, last);
}

function emitCase(group: MoveForm[]): string[] {
  const f0 = group[0];
  const width = sourceWidth(f0.row, f0.size);
  const src = moveSource(f0.shape);
  // Zero extensions from a register mask as they read (a sign extension
  // shifts instead).
  const clean = src === 'mem' || moveDest(f0.shape) === 'mem' || f0.size === 1 || group.every((f) => f.row.ext === 'zero');
  const widen = (f: MoveForm) => lowerWiden(width, f.row.ext, f.size, 'v', 'vh', clean || src === 'imm');
  const fixes = [...new Set(group.map((f) => widen(f).fix))];
  const body = sourceStatements(group, width, fixes.some((x) => x !== null) ? 'let' : 'const', clean);
  // The widening, by kind where the forms differ.
  const withFix = fixes.filter((x): x is string => x !== null);
  withFix.forEach((fix, n) => {
    const fs = group.filter((f) => widen(f).fix === fix);
    if (fs.length === group.length) body.push(fix);
    else if (n === withFix.length - 1 && n > 0 && !fixes.includes(null)) body.push(`else ${fix}`);
    else body.push(`${n === 0 ? '' : 'else '}if (${isKind(fs)}) ${fix}`);
  });
  body.push(...destStatements(group, byKind(group, (f) => widen(f).hi), width));
  body.push('break;');
  const labels = group.map((f) => `case K.${f.kind}:`);
  labels[labels.length - 1] += ' {';
  labels[0] += ` // ${[...new Set(group.map((f) => f.row.name))].join(', ')}`;
  return [...labels, ...body.map(ind), '}'];
}

/** The cases of every move form, indented by `indent` spaces. */
export function moveCases(indent: number): string {
  const groups = new Map<string, MoveForm[]>();
  for (const f of moveForms()) groups.set(caseKey(f), [...(groups.get(caseKey(f)) ?? []), f]);
  const pad = ' '.repeat(indent);
  return [...groups.values()].flatMap(emitCase).map((l) => pad + l).join('\n');
}
