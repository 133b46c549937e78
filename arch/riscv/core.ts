/**
 * The RV32 hart: architectural state, the Cpu contract (hal/cpu.ts), trap
 * entry and return, the two interrupt models, and the slow paths the
 * executor (executor.ts) falls back to. Register access for the kernel:
 * `x` (x0..x31, Int32Array), `pc`, `priv`, readCsr/writeCsr by number.
 */
import type { Cpu, HostEntryHandler } from '../../hal/cpu';
import type { Bus } from '../../platform/bus';
import type { InterruptTarget, LineInterruptSource } from '../../platform/irq';
import { AMO_LR, AMO_SC, amoResult } from './amo';
import { BlockCache, BlockSource, MAX_BLOCK_INSNS } from './block-cache';
import { RiscvConfig, misaFor } from './config';
import { csrStatus, readCsr as readCsrRaw, writeCsr as writeCsrRaw } from './csr';
import * as C from './csr-numbers';
import { DecodeFeatures } from './decoder';
import { dispatch } from './dispatch';
import { execute } from './executor';
import { warmUp } from './warmup';
import { JIT_THRESHOLD, JitContext } from './jit';
import { pollInterrupts, wakeable } from './interrupts';
import { ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, Mmu, TranslationState } from './mmu';
import { Pmp } from './pmp';
import { LINK_SLOTS } from './wasm/links';

const HOST_MARK_MASK = 0xffff;

/** CSR-backing fields saved by name in a snapshot. */
const STATE_CSRS = [
  'mstatus', 'medeleg', 'mideleg', 'mie', 'mipSoftware', 'mipHardware', 'mtvec', 'stvec', 'mcounteren', 'scounteren',
  'mscratch', 'sscratch', 'mepc', 'sepc', 'mcause', 'scause', 'mtval', 'stval', 'satp',
] as const;

export interface RiscvState {
  x: number[];
  pc: number;
  priv: number;
  retired: number;
  halted: boolean;
  reservation: number;
  cycleOffset: number;
  instretOffset: number;
  csrs: Record<string, number>;
  pmpcfg: number[];
  pmpaddr: number[];
}

export class RiscvCore implements Cpu, InterruptTarget, BlockSource, TranslationState {
  readonly arch = 'riscv32' as const;
  /** x0..x31 plus slot 32, where writes to x0 go. x0 reads 0 always. */
  /** In the bus's core area: the wasm backend's compiled code reads them. */
  readonly regs: Int32Array;
  /** The 32 architectural registers (a view of `regs`). */
  readonly x: Int32Array;
  /** pc as a signed 32-bit value (see the `pc` accessor). */
  pcReg = 0;
  priv = C.PRIV_M;
  retired = 0;
  halted = false;
  stopRequested = false;

  // CSR state (privileged spec 1.12, chapters 3-4).
  readonly misa: number;
  mstatus = 0;
  medeleg = 0;
  mideleg = 0;
  mie = 0;
  /** SSIP/STIP/SEIP as written by software. */
  mipSoftware = 0;
  /** MSIP/MTIP/MEIP/SEIP driven by devices (standard model). */
  mipHardware = 0;
  mtvec = 0;
  stvec = 0;
  mcounteren = 0;
  scounteren = 0;
  mscratch = 0;
  sscratch = 0;
  mepc = 0;
  sepc = 0;
  mcause = 0;
  scause = 0;
  mtval = 0;
  stval = 0;
  satp = 0;
  cycleOffset = 0;
  instretOffset = 0;
  readonly epcMask: number;

  /** LR/SC reservation (physical address), or -1. */
  reservation = -1;
  /** Re-evaluate interrupts at the next block boundary. */
  irqPoll = true;
  /** Set by trap entry; slow paths check it. */
  trapTaken = false;
  /** Traps taken since reset (for the tracer and tests). */
  traps = 0;
  /** The block the executor last ran (for the tracer). */
  lastBlock = -1;
  lastBlockPc = 0;
  /** End run() at every trap (the tracer's one-instruction steps). */
  stopOnTrap = false;
  /** End run() after every host entry (host/gdb: a stepping debugger sees
   * each instruction before it runs, the first after a trap's return too). */
  stopAfterHostEntry = false;
  /** Debugger (host/gdb): asked before a host entry runs; true stops the
   * run there instead (a breakpoint on a trap vector). */
  hostEntryObserver: ((address: number) => boolean) | null = null;

