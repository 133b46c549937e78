/**
 * The micro-operations of the fast-form rows lowered to WebAssembly i64
 * code: the wasm backend's counterpart of gen/js-lower.ts (which lowers
 * the same rows to JavaScript on register halves). A guest value is an
 * i64 holding the operand at its size, zero-extended (what the wasm
 * emitter's getRegN, readE and load give); results are pushed the same
 * way. Operands are passed as pushers (functions that emit the code
 * pushing them) or i64 locals; the emitted code is plain wasm on an
 * encoder `Code`, so tests/x86_64/gen-wasm-lower.test.ts runs each
 * lowering in a module of its own against BigInt references.
 *
 * gen/wasm-families.ts builds the backend's lowerings of the row
 * families from these.
 */
import { Code, W } from '../../wasm/encoder';
import type { Cmp, ShiftOp, Uop } from './js-lower';
import type { ConditionRow, Flag } from './conditions';

/** Operand size in bytes. */
export type WasmSize = 1 | 2 | 4 | 8;

/** Pushes something (an operand) onto the stack. */
export type Push = () => void;

const UOP_OP: Record<Uop, W> = { add: W.I64_ADD, sub: W.I64_SUB, and: W.I64_AND, or: W.I64_OR, xor: W.I64_XOR };

/** The mask of a size's bits as an i64 constant, or null at 8 bytes. */
export function sizeMask(size: number): number | null {
  return size === 8 ? null : size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
}

/** Truncates the i64 on the stack to `size` bytes (zero-extended). */
export function maskTo(c: Code, size: number): void {
  const m = sizeMask(size);
  if (m !== null) c.i64(m).op(W.I64_AND);
}

/**
 * Pushes x uop y at `size` bytes, zero-extended ('not': ~x). and, or and
 * xor of zero-extended operands need no mask; add, sub and not do (the
 * carry or borrow out of the size, the inverted high bits).
 */
export function wasmUop(c: Code, uop: Uop | 'not', size: WasmSize, x: Push, y: Push): void {
  x();
  if (uop === 'not') c.i64(-1).op(W.I64_XOR);
  else {
    y();
    c.op(UOP_OP[uop]);
  }
  if (uop === 'add' || uop === 'sub' || uop === 'not') maskTo(c, size);
}

/**
 * adc/sbb: pushes x + y + cin (x - y - cin) at `size` bytes,
 * zero-extended, from i64 locals x and y (the operands at the size) and
 * i32 local cin (CF before the instruction, 0 or 1).
 */
export function wasmCarry(c: Code, uop: 'add' | 'sub', size: WasmSize, x: number, y: number, cin: number): void {
  const op = uop === 'add' ? W.I64_ADD : W.I64_SUB;
  c.get(x).get(y).op(op).get(cin).op(W.I64_EXTEND_I32_U).op(op);
  maskTo(c, size);
}

/**
 * A move row's widening (gen/moves.ts: dst = widen(src)) of the source
 * on the stack, read at `from` bytes and zero-extended, to a destination
 * of `size` bytes: a sign extension for 'sign' from a narrower source,
 * masked back to the size (a 4-byte destination), nothing otherwise.
 * A load does the same with its own sign extension (signedLoad).
 */
export function wasmWiden(c: Code, from: number, ext: 'zero' | 'sign', size: number): void {
  if (ext !== 'sign' || from >= size) return;
  c.op(from === 1 ? W.I64_EXTEND8_S : from === 2 ? W.I64_EXTEND16_S : W.I64_EXTEND32_S);
  maskTo(c, size);
}

/** Whether a load of a move row's source extends its sign (then, at a
 * 4-byte destination, the register write truncates it). */
export function signedLoad(from: number, ext: 'zero' | 'sign', size: number): boolean {
  return ext === 'sign' && from < size;
}

/** A shift count: a constant, or an i64 local holding it (already masked
 * and non-zero: the caller tests for 0, which changes no flags). */
export type ShiftCount = number | { local: number };

/**
 * A shift by a count n (1 <= n < size * 8: a constant, or an i64 local
 * for a shift by CL) of i64 local x (the operand at its size,
 * zero-extended; 1, 2, 4 or 8 bytes): sets i64 local r to the result at
 * the size and i32 locals cf and of to CF and OF as gen/js-lower.ts
 * lowerShift defines them (OF as the 1-bit shift's, for every count).
 * `sx`: an i64 local the arithmetic shift may use for x sign-extended.
 */
