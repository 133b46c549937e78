/**
 * Wasm lowerings of the SSE/SSE2 moves and logic the bench programs run
 * most (JOS_WASM_PROFILE=1 on coremix and Debian's bzip2): the 128-bit
 * loads and stores (movaps/movups/movdqa/movdqu...), movd/movq between a
 * general register or memory and an xmm register, the 64-bit half moves
 * (movlps/movhps/movlpd/movhpd, movhlps/movlhps) and pand/pandn/por/pxor
 * (and the ps/pd logic forms).
 *
 * core.xmm lives in the bus's core area (core.ts), so a region reads and
 * writes lanes in place: an i64 load or store at `at.xmm + 16 * reg`
 * (+ 8 for the high quadword); nothing is cached in locals. Each lowering
 * computes what its handler (ops/sse-move.ts) computes. The inline code
 * runs only when SSE is enabled (the core-area word `core.sseOff` is zero)
 * and, for a memory operand, when the whole access hits the TLB on one
 * RAM page (16-byte aligned where the form requires it; a store: a page
 * holding no decoded code). Otherwise the instruction calls its handler,
 * which raises #UD, #NM or #GP, or takes the core's read/write paths with
 * their exact faults, as the interpreter does: nothing is read or written
 * before that choice.
 */
import { I32, I64, W } from '../../wasm/encoder';
import { NO_REG } from '../decoded';
import type { OpcodeRow } from '../opcode-table';
import * as mv from '../ops/sse-move';
import { Lowering, P_RD, P_WR, WasmEmitter } from './emitter';
import type { Provider } from './lowerings';

/** Pushes quadword `half` (0 low, 1 high) of xmm register r. */
function getQ(e: WasmEmitter, r: number, half: number): void {
  e.code.i32(0).mem(W.I64_LOAD, 3, e.at.xmm + 16 * r + 8 * half);
}

/** Stores into quadword `half` of xmm register r the i64 `push` pushes. */
function setQ(e: WasmEmitter, r: number, half: number, push: () => void): void {
  e.code.i32(0);
  push();
  e.code.mem(W.I64_STORE, 3, e.at.xmm + 16 * r + 8 * half);
}

/** Pushes whether SSE instructions run (i32 1/0: core.sseOff is zero). */
function sseOn(e: WasmEmitter): void {
  e.code.i32(0).mem(W.I32_LOAD, 2, e.at.sseOff).op(W.I32_EQZ);
}

/**
 * The inline path under the i32 condition on the stack, else the handler.
 * A lowering of a block's last instruction leaves the fall-through in nx
 * on the inline path (the handler's path sets it from c.nextRip). The
 * handler of these forms writes no flags, so what `e.flags` knew before
 * holds after both paths.
 */
function inlineElseHandler(e: WasmEmitter, inline: () => void): void {
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

/** A quadword source: pushes its quadword `half`. */
type Source = (half: number) => void;

/**
 * The W (xmm or memory) operand of `bytes` (8 or 16) as a Source inside
 * the inline path, which `body` emits; the handler otherwise.
 */
function withSource(e: WasmEmitter, bytes: number, aligned: boolean, body: (src: Source) => void): void {
  const r = e.d.rm[e.slot];
  if (r !== NO_REG) {
    sseOn(e);
    inlineElseHandler(e, () => body((h) => getQ(e, r, h)));
    return;
  }
  const c = e.code;
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
    body((h) => c.get(p).mem(W.I64_LOAD, 0, 8 * h));
  });
}

/**
 * Stores `count` quadwords of xmm register `src` (from quadword `from`)
 * to the memory operand, inline on a TLB hit for writing to a RAM page
 * without decoded code (and aligned when `aligned`), else the handler.
 */
function storeQuads(e: WasmEmitter, src: number, count: number, from: number, aligned: boolean): void {
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
}

/** movups/movaps/movdqu/movdqa... xmm, xmm/m128 (x = 1: aligned). */
const movLoad128: Lowering = (e, i) => {
  const dst = e.d.reg[i];
  const t = e.tmp(I64);
  withSource(e, 16, e.d.x[i] === 1, (src) => {
    // Both quadwords read before either is written (the source may be
    // the destination: nothing changes then, as in the handler).
    src(1);
    e.code.set(t);
    setQ(e, dst, 0, () => src(0));
    setQ(e, dst, 1, () => e.code.get(t));
  });
  return true;
};

