/**
 * The wasm backend's per-core runtime: the core-area words compiled
 * regions share with it (the lazy-flag block and a few slots), the
 * imports regions call (the interpreter's handlers, the core's read and
 * write paths, ea(), the between-block check, conditions, #GP), and the
 * wrapper that gives a region the JIT tier's BlockFn contract.
 *
 * Flags: the lazy-flag fields (X86Core.fop ... flags) are JavaScript
 * fields the interpreter reads as plain properties. While a region runs,
 * the flag block in the core area is their truth: the wrapper copies them
 * in at entry and out at every exit (a fault's too), a handler call out
 * and back around the handler.
 *
 * Exactness: every import that may throw is told the index `k` of the
 * instruction making it and `ret`, the instructions retired before its
 * block; it sets core.retired and core.rip as the JavaScript tier has
 * them there (the block's first RIP, the count at the block's start), and
 * on a fault the wrapper publishes the faulting instruction's RIP and
 * retired count, as the interpreter's catch does.
 */
import type { X86Core } from '../core';
import { WASM_SCRATCH_DOUBLES } from './scratch';
import { HANDLERS } from '../handlers';
import type { BlockFn, JitLinks } from '../jit/emitter';
import { ea } from '../operands';
import { CONDITIONS } from '../ops/fast-control';
import { CoreLayout, FF, Slot } from './emitter';
import type { RegionTables } from './region';
import { WasmProfile, newProfile, sizeCode } from './profile';

/** A region may retire at most this many instructions per call. */
const MAX_ROOM = 0x3fff_ffff;

/** The region's exported function. */
export type RegionRun = (ip: number, room: number, hs: number, rdTags: number, wrTags: number) => number;

export class WasmRuntime {
  readonly layout: CoreLayout;
  readonly memoryPages: number;
  /** The flag block (FF) and the slots (Slot). */
  readonly f: Float64Array;
  readonly slots: Int32Array;
  /** The current region call: its first RIP, retired at entry, chain
   * generation at entry; the instruction index and block-start count the
   * last import was given (the catch path's figures). */
  ip = 0;
  entry = 0;
  gen = 0;
  k = 0;
  ret = 0;
  /** JOS_WASM_PROFILE set: handler calls per opcode-table row, and calls
   * of the other imports (printed at exit: wasm/profile.ts). */
  readonly profile: WasmProfile | null = process.env.JOS_WASM_PROFILE ? newProfile() : null;
  /** A handler is running: the core's flag fields are the truth. */
  private inHandler = false;
  /** Regions compiled, and their instructions inline / through handlers. */
  compiledRegions = 0;
  lowered = 0;
  handled = 0;

  constructor(readonly core: X86Core) {
    const scratch = core.wasmScratch;
    if (FF.COUNT + Slot.COUNT / 2 > WASM_SCRATCH_DOUBLES) throw new Error('wasm runtime: core.wasmScratch is too small');
    this.f = scratch.subarray(0, FF.COUNT);
    this.slots = new Int32Array(scratch.buffer, scratch.byteOffset + 8 * FF.COUNT, Slot.COUNT);
    this.layout = {
      rl: core.rl.byteOffset,
      rh: core.rh.byteOffset,
      tlbRam: core.tlbRam.byteOffset,
      codePages: core.codePages.byteOffset,
      flags: this.f.byteOffset,
      slots: this.slots.byteOffset,
    };
    this.memoryPages = core.bus.memory.buffer.byteLength / 65536;
  }

  /** Core fields into the flag block. */
  flagsIn(): void {
    const c = this.core;
    const f = this.f;
    f[FF.FOP] = c.fop;
    f[FF.FSZ] = c.fsz;
    f[FF.FRES] = c.fres;
    f[FF.FRESH] = c.fresH;
    f[FF.FA] = c.fa;
    f[FF.FAH] = c.faH;
    f[FF.FB] = c.fb;
    f[FF.FBH] = c.fbH;
    f[FF.FCIN] = c.fcin;
    f[FF.FCF] = c.fcf;
    f[FF.FOF] = c.fof;
    f[FF.FAF] = c.faf;
    f[FF.FLAGS] = c.flags;
  }

  /** The flag block into the core's fields. */
  flagsOut(): void {
    const c = this.core;
    const f = this.f;
    c.fop = f[FF.FOP];
    c.fsz = f[FF.FSZ];
    c.fres = f[FF.FRES];
    c.fresH = f[FF.FRESH];
    c.fa = f[FF.FA];
    c.faH = f[FF.FAH];
    c.fb = f[FF.FB];
    c.fbH = f[FF.FBH];
    c.fcin = f[FF.FCIN];
    c.fcf = f[FF.FCF];
    c.fof = f[FF.FOF];
    c.faf = f[FF.FAF];
    c.flags = f[FF.FLAGS];
  }

