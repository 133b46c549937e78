/**
 * The lowerings of gen/js-lower.ts that the interpreter's generated cases
 * and the JIT's templates share, run as JavaScript against a BigInt
 * reference: the comparisons of the condition rows (gen/conditions.ts),
 * the shifts (both the folded constant-count form and the runtime one)
 * and the move widenings.
 */
import { CONDITIONS_BY_CC, SUB_CONDITIONS } from '../../arch/x86_64/gen/conditions';
import { lowerCompare, lowerShift, lowerWiden, ShiftOp } from '../../arch/x86_64/gen/js-lower';

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
});
