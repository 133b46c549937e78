/**
 * Wasm lowerings of SSE2's packed integer instructions as WebAssembly
 * SIMD (v128) operations on xmm in the core area: the lane-wise add, sub,
 * saturating add/sub, min/max, average, compares and pmullw of
 * ops/sse-int.ts packedArith; the unpacks and packs (packedShuffle); the
 * shifts by an immediate, psrldq/pslldq included (packedShiftImm);
 * pshufd/pshufhw/pshuflw (pshuf); pmovmskb/movmskps/movmskpd (ops/
 * sse-move.ts moveMask). Each WebAssembly operation named here has the
 * x86 instruction's lane semantics exactly (wrapping, signed or unsigned
 * saturation, rounding-up average, all-ones compares); shift counts past
 * the lane width, which wasm takes modulo the width, are resolved at
 * compile time from the immediate. Everything else (pmulhw, pmuludq,
 * pmaddwd, psadbw, shifts by an xmm count) calls its handler.
 * Operands and the inline path's rules: sse-operands.ts.
 */
import { W } from '../../wasm/encoder';
import type { Code } from '../../wasm/encoder';
import type { OpcodeRow } from '../opcode-table';
import * as pi from '../ops/sse-int';
import * as mv from '../ops/sse-move';
import type { Lowering } from './emitter';
import { SIMD, getV, inlineElseHandler, setV, sseOn, withSource } from './sse-operands';

const V128_CONST = 0x0c;
const I8X16_SHUFFLE = 0x0d;

/** Emits SIMD operation `op` (its LEB128 opcode after the prefix). */
function simd(c: Code, op: number): void {
  if (op < 0x80) c.op(SIMD, op);
  else c.op(SIMD, (op & 0x7f) | 0x80, op >> 7);
}

/** packedArith's operation x -> the SIMD opcode (WebAssembly 5.4.8):
 * dst = dst OP src lane-wise; -1: no lowering. */
const ARITH = [
  0x6e, 0x8e, 0xae, 0xce, // paddb paddw paddd paddq: i8x16/i16x8/i32x4/i64x2.add
  0x71, 0x91, 0xb1, 0xd1, // psubb psubw psubd psubq: .sub
  0x6f, 0x8f, 0x72, 0x92, // paddsb paddsw psubsb psubsw: add_sat_s, sub_sat_s
  0x70, 0x90, 0x73, 0x93, // paddusb paddusw psubusb psubusw: add_sat_u, sub_sat_u
  0x77, 0x79, 0x96, 0x98, // pminub pmaxub pminsw pmaxsw: i8x16.min_u/max_u, i16x8.min_s/max_s
  0x7b, 0x9b, // pavgb pavgw: avgr_u
  0x23, 0x2d, 0x37, // pcmpeqb/w/d: eq
  0x27, 0x31, 0x3b, // pcmpgtb/w/d: gt_s
  0x95, // pmullw: i16x8.mul
];

/** Pushes a zero v128. */
function zeroV(c: Code): void {
  simd(c, V128_CONST);
  c.op(...new Array<number>(16).fill(0));
}

/** i8x16.shuffle of the two v128 on the stack (lane k: `lanes[k]`, 0-15
 * the first, 16-31 the second). */
function shuffle(c: Code, lanes: number[]): void {
  simd(c, I8X16_SHUFFLE);
  c.op(...lanes);
}

const packedArith: Lowering = (e, i) => {
  const op = ARITH[e.d.x[i]] ?? -1;
  if (op < 0) return false;
  const dst = e.d.reg[i];
  return withSource(e, 16, true, (src) => {
    setV(e, dst, () => {
      getV(e, dst);
      src.v();
      simd(e.code, op);
    });
  });
};

/** The byte lanes of unpack x (0-3: low bw/wd/dq/qdq, 4-7: high) of
 * shuffle(dst, src), as packedShuffle interleaves them. */
function unpackLanes(x: number): number[] {
  const high = x >= 4;
  const lane = 1 << (x & 3);
  const out = new Array<number>(16);
  for (let k = 0; k < 8 / lane; k++) {
    for (let b = 0; b < lane; b++) {
      const from = (high ? 8 : 0) + k * lane + b;
      out[2 * k * lane + b] = from;
      out[(2 * k + 1) * lane + b] = 16 + from;
    }
  }
  return out;
}