  readonly features: DecodeFeatures;
  maxBlockInsns = MAX_BLOCK_INSNS;
  /** Runs of a block before the JIT compiles it; 0 = interpret only. */
  readonly jitThreshold: number;
  /** What compiled blocks are bound to (made at the first compile). */
  jitContext: JitContext | null = null;
  readonly pmp = new Pmp();
  readonly mmu: Mmu;
  readonly cache: BlockCache;
  readonly i8: Int8Array;
  readonly i16: Int16Array;
  readonly i32: Int32Array;
  readonly readTime: () => number;
  lineSource: LineInterruptSource | null;

  /** The wasm backend's links index (wasm/links.ts), allocated with the
   * core: a core restored from a snapshot finds it where it was, where a
   * runtime allocating its own took another piece of the bus's core area
   * at every restore (the third generation of restores ran out). Its
   * contents are a cache: the runtime empties it when it starts. */
  readonly linkIndex: Int32Array;

  private readonly hostEntries = new Map<number, HostEntryHandler>();
  readonly hostMarks = new Uint8Array(HOST_MARK_MASK + 1);
  hostEntryCount = 0;

  /** The board's choices, copied into one object shape whatever the
   * caller's literal was: the run loops read it (the interrupt model,
   * the modes), and V8's optimized code for them expects the shape it has
   * seen (the warm-up core's config and the board's had different ones,
   * and the first interrupt poll after V8 optimized execute() threw it
   * away). */
  readonly config: RiscvConfig;

  constructor(
    readonly bus: Bus,
    config: RiscvConfig,
  ) {
    // Every key listed (the type makes a new RiscvConfig field a compile
    // error here, not a silently dropped choice).
    const copy: { [K in keyof Required<RiscvConfig>]: RiscvConfig[K] } = {
      extensions: config.extensions,
      supervisor: config.supervisor,
      user: config.user,
      interruptModel: config.interruptModel,
      hartId: config.hartId,
      resetPc: config.resetPc,
      vendorId: config.vendorId,
      archId: config.archId,
      implId: config.implId,
      readTime: config.readTime,
      lineSource: config.lineSource,
      jit: config.jit,
      jitBackend: config.jitBackend,
      jitThreshold: config.jitThreshold,
    };
    this.config = copy;
    this.regs = bus.allocCoreWords(33);
    this.linkIndex = bus.allocCoreWords(2 * LINK_SLOTS);
    this.x = this.regs.subarray(0, 32);
    this.misa = misaFor(config);
    const ext = config.extensions.toLowerCase();
    this.features = { m: ext.includes('m'), a: ext.includes('a'), c: ext.includes('c'), s: config.supervisor };
    this.epcMask = this.features.c ? ~1 : ~3;
    this.i8 = new Int8Array(bus.ram);
    this.i16 = new Int16Array(bus.ram);
    this.i32 = new Int32Array(bus.ram);
    this.mmu = new Mmu(bus, this.pmp, this);
    this.cache = new BlockCache(bus);
    this.readTime = config.readTime ?? (() => this.retired);
    this.lineSource = config.lineSource ?? null;
    this.jitThreshold = config.jit === false ? 0 : Math.max(1, config.jitThreshold ?? JIT_THRESHOLD);
    bus.onCodeWrite = (page) => this.cache.invalidatePage(page);
    this.reset(config.resetPc ?? 0);
  }

  /** Reset state (privileged spec 3.4): M-mode, MIE = MPRV = 0, PMP off. */
  reset(pc: number): void {
    this.regs.fill(0);
    this.pcReg = pc | 0;
    this.priv = C.PRIV_M;
    this.mstatus = this.config.user ? 0 : C.MSTATUS_MPP;
    this.medeleg = this.mideleg = this.mie = this.mipSoftware = 0;
    this.mcause = this.mtval = this.satp = 0;
    this.mtvec = this.config.interruptModel === 'esp32c3' ? 1 : 0;
    this.reservation = -1;
    this.halted = false;
    this.pmp.reset();
    this.mmu.flush();
    this.mmu.updateContext();
    this.cache.flush();
    this.irqPoll = true;
  }

