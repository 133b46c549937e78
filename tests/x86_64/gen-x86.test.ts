/**
 * The generated regions of arch/x86_64 (gen/generate.ts) are what the
 * fast-form description makes of them: edit gen/forms.ts and run
 * `npm run gen:x86`, never the regions by hand. And the description is
 * consistent with the kinds it names.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { FORM_KIND } from '../../arch/x86_64/fast-kinds';
import { ALU_ROWS, forms, MEMORY_SHAPES } from '../../arch/x86_64/gen/forms';
import { fillRegion, generateAll, REGIONS } from '../../arch/x86_64/gen/generate';
import { isMemoryMove, moveForms } from '../../arch/x86_64/gen/moves';

const DIR = join(__dirname, '..', '..', 'arch', 'x86_64');

describe('x86_64 generated sources', () => {
  it('every generated region is up to date (npm run gen:x86)', () => {
    for (const [file, content] of generateAll((f) => readFileSync(join(DIR, f), 'utf8'))) {
      expect({ file, content }).toEqual({ file, content: readFileSync(join(DIR, file), 'utf8') });
    }
  });

  it('a hand edit inside a region is replaced, text outside it kept, and a missing marker is an error', () => {
    const r = REGIONS[0];
    const begin = `  // ---- generated: ${r.name} (npm run gen:x86; do not edit) ----`;
    const end = `  // ---- end of generated ${r.name} ----`;
    const out = fillRegion(['before', begin, '  hand edit', end, 'after'].join('\n'), r);
    expect(out.startsWith(`before\n${begin}\n`)).toBe(true);
    expect(out.endsWith(`\n${end}\nafter`)).toBe(true);
    expect(out).not.toContain('hand edit');
    expect(() => fillRegion('no markers', r)).toThrow(/has no region/);
  });

  it('every form has its own kind number, register and memory forms on their sides of FIRST_MEM', () => {
    const all = [...forms().map((f) => ({ kind: f.kind, memory: MEMORY_SHAPES.includes(f.shape) })), ...moveForms().map((f) => ({ kind: f.kind, memory: isMemoryMove(f.shape) }))];
    const numbers = all.map((f) => FORM_KIND[f.kind]);
    expect(numbers.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    expect(new Set(numbers).size).toBe(all.length);
    for (const f of all) expect({ kind: f.kind, memory: FORM_KIND[f.kind] >= 128 }).toEqual(f);
    expect(new Set(ALU_ROWS.map((r) => r.name)).size).toBe(ALU_ROWS.length);
  });
});