export function wasmShift(c: Code, op: ShiftOp, size: WasmSize, x: number, n: ShiftCount, r: number, cf: number, of: number, sx: number): void {
  const bits = size * 8;
  /** Pushes k + n (sign +1) or k - n (sign -1) as an i64, folded for a constant. */
  const count = (k: number, sign: 1 | -1): void => {
    if (typeof n === 'number') c.i64(k + sign * n);
    else if (sign === 1) {
      c.get(n.local);
      if (k !== 0) c.i64(k).op(W.I64_ADD);
    } else c.i64(k).get(n.local).op(W.I64_SUB);
  };
  /** Pushes bit `at` of local v as an i32 (`at` pushes the bit's index). */
  const bit = (v: number, at: () => void): void => {
    c.get(v);
    at();
    c.op(W.I64_SHR_U).i64(1).op(W.I64_AND).op(W.I32_WRAP_I64);
  };
  if (op === 'shl') {
    c.get(x);
    count(0, 1);
    c.op(W.I64_SHL);
    maskTo(c, size);
    c.set(r);
    bit(x, () => count(bits, -1));
    c.set(cf);
    bit(r, () => c.i64(bits - 1));
    c.get(cf).op(W.I32_XOR).set(of);
    return;
  }
  if (op === 'shr') {
    c.get(x);
    count(0, 1);
    c.op(W.I64_SHR_U).set(r);
    bit(x, () => count(-1, 1));
    c.set(cf);
    bit(x, () => c.i64(bits - 1));
    c.set(of);
    return;
  }
  // sar: on x sign-extended from its size.
  c.get(x);
  if (size !== 8) c.op(size === 4 ? W.I64_EXTEND32_S : size === 2 ? W.I64_EXTEND16_S : W.I64_EXTEND8_S);
  c.set(sx);
  c.get(sx);
  count(0, 1);
  c.op(W.I64_SHR_S);
  maskTo(c, size);
  c.set(r);
  bit(sx, () => count(-1, 1));
  c.set(cf);
  c.i32(0).set(of);
}

/** Pushes i64 local v (a value at `size` bytes, zero-extended) sign-extended to 64 bits. */
function signExtended(c: Code, v: number, size: WasmSize): void {
  c.get(v);
  if (size !== 8) c.op(size === 4 ? W.I64_EXTEND32_S : size === 2 ? W.I64_EXTEND16_S : W.I64_EXTEND8_S);
}

/**
 * imul's truncated product (gen/muldiv.ts) of i64 locals a and b (the
 * factors at `size`, zero-extended): sets i64 local r to the product at
 * the size (zero-extended) and i32 local `of` to CF = OF, whether the
 * truncation lost bits. Below 8 bytes the product of the sign-extended
 * factors is exact in an i64; at 8 the wrapped product p lost bits
 * unless p / a = b (a = 0: never; a = -1: only b = -2^63, whose division
 * would trap). `t`: an i64 scratch local.
 */
export function wasmImul(c: Code, size: WasmSize, a: number, b: number, r: number, of: number, t: number): void {
  signExtended(c, a, size);
  signExtended(c, b, size);
  c.op(W.I64_MUL).set(t);
  if (size !== 8) {
    c.get(t);
    maskTo(c, size);
    c.set(r);
    signExtended(c, r, size);
    c.get(t).op(W.I64_NE).set(of);
    return;
  }
  c.get(t).set(r);
  // a = -1: b = -2^63; other a: p / a (a 0 divides by 1) differs from b.
  c.get(b).i64Halves(0, -0x80000000).op(W.I64_EQ);
  c.get(r);
  c.i64(1).get(a).get(a).i64(1).op(W.I64_ADD).i64(1).op(W.I64_LE_U).op(W.SELECT);
  c.op(W.I64_DIV_S).get(b).op(W.I64_NE);
  c.get(a).i64(-1).op(W.I64_EQ).op(W.SELECT);
  c.get(a).i64(0).op(W.I64_NE).op(W.I32_AND).set(of);
}

/**
 * div/idiv (gen/muldiv.ts) of rDX:rAX by i64 local dv (the divisor at
 * `size`, zero-extended), at 4 and 8 bytes, from i64 locals rax and rdx
 * (the whole registers): sets i32 local `ok` to whether the quotient is
 * defined here, and then i64 locals q and r to the quotient and the
 * remainder at the size (zero-extended). Not ok: a zero divisor, a
 * quotient that does not fit (#DE), or at 8 bytes a dividend wider than
 * 64 bits (rDX not the extension of rAX), which the caller leaves to the
 * handler. Nothing here traps: the division is by 1 when not ok.
 */
export function wasmDivide(c: Code, size: 4 | 8, signed: boolean, rax: number, rdx: number, dv: number, q: number, r: number, ok: number, n: number, d: number): void {
  // n: the dividend (64 bits); d: the divisor, sign-extended for idiv.
  if (size === 4) {
    c.get(rdx).i64(32).op(W.I64_SHL).get(rax).i64(0xffffffff).op(W.I64_AND).op(W.I64_OR).set(n);
    signExtended(c, dv, signed ? 4 : 8);
  } else c.get(rax).set(n).get(dv);
  c.set(d);
  // ok so far: a non-zero divisor, a 64-bit dividend, and not -2^63 / -1.
  c.get(d).i64(0).op(W.I64_NE);
  if (size === 8) {
    c.get(rdx);
    if (signed) c.get(rax).i64(63).op(W.I64_SHR_S);
    else c.i64(0);
    c.op(W.I64_EQ).op(W.I32_AND);
  }
  if (signed) c.get(n).i64Halves(0, -0x80000000).op(W.I64_NE).get(d).i64(-1).op(W.I64_NE).op(W.I32_OR).op(W.I32_AND);
  c.set(ok);
  c.get(d).i64(1).get(ok).op(W.SELECT).set(d);
  c.get(n).get(d).op(signed ? W.I64_DIV_S : W.I64_DIV_U).set(q);
  c.get(n).get(d).op(signed ? W.I64_REM_S : W.I64_REM_U);
  maskTo(c, size);
  c.set(r);
  if (size === 4) {
    // The quotient fits 32 bits (signed: its sign extension is itself).
    c.get(ok);
    if (signed) c.get(q).op(W.I64_EXTEND32_S).get(q).op(W.I64_EQ);
    else c.get(q).i64(0xffffffff).op(W.I64_LE_U);
    c.op(W.I32_AND).set(ok);
    c.get(q);
    maskTo(c, 4);
    c.set(q);
  }
}

