/**
 * IEEE 754 double-extended arithmetic (the x87 format, SDM vol. 1, 4.2.2
 * and 8.2) over integers: a value is a 16-bit sign+exponent word and a
 * 64-bit significand with an explicit integer bit, held as two uint32
 * halves. Working significands are arrays of 16-bit limbs (limb 0 most
 * significant; bit 15 of limb 0 has weight 2^0 relative to the exponent),
 * in preallocated module scratch: nothing is allocated per operation.
 *
 * Results go to `OUT` (se, hi, lo); exceptions accumulate in `exc`
 * (x87 status-word bit positions) and `roundedUp` (C1).
 */

export const EXC_IE = 0x01;
export const EXC_DE = 0x02;
export const EXC_ZE = 0x04;
export const EXC_OE = 0x08;
export const EXC_UE = 0x10;
export const EXC_PE = 0x20;

export const BIAS = 16383;
const NLIMB = 12;

/** Result of the last operation: [sign<<15 | exponent, significand hi, lo]. */
export const OUT = new Int32Array(3);
/**
 * exc: exceptions raised so far; roundedUp: C1 of the last rounding;
 * unmasked: EXC_OE/EXC_UE when unmasked, for which roundPack delivers the
 * bias-adjusted result instead of infinity/denormal (8.5.4, 8.5.5).
 */
export const ctl = { exc: 0, roundedUp: 0, unmasked: 0 };

/** The exponent adjustment of an unmasked overflow/underflow result (SDM vol. 1, 8.5.4). */
const WRAP = 24576;

const A = new Int32Array(NLIMB);
const B = new Int32Array(NLIMB);

/** Writes the QNaN floating-point indefinite (SDM vol. 1, 4.8.3.7). */
export function indefinite(): void {
  OUT[0] = 0xffff;
  OUT[1] = 0xc0000000 | 0;
  OUT[2] = 0;
}

export function isNaN80(se: number, hi: number, lo: number): boolean {
  return (se & 0x7fff) === 0x7fff && ((hi & 0x7fffffff) !== 0 || lo !== 0);
}

/** Unsupported encodings (pseudo-NaN/infinity, unnormals) are invalid operands (8.2.2). */
export function isUnsupported(se: number, hi: number): boolean {
  const e = se & 0x7fff;
  return e !== 0 && (hi & 0x80000000) === 0;
}

function clear(L: Int32Array): void {
  for (let k = 0; k < NLIMB; k++) L[k] = 0;
}

function load(L: Int32Array, hi: number, lo: number): void {
  clear(L);
  L[0] = (hi >>> 16) & 0xffff;
  L[1] = hi & 0xffff;
  L[2] = (lo >>> 16) & 0xffff;
  L[3] = lo & 0xffff;
}

function isZero(L: Int32Array): boolean {
  for (let k = 0; k < NLIMB; k++) if (L[k] !== 0) return false;
  return true;
}

/** Shifts right by n bits; returns 1 if nonzero bits fell off. */
function shiftRight(L: Int32Array, n: number): number {
  let sticky = 0;
  if (n >= NLIMB * 16) {
    sticky = isZero(L) ? 0 : 1;
    clear(L);
    return sticky;
  }
  const limbs = n >>> 4;
  const bits = n & 15;
  for (let k = NLIMB - limbs; k < NLIMB; k++) if (L[k] !== 0) sticky = 1;
  if (limbs > 0) {
    for (let k = NLIMB - 1; k >= limbs; k--) L[k] = L[k - limbs];
    for (let k = 0; k < limbs; k++) L[k] = 0;
  }
  if (bits > 0) {
    if ((L[NLIMB - 1] & ((1 << bits) - 1)) !== 0) sticky = 1;
    for (let k = NLIMB - 1; k > 0; k--) L[k] = ((L[k] >>> bits) | (L[k - 1] << (16 - bits))) & 0xffff;
    L[0] = L[0] >>> bits;
  }
  return sticky;
}

function shiftLeft1(L: Int32Array): void {
  for (let k = 0; k < NLIMB - 1; k++) L[k] = ((L[k] << 1) | (L[k + 1] >>> 15)) & 0xffff;
  L[NLIMB - 1] = (L[NLIMB - 1] << 1) & 0xffff;
}

