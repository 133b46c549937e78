/**
 * Writes the interpreter's inline cases for the rows of gen/lea.ts: lea
 * at 32 and 64 bits (base or base+index addresses: fast-kinds.ts gives
 * other forms the handler) and the accumulator's sign extensions. The
 * code uses runBlocks' locals: the slot's word `w` (the destination in
 * bits 8-12, base 18-21, index 22-25, scale 26-27, address form 28-30:
 * 2 with an index), its index `k`, the displacements dispA, and for the
 * handler fallback opA, endOffA and rip.
 */
import { leaForms, accumulatorForms } from './lea';
import { leaIndex, leaIndex64, leaInexact, lowerAccumulator, lowerLea32, lowerLea64 } from './js-lower';

const ind = (line: string): string => `  ${line}`;

const BASE = '(w >>> 18) & 15';
const HAS_INDEX = 'w >>> 28 === 2';

function lea32(kind: string): string[] {
  return [
    `case K.${kind}: {`,
    ...[
      'const dst = (w >>> 8) & 31;',
      `let v = ${lowerLea32('dispA[k]', `c.rl[${BASE}]`, null, 0)};`,
      `if (${HAS_INDEX}) v = ${leaIndex('v', 'c.rl[(w >>> 22) & 15]', '((w >>> 26) & 3)')};`,
      'c.rl[dst] = v;',
      'c.rh[dst] = 0;',
      'break;',
    ].map(ind),
    '}',
  ];
}

function lea64(kind: string): string[] {
  return [
    `case K.${kind}: {`,
    ...[
      `const b = ${BASE};`,
      'const dst = (w >>> 8) & 31;',
      // Registers below 2^31: the int32 sum (checked like an address in
      // runBlocks) plus the signed displacement is exact.
      'const lo = c.rl[b];',
      'if (c.rh[b] === 0 && lo >= 0) {',
      '  let part = lo;',
      `  if (${HAS_INDEX}) {`,
      '    const x = (w >>> 22) & 15;',
      '    const sc = (w >>> 26) & 3;',
      '    const xi = c.rl[x];',
      '    part = c.rh[x] === 0 && xi >= 0 && xi <= 0x7fffffff >> sc ? (lo + (xi << sc)) | 0 : -1;',
      '  }',
      '  if (part >= 0) {',
      '    const s = part + dispA[k];',
      '    c.rl[dst] = s | 0;',
      '    c.rh[dst] = s < 0 ? -1 : 0;',
      '    break;',
      '  }',
      '}',
      `let v = ${lowerLea64('dispA[k]', ['c.rl[b]', 'c.rh[b]'], null, 1, 'N.TWO32')};`,
      'let xh = 0;',
      `if (${HAS_INDEX}) {`,
      '  const x = (w >>> 22) & 15;',
      '  xh = c.rh[x];',
      `  v += ${leaIndex64(['c.rl[x]', 'xh'], '(1 << ((w >>> 26) & 3))', 'N.TWO32')};`,
      '}',
      `if (${leaInexact('v', ['c.rh[b]', 'xh'])}) {`,
      '  // A term or the sum beyond 2^52: the handler wraps exactly.',
      '  c.nextRip = rip + endOffA[k];',
      '  handlers[opA[k]](c, k);',
      '  break;',
      '}',
      'c.rl[dst] = v | 0;',
      'c.rh[dst] = Math.floor(v / N.TWO32) | 0;',
      'break;',
    ].map(ind),
    '}',
  ];
}

/** The cases of the lea forms, indented by `indent` spaces. */
export function leaCases(indent: number): string {
  const pad = ' '.repeat(indent);
  return leaForms()
    .flatMap((f) => (f.size === 4 ? lea32(f.kind) : lea64(f.kind)))
    .map((l) => pad + l)
    .join('\n');
}

/** The cases of the accumulator forms, indented by `indent` spaces. */
export function accumulatorCases(indent: number): string {
  const out: string[] = [];
  for (const f of accumulatorForms()) {
    const { lo, hi } = lowerAccumulator(f.row.op, f.size, 'c.rl[0]', 'c.rh[0]', `c.rl[${f.row.dst}]`);
    const name = f.row.names[f.size];
    const d = f.row.dst;
    if (lo !== null && lo === hi) {
      // (One value for both halves: computed once.)
      out.push(`case K.${f.kind}: { // ${name}`, ind(`const s = ${lo};`), ind(`c.rl[${d}] = s;`), ind(`c.rh[${d}] = s;`), ind('break;'), '}');
      continue;
    }
    out.push(`case K.${f.kind}: // ${name}`);
    if (lo !== null) out.push(ind(`c.rl[${d}] = ${lo};`));
    if (hi !== null) out.push(ind(`c.rh[${d}] = ${hi};`));
    out.push(ind('break;'));
  }
  const pad = ' '.repeat(indent);
  return out.map((l) => pad + l).join('\n');
}
