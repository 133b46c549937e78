/**
 * Stack instructions: push/pop (registers, memory, immediates, FS/GS),
 * pushf/popf, enter/leave (SDM vol. 2). The stack pointer is RSP with a
 * flat SS; 66h selects 16-bit pushes and pops.
 */
import type { X86Core } from '../core';
import { AC, ID, IF, IOPL, readFlags, RF, TF, WRITABLE, LazyOp } from '../flags';
import { getReg, readE, readMem, setReg, writeE, writeMem } from '../operands';
import { RBP, RSP, TWO32 } from '../registers';
import { loadSegment } from '../segment-load';

function rsp(c: X86Core): number {
  return c.rh[RSP] * TWO32 + (c.rl[RSP] >>> 0);
}

function setRsp(c: X86Core, v: number): void {
  c.rl[RSP] = v | 0;
  c.rh[RSP] = Math.floor(v / TWO32) | 0;
}

/** Pushes `size` (2 or 8) bytes. */
export function push(c: X86Core, size: number, lo: number, hi: number): void {
  const a = rsp(c) - size;
  writeMem(c, a, size, lo, hi);
  setRsp(c, a);
}

/** Pops `size` bytes: low half returned, high in c.hi. */
export function pop(c: X86Core, size: number): number {
  const a = rsp(c);
  const v = readMem(c, a, size);
  const h = c.hi;
  setRsp(c, a + size);
  c.hi = h;
  return v;
}

/** push r (50+r; the decoder puts the register in rm) and push E (FF /6). */
export function pushE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = readE(c, i, size);
  push(c, size, v, c.hi);
}

export function pushI(c: X86Core, i: number): void {
  push(c, c.d.osz[i], c.d.imm[i], c.d.immHi[i]);
}

/** pop r (58+r) and pop E (8F /0). With a memory destination addressed
 * through RSP, the address uses the incremented RSP (SDM vol. 2, POP). */
export function popE(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const a = rsp(c);
  const v = readMem(c, a, size);
  const h = c.hi;
  const old0 = c.rl[RSP];
  const old1 = c.rh[RSP];
  setRsp(c, a + size);
  try {
    writeE(c, i, size, v, h);
  } catch (e) {
    c.rl[RSP] = old0;
    c.rh[RSP] = old1;
    throw e;
  }
}

/** push fs / push gs (x = segment register number). */
export function pushSeg(c: X86Core, i: number): void {
  push(c, c.d.osz[i], c.sel[c.d.x[i]], 0);
}

export function popSeg(c: X86Core, i: number): void {
  // The selector is checked and loaded before RSP moves (a fault changes
  // nothing). A null one keeps the base (64-bit code reads the MSR's).
  const size = c.d.osz[i];
  loadSegment(c, c.d.x[i], readMem(c, rsp(c), size) & 0xffff);
  setRsp(c, rsp(c) + size);
}

export function pushf(c: X86Core, i: number): void {
  // VM and RF are cleared in the pushed image (SDM vol. 2, PUSHF).
  const f = readFlags(c) & ~(RF | (1 << 17));
  push(c, c.d.osz[i], f, 0);
}

/** popf: which bits change depends on CPL and IOPL (SDM vol. 2, POPF). */
export function popf(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const v = pop(c, size);
  let writable = WRITABLE & ~RF;
  if (c.cpl > 0) writable &= ~IOPL;
  if (c.cpl > ((c.flags & IOPL) >> 12)) writable &= ~IF;
  if (size === 2) writable &= 0xffff;
  const old = readFlags(c);
  c.flags = (old & ~writable) | (v & writable) | 2;
  c.fop = LazyOp.NONE;
  if ((c.flags & IF) !== 0 && (old & IF) === 0) c.brk = true;
  // Single-stepping starts after the next instruction: X86Core.run sees TF.
  if ((c.flags & TF) !== 0 && (old & TF) === 0) {
    c.brk = true;
    c.requestStop();
  }
  void AC;
  void ID;
}

/** leave: RSP = RBP, pop RBP. */
export function leave(c: X86Core, i: number): void {
  const size = c.d.osz[i];
  const bp = c.rh[RBP] * TWO32 + (c.rl[RBP] >>> 0);
  const v = readMem(c, bp, size);
  const h = c.hi;
  setRsp(c, bp + size);
  setReg(c, RBP, size, v, h);
}

/** enter imm16, imm8 (imm = frame size, disp = nesting level). */
export function enter(c: X86Core, i: number): void {
  const d = c.d;
  const size = d.osz[i];
  const frame = d.imm[i] & 0xffff;
  const level = d.disp[i] & 31;
  const bp = getReg(c, RBP, size);
  push(c, size, bp, c.hi);
  const frameTemp = rsp(c);
  let ebp = c.rh[RBP] * TWO32 + (c.rl[RBP] >>> 0);
  if (level > 0) {
    for (let n = 1; n < level; n++) {
      ebp -= size;
      const v = readMem(c, ebp, size);
      push(c, size, v, c.hi);
    }
    push(c, size, frameTemp | 0, Math.floor(frameTemp / TWO32) | 0);
  }
  setReg(c, RBP, size, frameTemp | 0, Math.floor(frameTemp / TWO32) | 0);
  setRsp(c, rsp(c) - frame);
}
