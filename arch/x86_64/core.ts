/**
 * The x86_64 core: architectural state, the run loop over cached blocks,
 * guest memory access through the software TLB, and fault raising.
 *
 * Representation (docs/cores/x86_64.md): each GPR is two int32 halves
 * (`rl[n]` low, `rh[n]` high); RIP and other virtual addresses are signed
 * doubles (canonical addresses fit in 48 bits, so a double holds them
 * exactly); a handler that yields a 64-bit value returns the low half and
 * leaves the high half in `core.hi`.
 */
import type { Cpu, HostEntryHandler } from '../../hal/cpu';
import type { Bus } from '../../platform/bus/bus';
import type { InterruptTarget, VectoredInterruptSource } from '../../platform/irq';
import { BlockCache } from './block-cache';
import { CpuVendor, DEFAULT_CPU_VENDOR } from './cpu-model';
import { Decoded } from './decoded';
import { readFlags, LazyOp } from './flags';
import { Mmu, P_READ_S, P_READ_U, P_WRITE_S, P_WRITE_U } from './mmu';
import { EXC_DB, EXC_GP, EXC_PF, EXC_SS, TWO32, isCanonical, joinHalves } from './registers';
import { isStackReference } from './stack-fault';
import { deliverEvent, TripleFault } from './traps';
import { JitBackend, JitTier } from './jit/jit-tier';
import { runBlocks } from './interpreter-run';
import { interpreterWarm, warmUpInterpreter } from './interpreter-warmup';

// Local copies of imported constants: an imported binding compiles to a
// property load on the module object in the hot path.
const L_TLB_MASK = 1023;
const L_IF = 0x200;
const L_TF = 0x100;
/** DR6.BS: the #DB came from single-stepping. */
const DR6_BS = 1 << 14;
const L_CR0_EM = 1 << 2;
const L_CR0_TS = 1 << 3;
const L_CR4_OSFXSR = 1 << 9;
/** core.xmm: 16 registers and 2 scratch slots of 4 dwords (ops/sse-state.ts). */
const XMM_WORDS = 72;
const XMM_SCRATCH_FROM = 64;
/** The warm-up core's JIT threshold: its blocks end at every branch as
 * with a JIT, and it compiles only the program's two hot loops (with the
 * real core's backend), so runBlocks' JIT dispatch and region calls get
 * feedback (interpreter-warmup.ts). */
const WARM_UP_COMPILE_AFTER = 32;
/** ... and when the real core has no JIT: no compiles. */
const WARM_UP_NEVER_COMPILE = 1e9;
/** The warm-up core's block cache: the program decodes about 2000
 * instructions; a full-size cache is 10 MiB of arrays. */
const WARM_UP_CACHE_SLOTS = 8192;

import { FAULT } from './fault';
import { WASM_LINK_DOUBLES, WASM_SCRATCH_DOUBLES } from './wasm/scratch';

export { FAULT };

export type TraceHook = (core: X86Core, slot: number) => void;

export interface X86CoreOptions {
  /** Compile hot blocks to JavaScript (jit/); default true. */
  jit?: boolean;
  /** Runs of a block before it is compiled (0: at its first run). */
  jitThreshold?: number;
  /** What hot regions compile to (jit/jit-tier.ts); default 'wasm'. */
  jitBackend?: JitBackend;
  /** Decoded instructions the block cache holds before it flushes
   * (block-cache.ts; default MAX_SLOTS). */
  cacheSlots?: number;
}

export class X86Core implements Cpu, InterruptTarget {
  readonly arch = 'x86_64' as const;

  // General registers: int32 halves, in the bus's core area (compiled wasm
  // regions load and store them there): rl then rh, 16 words each.
  readonly rl: Int32Array;
  readonly rh: Int32Array;
  /** High half of the last 64-bit value a helper returned. */
  hi = 0;
  rip = 0;
  /** Address of the next instruction while one executes; branches set it. */
  nextRip = 0;
  /** Linear address computed by the last memory operand. */
  addr = 0;

