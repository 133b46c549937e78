/**
 * The lowerings of gen/js-lower.ts that the interpreter's generated cases
 * and the JIT's templates share, run as JavaScript against a BigInt
 * reference: the comparisons of the condition rows (gen/conditions.ts),
 * the shifts (both the folded constant-count form and the runtime one),
 * the move widenings, lea, the accumulator's sign extensions, imul's
 * 32-bit product and div/idiv's 32-bit path.
 */
import { CONDITIONS_BY_CC, SUB_CONDITIONS } from '../../arch/x86_64/gen/conditions';
import { leaInexact, lowerAccumulator, lowerCompare, lowerDivide32, lowerImul32, lowerImul64, lowerLea32, lowerLea64, lowerShift, lowerWiden, ShiftOp } from '../../arch/x86_64/gen/js-lower';
import { DIV_ROWS } from '../../arch/x86_64/gen/muldiv';
import { ACCUMULATOR_ROWS } from '../../arch/x86_64/gen/lea';

/** Deterministic values with the edge cases first. */
function values(n: number): number[] {
  const out = [0, 1, -1, 0x7fffffff, -0x80000000, 0x80, 0xff, 0x8000, 0xffff];
  let s = 0x12345678;
  while (out.length < n) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    out.push(s);
  }
  return out;
}

const u64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const s64 = (lo: number, hi: number): bigint => BigInt.asIntN(64, u64(lo, hi));

