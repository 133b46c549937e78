/**
 * The wasm backend's per-core runtime: the imports compiled regions call
 * (the core's slow load and store, slowOp, trap entry, rebuild), the bus's
 * scratch words they share with it (status, jump target, retired count),
 * and the wrapper that gives a region the JIT tier's
 * CompiledBlock signature.
 *
 * Exactness: a region passes each call out the retired count of the
 * instruction making it; the import sets `core.retired` to the count at
 * the region's entry plus that, as the interpreter would have it. When the
 * core takes a trap the import sets the status word, the region writes its
 * registers back and returns, and the wrapper returns the handler's pc
 * (retired is then the count before the faulting instruction).
 */
import type { RiscvCore } from '../core';
import type { CompiledBlock, JitContext } from '../jit';
import { FuncType, I32 } from '../../wasm/encoder';
import { RegionLinks } from './links';
import { IMPORT_ARITY } from './templates';

/** The region flag HOSTS (region.ts). */
const HOSTS = 2;
/** A region may retire at most this many instructions per call (room is
 * an i32 inside; the run loop's limits are far beyond it). */
const MAX_ROOM = 0x3fff_ffff;

/** The one type of every import (load, store, slow, raise, rebuild):
 * IMPORT_ARITY i32s to one i32, each call padding its arguments with
 * zeros (templates.ts's importCall). V8 (Node 20) compiles a wasm-to-JS
 * wrapper per distinct import signature in every module it instantiates:
 * one signature instead of four saves most of that, about 0.7 ms of CPU
 * per region compiled (300 distinct modules: 1.1 ms with 7 signatures,
 * 0.35 ms with one). The shared JS functions declare all IMPORT_ARITY
 * parameters, so V8 calls them without adapting the argument count
 * (rebuild, called rarely, does not). */
export const IMPORT_TYPE: FuncType = { params: new Array(IMPORT_ARITY).fill(I32), results: [I32] };

const STATUS = 0;
const JUMP = 1;
const COUNT = 2;

export class WasmRuntime {
  readonly core: RiscvCore;
  readonly slowOp: JitContext['slowOp'];
  readonly slowTrap: number;
  readonly slowJump: number;
  /** STATUS (non-zero: a trap was taken), JUMP (pc after a slowOp jump),
   * COUNT (instructions retired by the last region call). */
  readonly slots: Int32Array;
  readonly statusAddress: number;
  readonly jumpAddress: number;
  readonly countAddress: number;
  readonly memoryPages: number;
  /** `retired` at the current region call's entry. */
  entry = 0;
  /** Regions compiled (stats and tests). */
  compiledRegions = 0;
  /** Calls of regions from the run loop (stats and tests; links between
   * regions are not counted). */
  entries = 0;
  /** The table and index regions link through (links.ts). */
  readonly links: RegionLinks;
  /** The imports every region shares (rebuild is per region, the table
   * the links' current one). */
  readonly shared: Record<string, WebAssembly.ImportValue>;

  constructor(ctx: JitContext) {
    const core = ctx.core;
    this.core = core;
    this.slowOp = ctx.slowOp;
    this.slowTrap = ctx.slowTrap;
    this.slowJump = ctx.slowJump;
    this.slots = core.bus.scratchWords;
    this.statusAddress = this.slots.byteOffset + 4 * STATUS;
    this.jumpAddress = this.slots.byteOffset + 4 * JUMP;
    this.countAddress = this.slots.byteOffset + 4 * COUNT;
    this.memoryPages = core.bus.ram.byteLength / 65536;
    this.links = new RegionLinks(core);
    const slots = this.slots;
    const slowOp = ctx.slowOp;
    const slowTrap = ctx.slowTrap;
    const slowJump = ctx.slowJump;
    this.shared = {
      memory: core.bus.memory,
      load: (a: number, mop: number, pc: number, count: number, _pad4: number, _pad5: number, _pad6: number) => {
        core.retired = this.entry + count;
        const v = core.load(a, mop & 7, (mop & 8) !== 0, pc);
        if (core.trapTaken) slots[STATUS] = 1;
        return v | 0;
      },
      store: (a: number, size: number, value: number, pc: number, count: number, _pad5: number, _pad6: number) => {
        core.retired = this.entry + count;
        core.store(a, size, value, pc);
        if (!core.trapTaken) return 0;
        slots[STATUS] = 1;
        return 1;
      },
      slow: (op: number, rd: number, rs1: number, rs2: number, imm: number, pc: number, count: number) => {
        core.retired = this.entry + count;
        const t = slowOp(core, op, rd, rs1, rs2, imm, pc);
        if (t === slowTrap) slots[STATUS] = 1;
        else if (t === slowJump) slots[JUMP] = core.pcReg;
        return t;
      },
      raise: (cause: number, tval: number, epc: number, count: number, _pad4: number, _pad5: number, _pad6: number) => {
        core.retired = this.entry + count;
        core.raiseException(cause, tval, epc);
        slots[STATUS] = 1;
        return 0;
      },
    };
  }

  /** The CompiledBlock for a region's `run` (region.ts's RegionRun). */
  wrap(run: (pc: number, n: number, room: number, dctx: number, fctx: number, flags: number) => number): CompiledBlock {
    const core = this.core;
    const mmu = core.mmu;
    const slots = this.slots;
    const links = this.links;
    const keys = core.cache.key;
    return (pc: number, retired: number, limit: number): number => {
      const left = limit - retired;
      const room = left > MAX_ROOM ? MAX_ROOM : left;
      const flags = core.hostEntryCount !== 0 ? HOSTS : 0;
      this.entry = retired;
      this.entries++;
      // The run loop set lastBlock to the block it calls.
      const b = core.lastBlock;
      links.relink(b, keys[b]);
      const next = run(pc, 0, room, mmu.dataCtx, mmu.fetchCtx, flags);
      if (slots[STATUS] !== 0) {
        slots[STATUS] = 0;
        return core.pcReg;
      }
      core.retired = retired + slots[COUNT];
      return next;
    };
  }
}

/** The import object of one region. */
export function runtimeImports(rt: WasmRuntime, rebuild: () => void): WebAssembly.Imports {
  return { rt: { ...rt.shared, table: rt.links.table, rebuild } };
}

const runtimes = new WeakMap<RiscvCore, WasmRuntime>();

/** The core's runtime, made at its first wasm compile. */
export function runtimeOf(ctx: JitContext): WasmRuntime {
  let rt = runtimes.get(ctx.core);
  if (rt === undefined) {
    rt = new WasmRuntime(ctx);
    runtimes.set(ctx.core, rt);
  }
  return rt;
}

/** The core's runtime if it compiled a region to wasm (tests, stats). */
export function existingRuntime(core: RiscvCore): WasmRuntime | undefined {
  return runtimes.get(core);
}