  // RFLAGS: non-arithmetic bits, plus arithmetic bits when fop === LazyOp.NONE.
  flags = 0x2;
  fop = LazyOp.NONE;
  fsz = 4;
  fres = 0;
  fresH = 0;
  fa = 0;
  faH = 0;
  fb = 0;
  fbH = 0;
  fcin = 0;
  fcf = 0;
  fof = 0;
  faf = 0;

  // SSE state: 16 XMM registers x 4 dwords (plus two scratch registers,
  // 16 and 17, that hold memory operands), MXCSR. xmm lives in the bus's
  // core area (8-byte aligned), where wasm regions read and write it.
  readonly xmm: Int32Array;
  mxcsr = 0x1f80;
  // x87 state lives in x87.ts (allocated lazily by its handlers).
  fpu: unknown = null;
  /** Whose undefined results the core reproduces (cpu-model.ts). */
  vendor: CpuVendor = DEFAULT_CPU_VENDOR;

  // System state (SDM vol. 3, ch. 2-5).
  cpl = 0;
  readonly sel = new Uint16Array(6); // ES CS SS DS FS GS
  fsBase = 0;
  gsBase = 0;
  kernelGsBase = 0;
  private cr0Bits = 0x6000_0010 | 0;
  cr2 = 0;
  cr3 = 0;
  private cr4Bits = 0;
  cr8 = 0;
  efer = 0;
  gdtBase = 0;
  gdtLimit = 0xffff;
  idtBase = 0;
  idtLimit = 0xffff;
  ldtSel = 0;
  trSel = 0;
  trBase = 0;
  trLimit = 0;
  starLo = 0;
  starHi = 0;
  lstar = 0;
  cstar = 0;
  fmask = 0;
  tscAux = 0;
  tscOffset = 0;
  patLo = 0x0007_0406;
  patHi = 0x0007_0406;
  dr = new Float64Array(8);

  /** Virtual time in ns, the TSC's source (1 GHz TSC). Boards point it at
   * their clock (so idle jumps count); alone it follows retired. */
  readTime: () => number = () => this.retired;

  // Execution state.
  retired = 0;
  /** True from power-on until firmware starts the core (firmware.ts). */
  halted = true;
  stopRequested = false;
  /** Set when the current block must end after this instruction. */
  brk = false;
  /** The instruction after sti / mov ss runs before interrupts are taken. */
  interruptShadow = false;
  intrSource: VectoredInterruptSource | null = null;
  intrLine = false;
  trace: TraceHook | null = null;

  // Fault being raised (see raise()).
  excVector = 0;
  excCode = 0;
  excHasCode = false;

  readonly mmu: Mmu;
  // The TLB arrays and permission masks, held here too for the fast paths.
  readonly tlbVpn: Float64Array;
  readonly tlbRam: Int32Array;
  readonly tlbPerm: Uint8Array;
  rdMask = P_READ_S;
  wrMask = P_WRITE_S;
  /** The TLB's RAM tags for reads and writes at the current privilege
   * (mmu.ts ramRead*, ramWrite*; the JIT's inline accesses). */
  rdPage: Float64Array;
  wrPage: Float64Array;
  readonly cache: BlockCache;
  readonly d: Decoded;
  readonly u8: Uint8Array;
  readonly view: DataView;
  readonly codePages: Uint8Array;

  private readonly hostEntries = new Map<number, HostEntryHandler>();
  /** The JIT tier, or null when disabled (`--no-jit`). */
  readonly jit: JitTier | null;
  /** The budget of the current runBlocks call (compiled loops check it). */
  runTarget = 0;
  /** Core-area doubles the wasm backend's runtime uses (wasm/runtime.ts:
   * the lazy-flag block and its slots), allocated with every core so that
   * the core area's layout, and a snapshot of it, is the same whatever the
   * backend; zeroed at the end of every run(), when a snapshot may be taken. */
  readonly wasmScratch: Float64Array;
  /** Core-area doubles of the wasm backend's links between regions
   * (wasm/links.ts), allocated with every core for the same reason; the
   * links empty them at the end of every run(). */
  readonly wasmLinks: Float64Array;

