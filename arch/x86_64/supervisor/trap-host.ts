/**
 * How the JOS kernel meets the x86_64 core (hal/trap.ts; SDM vol. 3, ch. 5
 * and 6). At install it builds, in the kernel's higher half, a GDT with
 * kernel and user segments, a TSS whose RSP0 is the kernel stack, an IDT
 * whose 256 gates point at host-entry stubs, and it points LSTAR at the
 * system call entry. Every trap thus arrives by the core's real delivery
 * (stack switch and frame, or syscall's RCX/R11), and every return is a
 * real `iretq` or `sysretq`. The idle loop is `sti; hlt; jmp` in ring 0.
 *
 * Kernel half layout (0xFFFF_FFFF_8000_0000 = KBASE):
 *   KBASE+0x0000  code: 8-byte stubs per vector, iretq at +0x800, sysretq
 *                 at +0x810, the idle loop at +0x820, syscall entry +0x840
 *   KBASE+0x1000  GDT (+0x000) and TSS (+0x100)
 *   KBASE+0x2000  IDT (256 gates x 16 bytes)
 *   KBASE+0x3000  kernel stack, two pages, top at KBASE+0x5000
 */
import type { AddressSpace, FrameSource } from '../../../hal/address-space';
import { PageFlags } from '../../../hal/address-space';
import type { MemoryAccess, Trap, TrapHandler, TrapHost, UserContext } from '../../../hal/trap';
import type { Bus } from '../../../platform/bus';
import type { X86Core } from '../core';
import { cpuidLeaf } from '../cpuid';
import * as R from '../registers';
import { fpu } from '../ops/x87-state';
import { X86Space, USER_TOP } from './paging';
import { X86UserContext } from './user-context';
import { X86SignalFrames } from './signal-frames';
import { X86_64_USER_ELF } from './user-elf';

const KBASE = -(2 ** 31);
const CODE = KBASE;
const TABLES = KBASE + 0x1000;
const GDT = TABLES;
const TSS = TABLES + 0x100;
const IDT = KBASE + 0x2000;
const STACK = KBASE + 0x3000;
const STACK_TOP = KBASE + 0x5000;
const STUB_SIZE = 8;
const IRETQ_AT = CODE + 0x800;
const SYSRETQ_AT = CODE + 0x810;
const IDLE_AT = CODE + 0x820;
const SYSCALL_AT = CODE + 0x840;

const KERNEL_CS = 0x08;
const KERNEL_DS = 0x10;
const USER_DS = 0x18 | 3;
const USER_CS = 0x20 | 3;
const TSS_SEL = 0x28;
const TSS_LIMIT = 0x67;
const GDT_ENTRIES: [number, number][] = [
  [0, 0],
  [0x0000ffff, 0x00af9a00], // kernel code: DPL 0, L
  [0x0000ffff, 0x00cf9200], // kernel data
  [0x0000ffff, 0x00cff200], // user data: DPL 3
  [0x0000ffff, 0x00affa00], // user code: DPL 3, L
];
const INTERRUPT_GATE = 0x8e00; // P, DPL 0, type 0xE
const USER_GATE = 0xee00; // DPL 3: int3 and into from user mode
const RFLAGS_IF = 0x200;
const RFLAGS_TF = 0x100;
/** FMASK: syscall enters with TF, IF, DF, IOPL, NT and AC clear (as Linux). */
const FMASK = 0x47700;
const TWO32 = 0x1_0000_0000;

const SIGFPE = 8;
const SIGTRAP = 5;
const SIGILL = 4;
const SIGBUS = 7;
const SIGSEGV = 11;

