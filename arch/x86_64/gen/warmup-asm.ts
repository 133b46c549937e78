/**
 * The warm-up program's instructions for the forms of gen/forms.ts
 * (interpreter-warmup.S, in its generated regions): one instruction per
 * form, so that runBlocks has type feedback for every generated case
 * (tests/x86_64/interpreter-warmup.test.ts checks every kind is taken).
 * Intel syntax, as the rest of the program.
 */
import { forms, MEMORY_SHAPES } from './forms';

/** Register forms on eax/rax (and ebx/rbx). */
export function registerLines(): string[] {
  const out: string[] = [];
  for (const f of forms()) {
    if (MEMORY_SHAPES.includes(f.shape)) continue;
    const [a, b] = f.size === 8 ? ['rax', 'rbx'] : ['eax', 'ebx'];
    out.push(f.shape === 'R' ? `${f.row.name} ${a}` : `${f.row.name} ${a}, ${f.shape === 'RI' ? '5' : b}`);
  }
  return out;
}

/** Memory forms at [base]. */
export function memoryLines(base: string): string[] {
  const out: string[] = [];
  for (const f of forms()) {
    const n = f.row.name;
    const [r, ptr] = f.size === 8 ? ['rax', 'qword'] : ['eax', 'dword'];
    switch (f.shape) {
      case 'RM':
        out.push(`${n} ${r}, [${base}]`);
        break;
      case 'MR':
        out.push(`${n} [${base}], ${r}`);
        break;
      case 'MI':
        out.push(`${n} ${ptr} ptr [${base}], 5`);
        break;
      case 'MR8':
        out.push(`${n} [${base}], bl`, `${n} [${base}], bh`);
        break;
      case 'MI8':
        out.push(`${n} byte ptr [${base}], 5`);
        break;
    }
  }
  return out;
}