  /** One core-area word, non-zero while SSE instructions fault (#UD
   * without CR4.OSFXSR or with CR0.EM, #NM with CR0.TS: ops/sse-state.ts
   * checkSse): wasm regions test it before their inline SSE code. Kept by
   * the cr0 and cr4 setters. */
  readonly sseOff: Int32Array;

  get cr0(): number {
    return this.cr0Bits;
  }

  set cr0(v: number) {
    this.cr0Bits = v;
    this.updateSseOff();
  }

  get cr4(): number {
    return this.cr4Bits;
  }

  set cr4(v: number) {
    this.cr4Bits = v;
    this.updateSseOff();
  }

  private updateSseOff(): void {
    this.sseOff[0] = (this.cr4Bits & L_CR4_OSFXSR) === 0 || (this.cr0Bits & (L_CR0_EM | L_CR0_TS)) !== 0 ? 1 : 0;
  }

  constructor(readonly bus: Bus, options: X86CoreOptions = {}) {
    const regs = bus.allocCoreWords(32);
    this.rl = regs.subarray(0, 16);
    this.rh = regs.subarray(16, 32);
    this.wasmScratch = bus.allocCoreDoubles(WASM_SCRATCH_DOUBLES);
    this.wasmLinks = bus.allocCoreDoubles(WASM_LINK_DOUBLES);
    this.u8 = bus.u8;
    this.view = bus.view;
    this.codePages = bus.codePages;
    this.mmu = new Mmu(this);
    const xmm = bus.allocCoreDoubles(XMM_WORDS / 2);
    this.xmm = new Int32Array(xmm.buffer, xmm.byteOffset, XMM_WORDS);
    this.sseOff = bus.allocCoreWords(1);
    this.updateSseOff();
    this.tlbVpn = this.mmu.tlbVpn;
    this.tlbRam = this.mmu.tlbRam;
    this.tlbPerm = this.mmu.tlbPerm;
    this.rdPage = this.mmu.ramReadS;
    this.wrPage = this.mmu.ramWriteS;
    this.cache = new BlockCache(this, options.cacheSlots);
    this.d = this.cache.d;
    this.jit = options.jit === false ? null : new JitTier(this.cache, { threshold: options.jitThreshold, backend: options.jitBackend ?? 'wasm' }, this);
    this.cache.jit = this.jit;
    // Writes by other bus masters. The core's own writes call
    // cache.invalidatePage itself: one call target for every core, where
    // this closure is one per core (TurboFan put the warm-up core's into
    // runBlocks, which deoptimized when that core was collected).
    bus.onCodeWrite = (page) => this.cache.invalidatePage(page);
    this.sel[1] = 0x8;
    this.sel[2] = 0x10;
  }

  // ---- Cpu contract ----

  run(maxInstructions: number): number {
    if (!interpreterWarm()) {
      const jit = this.jit;
      warmUpInterpreter((bus) => new X86Core(bus, { jitThreshold: jit === null ? WARM_UP_NEVER_COMPILE : WARM_UP_COMPILE_AFTER, jitBackend: jit === null ? 'wasm' : jit.backend, cacheSlots: WARM_UP_CACHE_SLOTS }));
    }
    const start = this.retired;
    const target = start + maxInstructions;
    this.stopRequested = false;
    while (this.retired < target && !this.stopRequested) {
      if (this.interruptShadow) {
        this.interruptShadow = false;
      } else if (this.intrLine && (this.flags & L_IF) !== 0) {
        this.takeExternalInterrupt();
      }
      if (this.halted) break;
      try {
        if (this.cpl === 0 && this.hostEntryCount !== 0 && this.callHostEntry()) continue;
        if ((this.flags & L_TF) !== 0 && !this.interruptShadowPending) this.singleStep(target);
        else runBlocks(this, target);
      } catch (e) {
        if (e !== FAULT) throw e;
        this.deliverFault();
      }
    }
    // xmm's scratch slots (16, 17: memory operands of the handlers) are
    // not machine state: zeroed, so that the core area a snapshot saves is
    // the same whichever tier ran the SSE code.
    this.xmm.fill(0, XMM_SCRATCH_FROM);
    if (this.jit !== null && this.jit.backend === 'wasm') {
      this.wasmScratch.fill(0);
      if (this.jit.codeListener !== null) this.jit.codeListener.runEnded();
    }
    return this.retired - start;
  }

