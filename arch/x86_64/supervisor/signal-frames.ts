/**
 * x86_64 signal frames, laid out as Linux's (arch/x86/kernel/signal_64.c,
 * uapi asm/sigcontext.h): below the red zone, a 64-byte aligned fxsave area
 * (the SSE state), then struct rt_sigframe { pretcode; ucontext; siginfo }
 * with the stack pointer 8 bytes off 16 as after a call. The handler gets
 * (signal, &info, &uc) in rdi, rsi, rdx and returns through sa_restorer
 * (libc's `mov $15, %eax; syscall`) or the kernel's trampoline.
 */
import type { SignalDelivery, SignalFrames, UserStack } from '../../../hal/signal-frames';
import type { UserContext } from '../../../hal/trap';
import { USER_TOP } from './paging';
import type { X87 } from '../ops/x87-state';
import type { X86UserContext } from './user-context';

const RED_ZONE = 128;
const FXSAVE_SIZE = 512;
const FRAME_SIZE = 8 + 304 + 128;
const UC = 8;
const MCONTEXT = UC + 40;
const SIGMASK = UC + 296;
const INFO = UC + 304;
/** sigcontext's register order, as core register numbers (rax 0 ... r15 15). */
const SIGCONTEXT_ORDER = [8, 9, 10, 11, 12, 13, 14, 15, 7, 6, 5, 3, 2, 0, 1, 4];
const RIP_AT = 128;
const EFLAGS_AT = 136;
const CSGSFS_AT = 144;
const FPSTATE_AT = 184;
const MXCSR_AT = 24;
const XMM_AT = 160;
/** The flags a handler may change through uc_mcontext (Linux's FIX_EFLAGS). */
const FIX_EFLAGS = 0x50dd5;
const TF_DF_RF = 0x10500;
const SA_RESTORER = 0x0400_0000;
const TWO32 = 0x1_0000_0000;
const USER_CS = 0x23;
const USER_DS = 0x2b;

/** The kernel's return trampoline: mov $15, %eax (rt_sigreturn); syscall. */
const TRAMPOLINE = Uint8Array.of(0xb8, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05);

function put64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % TWO32 >>> 0, true);
  view.setUint32(at + 4, Math.floor(value / TWO32) >>> 0, true);
}

function get64(view: DataView, at: number): number {
  return view.getInt32(at + 4, true) * TWO32 + view.getUint32(at, true);
}

export class X86SignalFrames implements SignalFrames {
  readonly trampolineCode = TRAMPOLINE;
  readonly trampolineAddress = USER_TOP - 4096;

  push(context: UserContext, delivery: SignalDelivery, stack: UserStack): void {
    const c = context as X86UserContext;
    // The red zone below the interrupted code's stack pointer is its own; an
    // alternate stack starts at its top (Linux's get_sigframe).
    const top = delivery.stackTop ?? c.sp - RED_ZONE;
    const fx = Math.floor((top - FXSAVE_SIZE) / 64) * 64;
    const frame = Math.floor((fx - FRAME_SIZE) / 16) * 16 - 8;
    const bytes = new Uint8Array(fx + FXSAVE_SIZE - frame);
    const view = new DataView(bytes.buffer);
    const returnAddress = delivery.flags & SA_RESTORER && delivery.restorer !== 0 ? delivery.restorer : this.trampolineAddress;
    put64(view, 0, returnAddress);
    // uc_stack: the alternate stack, or none (ss_flags SS_DISABLE).
    const alt = delivery.altStack;
    if (alt) {
      put64(view, UC + 16, alt.sp);
      view.setInt32(UC + 24, alt.flags, true);
      put64(view, UC + 32, alt.size);
    } else view.setInt32(UC + 24, 2, true);
    SIGCONTEXT_ORDER.forEach((reg, k) => {
      view.setInt32(MCONTEXT + 8 * k, c.rl[reg], true);
      view.setInt32(MCONTEXT + 8 * k + 4, c.rh[reg], true);
    });
    put64(view, MCONTEXT + RIP_AT, c.rip);
    put64(view, MCONTEXT + EFLAGS_AT, c.rflags);
    view.setUint16(MCONTEXT + CSGSFS_AT, USER_CS, true);
    view.setUint16(MCONTEXT + CSGSFS_AT + 6, USER_DS, true);
    put64(view, MCONTEXT + FPSTATE_AT, fx);
    put64(view, SIGMASK, Number(delivery.savedMask & 0xffff_ffff_ffffn));
    const info = delivery.info;
    view.setInt32(INFO, info.signal, true);
    view.setInt32(INFO + 8, info.code, true);
    if (info.address !== 0) put64(view, INFO + 16, info.address);
    else {
      view.setInt32(INFO + 16, info.pid, true);
      view.setInt32(INFO + 20, info.uid, true);
      if (info.status !== undefined) view.setInt32(INFO + 24, info.status, true); // si_status (SIGCHLD)
    }
    // fxsave image (SDM vol. 1, 10.5.1): x87 state, MXCSR, XMM0-15.
    const f = fx - frame;
    writeX87(view, f, c.fpu);
    view.setUint32(f + MXCSR_AT, c.mxcsr >>> 0, true);
    view.setUint32(f + MXCSR_AT + 4, 0xffff, true);
    for (let i = 0; i < 64; i++) view.setInt32(f + XMM_AT + 4 * i, c.xmm[i], true);
    stack.write(frame, bytes);
    // The handler starts with the FPU in its initial state, as on Linux (fpu__clear_user_states):
    // otherwise a pending x87 exception would raise #MF again at its first waiting instruction.
    c.fpu.reset();
    c.mxcsr = 0x1f80;
    c.xmm.fill(0, 0, 64);

    c.sp = frame;
    c.rip = delivery.handler;
    c.rflags = c.rflags & ~TF_DF_RF;
    c.rl[7] = info.signal;
    c.rh[7] = 0;
    setWord(c, 6, frame + INFO);
    setWord(c, 2, frame + UC);
    setWord(c, 0, 0);
    c.viaSyscall = false;
  }