  /** The architectural state by name (docs/design.md, convention 10). Decoded
   * blocks and TLB entries are caches, not state. */
  saveState(): RiscvState {
    const csrs: Record<string, number> = {};
    for (const name of STATE_CSRS) csrs[name] = this[name];
    return {
      x: Array.from(this.x),
      pc: this.pc,
      priv: this.priv,
      retired: this.retired,
      halted: this.halted,
      reservation: this.reservation,
      cycleOffset: this.cycleOffset,
      instretOffset: this.instretOffset,
      csrs,
      pmpcfg: Array.from(this.pmp.cfg),
      pmpaddr: Array.from(this.pmp.addr),
    };
  }

  restoreState(state: RiscvState): void {
    this.x.set(state.x);
    this.pc = state.pc;
    this.retired = state.retired;
    this.halted = state.halted;
    this.reservation = state.reservation;
    this.cycleOffset = state.cycleOffset;
    this.instretOffset = state.instretOffset;
    for (const name of STATE_CSRS) this[name] = state.csrs[name] | 0;
    for (let i = 0; i < state.pmpaddr.length; i++) this.pmp.addr[i] = state.pmpaddr[i];
    // Writing the packed cfg registers re-derives PMP regions (locks apply
    // to later writes, so clear them first).
    this.pmp.cfg.fill(0);
    for (let n = 0; n < state.pmpcfg.length / 4; n++) {
      const c = state.pmpcfg;
      this.pmp.writeCfg(n, c[4 * n] | (c[4 * n + 1] << 8) | (c[4 * n + 2] << 16) | (c[4 * n + 3] << 24));
    }
    this.setPriv(state.priv);
    this.mmu.flush();
    this.cache.flush();
    this.irqPoll = true;
  }

  get pc(): number {
    return this.pcReg >>> 0;
  }

  set pc(value: number) {
    this.pcReg = value | 0;
  }

  // ---- Cpu ----

  run(maxInstructions: number): number {
    warmUp((bus, config) => new RiscvCore(bus, config));
    const start = this.retired;
    this.stopRequested = false;
    if (this.halted) {
      if (!wakeable(this)) return 0;
      this.halted = false;
    }
    const limit = start + maxInstructions;
    // execute() returns every few thousand blocks (see executor.ts); one
    // that retired nothing (a trap loop) hands control back to the machine.
    // The JIT tier's loop calls regions (dispatch.ts); tracing wants the
    // interpreter's one-instruction blocks.
    const jit = this.jitThreshold !== 0 && this.maxBlockInsns > 1;
    for (;;) {
      const before = this.retired;
      if (jit) dispatch(this, limit);
      else execute(this, limit);
      if (this.retired >= limit || this.stopRequested || this.halted || this.retired === before) break;
    }
    return this.retired - start;
  }

  requestStop(): void {
    this.stopRequested = true;
  }

  setHostEntry(address: number, handler: HostEntryHandler): void {
    const a = address | 0;
    if (!this.hostEntries.has(a)) this.hostEntryCount++;
    this.hostEntries.set(a, handler);
    this.hostMarks[(a >>> 1) & HOST_MARK_MASK] = 1;
    this.cache.flush(); // blocks must now end before this address
  }

  clearHostEntry(address: number): void {
    const a = address | 0;
    if (!this.hostEntries.delete(a)) return;
    this.hostEntryCount--;
    this.hostMarks.fill(0);
    for (const k of this.hostEntries.keys()) this.hostMarks[(k >>> 1) & HOST_MARK_MASK] = 1;
  }

  isHostEntry(pc: number): boolean {
    return this.hostEntryCount !== 0 && this.hostMarks[(pc >>> 1) & HOST_MARK_MASK] !== 0 && this.hostEntries.has(pc | 0);
  }

  /** Runs the host handler registered at pc (S or M mode); false if none. */
  callHostEntry(pc: number): boolean {
    if (this.priv === C.PRIV_U) return false;
    const handler = this.hostEntries.get(pc);
    if (handler === undefined) return false;
    if (this.hostEntryObserver !== null && this.hostEntryObserver(pc >>> 0)) {
      this.stopRequested = true;
      return true;
    }
    handler();
    // A handler that leaves pc in place must not spin: yield to the loop.
    if (this.pcReg === pc || this.stopAfterHostEntry) this.stopRequested = true;
    return true;
  }

