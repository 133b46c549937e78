/**
 * riscv32 registers for gdb (target-description.ts order): x0-x31 and pc
 * from the running hart (the thread is on it in U-mode) or from a thread's
 * saved context; the CSRs and the privilege level are the hart's.
 */
import type { RiscvCore } from '../../arch/riscv/core';
import * as C from '../../arch/riscv/csr-numbers';
import type { RiscvUserContext } from '../../arch/riscv/supervisor/user-context';
import { ThreadRegisters, fromLeBytes, leBytes } from './register-bytes';
import { CsrDef } from './target-description';

const PC = 32;
const FIRST_CSR = 33;

/** The CSRs offered to gdb, where the hart implements them. */
const CANDIDATE_CSRS: readonly CsrDef[] = [
  { name: 'sstatus', number: C.SSTATUS }, { name: 'sie', number: C.SIE }, { name: 'stvec', number: C.STVEC },
  { name: 'sscratch', number: C.SSCRATCH }, { name: 'sepc', number: C.SEPC }, { name: 'scause', number: C.SCAUSE },
  { name: 'stval', number: C.STVAL }, { name: 'sip', number: C.SIP }, { name: 'satp', number: C.SATP },
  { name: 'mstatus', number: C.MSTATUS }, { name: 'misa', number: C.MISA }, { name: 'medeleg', number: C.MEDELEG },
  { name: 'mideleg', number: C.MIDELEG }, { name: 'mie', number: C.MIE }, { name: 'mtvec', number: C.MTVEC },
  { name: 'mscratch', number: C.MSCRATCH }, { name: 'mepc', number: C.MEPC }, { name: 'mcause', number: C.MCAUSE },
  { name: 'mtval', number: C.MTVAL }, { name: 'mip', number: C.MIP }, { name: 'mhartid', number: C.MHARTID },
  { name: 'cycle', number: C.CYCLE }, { name: 'instret', number: C.INSTRET },
];

/** The CSRs of CANDIDATE_CSRS that `core` implements. */
export function implementedCsrs(core: RiscvCore): CsrDef[] {
  return CANDIDATE_CSRS.filter((csr) => {
    try {
      core.readCsr(csr.number);
      return true;
    } catch {
      return false;
    }
  });
}

export class RiscvRegisters implements ThreadRegisters {
  /** `context` null: the live hart. */
  constructor(
    private readonly core: RiscvCore,
    private readonly csrs: readonly CsrDef[],
    private readonly context: RiscvUserContext | null,
  ) {}

  read(n: number): Buffer | null {
    const c = this.context;
    if (n < 32) return leBytes(BigInt((c ? c.regs[n] : this.core.x[n]) >>> 0), 32);
    if (n === PC) return leBytes(BigInt(c ? c.pc : this.core.pc), 32);
    const csr = this.csrs[n - FIRST_CSR];
    if (csr !== undefined) return leBytes(BigInt(this.core.readCsr(csr.number) >>> 0), 32);
    if (n === FIRST_CSR + this.csrs.length) return leBytes(BigInt(this.core.priv), 8);
    return null;
  }

  write(n: number, bytes: Uint8Array): boolean {
    const c = this.context;
    const priv = n === FIRST_CSR + this.csrs.length;
    if (bytes.length !== (priv ? 1 : 4)) return false;
    const v = Number(fromLeBytes(bytes)) | 0;
    if (n === 0) return true; // x0 stays 0
    if (n < 32) {
      if (c) c.regs[n] = v;
      else this.core.x[n] = v;
      return true;
    }
    if (n === PC) {
      if (c) c.pc = v;
      else this.core.pc = v;
      return true;
    }
    const csr = this.csrs[n - FIRST_CSR];
    if (csr === undefined) return false;
    this.core.writeCsr(csr.number, v);
    return true;
  }
}
