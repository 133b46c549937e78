/**
 * x87 control instructions (SDM vol. 1, 8.1 and vol. 2): status/control
 * words, fninit/fnclex, ffree, fincstp/fdecstp, environment and full
 * state save/restore (the 32-bit protected-mode layouts, figures 8-9 and
 * 8-10: the default operand size in 64-bit mode), fwait.
 * FIP/FDP/FCS/FDS and the last opcode are stored as zero: this core does
 * not track them (CPUs that deprecate FCS/FDS store zero there too).
 */
import type { X86Core } from '../core';
import { ea, setReg } from '../operands';
import { commit, enter, fpu, SW_C1, X87 } from './x87-state';
import { ctl } from '../float80';

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

export function fnop(c: X86Core, _i: number): void {
  enter(c, true);
}

/** ffree st(i) (x: i). */
export function ffree(c: X86Core, i: number): void {
  const f = enter(c, true);
  f.empty[(f.top + (c.d.x[i] & 7)) & 7] = 1;
  f.sw &= ~SW_C1; // the host clears C1 (the SDM leaves C0-C3 undefined)
}

/** fincstp (x 1) / fdecstp (x 7): TOP +/- 1, C1 = 0. */
export function fstp(c: X86Core, i: number): void {
  const f = enter(c, true);
  f.top = (f.top + c.d.x[i]) & 7;
  f.sw &= ~SW_C1;
}

function storeEnv(c: X86Core, f: X87, a: number): void {
  c.write32(a, f.cw | 0xffff0000);
  c.write32(a + 4, f.statusWord() | 0xffff0000);
  c.write32(a + 8, f.tagWord() | 0xffff0000);
  c.write32(a + 12, 0);
  c.write32(a + 16, 0);
  c.write32(a + 20, 0);
  c.write32(a + 24, 0);
}

function loadEnv(c: X86Core, f: X87, a: number): void {
  f.cw = (c.read16(a) & 0x1f7f) | 0x40;
  const sw = c.read16(a + 4);
  f.top = (sw >>> 11) & 7;
  f.sw = sw & ~(7 << 11);
  f.setTagWord(c.read16(a + 8));
  updateSummary(f);
}

/** fnstenv m28: stores the environment, then masks all exceptions. */
export function fnstenv(c: X86Core, i: number): void {
  const f = enter(c, false);
  storeEnv(c, f, ea(c, i));
  f.cw |= 0x3f;
}

export function fldenv(c: X86Core, i: number): void {
  const f = enter(c, false);
  loadEnv(c, f, ea(c, i));
}

/** fnsave m108: environment plus ST(0)..ST(7), then fninit. */
export function fnsave(c: X86Core, i: number): void {
  const f = enter(c, false);
  const a = ea(c, i);
  storeEnv(c, f, a);
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7;
    const o = a + 28 + k * 10;
    c.write32(o, f.lo[p]);
    c.write32(o + 4, f.hi[p]);
    c.write16(o + 8, f.se[p]);
  }
  f.reset();
}

export function frstor(c: X86Core, i: number): void {
  const f = enter(c, false);
  const a = ea(c, i);
  loadEnv(c, f, a);
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7;
    const o = a + 28 + k * 10;
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

void ctl;
void commit;

/** The x87 part of the fxsave area (SDM vol. 1, table 10-2): FCW, FSW, abridged FTW, FOP/FIP/FDP (zero), ST(0)-ST(7) at 32. */
export function fxsaveX87(c: X86Core, a: number): void {
  const f = fpu(c);
  c.write16(a, f.cw);
  c.write16(a + 2, f.statusWord());
  c.write16(a + 4, abridgedTag(c));
  c.write16(a + 6, 0);
  c.write64(a + 8, 0, 0);
  c.write64(a + 16, 0, 0);
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7;
    const o = a + 32 + k * 16;
    c.write32(o, f.lo[p]);
    c.write32(o + 4, f.hi[p]);
    c.write16(o + 8, f.se[p]);
  }
}

export function fxrstorX87(c: X86Core, a: number): void {
  const f = fpu(c);
  f.cw = (c.read16(a) & 0x1f7f) | 0x40;
  const sw = c.read16(a + 2);
  f.top = (sw >>> 11) & 7;
  f.sw = sw & ~(7 << 11);
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
