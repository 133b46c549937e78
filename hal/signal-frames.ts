/**
 * Signal frames: how the architecture builds the frame a signal handler
 * runs on (x86_64: rt_sigframe with ucontext, sigcontext and fxsave state;
 * RISC-V: rt_sigframe with siginfo and ucontext) and how rt_sigreturn takes
 * it back, exactly as Linux lays them out, so a libc's handlers, siginfo
 * readers and setjmp/longjmp work unchanged.
 */
import type { UserContext } from './trap';

/** What the handler is told (siginfo_t's fields that JOS fills). */
export interface SignalInfo {
  signal: number;
  /** si_code: SI_USER 0, SI_KERNEL 0x80, SEGV_MAPERR 1, SEGV_ACCERR 2, ILL_ILLOPC 1... */
  code: number;
  /** si_addr for faults. */
  address: number;
  /** si_pid / si_uid for kill. */
  pid: number;
  uid: number;
  /** SIGCHLD's si_status: the exit code, or the signal that ended it. */
  status?: number;
}

export interface SignalDelivery {
  info: SignalInfo;
  handler: number;
  flags: number;
  /** sa_restorer (x86_64, SA_RESTORER); 0: the kernel's trampoline. */
  restorer: number;
  /** The blocked mask to restore on return (uc_sigmask). */
  savedMask: bigint;
  /** Where the frame goes below, when not the context's stack pointer:
   * the top of the alternate signal stack (SA_ONSTACK). */
  stackTop?: number;
  /** uc_stack: the thread's alternate stack (ss_flags SS_ONSTACK when the
   * handler runs on it; absent: SS_DISABLE). */
  altStack?: { sp: number; flags: number; size: number };
}

/** User memory as the frame code sees it; both throw on a bad address. */
export interface UserStack {
  read(address: number, length: number): Uint8Array;
  write(address: number, data: Uint8Array): void;
}

export interface SignalFrames {
  /** Machine code of the return trampoline (rt_sigreturn), which the
   * kernel maps read+execute into every process at `trampolineAddress`. */
  readonly trampolineCode: Uint8Array;
  readonly trampolineAddress: number;

  /** Saves `context` in a frame below its stack pointer and points the
   * context at the handler with its arguments. Throws on a bad stack. */
  push(context: UserContext, delivery: SignalDelivery, stack: UserStack): void;

  /** rt_sigreturn: restores `context` from the frame the handler ran on;
   * returns the mask saved in it. Throws on a bad frame address. */
  pop(context: UserContext, stack: UserStack): bigint;
}