  /**
   * The trap flag (SDM vol. 3, 17.3.1.4): one instruction, then a #DB trap
   * (DR6.BS) after it, unless it left the privilege level (syscall masks TF,
   * an int n or a fault delivers its own event). Instructions that set TF
   * stop the run (popf, iret, sysret), so the flag is seen here before the
   * next instruction; the per-block loop never looks at it.
   */
  private singleStep(target: number): void {
    const cpl = this.cpl;
    this.interruptShadowPending = true; // runBlocks: exactly one instruction
    try {
      runBlocks(this, target);
    } finally {
      if (!this.interruptShadowPending) this.interruptShadow = false; // ours, not an sti's
    }
    if (this.cpl !== cpl || this.halted) return;
    this.dr[6] = this.dr[6] | DR6_BS;
    if (this.onException !== null && this.onException(EXC_DB, 0)) {
      this.stopRequested = true; // an observer (tests) took the trap
      return;
    }
    deliverEvent(this, EXC_DB, false, 0, false, this.rip);
  }

  private callHostEntry(): boolean {
    const handler = this.hostEntries.get(this.rip);
    if (handler === undefined) return false;
    if (this.hostEntryObserver !== null && this.hostEntryObserver(this.rip)) {
      this.stopRequested = true;
      return true;
    }
    const at = this.rip;
    handler();
    if (this.rip === at && !this.halted && !this.stopRequested) {
      throw new Error(`host entry at ${hex64(at)} returned without moving RIP`);
    }
    if (this.stopAfterHostEntry) this.stopRequested = true;
    return true;
  }

  /** Whether a compiled block that branched back to its own start may run
   * again without returning to runBlocks: exactly the checks runBlocks
   * makes between two blocks (and its successor test: same chain
   * generation, so the same RIP still maps to this block). */
  jitMayLoop(gen: number): boolean {
    return (
      this.retired < this.runTarget &&
      !this.brk &&
      !this.stopRequested &&
      !this.halted &&
      !this.interruptShadow &&
      !this.interruptShadowPending &&
      !(this.intrLine && (this.flags & L_IF) !== 0) &&
      !(this.cpl === 0 && this.hostEntryCount !== 0) &&
      this.chainGen === gen &&
      this.trace === null
    );
  }

  /** Bumped whenever a remembered block successor may have become wrong
   * (TLB flush, privilege change, cache flush). */
  chainGen = 0;

  requestStop(): void {
    this.stopRequested = true;
  }

  /** End run() after every host entry (host/gdb: a stepping debugger sees
   * each instruction before it runs, the first after a trap's return too). */
  stopAfterHostEntry = false;
  /** Debugger (host/gdb): asked before a host entry runs; true stops the
   * run there instead (a breakpoint on a trap vector). */
  hostEntryObserver: ((address: number) => boolean) | null = null;

  /** hostEntries.size, as a plain field for the per-block check. */
  hostEntryCount = 0;

  setHostEntry(address: number, handler: HostEntryHandler): void {
    this.hostEntries.set(address, handler);
    this.hostEntryCount = this.hostEntries.size;
    // Blocks must now end before this address. At boot the kernel installs
    // 257 entries into an empty cache: clearing its tables each time cost
    // about 0.1 s of every start.
    if (!this.cache.empty) this.cache.flush();
  }

