/**
 * x87 fprem/fprem1, fscale and fxtract (SDM vol. 2). Condition-code and
 * stack-fault details follow the host CPU where the SDM leaves them open.
 */
import type { X86Core } from '../core';
import * as f80 from '../float80';
import { ctl, EXC_IE, OUT } from '../float80';
import { commit, enterOp, phys, pushOut, setC1FromRounding, setSt, SW_C0, SW_C1, SW_C2, SW_C3, SW_CC, suppressed, underflow } from './x87-state';

function isSpecial(se: number, hi: number, lo: number): boolean {
  return (se & 0x7fff) === 0x7fff || ((se & 0x7fff) === 0 && (hi | lo) === 0) || f80.isUnsupported(se, hi);
}

/** fprem (x 0) / fprem1 (x 1): ST(0) = ST(0) rem ST(1); quotient bits in C0 C3 C1, C2 = incomplete. */
export function fprem(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  if (underflow(f, 0) || underflow(f, 1)) {
    f80.indefinite(); // C2 = 0, C0 and C3 unchanged (as on the host)
    f.sw &= ~SW_C2;
    setSt(f, 0);
    commit(f);
    return;
  }
  const a = f.top;
  const b = phys(f, 1);
  const ase = f.se[a], ahi = f.hi[a], alo = f.lo[a];
  const bse = f.se[b], bhi = f.hi[b], blo = f.lo[b];
  f.sw &= ~(SW_C1 | SW_C2); // NaN operands leave C0 and C3 as they were (host behaviour)
  if (isSpecial(ase, ahi, alo) || isSpecial(bse, bhi, blo)) {
    const aNaN = f80.isNaN80(ase, ahi, alo);
    const bNaN = f80.isNaN80(bse, bhi, blo);
    if (aNaN || bNaN || f80.isUnsupported(ase, ahi) || f80.isUnsupported(bse, bhi)) {
      f80.add(ase, ahi, alo, bse, bhi, blo, 64, 0); // NaN selection and IE
      setSt(f, 0);
      commit(f);
      return;
    }
    if ((ase & 0x7fff) === 0x7fff || (bhi | blo) === 0) {
      ctl.exc |= EXC_IE; // invalid: C0 and C3 unchanged, like the NaN case
      f80.indefinite();
      setSt(f, 0);
    } else if (((ase & 0x7fff) === 0 && (ahi | alo) !== 0) || ((bse & 0x7fff) === 0 && (bhi | blo) !== 0)) {
      ctl.exc |= f80.EXC_DE; // 0 rem y = 0, x rem inf = x
      if ((ase & 0x7fff) === 0 && (ahi | alo) !== 0 && (ctl.unmasked & f80.EXC_UE) !== 0 && !suppressed(f)) {
        f80.scale(ase, ahi, alo, 0, 64, f.rc()); // a denormal result with unmasked #U: flagged, bias-adjusted
        setSt(f, 0);
      }
    }
    if ((ctl.exc & EXC_IE) === 0) f.sw &= ~SW_CC; // quotient 0
    commit(f);
    return;
  }
  f.sw &= ~SW_CC;
  const q = f80.rem(ase, ahi, alo, bse, bhi, blo, c.d.x[i] === 1);
  setSt(f, 0);
  // An unmasked #D abandons the operation: no quotient bits (the host leaves them clear).
  if (suppressed(f)) {
    commit(f);
    return;
  }
  if (q < 0) f.sw |= SW_C2;
  else f.sw |= (q & 4 ? SW_C0 : 0) | (q & 2 ? SW_C3 : 0) | (q & 1 ? SW_C1 : 0);
  commit(f);
}

