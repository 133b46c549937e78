/**
 * Specialised handlers for hot control-flow and address forms, chosen by
 * the decoder through the rows' `spec` hook: jcc with the condition fixed
 * per handler (the cmp/test fast paths of flags.ts inline), near ret without
 * an immediate, indirect jmp through a register, and lea of the base+disp /
 * base+index forms. Same results as the generic handlers (the differential
 * tests run both). The condition predicates and jcc handlers are generated
 * from gen/conditions.ts (npm run gen:x86).
 */
import type { X86Core } from '../core';
import { testCC } from '../flags';
import type { Handler } from '../opcode-table';
import { lea } from './mov';
import { termsFit } from '../exact-sum';
import { ret } from './control';

// Local copies of imported constants (see fast.ts).
const L_F_NONE = 0;
const L_F_SUB = 3;
const L_TWO32 = 4294967296;
const L_RSP = 4;

function branch(c: X86Core, i: number): void {
  const t = c.nextRip + c.d.imm[i];
  if (t >= 140737488355328 || t < -140737488355328) c.gp(0);
  c.nextRip = t;
}

/** Zero test of the recorded result. */
function zero(c: X86Core): boolean {
  return c.fres === 0 && (c.fsz !== 8 || c.fresH === 0);
}

/** Unsigned a < b of a recorded subtraction. */
function below(c: X86Core): boolean {
  if (c.fsz === 8 && c.faH !== c.fbH) return c.faH >>> 0 < c.fbH >>> 0;
  return c.fa >>> 0 < c.fb >>> 0;
}

/** Signed a < b of a recorded subtraction. */
function less(c: X86Core): boolean {
  const sz = c.fsz;
  if (sz === 8) return c.faH < c.fbH || (c.faH === c.fbH && c.fa >>> 0 < c.fb >>> 0);
  if (sz === 4) return c.fa < c.fb;
  const sh = 32 - sz * 8;
  return (c.fa << sh) >> sh < (c.fb << sh) >> sh;
}

// Condition predicates 0..15 (SDM vol. 1, B.1), the cmp/test cases inline.
// ---- generated: condition predicates (npm run gen:x86; do not edit) ----
function condO(c: X86Core): boolean {
  return testCC(c, 0);
}
function condNO(c: X86Core): boolean {
  return testCC(c, 1);
}
function condB(c: X86Core): boolean {
  return c.fop === L_F_SUB ? below(c) : testCC(c, 2);
}
function condAE(c: X86Core): boolean {
  return c.fop === L_F_SUB ? !below(c) : testCC(c, 3);
}
function condE(c: X86Core): boolean {
  return c.fop !== L_F_NONE ? zero(c) : testCC(c, 4);
}
function condNE(c: X86Core): boolean {
  return c.fop !== L_F_NONE ? !zero(c) : testCC(c, 5);
}
function condBE(c: X86Core): boolean {
  return c.fop === L_F_SUB ? below(c) || zero(c) : testCC(c, 6);
}
function condA(c: X86Core): boolean {
  return c.fop === L_F_SUB ? !(below(c) || zero(c)) : testCC(c, 7);
}
function condS(c: X86Core): boolean {
  return testCC(c, 8);
}
function condNS(c: X86Core): boolean {
  return testCC(c, 9);
}
function condP(c: X86Core): boolean {
  return testCC(c, 10);
}
function condNP(c: X86Core): boolean {
  return testCC(c, 11);
}
function condL(c: X86Core): boolean {
  return c.fop === L_F_SUB ? less(c) : testCC(c, 12);
}
function condGE(c: X86Core): boolean {
  return c.fop === L_F_SUB ? !less(c) : testCC(c, 13);
}
function condLE(c: X86Core): boolean {
  return c.fop === L_F_SUB ? less(c) || zero(c) : testCC(c, 14);
}
function condG(c: X86Core): boolean {
  return c.fop === L_F_SUB ? !(less(c) || zero(c)) : testCC(c, 15);
}

/** testCC(c, cc) as one function per condition (the JIT calls them). */
export const CONDITIONS: ((c: X86Core) => boolean)[] = [condO, condNO, condB, condAE, condE, condNE, condBE, condA, condS, condNS, condP, condNP, condL, condGE, condLE, condG];

