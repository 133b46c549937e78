/**
 * The warm-up program's instructions for the forms of gen/forms.ts
 * (interpreter-warmup.S, in its generated regions): one instruction per
 * form, so that runBlocks has type feedback for every generated case
 * (tests/x86_64/interpreter-warmup.test.ts checks every kind is taken).
 * Intel syntax, as the rest of the program.
 */
import { forms, MEMORY_SHAPES } from './forms';
import { isMemoryMove, MoveForm, moveForms, moveSource, sourceWidth } from './moves';
import { shiftForms } from './shifts';
import { accumulatorForms, leaForms } from './lea';
import { Condition, conditionPath, CONDITIONS_BY_CC, SUB_CONDITIONS } from './conditions';

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

/** The registers of a move form's destination and source (eax/rax and
 * ebx/rbx, bl and bh for byte sources, bx for word ones). */
function moveRegs(f: MoveForm): { dst: string; srcs: string[] } {
  const dst = f.size === 8 ? 'rax' : f.size === 4 ? 'eax' : 'al';
  const width = sourceWidth(f.row, f.size);
  // (bh has no encoding beside a REX prefix, which a 64-bit destination needs.)
  const srcs = width === 8 ? ['rbx'] : width === 4 ? ['ebx'] : width === 2 ? ['bx'] : f.size === 8 ? ['bl'] : ['bl', 'bh'];
  return { dst, srcs };
}

/** Register move forms, into eax/rax only (the rest of the program
 * keeps its registers). */
export function moveRegisterLines(): string[] {
  const out: string[] = [];
  for (const f of moveForms()) {
    if (isMemoryMove(f.shape)) continue;
    const { dst, srcs } = moveRegs(f);
    if (f.shape === 'RI') out.push(`${f.row.name} ${dst}, 5`);
    else for (const src of srcs) out.push(`${f.row.name} ${dst}, ${src}`);
  }
  return out;
}

const PTR: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword' };

/** Memory move forms at [base]: loads from [base], stores to [base + 16]
 * and up (the data the program reads later is below). */
export function moveMemoryLines(base: string): string[] {
  const out: string[] = [];
  for (const f of moveForms()) {
    if (!isMemoryMove(f.shape)) continue;
    const { dst, srcs } = moveRegs(f);
    const ptr = `${PTR[sourceWidth(f.row, f.size)]} ptr`;
    const at = (off: number): string => `[${base} + ${off}]`;
    const store = f.size === 8 ? 24 : f.size === 4 ? 16 : 48;
    if (moveSource(f.shape) === 'mem') out.push(`${f.row.name} ${f.shape === 'RM8' ? 'ah' : dst}, ${ptr} [${base}]`, ...(f.shape === 'RM8' ? [`${f.row.name} al, ${ptr} [${base}]`] : []));
    else if (f.shape === 'MI' || f.shape === 'MI8') out.push(`${f.row.name} ${ptr} ${at(f.size === 1 ? 50 : store + 16)}, ${f.size === 8 ? -1 : f.size === 4 ? 7 : 3}`);
    // (Stores of eax/rax, as the hand-written program had: its type feedback.)
    else if (f.size !== 1) out.push(`${f.row.name} ${at(store)}, ${dst}`);
    else for (const [n, src] of srcs.entries()) out.push(`${f.row.name} ${at(store + n)}, ${src}`);
  }
  return out;
}

/** Shift forms on eax/rax: at 32 bits by 3, 1, 2 (one per row); at 64
 * by 35, 33, 3 (beyond a word, and within it), then each by 1 (D1), then
 * each by 40 (every row beyond a word: without it sar's `n === 32` had no
 * feedback and Doom deoptimized runBlocks there).
 * The values matter: with another sequence (each form by 3, 1, 35, 32 in
 * turn) V8 saw different type feedback and deoptimized runBlocks once
 * more in every run of bench/x86_64's sort (an "overflow" bailout). */
export function shiftLines(): string[] {
  const forms = shiftForms();
  const at = (size: number, counts: number[]): string[] =>
    forms.filter((f) => f.size === size).map((f, i) => `${f.row.names[0]} ${size === 8 ? 'rax' : 'eax'}, ${counts[i % counts.length]}`);
  return [...at(4, [3, 1, 2]), ...at(8, [35, 33, 3]), ...at(8, [1]), ...at(8, [40])];
}

/** The 64-bit ALU forms again on operands whose low halves are 2^31 or
 * more (-7 and -3) and on mixed ones (-7 and 5, 5 and -3): the earlier
 * lines' operands are small, so V8 saw only small integers at `x >>> 0`,
 * the low-half sums and their compares, and deoptimized runBlocks
 * ("lost precision") at the first 64-bit sub of two such values in a
 * program (Doom's). Memory forms at [base], set before each line. */