  clearHostEntry(address: number): void {
    this.hostEntries.delete(address);
    this.hostEntryCount = this.hostEntries.size;
  }

  isHostEntry(address: number): boolean {
    return this.hostEntries.has(address);
  }

  /** Connects the interrupt controller (8259 pair or local APIC) as INTR. */
  connectInterrupts(source: VectoredInterruptSource): void {
    this.intrSource = source;
    this.intrLine = source.pending();
  }

  interruptLevelChanged(): void {
    this.intrLine = this.intrSource !== null && this.intrSource.pending();
    if (this.intrLine) {
      this.requestStop();
    }
  }

  // ---- execution ----

  /** sti / mov ss / pop ss: one more instruction before interrupts. */
  interruptShadowPending = false;

  private takeExternalInterrupt(): void {
    const source = this.intrSource;
    if (source === null) return;
    const vector = source.acknowledge() & 0xff;
    this.intrLine = source.pending();
    this.halted = false;
    deliverEvent(this, vector, false, 0, false, this.rip);
  }

  /** Observer of exceptions before IDT delivery (tests, `jos exec`):
   * returning true stops the run with the faulting instruction unexecuted. */
  onException: ((vector: number, errorCode: number) => boolean) | null = null;

  /** The non-canonical data address of the last #GP(0) raised for one, or
   * NaN: deliverFault turns it into #SS(0) for a stack reference. */
  nonCanonicalAddress = NaN;

  /** #GP(0) for a data access at a non-canonical address (slow paths only). */
  nonCanonical(va: number): never {
    this.nonCanonicalAddress = va;
    return this.gp(0);
  }

  private deliverFault(): void {
    const address = this.nonCanonicalAddress;
    this.nonCanonicalAddress = NaN;
    if (address === address && this.excVector === EXC_GP && this.excCode === 0 && isStackReference(this, address)) {
      this.excVector = EXC_SS;
    }
    if (this.onException !== null && this.onException(this.excVector, this.excCode)) {
      this.stopRequested = true;
      return;
    }
    deliverEvent(this, this.excVector, this.excHasCode, this.excCode, false, this.rip);
  }

  /** Raises exception `vector` for the current instruction (never returns). */
  raise(vector: number, hasCode = false, code = 0): never {
    this.excVector = vector;
    this.excHasCode = hasCode;
    this.excCode = code;
    throw FAULT;
  }

  gp(code = 0): never {
    return this.raise(EXC_GP, true, code);
  }

  // ---- flags ----

  getRflags(): number {
    return readFlags(this);
  }

  setRflags(value: number): void {
    this.flags = (value & 0x3f7fd5) | 0x2;
    this.fop = LazyOp.NONE;
  }

  // ---- guest memory (linear addresses as doubles) ----

