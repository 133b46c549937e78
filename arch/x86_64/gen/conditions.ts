/**
 * The condition codes (SDM vol. 1, B.1) of jcc, setcc and cmovcc as rows:
 * each even cc with the flags it tests and, when it has one, the
 * comparison it makes after a subtraction x - y (a SUB lazy record:
 * cmp, sub); cc + 1 is its negation. From these rows
 *
 * - ops/fast-control.ts's predicates (the JIT's P<cc>, the jcc
 *   handlers) are generated (gen/fast-control-gen.ts);
 * - the interpreter's fused jcc cases (a jcc right after a 32/64-bit
 *   sub/cmp) are generated, and fast-kinds.ts takes the fused kinds and
 *   the truth tables of paired branches from them;
 * - the JIT's fusedCondition (jit/alu-templates.ts) lowers a condition
 *   from the locals of the block's last flag-setting template.
 *
 * The comparisons are lowered by gen/js-lower.ts lowerCompare.
 */
import type { Cmp } from './js-lower';

export type Flag = 'OF' | 'CF' | 'ZF' | 'SF' | 'PF' | 'SF^OF';

export interface ConditionRow {
  /** The condition's cc (even); cc + 1 is its negation. */
  cc: number;
  /** The mnemonic suffixes of cc and cc + 1. */
  names: readonly [string, string];
  /** Taken when any of these flags is set (SF^OF: SF differs from OF). */
  flags: readonly Flag[];
  /** After a subtraction x - y: taken when any of these holds, or null
   * (the flags' way). */
  sub: readonly Cmp[] | null;
}

export const CONDITION_ROWS: readonly ConditionRow[] = [
  { cc: 0, names: ['o', 'no'], flags: ['OF'], sub: null },
  { cc: 2, names: ['b', 'ae'], flags: ['CF'], sub: ['below'] },
  { cc: 4, names: ['e', 'ne'], flags: ['ZF'], sub: ['equal'] },
  { cc: 6, names: ['be', 'a'], flags: ['CF', 'ZF'], sub: ['below', 'equal'] },
  { cc: 8, names: ['s', 'ns'], flags: ['SF'], sub: null },
  { cc: 10, names: ['p', 'np'], flags: ['PF'], sub: null },
  { cc: 12, names: ['l', 'ge'], flags: ['SF^OF'], sub: ['less'] },
  { cc: 14, names: ['le', 'g'], flags: ['SF^OF', 'ZF'], sub: ['less', 'equal'] },
];

/** One condition code: its row and whether it is the row's negation. */
export interface Condition {
  cc: number;
  name: string;
  row: ConditionRow;
  negated: boolean;
}

/** The 16 conditions, by cc. */
export const CONDITIONS_BY_CC: readonly Condition[] = CONDITION_ROWS.flatMap((row) => [
  { cc: row.cc, name: row.names[0], row, negated: false },
  { cc: row.cc + 1, name: row.names[1], row, negated: true },
]);

/** The conditions a jcc fused with a sub/cmp tests from the recorded
 * operands (those with a comparison), in cc order: the fused kinds are
 * J<NAME>_SUB32 / _SUB64 in this order. */
export const SUB_CONDITIONS: readonly Condition[] = CONDITIONS_BY_CC.filter((c) => c.row.sub !== null);

/** Whether a condition holds after a subtraction, given its outcome:
 * below (unsigned), equal, less (signed). */
export function subTaken(cond: Condition, outcome: Record<Cmp, boolean>): boolean {
  return cond.row.sub!.some((cmp) => outcome[cmp]) !== cond.negated;
}

/** A condition's truth table after a subtraction: bit (below | equal << 1
 * | less << 2) set where it is taken (fast-kinds.ts puts it in a jcc's
 * word, and in a compare's paired with one). */
export function subTable(cond: Condition): number {
  let table = 0;
  for (let idx = 0; idx < 8; idx++) if (subTaken(cond, { below: (idx & 1) !== 0, equal: (idx & 2) !== 0, less: (idx & 4) !== 0 })) table |= 1 << idx;
  return table;
}

/** What an unfused jcc's word holds for the interpreter (fast-kinds.ts
 * fastWord): whether its comparison is signed (less) or not (below), and
 * its truth table indexed by less-than (of that kind) | equal << 1. */
export function jccTable(cond: Condition): { signed: boolean; table: number } {
  const signed = cond.row.sub!.includes('less');
  let table = 0;
  for (let idx = 0; idx < 4; idx++) {
    const lt = (idx & 1) !== 0;
    if (subTaken(cond, { below: lt && !signed, less: lt && signed, equal: (idx & 2) !== 0 })) table |= 1 << idx;
  }
  return { signed, table };
}

/**
 * How the backends decide a condition from the lazy flags without
 * computing them:
 * - 'sub': after a subtraction (a SUB record), by its comparison of the
 *   recorded operands;
 * - 'zero' (ZF alone): from the recorded result, which every record but
 *   NONE keeps (flags.ts getZF);
 * - 'flags': testCC, the flags' way.
 */
export type ConditionPath = 'sub' | 'zero' | 'flags';

export function conditionPath(row: ConditionRow): ConditionPath {
  if (row.flags.length === 1 && row.flags[0] === 'ZF') return 'zero';
  return row.sub !== null ? 'sub' : 'flags';
}