export class X86TrapHost implements TrapHost {
  readonly wordSize = 8 as const;
  readonly elfMachine = X86_64_USER_ELF.elfMachine;
  readonly elfClass = X86_64_USER_ELF.elfClass;
  readonly userTop = X86_64_USER_ELF.userTop;
  readonly signals = new X86SignalFrames();
  /** AT_HWCAP: CPUID leaf 1's EDX, as Linux gives it on x86_64. */
  get hwcap(): number {
    return cpuidLeaf(1, 0, this.core.vendor)[3] >>> 0;
  }

  current: X86UserContext | null = null;
  private handler: TrapHandler | null = null;
  private inTrap = false;
  private target: { context: X86UserContext; space: AddressSpace } | 'idle' | null = null;
  private activeSpace: AddressSpace | null = null;

  constructor(
    private readonly core: X86Core,
    private readonly bus: Bus,
    private readonly frames: () => FrameSource,
  ) {}

  install(kernelSpace: AddressSpace, handler: TrapHandler): void {
    this.handler = handler;
    this.buildKernelHalf(kernelSpace);
    const core = this.core;
    core.cr4 = R.CR4_PAE | R.CR4_OSFXSR | R.CR4_OSXMMEXCPT | R.CR4_FSGSBASE;
    core.efer = R.EFER_LME | R.EFER_LMA | R.EFER_SCE | R.EFER_NXE;
    core.cr0 = (R.CR0_PE | R.CR0_MP | R.CR0_ET | R.CR0_NE | R.CR0_WP | R.CR0_PG) | 0;
    core.cr3 = (kernelSpace as X86Space).root;
    core.gdtBase = GDT;
    core.gdtLimit = GDT_ENTRIES.length * 8 + 16 - 1;
    core.idtBase = IDT;
    core.idtLimit = 256 * 16 - 1;
    core.trSel = TSS_SEL;
    core.trBase = TSS;
    core.trLimit = TSS_LIMIT;
    core.sel.set([KERNEL_DS, KERNEL_CS, KERNEL_DS, KERNEL_DS, 0, 0]);
    core.starLo = 0;
    core.starHi = (KERNEL_DS << 16) | KERNEL_CS; // sysret to 0x18/0x20, syscall to 0x08/0x10
    core.lstar = SYSCALL_AT;
    core.fmask = FMASK;
    core.setCpl(0);
    core.mmu.flush();
    this.activeSpace = kernelSpace;
    for (let vector = 0; vector < 256; vector++) core.setHostEntry(CODE + vector * STUB_SIZE, () => this.onVector(vector));
    core.setHostEntry(SYSCALL_AT, () => this.onSyscall());
    // Start in the idle loop with interrupts on.
    core.setGprNumber(R.RSP, STACK_TOP);
    core.setRflags(0x2 | RFLAGS_IF);
    core.rip = IDLE_AT;
    core.halted = false;
  }

  createContext(entry: number, sp: number): UserContext {
    const context = new X86UserContext();
    context.rip = entry;
    context.sp = sp;
    return context;
  }

  switchTo(context: UserContext, space: AddressSpace): void {
    this.target = { context: context as X86UserContext, space };
    if (!this.inTrap) this.leave();
  }

  idle(): void {
    this.target = 'idle';
    if (!this.inTrap) this.leave();
  }

  /** An IDT gate's host entry: the core has pushed the frame on the kernel
   * stack (and an error code for some exceptions). */
  private onVector(vector: number): void {
    const core = this.core;
    let at = core.getGprNumber(R.RSP);
    const errorCode = vector < 32 && R.pushesErrorCode(vector) ? this.pop(at) : 0;
    if (vector < 32 && R.pushesErrorCode(vector)) at += 8;
    const rip = this.pop(at);
    const cs = this.pop(at + 8);
    const rflags = this.pop(at + 16);
    const rsp = this.pop(at + 24);
    const fromUser = (cs & 3) === 3;
    if (!fromUser && rip === IRETQ_AT && this.current) {
      // The iretq back to user mode refused its frame (a non-canonical
      // return address, from a syscall or rt_sigreturn aimed there): as
      // Linux does, the fault is the user's, at the address it was going
      // back to. The context still holds every user register.
      const context = this.current;
      this.dispatch(this.decode(vector, errorCode, context.rip, true), context);
      return;
    }
    const context = fromUser ? this.current : null;
    if (context) {
      this.save(context);
      context.rip = rip;
      context.rflags = rflags;
      context.sp = rsp;
      context.viaSyscall = false;
    }
    this.dispatch(this.decode(vector, errorCode, rip, fromUser), context);
  }