function cmpMag(X: Int32Array, Y: Int32Array): number {
  for (let k = 0; k < NLIMB; k++) if (X[k] !== Y[k]) return X[k] > Y[k] ? 1 : -1;
  return 0;
}

function getBit(L: Int32Array, pos: number): number {
  return (L[pos >>> 4] >>> (15 - (pos & 15))) & 1;
}

/**
 * Rounds sign * 0.L * 2^(exp+1) (i.e. L's top bit has weight 2^exp) to
 * `prec` significand bits with rounding control `rc` (8.1.5) over the
 * extended exponent range, and packs it into OUT. `sticky`: bits already lost.
 */
export function roundPack(sign: number, exp: number, L: Int32Array, sticky: number, prec: number, rc: number, bias = BIAS, emax = 0x7fff): void {
  if (isZero(L)) {
    OUT[0] = sign << 15;
    OUT[1] = 0;
    OUT[2] = 0;
    if (sticky) ctl.exc |= EXC_PE | EXC_UE;
    return;
  }
  while ((L[0] & 0x8000) === 0) {
    shiftLeft1(L);
    exp--;
  }
  let e = exp + bias;
  let tiny = false;
  let wrapped = false;
  if (e <= 0 && (ctl.unmasked & EXC_UE) !== 0) {
    // Unmasked underflow: tininess alone signals it; the result keeps full precision, exponent + 24576.
    // Still too small after that: a signed zero, inexact (what the host gives, whatever RC).
    ctl.exc |= EXC_UE;
    e += WRAP;
    if (e <= 0) {
      ctl.exc |= EXC_PE;
      ctl.roundedUp = 0;
      OUT[0] = sign << 15;
      OUT[1] = 0;
      OUT[2] = 0;
      return;
    }
  }
  if (e <= 0) {
    sticky |= shiftRight(L, 1 - e);
    e = 0;
    tiny = true;
  }
  let rnd = getBit(L, prec);
  for (let pos = prec + 1; pos < NLIMB * 16 && sticky === 0; pos++) if (getBit(L, pos)) sticky = 1;
  const lsb = getBit(L, prec - 1);
  const inexact = rnd | sticky;
  let up = 0;
  if (inexact) {
    if (rc === 0) up = rnd & (sticky | lsb);
    else if (rc === 1) up = sign;
    else if (rc === 2) up = sign ^ 1;
  }
  // Clear everything below the kept bits.
  const keepLimb = prec >>> 4;
  const keepBits = prec & 15;
  if (keepBits !== 0) L[keepLimb] &= (0xffff << (16 - keepBits)) & 0xffff;
  for (let k = keepLimb + (keepBits !== 0 ? 1 : 0); k < NLIMB; k++) L[k] = 0;
  if (up) {
    let carry = 1 << (15 - ((prec - 1) & 15));
    for (let k = (prec - 1) >>> 4; k >= 0 && carry; k--) {
      const s = L[k] + carry;
      L[k] = s & 0xffff;
      carry = s >>> 16;
    }
    if (carry) {
      shiftRight(L, 1);
      L[0] |= 0x8000;
      e++;
    } else if (e === 0 && (L[0] & 0x8000) !== 0) e = 1; // denormal rounded up to the smallest normal
  }
  ctl.roundedUp = up;
  if (inexact) {
    ctl.exc |= EXC_PE;
    if (tiny) ctl.exc |= EXC_UE;
  }
  if (e >= emax && (ctl.unmasked & EXC_OE) !== 0) {
    ctl.exc |= EXC_OE; // unmasked overflow: exponent - 24576, PE only if inexact
    e -= WRAP;
    wrapped = true; // still too large after that: infinity, whatever RC (the host does so)
  }
  if (e >= emax) {
    ctl.exc |= EXC_OE | EXC_PE;
    const toInf = wrapped || rc === 0 || (rc === 1 && sign === 1) || (rc === 2 && sign === 0);
    if (toInf) {
      OUT[0] = (sign << 15) | emax;
      OUT[1] = 0x80000000 | 0;
      OUT[2] = 0;
      ctl.roundedUp = 1;
    } else {
      clear(L);
      for (let pos = 0; pos < prec; pos++) L[pos >>> 4] |= 1 << (15 - (pos & 15));
      OUT[0] = (sign << 15) | (emax - 1);
      OUT[1] = (L[0] << 16) | L[1];
      OUT[2] = (L[2] << 16) | L[3];
      ctl.roundedUp = 0;
    }
    return;
  }
  OUT[0] = (sign << 15) | (e & 0x7fff);
  OUT[1] = (L[0] << 16) | L[1];
  OUT[2] = (L[2] << 16) | L[3];
}

