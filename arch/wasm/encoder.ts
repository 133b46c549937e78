/**
 * A minimal encoder for the WebAssembly binary format (core spec 1.0,
 * chapter 5 "Binary Format"): what the cores' wasm backends emit
 * (arch/riscv/wasm, arch/x86_64/wasm), and no more. A `Code` collects one function body (its locals and instructions);
 * `encodeModule` lays out the sections: types, imports (functions, one
 * memory, one funcref table), functions, globals, exports, code.
 *
 * Integers are LEB128: unsigned for indices and sizes, signed for i32
 * constants and block types. Memory instructions carry (align, offset):
 * align is the log2 of the natural alignment (a hint; wasm loads and
 * stores work at any address).
 */

/** Value types (5.3.1). */
export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export type ValType = typeof I32 | typeof I64 | typeof F64;

/** The opcodes the backend uses (5.4). */
export const enum W {
  UNREACHABLE = 0x00,
  NOP = 0x01,
  BLOCK = 0x02,
  LOOP = 0x03,
  IF = 0x04,
  ELSE = 0x05,
  END = 0x0b,
  BR = 0x0c,
  BR_IF = 0x0d,
  BR_TABLE = 0x0e,
  RETURN = 0x0f,
  CALL = 0x10,
  CALL_INDIRECT = 0x11,
  /** The tail-call proposal's return_call_indirect (V8 ships it from 11.2,
   * so Node 20 runs it unflagged). */
  RETURN_CALL_INDIRECT = 0x13,
  DROP = 0x1a,
  SELECT = 0x1b,
  LOCAL_GET = 0x20,
  LOCAL_SET = 0x21,
  LOCAL_TEE = 0x22,
  GLOBAL_GET = 0x23,
  GLOBAL_SET = 0x24,
  I32_LOAD = 0x28,
  I64_LOAD = 0x29,
  F64_LOAD = 0x2b,
  I32_LOAD8_S = 0x2c,
  I32_LOAD8_U = 0x2d,
  I32_LOAD16_S = 0x2e,
  I32_LOAD16_U = 0x2f,
  I64_LOAD8_S = 0x30,
  I64_LOAD8_U = 0x31,
  I64_LOAD16_S = 0x32,
  I64_LOAD16_U = 0x33,
  I64_LOAD32_S = 0x34,
  I64_LOAD32_U = 0x35,
  I32_STORE = 0x36,
  I64_STORE = 0x37,
  F64_STORE = 0x39,
  I32_STORE8 = 0x3a,
  I32_STORE16 = 0x3b,
  I64_STORE8 = 0x3c,
  I64_STORE16 = 0x3d,
  I64_STORE32 = 0x3e,
  I32_CONST = 0x41,
  I64_CONST = 0x42,
  F64_CONST = 0x44,
  I32_EQZ = 0x45,
  I32_EQ = 0x46,
  I32_NE = 0x47,
  I32_LT_S = 0x48,
  I32_LT_U = 0x49,
  I32_GT_S = 0x4a,
  I32_GT_U = 0x4b,
  I32_LE_S = 0x4c,
  I32_LE_U = 0x4d,
  I32_GE_S = 0x4e,
  I32_GE_U = 0x4f,
  I64_EQZ = 0x50,
  I64_EQ = 0x51,
  I64_NE = 0x52,
  I64_LT_S = 0x53,
  I64_LT_U = 0x54,
  I64_GT_S = 0x55,
  I64_GT_U = 0x56,
  I64_LE_S = 0x57,
  I64_LE_U = 0x58,
  I64_GE_S = 0x59,
  I64_GE_U = 0x5a,
  F64_EQ = 0x61,
  F64_NE = 0x62,
  F64_LT = 0x63,
  F64_GT = 0x64,
  F64_LE = 0x65,
  F64_GE = 0x66,
  I32_CLZ = 0x67,
  I32_CTZ = 0x68,
  I32_POPCNT = 0x69,
  I32_ADD = 0x6a,
  I32_SUB = 0x6b,
  I32_MUL = 0x6c,
  I32_DIV_S = 0x6d,
  I32_DIV_U = 0x6e,
  I32_REM_S = 0x6f,
  I32_REM_U = 0x70,
  I32_AND = 0x71,
  I32_OR = 0x72,
  I32_XOR = 0x73,
  I32_SHL = 0x74,
  I32_SHR_S = 0x75,
  I32_SHR_U = 0x76,
  I32_ROTL = 0x77,
  I32_ROTR = 0x78,
  I64_CLZ = 0x79,
  I64_CTZ = 0x7a,
  I64_POPCNT = 0x7b,
  I64_ADD = 0x7c,
  I64_SUB = 0x7d,
  I64_MUL = 0x7e,
  I64_DIV_S = 0x7f,
  I64_DIV_U = 0x80,
  I64_REM_S = 0x81,
  I64_REM_U = 0x82,
  I64_AND = 0x83,
  I64_OR = 0x84,
  I64_XOR = 0x85,
  I64_SHL = 0x86,
  I64_SHR_S = 0x87,
  I64_SHR_U = 0x88,
  I64_ROTL = 0x89,
  I64_ROTR = 0x8a,
  F64_ADD = 0xa0,
  F64_SUB = 0xa1,
  I32_WRAP_I64 = 0xa7,
  I32_TRUNC_F64_S = 0xaa,
  I64_TRUNC_F64_S = 0xb0,
  I64_EXTEND_I32_S = 0xac,
  I64_EXTEND_I32_U = 0xad,
  F64_CONVERT_I32_S = 0xb7,
  F64_CONVERT_I32_U = 0xb8,
  F64_CONVERT_I64_S = 0xb9,
  I32_EXTEND8_S = 0xc0,
  I32_EXTEND16_S = 0xc1,
  I64_EXTEND8_S = 0xc2,
  I64_EXTEND16_S = 0xc3,
  I64_EXTEND32_S = 0xc4,
}

