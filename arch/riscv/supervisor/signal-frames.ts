/**
 * RISC-V signal frames, laid out as Linux's for rv32 (arch/riscv/kernel/
 * signal.c, uapi asm/ucontext.h and sigcontext.h): struct rt_sigframe
 * { siginfo (128 bytes); ucontext } 16-byte aligned below the stack pointer,
 * ucontext's uc_mcontext at +160 holding pc and x1-x31 (the FP state area,
 * unused on rv32imc, stays zero). The handler gets (signal, &info, &uc) in
 * a0-a2 and returns to the kernel's trampoline in ra (RISC-V has no
 * SA_RESTORER: Linux uses its vDSO, JOS a page it maps the same way).
 */
import type { SignalDelivery, SignalFrames, UserStack } from '../../../hal/signal-frames';
import type { UserContext } from '../../../hal/trap';
import { KERNEL_BASE } from './sv32-space';
import type { RiscvUserContext } from './user-context';

const INFO_SIZE = 128;
const UCONTEXT_SIZE = 816;
const FRAME_SIZE = INFO_SIZE + UCONTEXT_SIZE;
const UC = INFO_SIZE;
const SIGMASK = UC + 20;
const MCONTEXT = UC + 160;
const A0 = 10;
const RA = 1;

/** li a7, 139 (rt_sigreturn); ecall */
const TRAMPOLINE = new Uint8Array(Uint32Array.of(0x08b00893, 0x00000073).buffer);

export class RiscvSignalFrames implements SignalFrames {
  readonly trampolineCode = TRAMPOLINE;
  readonly trampolineAddress = KERNEL_BASE - 4096;

  push(context: UserContext, delivery: SignalDelivery, stack: UserStack): void {
    const c = context as RiscvUserContext;
    const frame = Math.floor(((delivery.stackTop ?? c.sp) - FRAME_SIZE) / 16) * 16;
    const bytes = new Uint8Array(FRAME_SIZE);
    const view = new DataView(bytes.buffer);
    const info = delivery.info;
    view.setInt32(0, info.signal, true);
    view.setInt32(8, info.code, true);
    if (info.address !== 0) view.setUint32(12, info.address >>> 0, true);
    else {
      view.setInt32(12, info.pid, true);
      view.setInt32(16, info.uid, true);
      if (info.status !== undefined) view.setInt32(20, info.status, true); // si_status (SIGCHLD)
    }
    const alt = delivery.altStack;
    if (alt) {
      view.setUint32(UC + 8, alt.sp >>> 0, true); // uc_stack
      view.setInt32(UC + 12, alt.flags, true);
      view.setUint32(UC + 16, alt.size >>> 0, true);
    } else view.setInt32(UC + 12, 2, true); // uc_stack.ss_flags = SS_DISABLE
    view.setUint32(SIGMASK, Number(delivery.savedMask & 0xffff_ffffn), true);
    view.setUint32(SIGMASK + 4, Number((delivery.savedMask >> 32n) & 0xffff_ffffn), true);
    view.setUint32(MCONTEXT, c.pc, true);
    for (let r = 1; r < 32; r++) view.setInt32(MCONTEXT + 4 * r, c.regs[r], true);
    stack.write(frame, bytes);

    c.sp = frame;
    c.pc = delivery.handler;
    c.regs[A0] = info.signal;
    c.regs[A0 + 1] = (frame | 0);
    c.regs[A0 + 2] = (frame + UC) | 0;
    c.regs[RA] = this.trampolineAddress | 0;
  }

  pop(context: UserContext, stack: UserStack): bigint {
    const c = context as RiscvUserContext;
    const view = new DataView(stack.read(c.sp, FRAME_SIZE).buffer);
    c.pc = view.getUint32(MCONTEXT, true);
    for (let r = 1; r < 32; r++) c.regs[r] = view.getInt32(MCONTEXT + 4 * r, true);
    return BigInt(view.getUint32(SIGMASK, true)) | (BigInt(view.getUint32(SIGMASK + 4, true)) << 32n);
  }
}
