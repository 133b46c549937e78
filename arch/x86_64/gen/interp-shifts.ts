/**
 * Writes the interpreter's inline cases for the shift rows of
 * gen/shifts.ts: one case per width, an inner choice on the kind for the
 * result, the flags and the destination after it. The code uses
 * runBlocks' locals (the slot's word `w`, its `kind`, index `k` and
 * immediates immA), as gen/interp-cases.ts's.
 */
import { asAssignments, explicitStores, lowerShift } from './js-lower';
import { ShiftForm, shiftForms } from './shifts';

const ind = (line: string): string => `  ${line}`;

function emitCase(group: ShiftForm[]): string[] {
  const size = group[0].size;
  const wide = size === 8;
  const labels = group.map((f) => `case K.${f.kind}:`);
  labels[labels.length - 1] += ' {';
  labels[0] += ` // ${group.map((f) => f.row.names[0]).join(', ')}`;
  const body = ['const dst = (w >>> 8) & 31;', `const n = immA[k] & ${size * 8 - 1};`];
  // A count of 0 changes no flags; a 32-bit destination is still written.
  if (wide) body.push('if (n === 0) break;');
  body.push('const x = c.rl[dst];');
  if (wide) body.push('const xh = c.rh[dst];');
  else body.push('c.rh[dst] = 0;', 'if (n === 0) break;');
  const names = ['r', 'rh', 'rc', 'ro'];
  body.push('let r: number;', ...(wide ? ['let rh: number;'] : []), 'let rc: number;', 'let ro: number;');
  group.forEach((f, i) => {
    const lines = asAssignments(lowerShift(f.row.op, size, 'x', 'xh', 'n', 'r'), names);
    const head = i === 0 ? `if (kind === K.${f.kind}) {` : i === group.length - 1 ? '} else {' : `} else if (kind === K.${f.kind}) {`;
    body.push(head, ...lines.map(ind));
  });
  body.push('}');
  body.push('c.rl[dst] = r;');
  if (wide) body.push('c.rh[dst] = rh;');
  body.push('if (w >= 0) {', ...explicitStores(size, 'r', wide ? 'rh' : '0', 'rc', 'ro', true).map(ind), '}');
  body.push('break;');
  return [...labels, ...body.map(ind), '}'];
}

/** The cases of every shift form, indented by `indent` spaces. */
export function shiftCases(indent: number): string {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const size of [4, 8]) out.push(...emitCase(shiftForms().filter((f) => f.size === size)));
  return out.map((l) => pad + l).join('\n');
}
