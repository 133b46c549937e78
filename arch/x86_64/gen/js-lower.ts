/**
 * The micro-operations of the fast forms (gen/forms.ts) lowered to
 * JavaScript on register halves: the one place where, say, a 64-bit add
 * is written as int32 arithmetic. Both consumers build their code from
 * these strings: the generator of the interpreter's inline cases
 * (gen/interp-cases.ts, at build time) and the JIT's templates
 * (jit/alu-templates.ts, when a block is compiled). A wasm backend would
 * lower the same micro-ops to i64 instructions instead.
 *
 * Operands are JavaScript expressions (int32 values; `xh`/`yh` the high
 * halves at 64 bits, '0' otherwise); results are declared as `const`
 * locals named by the caller.
 */
import { LazyOp } from '../flags';
import { termsWideCode } from '../exact-sum';

/** Two-operand micro-ops: r = x OP y at the form's width. */
export type Uop = 'add' | 'sub' | 'and' | 'or' | 'xor';

/** The lazy-flag record an operation leaves (flags.ts LazyOp). */
export type Lazy = 'ADD' | 'SUB' | 'LOGIC' | 'INC' | 'DEC';

/** LazyOp's numbers by name, for code that writes the literal. */
export const LAZY_OP: Record<Lazy, number> = { ADD: LazyOp.ADD, SUB: LazyOp.SUB, LOGIC: LazyOp.LOGIC, INC: LazyOp.INC, DEC: LazyOp.DEC };

/** Operand size in bytes. */
export type Size = 1 | 4 | 8;

/** The operands and result names of one lowered operation. */
export interface Operands {
  size: Size;
  x: string;
  xh: string;
  y: string;
  yh: string;
  /** Result local (low half); `${r}h` is the high half at 64 bits. */
  r: string;
  /** A fresh local name for a temporary. */
  tmp: (name: string) => string;
  /** INC/DEC: the carry flag before the operation (they keep it). */
  cf?: string;
  /** r (and rh) are declared already: assign them instead. */
  assign?: boolean;
}

const SYMBOL: Record<'and' | 'or' | 'xor', string> = { and: '&', or: '|', xor: '^' };

/** Statements declaring the result r (and `${r}h` at 64 bits) of `uop`
 * ('not': of ~x). */
export function lowerUop(uop: Uop | 'not', o: Operands): string[] {
  const out = lowerDeclaring(uop, o);
  if (!o.assign) return out;
  return out.map((l) => (l.startsWith(`const ${o.r} = `) || l.startsWith(`const ${o.r}h = `) ? l.slice('const '.length) : l));
}

function lowerDeclaring(uop: Uop | 'not', o: Operands): string[] {
  const { size, x, xh, y, yh, r } = o;
  if (uop === 'not') return size === 8 ? [`const ${r} = ~${x};`, `const ${r}h = ~${xh};`] : [`const ${r} = ~${x};`];
  if (uop === 'add' || uop === 'sub') {
    const sign = uop === 'add' ? '+' : '-';
    if (size === 1) return [`const ${r} = (${x} ${sign} ${y}) & 0xff;`];
    if (size === 4) return [`const ${r} = (${x} ${sign} ${y}) | 0;`];
    // The low halves' sum as a double (exact), its carry or borrow into the high half.
    const lo = o.tmp('lo');
    // (Constant operands as they are: 0 and 1 need no conversion.)
    const u32 = (v: string): string => (/^[0-9]+$/.test(v) ? v : `(${v} >>> 0)`);
    const high = yh === '0' ? xh : `${xh} ${sign} ${yh}`;
    return [
      `const ${lo} = ${u32(x)} ${sign} ${u32(y)};`,
      `const ${r} = ${lo} | 0;`,
      uop === 'add'
        ? `const ${r}h = (${high} + (${lo} > 0xffffffff ? 1 : 0)) | 0;`
        : `const ${r}h = (${high} - (${lo} < 0 ? 1 : 0)) | 0;`,
    ];
  }
  const s = SYMBOL[uop];
  const out = [`const ${r} = ${x} ${s} ${y};`];
  if (size === 8) out.push(`const ${r}h = ${xh} ${s} ${yh};`);
  return out;
}

