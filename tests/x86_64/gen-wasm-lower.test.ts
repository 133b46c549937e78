/**
 * The wasm lowerings of gen/wasm-lower.ts, each run in a WebAssembly
 * module of its own against the same BigInt references as
 * gen-lower.test.ts's JavaScript lowerings: the rows' micro-ops (ALU and
 * single-operand; adc/sbb with the carry), the move widenings, shifts by a constant and by a
 * count in a local (CL) with their CF and OF, imul's truncated product
 * and overflow, div/idiv's quotient, remainder and when they are defined,
 * the accumulator rows, and every condition after each kind of flag
 * record at every size.
 */
import { Code, encodeModule, I32, I64, ValType } from '../../arch/wasm/encoder';
import { ALU_ROWS, UNARY_ROWS } from '../../arch/x86_64/gen/forms';
import { CONDITIONS_BY_CC } from '../../arch/x86_64/gen/conditions';
import { ACCUMULATOR_ROWS } from '../../arch/x86_64/gen/lea';
import { MOVE_ROWS } from '../../arch/x86_64/gen/moves';
import { SHIFT_ROWS } from '../../arch/x86_64/gen/shifts';
import { DIV_ROWS } from '../../arch/x86_64/gen/muldiv';
import { wasmAccumulator, wasmCarry, wasmCondition, wasmDivide, wasmImul, wasmShift, wasmUop, wasmWiden, WasmFlags, WasmSize } from '../../arch/x86_64/gen/wasm-lower';

/** A function of i64 parameters built by `body`, instantiated. */
function build(params: number, results: ValType[], body: (c: Code) => void): (...args: bigint[]) => unknown {
  const code = new Code(params);
  body(code);
  const bytes = encodeModule({
    types: [{ params: Array(params).fill(I64), results }],
    imports: [],
    functions: [{ type: 0, code }],
    exports: [{ name: 'f', func: 0 }],
  });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const f = instance.exports.f as (...args: bigint[]) => unknown;
  // (i64 results come back signed: as unsigned values.)
  const norm = (v: unknown): unknown => (typeof v === 'bigint' ? BigInt.asUintN(64, v) : v);
  return (...args) => {
    const r = f(...args);
    return Array.isArray(r) ? r.map(norm) : norm(r);
  };
}

/** Deterministic 64-bit values with the edge cases first. */
function values(n: number): bigint[] {
  const out = [0n, 1n, 2n ** 64n - 1n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 2n ** 63n, 2n ** 63n - 1n];
  let s = 0x123456789abcdefn;
  while (out.length < n) {
    s = BigInt.asUintN(64, s * 6364136223846793005n + 1442695040888963407n);
    out.push(s);
  }
  return out;
}

const SIZES: WasmSize[] = [1, 2, 4, 8];
const u = (v: bigint, size: number): bigint => BigInt.asUintN(size * 8, v);
const s = (v: bigint, size: number): bigint => BigInt.asIntN(size * 8, v);