/** Loads an operand into L; returns its exponent (weight of L's top bit) after normalising denormals. */
function unpack(L: Int32Array, se: number, hi: number, lo: number): number {
  load(L, hi, lo);
  let e = se & 0x7fff;
  if (e === 0) {
    e = 1; // denormals and pseudo-denormals: exponent of the smallest normal
    if (hi !== 0 || lo !== 0) ctl.exc |= EXC_DE;
  }
  return e - BIAS;
}

function isInf(se: number, hi: number, lo: number): boolean {
  return (se & 0x7fff) === 0x7fff && hi === (0x80000000 | 0) && lo === 0;
}

function isZero80(se: number, hi: number, lo: number): boolean {
  return (se & 0x7fff) === 0 && hi === 0 && lo === 0;
}

/** NaN operands (4.8.3.5): SNaN signals IE; the result is the larger-significand NaN, quieted. Returns true if handled. */
function propagateNaN(ase: number, ahi: number, alo: number, bse: number, bhi: number, blo: number): boolean {
  const an = isNaN80(ase, ahi, alo);
  const bn = isNaN80(bse, bhi, blo);
  if (!an && !bn) return false;
  const aq = an && (ahi & 0x40000000) !== 0;
  const bq = bn && (bhi & 0x40000000) !== 0;
  if ((an && !aq) || (bn && !bq)) ctl.exc |= EXC_IE;
  let useA = an;
  // Table 4-7: an SNaN and a QNaN give the QNaN; two of a kind, the larger significand.
  if (an && bn && aq !== bq) useA = aq;
  else if (an && bn) {
    const ah = (ahi | 0x40000000) >>> 0;
    const bh = (bhi | 0x40000000) >>> 0;
    if (ah !== bh) useA = ah > bh;
    else if (alo !== blo) useA = alo >>> 0 > blo >>> 0;
    else useA = (ase & 0x8000) === 0 || (bse & 0x8000) !== 0;
  }
  if (useA) {
    OUT[0] = ase;
    OUT[1] = ahi | 0x40000000;
    OUT[2] = alo;
  } else {
    OUT[0] = bse;
    OUT[1] = bhi | 0x40000000;
    OUT[2] = blo;
  }
  return true;
}

function unsupported2(ase: number, ahi: number, bse: number, bhi: number): boolean {
  if (isUnsupported(ase, ahi) || isUnsupported(bse, bhi)) {
    ctl.exc |= EXC_IE;
    indefinite();
    return true;
  }
  return false;
}

function noteDenormal(se: number, hi: number, lo: number): void {
  if ((se & 0x7fff) === 0 && (hi !== 0 || lo !== 0)) ctl.exc |= EXC_DE;
}