/** The lazy-flag fields an operation writes, in order, as [field, value]
 * (fop's value is the LazyOp name). Every reader of that LazyOp kind
 * (flags.ts) finds what it needs; fields no reader of the kind looks at
 * are not written. */
export function lazyFields(lazy: Lazy, o: Operands): [string, string][] {
  const { size, x, xh, y, yh, r } = o;
  const out: [string, string][] = [['fop', lazy], ['fsz', String(size)]];
  if (lazy === 'INC' || lazy === 'DEC') {
    if (o.cf === undefined) throw new Error(`gen: ${lazy} needs the carry flag before it`);
    out.push(['fcin', o.cf]);
  }
  if (lazy !== 'LOGIC') {
    out.push(['fa', x]);
    if (size === 8) out.push(['faH', xh]);
    out.push(['fb', y]);
    if (size === 8) out.push(['fbH', yh]);
  }
  out.push(['fres', r]);
  if (size === 8) out.push(['fresH', `${r}h`]);
  return out;
}

/** lazyFields as statements on core `c`, one per field; `fop` as the
 * LazyOp member name (`named`, for source a const enum inlines) or its
 * number. */
export function lazyStores(lazy: Lazy, o: Operands, named: boolean): string[] {
  return lazyFields(lazy, o).map(([f, v]) => `c.${f} = ${f === 'fop' ? (named ? `LazyOp.${v}` : String(LAZY_OP[v as Lazy])) : v};`);
}

/** The outcome bits a paired jcc indexes its truth table with
 * (fast-kinds.ts Paired): after a subtraction, below-unsigned | equal << 1
 * | less-signed << 2; after a logic operation, whether the result is zero.
 * Statements, the last one an expression of the outcome. */
export function pairOutcome(pair: 'sub' | 'zero', o: Operands): string[] {
  const { size, x, xh, y, yh, r } = o;
  if (pair === 'zero') return [`+(${size === 8 ? `(${r} | ${r}h)` : r} === 0)`];
  if (size !== 8) return [`+(${x} >>> 0 < ${y} >>> 0) | (+(${x} === ${y}) << 1) | (+(${x} < ${y}) << 2)`];
  // Below/less from the high halves' difference less the low halves'
  // borrow (exact in doubles).
  const borrow = o.tmp('borrow');
  return [
    `const ${borrow} = +(${x} >>> 0 < ${y} >>> 0);`,
    `+((${xh} >>> 0) - (${yh} >>> 0) - ${borrow} < 0) | (+(((${x} ^ ${y}) | (${xh} ^ ${yh})) === 0) << 1) | (+(${xh} - ${yh} - ${borrow} < 0) << 2)`,
  ];
}

/** A move's source, read into local `v` (int32; `vh` its high half when
 * it is 8 bytes wide), widened to the destination (gen/moves.ts): the
 * statement that turns v into the destination's low half, or null when
 * it is that already, and the destination's high half as an expression.
 * `clean`: v holds the source alone (a load), not a register's whole low
 * half. Destinations of 1 or 2 bytes take the low bits of v. */
export interface Widened {
  fix: string | null;
  hi: string;
}

export function lowerWiden(from: number, ext: 'zero' | 'sign', size: number, v: string, vh: string, clean: boolean): Widened {
  const hiOfSize = (sign: boolean): string => (size === 8 ? (sign ? `${v} >> 31` : '0') : '0');
  if (from >= size) return { fix: null, hi: size === 8 ? vh : '0' };
  if (ext === 'zero') return { fix: clean || from === 4 ? null : `${v} = ${v} & ${from === 1 ? '0xff' : '0xffff'};`, hi: '0' };
  const s = 32 - from * 8;
  return { fix: s === 0 ? null : `${v} = (${v} << ${s}) >> ${s};`, hi: hiOfSize(true) };
}

/** Shifts by a count the instruction masks (gen/shifts.ts). */
export type ShiftOp = 'shl' | 'shr' | 'sar';

/**
 * A shift of x (xh its high half at 64 bits) by n, 1 <= n < size * 8:
 * statements declaring the result `${r}` (`${r}h` at 64 bits), its carry
 * `${r}c` and overflow `${r}o` flags (ops/shift.ts shift(): OF as the
 * 1-bit shift defines it, for every count). n is a number (a constant
 * count: the code is folded for it) or an int32 expression; at 32 bits
 * the code is also exact for n = 0 (r = x; CF and OF meaningless).
 */
