/**
 * What the gdb stub needs of a core, whatever its architecture: the target
 * description, registers (live or from a saved context), the pc, the
 * privilege level, and the precise mode in which the core runs one
 * instruction per turn of the machine loop.
 *
 * Precise mode uses what the cores already have for `jos exec --trace`
 * (x86_64: the trace path, one handler call per instruction, no JIT;
 * riscv: one-instruction blocks, no JIT) plus `stopAfterHostEntry`, so that
 * a trap's return to user mode is seen before the next instruction runs.
 * Out of precise mode the core runs at full speed: no debugger cost at all.
 */
import type { Cpu } from '../../hal/cpu';
import type { UserContext } from '../../hal/trap';
import { X86Core } from '../../arch/x86_64/core';
import { RiscvCore } from '../../arch/riscv/core';
import { MAX_BLOCK_INSNS } from '../../arch/riscv/block-cache';
import type { X86UserContext } from '../../arch/x86_64/supervisor/user-context';
import type { RiscvUserContext } from '../../arch/riscv/supervisor/user-context';
import { PRIV_U } from '../../arch/riscv/csr-numbers';
import { Decoded, decode } from '../../arch/riscv/decoder';
import { Op } from '../../arch/riscv/opcodes';
import type { ThreadRegisters } from './register-bytes';
import { implementedCsrs, RiscvRegisters } from './riscv-registers';
import { TargetDescription, X86_64_DESCRIPTION, riscv32Description, CsrDef } from './target-description';
import { X86Registers } from './x86-registers';

export interface CoreAdapter {
  readonly description: TargetDescription;
  /** Bytes per address (8 or 4). */
  readonly addressBytes: 8 | 4;
  /** The address of the next instruction, as an unsigned number. */
  pc(): number;
  /** True in ring 3 / U-mode. */
  inUserMode(): boolean;
  /** Instructions retired since reset. */
  retired(): number;
  /** Registers of the thread on the core (context null) or a saved one. */
  registers(context: UserContext | null): ThreadRegisters;
  setPrecise(on: boolean): void;
  /** Asked before each host entry (the kernel's trap vectors) runs; true
   * stops the core at the vector instead (null: none). */
  setHostEntryObserver(observer: ((address: number) => boolean) | null): void;
  /** Where watchpoints trigger, as gdb expects for the architecture:
   * 'after' the access (x86 debug registers trap after the instruction),
   * or 'before' it (RISC-V triggers fire before; gdb then steps over). */
  readonly watchTiming: 'before' | 'after';
  /** 'before' only: the data access the instruction in `code` (at the pc)
   * will make, decoded before it runs; null when it makes none. */
  accessAt(code: Uint8Array): DataAccess | null;
  /** 'after' only: tell `observer` of the data accesses instructions make
   * to these ranges (read and access watchpoints), or stop (empty). */
  watchAccesses(ranges: readonly AddressRange[], observer: (access: DataAccess) => void): void;
}

export interface AddressRange {
  readonly address: number;
  readonly length: number;
}

export interface DataAccess {
  readonly address: number;
  readonly size: number;
  readonly read: boolean;
  readonly write: boolean;
}

const NO_TRACE = (): void => {};

class X86Adapter implements CoreAdapter {
  readonly description = X86_64_DESCRIPTION;
  readonly addressBytes = 8 as const;
  readonly watchTiming = 'after' as const;
  constructor(private readonly core: X86Core) {}

  pc(): number {
    const rip = this.core.rip;
    return rip < 0 ? Number(BigInt.asUintN(64, BigInt(rip))) : rip;
  }

  inUserMode(): boolean {
    return this.core.cpl === 3;
  }

  retired(): number {
    return this.core.retired;
  }

  registers(context: UserContext | null): ThreadRegisters {
    return new X86Registers(this.core, context as X86UserContext | null);
  }

  setPrecise(on: boolean): void {
    const core = this.core;
    if ((core.trace !== null) === on) return;
    core.trace = on ? NO_TRACE : null;
    core.stopAfterHostEntry = on;
    core.chainGen++;
    core.cache.flush();
    // A restored machine's TLB may hold fast entries for watched pages
    // (watchAccesses): dropped, so that their accesses are seen again.
    core.mmu.flush();
  }

  accessAt(): DataAccess | null {
    return null;
  }