/** a + b, or a - b with `negB` (NaN operands keep their signs). */
export function add(ase: number, ahi: number, alo: number, bse: number, bhi: number, blo: number, prec: number, rc: number, negB = 0): void {
  ctl.roundedUp = 0;
  if (unsupported2(ase, ahi, bse, bhi)) return;
  if (propagateNaN(ase, ahi, alo, bse, bhi, blo)) return;
  bse ^= negB << 15;
  const as = (ase >>> 15) & 1;
  const bs = (bse >>> 15) & 1;
  const ai = isInf(ase, ahi, alo);
  const bi = isInf(bse, bhi, blo);
  if (ai || bi) {
    if (ai && bi && as !== bs) {
      ctl.exc |= EXC_IE;
      indefinite();
      return;
    }
    noteDenormal(ase, ahi, alo);
    noteDenormal(bse, bhi, blo);
    OUT[0] = ((ai ? as : bs) << 15) | 0x7fff;
    OUT[1] = 0x80000000 | 0;
    OUT[2] = 0;
    return;
  }
  const az = isZero80(ase, ahi, alo);
  const bz = isZero80(bse, bhi, blo);
  if (az && bz) {
    OUT[0] = (as === bs ? as : rc === 1 ? 1 : 0) << 15;
    OUT[1] = 0;
    OUT[2] = 0;
    return;
  }
  let ea = unpack(A, ase, ahi, alo);
  let eb = unpack(B, bse, bhi, blo);
  if (az) ea = eb;
  if (bz) eb = ea;
  // One guard position at the top for the carry.
  shiftRight(A, 1);
  shiftRight(B, 1);
  let sticky = 0;
  let e = ea;
  if (ea > eb) sticky = shiftRight(B, ea - eb);
  else if (eb > ea) {
    sticky = shiftRight(A, eb - ea);
    e = eb;
  }
  let sign = as;
  if (as === bs) {
    let carry = 0;
    for (let k = NLIMB - 1; k >= 0; k--) {
      const s = A[k] + B[k] + carry;
      A[k] = s & 0xffff;
      carry = s >>> 16;
    }
  } else {
    // |A| - |B| with the sticky bits of the shifted operand borrowing one unit.
    let X = A;
    let Y = B;
    const c = cmpMag(A, B);
    if (c < 0 || (c === 0 && sticky && ea < eb)) {
      X = B;
      Y = A;
      sign = bs;
    }
    if (c === 0 && sticky === 0) {
      OUT[0] = (rc === 1 ? 1 : 0) << 15;
      OUT[1] = 0;
      OUT[2] = 0;
      return;
    }
    let borrow = sticky; // lost bits belong to the smaller operand (Y)
    for (let k = NLIMB - 1; k >= 0; k--) {
      const s = X[k] - Y[k] - borrow;
      X[k] = s & 0xffff;
      borrow = s < 0 ? 1 : 0;
    }
    if (X !== A) for (let k = 0; k < NLIMB; k++) A[k] = X[k];
  }
  roundPack(sign, e + 1, A, sticky, prec, rc);
}

export function mul(ase: number, ahi: number, alo: number, bse: number, bhi: number, blo: number, prec: number, rc: number): void {
  ctl.roundedUp = 0;
  if (unsupported2(ase, ahi, bse, bhi)) return;
  if (propagateNaN(ase, ahi, alo, bse, bhi, blo)) return;
  const sign = ((ase ^ bse) >>> 15) & 1;
  const ai = isInf(ase, ahi, alo);
  const bi = isInf(bse, bhi, blo);
  const az = isZero80(ase, ahi, alo);
  const bz = isZero80(bse, bhi, blo);
  if ((ai && bz) || (bi && az)) {
    ctl.exc |= EXC_IE;
    indefinite();
    return;
  }
  if (ai || bi || az || bz) {
    noteDenormal(ase, ahi, alo);
    noteDenormal(bse, bhi, blo);
    OUT[0] = (sign << 15) | (ai || bi ? 0x7fff : 0);
    OUT[1] = ai || bi ? 0x80000000 | 0 : 0;
    OUT[2] = 0;
    return;
  }
  const ea = unpack(A, ase, ahi, alo);
  const eb = unpack(B, bse, bhi, blo);
  // 4x4 limb schoolbook product into B's upper 8 limbs via a column sum.
  const a0 = A[0], a1 = A[1], a2 = A[2], a3 = A[3];
  const b0 = B[0], b1 = B[1], b2 = B[2], b3 = B[3];
  clear(A);
  const P = A;
  // Accumulate column by column with carries (each partial < 2^32, sums kept in doubles).
  let carry = 0;
  for (let col = 6; col >= 0; col--) {
    let s = carry;
    for (let x = 0; x < 4; x++) {
      const y = col - x;
      if (y < 0 || y > 3) continue;
      const ax = x === 0 ? a0 : x === 1 ? a1 : x === 2 ? a2 : a3;
      const by = y === 0 ? b0 : y === 1 ? b1 : y === 2 ? b2 : b3;
      s += ax * by;
    }
    P[col + 1] = s % 65536;
    carry = Math.floor(s / 65536);
  }
  P[0] = carry;
  // P's top bit (bit 15 of limb 0) has weight 2^(ea+eb+1).
  roundPack(sign, ea + eb + 1, P, 0, prec, rc);
}

