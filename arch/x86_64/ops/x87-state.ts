/**
 * The x87 FPU state (SDM vol. 1, 8.1): eight 80-bit physical registers
 * (sign+exponent word and significand halves), TOP, the tag word, status
 * and control words. Stored in `core.fpu`, created on first use.
 */
import type { X86Core } from '../core';
import { CR0_EM, CR0_NE, CR0_TS, EXC_MF, EXC_NM } from '../registers';
import { EXC_DE, EXC_IE, EXC_OE, EXC_PE, EXC_UE, EXC_ZE, ctl, indefinite, OUT } from '../float80';

// Status word (8.1.3).
export const SW_SF = 1 << 6;
export const SW_ES = 1 << 7;
export const SW_C0 = 1 << 8;
export const SW_C1 = 1 << 9;
export const SW_C2 = 1 << 10;
export const SW_C3 = 1 << 14;
export const SW_B = 1 << 15;
export const SW_CC = SW_C0 | SW_C1 | SW_C2 | SW_C3;

export class X87 {
  readonly se = new Int32Array(8);
  readonly hi = new Int32Array(8);
  readonly lo = new Int32Array(8);
  /** 1: tag "empty" (11b) for the physical register. */
  readonly empty = new Uint8Array(8).fill(1);
  top = 0;
  /** Status word without TOP (bits 13:11 come from `top`). */
  sw = 0;
  cw = 0x037f;
  // The last non-control instruction (8.1.8, 8.1.9): its address (RIP, at
  // its first prefix), CS, the 11-bit opcode (low 3 bits of the first
  // opcode byte, then ModRM), and the address and segment of the last
  // memory operand such an instruction used.
  fip = 0;
  fcs = 0;
  fop = 0;
  fdp = 0;
  fds = 0;

  reset(): void {
    this.empty.fill(1);
    this.top = 0;
    this.sw = 0;
    this.cw = 0x037f;
    this.fip = 0;
    this.fcs = 0;
    this.fop = 0;
    this.fdp = 0;
    this.fds = 0;
  }

  statusWord(): number {
    return (this.sw & ~(7 << 11)) | (this.top << 11);
  }

  /** Precision in significand bits from PC (8.1.5.2): 24, reserved=53... */
  precision(): number {
    const pc = (this.cw >>> 8) & 3;
    return pc === 0 ? 24 : pc === 2 ? 53 : 64;
  }

  rc(): number {
    return (this.cw >>> 10) & 3;
  }

  /** The full tag word (8.1.7): valid 00, zero 01, special 10, empty 11. */
  tagWord(): number {
    let tw = 0;
    for (let p = 0; p < 8; p++) {
      let t: number;
      if (this.empty[p]) t = 3;
      else {
        const e = this.se[p] & 0x7fff;
        if (e === 0x7fff) t = 2;
        else if (e === 0) t = this.hi[p] === 0 && this.lo[p] === 0 ? 1 : 2;
        else t = (this.hi[p] & 0x80000000) !== 0 ? 0 : 2;
      }
      tw |= t << (p * 2);
    }
    return tw;
  }

  setTagWord(tw: number): void {
    for (let p = 0; p < 8; p++) this.empty[p] = ((tw >>> (p * 2)) & 3) === 3 ? 1 : 0;
  }
}

export function fpu(c: X86Core): X87 {
  let f = c.fpu as X87 | null;
  if (f === null) {
    f = new X87();
    c.fpu = f;
  }
  return f;
}

/** Device-not-available and pending unmasked exceptions before a waiting x87 instruction (8.1.8, 8.7). */
export function enter(c: X86Core, wait: boolean): X87 {
  if ((c.cr0 & (CR0_EM | CR0_TS)) !== 0) c.raise(EXC_NM);
  const f = fpu(c);
  if (wait && (f.sw & SW_ES) !== 0 && (c.cr0 & CR0_NE) !== 0) c.raise(EXC_MF);
  ctl.exc = 0;
  ctl.roundedUp = 0;
  ctl.unmasked = ~f.cw & (EXC_OE | EXC_UE);
  return f;
}

/**
 * enter() for a non-control instruction (all but fninit, fnclex, fldcw,
 * fnstcw, fnstsw, fnstenv, fldenv, fnsave, frstor, fwait; 8.1.8): records
 * its address and opcode as the last instruction pointer after the #MF
 * check, so a pending exception still reports the instruction that caused it.
 */
