/**
 * A RISC-V user thread's registers for the kernel (hal/trap.ts UserContext):
 * x1..x31 and pc. System calls follow Linux's riscv convention: number in
 * a7, arguments in a0-a5, result in a0; `ecall` is always 4 bytes.
 */
import type { UserContext } from '../../../hal/trap';

const A0 = 10;
const A7 = 17;
const SP = 2;
const TP = 4;

export class RiscvUserContext implements UserContext {
  readonly regs = new Int32Array(32);
  pcValue = 0;

  get pc(): number {
    return this.pcValue >>> 0;
  }
  set pc(value: number) {
    this.pcValue = value | 0;
  }

  get sp(): number {
    return this.regs[SP] >>> 0;
  }
  set sp(value: number) {
    this.regs[SP] = value | 0;
  }

  get syscallNumber(): number {
    return this.regs[A7];
  }

  argWord(index: number): number {
    return this.regs[A0 + index] >>> 0;
  }

  argInt(index: number): number {
    return this.regs[A0 + index];
  }

  argU32(index: number): number {
    return this.regs[A0 + index] >>> 0;
  }

  argLong(index: number): number {
    return this.regs[A0 + index];
  }

  setReturn(value: number): void {
    this.regs[A0] = value | 0;
  }

  restartSyscall(): void {
    this.pcValue = (this.pcValue - 4) | 0;
  }

  cancelRestart(): void {
    this.pcValue = (this.pcValue + 4) | 0;
  }

  get threadPointer(): number {
    return this.regs[TP] >>> 0;
  }
  set threadPointer(value: number) {
    this.regs[TP] = value | 0;
  }

  clone(): RiscvUserContext {
    const copy = new RiscvUserContext();
    copy.regs.set(this.regs);
    copy.pcValue = this.pcValue;
    return copy;
  }
}