export function div(ase: number, ahi: number, alo: number, bse: number, bhi: number, blo: number, prec: number, rc: number): void {
  ctl.roundedUp = 0;
  if (unsupported2(ase, ahi, bse, bhi)) return;
  if (propagateNaN(ase, ahi, alo, bse, bhi, blo)) return;
  const sign = ((ase ^ bse) >>> 15) & 1;
  const ai = isInf(ase, ahi, alo);
  const bi = isInf(bse, bhi, blo);
  const az = isZero80(ase, ahi, alo);
  const bz = isZero80(bse, bhi, blo);
  if ((ai && bi) || (az && bz)) {
    ctl.exc |= EXC_IE;
    indefinite();
    return;
  }
  if (ai || bi || az) {
    noteDenormal(ase, ahi, alo);
    noteDenormal(bse, bhi, blo);
    OUT[0] = (sign << 15) | (ai ? 0x7fff : 0);
    OUT[1] = ai ? 0x80000000 | 0 : 0;
    OUT[2] = 0;
    return;
  }
  if (bz) {
    ctl.exc |= EXC_ZE;
    OUT[0] = (sign << 15) | 0x7fff;
    OUT[1] = 0x80000000 | 0;
    OUT[2] = 0;
    return;
  }
  let ea = unpack(A, ase, ahi, alo);
  let eb = unpack(B, bse, bhi, blo);
  while ((A[0] & 0x8000) === 0) {
    shiftLeft1(A);
    ea--;
  }
  while ((B[0] & 0x8000) === 0) {
    shiftLeft1(B);
    eb--;
  }
  // Restoring division with one guard limb on top: remainder in A, quotient bits into Q.
  shiftRight(A, 1);
  shiftRight(B, 1);
  clear(Q);
  for (let pos = 0; pos < 80; pos++) {
    if (cmpMag(A, B) >= 0) {
      let borrow = 0;
      for (let k = NLIMB - 1; k >= 0; k--) {
        const s = A[k] - B[k] - borrow;
        A[k] = s & 0xffff;
        borrow = s < 0 ? 1 : 0;
      }
      Q[pos >>> 4] |= 1 << (15 - (pos & 15));
    }
    shiftLeft1(A);
  }
  const sticky = isZero(A) ? 0 : 1;
  roundPack(sign, ea - eb, Q, sticky, prec, rc);
}

const Q = new Int32Array(NLIMB);

export function sqrt(se: number, hi: number, lo: number, prec: number, rc: number): void {
  ctl.roundedUp = 0;
  if (isUnsupported(se, hi)) {
    ctl.exc |= EXC_IE;
    indefinite();
    return;
  }
  if (isNaN80(se, hi, lo)) {
    if ((hi & 0x40000000) === 0) ctl.exc |= EXC_IE;
    OUT[0] = se;
    OUT[1] = hi | 0x40000000;
    OUT[2] = lo;
    return;
  }
  if (isZero80(se, hi, lo)) {
    OUT[0] = se;
    OUT[1] = 0;
    OUT[2] = 0;
    return;
  }
  if (se & 0x8000) {
    ctl.exc |= EXC_IE;
    indefinite();
    return;
  }
  if (isInf(se, hi, lo)) {
    OUT[0] = se;
    OUT[1] = hi;
    OUT[2] = lo;
    return;
  }
  let e = unpack(A, se, hi, lo);
  while ((A[0] & 0x8000) === 0) {
    shiftLeft1(A);
    e--;
  }
  // Make the exponent even: value = M * 2^e with M in [1,2) (or [2,4) after a shift).
  // Digit-by-digit square root: remainder R, root Q; R holds the radicand's bits two at a time.
  const odd = e & 1;
  const half = (e - odd) / 2;
  // Radicand bits stream from A; X is the remainder, Q the root, B the trial value.
  clear(Q);
  clear(X);
  clear(T);
  let srcPos = odd ? 0 : -1; // with an even exponent, the first pair is (0, bit0)
  for (let pos = 0; pos < 80; pos++) {
    // X = X*4 + next two radicand bits
    shiftLeft1(X);
    shiftLeft1(X);
    const b1 = srcPos >= 0 && srcPos < 64 ? getBit(A, srcPos) : 0;
    const b2 = srcPos + 1 >= 0 && srcPos + 1 < 64 ? getBit(A, srcPos + 1) : 0;
    X[NLIMB - 1] |= (b1 << 1) | b2;
    srcPos += 2;
    // trial = Q*4 + 1 (Q as an integer in the low limbs of T)
    for (let k = 0; k < NLIMB; k++) B[k] = T[k];
    shiftLeft1(B);
    shiftLeft1(B);
    B[NLIMB - 1] |= 1;
    shiftLeft1(T);
    if (cmpMag(X, B) >= 0) {
      let borrow = 0;
      for (let k = NLIMB - 1; k >= 0; k--) {
        const s = X[k] - B[k] - borrow;
        X[k] = s & 0xffff;
        borrow = s < 0 ? 1 : 0;
      }
      T[NLIMB - 1] |= 1;
      Q[pos >>> 4] |= 1 << (15 - (pos & 15));
    }
  }
  const sticky = isZero(X) ? 0 : 1;
  clear(X);
  roundPack(0, half, Q, sticky, prec, rc);
}