function jccB(c: X86Core, i: number): void {
  if (condB(c)) branch(c, i);
}
function jccAE(c: X86Core, i: number): void {
  if (condAE(c)) branch(c, i);
}
function jccE(c: X86Core, i: number): void {
  if (condE(c)) branch(c, i);
}
function jccNE(c: X86Core, i: number): void {
  if (condNE(c)) branch(c, i);
}
function jccBE(c: X86Core, i: number): void {
  if (condBE(c)) branch(c, i);
}
function jccA(c: X86Core, i: number): void {
  if (condA(c)) branch(c, i);
}
function jccL(c: X86Core, i: number): void {
  if (condL(c)) branch(c, i);
}
function jccGE(c: X86Core, i: number): void {
  if (condGE(c)) branch(c, i);
}
function jccLE(c: X86Core, i: number): void {
  if (condLE(c)) branch(c, i);
}
function jccG(c: X86Core, i: number): void {
  if (condG(c)) branch(c, i);
}

/** The jcc handlers with a fast path, by cc (the others: the generic one). */
const JCC: (Handler | undefined)[] = [undefined, undefined, jccB, jccAE, jccE, jccNE, jccBE, jccA, undefined, undefined, undefined, undefined, jccL, jccGE, jccLE, jccG];
// ---- end of generated condition predicates ----

/** jcc with condition `cc` fixed (the others keep the generic handler). */
export function jccSpec(cc: number): Handler | undefined {
  return JCC[cc];
}

/** jmp r64 (FF /4, register form). */
function jmpReg(c: X86Core, i: number): void {
  const r = c.d.rm[i];
  const t = c.rh[r] * L_TWO32 + (c.rl[r] >>> 0);
  if (t >= 140737488355328 || t < -140737488355328) c.gp(0);
  c.nextRip = t;
}

export function jmpESpec(mem: boolean): Handler | undefined {
  return mem ? undefined : jmpReg;
}

/** ret (C3): pop the 8-byte return address. */
function retNear(c: X86Core, i: number): void {
  if (c.d.imm[i] !== 0) return ret(c, i);
  const a = c.rh[L_RSP] * L_TWO32 + (c.rl[L_RSP] >>> 0);
  const lo = c.read64(a);
  const t = c.hi * L_TWO32 + (lo >>> 0);
  if (t >= 140737488355328 || t < -140737488355328) c.gp(0);
  const n = a + 8;
  c.rl[L_RSP] = n | 0;
  c.rh[L_RSP] = Math.floor(n / L_TWO32) | 0;
  c.nextRip = t;
}

export function retSpec(): Handler {
  return retNear;
}

/** lea with a base (and index) register, no 0x67: the 64-bit sum is
 * exact as a double while it stays below 2^53 (else the generic path). */
function lea64(c: X86Core, i: number): void {
  const d = c.d;
  const b = d.base[i];
  let a = d.disp[i] + c.rh[b] * L_TWO32 + (c.rl[b] >>> 0);
  let xh = 0;
  if (d.amode[i] === 2) {
    const x = d.index[i];
    xh = c.rh[x];
    a += (xh * L_TWO32 + (c.rl[x] >>> 0)) * (1 << d.scale[i]);
  }
  // The sum beyond 2^53 or a term beyond 2^52 (exact-sum.ts): exactly.
  if (a >= 9007199254740992 || a <= -9007199254740992 || !termsFit(c.rh[b], xh)) return lea(c, i);
  const g = d.reg[i];
  c.rl[g] = a | 0;
  c.rh[g] = Math.floor(a / L_TWO32) | 0;
}

/** 32-bit lea: the low halves alone give the truncated sum. */
function lea32(c: X86Core, i: number): void {
  const d = c.d;
  let a = d.disp[i] + c.rl[d.base[i]];
  if (d.amode[i] === 2) a += c.rl[d.index[i]] << d.scale[i];
  const g = d.reg[i];
  c.rl[g] = a | 0;
  c.rh[g] = 0;
}

function leaAny(c: X86Core, i: number): void {
  const m = c.d.amode[i];
  if (m === 1 || m === 2) {
    if (c.d.osz[i] === 8) lea64(c, i);
    else lea32(c, i);
  } else lea(c, i);
}

/** lea at operand size 4 or 8 (amode is only known per slot, so the
 * handler checks it; 16-bit lea stays generic). */
export function leaSpec(osz: number): Handler | undefined {
  return osz === 8 || osz === 4 ? leaAny : undefined;
}