export function lowerShift(op: ShiftOp, size: 4 | 8, x: string, xh: string, n: number | string, r: string): string[] {
  const k = typeof n === 'number';
  /** a - n, folded for a constant count. */
  const less = (a: number, by: number | string = n): string => (typeof by === 'number' ? String(a - by) : `(${a} - ${by})`);
  const minus = (by: number): string => (k ? String((n as number) - by) : `(${n} - ${by})`);
  if (size === 4) {
    if (op === 'shl') return [`const ${r} = ${x} << ${n};`, `const ${r}c = (${x} >>> ${less(32)}) & 1;`, `const ${r}o = (${r} >>> 31) ^ ${r}c;`];
    if (op === 'shr') return [`const ${r} = (${x} >>> ${n}) | 0;`, `const ${r}c = (${x} >>> ${minus(1)}) & 1;`, `const ${r}o = ${x} >>> 31;`];
    return [`const ${r} = ${x} >> ${n};`, `const ${r}c = (${x} >> ${minus(1)}) & 1;`, `const ${r}o = 0;`];
  }
  // 64 bits, as halves: counts from 32 on move whole words (at 32 exactly,
  // the other half as it is: a JavaScript shift takes its count mod 32).
  const wide = (sameWord: [string, string], acrossWords: [string, string]): string[] => {
    if (k) {
      const [lo, hi] = (n as number) >= 32 ? acrossWords : sameWord;
      return [`const ${r} = ${lo};`, `const ${r}h = ${hi};`];
    }
    return [
      `let ${r}: number;`,
      `let ${r}h: number;`,
      `if (${n} >= 32) {`,
      `  ${r} = ${acrossWords[0]};`,
      `  ${r}h = ${acrossWords[1]};`,
      `} else {`,
      `  ${r} = ${sameWord[0]};`,
      `  ${r}h = ${sameWord[1]};`,
      `}`,
    ];
  };
  /** x >>> (n - 32) (>> for sar), x itself at n = 32. */
  const high = (shift: string): string => (k ? ((n as number) === 32 ? xh : `${xh} ${shift} ${minus(32)}`) : `${n} === 32 ? ${xh} : ${xh} ${shift} ${minus(32)}`);
  /** Bit m of the 64-bit value, m = 63 - (n - 1) for shl, n - 1 otherwise. */
  const bit = (m: (v: number) => number, mExpr: string): string => {
    if (k) {
      const at = m(n as number);
      return at >= 32 ? `(${xh} >>> ${at - 32}) & 1` : `(${x} >>> ${at}) & 1`;
    }
    return `(${mExpr} >= 32 ? ${xh} >>> (${mExpr} - 32) : ${x} >>> ${mExpr}) & 1`;
  };
  if (op === 'shl') {
    const lo = k && (n as number) === 32 ? x : k ? `${x} << ${minus(32)}` : `${n} === 32 ? ${x} : ${x} << ${minus(32)}`;
    return [
      ...wide([`${x} << ${n}`, `(${xh} << ${n}) | (${x} >>> ${less(32)})`], ['0', lo]),
      `const ${r}c = ${bit((v) => 64 - v, less(64))};`,
      `const ${r}o = (${r}h >>> 31) ^ ${r}c;`,
    ];
  }
  const sar = op === 'sar';
  return [
    ...wide([`(${x} >>> ${n}) | (${xh} << ${less(32)})`, sar ? `${xh} >> ${n}` : `${xh} >>> ${n}`], [high(sar ? '>>' : '>>>'), sar ? `${xh} >> 31` : '0']),
    `const ${r}c = ${bit((v) => v - 1, minus(1))};`,
    `const ${r}o = ${sar ? '0' : `${xh} >>> 31`};`,
  ];
}

/** The lazy-flag stores of an EXPLICIT record (flags.ts: the result, CF,
 * OF, and AF 0), on core `c`; fop named (for source a const enum
 * inlines) or as its number. */
export function explicitStores(size: number, r: string, rh: string, cf: string, of: string, named: boolean): string[] {
  return [
    `c.fop = ${named ? 'LazyOp.EXPLICIT' : String(LazyOp.EXPLICIT)};`,
    `c.fsz = ${size};`,
    `c.fres = ${r};`,
    `c.fresH = ${rh};`,
    `c.fcf = ${cf};`,
    `c.fof = ${of};`,
    'c.faf = 0;',
  ];
}

