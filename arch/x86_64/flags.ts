/**
 * Lazy arithmetic flags (SDM vol. 1, 3.4.3.1). A flag-setting instruction
 * records its kind, operand size, operands and result (64-bit values as two
 * int32 halves); CF/PF/AF/ZF/SF/OF are computed only when something reads
 * them (jcc, setcc, cmov, adc, pushf...). Values of 1/2/4-byte operations are
 * kept masked to their size in the low half.
 */
import type { X86Core } from './core';

export const CF = 1 << 0;
export const PF = 1 << 2;
export const AF = 1 << 4;
export const ZF = 1 << 6;
export const SF = 1 << 7;
export const TF = 1 << 8;
export const IF = 1 << 9;
export const DF = 1 << 10;
export const OF = 1 << 11;
export const IOPL = 3 << 12;
export const NT = 1 << 14;
export const RF = 1 << 16;
export const AC = 1 << 18;
export const ID = 1 << 21;
export const ARITH = CF | PF | AF | ZF | SF | OF;
/** Bits software may change with popfq at CPL 0 (no VM, VIF, VIP). */
export const WRITABLE = ARITH | TF | IF | DF | IOPL | NT | RF | AC | ID;

/** Lazy flag kinds (X86Core.fop). A const enum, so that tsc writes the
 * numbers in place: a module-level const is a context slot, which V8's
 * optimized code loads and checks for the hole at every use. */
export const enum LazyOp {
  /** The arithmetic flags are materialised in core.flags. */
  NONE = 0,
  ADD = 1,
  ADC = 2,
  SUB = 3,
  SBB = 4,
  /** CF=OF=0, AF=0. */
  LOGIC = 5,
  /** CF preserved in fcin. */
  INC = 6,
  DEC = 7,
  /** ZF/SF/PF from the result, CF/OF/AF in fcf/fof/faf. */
  EXPLICIT = 8,
}

const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let bits = i;
  bits ^= bits >> 4;
  bits ^= bits >> 2;
  bits ^= bits >> 1;
  PARITY[i] = bits & 1 ? 0 : 1;
}

export const SIZE_MASK = [0, 0xff, 0xffff, 0, 0xffffffff, 0, 0, 0, 0xffffffff];
export const SIZE_SIGN_SHIFT = [0, 7, 15, 0, 31, 0, 0, 0, 31];

function ult(c: X86Core, aLo: number, aHi: number, bLo: number, bHi: number): boolean {
  if (c.fsz === 8 && aHi !== bHi) return aHi >>> 0 < bHi >>> 0;
  return aLo >>> 0 < bLo >>> 0;
}

export function getCF(c: X86Core): number {
  switch (c.fop) {
    case LazyOp.NONE:
      return c.flags & CF;
    case LazyOp.ADD:
      return ult(c, c.fres, c.fresH, c.fa, c.faH) ? 1 : 0;
    case LazyOp.ADC:
      return ult(c, c.fres, c.fresH, c.fa, c.faH) || (c.fcin !== 0 && c.fres === c.fa && c.fresH === c.faH) ? 1 : 0;
    case LazyOp.SUB:
      return ult(c, c.fa, c.faH, c.fb, c.fbH) ? 1 : 0;
    case LazyOp.SBB:
      return ult(c, c.fa, c.faH, c.fb, c.fbH) || (c.fcin !== 0 && c.fa === c.fb && c.faH === c.fbH) ? 1 : 0;
    case LazyOp.LOGIC:
      return 0;
    case LazyOp.INC:
    case LazyOp.DEC:
      return c.fcin;
    default:
      return c.fcf;
  }
}

function signOf(c: X86Core, lo: number, hi: number): number {
  return c.fsz === 8 ? hi >>> 31 : (lo >>> SIZE_SIGN_SHIFT[c.fsz]) & 1;
}

export function getZF(c: X86Core): number {
  if (c.fop === LazyOp.NONE) return (c.flags >> 6) & 1;
  return c.fres === 0 && (c.fsz !== 8 || c.fresH === 0) ? 1 : 0;
}

export function getSF(c: X86Core): number {
  if (c.fop === LazyOp.NONE) return (c.flags >> 7) & 1;
  return signOf(c, c.fres, c.fresH);
}

export function getPF(c: X86Core): number {
  if (c.fop === LazyOp.NONE) return (c.flags >> 2) & 1;
  return PARITY[c.fres & 0xff];
}

