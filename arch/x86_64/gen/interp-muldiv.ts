/**
 * Writes the interpreter's inline cases for the rows of gen/muldiv.ts at
 * 32 bits: imul r32 by a register, an immediate or memory (one case: the
 * factors differ, the product and its record do not) and div/idiv r32 on
 * the exact double path gen/js-lower.ts lowerDivide32 defines (anything
 * else: the handler). The code uses runBlocks' locals: the slot's word
 * `w` (destination bits 8-12, source 13-17), its `kind` and index `k`,
 * immA, and for memory the address `a` with its TLB entry (ram, perm,
 * po) and the RAM's DataView `dv`; the handler fallback opA, endOffA, rip.
 */
import { explicitStores, lowerDivide32, lowerImul32 } from './js-lower';
import { mulDivForms } from './muldiv';

const ind = (line: string): string => `  ${line}`;

function labels(kinds: string[]): string[] {
  return kinds.map((k, n) => `case K.${k}:${n === kinds.length - 1 ? ' {' : ''}`);
}

function imulCase(): string[] {
  const forms = mulDivForms().filter((f) => f.imul !== null);
  const kind = (p: (f: (typeof forms)[number]) => boolean): string => forms.find(p)!.kind;
  const rr = kind((f) => f.imul!.factors === 'GE' && !f.memory);
  const rri = kind((f) => f.imul!.factors === 'EI');
  return [
    ...labels(forms.map((f) => f.kind)),
    ...[
      '// imul r32, r32 / imul r32, r32, imm / imul r32, m32 (gen/muldiv.ts).',
      'const dst = (w >>> 8) & 31;',
      `const x = kind === K.${rri} ? c.rl[(w >>> 13) & 31] : c.rl[dst];`,
      'const y =',
      `  kind === K.${rr}`,
      '    ? c.rl[(w >>> 13) & 31]',
      `    : kind === K.${rri}`,
      '      ? immA[k]',
      '      : ram >= 0 && (perm & rdMask) !== 0 && po <= 4092',
      '        ? dv.getInt32(ram + po, true)',
      '        : c.read32(a) | 0;',
      ...lowerImul32('x', 'y', 'r', 'of'),
      'c.rl[dst] = r;',
      'c.rh[dst] = 0;',
      'if (w >= 0) {',
      ...explicitStores(4, 'r', '0', 'of', 'of', true).map(ind),
      '}',
      'break;',
    ].map(ind),
    '}',
  ];
}

function divCase(): string[] {
  const forms = mulDivForms().filter((f) => f.div !== null);
  const signed = forms.find((f) => f.div!.signed)!;
  const unsigned = forms.find((f) => !f.div!.signed)!;
  const s = lowerDivide32(true, 'n', 'y', 'c.rl[2]', 'q');
  const u = lowerDivide32(false, 'n', 'y', 'c.rl[2]', 'q');
  return [
    ...labels([signed.kind, unsigned.kind]),
    ...[
      '// idiv / div r32 with a dividend that fits 32 bits (after cdq or',
      '// xor edx, edx); anything else, #DE included, in the handler.',
      'const y = c.rl[(w >>> 13) & 31];',
      'const n = c.rl[0];',
      `if (kind === K.${signed.kind} ? ${s.defined} : ${u.defined}) {`,
      '  let q: number;',
      '  let m: number;',
      `  if (kind === K.${signed.kind}) {`,
      `    q = ${s.q};`,
      `    m = ${s.m};`,
      '  } else {',
      `    q = ${u.q};`,
      `    m = ${u.m};`,
      '  }',
      '  c.rl[0] = q | 0;',
      '  c.rh[0] = 0;',
      '  c.rl[2] = m | 0;',
      '  c.rh[2] = 0;',
      '} else {',
      '  c.nextRip = rip + endOffA[k];',
      '  handlers[opA[k]](c, k);',
      '}',
      'break;',
    ].map(ind),
    '}',
  ];
}

/** The imul and div/idiv cases, indented by `indent` spaces. */
export function mulDivCases(indent: number): string {
  const pad = ' '.repeat(indent);
  return [...imulCase(), ...divCase()].map((l) => pad + l).join('\n');
}