  pop(context: UserContext, stack: UserStack): bigint {
    const c = context as X86UserContext;
    const frame = c.sp - 8; // the handler's ret took pretcode
    const bytes = stack.read(frame, FRAME_SIZE);
    const view = new DataView(bytes.buffer);
    SIGCONTEXT_ORDER.forEach((reg, k) => {
      c.rl[reg] = view.getInt32(MCONTEXT + 8 * k, true);
      c.rh[reg] = view.getInt32(MCONTEXT + 8 * k + 4, true);
    });
    c.rip = get64(view, MCONTEXT + RIP_AT);
    c.rflags = (c.rflags & ~FIX_EFLAGS) | (view.getUint32(MCONTEXT + EFLAGS_AT, true) & FIX_EFLAGS) | 0x202;
    const fx = get64(view, MCONTEXT + FPSTATE_AT);
    if (fx !== 0) {
      const state = new DataView(stack.read(fx, FXSAVE_SIZE).buffer);
      readX87(state, c.fpu);
      c.mxcsr = state.getUint32(MXCSR_AT, true) & 0xffff;
      for (let i = 0; i < 64; i++) c.xmm[i] = state.getInt32(XMM_AT + 4 * i, true);
    }
    // Every register is back, RCX and R11 included: return with iretq.
    c.viaSyscall = false;
    return BigInt(view.getUint32(SIGMASK, true)) | (BigInt(view.getUint32(SIGMASK + 4, true)) << 32n);
  }
}

/** The x87 part of an fxsave image: FCW, FSW, abridged FTW, FOP, FIP,
 * FDP and ST(0)-ST(7) as 80-bit values in 16-byte slots from +32. */
function writeX87(view: DataView, at: number, f: X87): void {
  view.setUint16(at, f.cw, true);
  view.setUint16(at + 2, f.statusWord(), true);
  let abridged = 0;
  for (let p = 0; p < 8; p++) if (!f.empty[p]) abridged |= 1 << p;
  view.setUint8(at + 4, abridged);
  view.setUint16(at + 6, f.fop, true);
  put64(view, at + 8, f.fip);
  put64(view, at + 16, f.fdp);
  for (let i = 0; i < 8; i++) {
    const p = (f.top + i) & 7;
    view.setInt32(at + 32 + 16 * i, f.lo[p], true);
    view.setInt32(at + 36 + 16 * i, f.hi[p], true);
    view.setUint16(at + 40 + 16 * i, f.se[p] & 0xffff, true);
  }
}

function readX87(view: DataView, f: X87): void {
  f.cw = view.getUint16(0, true);
  const sw = view.getUint16(2, true);
  f.top = (sw >>> 11) & 7;
  f.sw = sw & ~(7 << 11);
  const abridged = view.getUint8(4);
  for (let p = 0; p < 8; p++) f.empty[p] = (abridged >>> p) & 1 ? 0 : 1;
  f.fop = view.getUint16(6, true);
  f.fip = get64(view, 8);
  f.fdp = get64(view, 16);
  for (let i = 0; i < 8; i++) {
    const p = (f.top + i) & 7;
    f.lo[p] = view.getInt32(32 + 16 * i, true);
    f.hi[p] = view.getInt32(36 + 16 * i, true);
    f.se[p] = view.getUint16(40 + 16 * i, true);
  }
}

function setWord(c: X86UserContext, reg: number, value: number): void {
  c.rl[reg] = value | 0;
  c.rh[reg] = Math.floor(value / TWO32) | 0;
}
