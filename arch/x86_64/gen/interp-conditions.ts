/**
 * Writes the interpreter's jcc cases from gen/conditions.ts, each of
 * which `break taken`s when the branch is taken:
 * - fused: a jcc right after a 32/64-bit sub/cmp of its block
 *   (fast-kinds.ts fuseBranch) compares the recorded operands (c.fa, c.fb
 *   and their high halves) instead of looking at the lazy-flag kind; je/jne
 *   right after a form that records its result tests that result;
 * - unfused: the condition's path (conditionPath): after a 32/64-bit
 *   subtraction the comparison the jcc's word names (signed or not) and
 *   equality index the truth table fastWord put there; ZF from the recorded
 *   result of any record; testCC otherwise.
 */
import { Condition, conditionPath, CONDITIONS_BY_CC, ConditionPath, SUB_CONDITIONS } from './conditions';
import { fusedKindName, jccKindName, RESULT_BRANCH_KINDS } from './kinds';
import { lowerCompare } from './js-lower';

/** The cases, indented by `indent` spaces. */
export function fusedBranchCases(indent: number): string {
  const out: string[] = [];
  for (const size of [4, 8]) {
    for (const cond of SUB_CONDITIONS) {
      const test = lowerCompare(cond.row.sub!, cond.negated, size, 'c.fa', 'c.faH', 'c.fb', 'c.fbH');
      out.push(`case K.${fusedKindName(cond.name, size)}:`, `  if (${test}) break taken;`, '  break;');
    }
  }
  const pad = ' '.repeat(indent);
  return out.map((l) => pad + l).join('\n');
}

/** The ZF test of a recorded result r (rh its high half at 8 bytes). */
const zeroTest = (size: number | 'fsz', r: string, rh: string, negated = false): string => {
  if (size === 'fsz') return `${r} === 0 && (c.fsz !== 8 || ${rh} === 0)`;
  if (negated) return size === 8 ? `${r} !== 0 || ${rh} !== 0` : `${r} !== 0`;
  return size === 8 ? `${r} === 0 && ${rh} === 0` : `${r} === 0`;
};

/** je/jne right after a form that recorded its result (32/16/8 or 64
 * bits: JZ_RES32, JNZ_RES32, JZ_RES64, JNZ_RES64), indented by `indent`. */
export function resultBranchCases(indent: number): string {
  const out: string[] = [];
  RESULT_BRANCH_KINDS.forEach((kind, n) => {
    out.push(`case K.${kind}:`, `  if (${zeroTest(n < 2 ? 4 : 8, 'c.fres', 'c.fresH', (n & 1) !== 0)}) break taken;`, '  break;');
  });
  const pad = ' '.repeat(indent);
  return out.map((l) => pad + l).join('\n');
}

const jccKind = (c: Condition): string => `K.${jccKindName(c)}`;

/** The body of the case of the unfused jcc kinds on one path. */
function unfusedBody(path: ConditionPath, conds: Condition[]): string[] {
  if (path === 'flags') return ['if (testCC(c, kind - K.JO)) break taken;', 'break;'];
  if (path === 'zero') {
    // One row: cc and its negation.
    const taken = conds.find((c) => !c.negated)!;
    return [
      `const zero = c.fop !== LazyOp.NONE ? ${zeroTest('fsz', 'c.fres', 'c.fresH')} : testCC(c, ${taken.cc});`,
      `if (zero === (kind === ${jccKind(taken)})) break taken;`,
      'break;',
    ];
  }
  // The comparison the word says (signed or not), and equality.
  const cmp = (size: number, signed: boolean): string => lowerCompare([signed ? 'less' : 'below'], false, size, 'x', 'xh', 'y', 'yh');
  return [
    'const fsz = c.fsz;',
    'if (c.fop === LazyOp.SUB && (fsz === 4 || fsz === 8)) {',
    '  const x = c.fa;',
    '  const y = c.fb;',
    '  let lt: boolean;',
    '  let eq: boolean;',
    '  if (fsz === 4) {',
    `    eq = ${lowerCompare(['equal'], false, 4, 'x', 'xh', 'y', 'yh')};`,
    `    lt = (w & Paired.SIGNED) !== 0 ? ${cmp(4, true)} : ${cmp(4, false)};`,
    '  } else {',
    '    const xh = c.faH;',
    '    const yh = c.fbH;',
    `    eq = ${lowerCompare(['equal'], false, 8, 'x', 'xh', 'y', 'yh')};`,
    `    lt = (w & Paired.SIGNED) !== 0 ? (${cmp(8, true)}) : (${cmp(8, false)});`,
    '  }',
    '  // The truth table fastWord put in the word (fast-kinds.ts).',
    '  if (((w >>> Paired.TABLE_SHIFT) >>> (+lt | (+eq << 1))) & 1) break taken;',
    '} else if (testCC(c, kind - K.JO)) break taken;',
    'break;',
  ];
}

/** The jcc cases not fused with the instruction before: a case per
 * path, indented by `indent`. */
export function unfusedBranchCases(indent: number): string {
  const out: string[] = [];
  for (const path of ['sub', 'zero', 'flags'] as const) {
    const conds = CONDITIONS_BY_CC.filter((c) => conditionPath(c.row) === path);
    if (conds.length === 0) continue;
    const labels = conds.map((c) => `case ${jccKind(c)}:`);
    labels[0] += ` // j${conds.map((c) => c.name).join(', j')}`;
    labels[labels.length - 1] += ' {';
    out.push(...labels, ...unfusedBody(path, conds).map((l) => `  ${l}`), '}');
  }
  const pad = ' '.repeat(indent);
  return out.map((l) => pad + l).join('\n');
}
