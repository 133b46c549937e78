/**
 * Writes ops/fast-control.ts's condition predicates from
 * gen/conditions.ts: one function per cc that decides from the recorded
 * operands when the lazy flags are a subtraction's (a row's comparison:
 * below(c), zero(c), less(c)) or, for ZF alone, the recorded result, and
 * from flags.ts testCC otherwise; CONDITIONS (the JIT's P<cc>); and the
 * jcc handlers of the conditions with a fast path.
 */
import { Condition, conditionPath, CONDITIONS_BY_CC } from './conditions';

const fnName = (prefix: string, cond: Condition): string => `${prefix}${cond.name.toUpperCase()}`;

/** The fast path of a condition (gen/conditions.ts conditionPath), or
 * null (testCC alone). */
function fastPath(cond: Condition): { test: string; then: string } | null {
  const row = cond.row;
  const not = (s: string): string => (cond.negated ? `!${s.includes(' ') ? `(${s})` : s}` : s);
  const path = conditionPath(row);
  // Every record but NONE keeps its result, which decides ZF.
  if (path === 'zero') return { test: 'c.fop !== L_F_NONE', then: not('zero(c)') };
  if (path === 'flags') return null;
  const call: Record<string, string> = { below: 'below(c)', equal: 'zero(c)', less: 'less(c)' };
  return { test: 'c.fop === L_F_SUB', then: not(row.sub!.map((cmp) => call[cmp]).join(' || ')) };
}

export function conditionPredicates(indent: number): string {
  const out: string[] = [];
  for (const cond of CONDITIONS_BY_CC) {
    const fast = fastPath(cond);
    out.push(`function ${fnName('cond', cond)}(c: X86Core): boolean {`);
    if (fast === null) out.push(`  return testCC(c, ${cond.cc});`);
    else out.push(`  return ${fast.test} ? ${fast.then} : testCC(c, ${cond.cc});`);
    out.push('}');
  }
  out.push('', '/** testCC(c, cc) as one function per condition (the JIT calls them). */');
  out.push(`export const CONDITIONS: ((c: X86Core) => boolean)[] = [${CONDITIONS_BY_CC.map((c) => fnName('cond', c)).join(', ')}];`);
  out.push('');
  const fastOnes = CONDITIONS_BY_CC.filter((c) => fastPath(c) !== null);
  for (const cond of fastOnes) {
    out.push(`function ${fnName('jcc', cond)}(c: X86Core, i: number): void {`, `  if (${fnName('cond', cond)}(c)) branch(c, i);`, '}');
  }
  out.push('', '/** The jcc handlers with a fast path, by cc (the others: the generic one). */');
  out.push(`const JCC: (Handler | undefined)[] = [${CONDITIONS_BY_CC.map((c) => (fastPath(c) === null ? 'undefined' : fnName('jcc', c))).join(', ')}];`);
  const pad = ' '.repeat(indent);
  return out.map((l) => (l === '' ? '' : pad + l)).join('\n');
}
