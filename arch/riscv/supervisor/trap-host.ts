/**
 * How the JOS kernel meets a RISC-V hart (hal/trap.ts). On the esp32c3
 * board every trap is taken in M-mode, as the ESP32-C3 does: `mtvec` is
 * vectored (exceptions at the base, CPU line n at base + 4n), each vector is
 * a host entry, and the way back is a real `mret`. User programs run in
 * U-mode under Sv32; the kernel's vector page sits in a frame the user page
 * tables never map. The idle loop is a real `wfi` with MIE set.
 *
 * Vector page layout (physical):
 *   +0x000  wfi; j .-4        the idle loop
 *   +0x100  exception vector  (host entry)
 *   +0x104..+0x17C            CPU lines 1..31 (host entries)
 *   +0x180  mret              the common return
 */
import type { AddressSpace, FrameSource } from '../../../hal/address-space';
import type { MemoryAccess, Trap, TrapHandler, TrapHost, TrapKind, UserContext } from '../../../hal/trap';
import type { Bus } from '../../../platform/bus';
import type { RiscvCore } from '../core';
import * as C from '../csr-numbers';
import { KERNEL_BASE, Sv32Space } from './sv32-space';
import { RiscvUserContext } from './user-context';
import { RiscvSignalFrames } from './signal-frames';
import { RISCV32_USER_ELF } from './user-elf';

const IDLE = 0x000;
const VECTORS = 0x100;
const MRET_AT = 0x180;
const INSN_WFI = 0x10500073;
const INSN_J_BACK_4 = 0xffdff06f; // jal x0, -4
const INSN_MRET = 0x30200073;
const INSN_UNIMP = 0xc0001073; // csrrw x0, cycle, x0: illegal, never reached

const SIGILL = 4;
const SIGTRAP = 5;
const SIGBUS = 7;
const SIGSEGV = 11;

/** AT_HWCAP on riscv: one bit per single-letter extension ('a' = bit 0). */
function hwcapOf(misa: number): number {
  return misa & 0x03ff_ffff;
}

export class RiscvTrapHost implements TrapHost {
  readonly wordSize = 4 as const;
  readonly elfMachine = RISCV32_USER_ELF.elfMachine;
  readonly elfClass = RISCV32_USER_ELF.elfClass;
  readonly userTop = RISCV32_USER_ELF.userTop;
  readonly signals = new RiscvSignalFrames();
  readonly hwcap: number;

  current: RiscvUserContext | null = null;
  private handler: TrapHandler | null = null;
  private page = -1;
  private inTrap = false;
  private target: { context: RiscvUserContext; space: AddressSpace } | 'idle' | null = null;
  private activeSpace: AddressSpace | null = null;

  constructor(
    private readonly core: RiscvCore,
    private readonly bus: Bus,
    private readonly frames: () => FrameSource,
  ) {
    this.hwcap = hwcapOf(core.misa);
  }

  install(_kernelSpace: AddressSpace, handler: TrapHandler): void {
    this.handler = handler;
    const page = this.frames().allocZeroed();
    if (page < 0) throw new Error('out of memory for the trap vectors');
    this.page = page;
    this.writeCode(page);
    const core = this.core;
    core.writeCsr(C.MEDELEG, 0);
    core.writeCsr(C.MTVEC, core.config.interruptModel === 'esp32c3' ? (page + VECTORS) | 1 : page + VECTORS);
    // PMP: U-mode may reach everything the page tables allow (one NAPOT
    // region over the whole space); M-mode is not checked by unlocked entries.
    core.writeCsr(C.PMPADDR0, 0xffffffff);
    core.writeCsr(C.PMPCFG0, 0x1f);
    if (core.config.interruptModel === 'standard') core.writeCsr(C.MIE, (1 << C.IRQ_MEI) | (1 << C.IRQ_MTI) | (1 << C.IRQ_MSI));
    core.setHostEntry(page + VECTORS, () => this.onTrap());
    for (let line = 1; line < 32; line++) core.setHostEntry(page + VECTORS + 4 * line, () => this.onTrap());
    this.goIdle();
  }

  createContext(entry: number, sp: number): UserContext {
    const context = new RiscvUserContext();
    context.pc = entry;
    context.sp = sp;
    return context;
  }

  switchTo(context: UserContext, space: AddressSpace): void {
    this.target = { context: context as RiscvUserContext, space };
    if (!this.inTrap) this.leave();
  }

  idle(): void {
    this.target = 'idle';
    if (!this.inTrap) this.leave();
  }

