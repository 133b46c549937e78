/**
 * Operands of the wasm backend's SSE lowerings (sse-lowerings.ts,
 * sse-packed.ts). core.xmm lives in the bus's core area (core.ts), so a
 * region reads and writes lanes in place: loads and stores at
 * `at.xmm + 16 * reg`; nothing is cached in locals. The inline code runs
 * only when SSE is enabled (the core-area word `core.sseOff` is zero)
 * and, for a memory operand, when the whole access hits the TLB on one RAM
 * page (16-byte aligned where the form requires it; a store: a page
 * holding no decoded code). Otherwise the instruction calls its handler,
 * which raises #UD, #NM or #GP, or takes the core's read/write paths with
 * their exact faults, as the interpreter does: nothing is read or written
 * before that choice.
 */
import { I32, W } from '../../wasm/encoder';
import { AM_BASE, AM_BASE_INDEX, AM_RIP, NO_REG, PFX_ASZ } from '../decoded';
import { P_RD, P_WR, WasmEmitter } from './emitter';

/** The SIMD prefix (WebAssembly 5.4.8) and the opcodes after it. */
export const SIMD = 0xfd;
export const V128_LOAD = 0x00;
export const V128_STORE = 0x0b;

/** Pushes quadword `half` (0 low, 1 high) of xmm register r. */
export function getQ(e: WasmEmitter, r: number, half: number): void {
  e.code.i32(0).mem(W.I64_LOAD, 3, e.at.xmm + 16 * r + 8 * half);
}

/** Stores into quadword `half` of xmm register r the i64 `push` pushes. */
export function setQ(e: WasmEmitter, r: number, half: number, push: () => void): void {
  e.code.i32(0);
  push();
  e.code.mem(W.I64_STORE, 3, e.at.xmm + 16 * r + 8 * half);
}

/** Stores into xmm register r the v128 `push` pushes (core.xmm is 8-byte
 * aligned: the alignment hints say so; wasm never traps on them). */
export function setV(e: WasmEmitter, r: number, push: () => void): void {
  e.code.i32(0);
  push();
  e.code.op(SIMD).mem(V128_STORE, 3, e.at.xmm + 16 * r);
}

/** Pushes xmm register r as a v128. */
export function getV(e: WasmEmitter, r: number): void {
  e.code.i32(0).op(SIMD).mem(V128_LOAD, 3, e.at.xmm + 16 * r);
}

/** Pushes whether SSE instructions run (i32 1/0: core.sseOff is zero). */
export function sseOn(e: WasmEmitter): void {
  e.code.i32(0).mem(W.I32_LOAD, 2, e.at.sseOff).op(W.I32_EQZ);
}

/**
 * The inline path under the i32 condition on the stack, else the handler.
 * A lowering of a block's last instruction leaves the fall-through in nx
 * on the inline path (the handler's path sets it from c.nextRip). The
 * handlers of these forms write no flags, so what `e.flags` knew before
 * holds after both paths.
 */
export function inlineElseHandler(e: WasmEmitter, inline: () => void): void {
  const flags = e.flags;
  e.begin(W.IF);
  inline();
  if (e.last) e.ripAt(e.next).setNextRip();
  e.else();
  e.callHandler();
  e.end();
  e.flags = flags;
}

/** ANDs the i32 condition on the stack with: address local `a` is a
 * multiple of 16. */
function alignedTest(e: WasmEmitter, a: number): void {
  e.code.get(a).op(W.I32_WRAP_I64).i32(15).op(W.I32_AND).op(W.I32_EQZ).op(W.I32_AND);
}

/**
 * Whether the current slot's memory operand is summed inline by
 * `e.addr()` (its branches: base (+ index), RIP-relative, index-only),
 * not through the ea() import. That import may raise #GP/#SS for a
 * non-canonical address before the SSE check, where the handler raises
 * #UD/#NM first: such forms (segment overrides, 0x67, absolute) call the
 * handler.
 */
export function addressInline(e: WasmEmitter): boolean {
  const d = e.d;
  const i = e.slot;
  const m = d.amode[i];
  if (m === AM_BASE || m === AM_BASE_INDEX || m === AM_RIP) return true;
  return d.seg[i] === 0 && (d.pfx[i] & PFX_ASZ) === 0 && d.base[i] === NO_REG && d.index[i] !== NO_REG;
}

/** The W (xmm or memory) operand inside the inline path. */
export interface Source {
  /** Pushes its quadword `half` (i64). */
  q(half: number): void;
  /** Pushes it whole (v128; 16-byte operands only). */
  v(): void;
}

/**
 * The W operand of `bytes` (8 or 16) as a Source inside the inline path,
 * which `body` emits; the handler otherwise. `aligned`: a memory operand
 * must be 16-byte aligned (#GP otherwise, from the handler). False, with
 * nothing emitted, when the address is not summed inline.
 */
export function withSource(e: WasmEmitter, bytes: number, aligned: boolean, body: (src: Source) => void): boolean {
  const c = e.code;
  const r = e.d.rm[e.slot];
  if (r !== NO_REG) {
    sseOn(e);
    inlineElseHandler(e, () => body({ q: (h) => getQ(e, r, h), v: () => getV(e, r) }));
    return true;
  }
  if (!addressInline(e)) return false;
  const a = e.addr();
  const o = e.tmp(I32);
  const t8 = e.tmp(I32);
  const p = e.tmp(I32);
  sseOn(e);
  e.tlbHit(a, bytes, P_RD, o, t8);
  c.op(W.I32_AND);
  if (aligned) alignedTest(e, a);
  inlineElseHandler(e, () => {
    c.get(t8).i32(1).op(W.I32_SHR_U).mem(W.I32_LOAD, 2, e.at.tlbRam).get(o).op(W.I32_ADD).set(p);
    body({ q: (h) => c.get(p).mem(W.I64_LOAD, 0, 8 * h), v: () => c.get(p).op(SIMD).mem(V128_LOAD, 0, 0) });
  });
  return true;
}

/**
 * Stores `count` quadwords of xmm register `src` (from quadword `from`)
 * to the memory operand, inline on a TLB hit for writing to a RAM page
 * without decoded code (and aligned when `aligned`), else the handler;
 * false as withSource.
 */
export function storeQuads(e: WasmEmitter, src: number, count: number, from: number, aligned: boolean): boolean {
  if (!addressInline(e)) return false;
  const c = e.code;
  const a = e.addr();
  const o = e.tmp(I32);
  const t8 = e.tmp(I32);
  const ram = e.tmp(I32);
  const ok = e.tmp(I32);
  c.i32(0).set(ok);
  sseOn(e);
  e.tlbHit(a, 8 * count, P_WR, o, t8);
  c.op(W.I32_AND);
  if (aligned) alignedTest(e, a);
  e.begin(W.IF);
  c.get(t8).i32(1).op(W.I32_SHR_U).mem(W.I32_LOAD, 2, e.at.tlbRam).tee(ram);
  c.i32(12).op(W.I32_SHR_U).mem(W.I32_LOAD8_U, 0, e.at.codePages).op(W.I32_EQZ).set(ok);
  e.end();
  c.get(ok);
  inlineElseHandler(e, () => {
    c.get(ram).get(o).op(W.I32_ADD).set(ram);
    for (let h = 0; h < count; h++) {
      c.get(ram);
      getQ(e, src, from + h);
      c.mem(W.I64_STORE, 0, 8 * h);
    }
  });
  return true;
}