/**
 * An accumulator row (gen/lea.ts) at an operand size: pushes the new
 * value of its destination at that size, zero-extended, from i64 local
 * `rax` (the whole register): widen, rAX's lower half sign-extended;
 * fill, every bit rAX's sign bit at the size.
 */
export function wasmAccumulator(c: Code, op: 'widen' | 'fill', size: 2 | 4 | 8, rax: number): void {
  const half = size / 2;
  if (op === 'widen') {
    c.get(rax).op(half === 1 ? W.I64_EXTEND8_S : half === 2 ? W.I64_EXTEND16_S : W.I64_EXTEND32_S);
  } else {
    // The sign at the size, shifted across every bit.
    c.get(rax).i64(64 - size * 8).op(W.I64_SHL).i64(63).op(W.I64_SHR_S);
  }
  maskTo(c, size);
}

/** What the last flag-setting instruction left (the wasm emitter's
 * FlagLocals): its kind of lazy record, size, and i64 locals with its
 * operands a, b and result r at the size, zero-extended. */
export interface WasmFlags {
  kind: 'sub' | 'logic' | 'zs';
  size: WasmSize;
  a: number;
  b: number;
  r: number;
}

/** The comparison opcodes of a subtraction's outcome (i64, or i32 for
 * the narrower sizes sign-extended), and of or-equal forms. */
const CMP_OP: Record<Cmp | 'belowEq' | 'lessEq', [W, W]> = {
  below: [W.I32_LT_U, W.I64_LT_U],
  equal: [W.I32_EQ, W.I64_EQ],
  less: [W.I32_LT_S, W.I64_LT_S],
  belowEq: [W.I32_LE_U, W.I64_LE_U],
  lessEq: [W.I32_LE_S, W.I64_LE_S],
};

/**
 * Pushes a condition (a row of gen/conditions.ts, `negated` for cc + 1)
 * as an i32 0/1 from the locals of the block's last flag-setting
 * instruction, or returns false having emitted nothing (the flags'
 * general path must decide). The same decisions as the JavaScript tier's
 * fusedCondition: after a subtraction the row's comparison of a and b;
 * else the flags the record gives (ZF from r, SF from its sign, CF = OF
 * = 0 after a logic operation).
 */
export function wasmCondition(c: Code, f: WasmFlags, row: ConditionRow, negated: boolean): boolean {
  const w = f.size === 8;
  const zeroOnly = row.flags.length === 1 && row.flags[0] === 'ZF';
  /** Pushes local v as a value of the comparison: i64 at 8 bytes, else
   * i32 (sign-extended from the size when `signed`). */
  const get = (v: number, signed: boolean): void => {
    c.get(v);
    if (w) return;
    c.op(W.I32_WRAP_I64);
    if (signed && f.size === 1) c.op(W.I32_EXTEND8_S);
    if (signed && f.size === 2) c.op(W.I32_EXTEND16_S);
  };
  if (f.kind === 'sub' && row.sub !== null && !zeroOnly) {
    const orEqual = row.sub.length === 2 && row.sub.includes('equal');
    const kind = row.sub.find((s) => s !== 'equal')!;
    const signed = kind === 'less';
    get(f.a, signed);
    get(f.b, signed);
    const ops = CMP_OP[orEqual ? (signed ? 'lessEq' : 'belowEq') : kind];
    c.op(ops[w ? 1 : 0]);
    if (negated) c.op(W.I32_EQZ);
    return true;
  }
  const known: Partial<Record<Flag, (() => void) | 'false'>> = {
    ZF: () => {
      get(f.r, false);
      c.op(w ? W.I64_EQZ : W.I32_EQZ);
    },
  };
  const sign = (): void => {
    get(f.r, true);
    if (w) c.i64(0).op(W.I64_LT_S);
    else c.i32(0).op(W.I32_LT_S);
  };
  known.SF = sign;
  if (f.kind === 'logic') Object.assign(known, { CF: 'false', OF: 'false', 'SF^OF': sign });
  if (!row.flags.every((flag) => known[flag] !== undefined)) return false;
  const terms = row.flags.map((flag) => known[flag]!).filter((t): t is () => void => t !== 'false');
  if (terms.length === 0) {
    c.i32(negated ? 1 : 0);
    return true;
  }
  terms.forEach((t, n) => {
    t();
    if (n > 0) c.op(W.I32_OR);
  });
  if (negated) c.op(W.I32_EQZ);
  return true;
}