  /** The imports of a region with these tables. */
  imports(t: RegionTables, memory: WebAssembly.Memory): WebAssembly.Imports {
    const c = this.core;
    const d = c.d;
    const slots = this.slots;
    const f = this.f;
    const { blockOff, nextOff } = t;
    const p = this.profile;
    /** What every import that may throw does first. */
    const at = (k: number, ret: number): void => {
      this.k = k;
      this.ret = ret;
      c.retired = this.entry + ret;
      c.rip = this.ip + blockOff[k];
    };
    return {
      rt: {
        memory,
        handler: (slot: number, k: number, ret: number): number => {
          at(k, ret);
          c.nextRip = this.ip + nextOff[k];
          if (p !== null) p.handlers[d.entry[slot] * 4 + sizeCode(d.osz[slot])]++;
          this.flagsOut();
          this.inHandler = true;
          HANDLERS[d.op[slot]](c, slot);
          this.inHandler = false;
          this.flagsIn();
          f[FF.NEXT_RIP] = c.nextRip;
          return c.brk ? 1 : 0;
        },
        read: (a: number, size: number, k: number, ret: number): number => {
          at(k, ret);
          if (p !== null) p.imports[1]++;
          if (size === 1) return c.read8(a);
          if (size === 2) return c.read16(a);
          if (size === 4) return c.read32(a);
          const lo = c.read64(a);
          slots[Slot.HI] = c.hi;
          return lo;
        },
        write: (a: number, size: number, lo: number, hi: number, k: number, ret: number): number => {
          at(k, ret);
          if (p !== null) p.imports[2]++;
          if (size === 1) c.write8(a, lo & 0xff);
          else if (size === 2) c.write16(a, lo & 0xffff);
          else if (size === 4) c.write32(a, lo);
          else c.write64(a, lo, hi);
          return c.brk ? 1 : 0;
        },
        ea: (slot: number, k: number, ret: number): number => {
          at(k, ret);
          if (p !== null) p.imports[3]++;
          c.nextRip = this.ip + nextOff[k];
          return ea(c, slot);
        },
        mayLoop: (ret: number): number => {
          if (p !== null) p.imports[4]++;
          c.retired = this.entry + ret;
          return c.jitMayLoop(this.gen) ? 1 : 0;
        },
        cond: (cc: number): number => {
          if (p !== null) p.imports[5]++;
          this.flagsOut();
          return CONDITIONS[cc](c) ? 1 : 0;
        },
        gp: (k: number, ret: number): void => {
          at(k, ret);
          c.gp(0);
        },
      },
    };
  }

  /** The BlockFn of a region's `run` (tables: its instruction offsets). */
  wrap(run: RegionRun, t: RegionTables, links: JitLinks): BlockFn {
    const region: Region = { run, ripOff: t.ripOff, before: t.before, linkRip: NaN, linkGen: -1, linkId: 0, linkFn: null, linkRegion: null };
    const fn = ((c: X86Core): BlockFn | null => this.enter(c, region, links)) as WasmBlockFn;
    fn.region = region;
    return fn;
  }

  /** Runs region `first`, then the wasm regions it links to (the flag
   * block stays the truth in between: no copies); returns the next
   * compiled function when it could link to one of the other backend. */
  private enter(c: X86Core, first: Region, links: JitLinks): BlockFn | null {
    const slots = this.slots;
    const fns = links.fns;
    let r = first;
    this.flagsIn();
    for (;;) {
      const ip = c.rip;
      if (this.profile !== null) this.profile.imports[0]++;
      this.ip = ip;
      this.entry = c.retired;
      this.gen = c.chainGen;
      this.k = 0;
      this.ret = 0;
      const left = c.runTarget - c.retired;
      const room = left > MAX_ROOM ? MAX_ROOM : left;
      const hs = c.cpl === 0 && c.hostEntryCount !== 0 ? 1 : 0;
      let nx: number;
      try {
        nx = r.run(ip, room, hs, c.rdPage.byteOffset, c.wrPage.byteOffset);
      } catch (err) {
        if (this.inHandler) this.inHandler = false;
        else this.flagsOut();
        c.rip = ip + r.ripOff[this.k];
        c.retired = this.entry + this.ret + r.before[this.k];
        throw err;
      }
      c.rip = nx;
      c.retired = this.entry + slots[Slot.RETIRED];
      if (slots[Slot.LINK] === 0) break;
      let f: BlockFn | null;
      let next: Region | null;
      if (nx === r.linkRip && r.linkGen === c.chainGen && fns[r.linkId] === r.linkFn) {
        f = r.linkFn;
        next = r.linkRegion;
      } else {
        f = links.next(c, nx);
        if (f === null) break;
        next = (f as WasmBlockFn).region ?? null;
        r.linkRip = nx;
        r.linkGen = c.chainGen;
        r.linkId = links.nextId;
        r.linkFn = f;
        r.linkRegion = next;
      }
      if (next === null) {
        this.flagsOut();
        return f;
      }
      r = next;
    }
    this.flagsOut();
    return null;
  }
}

/** One compiled region: its function, its tables for the fault path, and
 * its link (the compiled function of the block it left to last, valid
 * while the chain generation and that block's function are the same). */
interface Region {
  run: RegionRun;
  ripOff: Float64Array;
  before: Int32Array;
  linkRip: number;
  linkGen: number;
  linkId: number;
  linkFn: BlockFn | null;
  linkRegion: Region | null;
}

/** A wasm region's BlockFn, with its region (a link to it runs it in the
 * same runtime loop). */
type WasmBlockFn = BlockFn & { region?: Region };

const runtimes = new WeakMap<X86Core, WasmRuntime>();

/** The core's runtime, made at its first wasm compile. */
export function runtimeOf(core: X86Core): WasmRuntime {
  let rt = runtimes.get(core);
  if (rt === undefined) {
    rt = new WasmRuntime(core);
    runtimes.set(core, rt);
  }
  return rt;
}

/** The core's runtime if it compiled a region to wasm (tests, stats). */
export function existingRuntime(core: X86Core): WasmRuntime | undefined {
  return runtimes.get(core);
}