export function wideOperandLines(base: string): string[] {
  const out: string[] = [];
  const pairs: [number, number][] = [
    [-7, -3],
    [-7, 5],
    [5, -3],
  ];
  for (const f of forms()) {
    if (f.size !== 8) continue;
    const n = f.row.name;
    for (const [x, y] of f.shape === 'R' ? pairs.slice(0, 1) : pairs) {
      const set = [`mov rax, ${x}`, `mov rbx, ${y}`];
      switch (f.shape) {
        case 'R':
          out.push(set[0], `${n} rax`);
          break;
        case 'RR':
          out.push(...set, `${n} rax, rbx`);
          break;
        case 'RI':
          out.push(set[0], `${n} rax, ${y}`);
          break;
        case 'RM':
          out.push(...set, `mov [${base}], rbx`, `${n} rax, [${base}]`);
          break;
        case 'MR':
          out.push(...set, `mov [${base}], rax`, `mov rax, rbx`, `${n} [${base}], rax`);
          break;
        case 'MI':
          out.push(`mov rax, ${x}`, `mov [${base}], rax`, `${n} qword ptr [${base}], ${y}`);
          break;
      }
    }
  }
  return out;
}

/** lea forms into eax/rax, with a base and with base+index. At 64 bits
 * from bases that take each path of the case: rbx (small: the int32
 * sum), rsi (the data: at 2 GiB or more in some passes, the double sum),
 * r10 (-7: negative) and a sum beyond 2^53 (the handler). The operands
 * are the hand-written program's (its type feedback). */
export function leaLines(): string[] {
  const out: string[] = [];
  for (const f of leaForms()) {
    if (f.size === 4) out.push('lea eax, [rbx + 4]', 'lea eax, [rbx + rcx*2 + 1]');
    else {
      out.push('lea rax, [rbx + 8]', 'lea rax, [rbx + rcx*8 + 16]', 'lea rax, [rsi + 8]', 'lea rax, [rsi + rcx*4 + 8]', 'lea rax, [r10 + 8]');
      out.push('movabs rdx, 0x7fffffffffffffff', 'lea rax, [rdx + rdx]');
    }
  }
  return out;
}

/** The accumulator forms (cdqe, cdq, cqo), once each. */
export function accumulatorLines(): string[] {
  return accumulatorForms().map((f) => f.row.names[f.size]);
}

/** A jcc per condition, each after `before`, branching to the next line
 * (so both outcomes continue there). */
function branchLines(conds: readonly Condition[], before: string[]): string[] {
  return conds.flatMap((c) => [...before, `j${c.name} 1f`, '1:']);
}

/** The jcc kinds fused with a 32/64-bit cmp (gen/conditions.ts
 * SUB_CONDITIONS), each taken on some pass and not on another (operands
 * from the pass number in ecx: 3, 2, 1): register compares, which take
 * their jcc themselves, then compares with memory, which leave it to the
 * fused kind's own case. */
export function fusedConditionLines(): string[] {
  return [
    'mov eax, ecx',
    'mov ebx, 2',
    ...branchLines(SUB_CONDITIONS, ['cmp eax, ebx']),
    '# 64 bits: the high halves differ on passes 3 and 1, are equal on pass 2',
    'mov rax, rcx',
    'shl rax, 32',
    'movabs rbx, 0x200000000',
    ...branchLines(SUB_CONDITIONS, ['cmp rax, rbx']),
    '# the same against memory: register compares take their jcc themselves',
    "# (pairWithBranch), these leave it to the fused jcc's own case",
    'mov [rsi + 24], rbx',
    'mov eax, ecx',
    'shl rax, 32',
    ...branchLines(SUB_CONDITIONS, ['cmp rax, [rsi + 24]']),
    'mov eax, ecx',
    'mov dword ptr [rsi + 24], 2',
    ...branchLines(SUB_CONDITIONS, ['cmp eax, [rsi + 24]']),
  ];
}

/** Every jcc kind unfused after a shift (an EXPLICIT record: each
 * condition's 'zero' or 'flags' path; the 'sub' ones fall to testCC). */
export function flagConditionLines(): string[] {
  return branchLines(CONDITIONS_BY_CC, ['mov eax, ecx', 'shl eax, 30', 'shl eax, 1']);
}

/** The unfused jcc kinds on the 'sub' path (conditionPath): a move
 * between the cmp and its jcc, at 32 and 64 bits. */
export function unfusedConditionLines(): string[] {
  const sub = CONDITIONS_BY_CC.filter((c) => conditionPath(c.row) === 'sub');
  return [
    'mov eax, ecx',
    'mov ebx, 2',
    ...branchLines(sub, ['cmp eax, ebx', 'mov edx, edx']),
    'mov rax, rcx',
    'shl rax, 32',
    'movabs rbx, 0x200000000',
    ...branchLines(sub, ['cmp rax, rbx', 'mov rdx, rdx']),
  ];
}