export function getAF(c: X86Core): number {
  switch (c.fop) {
    case LazyOp.NONE:
      return (c.flags >> 4) & 1;
    case LazyOp.LOGIC:
      return 0;
    case LazyOp.EXPLICIT:
      return c.faf;
    default:
      return ((c.fa ^ c.fb ^ c.fres) >> 4) & 1;
  }
}

export function getOF(c: X86Core): number {
  switch (c.fop) {
    case LazyOp.NONE:
      return (c.flags >> 11) & 1;
    case LazyOp.ADD:
    case LazyOp.ADC:
      return signOf(c, (c.fa ^ c.fres) & (c.fb ^ c.fres), (c.faH ^ c.fresH) & (c.fbH ^ c.fresH));
    case LazyOp.SUB:
    case LazyOp.SBB:
      return signOf(c, (c.fa ^ c.fb) & (c.fa ^ c.fres), (c.faH ^ c.fbH) & (c.faH ^ c.fresH));
    case LazyOp.LOGIC:
      return 0;
    case LazyOp.INC:
      // Overflow exactly when the result is the most negative value.
      return signOf(c, c.fres & ~c.fa, c.fresH & ~c.faH);
    case LazyOp.DEC:
      return signOf(c, c.fa & ~c.fres, c.faH & ~c.fresH);
    default:
      return c.fof;
  }
}

/** Full RFLAGS with the lazy bits computed. */
export function readFlags(c: X86Core): number {
  if (c.fop === LazyOp.NONE) return c.flags;
  return (
    (c.flags & ~ARITH) |
    getCF(c) |
    (getPF(c) << 2) |
    (getAF(c) << 4) |
    (getZF(c) << 6) |
    (getSF(c) << 7) |
    (getOF(c) << 11)
  );
}

/** Materialises the lazy flags into core.flags (before a partial update). */
export function materialize(c: X86Core): void {
  if (c.fop !== LazyOp.NONE) {
    c.flags = readFlags(c);
    c.fop = LazyOp.NONE;
  }
}

function isZero(c: X86Core): boolean {
  return c.fres === 0 && (c.fsz !== 8 || c.fresH === 0);
}

/** Signed a < b for the recorded operands of a subtraction. */
function slt(c: X86Core): boolean {
  const sz = c.fsz;
  if (sz === 8) return c.faH < c.fbH || (c.faH === c.fbH && c.fa >>> 0 < c.fb >>> 0);
  if (sz === 4) return c.fa < c.fb;
  const sh = 32 - sz * 8;
  return (c.fa << sh) >> sh < (c.fb << sh) >> sh;
}

/** Condition codes 0..15 (SDM vol. 1, B.1: O NO B AE E NE BE A S NS P NP L GE LE G). */
export function testCC(c: X86Core, cc: number): boolean {
  // Fast paths straight from the recorded operation (cmp/sub, test/and, dec).
  const op = c.fop;
  const inv = (cc & 1) !== 0;
  if (op === LazyOp.SUB) {
    switch (cc >> 1) {
      case 1:
        return ult(c, c.fa, c.faH, c.fb, c.fbH) !== inv;
      case 2:
        return isZero(c) !== inv;
      case 3:
        return (ult(c, c.fa, c.faH, c.fb, c.fbH) || isZero(c)) !== inv;
      case 6:
        return slt(c) !== inv;
      case 7:
        return (slt(c) || isZero(c)) !== inv;
    }
  } else if (op === LazyOp.LOGIC || op === LazyOp.DEC || op === LazyOp.INC) {
    if (cc >> 1 === 2) return isZero(c) !== inv;
  }
  let r: boolean;
  switch (cc >> 1) {
    case 0:
      r = getOF(c) !== 0;
      break;
    case 1:
      r = getCF(c) !== 0;
      break;
    case 2:
      r = getZF(c) !== 0;
      break;
    case 3:
      r = (getCF(c) | getZF(c)) !== 0;
      break;
    case 4:
      r = getSF(c) !== 0;
      break;
    case 5:
      r = getPF(c) !== 0;
      break;
    case 6:
      r = getSF(c) !== getOF(c);
      break;
    default:
      r = getZF(c) !== 0 || getSF(c) !== getOF(c);
      break;
  }
  return (cc & 1) === 0 ? r : !r;
}

/** Records a result whose CF/OF/AF were computed eagerly (shifts, mul...). */
export function setExplicit(c: X86Core, size: number, lo: number, hi: number, cf: number, of: number): void {
  c.fop = LazyOp.EXPLICIT;
  c.fsz = size;
  c.fres = lo;
  c.fresH = size === 8 ? hi : 0;
  c.fcf = cf;
  c.fof = of;
  c.faf = 0;
}
