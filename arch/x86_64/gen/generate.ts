/**
 * The generated regions of the x86_64 sources, from the rows of gen/
 * (forms.ts, moves.ts, shifts.ts, conditions.ts, lea.ts, muldiv.ts): the interpreter's inline cases (interpreter.ts), the kind
 * of each form by name (fast-kinds.ts) and the warm-up program's lines
 * (interpreter-warmup.S). scripts/gen-x86.ts writes them;
 * tests/x86_64/gen-x86.test.ts fails when the committed files differ.
 *
 * A region is the text between a begin and an end marker line (`#`
 * comments in assembly):
 *   // ---- generated: NAME (npm run gen:x86; do not edit) ----
 *   // ---- end of generated NAME ----
 */
import { forms } from './forms';
import { inlineCases } from './interp-cases';
import { moveCases } from './interp-moves';
import { moveForms } from './moves';
import { shiftCases } from './interp-shifts';
import { fusedBranchCases } from './interp-conditions';
import { conditionPredicates } from './fast-control-gen';
import { shiftForms } from './shifts';
import { accumulatorForms, leaForms } from './lea';
import { accumulatorCases, leaCases } from './interp-lea';
import { mulDivCases } from './interp-muldiv';
import { mulDivForms } from './muldiv';
import { accumulatorLines, leaLines, memoryLines, moveMemoryLines, moveRegisterLines, registerLines, shiftLines } from './warmup-asm';

/** Files (relative to arch/x86_64) and their regions' contents. */
export interface Region {
  file: string;
  name: string;
  /** The lines between the markers, given the begin marker's indentation. */
  body: (indent: number) => string;
}

const asm = (lines: string[]) => (indent: number): string => lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');

export const REGIONS: readonly Region[] = [
  { file: 'interpreter.ts', name: 'inline forms', body: inlineCases },
  { file: 'interpreter.ts', name: 'move forms', body: moveCases },
  { file: 'interpreter.ts', name: 'shift forms', body: shiftCases },
  { file: 'interpreter.ts', name: 'lea forms', body: leaCases },
  { file: 'interpreter.ts', name: 'accumulator forms', body: accumulatorCases },
  { file: 'interpreter.ts', name: 'fused branches', body: fusedBranchCases },
  { file: 'interpreter.ts', name: 'multiply and divide forms', body: mulDivCases },
  { file: 'ops/fast-control.ts', name: 'condition predicates', body: conditionPredicates },
  {
    file: 'fast-kinds.ts',
    name: 'form kinds',
    body: (indent) => {
      const pad = ' '.repeat(indent);
      return [
        `${pad}/** The kind of each form of gen/forms.ts, by its K member's name. */`,
        `${pad}export const FORM_KIND: Readonly<Record<string, number>> = {`,
        ...[...forms(), ...moveForms(), ...shiftForms(), ...leaForms(), ...accumulatorForms(), ...mulDivForms()].map((f) => `${pad}  ${f.kind}: K.${f.kind},`),
        `${pad}};`,
      ].join('\n');
    },
  },
  { file: 'interpreter-warmup.S', name: 'ALU register forms', body: (i) => asm(registerLines())(i) },
  { file: 'interpreter-warmup.S', name: 'shift forms', body: (i) => asm(shiftLines())(i) },
  { file: 'interpreter-warmup.S', name: 'move register forms', body: (i) => asm(moveRegisterLines())(i) },
  { file: 'interpreter-warmup.S', name: 'lea and accumulator forms', body: (i) => asm([...leaLines(), ...accumulatorLines()])(i) },
  { file: 'interpreter-warmup.S', name: 'move memory forms, fast paths', body: (i) => asm(moveMemoryLines('rsi'))(i) },
  { file: 'interpreter-warmup.S', name: 'move memory forms, slow paths', body: (i) => asm(moveMemoryLines('rdx'))(i) },
  { file: 'interpreter-warmup.S', name: 'ALU memory forms, fast paths', body: (i) => asm(memoryLines('rsi'))(i) },
  { file: 'interpreter-warmup.S', name: 'ALU memory forms, slow paths', body: (i) => asm(memoryLines('rdx'))(i) },
];

const BEGIN = (name: string): string => `---- generated: ${name} (npm run gen:x86; do not edit) ----`;
const END = (name: string): string => `---- end of generated ${name} ----`;
const isMarker = (line: string, text: string): boolean => {
  const t = line.trim();
  return t === `// ${text}` || t === `# ${text}`;
};

/** `source` with region `r` regenerated; throws when its markers are missing. */
export function fillRegion(source: string, r: Region): string {
  const lines = source.split('\n');
  const begin = lines.findIndex((l) => isMarker(l, BEGIN(r.name)));
  const end = lines.findIndex((l) => isMarker(l, END(r.name)));
  if (begin < 0 || end < begin) throw new Error(`gen-x86: ${r.file} has no region "${r.name}" (${BEGIN(r.name)} ... ${END(r.name)})`);
  const indent = lines[begin].length - lines[begin].trimStart().length;
  return [...lines.slice(0, begin + 1), r.body(indent), ...lines.slice(end)].join('\n');
}

/** Every file with generated regions: its path under arch/x86_64 and its
 * content with them regenerated, given a reader of the current content. */
export function generateAll(read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of REGIONS) out.set(r.file, fillRegion(out.get(r.file) ?? read(r.file), r));
  return out;
}
