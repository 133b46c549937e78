/**
 * SSE/SSE2 data movement and logic: movaps/movups/movapd/movupd/movdqa/
 * movdqu, movss/movsd, movd/movq, movlps/movhps/movlpd/movhpd/movhlps/
 * movlhps, non-temporal stores, pmovmskb/movmskps/movmskpd, and/andn/or/xor
 * (SDM vol. 2). Moves copy bits (never through floats, so NaN payloads
 * survive).
 */
import type { X86Core } from '../core';
import { NO_REG } from '../decoded';
import { getReg, readE, setReg, writeE } from '../operands';
import { checkSse, copyXmm, srcW, storeW, views } from './sse-state';

/** 128-bit load: x = 1 when the memory form must be 16-byte aligned. */
export function movLoad128(c: X86Core, i: number): void {
  checkSse(c);
  const s = srcW(c, i, 16, c.d.x[i] === 1);
  copyXmm(c, c.d.reg[i], s);
}

export function movStore128(c: X86Core, i: number): void {
  checkSse(c);
  const r = c.d.rm[i];
  if (r !== NO_REG) copyXmm(c, r, c.d.reg[i]);
  else storeW(c, i, c.d.reg[i], 16, c.d.x[i] === 1);
}

/** movss/movsd xmm, xmm/m (x = 4 or 8 bytes): register form merges the low
 * lane, memory form zeroes the rest. */
export function movScalarLoad(c: X86Core, i: number): void {
  checkSse(c);
  const bytes = c.d.x[i];
  const d = c.d.reg[i] * 4;
  const x = c.xmm;
  if (c.d.rm[i] !== NO_REG) {
    const s = c.d.rm[i] * 4;
    x[d] = x[s];
    if (bytes === 8) x[d + 1] = x[s + 1];
    return;
  }
  const s = srcW(c, i, bytes, false) * 4;
  x[d] = x[s];
  x[d + 1] = x[s + 1];
  x[d + 2] = 0;
  x[d + 3] = 0;
}

export function movScalarStore(c: X86Core, i: number): void {
  checkSse(c);
  const bytes = c.d.x[i];
  const r = c.d.rm[i];
  const x = c.xmm;
  if (r !== NO_REG) {
    const d = r * 4;
    const s = c.d.reg[i] * 4;
    x[d] = x[s];
    if (bytes === 8) x[d + 1] = x[s + 1];
    return;
  }
  storeW(c, i, c.d.reg[i], bytes, false);
}

/** movd/movq xmm, r/m32|64 (66 0F 6E): zero-extends into the register. */
export function movdToXmm(c: X86Core, i: number): void {
  checkSse(c);
  const size = c.d.osz[i];
  const lo = readE(c, i, size);
  const hi = size === 8 ? c.hi : 0;
  const d = c.d.reg[i] * 4;
  const x = c.xmm;
  x[d] = lo;
  x[d + 1] = hi;
  x[d + 2] = 0;
  x[d + 3] = 0;
}

/** movd/movq r/m32|64, xmm (66 0F 7E). */
export function movdFromXmm(c: X86Core, i: number): void {
  checkSse(c);
  const size = c.d.osz[i];
  const s = c.d.reg[i] * 4;
  writeE(c, i, size, c.xmm[s], size === 8 ? c.xmm[s + 1] : 0);
}

/** movq xmm, xmm/m64 (F3 0F 7E): low quadword, upper zeroed. */
export function movqLoad(c: X86Core, i: number): void {
  checkSse(c);
  const s = srcW(c, i, 8, false) * 4;
  const d = c.d.reg[i] * 4;
  const x = c.xmm;
  x[d] = x[s];
  x[d + 1] = x[s + 1];
  x[d + 2] = 0;
  x[d + 3] = 0;
}

/** movq xmm/m64, xmm (66 0F D6). */
export function movqStore(c: X86Core, i: number): void {
  checkSse(c);
  const r = c.d.rm[i];
  const s = c.d.reg[i] * 4;
  const x = c.xmm;
  if (r === NO_REG) {
    storeW(c, i, c.d.reg[i], 8, false);
    return;
  }
  const d = r * 4;
  x[d] = x[s];
  x[d + 1] = x[s + 1];
  x[d + 2] = 0;
  x[d + 3] = 0;
}

/** movlps/movlpd/movhps/movhpd loads and movhlps/movlhps: x bit 0 = high
 * half of the destination; register forms take the other half of the source. */
export function movHalfLoad(c: X86Core, i: number): void {
  checkSse(c);
  const high = (c.d.x[i] & 1) !== 0;
  const x = c.xmm;
  const d = c.d.reg[i] * 4 + (high ? 2 : 0);
  const r = c.d.rm[i];
  let s: number;
  if (r !== NO_REG) s = r * 4 + (high ? 0 : 2); // movlhps / movhlps
  else s = srcW(c, i, 8, false) * 4;
  x[d] = x[s];
  x[d + 1] = x[s + 1];
}

/** movlps/movlpd/movhps/movhpd stores (x bit 0 = high half). */
export function movHalfStore(c: X86Core, i: number): void {
  checkSse(c);
  storeW(c, i, c.d.reg[i], 8, false, (c.d.x[i] & 1) !== 0 ? 8 : 0);
}

/** movnti m32/64, r (0F C3). */
export function movnti(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = getReg(c, c.d.reg[i], size);
  writeE(c, i, size, v, c.hi);
}

/** pmovmskb (x = 1), movmskps (x = 4), movmskpd (x = 8). */
export function moveMask(c: X86Core, i: number): void {
  checkSse(c);
  const lane = c.d.x[i];
  const v = views(c);
  const s = c.d.rm[i];
  let m = 0;
  if (lane === 1) for (let k = 0; k < 16; k++) m |= (v.u8[s * 16 + k] >> 7) << k;
  else if (lane === 4) for (let k = 0; k < 4; k++) m |= (v.u32[s * 4 + k] >>> 31) << k;
  else for (let k = 0; k < 2; k++) m |= (v.u32[s * 4 + k * 2 + 1] >>> 31) << k;
  setReg(c, c.d.reg[i], c.d.osz[i] === 8 ? 8 : 4, m, 0);
}

/** and/andn/or/xor on 128 bits (x = 0..3), the ps, pd and p forms alike. */
export function logic128(c: X86Core, i: number): void {
  checkSse(c);
  const s = srcW(c, i, 16, true) * 4;
  const d = c.d.reg[i] * 4;
  const x = c.xmm;
  const op = c.d.x[i];
  for (let k = 0; k < 4; k++) {
    const a = x[d + k];
    const b = x[s + k];
    x[d + k] = op === 0 ? a & b : op === 1 ? ~a & b : op === 2 ? a | b : a ^ b;
  }
}