  // ---- interrupts ----

  /** InterruptTarget: the controller's output changed. */
  interruptLevelChanged(): void {
    this.irqPoll = true;
    if (this.halted && wakeable(this)) this.halted = false;
  }

  /** Standard model: a device drives mip bit `bit` (MSIP 3, MTIP 7, MEIP 11,
   * SEIP 9) — the CLINT's and PLIC's wires into the hart. */
  setInterruptPending(bit: number, level: boolean): void {
    const mask = 1 << bit;
    const next = level ? this.mipHardware | mask : this.mipHardware & ~mask;
    if (next === this.mipHardware) return;
    this.mipHardware = next;
    this.interruptLevelChanged();
  }

  /** ESP32-C3 model: the interrupt matrix's CPU lines. */
  connectLineSource(source: LineInterruptSource): void {
    this.lineSource = source;
    this.interruptLevelChanged();
  }

  pendingInterrupts(): number {
    return this.mipSoftware | this.mipHardware;
  }

  /** Takes a pending, enabled interrupt if there is one (block boundary). */
  pollInterrupts(): boolean {
    return pollInterrupts(this);
  }

  // ---- CSRs for the kernel (no privilege checks) ----

  readCsr(csr: number): number {
    const v = readCsrRaw(this, csr);
    if (!csrStatus.exists) throw new Error(`CSR 0x${csr.toString(16)} does not exist on this hart`);
    return v;
  }

  writeCsr(csr: number, value: number): void {
    readCsrRaw(this, csr);
    if (!csrStatus.exists) throw new Error(`CSR 0x${csr.toString(16)} does not exist on this hart`);
    writeCsrRaw(this, csr, value);
  }

  privImplemented(p: number): boolean {
    return p === C.PRIV_M || (p === C.PRIV_S && this.config.supervisor) || (p === C.PRIV_U && this.config.user);
  }

  setPriv(p: number): void {
    this.priv = p;
    this.mmu.updateContext();
    this.irqPoll = true;
  }

  // ---- traps (privileged spec 3.1.6.1, 3.3.1, 4.1.1) ----

  /** Enters the trap handler for exception `cause` raised by the
   * instruction at `epc`. */
  raiseException(cause: number, tval: number, epc: number): void {
    this.enterTrap(cause, cause, false, tval, epc);
  }

  /** Enters the handler for interrupt `code`, resuming at pc afterwards. */
  raiseInterrupt(code: number): void {
    this.enterTrap((C.INTERRUPT_FLAG | code) | 0, code, true, 0, this.pcReg);
  }

  private enterTrap(causeValue: number, code: number, interrupt: boolean, tval: number, epc: number): void {
    const from = this.priv;
    const delegated = from !== C.PRIV_M && (((interrupt ? this.mideleg : this.medeleg) >>> code) & 1) !== 0;
    let st = this.mstatus;
    if (delegated) {
      this.scause = causeValue;
      this.sepc = epc & this.epcMask;
      this.stval = tval | 0;
      st = (st & ~(C.MSTATUS_SPP | C.MSTATUS_SPIE)) | (from === C.PRIV_S ? C.MSTATUS_SPP : 0) |
        ((st & C.MSTATUS_SIE) ? C.MSTATUS_SPIE : 0);
      st &= ~C.MSTATUS_SIE;
      this.pcReg = vector(this.stvec, interrupt, code);
      this.mstatus = st;
      this.setPriv(C.PRIV_S);
    } else {
      this.mcause = causeValue;
      this.mepc = epc & this.epcMask;
      this.mtval = tval | 0;
      st = (st & ~(C.MSTATUS_MPP | C.MSTATUS_MPIE)) | (from << C.MSTATUS_MPP_SHIFT) |
        ((st & C.MSTATUS_MIE) ? C.MSTATUS_MPIE : 0);
      st &= ~C.MSTATUS_MIE;
      this.pcReg = vector(this.mtvec, interrupt, code);
      this.mstatus = st;
      this.setPriv(C.PRIV_M);
    }
    this.reservation = -1;
    this.trapTaken = true;
    this.traps++;
    if (this.stopOnTrap) this.stopRequested = true;
  }