  /** The watched ranges' pages are kept out of the TLB's fast path, so
   * every load and store to them reaches the core's slow path, which
   * tells the observer (arch/x86_64/core.ts accessObserver). */
  watchAccesses(ranges: readonly AddressRange[], observer: (access: DataAccess) => void): void {
    const pages = new Set<number>();
    for (const r of ranges) {
      for (let page = Math.floor(r.address / 4096); page <= Math.floor((r.address + r.length - 1) / 4096); page++) pages.add(page);
    }
    this.core.watchAccesses(pages, (va, size, write) => observer({ address: va, size, read: !write, write }));
  }

  setHostEntryObserver(observer: ((address: number) => boolean) | null): void {
    this.core.hostEntryObserver = observer;
  }
}

class RiscvAdapter implements CoreAdapter {
  readonly description: TargetDescription;
  readonly addressBytes = 4 as const;
  readonly watchTiming = 'before' as const;
  private readonly decoded = new Decoded();
  private readonly csrs: CsrDef[];
  constructor(private readonly core: RiscvCore) {
    this.csrs = implementedCsrs(core);
    this.description = riscv32Description(this.csrs);
  }

  pc(): number {
    return this.core.pc;
  }

  inUserMode(): boolean {
    return this.core.priv === PRIV_U;
  }

  retired(): number {
    return this.core.retired;
  }

  registers(context: UserContext | null): ThreadRegisters {
    return new RiscvRegisters(this.core, this.csrs, context as RiscvUserContext | null);
  }

  setPrecise(on: boolean): void {
    const core = this.core;
    if ((core.maxBlockInsns === 1) === on) return;
    core.maxBlockInsns = on ? 1 : MAX_BLOCK_INSNS;
    core.stopAfterHostEntry = on;
    core.cache.flush();
  }

  setHostEntryObserver(observer: ((address: number) => boolean) | null): void {
    this.core.hostEntryObserver = observer;
  }

  /** Accesses are decoded before they run here (accessAt). */
  watchAccesses(): void {}

  accessAt(code: Uint8Array): DataAccess | null {
    if (code.length < 2) return null;
    const raw = code[0] | (code[1] << 8) | (code.length >= 4 ? (code[2] << 16) | (code[3] << 24) : 0);
    const d = decode(raw, this.core.features, this.decoded);
    const size = RISCV_ACCESS_SIZE.get(d.op);
    if (size === undefined) return null;
    const address = (this.core.x[d.rs1] + (RISCV_NO_OFFSET.has(d.op) ? 0 : d.imm)) >>> 0;
    const write = RISCV_WRITES.has(d.op);
    return { address, size, read: d.op !== Op.SC_W && !(d.op === Op.SB || d.op === Op.SH || d.op === Op.SW), write };
  }
}

/** The RV32 loads, stores and atomics, by the bytes they access. */
const RISCV_ACCESS_SIZE = new Map<Op, number>([
  [Op.LB, 1], [Op.LBU, 1], [Op.LH, 2], [Op.LHU, 2], [Op.LW, 4], [Op.SB, 1], [Op.SH, 2], [Op.SW, 4],
  [Op.LR_W, 4], [Op.SC_W, 4], [Op.AMOSWAP_W, 4], [Op.AMOADD_W, 4], [Op.AMOXOR_W, 4], [Op.AMOAND_W, 4],
  [Op.AMOOR_W, 4], [Op.AMOMIN_W, 4], [Op.AMOMAX_W, 4], [Op.AMOMINU_W, 4], [Op.AMOMAXU_W, 4],
]);
const RISCV_NO_OFFSET = new Set<Op>([Op.LR_W, Op.SC_W, Op.AMOSWAP_W, Op.AMOADD_W, Op.AMOXOR_W, Op.AMOAND_W, Op.AMOOR_W, Op.AMOMIN_W, Op.AMOMAX_W, Op.AMOMINU_W, Op.AMOMAXU_W]);
const RISCV_WRITES = new Set<Op>([Op.SB, Op.SH, Op.SW, Op.SC_W, Op.AMOSWAP_W, Op.AMOADD_W, Op.AMOXOR_W, Op.AMOAND_W, Op.AMOOR_W, Op.AMOMIN_W, Op.AMOMAX_W, Op.AMOMINU_W, Op.AMOMAXU_W]);

export function adaptCore(cpu: Cpu): CoreAdapter {
  if (cpu instanceof X86Core) return new X86Adapter(cpu);
  if (cpu instanceof RiscvCore) return new RiscvAdapter(cpu);
  throw new Error(`the gdb stub does not know the ${cpu.arch} core`);
}