  read8(va: number): number {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.rdMask) !== 0) {
      const base = this.tlbRam[t];
      if (base >= 0) return this.u8[base + (va - vpn * 4096)];
    }
    return this.readSlow(va, 1);
  }

  read16(va: number): number {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.rdMask) !== 0) {
      const base = this.tlbRam[t];
      const o = va - vpn * 4096;
      if (base >= 0 && o <= 4094) return this.view.getUint16(base + o, true);
    }
    return this.readSlow(va, 2);
  }

  read32(va: number): number {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.rdMask) !== 0) {
      const base = this.tlbRam[t];
      const o = va - vpn * 4096;
      if (base >= 0 && o <= 4092) return this.view.getInt32(base + o, true);
    }
    return this.readSlow(va, 4);
  }

  /** Returns the low half; the high half is left in `hi`. */
  read64(va: number): number {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.rdMask) !== 0) {
      const base = this.tlbRam[t];
      const o = va - vpn * 4096;
      if (base >= 0 && o <= 4088) {
        this.hi = this.view.getInt32(base + o + 4, true);
        return this.view.getInt32(base + o, true);
      }
    }
    const lo = this.readSlow(va, 4);
    this.hi = this.readSlow(va + 4, 4);
    return lo;
  }

  write8(va: number, value: number): void {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.wrMask) !== 0) {
      const base = this.tlbRam[t];
      if (base >= 0) {
        if (this.codePages[base >>> 12] !== 0) this.cache.invalidatePage(base >>> 12);
        this.u8[base + (va - vpn * 4096)] = value;
        return;
      }
    }
    this.writeSlow(va, 1, value);
  }

  write16(va: number, value: number): void {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.wrMask) !== 0) {
      const base = this.tlbRam[t];
      const o = va - vpn * 4096;
      if (base >= 0 && o <= 4094) {
        if (this.codePages[base >>> 12] !== 0) this.cache.invalidatePage(base >>> 12);
        this.view.setUint16(base + o, value, true);
        return;
      }
    }
    this.writeSlow(va, 2, value);
  }

  write32(va: number, value: number): void {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.wrMask) !== 0) {
      const base = this.tlbRam[t];
      const o = va - vpn * 4096;
      if (base >= 0 && o <= 4092) {
        if (this.codePages[base >>> 12] !== 0) this.cache.invalidatePage(base >>> 12);
        this.view.setInt32(base + o, value, true);
        return;
      }
    }
    this.writeSlow(va, 4, value);
  }

  write64(va: number, lo: number, hi: number): void {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.wrMask) !== 0) {
      const base = this.tlbRam[t];
      const o = va - vpn * 4096;
      if (base >= 0 && o <= 4088) {
        if (this.codePages[base >>> 12] !== 0) this.cache.invalidatePage(base >>> 12);
        this.view.setInt32(base + o, lo, true);
        this.view.setInt32(base + o + 4, hi, true);
        return;
      }
    }
    // Both halves must be writable before either is written (no torn store on #PF).
    this.probeWrite(va);
    this.probeWrite(va + 7);
    this.writeSlow(va, 4, lo);
    this.writeSlow(va + 4, 4, hi);
  }

  /** Told of every data access to a page in mmu.watchedPages (a debugger's
   * read and access watchpoints: host/gdb); null when none is watched. */
  accessObserver: ((va: number, size: number, write: boolean) => void) | null = null;

  /** Watch data accesses to these virtual pages (none: stop watching):
   * their TLB entries send every access through readSlow/writeSlow. */
  watchAccesses(pages: ReadonlySet<number> | null, observer: ((va: number, size: number, write: boolean) => void) | null): void {
    this.mmu.watchedPages = pages !== null && pages.size !== 0 ? pages : null;
    this.accessObserver = this.mmu.watchedPages !== null ? observer : null;
    this.mmu.flush();
  }

  /** Faults as a write at `va` would (#PF, non-canonical) without writing:
   * a TLB hit with write permission needs no page walk. Multi-part stores
   * probe both ends first so a fault leaves memory untouched. */
  probeWrite(va: number): void {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & L_TLB_MASK;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & this.wrMask) !== 0) return;
    this.mmu.translate(va, 1);
  }

  /** Byte-wise access through translate(): page crossings, MMIO, misses. */
  readSlow(va: number, size: number): number {
    if (this.accessObserver !== null) this.accessObserver(va, size, false);
    if (!isCanonical(va) || !isCanonical(va + size - 1)) this.nonCanonical(isCanonical(va) ? va + size - 1 : va);
    const off = va - Math.floor(va * (1 / 4096)) * 4096;
    if (off + size <= 4096) {
      const phys = this.mmu.translate(va, 0);
      const ram = this.bus.ramOffset(phys);
      if (ram >= 0 && this.bus.ramSpan(phys) >= size) {
        if (size === 1) return this.u8[ram];
        if (size === 2) return this.view.getUint16(ram, true);
        return this.view.getInt32(ram, true);
      }
      const v = this.bus.read(phys, size as 1 | 2 | 4);
      return size === 4 ? v | 0 : v;
    }
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = (value << 8) | this.readSlow(va + i, 1);
    return size === 4 ? value | 0 : value;
  }

  writeSlow(va: number, size: number, value: number): void {
    if (this.accessObserver !== null) this.accessObserver(va, size, true);
    if (!isCanonical(va) || !isCanonical(va + size - 1)) this.nonCanonical(isCanonical(va) ? va + size - 1 : va);
    const off = va - Math.floor(va * (1 / 4096)) * 4096;
    if (off + size <= 4096) {
      const phys = this.mmu.translate(va, 1);
      this.bus.write(phys, size as 1 | 2 | 4, value);
      return;
    }
    // Check both pages first so a fault leaves memory untouched.
    this.mmu.translate(va, 1);
    this.mmu.translate(va + size - 1, 1);
    for (let i = 0; i < size; i++) this.writeSlow(va + i, 1, (value >>> (8 * i)) & 0xff);
  }

  /** Reads at CPL 0 privileges (descriptor tables, TSS, interrupt frames). */
  withSupervisor<T>(fn: () => T): T {
    const m = this.mmu;
    const rd = m.rdMask;
    const wr = m.wrMask;
    const user = m.userAccess;
    const rdPage = this.rdPage;
    const wrPage = this.wrPage;
    m.rdMask = P_READ_S;
    m.wrMask = P_WRITE_S;
    m.userAccess = false;
    this.rdMask = P_READ_S;
    this.wrMask = P_WRITE_S;
    this.rdPage = m.ramReadS;
    this.wrPage = m.ramWriteS;
    try {
      return fn();
    } finally {
      m.rdMask = rd;
      m.wrMask = wr;
      m.userAccess = user;
      this.rdMask = rd;
      this.wrMask = wr;
      this.rdPage = rdPage;
      this.wrPage = wrPage;
    }
  }

  /** Changes the current privilege level (and the TLB permission masks). */
  setCpl(cpl: number): void {
    if (cpl !== this.cpl) this.chainGen++;
    this.cpl = cpl;
    const m = this.mmu;
    m.userAccess = cpl === 3;
    m.rdMask = cpl === 3 ? P_READ_U : P_READ_S;
    m.wrMask = cpl === 3 ? P_WRITE_U : P_WRITE_S;
    this.rdMask = m.rdMask;
    this.wrMask = m.wrMask;
    this.rdPage = cpl === 3 ? m.ramReadU : m.ramReadS;
    this.wrPage = cpl === 3 ? m.ramWriteU : m.ramWriteS;
  }

  // ---- register API for the kernel, the firmware and tests ----

  getGpr(n: number): bigint {
    return (BigInt(this.rh[n] >>> 0) << 32n) | BigInt(this.rl[n] >>> 0);
  }

  setGpr(n: number, value: bigint): void {
    this.rl[n] = Number(value & 0xffffffffn) | 0;
    this.rh[n] = Number((value >> 32n) & 0xffffffffn) | 0;
  }

  /** A GPR as a signed double (exact for addresses and small values). */
  getGprNumber(n: number): number {
    return joinHalves(this.rl[n], this.rh[n]);
  }

  setGprNumber(n: number, value: number): void {
    this.rl[n] = value | 0;
    this.rh[n] = Math.floor(value / TWO32) | 0;
  }

  /** Fault check helper for instruction handlers. */
  pageFault(va: number, code: number): never {
    this.cr2 = va;
    return this.raise(EXC_PF, true, code);
  }
}

export function hex64(value: number): string {
  if (value < 0) return '0x' + (BigInt(Math.round(value)) & 0xffffffffffffffffn).toString(16);
  return '0x' + value.toString(16);
}

export { TripleFault };
