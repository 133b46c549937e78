/**
 * The generated regions of the x86_64 sources, from the rows of gen/
 * (forms.ts, moves.ts, shifts.ts, conditions.ts, lea.ts, muldiv.ts,
 * control.ts): the
 * interpreter's inline cases (interpreter-run.ts), the kinds (fast-kinds.ts:
 * the enum K, numbered by gen/kinds.ts, and each form's by name) and the
 * warm-up program's lines
 * (interpreter-warmup.S). scripts/gen-x86.ts writes them;
 * tests/x86_64/gen-x86.test.ts fails when the committed files differ.
 *
 * A region is the text between a begin and an end marker line (`#`
 * comments in assembly):
 *   // ---- generated: NAME (npm run gen:x86; do not edit) ----
 *   // ---- end of generated NAME ----
 *
 * An assembled file (ASSEMBLED) is generated whole: its hand-written source
 * with each splice line
 *   // ---- splice: NAME (npm run gen:x86) ----
 * replaced by region NAME between its markers. The interpreter's cases sit
 * inside runBlocks' one switch, which V8 compiles as one function: a case
 * in a function of its own would cost a call per instruction, so the
 * hand-written runBlocks (interpreter.ts) and the generated cases are
 * joined as text instead.
 */
import { forms } from './forms';
import { kindEnum } from './kinds';
import { inlineCases } from './interp-cases';
import { moveCases } from './interp-moves';
import { moveForms } from './moves';
import { shiftCases } from './interp-shifts';
import { fusedBranchCases, resultBranchCases, unfusedBranchCases } from './interp-conditions';
import { conditionPredicates } from './fast-control-gen';
import { shiftForms } from './shifts';
import { accumulatorForms, leaForms } from './lea';
import { accumulatorCases, leaCases } from './interp-lea';
import { mulDivCases } from './interp-muldiv';
import { mulDivForms } from './muldiv';
import { controlCases, memoryControlCases } from './interp-control';
import { accumulatorLines, flagConditionLines, fusedConditionLines, leaLines, memoryLines, moveMemoryLines, moveRegisterLines, registerLines, shiftLines, unfusedConditionLines, wideOperandLines } from './warmup-asm';

/** Files (relative to arch/x86_64) and their regions' contents. */
export interface Region {
  file: string;
  name: string;
  /** The lines between the markers, given the begin marker's indentation. */
  body: (indent: number) => string;
}

const asm = (lines: string[]) => (indent: number): string => lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');

export const REGIONS: readonly Region[] = [
  { file: 'interpreter-run.ts', name: 'inline forms', body: inlineCases },
  { file: 'interpreter-run.ts', name: 'move forms', body: moveCases },
  { file: 'interpreter-run.ts', name: 'shift forms', body: shiftCases },
  { file: 'interpreter-run.ts', name: 'lea forms', body: leaCases },
  { file: 'interpreter-run.ts', name: 'accumulator forms', body: accumulatorCases },
  { file: 'interpreter-run.ts', name: 'fused branches', body: fusedBranchCases },
  { file: 'interpreter-run.ts', name: 'result branches', body: resultBranchCases },
  { file: 'interpreter-run.ts', name: 'unfused branches', body: unfusedBranchCases },
  { file: 'interpreter-run.ts', name: 'multiply and divide forms', body: mulDivCases },
  { file: 'interpreter-run.ts', name: 'control transfers', body: controlCases },
  { file: 'interpreter-run.ts', name: 'memory control transfers', body: memoryControlCases },
  { file: 'ops/fast-control.ts', name: 'condition predicates', body: conditionPredicates },
  { file: 'fast-kinds.ts', name: 'kind enum', body: kindEnum },
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
  { file: 'interpreter-warmup.S', name: 'fused conditions', body: (i) => asm(fusedConditionLines())(i) },
  { file: 'interpreter-warmup.S', name: 'flag conditions', body: (i) => asm(flagConditionLines())(i) },
  { file: 'interpreter-warmup.S', name: 'unfused conditions', body: (i) => asm(unfusedConditionLines())(i) },
  { file: 'interpreter-warmup.S', name: '64-bit ALU forms on wide operands', body: (i) => asm(wideOperandLines('rsi + 2048'))(i) },
];

/** Files generated whole from a hand-written source with splice lines. */
export interface Assembled {
  file: string;
  source: string;
}

export const ASSEMBLED: readonly Assembled[] = [{ file: 'interpreter-run.ts', source: 'interpreter.ts' }];

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

const SPLICE = /^(\s*)\/\/ ---- splice: (.*) \(npm run gen:x86\) ----$/;

/** The assembled file `a` from its source's text, its regions empty (then
 * filled like any other file's); throws when a splice names no region of
 * the file or a region has no splice. */
export function assemble(source: string, a: Assembled): string {
  const names = new Set(REGIONS.filter((r) => r.file === a.file).map((r) => r.name));
  const lines = source.split('\n').flatMap((l) => {
    const m = SPLICE.exec(l);
    if (m === null) return [l];
    if (!names.delete(m[2])) throw new Error(`gen-x86: ${a.source} splices "${m[2]}", which is no region of ${a.file} (or is spliced twice)`);
    return [`${m[1]}// ${BEGIN(m[2])}`, `${m[1]}// ${END(m[2])}`];
  });
  if (names.size > 0) throw new Error(`gen-x86: ${a.source} has no splice line for ${[...names].map((n) => `"${n}"`).join(', ')}`);
  return [`// Generated by npm run gen:x86 from ${a.source} (hand-written: edit that) and the rows of gen/; do not edit.`, ...lines].join('\n');
}

/** Every file with generated regions: its path under arch/x86_64 and its
 * content with them regenerated, given a reader of the current content. */
export function generateAll(read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of ASSEMBLED) out.set(a.file, assemble(read(a.source), a));
  for (const r of REGIONS) out.set(r.file, fillRegion(out.get(r.file) ?? read(r.file), r));
  return out;
}