  /** LSTAR's host entry: RCX holds the return RIP, R11 the RFLAGS. */
  private onSyscall(): void {
    const core = this.core;
    const context = this.current;
    if (context) {
      this.save(context);
      context.rip = core.getGprNumber(R.RCX);
      context.rflags = core.rl[11] >>> 0;
      context.viaSyscall = true;
    }
    const pc = context ? context.rip - 2 : 0;
    this.dispatch({ kind: 'syscall', fromUser: true, vector: 0, address: 0, access: 'read', present: false, pc, description: 'syscall', signal: 0 }, context);
  }

  private dispatch(trap: Trap, context: X86UserContext | null): void {
    this.target = null;
    this.inTrap = true;
    try {
      this.handler!(trap);
    } finally {
      this.inTrap = false;
    }
    if (this.target === null) this.target = context ? { context, space: this.activeSpace! } : 'idle';
    this.leave();
  }

  private save(context: X86UserContext): void {
    const core = this.core;
    context.rl.set(core.rl);
    context.rh.set(core.rh);
    context.fsBase = core.fsBase;
    context.xmm.set(core.xmm.subarray(0, 64));
    context.mxcsr = core.mxcsr;
  }

  /** Loads the chosen target and jumps to the iretq or sysretq stub. */
  private leave(): void {
    const target = this.target;
    this.target = null;
    const core = this.core;
    if (target === null || target === 'idle') {
      this.current = null;
      this.iretTo(IDLE_AT, KERNEL_CS, 0x2 | RFLAGS_IF, STACK_TOP, KERNEL_DS);
      return;
    }
    const { context, space } = target;
    if (space !== this.activeSpace) {
      space.activate();
      this.activeSpace = space;
    }
    core.rl.set(context.rl);
    core.rh.set(context.rh);
    core.fsBase = context.fsBase;
    core.xmm.set(context.xmm, 0);
    core.mxcsr = context.mxcsr;
    core.fpu = context.fpu; // the thread's own x87 registers
    this.current = context;
    if (context.viaSyscall && sysretSafe(context)) {
      // syscall already clobbered RCX and R11: sysretq takes them back.
      core.setGprNumber(R.RCX, context.rip);
      core.rl[11] = context.rflags | 0;
      core.rh[11] = 0;
      core.rip = SYSRETQ_AT;
    } else {
      this.iretTo(context.rip, USER_CS, context.rflags, context.sp, USER_DS);
    }
    core.halted = false;
  }

  /** Builds an iretq frame at the top of the kernel stack and jumps to the iretq. */
  private iretTo(rip: number, cs: number, rflags: number, rsp: number, ss: number): void {
    const core = this.core;
    const frame = STACK_TOP - 40;
    core.withSupervisor(() => {
      this.push(frame, rip);
      this.push(frame + 8, cs);
      this.push(frame + 16, rflags);
      this.push(frame + 24, rsp);
      this.push(frame + 32, ss);
    });
    core.setGprNumber(R.RSP, frame);
    core.rip = IRETQ_AT;
    core.halted = false;
  }

  private pop(at: number): number {
    const core = this.core;
    return core.withSupervisor(() => {
      const lo = core.read64(at);
      return core.hi * TWO32 + (lo >>> 0);
    });
  }

  private push(at: number, value: number): void {
    this.core.write64(at, value | 0, Math.floor(value / TWO32) | 0);
  }