  /** A vector's host entry: decode the trap, save the user's registers, let
   * the kernel handle it, then return through mret. */
  private onTrap(): void {
    const core = this.core;
    const mcause = core.readCsr(C.MCAUSE);
    const mepc = core.readCsr(C.MEPC) >>> 0;
    const mtval = core.readCsr(C.MTVAL) >>> 0;
    const fromUser = ((core.mstatus & C.MSTATUS_MPP) >>> C.MSTATUS_MPP_SHIFT) === C.PRIV_U;
    const context = fromUser ? this.current : null;
    if (context) {
      context.regs.set(core.x);
      context.regs[0] = 0;
      context.pc = mepc;
    }
    const trap = this.decode(mcause, mepc, mtval, fromUser);
    if (trap.kind === 'syscall' && context) context.pc = mepc + 4;
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

  /** Sets up mepc/mstatus for the chosen target and jumps to the mret. */
  private leave(): void {
    const target = this.target;
    this.target = null;
    if (target === null || target === 'idle') {
      this.goIdle();
      return;
    }
    const core = this.core;
    const { context, space } = target;
    if (space !== this.activeSpace) {
      space.activate();
      this.activeSpace = space;
    }
    core.x.set(context.regs);
    core.x[0] = 0;
    core.writeCsr(C.MEPC, context.pc);
    core.mstatus = (core.mstatus & ~C.MSTATUS_MPP) | C.MSTATUS_MPIE | (C.PRIV_U << C.MSTATUS_MPP_SHIFT);
    this.current = context;
    this.jump(this.page + MRET_AT);
  }

  /** The idle loop in M-mode: mret to it with interrupts enabled. */
  private goIdle(): void {
    const core = this.core;
    this.current = null;
    core.writeCsr(C.MEPC, this.page + IDLE);
    core.mstatus = (core.mstatus & ~C.MSTATUS_MPP) | C.MSTATUS_MPIE | (C.PRIV_M << C.MSTATUS_MPP_SHIFT);
    this.jump(this.page + MRET_AT);
  }

  private jump(pc: number): void {
    const core = this.core;
    if (core.priv !== C.PRIV_M) throw new Error('the trap host only returns from M-mode');
    core.pc = pc;
    core.halted = false;
    core.irqPoll = true;
  }

  private decode(mcause: number, pc: number, tval: number, fromUser: boolean): Trap {
    const interrupt = (mcause | 0) < 0;
    const code = mcause & 0x7fffffff;
    const base = { fromUser, vector: code, address: tval, access: 'read' as MemoryAccess, present: false, pc, signal: 0 };
    if (interrupt) return { ...base, kind: 'interrupt', description: `interrupt ${code}` };
    switch (code) {
      case C.CAUSE_USER_ECALL:
        return { ...base, kind: 'syscall', description: 'ecall' };
      case C.CAUSE_FETCH_PAGE_FAULT:
      case C.CAUSE_LOAD_PAGE_FAULT:
      case C.CAUSE_STORE_PAGE_FAULT: {
        const access: MemoryAccess = code === C.CAUSE_FETCH_PAGE_FAULT ? 'execute' : code === C.CAUSE_LOAD_PAGE_FAULT ? 'read' : 'write';
        const present = this.activeSpace instanceof Sv32Space && this.activeSpace.translate(tval) >= 0;
        return { ...base, kind: 'page-fault', access, present, signal: SIGSEGV, description: `${access} page fault` };
      }
      default:
        return { ...base, kind: 'exception' as TrapKind, ...exceptionInfo(code, tval) };
    }
  }

  private writeCode(page: number): void {
    const view = this.bus.view;
    const at = (offset: number) => this.bus.ramOffset(page + offset, true);
    view.setUint32(at(IDLE), INSN_WFI, true);
    view.setUint32(at(IDLE + 4), INSN_J_BACK_4, true);
    for (let i = 0; i < 32; i++) view.setUint32(at(VECTORS + 4 * i), INSN_UNIMP, true);
    view.setUint32(at(MRET_AT), INSN_MRET, true);
    this.bus.noteRamWrite(at(0), 4096);
  }
}

function exceptionInfo(code: number, tval: number): { signal: number; description: string } {
  switch (code) {
    case C.CAUSE_ILLEGAL_INSTRUCTION:
      return { signal: SIGILL, description: `illegal instruction 0x${tval.toString(16).padStart(8, '0')}` };
    case C.CAUSE_BREAKPOINT:
      return { signal: SIGTRAP, description: 'breakpoint' };
    case C.CAUSE_MISALIGNED_FETCH:
    case C.CAUSE_MISALIGNED_LOAD:
    case C.CAUSE_MISALIGNED_STORE:
      return { signal: SIGBUS, description: `misaligned access at 0x${tval.toString(16)}` };
    case C.CAUSE_FETCH_ACCESS:
    case C.CAUSE_LOAD_ACCESS:
    case C.CAUSE_STORE_ACCESS:
      return { signal: SIGSEGV, description: `access fault at 0x${tval.toString(16)}` };
    default:
      return { signal: SIGILL, description: `exception ${code} from ${code === C.CAUSE_SUPERVISOR_ECALL || code === C.CAUSE_MACHINE_ECALL ? 'the kernel' : 'user mode'}` };
  }
}
