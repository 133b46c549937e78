/**
 * An x86_64 user thread's state for the kernel (hal/trap.ts UserContext):
 * the 16 GPRs as 32-bit halves (the core's layout), RIP, RFLAGS, the FS
 * base, and the SSE state (XMM0-15, MXCSR), which compiled C uses freely.
 * System calls follow Linux's x86_64 convention: number in rax, arguments
 * in rdi, rsi, rdx, r10, r8, r9, result in rax; `syscall` is 2 bytes.
 */
import type { UserContext } from '../../../hal/trap';
import { X87 } from '../ops/x87-state';

const RAX = 0;
const RSP = 4;
const ARG_REGS = [7, 6, 2, 10, 8, 9]; // rdi rsi rdx r10 r8 r9
const TWO32 = 0x1_0000_0000;

export class X86UserContext implements UserContext {
  readonly rl = new Int32Array(16);
  readonly rh = new Int32Array(16);
  rip = 0;
  rflags = 0x202;
  fsBase = 0;
  readonly xmm = new Int32Array(64);
  mxcsr = 0x1f80;
  /** The x87 registers: the core works on this object while the thread runs. */
  fpu = new X87();
  /** Entered the kernel through `syscall`: the way back can be `sysretq`. */
  viaSyscall = false;

  get pc(): number {
    return this.rip;
  }
  set pc(value: number) {
    this.rip = value;
  }

  get sp(): number {
    return this.word(RSP);
  }
  set sp(value: number) {
    this.setWord(RSP, value);
  }

  /** eax, signed: Linux takes the number as an int (do_syscall_64), so
   * the upper half is ignored and a negative number is no system call. */
  get syscallNumber(): number {
    return this.rl[RAX];
  }

  argWord(index: number): number {
    const r = ARG_REGS[index];
    return (this.rh[r] >>> 0) * TWO32 + (this.rl[r] >>> 0);
  }

  argInt(index: number): number {
    return this.rl[ARG_REGS[index]];
  }

  argU32(index: number): number {
    return this.rl[ARG_REGS[index]] >>> 0;
  }

  argLong(index: number): number {
    const r = ARG_REGS[index];
    return this.rh[r] * TWO32 + (this.rl[r] >>> 0);
  }

  setReturn(value: number): void {
    this.setWord(RAX, value);
  }

  restartSyscall(): void {
    this.rip -= 2;
  }

  cancelRestart(): void {
    this.rip += 2;
  }

  get threadPointer(): number {
    return this.fsBase;
  }
  set threadPointer(value: number) {
    this.fsBase = value;
  }

  clone(): X86UserContext {
    const copy = new X86UserContext();
    copy.rl.set(this.rl);
    copy.rh.set(this.rh);
    copy.rip = this.rip;
    copy.rflags = this.rflags;
    copy.fsBase = this.fsBase;
    copy.xmm.set(this.xmm);
    copy.mxcsr = this.mxcsr;
    copyX87(copy.fpu, this.fpu);
    copy.viaSyscall = this.viaSyscall;
    return copy;
  }

  private word(r: number): number {
    return this.rh[r] * TWO32 + (this.rl[r] >>> 0);
  }

  private setWord(r: number, value: number): void {
    this.rl[r] = value | 0;
    this.rh[r] = Math.floor(value / TWO32) | 0;
  }
}

/** Copies every field of an x87 state. */
export function copyX87(to: X87, from: X87): void {
  to.se.set(from.se);
  to.hi.set(from.hi);
  to.lo.set(from.lo);
  to.empty.set(from.empty);
  to.top = from.top;
  to.sw = from.sw;
  to.cw = from.cw;
  to.fip = from.fip;
  to.fcs = from.fcs;
  to.fdp = from.fdp;
  to.fds = from.fds;
  to.fop = from.fop;
}