  private decode(vector: number, errorCode: number, pc: number, fromUser: boolean): Trap {
    const base = { fromUser, vector, address: 0, access: 'read' as MemoryAccess, present: false, pc, signal: 0 };
    if (vector >= 32) return { ...base, kind: 'interrupt', description: `interrupt vector ${vector}` };
    if (vector === R.EXC_PF) {
      const access: MemoryAccess = errorCode & R.PF_I ? 'execute' : errorCode & R.PF_W ? 'write' : 'read';
      return { ...base, kind: 'page-fault', address: this.core.cr2, access, present: (errorCode & R.PF_P) !== 0, signal: SIGSEGV, description: `#PF(0x${errorCode.toString(16)})` };
    }
    const [signal, name] = EXCEPTIONS[vector] ?? [SIGSEGV, `exception ${vector}`];
    const code = R.pushesErrorCode(vector) ? `(0x${errorCode.toString(16)})` : '';
    if (vector === R.EXC_MF || vector === R.EXC_XM) {
      return { ...base, kind: 'exception', signal, description: `${name}${code}`, code: fpErrorCode(this.core, vector) };
    }
    return { ...base, kind: 'exception', signal, description: `${name}${code}` };
  }

  /** Allocates and maps the kernel half's pages and writes their contents. */
  private buildKernelHalf(kernelSpace: AddressSpace): void {
    const frames = this.frames();
    const pages: [number, PageFlags][] = [
      [CODE, PageFlags.READ | PageFlags.EXECUTE],
      [TABLES, PageFlags.READ | PageFlags.WRITE],
      [IDT, PageFlags.READ | PageFlags.WRITE],
      [STACK, PageFlags.READ | PageFlags.WRITE],
      [STACK + 0x1000, PageFlags.READ | PageFlags.WRITE],
    ];
    const physical = new Map<number, number>();
    for (const [va, flags] of pages) {
      const frame = frames.allocZeroed();
      if (frame < 0) throw new Error('out of memory for the kernel half');
      kernelSpace.map(va, frame, flags);
      physical.set(va, frame);
    }
    const view = this.bus.view;
    const at = (va: number, page: number) => this.bus.ramOffset(physical.get(page)! + (va - page), true);
    // Code: ud2 in every stub (never executed: host entries), then the returns.
    for (let v = 0; v < 256; v++) view.setUint16(at(CODE + v * STUB_SIZE, CODE), 0x0b0f, true);
    this.bytes(at(IRETQ_AT, CODE), [0x48, 0xcf]);
    this.bytes(at(SYSRETQ_AT, CODE), [0x48, 0x0f, 0x07]);
    this.bytes(at(IDLE_AT, CODE), [0xfb, 0xf4, 0xeb, 0xfc]); // sti; hlt; jmp idle
    this.bytes(at(SYSCALL_AT, CODE), [0x0f, 0x0b]);
    GDT_ENTRIES.forEach(([lo, hi], k) => {
      view.setUint32(at(GDT + 8 * k, TABLES), lo >>> 0, true);
      view.setUint32(at(GDT + 8 * k + 4, TABLES), hi >>> 0, true);
    });
    // The 64-bit TSS descriptor (SDM vol. 3, 8.2.3), marked busy as after ltr.
    const tssLow = TSS | 0;
    view.setUint32(at(GDT + TSS_SEL, TABLES), (((tssLow & 0xffff) << 16) | TSS_LIMIT) >>> 0, true);
    view.setUint32(at(GDT + TSS_SEL + 4, TABLES), ((tssLow & 0xff000000) | 0x8b00 | ((tssLow >>> 16) & 0xff)) >>> 0, true);
    view.setUint32(at(GDT + TSS_SEL + 8, TABLES), Math.floor(TSS / TWO32) >>> 0, true);
    view.setUint32(at(TSS + 4, TABLES), STACK_TOP | 0, true); // RSP0
    view.setUint32(at(TSS + 8, TABLES), Math.floor(STACK_TOP / TWO32) >>> 0, true);
    view.setUint16(at(TSS + 0x66, TABLES), TSS_LIMIT + 1, true); // no I/O bitmap
    for (let v = 0; v < 256; v++) {
      const target = CODE + v * STUB_SIZE;
      const gate = at(IDT + 16 * v, IDT);
      const access = v === R.EXC_BP || v === R.EXC_OF ? USER_GATE : INTERRUPT_GATE;
      view.setUint32(gate, ((KERNEL_CS << 16) | (target & 0xffff)) >>> 0, true);
      view.setUint32(gate + 4, ((target & 0xffff0000) | access) >>> 0, true);
      view.setUint32(gate + 8, Math.floor(target / TWO32) >>> 0, true);
    }
    for (const frame of physical.values()) this.bus.noteRamWrite(this.bus.ramOffset(frame), 4096);
  }

