/** The wasm binary encoder (arch/wasm/encoder.ts): LEB128 against
 * the spec's examples, and modules V8 validates and runs. */
import { Code, I32, I64, W, encodeModule, sleb, slebBig, uleb } from '../../arch/wasm/encoder';

function bytesOf(f: (out: number[], n: number) => void, n: number): number[] {
  const out: number[] = [];
  f(out, n);
  return out;
}

describe('LEB128', () => {
  test('unsigned', () => {
    expect(bytesOf(uleb, 0)).toEqual([0]);
    expect(bytesOf(uleb, 127)).toEqual([0x7f]);
    expect(bytesOf(uleb, 128)).toEqual([0x80, 0x01]);
    expect(bytesOf(uleb, 624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytesOf(uleb, 0xffff_ffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(() => bytesOf(uleb, -1)).toThrow(/not a u32/);
  });

  test('signed', () => {
    expect(bytesOf(sleb, 0)).toEqual([0]);
    expect(bytesOf(sleb, 63)).toEqual([0x3f]);
    expect(bytesOf(sleb, 64)).toEqual([0xc0, 0x00]);
    expect(bytesOf(sleb, -1)).toEqual([0x7f]);
    expect(bytesOf(sleb, -64)).toEqual([0x40]);
    expect(bytesOf(sleb, -65)).toEqual([0xbf, 0x7f]);
    expect(bytesOf(sleb, -123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(bytesOf(sleb, -0x8000_0000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  test('64-bit constants from halves: the same bytes with and without BigInt (within 2^53 and beyond)', () => {
    const his = [0, 1, -1, 0x1f_ffff, 0x20_0000, -0x20_0000, -0x20_0001, 0x7fff_ffff, -0x8000_0000, 0x1234, -0x1234];
    const los = [0, 1, -1, 0x7fff_ffff, -0x8000_0000, 0x40, 0x3f, 0x1234_5678];
    for (const hi of his) {
      for (const lo of los) {
        const c = new Code(0);
        c.i64Halves(lo, hi);
        const ref: number[] = [W.I64_CONST];
        slebBig(ref, (BigInt(hi) << 32n) | BigInt(lo >>> 0));
        expect(c.bytes).toEqual(ref);
      }
    }
    // -1 as halves is one byte; 2^63 - 1 is ten.
    const c = new Code(0);
    c.i64Halves(-1, -1).i64Halves(-1, 0x7fff_ffff);
    expect(c.bytes).toEqual([W.I64_CONST, 0x7f, W.I64_CONST, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
  });
});

describe('modules', () => {
  /** A module exporting `f` with the given body over (i32, i32) -> i32. */
  function run(body: (c: Code) => void, a: number, b: number): number {
    const code = new Code(2);
    body(code);
    const bytes = encodeModule({
      types: [{ params: [I32, I32], results: [I32] }],
      imports: [],
      functions: [{ type: 0, code }],
      exports: [{ name: 'f', func: 0 }],
    });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f as (a: number, b: number) => number;
    return f(a, b);
  }

  test('arithmetic on parameters and constants', () => {
    expect(run((c) => c.get(0).get(1).op(W.I32_SUB), 5, 7)).toBe(-2);
    expect(run((c) => c.get(0).i32(-0x8000_0000).op(W.I32_XOR), 1, 0)).toBe(-0x7fff_ffff);
  });

  test('locals and a loop', () => {
    // s = 0; do { s += a; } while (--b); return s.
    const sum = (a: number, b: number) =>
      run((c) => {
        const s = c.local(I32);
        c.begin(W.LOOP).get(s).get(0).op(W.I32_ADD).set(s);
        c.get(1).i32(1).op(W.I32_SUB).tee(1).brIf(0).end();
        c.get(s);
      }, a, b);
    expect(sum(3, 4)).toBe(12);
    expect(sum(-5, 1)).toBe(-5);
  });

  test('a br_table switch', () => {
    const pick = (n: number) =>
      run((c) => {
        const r = c.local(I32);
        c.begin(W.BLOCK).begin(W.BLOCK).begin(W.BLOCK);
        c.get(0).brTable([0, 1], 2);
        c.end().i32(10).set(r).br(1);
        c.end().i32(20).set(r).br(0);
        c.end();
        c.get(r);
      }, n, 0);
    expect([pick(0), pick(1), pick(2), pick(-1)]).toEqual([10, 20, 0, 0]);
  });

  test('64-bit products (mulh)', () => {
    const mulhu = (a: number, b: number) =>
      run((c) => {
        c.get(0).op(W.I64_EXTEND_I32_U).get(1).op(W.I64_EXTEND_I32_U).op(W.I64_MUL).i64(32).op(W.I64_SHR_U, W.I32_WRAP_I64);
      }, a, b);
    expect(mulhu(-1, -1) >>> 0).toBe(0xffff_fffe);
    expect(mulhu(0x1234_5678, 0x9abc_def0) >>> 0).toBe(Number((0x1234_5678n * 0x9abc_def0n) >> 32n));
  });

  test('an imported table and tail calls through it (return_call_indirect) between instances', () => {
    // f(x) = x < 1e6 ? table[x & 1](x + 1) as a tail call : x. Two
    // instances call each other a million times: without tail calls the
    // stack would overflow.
    const code = new Code(1);
    code.get(0).i32(1_000_000).op(W.I32_LT_S).begin(W.IF, I32);
    code.get(0).i32(1).op(W.I32_ADD).get(0).i32(1).op(W.I32_AND).callIndirect(0, 0, true);
    code.op(W.ELSE).get(0).end();
    const bytes = encodeModule({
      types: [{ params: [I32], results: [I32] }],
      imports: [],
      table: { module: 'rt', name: 'table', minElements: 2 },
      functions: [{ type: 0, code }],
      exports: [{ name: 'f', func: 0 }],
    });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const table = new WebAssembly.Table({ initial: 2, element: 'anyfunc' });
    const module = new WebAssembly.Module(bytes);
    const fs = [0, 1].map((k) => {
      const f = new WebAssembly.Instance(module, { rt: { table } }).exports.f;
      table.set(k, f);
      return f as (x: number) => number;
    });
    expect(fs[0](0)).toBe(1_000_000);
    expect(fs[1](999_999)).toBe(1_000_000);
  });
});

describe('the code section', () => {
  test('bodies laid out byte for byte: size, locals run-length by type, instructions, end', () => {
    const a = new Code(1);
    a.local(I32);
    a.local(I32);
    a.local(I64);
    a.get(2).op(W.DROP).get(0);
    const b = new Code(0);
    b.i32(-1);
    const bytes = encodeModule({
      types: [{ params: [I32], results: [I32] }, { params: [], results: [I32] }],
      imports: [],
      functions: [{ type: 0, code: a }, { type: 1, code: b }],
      exports: [{ name: 'a', func: 0 }],
    });
    // Section 10, 18 bytes: 2 bodies; a: 11 bytes (2 runs: 2 x i32, 1 x i64;
    // local.get 2, drop, local.get 0, end); b: 4 bytes (no locals; i32.const -1, end).
    const code = [0x0a, 18, 2, 11, 2, 2, 0x7f, 1, 0x7e, 0x20, 2, 0x1a, 0x20, 0, 0x0b, 4, 0, 0x41, 0x7f, 0x0b];
    expect(Array.from(bytes.subarray(bytes.length - code.length))).toEqual(code);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.a as (x: number) => number;
    expect(f(42)).toBe(42);
  });

  test('a body of more than 2^14 bytes (a three-byte size) runs', () => {
    // 5000 times x = x + 3, 25,000 bytes of instructions.
    const code = new Code(1);
    for (let i = 0; i < 5000; i++) code.get(0).i32(3).op(W.I32_ADD).set(0);
    code.get(0);
    const bytes = encodeModule({
      types: [{ params: [I32], results: [I32] }],
      imports: [],
      functions: [{ type: 0, code }],
      exports: [{ name: 'f', func: 0 }],
    });
    expect(code.bytes.length).toBeGreaterThan(1 << 14);
    const f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f as (x: number) => number;
    expect(f(1)).toBe(15001);
  });
});