  /** mret (3.3.2): back to MPP with MIE = MPIE. */
  mret(): void {
    let st = this.mstatus;
    const to = (st & C.MSTATUS_MPP) >>> C.MSTATUS_MPP_SHIFT;
    st = (st & ~C.MSTATUS_MIE) | ((st & C.MSTATUS_MPIE) ? C.MSTATUS_MIE : 0);
    st |= C.MSTATUS_MPIE;
    st = (st & ~C.MSTATUS_MPP) | ((this.config.user ? C.PRIV_U : C.PRIV_M) << C.MSTATUS_MPP_SHIFT);
    if (to !== C.PRIV_M) st &= ~C.MSTATUS_MPRV;
    this.mstatus = st;
    this.pcReg = this.mepc;
    this.reservation = -1;
    this.setPriv(to);
  }

  /** sret (3.3.2): back to SPP with SIE = SPIE. */
  sret(): void {
    let st = this.mstatus;
    const to = (st & C.MSTATUS_SPP) ? C.PRIV_S : C.PRIV_U;
    st = (st & ~C.MSTATUS_SIE) | ((st & C.MSTATUS_SPIE) ? C.MSTATUS_SIE : 0);
    st |= C.MSTATUS_SPIE;
    st &= ~(C.MSTATUS_SPP | C.MSTATUS_MPRV);
    this.mstatus = st;
    this.pcReg = this.sepc;
    this.reservation = -1;
    this.setPriv(to);
  }

  // ---- memory slow paths ----

  /** RAM offset of the instruction at `pc` (fetch translation), or -1 after
   * raising the fetch fault. */
  translateFetch(pc: number): number {
    const pa = this.mmu.translate(pc, ACCESS_EXEC, this.priv, 2);
    if (pa < 0) {
      this.raiseException(this.mmu.cause, pc, pc);
      return -1;
    }
    const off = this.bus.ramOffset(pa);
    if (off < 0) {
      this.raiseException(C.CAUSE_FETCH_ACCESS, pc, pc);
      return -1;
    }
    return off;
  }

  fetchHalfSlow(va: number, epc: number): number {
    const pa = this.mmu.translate(va, ACCESS_EXEC, this.priv, 2);
    const off = pa < 0 ? -1 : this.bus.ramOffset(pa);
    if (off < 0) {
      this.raiseException(pa < 0 ? this.mmu.cause : C.CAUSE_FETCH_ACCESS, va, epc);
      return -1;
    }
    return this.bus.u8[off] | (this.bus.u8[off + 1] << 8);
  }

  codePageAdded(ramPage: number): void {
    this.mmu.dropWritesTo(ramPage);
  }

  /** A load the TLB fast path did not take: returns the value (sign- or
   * zero-extended per `signed`), or raises and sets trapTaken. Misaligned
   * loads work (byte by byte), as the spec allows (unprivileged 2.6). */
  load(va: number, size: number, signed: boolean, epc: number): number {
    this.trapTaken = false;
    const v = this.readData(va, size, ACCESS_READ, epc);
    if (this.trapTaken) return 0;
    if (!signed) return v >>> 0;
    return size === 1 ? (v << 24) >> 24 : size === 2 ? (v << 16) >> 16 : v | 0;
  }

  /** A store the fast path did not take; misaligned stores work too. */
  store(va: number, size: number, value: number, epc: number): void {
    this.trapTaken = false;
    const priv = this.mmu.dataPriv();
    const pa = this.physical(va, size, ACCESS_WRITE, priv, epc);
    if (pa < 0) return;
    const pa2 = this.secondHalf(va, size, ACCESS_WRITE, priv, epc);
    if (pa2 === -2) return;
    this.bus.fault = false;
    if (pa2 < 0 && (va & (size - 1)) === 0) {
      this.bus.write(pa, size as 1 | 2 | 4, value >>> 0);
    } else {
      for (let k = 0; k < size; k++) {
        const a = va + k;
        const p = pa2 >= 0 && ((a ^ va) >>> 12) !== 0 ? pa2 + (a & 0xfff) : pa + k;
        this.bus.write(p, 1, (value >>> (8 * k)) & 0xff);
      }
    }
    if (this.bus.fault) this.raiseException(C.CAUSE_STORE_ACCESS, va, epc);
    // A store to the reserved word breaks an LR reservation.
    if (this.reservation >= 0 && pa <= this.reservation + 3 && pa + size > this.reservation) this.reservation = -1;
  }