  private bytes(offset: number, values: number[]): void {
    this.bus.u8.set(values, offset);
  }
}

/**
 * Whether `sysretq` may take this context back. sysretq loads RIP from RCX
 * without a privilege check first: a non-canonical RIP makes it fault in
 * ring 0 with the user's RSP (the SYSRET vulnerability class), so such a
 * return goes through `iretq`, whose fault is taken as the user's. As
 * Linux, iretq too when the trap flag is set, so the single step is
 * reported after the syscall instruction, not inside the kernel.
 */
function sysretSafe(context: X86UserContext): boolean {
  return context.rip >= 0 && context.rip < USER_TOP && (context.rflags & RFLAGS_TF) === 0;
}

/**
 * SIGFPE's si_code for #MF / #XM as Linux computes it: the unmasked pending
 * exception flags of the x87 status word (or MXCSR), by priority invalid,
 * divide-by-zero, overflow, underflow/denormal, precision.
 */
function fpErrorCode(core: X86Core, vector: number): number {
  let err: number;
  if (vector === R.EXC_MF) {
    const f = fpu(core);
    err = f.sw & ~f.cw;
  } else err = core.mxcsr & ~(core.mxcsr >>> 7);
  if (err & 0x01) return FPE_FLTINV;
  if (err & 0x04) return FPE_FLTDIV;
  if (err & 0x08) return FPE_FLTOVF;
  if (err & 0x12) return FPE_FLTUND;
  if (err & 0x20) return FPE_FLTRES;
  return 0;
}

const FPE_FLTDIV = 3;
const FPE_FLTOVF = 4;
const FPE_FLTUND = 5;
const FPE_FLTRES = 6;
const FPE_FLTINV = 7;

const EXCEPTIONS: Record<number, [number, string]> = {
  [R.EXC_DE]: [SIGFPE, '#DE divide error'],
  [R.EXC_DB]: [SIGTRAP, '#DB debug'],
  [R.EXC_BP]: [SIGTRAP, '#BP breakpoint'],
  [R.EXC_OF]: [SIGSEGV, '#OF overflow'],
  [5]: [SIGSEGV, '#BR bound range'],
  [R.EXC_UD]: [SIGILL, '#UD invalid opcode'],
  [R.EXC_NM]: [SIGFPE, '#NM device not available'],
  [R.EXC_DF]: [SIGSEGV, '#DF double fault'],
  [R.EXC_TS]: [SIGSEGV, '#TS invalid TSS'],
  [R.EXC_NP]: [SIGBUS, '#NP segment not present'],
  [R.EXC_SS]: [SIGBUS, '#SS stack fault'],
  [R.EXC_GP]: [SIGSEGV, '#GP general protection'],
  [R.EXC_MF]: [SIGFPE, '#MF x87 error'],
  [R.EXC_AC]: [SIGBUS, '#AC alignment check'],
  [R.EXC_XM]: [SIGFPE, '#XM SIMD floating-point'],
};