export function enterOp(c: X86Core, i: number): X87 {
  const f = enter(c, true);
  const ip = c.nextRip - c.d.len[i];
  f.fip = ip;
  f.fcs = c.sel[1];
  // The opcode bytes are re-read (the page was just fetched): prefixes skipped.
  let k = 0;
  let b = c.read8(ip);
  while (k < 14 && isPrefix(b)) b = c.read8(ip + ++k);
  f.fop = ((b & 7) << 8) | c.read8(ip + k + 1);
  return f;
}

function isPrefix(b: number): boolean {
  return (b & 0xf0) === 0x40 || b === 0x66 || b === 0x67 || b === 0xf2 || b === 0xf3 || b === 0xf0 || b === 0x26 || b === 0x2e || b === 0x36 || b === 0x3e || b === 0x64 || b === 0x65;
}

/** Records the memory operand of the current instruction as the last data pointer (after enterOp). */
export function noteData(c: X86Core, f: X87, i: number, a: number): void {
  f.fdp = a;
  const seg = c.d.seg[i];
  f.fds = seg === 0 ? c.sel[3] : c.sel[seg];
}

/**
 * Records the exceptions in ctl.exc (already masked-response results in
 * place); unmasked ones set ES and B so the next waiting instruction
 * raises #MF (8.7.1).
 */
export function commit(f: X87): void {
  let e = ctl.exc;
  if (e === 0) return;
  // An operation abandoned for an unmasked pre-computation exception raises nothing after it.
  if (suppressed(f)) e &= ~(EXC_OE | EXC_UE | EXC_PE);
  f.sw |= e & 0x3f;
  if ((e & ~f.cw & 0x3f) !== 0) f.sw |= SW_ES | SW_B;
}

export function phys(f: X87, i: number): number {
  return (f.top + i) & 7;
}

/** Stack underflow (8.5.1.1): IE with SF, C1 = 0. Returns true if ST(i) is empty. */
export function underflow(f: X87, i: number): boolean {
  if (f.empty[(f.top + i) & 7] === 0) return false;
  ctl.exc |= EXC_IE;
  f.sw = (f.sw | SW_SF) & ~SW_C1;
  return true;
}

/** Pushes OUT; on overflow (ST(7) in use) pushes the indefinite with IE, SF, C1 = 1. */
export function pushOut(f: X87): void {
  const t = (f.top - 1) & 7;
  if (f.empty[t] === 0) {
    ctl.exc = (ctl.exc & ~EXC_DE) | EXC_IE; // the stack fault takes precedence over #D of the source
    f.sw |= SW_SF | SW_C1;
    if ((f.cw & EXC_IE) === 0) return; // unmasked: no change to the stack
    indefinite();
  }
  if (suppressed(f)) return;
  f.top = t;
  f.se[t] = OUT[0];
  f.hi[t] = OUT[1];
  f.lo[t] = OUT[2];
  f.empty[t] = 0;
}

/**
 * An unmasked invalid-operation, denormal-operand or divide-by-zero
 * exception (pre-computation exceptions, SDM vol. 1, 8.5 and 4.9.2)
 * leaves the destination and the stack unchanged: setSt, pushOut and pop
 * then do nothing, and #MF follows at the next waiting instruction.
 */
export function suppressed(f: X87): boolean {
  return (ctl.exc & ~f.cw & (EXC_IE | EXC_DE | EXC_ZE)) !== 0;
}

/** Writes OUT to ST(i) (not after an unmasked pre-computation exception). */
export function setSt(f: X87, i: number): void {
  if (suppressed(f)) return;
  const p = (f.top + i) & 7;
  f.se[p] = OUT[0];
  f.hi[p] = OUT[1];
  f.lo[p] = OUT[2];
  f.empty[p] = 0;
}

export function pop(f: X87): void {
  if (suppressed(f)) return;
  f.empty[f.top] = 1;
  f.top = (f.top + 1) & 7;
}

/** C1 from the rounding direction of the last result (8.1.3.1). */
export function setC1FromRounding(f: X87): void {
  if (ctl.roundedUp && !suppressed(f)) f.sw |= SW_C1;
  else f.sw &= ~SW_C1;
}