/** The reference type of a table of functions (5.3.3). */
const FUNCREF = 0x70;

/** The block type of a block/loop/if that leaves nothing on the stack. */
export const VOID = 0x40;

/** Appends the unsigned LEB128 encoding of `n` (0 <= n < 2^32). */
export function uleb(out: number[], n: number): void {
  if (n >>> 0 === n && n < 0x80) {
    out.push(n);
    return;
  }
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new Error(`wasm encoder: ${n} is not a u32`);
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

/** Appends the signed LEB128 encoding of `n` (a 32-bit signed value, or
 * anything up to 2^53 in magnitude for i64 constants). */
export function sleb(out: number[], n: number): void {
  if (!Number.isSafeInteger(n)) throw new Error(`wasm encoder: ${n} is not an integer`);
  for (;;) {
    const byte = ((n % 128) + 128) % 128;
    n = Math.floor(n / 128);
    const signBit = (byte & 0x40) !== 0;
    if ((n === 0 && !signBit) || (n === -1 && signBit)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** Appends the signed LEB128 encoding of a 64-bit value. */
export function slebBig(out: number[], n: bigint): void {
  n = BigInt.asIntN(64, n);
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    const signBit = (byte & 0x40) !== 0;
    if ((n === 0n && !signBit) || (n === -1n && signBit)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

function name(out: number[], text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  uleb(out, bytes.length);
  for (const b of bytes) out.push(b);
}

/** One function body: declared locals (after the parameters) and code. */
export class Code {
  readonly bytes: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(private readonly params: number) {}

  /** Declares a local of type `t`; returns its index. */
  local(t: ValType = I32): number {
    this.localTypes.push(t);
    return this.params + this.localTypes.length - 1;
  }

  op(...ops: number[]): this {
    for (const o of ops) this.bytes.push(o);
    return this;
  }

  i32(value: number): this {
    this.bytes.push(W.I32_CONST);
    sleb(this.bytes, value | 0);
    return this;
  }

  i64(value: number): this {
    this.bytes.push(W.I64_CONST);
    sleb(this.bytes, value);
    return this;
  }

  /** i64.const of the 64-bit value with int32 halves `lo` and `hi`
   * (any value, beyond 2^53 too). */
  i64Halves(lo: number, hi: number): this {
    this.bytes.push(W.I64_CONST);
    hi |= 0;
    // A safe integer (below 2^53 in magnitude): no BigInt (an allocation).
    if (hi > -0x20_0000 && hi < 0x20_0000) sleb(this.bytes, hi * 0x1_0000_0000 + (lo >>> 0));
    else slebBig(this.bytes, (BigInt(hi) << 32n) | BigInt(lo >>> 0));
    return this;
  }

  f64(value: number): this {
    this.bytes.push(W.F64_CONST);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  get(local: number): this {
    this.bytes.push(W.LOCAL_GET);
    uleb(this.bytes, local);
    return this;
  }

  set(local: number): this {
    this.bytes.push(W.LOCAL_SET);
    uleb(this.bytes, local);
    return this;
  }

  tee(local: number): this {
    this.bytes.push(W.LOCAL_TEE);
    uleb(this.bytes, local);
    return this;
  }

  globalGet(g: number): this {
    this.bytes.push(W.GLOBAL_GET);
    uleb(this.bytes, g);
    return this;
  }

  globalSet(g: number): this {
    this.bytes.push(W.GLOBAL_SET);
    uleb(this.bytes, g);
    return this;
  }

  /** A load or store with log2 alignment `align` and a constant offset. */
  mem(opcode: number, align: number, offset: number): this {
    this.bytes.push(opcode);
    uleb(this.bytes, align);
    uleb(this.bytes, offset);
    return this;
  }

  call(fn: number): this {
    this.bytes.push(W.CALL);
    uleb(this.bytes, fn);
    return this;
  }

  /** call_indirect (or, with `tail`, return_call_indirect) of type index
   * `type` through table `table`; the element index is on the stack. */
  callIndirect(type: number, table = 0, tail = false): this {
    this.bytes.push(tail ? W.RETURN_CALL_INDIRECT : W.CALL_INDIRECT);
    uleb(this.bytes, type);
    uleb(this.bytes, table);
    return this;
  }

  /** block / loop / if with block type `type` (VOID or a value type). */
  begin(opcode: W.BLOCK | W.LOOP | W.IF, type: number = VOID): this {
    this.bytes.push(opcode, type);
    return this;
  }

  end(): this {
    this.bytes.push(W.END);
    return this;
  }

  br(depth: number): this {
    this.bytes.push(W.BR);
    uleb(this.bytes, depth);
    return this;
  }

  brIf(depth: number): this {
    this.bytes.push(W.BR_IF);
    uleb(this.bytes, depth);
    return this;
  }

  brTable(depths: number[], otherwise: number): this {
    this.bytes.push(W.BR_TABLE);
    uleb(this.bytes, depths.length);
    for (const d of depths) uleb(this.bytes, d);
    uleb(this.bytes, otherwise);
    return this;
  }

  /** The body's head as the code section stores it: the locals
   * (run-length by type); the instructions (`bytes`) and `end` follow. */
  localsHead(): number[] {
    const head: number[] = [];
    const runs: Array<[number, ValType]> = [];
    for (const t of this.localTypes) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    uleb(head, runs.length);
    for (const [count, t] of runs) {
      uleb(head, count);
      head.push(t);
    }
    return head;
  }
}

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface ModuleSpec {
  /** Function types, referenced by index. */
  types: FuncType[];
  /** Imported functions (module, name, type index): function indices 0.. */
  imports: Array<{ module: string; name: string; type: number }>;
  /** An imported memory (module, name, minimum pages). */
  memory?: { module: string; name: string; minPages: number };
  /** An imported funcref table (module, name, minimum elements): table 0. */
  table?: { module: string; name: string; minElements: number };
  /** Defined functions (indices after the imports): type and body. */
  functions: Array<{ type: number; code: Code }>;
  /** Mutable i32 globals with their initial values. */
  globals?: number[];
  /** Exported functions: name and function index. */
  exports: Array<{ name: string; func: number }>;
}

function section(out: number[], id: number, content: number[]): void {
  out.push(id);
  uleb(out, content.length);
  for (const b of content) out.push(b);
}

function vec<T>(items: T[], each: (out: number[], item: T) => void): number[] {
  const out: number[] = [];
  uleb(out, items.length);
  for (const item of items) each(out, item);
  return out;
}

/** The module's bytes (5.5). The code section, nearly all of a module,
 * is not gathered into a number[]: its size is summed first, and each
 * body's bytes are copied once, straight into the result (a region's
 * body is tens of kilobytes; pushing it byte by byte through two more
 * arrays took as long as V8's compile of the module). */
export function encodeModule(spec: ModuleSpec): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(out, 1, vec(spec.types, (o, t) => {
    o.push(0x60);
    uleb(o, t.params.length);
    o.push(...t.params);
    uleb(o, t.results.length);
    o.push(...t.results);
  }));
  const imports: Array<(o: number[]) => void> = spec.imports.map((imp) => (o: number[]) => {
    name(o, imp.module);
    name(o, imp.name);
    o.push(0x00);
    uleb(o, imp.type);
  });
  const memory = spec.memory;
  if (memory) {
    imports.push((o) => {
      name(o, memory.module);
      name(o, memory.name);
      o.push(0x02, 0x00);
      uleb(o, memory.minPages);
    });
  }
  const table = spec.table;
  if (table) {
    imports.push((o) => {
      name(o, table.module);
      name(o, table.name);
      o.push(0x01, FUNCREF, 0x00);
      uleb(o, table.minElements);
    });
  }
  if (imports.length > 0) section(out, 2, vec(imports, (o, f) => f(o)));
  section(out, 3, vec(spec.functions, (o, f) => uleb(o, f.type)));
  if (spec.globals && spec.globals.length > 0) {
    section(out, 6, vec(spec.globals, (o, init) => {
      o.push(I32, 0x01, W.I32_CONST);
      sleb(o, init | 0);
      o.push(W.END);
    }));
  }
  section(out, 7, vec(spec.exports, (o, e) => {
    name(o, e.name);
    o.push(0x00);
    uleb(o, e.func);
  }));
  // The code section: id, size, count, then per body its size, locals,
  // instructions and `end`.
  const heads: number[][] = [];
  const count: number[] = [];
  uleb(count, spec.functions.length);
  let content = count.length;
  for (const f of spec.functions) {
    const head = f.code.localsHead();
    const size = head.length + f.code.bytes.length + 1;
    const sizeBytes: number[] = [];
    uleb(sizeBytes, size);
    heads.push(sizeBytes.concat(head));
    content += sizeBytes.length + size;
  }
  out.push(10);
  uleb(out, content);
  const result = new Uint8Array(out.length + content);
  result.set(out, 0);
  let at = out.length;
  result.set(count, at);
  at += count.length;
  spec.functions.forEach((f, i) => {
    result.set(heads[i], at);
    at += heads[i].length;
    result.set(f.code.bytes, at);
    at += f.code.bytes.length;
    result[at++] = W.END;
  });
  if (at !== result.length) throw new Error('wasm encoder: code section size mismatch');
  return result;
}
