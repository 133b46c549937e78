/**
 * Access to XMM registers and 128/64/32-bit memory operands for the SSE
 * handlers. Registers 16 and 17 of core.xmm are scratch slots into which a
 * memory operand is loaded, so every handler works on register indices.
 * Typed-array views share one buffer: lanes are little-endian, as on x86.
 */
import type { X86Core } from '../core';
import { NO_REG } from '../decoded';
import { CR0_EM, CR0_TS, CR4_OSFXSR, EXC_NM, EXC_UD } from '../registers';
import { ea } from '../operands';

export const SCRATCH = 16;
export const SCRATCH2 = 17;

export interface XmmViews {
  i32: Int32Array;
  u32: Uint32Array;
  u8: Uint8Array;
  i8: Int8Array;
  u16: Uint16Array;
  i16: Int16Array;
  f32: Float32Array;
  f64: Float64Array;
}

const cache = new WeakMap<Int32Array, XmmViews>();

export function views(c: X86Core): XmmViews {
  let v = cache.get(c.xmm);
  if (v === undefined) {
    // core.xmm is a window of the bus's memory (core.ts): every view
    // starts at its first byte.
    const b = c.xmm.buffer;
    const at = c.xmm.byteOffset;
    const n = c.xmm.byteLength;
    v = {
      i32: c.xmm,
      u32: new Uint32Array(b, at, n / 4),
      u8: new Uint8Array(b, at, n),
      i8: new Int8Array(b, at, n),
      u16: new Uint16Array(b, at, n / 2),
      i16: new Int16Array(b, at, n / 2),
      f32: new Float32Array(b, at, n / 4),
      f64: new Float64Array(b, at, n / 8),
    };
    cache.set(c.xmm, v);
  }
  return v;
}

/** #UD without CR4.OSFXSR or with CR0.EM; #NM with CR0.TS (SDM vol. 3, 13.1). */
export function checkSse(c: X86Core): void {
  if ((c.cr4 & CR4_OSFXSR) === 0 || (c.cr0 & CR0_EM) !== 0) c.raise(EXC_UD);
  if ((c.cr0 & CR0_TS) !== 0) c.raise(EXC_NM);
}

/** The xmm register index of the W operand: rm, or a scratch slot loaded
 * with `bytes` from memory (aligned 16-byte loads check alignment). */
export function srcW(c: X86Core, i: number, bytes: number, aligned: boolean, slot = SCRATCH): number {
  const r = c.d.rm[i];
  if (r !== NO_REG) return r;
  const a = ea(c, i);
  if (aligned && bytes === 16 && a % 16 !== 0) c.gp(0);
  const x = c.xmm;
  const o = slot * 4;
  if (bytes === 16) {
    // Check the whole range first so a fault leaves nothing half-read.
    x[o] = c.read32(a);
    x[o + 1] = c.read32(a + 4);
    x[o + 2] = c.read32(a + 8);
    x[o + 3] = c.read32(a + 12);
  } else if (bytes === 8) {
    x[o] = c.read32(a);
    x[o + 1] = c.read32(a + 4);
    x[o + 2] = 0;
    x[o + 3] = 0;
  } else if (bytes === 4) {
    x[o] = c.read32(a);
    x[o + 1] = 0;
    x[o + 2] = 0;
    x[o + 3] = 0;
  } else {
    x[o] = c.read16(a);
    x[o + 1] = 0;
    x[o + 2] = 0;
    x[o + 3] = 0;
  }
  return slot;
}

/** Stores `bytes` of xmm register `r` (from byte `from`) to the E/W memory operand. */
export function storeW(c: X86Core, i: number, r: number, bytes: number, aligned: boolean, from = 0): void {
  const a = ea(c, i);
  if (aligned && bytes === 16 && a % 16 !== 0) c.gp(0);
  const x = c.xmm;
  const o = r * 4 + from / 4;
  if (bytes === 16) {
    c.probeWrite(a);
    c.probeWrite(a + 15);
    c.write32(a, x[o]);
    c.write32(a + 4, x[o + 1]);
    c.write32(a + 8, x[o + 2]);
    c.write32(a + 12, x[o + 3]);
  } else if (bytes === 8) {
    c.write64(a, x[o], x[o + 1]);
  } else {
    c.write32(a, x[o]);
  }
}

export function copyXmm(c: X86Core, dst: number, src: number): void {
  const x = c.xmm;
  const d = dst * 4;
  const s = src * 4;
  x[d] = x[s];
  x[d + 1] = x[s + 1];
  x[d + 2] = x[s + 2];
  x[d + 3] = x[s + 3];
}
