/**
 * x87 control instructions (SDM vol. 1, 8.1 and vol. 2): status/control
 * words, fninit/fnclex, ffree, fincstp/fdecstp, environment and full
 * state save/restore (the protected-mode layouts: 32-bit, figures 8-9 and
 * 8-10, the default operand size in 64-bit mode; 16-bit with a 66 prefix,
 * figures 8-11 and 8-12), fwait. The last instruction and data pointers
 * and opcode come from enterOp()/noteData() (x87-state.ts).
 */
import type { X86Core } from '../core';
import { ea, setReg } from '../operands';
import { enter, enterOp, fpu, SW_C1, X87 } from './x87-state';

/** fnstsw ax (x 0) / fnstsw m16 (x 1). */
export function fnstsw(c: X86Core, i: number): void {
  const f = enter(c, false);
  if (c.d.x[i] === 0) setReg(c, 0, 2, f.statusWord(), 0);
  else c.write16(ea(c, i), f.statusWord());
}

export function fnstcw(c: X86Core, i: number): void {
  const f = enter(c, false);
  c.write16(ea(c, i), f.cw);
}

export function fldcw(c: X86Core, i: number): void {
  const f = enter(c, false);
  f.cw = (c.read16(ea(c, i)) & 0x1f7f) | 0x40;
  updateSummary(f);
}

/** ES and B follow whether any unmasked exception flag is set (8.1.3.3). */
function updateSummary(f: X87): void {
  if ((f.sw & ~f.cw & 0x3f) !== 0) f.sw |= 0x8080;
  else f.sw &= ~0x8080;
}

export function fnclex(c: X86Core, _i: number): void {
  const f = enter(c, false);
  f.sw &= ~0x80ff;
}

export function fninit(c: X86Core, _i: number): void {
  enter(c, false).reset();
}

/** fwait: checks pending unmasked exceptions (#MF). */
export function fwait(c: X86Core, _i: number): void {
  enter(c, true);
}

export function fnop(c: X86Core, i: number): void {
  enterOp(c, i);
}

/** ffree st(i) (x: i). */
export function ffree(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.empty[(f.top + (c.d.x[i] & 7)) & 7] = 1;
  f.sw &= ~SW_C1; // the host clears C1 (the SDM leaves C0-C3 undefined)
}

/** fincstp (x 1) / fdecstp (x 7): TOP +/- 1, C1 = 0. */
export function fstp(c: X86Core, i: number): void {
  const f = enterOp(c, i);
  f.top = (f.top + c.d.x[i]) & 7;
  f.sw &= ~SW_C1;
}

/** 16-bit operand size (66 without REX.W): the 14-byte environment of figure 8-11. */
function env16(c: X86Core, i: number): boolean {
  return c.d.osz[i] === 2;
}

/**
 * Stores the protected-mode environment (SDM vol. 1, 8.1.10): the 28-byte
 * layout of figure 8-9 (reserved halves written as ones, as the host does;
 * FOP in bits 26:16 next to FCS), or the 14-byte one of figure 8-11
 * (16-bit pointer offsets, no FOP). The tag word is computed from the
 * registers (8.1.7). Returns the environment's size.
 */
function storeEnv(c: X86Core, f: X87, a: number, short: boolean): number {
  if (short) {
    c.write16(a, f.cw);
    c.write16(a + 2, f.statusWord());
    c.write16(a + 4, f.tagWord());
    c.write16(a + 6, f.fip);
    c.write16(a + 8, f.fcs);
    c.write16(a + 10, f.fdp);
    c.write16(a + 12, f.fds);
    return 14;
  }
  c.write32(a, f.cw | 0xffff0000);
  c.write32(a + 4, f.statusWord() | 0xffff0000);
  c.write32(a + 8, f.tagWord() | 0xffff0000);
  c.write32(a + 12, low32(f.fip));
  c.write32(a + 16, (f.fcs & 0xffff) | ((f.fop & 0x7ff) << 16));
  c.write32(a + 20, low32(f.fdp));
  c.write32(a + 24, (f.fds & 0xffff) | 0xffff0000);
  return 28;
}

function low32(v: number): number {
  return (v % 4294967296) | 0;
}

/** Loads an environment stored by storeEnv; fldenv/frstor take only empty vs non-empty from the tag word (8.1.7). */
function loadEnv(c: X86Core, f: X87, a: number, short: boolean): number {
  f.cw = (c.read16(a) & 0x1f7f) | 0x40;
  const sw = c.read16(a + (short ? 2 : 4));
  f.top = (sw >>> 11) & 7;
  f.sw = sw & ~(7 << 11);
  f.setTagWord(c.read16(a + (short ? 4 : 8)));
  if (short) {
    f.fip = c.read16(a + 6);
    f.fcs = c.read16(a + 8);
    f.fdp = c.read16(a + 10);
    f.fds = c.read16(a + 12);
    f.fop = 0;
  } else {
    f.fip = c.read32(a + 12) >>> 0;
    const w = c.read32(a + 16);
    f.fcs = w & 0xffff;
    f.fop = (w >>> 16) & 0x7ff;
    f.fdp = c.read32(a + 20) >>> 0;
    f.fds = c.read16(a + 24);
  }
  updateSummary(f);
  return short ? 14 : 28;
}