/** fscale: ST(0) * 2^trunc(ST(1)). */
export function fscale(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  if (underflow(f, 0) || underflow(f, 1)) {
    f80.indefinite();
    setSt(f, 0);
    commit(f);
    return;
  }
  const a = f.top;
  const b = phys(f, 1);
  const ase = f.se[a], ahi = f.hi[a], alo = f.lo[a];
  const bse = f.se[b], bhi = f.hi[b], blo = f.lo[b];
  if (f80.isNaN80(ase, ahi, alo) || f80.isNaN80(bse, bhi, blo) || f80.isUnsupported(ase, ahi) || f80.isUnsupported(bse, bhi)) {
    f80.add(ase, ahi, alo, bse, bhi, blo, 64, 0);
    setSt(f, 0);
    commit(f);
    return;
  }
  const be = bse & 0x7fff;
  const aZero = (ase & 0x7fff) === 0 && (ahi | alo) === 0;
  const aInf = (ase & 0x7fff) === 0x7fff;
  if (be === 0x7fff) {
    // Scaling by an infinity: 0 * 2^+inf and inf * 2^-inf are invalid.
    const neg = (bse & 0x8000) !== 0;
    if ((ase & 0x7fff) === 0 && !aZero) ctl.exc |= f80.EXC_DE;
    if ((aZero && !neg) || (aInf && neg)) {
      ctl.exc |= EXC_IE;
      f80.indefinite();
    } else {
      OUT[0] = (ase & 0x8000) | (aZero || neg ? 0 : 0x7fff);
      OUT[1] = aZero || neg ? 0 : 0x80000000 | 0;
      OUT[2] = 0;
    }
    setSt(f, 0);
    commit(f);
    return;
  }
  if ((be === 0 && (bhi | blo) !== 0) || ((ase & 0x7fff) === 0 && !aZero)) ctl.exc |= f80.EXC_DE;
  if (aZero || aInf) {
    commit(f);
    return;
  }
  // trunc(ST(1)), clamped: beyond +-2^17 every result over- or underflows anyway.
  let n = 0;
  if (be >= f80.BIAS) {
    if (be - f80.BIAS >= 17) n = 1 << 17;
    else n = (bhi >>> 0) >>> (31 - (be - f80.BIAS));
    if (bse & 0x8000) n = -n;
  }
  f80.scale(ase, ahi, alo, n, 64, f.rc()); // exact: the precision control does not apply
  setC1FromRounding(f);
  setSt(f, 0);
  commit(f);
}

/** fxtract: ST(0) = x becomes ST(1) = exponent, ST(0) = significand (SDM FXTRACT). */
export function fxtract(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.sw &= ~SW_C1;
  if (underflow(f, 0)) {
    f80.indefinite();
    if (!suppressed(f)) {
      setSt(f, 0);
      f.top = (f.top - 1) & 7;
      setSt(f, 0);
    }
    commit(f);
    return;
  }
  if (f.empty[(f.top - 1) & 7] === 0) {
    // Stack overflow: both results are the indefinite (8.5.1.1).
    ctl.exc |= EXC_IE;
    f.sw |= 0x40 | SW_C1;
    f80.indefinite();
    if (!suppressed(f)) {
      setSt(f, 0);
      f.top = (f.top - 1) & 7;
      setSt(f, 0);
    }
    commit(f);
    return;
  }
  const a = f.top;
  const se = f.se[a], hi = f.hi[a], lo = f.lo[a];
  let sse: number, shi: number, slo: number;
  if (f80.isNaN80(se, hi, lo) || f80.isUnsupported(se, hi)) {
    if (f80.isUnsupported(se, hi)) {
      ctl.exc |= EXC_IE;
      f80.indefinite();
    } else {
      if ((hi & 0x40000000) === 0) ctl.exc |= EXC_IE;
      OUT[0] = se;
      OUT[1] = hi | 0x40000000;
      OUT[2] = lo;
    }
    sse = OUT[0];
    shi = OUT[1];
    slo = OUT[2];
  } else if ((se & 0x7fff) === 0x7fff) {
    OUT[0] = 0x7fff;
    OUT[1] = 0x80000000 | 0;
    OUT[2] = 0;
    sse = se;
    shi = hi;
    slo = lo;
  } else if ((se & 0x7fff) === 0 && (hi | lo) === 0) {
    ctl.exc |= f80.EXC_ZE;
    OUT[0] = 0xffff;
    OUT[1] = 0x80000000 | 0;
    OUT[2] = 0;
    sse = se;
    shi = 0;
    slo = 0;
  } else {
    let e = se & 0x7fff;
    let h = hi >>> 0;
    let l = lo >>> 0;
    if (e === 0) {
      ctl.exc |= f80.EXC_DE;
      e = 1;
      while ((h & 0x80000000) === 0) {
        h = ((h << 1) | (l >>> 31)) >>> 0;
        l = (l << 1) >>> 0;
        e--;
      }
    }
    sse = (se & 0x8000) | f80.BIAS;
    shi = h | 0;
    slo = l | 0;
    const ue = e - f80.BIAS;
    f80.fromInt(ue < 0 ? 1 : 0, 0, Math.abs(ue));
    if (ue === 0) OUT[0] = 0;
  }
  setSt(f, 0);
  OUT[0] = sse;
  OUT[1] = shi;
  OUT[2] = slo;
  pushOut(f);
  commit(f);
}