/** Lowered statements whose `const` results are declared already: the
 * declarations of `names` become assignments (and `let` lines go). */
export function asAssignments(lines: string[], names: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const m = /^(const|let) ([A-Za-z_$][\w$]*)(: number)?( = .*)?;$/.exec(l);
    if (m === null || !names.includes(m[2])) out.push(l);
    else if (m[4] !== undefined) out.push(`${m[2]}${m[4]};`);
  }
  return out;
}

/** The comparisons a subtraction x - y decides (gen/conditions.ts). */
export type Cmp = 'below' | 'equal' | 'less';

/**
 * Whether any of `any` holds between x (xh) and y (yh), int32 halves
 * (xh, yh unused at 32 bits), negated when `negated`: the condition of a
 * jcc after a sub/cmp of that size. Below-or-equal and less-or-equal are
 * one comparison.
 */
export function lowerCompare(any: readonly Cmp[], negated: boolean, size: number, x: string, xh: string, y: string, yh: string): string {
  const orEqual = any.length === 2 && any.includes('equal');
  const kind = any.find((c) => c !== 'equal');
  if (kind === undefined) {
    // Equality alone.
    if (size !== 8) return `${x} ${negated ? '!==' : '==='} ${y}`;
    return negated ? `!(${x} === ${y} && ${xh} === ${yh})` : `${x} === ${y} && ${xh} === ${yh}`;
  }
  const u = (v: string): string => (kind === 'below' ? `${v} >>> 0` : v);
  if (size !== 8) {
    const op = negated ? (orEqual ? '>' : '>=') : orEqual ? '<=' : '<';
    return `${u(x)} ${op} ${u(y)}`;
  }
  // The high halves decide unless equal; then the low halves, unsigned.
  const expr = `${xh} !== ${yh} ? ${u(xh)} < ${u(yh)} : ${x} >>> 0 ${orEqual ? '<=' : '<'} ${y} >>> 0`;
  return negated ? `!(${expr})` : expr;
}

/** lea at 32 bits (gen/lea.ts): the address's low 32 bits as an int32
 * sum wrapped at each step (V8 compiles it without overflow checks),
 * base (int32 expressions) plus the displacement, then the index scaled
 * when there is one (leaIndex adds it to a partial sum). */
export function lowerLea32(disp: string, base: string, index: string | null, scale: number | string): string {
  const sum = `(${disp} + ${base}) | 0`;
  return index === null ? sum : leaIndex(`(${sum})`, index, scale);
}

/** A partial 32-bit lea sum plus index << scale, wrapped. */
export function leaIndex(sum: string, index: string, scale: number | string): string {
  return `(${sum} + (${index} << ${scale})) | 0`;
}

/** lea at 64 bits as a double sum (exact while its magnitude is below
 * 2^53: leaInexact): the displacement, the base's halves, and the
 * index's times its scale factor (2^scale) when there is one; `two32`
 * the literal or constant 2^32. */
export function lowerLea64(disp: string, base: [string, string], index: [string, string] | null, factor: number | string, two32: string): string {
  const sum = `${disp} + ${base[1]} * ${two32} + (${base[0]} >>> 0)`;
  return index === null ? sum : `${sum} + ${leaIndex64(index, factor, two32)}`;
}

/** The index term of a 64-bit lea's double sum. */
export function leaIndex64(index: [string, string], factor: number | string, two32: string): string {
  return `(${index[1]} * ${two32} + (${index[0]} >>> 0)) * ${factor}`;
}

/** Whether a 64-bit lea's double sum `v` may be inexact (the handler
 * then wraps it exactly): 2^53 or more in magnitude, or a term beyond
 * 2^52, given the terms' high halves (exact-sum.ts). */
export function leaInexact(v: string, highs: string[]): string {
  return `${v} >= 9007199254740992 || ${v} <= -9007199254740992 || ${termsWideCode(highs)}`;
}

/**
 * An accumulator row (gen/lea.ts) at an operand size: the new low and
 * high halves of its destination, as expressions of rAX's halves (`lo`,
 * `hi`) and the destination's low half (`dstLo`, for a 16-bit merge), or
 * null where the half keeps its value. At 8 bytes a fill gives both
 * halves the same expression.
 */