const X = new Int32Array(NLIMB);
const T = new Int32Array(NLIMB);

/** Loads a 64-bit integer magnitude (hi, lo unsigned halves) with a sign into OUT (exact). */
export function fromInt(sign: number, hi: number, lo: number): void {
  load(A, hi, lo);
  roundPack(sign, 63, A, 0, 64, 0);
}

/**
 * Rounds the value to an integer by `rc` (8.3.8); OUT[1..2] get the
 * magnitude, returns -1 if it does not fit 64 bits (then IE is the caller's).
 */
export function toIntMagnitude(se: number, hi: number, lo: number, rc: number): number {
  ctl.roundedUp = 0;
  const sign = (se >>> 15) & 1;
  const exc = ctl.exc;
  let e = unpack(A, se, hi, lo);
  ctl.exc = exc; // FIST/FISTTP/FRNDINT callers decide about #D (FIST lists none)
  if (e > 63) return -1;
  if (isZero(A)) {
    OUT[1] = 0;
    OUT[2] = 0;
    return 0;
  }
  let sticky = 0;
  if (e < 63) {
    // Keep one extra limb of fraction below the integer's 64 bits.
    sticky = shiftRight(A, Math.min(63 - e, 150));
  }
  e = 63;
  const rnd = getBit(A, 64);
  for (let pos = 65; pos < NLIMB * 16 && sticky === 0; pos++) if (getBit(A, pos)) sticky = 1;
  const lsb = getBit(A, 63);
  let up = 0;
  if (rnd | sticky) {
    ctl.exc |= EXC_PE;
    if (rc === 0) up = rnd & (sticky | lsb);
    else if (rc === 1) up = sign;
    else if (rc === 2) up = sign ^ 1;
  }
  let h = ((A[0] << 16) | A[1]) >>> 0;
  let l = ((A[2] << 16) | A[3]) >>> 0;
  if (up) {
    ctl.roundedUp = 1;
    l = (l + 1) >>> 0;
    if (l === 0) {
      h = (h + 1) >>> 0;
      if (h === 0) return -1;
    }
  }
  OUT[1] = h | 0;
  OUT[2] = l | 0;
  return 0;
}

/** Converts to a narrower IEEE format (bias, exponent all-ones emax, prec): OUT gets the rounded sign+exponent and 64-bit significand. */
export function narrow(se: number, hi: number, lo: number, prec: number, rc: number, bias: number, emax: number): void {
  ctl.roundedUp = 0;
  const sign = (se >>> 15) & 1;
  if (isZero80(se, hi, lo)) {
    OUT[0] = sign << 15;
    OUT[1] = 0;
    OUT[2] = 0;
    return;
  }
  const exc = ctl.exc;
  const e = unpack(A, se, hi, lo);
  ctl.exc = exc; // FST lists no #D
  const tiny = e + bias <= 0;
  const unmasked = ctl.unmasked;
  ctl.unmasked = 0;
  roundPack(sign, e, A, 0, prec, rc, bias, emax);
  ctl.unmasked = unmasked;
  // Unmasked overflow/underflow of a memory destination: nothing is stored (the caller checks) and
  // only OE, or UE on tininess alone, is reported (8.5.4, 8.5.5; as the host does).
  if ((unmasked & EXC_OE) !== 0 && (ctl.exc & EXC_OE) !== 0) ctl.exc = exc | EXC_OE;
  else if ((unmasked & EXC_UE) !== 0 && tiny) ctl.exc = exc | EXC_UE;
}

