/**
 * Wasm lowerings of the SSE/SSE2 moves and logic the bench programs run
 * most (JOS_WASM_PROFILE=1 on coremix and Debian's bzip2): the 128-bit
 * loads and stores (movaps/movups/movdqa/movdqu...), movd/movq between a
 * general register or memory and an xmm register, the 64-bit half moves
 * (movlps/movhps/movlpd/movhpd, movhlps/movlhps) and pand/pandn/por/pxor
 * (and the ps/pd logic forms), as i64 loads and stores of xmm's
 * quadwords; and `sseProvider`, which also gives sse-packed.ts' packed
 * integer lowerings. Each computes what its handler (ops/sse-move.ts)
 * computes; the operands and the rules of the inline path are
 * sse-operands.ts'.
 */
import { I64, W } from '../../wasm/encoder';
import { NO_REG } from '../decoded';
import type { OpcodeRow } from '../opcode-table';
import * as mv from '../ops/sse-move';
import type { Lowering } from './emitter';
import type { Provider } from './lowerings';
import { packedProvider } from './sse-packed';
import { getQ, inlineElseHandler, setQ, sseOn, storeQuads, withSource } from './sse-operands';

/** movups/movaps/movdqu/movdqa... xmm, xmm/m128 (x = 1: aligned). */
const movLoad128: Lowering = (e, i) => {
  const dst = e.d.reg[i];
  const t = e.tmp(I64);
  return withSource(e, 16, e.d.x[i] === 1, (src) => {
    // Both quadwords read before either is written (the source may be
    // the destination: nothing changes then, as in the handler).
    src.q(1);
    e.code.set(t);
    setQ(e, dst, 0, () => src.q(0));
    setQ(e, dst, 1, () => e.code.get(t));
  });
};

/** movups/movaps/movdqu/movdqa/movnt... xmm/m128, xmm. */
const movStore128: Lowering = (e, i) => {
  const src = e.d.reg[i];
  const r = e.d.rm[i];
  if (r === NO_REG) return storeQuads(e, src, 2, 0, e.d.x[i] === 1);
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
  return withSource(e, fromReg ? 16 : 8, false, (src) => {
    setQ(e, dst, high ? 1 : 0, () => src.q(fromReg && !high ? 1 : 0));
  });
};

/** movlps/movlpd/movhps/movhpd m64, xmm. */
const movHalfStore: Lowering = (e, i) => {
  if (e.d.rm[i] !== NO_REG) return false;
  return storeQuads(e, e.d.reg[i], 1, (e.d.x[i] & 1) !== 0 ? 1 : 0, false);
};

/** pand/pandn/por/pxor and andps/andnps/orps/xorps (pd too): x = 0 and,
 * 1 and-not (~dst & src), 2 or, 3 xor; memory operands aligned. */
const logic128: Lowering = (e, i) => {
  const dst = e.d.reg[i];
  const op = e.d.x[i];
  const t = e.tmp(I64);
  const c = e.code;
  return withSource(e, 16, true, (src) => {
    src.q(1);
    c.set(t);
    for (let h = 0; h < 2; h++) {
      setQ(e, dst, h, () => {
        getQ(e, dst, h);
        if (op === 1) c.i64(-1).op(W.I64_XOR);
        if (h === 0) src.q(0);
        else c.get(t);
        c.op(op === 2 ? W.I64_OR : op === 3 ? W.I64_XOR : W.I64_AND);
      });
    }
  });
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
  return packedProvider(r);
};