/** packsswb, packssdw, packuswb: i8x16.narrow_i16x8_s, i16x8.narrow_i32x4_s,
 * i8x16.narrow_i16x8_u (signed input, unsigned saturation). */
const PACKS = [0x65, 0x85, 0x66];

const packedShuffle: Lowering = (e, i) => {
  const x = e.d.x[i];
  const dst = e.d.reg[i];
  return withSource(e, 16, true, (src) => {
    setV(e, dst, () => {
      getV(e, dst);
      src.v();
      if (x < 8) shuffle(e.code, unpackLanes(x));
      else simd(e.code, PACKS[x - 8]);
    });
  });
};

/** shl, shr_s, shr_u at 16, 32, 64 bits (i16x8, i32x4, i64x2). */
const SHL = [0x8b, 0xab, 0xcb];
const SHR_S = [0x8c, 0xac, 0xcc];
const SHR_U = [0x8d, 0xad, 0xcd];

/** The shift of x (0 srlw 1 srld 2 srlq 3 sraw 4 srad 5 sllw 6 slld 7 sllq
 * 8 psrldq 9 pslldq) by n of v128 `push` pushes, as shiftLanes. */
function shiftBy(c: Code, x: number, n: number, push: () => void): void {
  if (x >= 8) {
    const bytes = Math.min(n, 16);
    const lanes: number[] = [];
    for (let k = 0; k < 16; k++) {
      const from = x === 8 ? k + bytes : k - bytes;
      lanes.push(from >= 0 && from < 16 ? from : 16);
    }
    push();
    zeroV(c);
    shuffle(c, lanes);
    return;
  }
  const kind = x < 3 ? SHR_U : x < 5 ? SHR_S : SHL;
  const width = x === 0 || x === 3 || x === 5 ? 0 : x === 1 || x === 4 || x === 6 ? 1 : 2;
  const bits = 16 << width;
  if (n >= bits && kind !== SHR_S) {
    zeroV(c);
    return;
  }
  push();
  c.i32(Math.min(n, bits - 1));
  simd(c, kind[width]);
}

const packedShiftImm: Lowering = (e, i) => {
  const r = e.d.rm[i];
  const x = e.d.x[i];
  const n = e.d.imm[i] & 0xff;
  sseOn(e);
  inlineElseHandler(e, () => setV(e, r, () => shiftBy(e.code, x, n, () => getV(e, r))));
  return true;
};

/** pshufd (x 0), pshufhw (1), pshuflw (2) by imm8: byte lanes of
 * shuffle(src, anything). */
function pshufLanes(x: number, imm: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < 16; k++) out.push(k);
  if (x === 0) {
    for (let k = 0; k < 4; k++) for (let b = 0; b < 4; b++) out[4 * k + b] = 4 * ((imm >> (2 * k)) & 3) + b;
  } else {
    const base = x === 1 ? 8 : 0;
    for (let k = 0; k < 4; k++) for (let b = 0; b < 2; b++) out[base + 2 * k + b] = base + 2 * ((imm >> (2 * k)) & 3) + b;
  }
  return out;
}

const pshuf: Lowering = (e, i) => {
  const lanes = pshufLanes(e.d.x[i], e.d.imm[i] & 0xff);
  const dst = e.d.reg[i];
  return withSource(e, 16, true, (src) => {
    setV(e, dst, () => {
      src.v();
      zeroV(e.code);
      shuffle(e.code, lanes);
    });
  });
};

/** pmovmskb (x 1), movmskps (4), movmskpd (8): i8x16/i32x4/i64x2.bitmask,
 * zero-extended into the whole register. */
const moveMask: Lowering = (e, i) => {
  const x = e.d.x[i];
  const r = e.d.rm[i];
  const dst = e.d.reg[i];
  sseOn(e);
  inlineElseHandler(e, () => {
    getV(e, r);
    simd(e.code, x === 1 ? 0x64 : x === 4 ? 0xa4 : 0xc4);
    e.code.op(W.I64_EXTEND_I32_U);
    e.setReg(dst);
  });
  return true;
};

/** The packed integer lowerings by handler. */
export function packedProvider(r: OpcodeRow): Lowering | null {
  switch (r.fn) {
    case pi.packedArith:
      return packedArith;
    case pi.packedShuffle:
      return packedShuffle;
    case pi.packedShiftImm:
      return packedShiftImm;
    case pi.pshuf:
      return pshuf;
    case mv.moveMask:
      return moveMask;
  }
  return null;
}
