/**
 * The Zicsr side of the hart: CSR reads and writes with the privilege and
 * read-only checks of privileged spec 1.12, 2.1 (an access the current mode
 * may not make, or to a CSR that does not exist, is an illegal instruction),
 * and the WARL legalisation of each register.
 */
import * as C from './csr-numbers';
import type { RiscvCore } from './core';

/** Result flag of readCsr: false when the CSR does not exist. */
export const csrStatus = { exists: true };

const MSTATUS_WRITABLE_S = C.MSTATUS_SIE | C.MSTATUS_SPIE | C.MSTATUS_SPP | C.MSTATUS_SUM | C.MSTATUS_MXR |
  C.MSTATUS_TVM | C.MSTATUS_TSR;

/** Whether mode `priv` may access `csr` at all, and (for counters) whether
 * mcounteren/scounteren allow it (3.1.11). */
export function csrAccessible(core: RiscvCore, csr: number, priv: number, write: boolean): boolean {
  if (priv < ((csr >>> 8) & 3)) return false;
  if (write && (csr >>> 10) === 3) return false; // read-only space
  if (csr >= C.CYCLE && csr <= C.HPMCOUNTER31H && (csr <= C.HPMCOUNTER31 || csr >= C.CYCLEH)) {
    const bit = 1 << (csr & 31);
    if (priv < C.PRIV_M && !(core.mcounteren & bit)) return false;
    if (priv === C.PRIV_U && core.config.supervisor && !(core.scounteren & bit)) return false;
  }
  if (csr === C.SATP && priv === C.PRIV_S && (core.mstatus & C.MSTATUS_TVM)) return false;
  return true;
}

/** Reads a CSR with no privilege check; sets csrStatus.exists. */
export function readCsr(core: RiscvCore, csr: number): number {
  csrStatus.exists = true;
  const s = core.config.supervisor;
  const standard = core.config.interruptModel === 'standard';
  if (csr >= C.PMPCFG0 && csr <= C.PMPCFG15) return core.pmp.readCfg(csr - C.PMPCFG0);
  if (csr >= C.PMPADDR0 && csr <= C.PMPADDR63) return core.pmp.readAddr(csr - C.PMPADDR0);
  if ((csr >= C.HPMCOUNTER3 && csr <= C.HPMCOUNTER31) || (csr >= C.HPMCOUNTER3H && csr <= C.HPMCOUNTER31H)) return 0;
  if ((csr >= C.MHPMCOUNTER3 && csr <= C.MHPMCOUNTER31) || (csr >= C.MHPMCOUNTER3H && csr <= C.MHPMCOUNTER31H)) return 0;
  if (csr >= C.MHPMEVENT3 && csr <= C.MHPMEVENT31) return 0;
  switch (csr) {
    case C.CYCLE:
    case C.MCYCLE:
      return low(core.retired + core.cycleOffset);
    case C.CYCLEH:
    case C.MCYCLEH:
      return high(core.retired + core.cycleOffset);
    case C.INSTRET:
    case C.MINSTRET:
      return low(core.retired + core.instretOffset);
    case C.INSTRETH:
    case C.MINSTRETH:
      return high(core.retired + core.instretOffset);
    case C.TIME:
      return low(core.readTime());
    case C.TIMEH:
      return high(core.readTime());
    case C.MVENDORID:
      return core.config.vendorId ?? 0;
    case C.MARCHID:
      return core.config.archId ?? 0;
    case C.MIMPID:
      return core.config.implId ?? 0;
    case C.MHARTID:
      return core.config.hartId ?? 0;
    case C.MCONFIGPTR:
    case C.MSTATUSH:
    case C.MENVCFG:
    case C.MENVCFGH:
    case C.MCOUNTINHIBIT:
      return 0;
    case C.MSTATUS:
      return core.mstatus >>> 0;
    case C.MISA:
      return core.misa;
    case C.MEDELEG:
      if (s) return core.medeleg;
      break;
    case C.MIDELEG:
      if (s) return core.mideleg;
      break;
    case C.MIE:
      if (standard) return core.mie;
      break;
    case C.MIP:
      if (standard) return core.pendingInterrupts();
      break;
    case C.MTVEC:
      return core.mtvec >>> 0;
    case C.MCOUNTEREN:
      if (core.config.user) return core.mcounteren;
      break;
    case C.MSCRATCH:
      return core.mscratch >>> 0;
    case C.MEPC:
      return core.mepc >>> 0;
    case C.MCAUSE:
      return core.mcause >>> 0;
    case C.MTVAL:
      return core.mtval >>> 0;
    case C.TSELECT:
    case C.TDATA1: // type 0: no trigger at this index (debug spec 5.2.2)
    case C.TDATA2:
    case C.TDATA3:
      return 0;
  }
  if (s) {
    switch (csr) {
      case C.SSTATUS:
        return (core.mstatus & C.SSTATUS_MASK) >>> 0;
      case C.SIE:
        if (standard) return core.mie & core.mideleg;
        break;
      case C.SIP:
        if (standard) return core.pendingInterrupts() & core.mideleg;
        break;
      case C.STVEC:
        return core.stvec >>> 0;
      case C.SCOUNTEREN:
        return core.scounteren;
      case C.SENVCFG:
        return 0;
      case C.SSCRATCH:
        return core.sscratch >>> 0;
      case C.SEPC:
        return core.sepc >>> 0;
      case C.SCAUSE:
        return core.scause >>> 0;
      case C.STVAL:
        return core.stval >>> 0;
      case C.SATP:
        return core.satp >>> 0;
    }
  }
  csrStatus.exists = false;
  return 0;
}

/** Writes a CSR with no privilege check (WARL fields legalised). The CSR
 * must exist (readCsr said so). */