describe('gen/wasm-lower lowerings', () => {
  it('wasmUop gives each ALU and single-operand row at every size, zero-extended', () => {
    const ref: Record<string, (x: bigint, y: bigint) => bigint> = { add: (x, y) => x + y, sub: (x, y) => x - y, and: (x, y) => x & y, or: (x, y) => x | y, xor: (x, y) => x ^ y, not: (x) => ~x };
    const vs = values(20);
    for (const size of SIZES) {
      for (const row of ALU_ROWS) {
        const f = build(2, [I64], (c) => wasmUop(c, row.uop, size, () => c.get(0), () => c.get(1)));
        for (const x of vs) for (const y of vs) expect({ row: row.name, size, x, y, r: f(u(x, size), u(y, size)) }).toEqual({ row: row.name, size, x, y, r: u(ref[row.uop](x, y), size) });
      }
      for (const row of UNARY_ROWS) {
        const f = build(1, [I64], (c) => {
          // x and y: the operand (parameter 0) or a constant.
          const operand = (which: string) => (): void => void (which === 'dst' ? c.get(0) : c.i64(Number(which)));
          wasmUop(c, row.uop, size, operand(row.x), operand(row.y));
        });
        const pick = (which: string, x: bigint): bigint => (which === 'dst' ? x : BigInt(which));
        for (const x of vs) expect({ row: row.name, size, x, r: f(u(x, size)) }).toEqual({ row: row.name, size, x, r: u(ref[row.uop](pick(row.x, x), pick(row.y, x)), size) });
      }
    }
  });

  it('wasmCarry adds (subtracts) both operands and the carry at every size', () => {
    const vs = values(16);
    for (const uop of ['add', 'sub'] as const) {
      for (const size of SIZES) {
        const f = build(3, [I64], (c) => {
          const cin = c.local(I32);
          c.get(2).op(0xa7).set(cin); // i32.wrap_i64
          wasmCarry(c, uop, size, 0, 1, cin);
        });
        for (const x of vs) {
          for (const y of vs) {
            for (const cin of [0n, 1n]) {
              const want = u(uop === 'add' ? x + y + cin : x - y - cin, size);
              expect({ uop, size, x, y, cin, r: f(u(x, size), u(y, size), cin) }).toEqual({ uop, size, x, y, cin, r: want });
            }
          }
        }
      }
    }
  });

  it('wasmWiden extends each move row source to its destination sizes', () => {
    const vs = values(24);
    for (const row of MOVE_ROWS) {
      for (const size of [1, 2, 4, 8]) {
        const from = row.from === 'v' ? size : row.from;
        if (from > size) continue;
        const f = build(1, [I64], (c) => {
          c.get(0);
          wasmWiden(c, from, row.ext, size);
        });
        for (const v of vs) {
          const src = u(v, from);
          const want = u(row.ext === 'sign' ? s(src, from) : src, size);
          expect({ row: row.tag, size, v, r: f(src) }).toEqual({ row: row.tag, size, v, r: want });
        }
      }
    }
  });

  it('wasmShift gives the result, CF and OF of each shift row for every count, constant or in a local', () => {
    const vs = values(12);
    for (const row of SHIFT_ROWS) {
      for (const size of SIZES) {
        const bits = size * 8;
        // The count in a local (parameter 1), as a shift by CL passes it.
        const byLocal = build(2, [I64, I32, I32], (c) => {
          const r = c.local(I64);
          const cf = c.local(I32);
          const of = c.local(I32);
          const sx = c.local(I64);
          wasmShift(c, row.op, size, 0, { local: 1 }, r, cf, of, sx);
          c.get(r).get(cf).get(of);
        });
        for (let n = 1; n < bits; n++) {
          const byConstant = build(1, [I64, I32, I32], (c) => {
            const r = c.local(I64);
            const cf = c.local(I32);
            const of = c.local(I32);
            const sx = c.local(I64);
            wasmShift(c, row.op, size, 0, n, r, cf, of, sx);
            c.get(r).get(cf).get(of);
          });
          const f = (v: bigint): unknown => {
            const a = byConstant(v);
            expect({ op: row.op, size, n, v, local: byLocal(v, BigInt(n)) }).toEqual({ op: row.op, size, n, v, local: a });
            return a;
          };
          for (const x0 of vs) {
            const v = u(x0, size);
            const big = BigInt(n);
            const r = row.op === 'shl' ? u(v << big, size) : row.op === 'shr' ? v >> big : u(s(v, size) >> big, size);
            const cf = Number((row.op === 'shl' ? v >> BigInt(bits - n) : (row.op === 'sar' ? s(v, size) : v) >> (big - 1n)) & 1n);
            const top = (w: bigint): number => Number((w >> BigInt(bits - 1)) & 1n);
            const of = row.op === 'shl' ? top(r) ^ cf : row.op === 'shr' ? top(v) : 0;
            expect({ op: row.op, size, n, v, got: f(v) }).toEqual({ op: row.op, size, n, v, got: [r, cf, of] });
          }
        }
      }
    }
  });

  it('wasmImul gives the truncated product and whether it lost bits, at every size', () => {
    const vs = values(24);
    for (const size of SIZES) {
      const f = build(2, [I64, I32], (c) => {
        const r = c.local(I64);
        const of = c.local(I32);
        wasmImul(c, size, 0, 1, r, of, c.local(I64));
        c.get(r).get(of);
      });
      const edges = [0n, 1n, u(-1n, size), u(-(2n ** BigInt(size * 8 - 1)), size), 2n ** BigInt(size * 8 - 1) - 1n, 2n];
      for (const x0 of [...vs, ...edges]) {
        for (const y0 of [...vs, ...edges]) {
          const a = u(x0, size);
          const b = u(y0, size);
          const p = s(a, size) * s(b, size);
          const want = [u(p, size), s(p, size) !== p ? 1 : 0];
          expect({ size, a, b, got: f(a, b) }).toEqual({ size, a, b, got: want });
        }
      }
    }
  });

  it('wasmDivide divides rDX:rAX as div/idiv, and is not ok exactly for #DE and wide dividends', () => {
    const vs = values(14);
    for (const row of DIV_ROWS) {
      for (const size of [4, 8] as const) {
        const bits = BigInt(size * 8);
        const f = build(3, [I32, I64, I64], (c) => {
          const q = c.local(I64);
          const r = c.local(I64);
          const ok = c.local(I32);
          wasmDivide(c, size, row.signed, 0, 1, 2, q, r, ok, c.local(I64), c.local(I64));
          c.get(ok).get(q).get(r);
        });
        const min = 2n ** (bits - 1n);
        const dividends: Array<[bigint, bigint]> = [];
        for (const v of vs) {
          dividends.push([v, 0n], [v, 2n ** 64n - 1n], [v, v & 0xffn], [v, s(v, 8) < 0n ? 2n ** 64n - 1n : 0n]);
          // At 4 bytes, edx the sign extension of eax.
          dividends.push([v, u(s(v, 4) >> 32n, 8)]);
        }
        dividends.push([min, 0n], [size === 8 ? min : u(-min, 8), 2n ** 64n - 1n]);
        for (const [rax, rdx] of dividends) {
          for (const dv0 of [...vs, 1n, 2n ** 64n - 1n, 0n, 7n]) {
            const dv = u(dv0, size);
            const wide = (u(rdx, size) << bits) | u(rax, size);
            const n = row.signed ? BigInt.asIntN(Number(bits) * 2, wide) : wide;
            const d = row.signed ? s(dv, size) : dv;
            let want: unknown[];
            const q = d === 0n ? 0n : n / d;
            const fits = d !== 0n && (row.signed ? q >= -min && q < min : q < 2n ** bits);
            // Defined here: the reference's result; at 8 bytes only for a 64-bit dividend.
            const narrow = size === 4 || (row.signed ? u(rdx, 8) === u(s(rax, 8) >> 63n, 8) : rdx === 0n);
            if (fits && narrow) want = [1, u(q, size), u(n % d, size)];
            else want = [0];
            const got = f(rax, rdx, dv) as unknown[];
            expect({ div: row.name, size, rax, rdx, dv, got: got[0] === 1 ? got : [0] }).toEqual({ div: row.name, size, rax, rdx, dv, got: want });
          }
        }
      }
    }
  });

  it('wasmAccumulator sign-extends rAX (cbw/cwde/cdqe) and fills with its sign (cwd/cdq/cqo)', () => {
    for (const row of ACCUMULATOR_ROWS) {
      for (const size of [2, 4, 8] as const) {
        const f = build(1, [I64], (c) => wasmAccumulator(c, row.op, size, 0));
        for (const rax of values(24)) {
          const want = row.op === 'widen' ? u(s(rax, size / 2), size) : s(rax, size) < 0n ? u(-1n, size) : 0n;
          expect({ row: row.name, size, rax, r: f(rax) }).toEqual({ row: row.name, size, rax, r: want });
        }
      }
    }
  });

  it('wasmCondition decides each condition after a sub, a logic and an add record as the flags do', () => {
    const vs = values(14);
    let decided = 0;
    for (const kind of ['sub', 'logic', 'zs'] as const) {
      for (const size of SIZES) {
        for (const cond of CONDITIONS_BY_CC) {
          let emitted = true;
          const f = build(3, [I32], (c) => {
            const flags: WasmFlags = { kind, size, a: 0, b: 1, r: 2 };
            emitted = wasmCondition(c, flags, cond.row, cond.negated);
            if (!emitted) c.i32(-1);
          });
          if (!emitted) continue;
          decided++;
          for (const x of vs) {
            for (const y of vs) {
              const a = u(x, size);
              const b = u(y, size);
              const r = u(kind === 'sub' ? a - b : kind === 'logic' ? a & b : a + b, size);
              // The flags of the record (flags.ts): CF/OF of the sub, 0 after logic.
              const cf = kind === 'sub' ? a < b : false;
              const of = kind === 'sub' ? s(a, size) - s(b, size) !== s(r, size) : false;
              const zf = r === 0n;
              const sf = s(r, size) < 0n;
              const flag: Record<string, boolean> = { OF: of, CF: cf, ZF: zf, SF: sf, 'SF^OF': sf !== of };
              const want = cond.row.flags.some((fl) => flag[fl]) !== cond.negated;
              expect({ kind, size, cc: cond.cc, a, b, taken: f(a, b, r) }).toEqual({ kind, size, cc: cond.cc, a, b, taken: want ? 1 : 0 });
            }
          }
        }
      }
    }
    // e/ne/s/ns everywhere, the compares after sub, o/b/be/l/le after logic.
    expect(decided).toBe(4 * (12 + 14 + 4));
  });
});