/** fnstenv m14/m28: stores the environment, then masks all exceptions. */
export function fnstenv(c: X86Core, i: number): void {
  const f = enter(c, false);
  storeEnv(c, f, ea(c, i), env16(c, i));
  f.cw |= 0x3f;
}

export function fldenv(c: X86Core, i: number): void {
  const f = enter(c, false);
  loadEnv(c, f, ea(c, i), env16(c, i));
}

/** fnsave m94/m108: environment plus ST(0)..ST(7) (figures 8-10, 8-12), then fninit. */
export function fnsave(c: X86Core, i: number): void {
  const f = enter(c, false);
  const a = ea(c, i);
  // The whole area is checked first so a fault leaves the state unchanged.
  const short = env16(c, i);
  c.mmu.translate(a, 1);
  c.mmu.translate(a + (short ? 93 : 107), 1);
  const at = a + storeEnv(c, f, a, short);
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7;
    const o = at + k * 10;
    c.write32(o, f.lo[p]);
    c.write32(o + 4, f.hi[p]);
    c.write16(o + 8, f.se[p]);
  }
  f.reset();
}

export function frstor(c: X86Core, i: number): void {
  const f = enter(c, false);
  const a = ea(c, i);
  const at = a + loadEnv(c, f, a, env16(c, i));
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7;
    const o = at + k * 10;
    f.lo[p] = c.read32(o);
    f.hi[p] = c.read32(o + 4);
    f.se[p] = c.read16(o + 8);
  }
}

/** For fxsave: the abridged tag byte (one bit per physical register, 1 = valid). */
export function abridgedTag(c: X86Core): number {
  const f = fpu(c);
  let t = 0;
  for (let p = 0; p < 8; p++) if (!f.empty[p]) t |= 1 << p;
  return t;
}


/**
 * The x87 part of the fxsave area (SDM vol. 1, tables 10-2 and 10-3):
 * FCW, FSW, abridged FTW, FOP, FIP and FDP (64-bit offsets with REX.W,
 * else 32-bit offsets with FCS/FDS), ST(0)-ST(7) at 32. Intel stores the
 * pointers and FOP always; AMD CPUs (the reference host measured so) store
 * them only while an unmasked exception is pending (ES = 1) and zero
 * otherwise, which Linux knows as X86_BUG_FXSAVE_LEAK. fxrstor loads them
 * on both.
 */
export function fxsaveX87(c: X86Core, a: number, wide: boolean): void {
  const f = fpu(c);
  c.write16(a, f.cw);
  c.write16(a + 2, f.statusWord());
  c.write16(a + 4, abridgedTag(c));
  const keep = c.vendor === 'intel' || (f.sw & 0x80) !== 0;
  c.write16(a + 6, keep ? f.fop : 0);
  const ip = keep ? f.fip : 0;
  const dp = keep ? f.fdp : 0;
  if (wide) {
    c.write64(a + 8, low32(ip), Math.floor(ip / 4294967296) | 0);
    c.write64(a + 16, low32(dp), Math.floor(dp / 4294967296) | 0);
  } else {
    c.write32(a + 8, low32(ip));
    c.write32(a + 12, keep ? f.fcs & 0xffff : 0);
    c.write32(a + 16, low32(dp));
    c.write32(a + 20, keep ? f.fds & 0xffff : 0);
  }
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7;
    const o = a + 32 + k * 16;
    c.write32(o, f.lo[p]);
    c.write32(o + 4, f.hi[p]);
    c.write16(o + 8, f.se[p]);
  }
}

export function fxrstorX87(c: X86Core, a: number, wide: boolean): void {
  const f = fpu(c);
  f.cw = (c.read16(a) & 0x1f7f) | 0x40;
  const sw = c.read16(a + 2);
  f.top = (sw >>> 11) & 7;
  f.sw = sw & ~(7 << 11);
  f.fop = c.read16(a + 6) & 0x7ff;
  if (wide) {
    f.fip = c.read32(a + 8) >>> 0;
    f.fip += c.read32(a + 12) * 4294967296;
    f.fdp = c.read32(a + 16) >>> 0;
    f.fdp += c.read32(a + 20) * 4294967296;
  } else {
    f.fip = c.read32(a + 8) >>> 0;
    f.fcs = c.read16(a + 12);
    f.fdp = c.read32(a + 16) >>> 0;
    f.fds = c.read16(a + 20);
  }
  const tag = c.read8(a + 4);
  for (let p = 0; p < 8; p++) f.empty[p] = (tag >>> p) & 1 ? 0 : 1;
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7;
    const o = a + 32 + k * 16;
    f.lo[p] = c.read32(o);
    f.hi[p] = c.read32(o + 4);
    f.se[p] = c.read16(o + 8);
  }
}