export function lowerAccumulator(op: 'widen' | 'fill', size: 2 | 4 | 8, lo: string, hi: string, dstLo: string): { lo: string | null; hi: string | null } {
  if (op === 'widen') {
    if (size === 8) return { lo: null, hi: `${lo} >> 31` };
    if (size === 4) return { lo: `(${lo} << 16) >> 16`, hi: '0' };
    return { lo: `(${lo} & ~0xffff) | (((${lo} << 24) >> 24) & 0xffff)`, hi: null };
  }
  if (size === 8) return { lo: `${hi} >> 31`, hi: `${hi} >> 31` };
  if (size === 4) return { lo: `${lo} >> 31`, hi: '0' };
  return { lo: `(${dstLo} & ~0xffff) | (((${lo} << 16) >> 31) & 0xffff)`, hi: null };
}

/**
 * imul's truncated product at 4 bytes (gen/muldiv.ts) of int32 x and y:
 * the result r and CF = OF (`of`), whether the product lost bits. The
 * double product is exact below 2^53 and beyond it cannot equal the
 * 32-bit result, so comparing the two finds the overflow.
 */
export function lowerImul32(x: string, y: string, r: string, of: string): string[] {
  return [`const ${r} = Math.imul(${x}, ${y});`, `const ${of} = ${x} * ${y} !== ${r} ? 1 : 0;`];
}

/**
 * imul's truncated product at 8 bytes (gen/muldiv.ts) of x:xh and y:yh
 * (int32 halves), in three parts:
 * - `magnitude`: statements setting local `${r}p` to |x * y| in doubles,
 *   within 2^-51 of the exact product (two rounded factors, one rounded
 *   product);
 * - `decided`: whether that settles the overflow: the magnitude is not
 *   within 2^-50 of 2^63 (else the caller's exact path, the handler);
 * - `product`: statements setting r, rh (the low 64 bits: the low halves'
 *   64-bit product in 16-bit pieces, exact in doubles, plus the cross
 *   terms' low halves) and `of`, whether the product left 64 bits.
 */
export function lowerImul64(x: string, xh: string, y: string, yh: string, r: string, of: string): { magnitude: string[]; decided: string; product: string[] } {
  const p = `${r}p`;
  const u = `${r}u`;
  const q = `${r}q`;
  return {
    magnitude: [`const ${p} = Math.abs((${xh} * 4294967296 + (${x} >>> 0)) * (${yh} * 4294967296 + (${y} >>> 0)));`],
    // 2^63 - 2^13 and 2^63 + 2^14.
    decided: `${p} < 9223372036854767616 || ${p} >= 9223372036854792192`,
    product: [
      `const ${u} = (${x} >>> 16) * (${y} >>> 0), ${q} = Math.floor(${u} / 65536);`,
      `const ${r} = Math.imul(${x}, ${y});`,
      `const ${r}h = (${q} + Math.floor(((${u} - ${q} * 65536) * 65536 + (${x} & 0xffff) * (${y} >>> 0)) / 4294967296) + Math.imul(${xh}, ${y}) + Math.imul(${x}, ${yh})) | 0;`,
      `const ${of} = ${p} >= 9223372036854792192 ? 1 : 0;`,
    ],
  };
}

/**
 * div/idiv of edx:eax by int32 `dv` (gen/muldiv.ts) on its exact double
 * path, a dividend that fits 32 bits (eax `n`, edx `edx`): `defined`, the
 * condition under which the quotient `q` and remainder `m` (expressions;
 * m uses q's local) are the instruction's, else the handler decides (a
 * zero divisor, a wide dividend, INT_MIN / -1: #DE or BigInt).
 */
export function lowerDivide32(signed: boolean, n: string, dv: string, edx: string, q: string): { defined: string; q: string; m: string } {
  if (signed) {
    return { defined: `${dv} !== 0 && ${edx} === ${n} >> 31 && !(${n} === -2147483648 && ${dv} === -1)`, q: `(${n} / ${dv}) | 0`, m: `${n} - ${q} * ${dv}` };
  }
  return { defined: `${dv} !== 0 && ${edx} === 0`, q: `Math.floor((${n} >>> 0) / (${dv} >>> 0))`, m: `(${n} >>> 0) - ${q} * (${dv} >>> 0)` };
}
