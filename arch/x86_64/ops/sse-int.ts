/**
 * SSE2 packed integer instructions: add/sub (wrapping and saturating),
 * min/max, average, compares, multiplies, psadbw, unpacks and packs,
 * shifts, pshufd/pshufhw/pshuflw, pextrw/pinsrw (SDM vol. 2, the P...
 * entries). Lanes are read through typed-array views of core.xmm.
 */
import type { X86Core } from '../core';
import { NO_REG } from '../decoded';
import { readE, setReg } from '../operands';
import { SCRATCH2, checkSse, copyXmm, srcW, views } from './sse-state';

const satS8 = (v: number): number => (v > 127 ? 127 : v < -128 ? -128 : v);
const satS16 = (v: number): number => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);
const satU8 = (v: number): number => (v > 255 ? 255 : v < 0 ? 0 : v);
const satU16 = (v: number): number => (v > 65535 ? 65535 : v < 0 ? 0 : v);

/** Lane-wise arithmetic and compares (x = operation, see the table rows). */
export function packedArith(c: X86Core, i: number): void {
  checkSse(c);
  const op = c.d.x[i];
  const s = srcW(c, i, 16, true);
  const d = c.d.reg[i];
  const v = views(c);
  const B = d * 16;
  const Sb = s * 16;
  const W = d * 8;
  const Sw = s * 8;
  const D = d * 4;
  const Sd = s * 4;
  switch (op) {
    case 0: for (let k = 0; k < 16; k++) v.u8[B + k] = v.u8[B + k] + v.u8[Sb + k]; break;
    case 1: for (let k = 0; k < 8; k++) v.u16[W + k] = v.u16[W + k] + v.u16[Sw + k]; break;
    case 2: for (let k = 0; k < 4; k++) v.i32[D + k] = (v.i32[D + k] + v.i32[Sd + k]) | 0; break;
    case 3: for (let k = 0; k < 4; k += 2) {
      const lo = (v.u32[D + k] >>> 0) + (v.u32[Sd + k] >>> 0);
      v.i32[D + k] = lo | 0;
      v.i32[D + k + 1] = (v.i32[D + k + 1] + v.i32[Sd + k + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
    } break;
    case 4: for (let k = 0; k < 16; k++) v.u8[B + k] = v.u8[B + k] - v.u8[Sb + k]; break;
    case 5: for (let k = 0; k < 8; k++) v.u16[W + k] = v.u16[W + k] - v.u16[Sw + k]; break;
    case 6: for (let k = 0; k < 4; k++) v.i32[D + k] = (v.i32[D + k] - v.i32[Sd + k]) | 0; break;
    case 7: for (let k = 0; k < 4; k += 2) {
      const lo = (v.u32[D + k] >>> 0) - (v.u32[Sd + k] >>> 0);
      v.i32[D + k] = lo | 0;
      v.i32[D + k + 1] = (v.i32[D + k + 1] - v.i32[Sd + k + 1] - (lo < 0 ? 1 : 0)) | 0;
    } break;
    case 8: for (let k = 0; k < 16; k++) v.i8[B + k] = satS8(v.i8[B + k] + v.i8[Sb + k]); break;
    case 9: for (let k = 0; k < 8; k++) v.i16[W + k] = satS16(v.i16[W + k] + v.i16[Sw + k]); break;
    case 10: for (let k = 0; k < 16; k++) v.i8[B + k] = satS8(v.i8[B + k] - v.i8[Sb + k]); break;
    case 11: for (let k = 0; k < 8; k++) v.i16[W + k] = satS16(v.i16[W + k] - v.i16[Sw + k]); break;
    case 12: for (let k = 0; k < 16; k++) v.u8[B + k] = satU8(v.u8[B + k] + v.u8[Sb + k]); break;
    case 13: for (let k = 0; k < 8; k++) v.u16[W + k] = satU16(v.u16[W + k] + v.u16[Sw + k]); break;
    case 14: for (let k = 0; k < 16; k++) v.u8[B + k] = satU8(v.u8[B + k] - v.u8[Sb + k]); break;
    case 15: for (let k = 0; k < 8; k++) v.u16[W + k] = satU16(v.u16[W + k] - v.u16[Sw + k]); break;
    case 16: for (let k = 0; k < 16; k++) v.u8[B + k] = Math.min(v.u8[B + k], v.u8[Sb + k]); break;
    case 17: for (let k = 0; k < 16; k++) v.u8[B + k] = Math.max(v.u8[B + k], v.u8[Sb + k]); break;
    case 18: for (let k = 0; k < 8; k++) v.i16[W + k] = Math.min(v.i16[W + k], v.i16[Sw + k]); break;
    case 19: for (let k = 0; k < 8; k++) v.i16[W + k] = Math.max(v.i16[W + k], v.i16[Sw + k]); break;
    case 20: for (let k = 0; k < 16; k++) v.u8[B + k] = (v.u8[B + k] + v.u8[Sb + k] + 1) >> 1; break;
    case 21: for (let k = 0; k < 8; k++) v.u16[W + k] = (v.u16[W + k] + v.u16[Sw + k] + 1) >> 1; break;
    case 22: for (let k = 0; k < 16; k++) v.u8[B + k] = v.u8[B + k] === v.u8[Sb + k] ? 0xff : 0; break;
    case 23: for (let k = 0; k < 8; k++) v.u16[W + k] = v.u16[W + k] === v.u16[Sw + k] ? 0xffff : 0; break;
    case 24: for (let k = 0; k < 4; k++) v.i32[D + k] = v.i32[D + k] === v.i32[Sd + k] ? -1 : 0; break;
    case 25: for (let k = 0; k < 16; k++) v.u8[B + k] = v.i8[B + k] > v.i8[Sb + k] ? 0xff : 0; break;
    case 26: for (let k = 0; k < 8; k++) v.u16[W + k] = v.i16[W + k] > v.i16[Sw + k] ? 0xffff : 0; break;
    case 27: for (let k = 0; k < 4; k++) v.i32[D + k] = v.i32[D + k] > v.i32[Sd + k] ? -1 : 0; break;
    case 28: for (let k = 0; k < 8; k++) v.u16[W + k] = Math.imul(v.i16[W + k], v.i16[Sw + k]); break;
    case 29: for (let k = 0; k < 8; k++) v.u16[W + k] = (v.i16[W + k] * v.i16[Sw + k]) >> 16; break;
    case 30: for (let k = 0; k < 8; k++) v.u16[W + k] = (v.u16[W + k] * v.u16[Sw + k]) >>> 16; break;
    case 31: for (let k = 0; k < 4; k += 2) {
      // pmuludq: 32x32 -> 64 of the even dwords.
      const a = v.u32[D + k];
      const b = v.u32[Sd + k];
      const aL = a & 0xffff, aH = a >>> 16, bL = b & 0xffff, bH = b >>> 16;
      const ll = aL * bL, lh = aL * bH, hl = aH * bL;
      const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
      v.i32[D + k] = (ll & 0xffff) | (mid << 16);
      v.i32[D + k + 1] = (aH * bH + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
    } break;
    case 32: for (let k = 0; k < 4; k++) {
      const p = v.i16[W + 2 * k] * v.i16[Sw + 2 * k] + v.i16[W + 2 * k + 1] * v.i16[Sw + 2 * k + 1];
      v.i32[D + k] = p | 0;
    } break;
    default: for (let h = 0; h < 2; h++) {
      // psadbw: sums of absolute differences per 8-byte half.
      let sum = 0;
      for (let k = 0; k < 8; k++) sum += Math.abs(v.u8[B + h * 8 + k] - v.u8[Sb + h * 8 + k]);
      v.i32[D + h * 2] = sum;
      v.i32[D + h * 2 + 1] = 0;
    } break;
  }
}

/** Unpacks (x 0-3 low bw/wd/dq/qdq, 4-7 high) and packs (8 packsswb,
 * 9 packssdw, 10 packuswb). The result is built in a scratch register. */
export function packedShuffle(c: X86Core, i: number): void {
  checkSse(c);
  const op = c.d.x[i];
  const s = srcW(c, i, 16, true);
  const d = c.d.reg[i];
  const v = views(c);
  const t = SCRATCH2;
  if (op < 8) {
    const high = op >= 4;
    const lane = 1 << (op & 3); // bytes per lane
    const half = 8 / lane; // lanes taken from each source
    for (let k = 0; k < half; k++) {
      for (let b = 0; b < lane; b++) {
        const from = (high ? 8 : 0) + k * lane + b;
        v.u8[t * 16 + 2 * k * lane + b] = v.u8[d * 16 + from];
        v.u8[t * 16 + (2 * k + 1) * lane + b] = v.u8[s * 16 + from];
      }
    }
  } else if (op === 8) {
    for (let k = 0; k < 8; k++) v.i8[t * 16 + k] = satS8(v.i16[d * 8 + k]);
    for (let k = 0; k < 8; k++) v.i8[t * 16 + 8 + k] = satS8(v.i16[s * 8 + k]);
  } else if (op === 9) {
    for (let k = 0; k < 4; k++) v.i16[t * 8 + k] = satS16(v.i32[d * 4 + k]);
    for (let k = 0; k < 4; k++) v.i16[t * 8 + 4 + k] = satS16(v.i32[s * 4 + k]);
  } else {
    for (let k = 0; k < 8; k++) v.u8[t * 16 + k] = satU8(v.i16[d * 8 + k]);
    for (let k = 0; k < 8; k++) v.u8[t * 16 + 8 + k] = satU8(v.i16[s * 8 + k]);
  }
  copyXmm(c, d, t);
}

/** Shifts each lane of `d` by `n` (x: 0 srlw 1 srld 2 srlq 3 sraw 4 srad
 * 5 sllw 6 slld 7 sllq 8 psrldq 9 pslldq); n is unsigned 64-bit (>= 2^32
 * given as a huge number). */
function shiftLanes(c: X86Core, d: number, op: number, n: number): void {
  const v = views(c);
  const x = c.xmm;
  if (op === 8 || op === 9) {
    const bytes = n > 16 ? 16 : n;
    const t = SCRATCH2 * 16;
    for (let k = 0; k < 16; k++) {
      const from = op === 8 ? k + bytes : k - bytes;
      v.u8[t + k] = from >= 0 && from < 16 ? v.u8[d * 16 + from] : 0;
    }
    copyXmm(c, d, SCRATCH2);
    return;
  }
  const kind = op < 3 ? 'srl' : op < 5 ? 'sra' : 'sll';
  const bits = op === 0 || op === 3 || op === 5 ? 16 : op === 1 || op === 4 || op === 6 ? 32 : 64;
  if (bits === 16) {
    for (let k = 0; k < 8; k++) {
      const a = v.u16[d * 8 + k];
      if (kind === 'sra') v.i16[d * 8 + k] = v.i16[d * 8 + k] >> (n > 15 ? 15 : n);
      else if (n > 15) v.u16[d * 8 + k] = 0;
      else v.u16[d * 8 + k] = kind === 'srl' ? a >>> n : a << n;
    }
  } else if (bits === 32) {
    for (let k = 0; k < 4; k++) {
      const a = x[d * 4 + k];
      if (kind === 'sra') x[d * 4 + k] = a >> (n > 31 ? 31 : n);
      else if (n > 31) x[d * 4 + k] = 0;
      else x[d * 4 + k] = kind === 'srl' ? a >>> n : a << n;
    }
  } else {
    for (let k = 0; k < 4; k += 2) {
      const lo = x[d * 4 + k];
      const hi = x[d * 4 + k + 1];
      let rl = 0;
      let rh = 0;
      if (n === 0) {
        rl = lo;
        rh = hi;
      } else if (n < 32) {
        if (kind === 'srl') {
          rl = (lo >>> n) | (hi << (32 - n));
          rh = hi >>> n;
        } else {
          rh = (hi << n) | (lo >>> (32 - n));
          rl = lo << n;
        }
      } else if (n < 64) {
        if (kind === 'srl') rl = n === 32 ? hi : hi >>> (n - 32);
        else rh = n === 32 ? lo : lo << (n - 32);
      }
      x[d * 4 + k] = rl;
      x[d * 4 + k + 1] = rh;
    }
  }
}

/** psrlw..psllq xmm, xmm/m128: the count is the source's low quadword. */
export function packedShiftXmm(c: X86Core, i: number): void {
  checkSse(c);
  const s = srcW(c, i, 16, true);
  const lo = c.xmm[s * 4] >>> 0;
  const hi = c.xmm[s * 4 + 1];
  shiftLanes(c, c.d.reg[i], c.d.x[i], hi !== 0 ? 0xffffffff : lo);
}

/** Group 12/13/14 shifts by imm8 of the register in ModRM.rm. */
export function packedShiftImm(c: X86Core, i: number): void {
  checkSse(c);
  shiftLanes(c, c.d.rm[i], c.d.x[i], c.d.imm[i] & 0xff);
}

/** pshufd (x = 0), pshufhw (1), pshuflw (2). */
export function pshuf(c: X86Core, i: number): void {
  checkSse(c);
  const s = srcW(c, i, 16, true);
  const d = c.d.reg[i];
  const imm = c.d.imm[i] & 0xff;
  const v = views(c);
  const t = SCRATCH2;
  const op = c.d.x[i];
  copyXmm(c, t, s);
  if (op === 0) {
    for (let k = 0; k < 4; k++) v.i32[t * 4 + k] = v.i32[s * 4 + ((imm >> (2 * k)) & 3)];
  } else {
    const base = op === 1 ? 4 : 0;
    for (let k = 0; k < 4; k++) v.u16[t * 8 + base + k] = v.u16[s * 8 + base + ((imm >> (2 * k)) & 3)];
  }
  copyXmm(c, d, t);
}

/** pextrw r32, xmm, imm8 (66 0F C5). */
export function pextrw(c: X86Core, i: number): void {
  checkSse(c);
  const v = views(c);
  setReg(c, c.d.reg[i], c.d.osz[i] === 8 ? 8 : 4, v.u16[c.d.rm[i] * 8 + (c.d.imm[i] & 7)], 0);
}

/** pinsrw xmm, r32/m16, imm8 (66 0F C4). */
export function pinsrw(c: X86Core, i: number): void {
  checkSse(c);
  const w = c.d.rm[i] === NO_REG ? readE(c, i, 2) : c.rl[c.d.rm[i]] & 0xffff;
  views(c).u16[c.d.reg[i] * 8 + (c.d.imm[i] & 7)] = w;
}
