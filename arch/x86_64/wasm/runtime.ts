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
import { Linkable, RegionLinks, linkGen } from './links';

/** A region may retire at most this many instructions per call. */
const MAX_ROOM = 0x3fff_ffff;

/** The region's exported function (region.ts). */
export type RegionRun = (ip: number, n: number, room: number, hs: number, rdTags: number, wrTags: number, gen: number) => number;

export class WasmRuntime {
  readonly layout: CoreLayout;
  readonly memoryPages: number;
  /** The flag block (FF) and the slots (Slot). */
  readonly f: Float64Array;
  readonly slots: Int32Array;
  /** The current call from the runtime: retired at entry, chain
   * generation at entry; the tables of the region, the instruction index
   * and the block-start count the last import was given (the catch path's
   * figures; the region's first RIP is in the flag block's IP field). */
  entry = 0;
  gen = 0;
  t: RegionTables | null = null;
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
  /** Region calls from the runtime's loop (links inside wasm are not
   * counted: stats and tests). */
  entries = 0;
  /** The table and index regions link through (links.ts). */
  readonly links: RegionLinks;

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
      links: 0,
      xmm: core.xmm.byteOffset,
      sseOff: core.sseOff.byteOffset,
    };
    this.memoryPages = core.bus.memory.buffer.byteLength / 65536;
    this.links = new RegionLinks(core, (fn) => (fn as WasmBlockFn).region ?? null);
    this.layout.links = this.links.indexAddress;
    if (core.jit !== null) core.jit.codeListener = this.links;
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
      this.t = t;
      this.k = k;
      this.ret = ret;
      c.retired = this.entry + ret;
      c.rip = f[FF.IP] + blockOff[k];
    };
    return {
      rt: {
        memory,
        table: this.links.table,
        handler: (slot: number, k: number, ret: number): number => {
          at(k, ret);
          c.nextRip = f[FF.IP] + nextOff[k];
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
          c.nextRip = f[FF.IP] + nextOff[k];
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

  /** The BlockFn of a region's `run` (tables: its instruction offsets),
   * with a table element for links to it. */
  wrap(run: RegionRun, t: RegionTables, links: JitLinks): BlockFn {
    const region: Region = { run, element: -1 };
    this.links.add(run, region);
    const fn = ((c: X86Core): BlockFn | null => this.enter(c, region, links)) as WasmBlockFn;
    fn.region = region;
    return fn;
  }

  /** Runs region `first` and the regions it links to (inside wasm); when
   * the last one leaves for a RIP its links did not know, looks it up
   * (JitLinks.next), remembers it in the links' index and runs the region
   * there in the same loop (the flag block stays the truth in between: no
   * copies); returns the next compiled function when it could link to one
   * of the other backend. */
  private enter(c: X86Core, first: Region, links: JitLinks): BlockFn | null {
    const slots = this.slots;
    const p = this.profile;
    let r = first;
    if (this.links.kept !== 0) this.links.resume();
    this.flagsIn();
    for (;;) {
      const ip = c.rip;
      this.entries++;
      if (p !== null) p.imports[0]++;
      this.entry = c.retired;
      this.gen = c.chainGen;
      this.t = null;
      this.k = 0;
      this.ret = 0;
      const left = c.runTarget - c.retired;
      const room = left > MAX_ROOM ? MAX_ROOM : left;
      const hs = c.cpl === 0 && c.hostEntryCount !== 0 ? 1 : 0;
      let nx: number;
      try {
        nx = r.run(ip, 0, room, hs, c.rdPage.byteOffset, c.wrPage.byteOffset, linkGen(this.gen));
      } catch (err) {
        if (this.inHandler) this.inHandler = false;
        else this.flagsOut();
        const t = this.t as RegionTables | null;
        if (t !== null) {
          c.rip = this.f[FF.IP] + t.ripOff[this.k];
          c.retired = this.entry + this.ret + t.before[this.k];
        }
        this.countLinks();
        throw err;
      }
      c.rip = nx;
      c.retired = this.entry + slots[Slot.RETIRED];
      if (p !== null) p.imports[11] += slots[Slot.RETIRED];
      if (slots[Slot.LINK] === 0) {
        if (p !== null) p.imports[7]++;
        break;
      }
      const f = links.next(c, nx);
      if (f === null) {
        if (p !== null) p.imports[links.nextId < 0 ? 8 : 9]++;
        // A block no region heads (a return site, mostly): its run costs
        // this trip out too, so it compiles sooner (JitTier.exited).
        if (links.nextId >= 0) c.jit!.exited(links.nextId);
        break;
      }
      if (p !== null) p.imports[10]++;
      const next = (f as WasmBlockFn).region;
      if (next === undefined) {
        this.flagsOut();
        this.countLinks();
        return f;
      }
      this.links.remember(nx, c.chainGen, next);
      r = next;
    }
    this.flagsOut();
    this.countLinks();
    return null;
  }

  /** JOS_WASM_PROFILE: the links taken inside wasm into the profile. */
  private countLinks(): void {
    if (this.profile === null) return;
    this.profile.imports[6] += this.slots[Slot.LINKS];
    this.slots[Slot.LINKS] = 0;
  }
}

/** One compiled region: its function and its table element (links.ts;
 * -1 once dropped). */
interface Region extends Linkable {
  run: RegionRun;
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