describe('gen/js-lower lowerings', () => {
  it('lowerCompare decides every condition with a comparison as the flags of x - y do', () => {
    const vs = values(24);
    for (const cond of SUB_CONDITIONS) {
      for (const size of [4, 8]) {
        const test = new Function('x', 'xh', 'y', 'yh', `return ${lowerCompare(cond.row.sub!, cond.negated, size, 'x', 'xh', 'y', 'yh')};`);
        for (const x of vs) {
          for (const y of vs) {
            // High halves from the same pool, equal ones included.
            const xh = size === 8 ? vs[(x >>> 3) % vs.length] : 0;
            const yh = size === 8 ? (y & 1 ? xh : vs[(y >>> 5) % vs.length]) : 0;
            const [ux, uy, sx, sy] = size === 8 ? [u64(x, xh), u64(y, yh), s64(x, xh), s64(y, yh)] : [BigInt(x >>> 0), BigInt(y >>> 0), BigInt(x), BigInt(y)];
            const outcome = { below: ux < uy, equal: ux === uy, less: sx < sy };
            const want = cond.row.sub!.some((c) => outcome[c]) !== cond.negated;
            expect({ cc: cond.cc, size, x, xh, y, yh, taken: Boolean(test(x, xh, y, yh)) }).toEqual({ cc: cond.cc, size, x, xh, y, yh, taken: want });
          }
        }
      }
    }
    expect(CONDITIONS_BY_CC.map((c) => c.cc)).toEqual([...Array(16).keys()]);
  });

  it('lowerShift gives the result, CF and OF of shl/shr/sar for every count, folded or not', () => {
    const vs = values(12);
    for (const op of ['shl', 'shr', 'sar'] as ShiftOp[]) {
      for (const size of [4, 8] as const) {
        const bits = size * 8;
        const run = (n: number | string, count: number, x: number, xh: number): number[] => {
          // (The runtime 64-bit form declares TypeScript locals: the interpreter's source.)
          const lines = lowerShift(op, size, 'x', 'xh', n, 'r').map((l) => l.replace(': number', ''));
          const body = [...lines, `return [r | 0, ${size === 8 ? 'rh | 0' : '0'}, rc, ro];`];
          return new Function('x', 'xh', 'n', body.join('\n'))(x, xh, count);
        };
        for (let count = 1; count < bits; count++) {
          for (const x of vs) {
            const xh = size === 8 ? vs[(x >>> 7) % vs.length] : 0;
            const v = size === 8 ? u64(x, xh) : BigInt(x >>> 0);
            const mask = (1n << BigInt(bits)) - 1n;
            const signed = BigInt.asIntN(bits, v);
            const n = BigInt(count);
            const r = op === 'shl' ? (v << n) & mask : op === 'shr' ? v >> n : BigInt.asUintN(bits, signed >> n);
            const cf = Number((op === 'shl' ? v >> BigInt(bits - count) : (op === 'sar' ? signed : v) >> (n - 1n)) & 1n);
            const top = (w: bigint): number => Number((w >> BigInt(bits - 1)) & 1n);
            const of = op === 'shl' ? top(r) ^ cf : op === 'shr' ? top(v) : 0;
            const want = [Number(BigInt.asIntN(32, r)), size === 8 ? Number(BigInt.asIntN(32, r >> 32n)) : 0, cf, of];
            expect({ op, size, count, x, xh, got: run(count, count, x, xh) }).toEqual({ op, size, count, x, xh, got: want });
            expect({ op, size, count, x, xh, got: run('n', count, x, xh) }).toEqual({ op, size, count, x, xh, got: want });
          }
        }
      }
    }
  });

  it('lowerWiden extends a byte, a word and a dword by zero or sign', () => {
    for (const from of [1, 2, 4]) {
      for (const ext of ['zero', 'sign'] as const) {
        for (const size of [4, 8]) {
          if (from >= size) continue;
          for (const raw of values(16)) {
            // A register's whole low half (not clean) and the value alone (clean).
            for (const clean of [false, true]) {
              const input = clean && from < 4 ? raw & ((1 << (from * 8)) - 1) : raw;
              const w = lowerWiden(from, ext, size, 'v', 'vh', clean);
              const got = new Function('v', `${w.fix ?? ''} return [v | 0, ${w.hi}];`)(input) as number[];
              const part = BigInt.asUintN(from * 8, BigInt(raw));
              const value = ext === 'sign' ? BigInt.asIntN(from * 8, part) : part;
              const full = BigInt.asUintN(size * 8, value);
              const want = [Number(BigInt.asIntN(32, full)), size === 8 ? Number(BigInt.asIntN(32, full >> 32n)) : 0];
              expect({ from, ext, size, raw, clean, got: [got[0], got[1] | 0] }).toEqual({ from, ext, size, raw, clean, got: want });
            }
          }
        }
      }
    }
  });

  it('lowerLea32 and lowerLea64 give base + index << scale + disp at the operand size (64 bits: or say the double sum is inexact)', () => {
    const vs = values(10);
    const disps = [0, 8, -8, 0x7fffffff, -0x80000000];
    for (const scale of [0, 1, 2, 3]) {
      for (const withIndex of [false, true]) {
        const l32 = new Function('d', 'b', 'x', `return ${lowerLea32('d', 'b', withIndex ? 'x' : null, scale)};`);
        const l64 = new Function('d', 'b', 'bh', 'x', 'xh', `const v = ${lowerLea64('d', ['b', 'bh'], withIndex ? ['x', 'xh'] : null, 1 << scale, '4294967296')}; return ${leaInexact('v', withIndex ? ['bh', 'xh'] : ['bh'])} ? null : [v | 0, Math.floor(v / 4294967296) | 0];`);
        for (const b of vs) {
          for (const x of vs) {
            for (const d of disps) {
              // High halves: zero, all ones, and from the pool.
              const bh = [0, -1, vs[(b >>> 3) % vs.length]][(x >>> 1) % 3];
              const xh = [0, -1, vs[(x >>> 5) % vs.length]][(b >>> 2) % 3];
              const idx = withIndex ? s64(x, xh) << BigInt(scale) : 0n;
              const sum = s64(b, bh) + idx + BigInt(d);
              const want32 = Number(BigInt.asIntN(32, sum));
              expect({ scale, withIndex, b, x, d, got: l32(d, b, x) }).toEqual({ scale, withIndex, b, x, d, got: want32 });
              const wrapped = BigInt.asUintN(64, sum);
              const want64 = [Number(BigInt.asIntN(32, wrapped)), Number(BigInt.asIntN(32, wrapped >> 32n))];
              const got64 = l64(d, b, bh, x, xh) as number[] | null;
              // null: the handler computes it (allowed only beyond 2^52 in some term).
              if (got64 !== null) expect({ scale, withIndex, b, bh, x, xh, d, got: got64 }).toEqual({ scale, withIndex, b, bh, x, xh, d, got: want64 });
              // (The handler only where a term or the sum is 2^52 or more in magnitude.)
              const small = (v: bigint): boolean => v < 2n ** 52n && v >= -(2n ** 52n);
              if (small(s64(b, bh)) && small(withIndex ? s64(x, xh) << BigInt(scale) : 0n) && small(sum)) expect({ b, bh, x, xh, d, got: got64 }).not.toEqual({ b, bh, x, xh, d, got: null });
            }
          }
        }
      }
    }
  });

  it('lowerLea64 leaves terms that cancel beyond 2^53 to the handler', () => {
    // 2^62 + 1 and -2^62: the double sum would round to 0 before cancelling.
    const l64 = new Function('b', 'bh', 'x', 'xh', `const v = ${lowerLea64('7', ['b', 'bh'], ['x', 'xh'], 1, '4294967296')}; return ${leaInexact('v', ['bh', 'xh'])};`);
    expect(l64(1, 0x40000000, 0, -0x40000000)).toBe(true);
    expect(l64(1, 0x000fffff, 0, -0x00100000)).toBe(false);
  });

  it('lowerAccumulator sign-extends rAX (cbw/cwde/cdqe) and fills rDX with its sign (cwd/cdq/cqo)', () => {
    for (const row of ACCUMULATOR_ROWS) {
      for (const size of [2, 4, 8] as const) {
        const { lo, hi } = lowerAccumulator(row.op, size, 'a', 'ah', 'dl');
        const run = new Function('a', 'ah', 'dl', 'dh', `return [${lo ?? (row.dst === 0 ? 'a' : 'dl')}, ${hi ?? (row.dst === 0 ? 'ah' : 'dh')}];`);
        for (const a of values(16)) {
          const ah = values(16)[(a >>> 4) % 16];
          const [dl, dh] = [0x12345678, -0x1234568];
          const rax = u64(a, ah);
          const bits = BigInt(size * 8);
          let value: bigint;
          // The destination's new 64-bit value (16-bit forms merge, 32-bit forms zero the high half).
          const old = row.dst === 0 ? rax : u64(dl, dh);
          const keepMask = size === 2 ? ~0xffffn & (2n ** 64n - 1n) : 0n;
          if (row.op === 'widen') value = BigInt.asUintN(Number(bits), BigInt.asIntN(Number(bits) / 2, rax));
          else value = BigInt.asIntN(Number(bits), rax) < 0n ? 2n ** bits - 1n : 0n;
          const merged = (old & keepMask) | value;
          const want = [Number(BigInt.asIntN(32, merged)), Number(BigInt.asIntN(32, merged >> 32n))];
          const got = (run(a, ah, dl, dh) as number[]).map((v) => v | 0);
          expect({ name: row.name, size, a, ah, got }).toEqual({ name: row.name, size, a, ah, got: want });
        }
      }
    }
  });
  it('lowerImul64 gives the truncated 64-bit product and whether it lost bits, or leaves a product near 2^63 undecided', () => {
    const l = lowerImul64('x', 'xh', 'y', 'yh', 'r', 'of');
    const f = new Function('x', 'xh', 'y', 'yh', [...l.magnitude, `if (!(${l.decided})) return null;`, ...l.product, 'return [r, rh, of];'].join('\n'));
    const vs = [...values(28), 2, -2, 0x10000, 46341, 0x40000000];
    const wide: [number, number][] = [[0, 0], [1, 0], [-1, -1], [0, 1], [0, -0x80000000], [-1, 0x7fffffff], [0x9e3779b9 | 0, 0x7f4a7c15], [3, 0x40000000], [0, 0x80000000 | 0], [1, -0x80000000]];
    for (const x of vs) wide.push([x, vs[(x >>> 3) % vs.length]], [x, x >> 31]);
    // Products at and around 2^63 in magnitude.
    const edges: [number, number, number, number][] = [[0, 0x40000000, 2, 0], [0, -0x40000000, 2, 0], [0, 0x40000000, -2, -1], [-1, 0x3fffffff, 2, 0], [0, 0x20000000, 4, 0], [1, 0x40000000, -2, -1]];
    let decided = 0;
    const check = (x: number, xh: number, y: number, yh: number): void => {
      const p = s64(x, xh) * s64(y, yh);
      const t = BigInt.asIntN(64, p);
      const got = f(x, xh, y, yh);
      if (got === null) {
        // Undecided only within 2^-50 of 2^63.
        const m = p < 0n ? -p : p;
        expect(m >= (1n << 63n) - (1n << 14n) && m <= (1n << 63n) + (1n << 14n)).toBe(true);
        return;
      }
      decided++;
      expect({ x, xh, y, yh, got }).toEqual({ x, xh, y, yh, got: [Number(BigInt.asIntN(32, t)), Number(t >> 32n), t !== p ? 1 : 0] });
    };
    for (const [x, xh] of wide) for (const [y, yh] of wide) check(x, xh, y, yh);
    for (const [x, xh, y, yh] of edges) check(x, xh, y, yh);
    // (The pool's extremes make products of exactly 2^63 often; random ones never are.)
    expect(decided).toBeGreaterThan(0.98 * (wide.length * wide.length + edges.length));
  });

  it('lowerImul32 gives the truncated product and whether it lost bits', () => {
    const f = new Function('x', 'y', [...lowerImul32('x', 'y', 'r', 'of'), 'return [r, of];'].join('\n'));
    const vs = [...values(40), 2, -2, 0x10000, 0xffff, 46341, -46341, 0x40000000];
    for (const x of vs) {
      for (const y of vs) {
        const p = BigInt(x) * BigInt(y);
        const r = BigInt.asIntN(32, p);
        expect({ x, y, got: f(x, y) }).toEqual({ x, y, got: [Number(r), r !== p ? 1 : 0] });
      }
    }
  });

  it('lowerDivide32 divides edx:eax exactly when it says so, and says so for every 32-bit dividend without #DE', () => {
    const vs = [...values(30), 2, -2, 7, -7];
    for (const row of DIV_ROWS) {
      const d = lowerDivide32(row.signed, 'n', 'dv', 'edx', 'q');
      const f = new Function('n', 'dv', 'edx', `if (!(${d.defined})) return null; const q = ${d.q}; return [q | 0, (${d.m}) | 0];`);
      for (const n of vs) {
        for (const dv of vs) {
          for (const edx of [0, -1, n >> 31, 5]) {
            const wide = (BigInt(edx >>> 0) << 32n) | BigInt(n >>> 0);
            const num = row.signed ? BigInt.asIntN(64, wide) : wide;
            const div = row.signed ? BigInt(dv) : BigInt(dv >>> 0);
            const got = f(n, dv, edx) as number[] | null;
            // Defined: a 32-bit dividend (edx its extension), no #DE.
            const narrow = row.signed ? edx === n >> 31 : edx === 0;
            const q = div === 0n ? 0n : num / div;
            const fits = div !== 0n && (row.signed ? q >= -(2n ** 31n) && q < 2n ** 31n : q < 2n ** 32n);
            const want = narrow && fits ? [Number(BigInt.asIntN(32, q)), Number(BigInt.asIntN(32, num % div))] : null;
            expect({ div: row.name, n, dv, edx, got }).toEqual({ div: row.name, n, dv, edx, got: want });
          }
        }
      }
    }
  });
});