  private readData(va: number, size: number, access: number, epc: number): number {
    const priv = this.mmu.dataPriv();
    const pa = this.physical(va, size, access, priv, epc);
    if (pa < 0) return 0;
    const pa2 = this.secondHalf(va, size, access, priv, epc);
    if (pa2 === -2) return 0;
    this.bus.fault = false;
    let v = 0;
    if (pa2 < 0 && (va & (size - 1)) === 0) {
      v = this.bus.read(pa, size as 1 | 2 | 4);
    } else {
      for (let k = 0; k < size; k++) {
        const a = va + k;
        const p = pa2 >= 0 && ((a ^ va) >>> 12) !== 0 ? pa2 + (a & 0xfff) : pa + k;
        v |= this.bus.read(p, 1) << (8 * k);
      }
    }
    if (this.bus.fault) {
      this.raiseException(access === ACCESS_READ ? C.CAUSE_LOAD_ACCESS : C.CAUSE_STORE_ACCESS, va, epc);
      return 0;
    }
    return v;
  }

  /** Translates the first byte's page; -1 after raising. */
  private physical(va: number, size: number, access: number, priv: number, epc: number): number {
    const inPage = Math.min(size, 4096 - (va & 0xfff));
    const pa = this.mmu.translate(va, access, priv, inPage);
    if (pa < 0) this.raiseException(this.mmu.cause, va, epc);
    return pa;
  }

  /** For an access crossing a page: the second page's physical base
   * (already offset to its first byte), -1 when it does not cross, -2 after
   * raising (mtval = the faulting portion's address, 3.1.16). */
  private secondHalf(va: number, size: number, access: number, priv: number, epc: number): number {
    const first = 4096 - (va & 0xfff);
    if (first >= size) return -1;
    const va2 = (va + first) | 0;
    const pa2 = this.mmu.translate(va2, access, priv, size - first);
    if (pa2 < 0) {
      this.raiseException(this.mmu.cause, va2, epc);
      return -2;
    }
    return pa2 - (va2 & 0xfff);
  }

  /** LR.W / SC.W / AMO*.W (unprivileged chapter 8): aligned words only. */
  atomic(kind: number, va: number, operand: number, epc: number): number {
    this.trapTaken = false;
    const isLr = kind === AMO_LR;
    if ((va & 3) !== 0) {
      this.raiseException(isLr ? C.CAUSE_MISALIGNED_LOAD : C.CAUSE_MISALIGNED_STORE, va, epc);
      return 0;
    }
    const priv = this.mmu.dataPriv();
    if (isLr) {
      const pa = this.physical(va, 4, ACCESS_READ, priv, epc);
      if (pa < 0) return 0;
      const v = this.readData(va, 4, ACCESS_READ, epc);
      if (!this.trapTaken) this.reservation = pa;
      return v | 0;
    }
    // SC and AMOs need write permission; a failed SC still checks it (8.2).
    const pa = this.physical(va, 4, ACCESS_WRITE, priv, epc);
    if (pa < 0) return 0;
    if (kind === AMO_SC) {
      const ok = this.reservation === pa;
      this.reservation = -1;
      if (!ok) return 1;
      this.store(va, 4, operand, epc);
      return 0;
    }
    const old = this.readData(va, 4, ACCESS_WRITE, epc) | 0;
    if (this.trapTaken) return 0;
    this.store(va, 4, amoResult(kind, old, operand | 0), epc);
    return old;
  }
}

/** Trap vector: base, plus 4 × cause for interrupts in vectored mode (3.1.7). */
function vector(tvec: number, interrupt: boolean, code: number): number {
  const base = tvec & ~3;
  if (interrupt && (tvec & 3) === 1) return (base + 4 * code) | 0;
  return base | 0;
}
