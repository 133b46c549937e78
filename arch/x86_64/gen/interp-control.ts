/**
 * Writes the interpreter's inline cases for the rows of gen/control.ts:
 * jmp, call, ret, push and pop in runBlocks' switch (interpreter-run.ts).
 * The code uses runBlocks' locals: the slot's word `w` (the register in
 * bits 8-12), its index `k`, immA, endOffA, `rip`, the block's next RIP
 * `nx` and, for the memory form, the address `a` with its TLB entry (ram,
 * perm, po) and the RAM's DataView `dv`. A transfer ends the block
 * (`nx = t; k++; break slots`); jmp rel breaks out of `taken` to the
 * shared tail, which computes and checks the target as the jcc cases'.
 */
import { CONTROL_ROWS, ControlRow } from './control';

const ind = (line: string): string => `  ${line}`;
const RSP = 'c.rh[4] * N.TWO32 + (c.rl[4] >>> 0)';
const CANON = 'if (t >= N.CANON || t < -N.CANON) c.gp(0);';

/** RSP = the double local `v`. */
const setRsp = (v: string): string[] => [`c.rl[4] = ${v} | 0;`, `c.rh[4] = Math.floor(${v} / N.TWO32) | 0;`];

function describe(row: ControlRow): string {
  return row.rows[0].trim();
}

/** The body of the register (or relative) form's case. */
function regBody(row: ControlRow): string[] {
  const out: string[] = [];
  if (row.target === 'rel' && row.push === null) return ['break taken;'];
  if (row.target === 'rel') out.push('const ret = rip + endOffA[k];', 'const t = ret + immA[k];', CANON);
  if (row.target === 'E' || row.push === 'reg' || row.pop) out.push('const r = (w >>> 8) & 31;');
  if (row.target === 'E') out.push('const t = c.rh[r] * N.TWO32 + (c.rl[r] >>> 0);', CANON);
  if (row.target === 'top') out.push(`const s = ${RSP};`, 'const lo = c.read64(s) | 0;', 'const t = c.hi * N.TWO32 + (lo >>> 0);', CANON, 'const n = s + 8;', ...setRsp('n'));
  if (row.push !== null) {
    out.push(`const s = ${RSP} - 8;`);
    out.push(row.push === 'next' ? 'c.write64(s, ret | 0, Math.floor(ret / N.TWO32) | 0);' : 'c.write64(s, c.rl[r], c.rh[r]);');
    out.push(...setRsp('s'));
  }
  if (row.pop) out.push(`const s = ${RSP};`, 'const lo = c.read64(s) | 0;', 'const hi = c.hi;', 'const n = s + 8;', ...setRsp('n'), 'c.rl[r] = lo;', 'c.rh[r] = hi;');
  if (row.target !== null) out.push('nx = t;', 'k++;', 'break slots;');
  else if (row.push !== null) out.push('if (c.brk) {', ind('nx = rip + endOffA[k];'), ind('k++;'), ind('break slots;'), '}', 'break;');
  else out.push('break;');
  return out;
}

/** The body of the memory form's case (jmp m64): the 8 bytes at `a`. */
function memBody(row: ControlRow): string[] {
  if (row.target !== 'E' || row.push !== null) throw new Error(`gen: no interpreter memory case for ${describe(row)}`);
  return [
    'let lo: number;',
    'let hi: number;',
    'if (ram >= 0 && (perm & rdMask) !== 0 && po <= 4088) {',
    ind('lo = dv.getInt32(ram + po, true);'),
    ind('hi = dv.getInt32(ram + po + 4, true);'),
    '} else {',
    ind('lo = c.read64(a) | 0;'),
    ind('hi = c.hi;'),
    '}',
    'const t = hi * N.TWO32 + (lo >>> 0);',
    CANON,
    'nx = t;',
    'k++;',
    'break slots;',
  ];
}

function oneCase(kind: string, comment: string, body: string[]): string[] {
  if (body.length === 1) return [`case K.${kind}: // ${comment}`, ind(body[0])];
  return [`case K.${kind}: { // ${comment}`, ...body.map(ind), '}'];
}

function region(lines: string[], indent: number): string {
  const pad = ' '.repeat(indent);
  return lines.map((l) => `${pad}${l}`).join('\n');
}

/** The register and relative forms' cases. */
export function controlCases(indent: number): string {
  const rows = CONTROL_ROWS.filter((r) => r.kinds.reg !== null);
  return region(rows.flatMap((r) => oneCase(r.kinds.reg!, `${describe(r)} (gen/control.ts)`, regBody(r))), indent);
}

/** The memory forms' cases (with the other memory forms: `a` is ready). */
export function memoryControlCases(indent: number): string {
  const rows = CONTROL_ROWS.filter((r) => r.kinds.mem !== null);
  return region(rows.flatMap((r) => oneCase(r.kinds.mem!, `${describe(r)} (gen/control.ts)`, memBody(r))), indent);
}