/** movups/movaps/movdqu/movdqa/movnt... xmm/m128, xmm. */
const movStore128: Lowering = (e, i) => {
  const src = e.d.reg[i];
  const r = e.d.rm[i];
  if (r === NO_REG) {
    storeQuads(e, src, 2, 0, e.d.x[i] === 1);
    return true;
  }
  sseOn(e);
  inlineElseHandler(e, () => {
    setQ(e, r, 0, () => getQ(e, src, 0));
    setQ(e, r, 1, () => getQ(e, src, 1));
  });
  return true;
};

/** movd/movq xmm, r/m32|64: zero-extended into the register. */
const movdToXmm: Lowering = (e, i) => {
  const size = e.d.osz[i];
  const dst = e.d.reg[i];
  sseOn(e);
  inlineElseHandler(e, () => {
    const v = e.readE(size);
    setQ(e, dst, 0, () => e.code.get(v));
    setQ(e, dst, 1, () => e.code.i64(0));
  });
  return true;
};

/** movd/movq r/m32|64, xmm (a 4-byte register write zero-extends). */
const movdFromXmm: Lowering = (e, i) => {
  const size = e.d.osz[i];
  const src = e.d.reg[i];
  sseOn(e);
  inlineElseHandler(e, () => {
    const v = e.tmp(I64);
    if (size === 8) getQ(e, src, 0);
    else e.code.i32(0).mem(W.I64_LOAD32_U, 2, e.at.xmm + 16 * src);
    e.code.set(v);
    e.writeE(size, v);
  });
  return true;
};

/** movlps/movlpd/movhps/movhpd xmm, m64 and movhlps/movlhps (x bit 0:
 * the destination's high quadword; a register source gives its other). */
const movHalfLoad: Lowering = (e, i) => {
  const high = (e.d.x[i] & 1) !== 0;
  const dst = e.d.reg[i];
  const fromReg = e.d.rm[i] !== NO_REG;
  withSource(e, fromReg ? 16 : 8, false, (src) => {
    setQ(e, dst, high ? 1 : 0, () => src(fromReg && !high ? 1 : 0));
  });
  return true;
};

/** movlps/movlpd/movhps/movhpd m64, xmm. */
const movHalfStore: Lowering = (e, i) => {
  if (e.d.rm[i] !== NO_REG) return false;
  storeQuads(e, e.d.reg[i], 1, (e.d.x[i] & 1) !== 0 ? 1 : 0, false);
  return true;
};

/** pand/pandn/por/pxor and andps/andnps/orps/xorps (pd too): x = 0 and,
 * 1 and-not (~dst & src), 2 or, 3 xor; memory operands aligned. */
const logic128: Lowering = (e, i) => {
  const dst = e.d.reg[i];
  const op = e.d.x[i];
  const t = e.tmp(I64);
  const c = e.code;
  withSource(e, 16, true, (src) => {
    src(1);
    c.set(t);
    for (let h = 0; h < 2; h++) {
      setQ(e, dst, h, () => {
        getQ(e, dst, h);
        if (op === 1) c.i64(-1).op(W.I64_XOR);
        if (h === 0) src(0);
        else c.get(t);
        c.op(op === 2 ? W.I64_OR : op === 3 ? W.I64_XOR : W.I64_AND);
      });
    }
  });
  return true;
};

/** The SSE lowerings by handler. */
export const sseProvider: Provider = (r: OpcodeRow) => {
  switch (r.fn) {
    case mv.movLoad128:
      return movLoad128;
    case mv.movStore128:
      return movStore128;
    case mv.movdToXmm:
      return movdToXmm;
    case mv.movdFromXmm:
      return movdFromXmm;
    case mv.movHalfLoad:
      return movHalfLoad;
    case mv.movHalfStore:
      return movHalfStore;
    case mv.logic128:
      return logic128;
  }
  return null;
};