/**
 * Partial remainder (FPREM/FPREM1, SDM vol. 2): a rem b for finite nonzero
 * operands. Returns the low three quotient bits, or -1 when the exponent
 * difference is 64 or more and only a partial reduction was done (C2).
 */
export function rem(ase: number, ahi: number, alo: number, bse: number, bhi: number, blo: number, nearest: boolean): number {
  let ea = unpack(A, ase, ahi, alo);
  let eb = unpack(B, bse, bhi, blo);
  while ((A[0] & 0x8000) === 0) {
    shiftLeft1(A);
    ea--;
  }
  while ((B[0] & 0x8000) === 0) {
    shiftLeft1(B);
    eb--;
  }
  const d = ea - eb;
  const sign = (ase >>> 15) & 1;
  if (d < 0) {
    // |a| < |b|: a unchanged (fprem1 may still round the quotient to 1).
    if (nearest && d === -1 && cmpMag(A, B) > 0) {
      // 2|a| > |b|: q = 1, r = a - b
      shiftRight(A, 1);
      let borrow = 0;
      for (let k = NLIMB - 1; k >= 0; k--) {
        const s = B[k] - A[k] - borrow;
        A[k] = s & 0xffff;
        borrow = s < 0 ? 1 : 0;
      }
      roundPack(sign ^ 1, eb, A, 0, 64, 0);
      return 1;
    }
    if ((ase & 0x7fff) === 0 && (ctl.unmasked & EXC_UE) !== 0) {
      roundPack(sign, ea, A, 0, 64, 0); // a denormal result with unmasked #U: flagged, bias-adjusted
      return 0;
    }
    OUT[0] = ase;
    OUT[1] = ahi;
    OUT[2] = alo;
    return 0;
  }
  const partial = d >= 64;
  const n = partial ? (d & 31) | 32 : d;
  // Long division of A * 2^n by B, one guard bit at the top.
  shiftRight(A, 1);
  shiftRight(B, 1);
  let q = 0;
  for (let j = 0; j <= n; j++) {
    q = (q << 1) & 7;
    if (cmpMag(A, B) >= 0) {
      let borrow = 0;
      for (let k = NLIMB - 1; k >= 0; k--) {
        const s = A[k] - B[k] - borrow;
        A[k] = s & 0xffff;
        borrow = s < 0 ? 1 : 0;
      }
      q |= 1;
    }
    if (j < n) shiftLeft1(A);
  }
  let rs = sign;
  if (nearest && !partial) {
    // Round the quotient to nearest-even: compare 2R with B.
    shiftLeft1(A);
    const c = cmpMag(A, B);
    shiftRight(A, 1);
    if (c > 0 || (c === 0 && (q & 1) !== 0)) {
      let borrow = 0;
      for (let k = NLIMB - 1; k >= 0; k--) {
        const s = B[k] - A[k] - borrow;
        A[k] = s & 0xffff;
        borrow = s < 0 ? 1 : 0;
      }
      q = (q + 1) & 7;
      rs ^= 1;
    }
  }
  // The remainder's top bit (after the guard shift) weighs 2^(eb + 1 + d - n).
  if (isZero(A)) {
    OUT[0] = sign << 15;
    OUT[1] = 0;
    OUT[2] = 0;
  } else roundPack(rs, eb + 1 + d - n, A, 0, 64, 0);
  return partial ? -1 : q;
}

/** Scales by 2^n (FSCALE) with rounding; the operand is finite and nonzero. */
export function scale(se: number, hi: number, lo: number, n: number, prec: number, rc: number): void {
  ctl.roundedUp = 0;
  const e = unpack(A, se, hi, lo);
  roundPack((se >>> 15) & 1, e + n, A, 0, prec, rc);
}
