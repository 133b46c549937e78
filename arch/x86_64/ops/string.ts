/**
 * String instructions movs, cmps, stos, lods, scas, ins, outs with rep /
 * repe / repne (SDM vol. 2, "REP/REPE/REPZ/REPNE/REPNZ"). Registers are
 * updated after every element, so a fault mid-string leaves RSI/RDI/RCX
 * describing the remaining work and RIP at the instruction, as on hardware.
 */
import type { X86Core } from '../core';
import { PFX_ASZ, PFX_REP, PFX_REPNE } from '../decoded';
import { DF, getZF } from '../flags';
import { getReg, readMem, setReg, writeMem } from '../operands';
import { RAX, RCX, RDI, RDX, RSI, TWO32 } from '../registers';
import { ALU_CMP, alu } from './alu';
import { checkIoPermission } from './system';

export const STR_MOVS = 0;
export const STR_CMPS = 1;
export const STR_STOS = 2;
export const STR_LODS = 3;
export const STR_SCAS = 4;
export const STR_INS = 5;
export const STR_OUTS = 6;

function getAddrReg(c: X86Core, r: number, a32: boolean): number {
  return a32 ? c.rl[r] >>> 0 : c.rh[r] * TWO32 + (c.rl[r] >>> 0);
}

function advance(c: X86Core, r: number, delta: number, a32: boolean): void {
  if (a32) {
    c.rl[r] = (c.rl[r] + delta) | 0;
    c.rh[r] = 0;
    return;
  }
  const lo = (c.rl[r] >>> 0) + delta;
  c.rl[r] = lo | 0;
  if (lo >= TWO32) c.rh[r] = (c.rh[r] + 1) | 0;
  else if (lo < 0) c.rh[r] = (c.rh[r] - 1) | 0;
}

function segBase(c: X86Core, i: number): number {
  const s = c.d.seg[i];
  return s === 0 ? 0 : s === 4 ? c.fsBase : c.gsBase;
}

/** One element; returns false when a repe/repne condition ends the loop. */
function element(c: X86Core, i: number, kind: number, size: number, step: number, a32: boolean): void {
  switch (kind) {
    case STR_MOVS: {
      const v = readMem(c, segBase(c, i) + getAddrReg(c, RSI, a32), size);
      writeMem(c, getAddrReg(c, RDI, a32), size, v, c.hi);
      advance(c, RSI, step, a32);
      advance(c, RDI, step, a32);
      return;
    }
    case STR_CMPS: {
      const a = readMem(c, segBase(c, i) + getAddrReg(c, RSI, a32), size);
      const aH = c.hi;
      const b = readMem(c, getAddrReg(c, RDI, a32), size);
      alu(c, ALU_CMP, size, a, aH, b, c.hi);
      advance(c, RSI, step, a32);
      advance(c, RDI, step, a32);
      return;
    }
    case STR_STOS: {
      const v = getReg(c, RAX, size);
      writeMem(c, getAddrReg(c, RDI, a32), size, v, c.hi);
      advance(c, RDI, step, a32);
      return;
    }
    case STR_LODS: {
      const v = readMem(c, segBase(c, i) + getAddrReg(c, RSI, a32), size);
      setReg(c, RAX, size, v, c.hi);
      advance(c, RSI, step, a32);
      return;
    }
    case STR_SCAS: {
      const a = getReg(c, RAX, size);
      const aH = c.hi;
      const b = readMem(c, getAddrReg(c, RDI, a32), size);
      alu(c, ALU_CMP, size, a, aH, b, c.hi);
      advance(c, RDI, step, a32);
      return;
    }
    case STR_INS: {
      const port = c.rl[RDX] & 0xffff;
      checkIoPermission(c, port);
      const v = c.bus.portIn(port, size as 1 | 2 | 4);
      writeMem(c, getAddrReg(c, RDI, a32), size, v, 0);
      advance(c, RDI, step, a32);
      return;
    }
    default: {
      const port = c.rl[RDX] & 0xffff;
      checkIoPermission(c, port);
      const v = readMem(c, segBase(c, i) + getAddrReg(c, RSI, a32), size);
      c.bus.portOut(port, size as 1 | 2 | 4, v);
      advance(c, RSI, step, a32);
    }
  }
}

export function stringOp(c: X86Core, i: number): void {
  const d = c.d;
  const kind = d.x[i];
  const size = d.osz[i];
  const pfx = d.pfx[i];
  const a32 = (pfx & PFX_ASZ) !== 0;
  const step = (c.flags & DF) !== 0 ? -size : size;
  if ((pfx & (PFX_REP | PFX_REPNE)) === 0) {
    element(c, i, kind, size, step, a32);
    return;
  }
  const conditional = kind === STR_CMPS || kind === STR_SCAS;
  const untilEqual = (pfx & PFX_REPNE) !== 0;
  for (;;) {
    const count = a32 ? c.rl[RCX] >>> 0 : (c.rh[RCX] >>> 0) * TWO32 + (c.rl[RCX] >>> 0);
    if (count === 0) return;
    element(c, i, kind, size, step, a32);
    advance(c, RCX, -1, a32);
    if (conditional && (getZF(c) !== 0) === untilEqual) return;
  }
}
