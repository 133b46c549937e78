/**
 * Control transfer: jmp, jcc, call, ret, loop/jrcxz, int3/int n, hlt, ud2,
 * nop (SDM vol. 2). Near branches have 64-bit operand size in 64-bit mode
 * (66h ignored, as on Intel CPUs); targets must be canonical (#GP).
 */
import type { X86Core } from '../core';
import { PFX_ASZ } from '../decoded';
import { testCC, getZF } from '../flags';
import { readE } from '../operands';
import { EXC_BP, EXC_DB, EXC_UD, RCX, TWO32, isCanonical } from '../registers';
import { deliverEvent } from '../traps';
import { pop, push } from './stack';

function jumpTo(c: X86Core, target: number): void {
  if (!isCanonical(target)) c.gp(0);
  c.nextRip = target;
}

export function jmpRel(c: X86Core, i: number): void {
  jumpTo(c, c.nextRip + c.d.imm[i]);
}

export function jcc(c: X86Core, i: number): void {
  if (testCC(c, c.d.x[i])) jumpTo(c, c.nextRip + c.d.imm[i]);
}

export function jmpE(c: X86Core, i: number): void {
  const lo = readE(c, i, 8);
  jumpTo(c, c.hi * TWO32 + (lo >>> 0));
}

function pushReturn(c: X86Core): void {
  const r = c.nextRip;
  push(c, 8, r | 0, Math.floor(r / TWO32) | 0);
}

export function callRel(c: X86Core, i: number): void {
  const target = c.nextRip + c.d.imm[i];
  if (!isCanonical(target)) c.gp(0);
  pushReturn(c);
  c.nextRip = target;
}

export function callE(c: X86Core, i: number): void {
  const lo = readE(c, i, 8);
  const target = c.hi * TWO32 + (lo >>> 0);
  if (!isCanonical(target)) c.gp(0);
  pushReturn(c);
  c.nextRip = target;
}

/** ret and ret imm16 (imm = bytes to release). */
export function ret(c: X86Core, i: number): void {
  const lo = pop(c, 8);
  const target = c.hi * TWO32 + (lo >>> 0);
  if (!isCanonical(target)) c.gp(0);
  const extra = c.d.imm[i] & 0xffff;
  if (extra !== 0) {
    const sp = c.getGprNumber(4) + extra;
    c.setGprNumber(4, sp);
  }
  c.nextRip = target;
}

/** loopne (x=0), loope (1), loop (2), jrcxz (3). Counter: RCX, or ECX with 67h. */
export function loop(c: X86Core, i: number): void {
  const d = c.d;
  const kind = d.x[i];
  const a32 = (d.pfx[i] & PFX_ASZ) !== 0;
  let zero: boolean;
  if (kind === 3) {
    zero = a32 ? c.rl[RCX] === 0 : c.rl[RCX] === 0 && c.rh[RCX] === 0;
    if (zero) jumpTo(c, c.nextRip + d.imm[i]);
    return;
  }
  if (a32) {
    c.rl[RCX] = (c.rl[RCX] - 1) | 0;
    c.rh[RCX] = 0;
    zero = c.rl[RCX] === 0;
  } else {
    const lo = c.rl[RCX];
    c.rl[RCX] = (lo - 1) | 0;
    if (lo === 0) c.rh[RCX] = (c.rh[RCX] - 1) | 0;
    zero = c.rl[RCX] === 0 && c.rh[RCX] === 0;
  }
  let take = !zero;
  if (kind === 0) take = take && getZF(c) === 0;
  else if (kind === 1) take = take && getZF(c) !== 0;
  if (take) jumpTo(c, c.nextRip + d.imm[i]);
}

export function nop(_c: X86Core, _i: number): void {}

/** int3 (x=1) and int imm8: software interrupts return after the instruction. */
export function intN(c: X86Core, i: number): void {
  const vector = c.d.x[i] === 1 ? EXC_BP : c.d.imm[i] & 0xff;
  if (c.onException !== null && c.onException(vector, 0)) {
    // An observer (tests) took the trap: stop after the instruction.
    c.stopRequested = true;
    c.brk = true;
    return;
  }
  deliverEvent(c, vector, false, 0, true, c.nextRip);
  c.nextRip = c.rip;
  c.brk = true;
}

/** int1 / icebp (F1): a #DB trap after the instruction. Unlike int n it is
 * not a software interrupt: the gate's DPL is not checked (SDM vol. 3,
 * 6.12.1.1), so user mode reaches the kernel's #DB handler. */
export function int1(c: X86Core, _i: number): void {
  if (c.onException !== null && c.onException(EXC_DB, 0)) {
    c.stopRequested = true;
    c.brk = true;
    return;
  }
  deliverEvent(c, EXC_DB, false, 0, false, c.nextRip);
  c.nextRip = c.rip;
  c.brk = true;
}

export function hlt(c: X86Core, _i: number): void {
  if (c.cpl !== 0) c.gp(0);
  c.halted = true;
  c.brk = true;
  c.requestStop();
}

export function ud(c: X86Core, _i: number): void {
  c.raise(EXC_UD);
}

/** Far return (lret / lretq): pops RIP and CS, and SS:RSP when returning
 * to an outer privilege level (SDM vol. 2, RET, far return in 64-bit mode). */
export function farRet(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const ripLo = pop(c, size);
  const target = size === 8 ? c.hi * TWO32 + (ripLo >>> 0) : ripLo >>> 0;
  const cs = pop(c, size) & 0xffff;
  const rpl = cs & 3;
  if (rpl < c.cpl || (cs & ~3) === 0) c.gp(cs & 0xfffc);
  const extra = c.d.imm[i] & 0xffff;
  if (extra !== 0) c.setGprNumber(4, c.getGprNumber(4) + extra);
  if (rpl > c.cpl) {
    const spLo = pop(c, size);
    const sp = size === 8 ? c.hi * TWO32 + (spLo >>> 0) : spLo >>> 0;
    const ss = pop(c, size) & 0xffff;
    c.setGprNumber(4, sp + extra);
    c.sel[2] = ss;
    c.setCpl(rpl);
    c.brk = true;
  }
  if (!isCanonical(target)) c.gp(0);
  c.sel[1] = cs;
  c.nextRip = target;
}
