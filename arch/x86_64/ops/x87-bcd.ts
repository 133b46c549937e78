/**
 * x87 packed BCD loads and stores (SDM vol. 1, 4.7 and vol. 2 FBLD/FBSTP):
 * an m80bcd is 18 decimal digits, two per byte (byte 0 least significant),
 * and a sign in bit 7 of byte 9 (bits 6:0 of byte 9 are ignored on load and
 * written as zero).
 */
import type { X86Core } from '../core';
import { ea } from '../operands';
import * as f80 from '../float80';
import { ctl, EXC_IE, OUT } from '../float80';
import { commit, enterOp, noteData, pop, pushOut, setC1FromRounding, SW_C1, underflow } from './x87-state';

/** 10^9, the base of the two halves of an 18-digit number. */
const E9 = 1000000000;

/**
 * fbld m80bcd: pushes the (exact) value. Nibbles above 9 are not checked:
 * the SDM leaves them undefined; the host weighs them like digits
 * (nibble * 10^k), which is what the positional sum below does.
 */
export function fbld(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const a = ea(c, i);
  noteData(c, f, i, a);
  f.sw &= ~SW_C1;
  // Digits 17..10 (bytes 8..5) and 9..0 (bytes 4..0); nibbles up to 15 keep both below 2^35.
  let low = 0;
  let high = 0;
  for (let k = 8; k >= 0; k--) {
    const b = c.read8(a + k);
    const v = (b >>> 4) * 10 + (b & 15);
    if (k >= 5) high = high * 100 + v;
    else low = low * 100 + v;
  }
  // value = high * 10^10 + low.
  const sign = (c.read8(a + 9) >>> 7) & 1;
  // Split high * 10^10 + low into 32-bit halves without losing bits:
  // high < 1.8e8 and 10^10 = 2^10 * 9765625, so high * 9765625 < 2^51 is exact.
  const h1 = high * 9765625; // times 2^10 still to apply
  const h1Hi = Math.floor(h1 / 4194304); // h1 * 2^10 / 2^32
  const h1Lo = (h1 - h1Hi * 4194304) * 1024; // < 2^32
  const lowHi = Math.floor(low / 4294967296);
  const lowLo = low - lowHi * 4294967296;
  let lo = h1Lo + lowLo;
  let hi = h1Hi + lowHi;
  if (lo >= 4294967296) {
    lo -= 4294967296;
    hi += 1;
  }
  f80.fromInt(sign, hi >>> 0, lo >>> 0);
  if ((hi | lo) === 0) OUT[0] = sign << 15; // -0 loads as -0
  pushOut(f);
  commit(f);
}

/** The packed BCD indefinite (SDM vol. 1, table 4-4): FFFF C000 0000 0000 0000. */
function storeIndefinite(c: X86Core, a: number): void {
  c.write32(a, 0);
  c.write32(a + 4, 0xc0000000 | 0);
  c.write16(a + 8, 0xffff);
}

/**
 * fbstp m80bcd: rounds ST(0) to an integer by RC, stores 18 digits and the
 * sign (a negative value rounding to zero stores -0), pops. NaN, infinity,
 * unsupported encodings and magnitudes of 10^18 or more after rounding are
 * invalid (IE; the masked response stores the BCD indefinite). Denormals
 * raise no #D (the host agrees).
 */
export function fbstp(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  const a = ea(c, i);
  noteData(c, f, i, a);
  f.sw &= ~SW_C1;
  let ok = false;
  let hi = 0;
  let lo = 0;
  let sign = 0;
  if (!underflow(f, 0)) {
    const p = f.top;
    const se = f.se[p];
    sign = (se >>> 15) & 1;
    if ((se & 0x7fff) !== 0x7fff && !f80.isUnsupported(se, f.hi[p]) && f80.toIntMagnitude(se, f.hi[p], f.lo[p], f.rc()) === 0) {
      hi = OUT[1] >>> 0;
      lo = OUT[2] >>> 0;
      // 10^18 = 0x0DE0B6B3_A7640000
      ok = hi < 0x0de0b6b3 || (hi === 0x0de0b6b3 && lo < 0xa7640000);
    }
  }
  if (!ok) {
    ctl.exc = (ctl.exc & ~f80.EXC_PE) | EXC_IE;
    ctl.roundedUp = 0;
    if ((f.cw & EXC_IE) === 0) {
      commit(f); // unmasked: memory and the stack are left unchanged (#MF at the next waiting instruction)
      return;
    }
    storeIndefinite(c, a);
  } else {
    // value = hi * 2^32 + lo < 10^18 = upper * 10^9 + rem: long division over 16-bit limbs (exact in doubles).
    let rem = 0;
    let upper = 0;
    for (let k = 0; k < 4; k++) {
      const limb = k === 0 ? hi >>> 16 : k === 1 ? hi & 0xffff : k === 2 ? lo >>> 16 : lo & 0xffff;
      const cur = rem * 65536 + limb;
      const q = Math.floor(cur / E9);
      rem = cur - q * E9;
      upper = upper * 65536 + q;
    }
    // Digits 0..8 from rem, 9..17 from upper; byte k holds digits 2k (low nibble) and 2k+1.
    for (let k = 0; k < 9; k++) {
      let byte = 0;
      for (let n = 0; n < 2; n++) {
        const digit = 2 * k + n;
        let d: number;
        if (digit < 9) {
          d = rem % 10;
          rem = (rem - d) / 10;
        } else {
          d = upper % 10;
          upper = (upper - d) / 10;
        }
        byte |= d << (4 * n);
      }
      c.write8(a + k, byte);
    }
    c.write8(a + 9, sign << 7);
    setC1FromRounding(f);
  }
  pop(f);
  commit(f);
}
