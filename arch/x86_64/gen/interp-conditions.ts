/**
 * Writes the interpreter's fused jcc cases from gen/conditions.ts: a jcc
 * right after a 32/64-bit sub/cmp of its block (fast-kinds.ts fuseBranch)
 * compares the recorded operands (c.fa, c.fb and their high halves)
 * instead of looking at the lazy-flag kind, and `break taken`s.
 */
import { SUB_CONDITIONS } from './conditions';
import { lowerCompare } from './js-lower';

/** The fused kind of a condition at a size: JB_SUB32, JG_SUB64, ... */
export function fusedKindName(name: string, size: number): string {
  return `J${name.toUpperCase()}_SUB${size * 8}`;
}

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
