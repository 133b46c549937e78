/**
 * Where the kernel meets the CPU (docs/design.md, principle 4). The architecture
 * layer installs real trap vectors in the kernel's higher half (IDT + TSS +
 * LSTAR on x86_64; stvec/mtvec on RISC-V) and registers them with the core
 * as host entry points. Every trap from user mode, and every interrupt,
 * reaches the kernel's TrapHandler with the interrupted user context saved;
 * when the handler returns, the layer loads the *current* context (which the
 * scheduler may have switched) into the core and leaves through the real
 * return instruction (iretq/sysretq, sret/mret).
 */
import type { AddressSpace } from './address-space';
import type { SignalFrames } from './signal-frames';

export const TRAP_HOST = Symbol.for('jos.hal.TrapHost');

export type TrapKind =
  /** A system call instruction (syscall / ecall from U-mode). */
  | 'syscall'
  /** A device interrupt; `vector` is the IDT vector or RISC-V cause. */
  | 'interrupt'
  /** A page fault: `address` faulted on `access`. */
  | 'page-fault'
  /** Any other exception: illegal instruction, divide error, breakpoint,
   * protection or misaligned access; `description` names it. */
  | 'exception';

export type MemoryAccess = 'read' | 'write' | 'execute';

export interface Trap {
  readonly kind: TrapKind;
  /** True when the trap came from user mode (ring 3 / U-mode). */
  readonly fromUser: boolean;
  readonly vector: number;
  readonly address: number;
  readonly access: MemoryAccess;
  /** The page was present (a protection fault) rather than unmapped. */
  readonly present: boolean;
  /** The instruction pointer of the trapping instruction. */
  readonly pc: number;
  /** A human-readable name, e.g. "#GP(0)" or "illegal instruction 0x0000". */
  readonly description: string;
  /** The signal a POSIX kernel sends for it (SIGSEGV, SIGILL, SIGFPE, SIGTRAP, SIGBUS). */
  readonly signal: number;
  /** Its si_code when the architecture defines one (x87/SIMD errors: FPE_FLT*), else the generic fault code. */
  readonly code?: number;
}

/**
 * A user thread's registers in the architecture's own layout. System call
 * arguments follow Linux's convention for the architecture.
 */
export interface UserContext {
  pc: number;
  sp: number;
  /** The system call number register (rax / a7); on x86_64 its low 32
   * bits, as Linux (so a sign-extended -1 is -1, no system call). */
  readonly syscallNumber: number;
  /** Argument `index` (0-5) as an unsigned machine word (a pointer). */
  argWord(index: number): number;
  /** Argument `index` as a signed 32-bit C int: the register's low 32 bits,
   * whatever its upper half holds (a sign-extended -1, or garbage), as
   * Linux truncates each argument to its C type. */
  argInt(index: number): number;
  /** Argument `index` as a C unsigned int: the low 32 bits, 0..2^32-1. */
  argU32(index: number): number;
  /** Argument `index` as a signed machine word (long / ssize_t / off_t on 64-bit). */
  argLong(index: number): number;
  /** Sets the return value register (rax / a0); negative is -errno. */
  setReturn(value: number): void;
  /** Makes the return to user mode re-execute the system call instruction
   * (a blocked call restarts when its process wakes, as Linux's
   * -ERESTARTNOINTR does); the argument registers are untouched. */
  restartSyscall(): void;
  /** Undoes restartSyscall(): the return goes past the system call again
   * (a call a signal handler interrupts with EINTR). */
  cancelRestart(): void;
  /** Thread pointer (FS base on x86_64, tp on RISC-V). */
  threadPointer: number;
  /** A copy, for fork (the child then gets setReturn(0)). */
  clone(): UserContext;
}

export type TrapHandler = (trap: Trap) => void;

/** What a CPU's user programs are: the ELF files its execve accepts and
 * where user space ends. Each architecture exports one (arch/X/supervisor/
 * user-elf.ts) for its trap host and for host tools that check ELF files
 * without loading the core. */
export interface UserElfFormat {
  /** ELF e_machine this CPU runs (62 x86_64, 243 RISC-V) and ELF class (2 = 64-bit, 1 = 32-bit). */
  readonly elfMachine: number;
  readonly elfClass: 1 | 2;
  /** The lowest kernel (higher-half) virtual address: user pointers stay below it. */
  readonly userTop: number;
}

export interface TrapHost extends UserElfFormat {
  /** Bytes per machine word in user mode (8 or 4): the initial stack's layout. */
  readonly wordSize: 4 | 8;
  /** AT_HWCAP for the initial stack. */
  readonly hwcap: number;
  /** Signal frames for handlers (rt_sigaction / rt_sigreturn). */
  readonly signals: SignalFrames;

  /** Builds the vectors and tables in `kernelSpace`'s higher half and
   * registers the host entries; from then on traps go to `handler`. */
  install(kernelSpace: AddressSpace, handler: TrapHandler): void;

  /** A fresh context that starts a program at `entry` with stack `sp`. */
  createContext(entry: number, sp: number): UserContext;

  /** The context the current trap interrupted (valid inside the handler). */
  readonly current: UserContext | null;

  /** What the return from the current trap resumes: `context` in `space`.
   * Called outside a trap (the core idling), it takes effect at once: the
   * core leaves its idle loop through the same return path. */
  switchTo(context: UserContext, space: AddressSpace): void;

  /** Nothing is runnable: the return from the trap goes to the kernel's
   * idle loop, which halts (hlt / wfi) with interrupts enabled until the
   * next one arrives. install() leaves the core there. */
  idle(): void;
}