export function writeCsr(core: RiscvCore, csr: number, value: number): void {
  const v = value >>> 0;
  if (csr >= C.PMPCFG0 && csr <= C.PMPCFG15) return core.pmp.writeCfg(csr - C.PMPCFG0, v);
  if (csr >= C.PMPADDR0 && csr <= C.PMPADDR63) return core.pmp.writeAddr(csr - C.PMPADDR0, v);
  const standard = core.config.interruptModel === 'standard';
  switch (csr) {
    case C.MSTATUS:
      return writeMstatus(core, v);
    case C.SSTATUS:
      return writeMstatus(core, (core.mstatus & ~C.SSTATUS_MASK) | (v & C.SSTATUS_MASK));
    case C.MEDELEG:
      core.medeleg = v & C.DELEGABLE_EXCEPTIONS;
      return;
    case C.MIDELEG:
      core.mideleg = standard ? v & C.S_INTERRUPTS : 0;
      core.irqPoll = true;
      return;
    case C.MIE:
      core.mie = v & (C.M_INTERRUPTS | (core.config.supervisor ? C.S_INTERRUPTS : 0));
      core.irqPoll = true;
      return;
    case C.SIE:
      core.mie = (core.mie & ~core.mideleg) | (v & core.mideleg);
      core.irqPoll = true;
      return;
    case C.MIP:
      // SSIP, STIP and SEIP are writable by M-mode; the rest follow devices.
      core.mipSoftware = v & (core.config.supervisor ? C.S_INTERRUPTS : 0);
      core.irqPoll = true;
      return;
    case C.SIP:
      core.mipSoftware = (core.mipSoftware & ~(C.MIP_SSIP & core.mideleg)) | (v & C.MIP_SSIP & core.mideleg);
      core.irqPoll = true;
      return;
    case C.MTVEC:
      core.mtvec = legalTvec(core, v, true);
      return;
    case C.STVEC:
      core.stvec = legalTvec(core, v, false);
      return;
    case C.MCOUNTEREN:
      core.mcounteren = v;
      return;
    case C.SCOUNTEREN:
      core.scounteren = v;
      return;
    case C.MSCRATCH:
      core.mscratch = v | 0;
      return;
    case C.SSCRATCH:
      core.sscratch = v | 0;
      return;
    case C.MEPC:
      core.mepc = v & core.epcMask;
      return;
    case C.SEPC:
      core.sepc = v & core.epcMask;
      return;
    case C.MCAUSE:
      core.mcause = v | 0;
      return;
    case C.SCAUSE:
      core.scause = v | 0;
      return;
    case C.MTVAL:
      core.mtval = v | 0;
      return;
    case C.STVAL:
      core.stval = v | 0;
      return;
    case C.SATP:
      // MODE is Bare (0) or Sv32 (1); ASID and PPN are kept (4.1.11).
      core.satp = v | 0;
      core.mmu.flush();
      return;
    // Writing a counter replaces this instruction's increment: the next
    // instruction reads the value written (unprivileged spec 9.1).
    case C.MCYCLE:
      core.cycleOffset = withLow(core.retired + core.cycleOffset, v) - (core.retired + 1);
      return;
    case C.MCYCLEH:
      core.cycleOffset = withHigh(core.retired + core.cycleOffset, v) - (core.retired + 1);
      return;
    case C.MINSTRET:
      core.instretOffset = withLow(core.retired + core.instretOffset, v) - (core.retired + 1);
      return;
    case C.MINSTRETH:
      core.instretOffset = withHigh(core.retired + core.instretOffset, v) - (core.retired + 1);
      return;
    default:
      // Read-only-zero registers (hpm counters/events, envcfg, triggers,
      // mcountinhibit, mstatush) ignore writes.
      return;
  }
}

function writeMstatus(core: RiscvCore, v: number): void {
  const cfg = core.config;
  let writable = C.MSTATUS_MIE | C.MSTATUS_MPIE;
  if (cfg.supervisor) writable |= MSTATUS_WRITABLE_S;
  if (cfg.user) writable |= C.MSTATUS_MPRV | C.MSTATUS_TW;
  const old = core.mstatus;
  let next = (old & ~writable) | (v & writable);
  // MPP holds only modes that exist (WARL): keep the old value otherwise.
  const mpp = (v & C.MSTATUS_MPP) >>> C.MSTATUS_MPP_SHIFT;
  if (core.privImplemented(mpp)) next = (next & ~C.MSTATUS_MPP) | (mpp << C.MSTATUS_MPP_SHIFT);
  core.mstatus = next;
  if ((old ^ next) & (C.MSTATUS_SUM | C.MSTATUS_MXR)) core.mmu.flush();
  core.mmu.updateContext();
  core.irqPoll = true;
}

function legalTvec(core: RiscvCore, v: number, machine: boolean): number {
  // ESP32-C3's mtvec: vectored only, base aligned to 256 bytes (docs/boards/esp32c3.md).
  // stvec (S-mode is the board's addition) keeps the standard rules.
  if (machine && core.config.interruptModel === 'esp32c3') return ((v & ~0xff) | 1) | 0;
  // MODE 0 direct, 1 vectored; >= 2 reserved: keep bit 0 only (3.1.7).
  return (v & ~2) | 0;
}

function low(v: number): number {
  return v % 0x1_0000_0000 >>> 0;
}

function high(v: number): number {
  return Math.floor(v / 0x1_0000_0000) >>> 0;
}

function withLow(current: number, lowWord: number): number {
  return Math.floor(current / 0x1_0000_0000) * 0x1_0000_0000 + (lowWord >>> 0);
}

function withHigh(current: number, highWord: number): number {
  return (highWord >>> 0) * 0x1_0000_0000 + (current % 0x1_0000_0000);
}
