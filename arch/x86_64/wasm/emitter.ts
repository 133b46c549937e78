/**
 * The x86_64 wasm backend's emitter: the API every lowering writes
 * against (wasm/lowerings.ts, and the generated families' gen/wasm-*.ts).
 * A lowering is `(e, slot) => boolean`: it emits the WebAssembly code of
 * the instruction at `slot` and returns true, or returns false having
 * emitted nothing, and the instruction calls its interpreter handler
 * (`callHandler`: correct for every opcode-table row).
 *
 * What the code may assume and must keep (docs/cores/x86_64.md, "The wasm
 * backend"):
 * - Guest registers are i64 locals (`getReg`/`setReg`; the region loads
 *   the ones it uses at entry and writes the ones it wrote back at every
 *   exit and around every call out). Sized helpers (`getRegN`, `setRegN`)
 *   give x86's partial-register rules: a 4-byte write zero-extends, 1 and
 *   2 merge, byte registers 16..19 are AH, CH, DH, BH.
 * - Memory goes through `addr`, `load`, `store`: the TLB hit inline, the
 *   core's read/write paths through an import otherwise, with the exact
 *   fault (the import is told the instruction's index).
 * - The lazy flags are written with `lazyFlags` (or `flagField` for the
 *   rarer kinds) exactly as the interpreter writes them (flags.ts); a flag
 *   write that a later one of the same block overwrites before anything
 *   can observe it is removed (nops). `flags` records the operand locals
 *   of the last flag-setting lowering of the block, for `condition`.
 * - Control flow: a lowering of a block's last instruction leaves the
 *   next RIP in the `nx` local (`setNextRip`, `branch`); otherwise the
 *   region computes the fall-through.
 * - Temporaries come from `tmp` (a pool reset per instruction).
 */
import { Code, F64, I32, I64, W } from '../../wasm/encoder';
import { AM_BASE, AM_BASE_INDEX, AM_RIP, Decoded, NO_REG, PFX_ASZ } from '../decoded';
import { LazyOp } from '../flags';
import type { RegionBlock } from '../jit/region';
import { TLB_MASK } from '../mmu';
import { CONDITIONS_BY_CC } from '../gen/conditions';
import { wasmCondition } from '../gen/wasm-lower';

/** Import function indices (region.ts declares them in this order). */
export const enum Imp {
  /** handler(slot, k, ret) -> brk */
  HANDLER = 0,
  /** read(addr f64, size, k, ret) -> low word (the high word of an 8-byte
   * read in the HI slot) */
  READ = 1,
  /** write(addr f64, size, lo, hi, k, ret) -> brk */
  WRITE = 2,
  /** ea(slot, k, ret) -> the operand's linear address (operands.ts ea) */
  EA = 3,
  /** mayLoop(ret) -> whether the region may run its next block */
  MAY_LOOP = 4,
  /** cond(cc, k) -> the condition from the lazy flag fields */
  COND = 5,
  /** gp(k, ret): #GP(0) at instruction k (never returns) */
  GP = 6,
}

/** Function index of the module's own condition-from-fields function
 * (wasm/cond-fields.ts; region.ts defines it after `run`, index 7). */
export const COND_FIELDS = 8;

/** Fields of the lazy-flag block (f64 each, in the core area): the
 * X86Core fields of the same names, copied in and out by the runtime. */
export const enum FF {
  FOP = 0, FSZ, FRES, FRESH, FA, FAH, FB, FBH, FCIN, FCF, FOF, FAF, FLAGS,
  /** Not a flag: c.nextRip after a handler call. */
  NEXT_RIP,
  /** Not a flag: the running region's first RIP (it stores it at entry;
   * the imports compute RIPs from it). */
  IP,
  COUNT,
}

/** i32 slots of the runtime (core area). */
export const enum Slot {
  /** High word of the last 8-byte slow read. */
  HI = 0,
  /** Instructions the region retired (at its exit). */
  RETIRED = 1,
  /** Non-zero: the region left through a block's checks, for a RIP its
   * links did not know (the runtime may link). */
  LINK = 2,
  /** Links taken inside wasm (counted only under JOS_WASM_PROFILE). */
  LINKS = 3,
  COUNT = 4,
}

/** Byte addresses in the wasm memory of what compiled code reads. */
export interface CoreLayout {
  rl: number;
  rh: number;
  tlbRam: number;
  codePages: number;
  flags: number;
  slots: number;
  /** The links' index (links.ts). */
  links: number;
  /** core.xmm (16 bytes per register) and core.sseOff (core.ts). */
  xmm: number;
  sseOff: number;
}

/** A lowering: emits the instruction at `slot` and returns true, or
 * returns false with nothing emitted (the handler is called). */
export type Lowering = (e: WasmEmitter, slot: number) => boolean;

/** What the last flag-setting lowering of the block left in locals (i64
 * each, the operation's values at its size, zero-extended). */
export interface FlagLocals {
  /** 'sub' (sub/cmp: a - b), 'logic' (and/or/xor/test: CF = OF = 0),
   * 'zs' (add, inc, dec: only ZF and SF from r are used). */
  kind: 'sub' | 'logic' | 'zs';
  size: 1 | 2 | 4 | 8;
  a: number;
  b: number;
  r: number;
}

/** Parameters of the region's function `run(ip, n, room, hs, rdTags,
 * wrTags, gen) -> f64` (region.ts). */
export const P_IP = 0;
export const P_N = 1;
export const P_ROOM = 2;
export const P_HS = 3;
export const P_RD = 4;
export const P_WR = 5;
export const P_GEN = 6;
export const PARAMS = 7;

const CANON = 140737488355328;

/** A marker where the register spill or reload is spliced in once every
 * block is emitted (the registers used are known only then): a call of
 * the module's spill or reload function (region.ts), or with `inline`
 * the stores themselves (the region's exit, taken at every link). */
export interface Patch {
  at: number;
  reload: boolean;
  inline?: boolean;
}

export class WasmEmitter {
  /** The body (after the prologue); locals are declared on `fn`. */
  readonly code: Code;
  /** The current instruction: its index in the region, in its block, its
   * slot, and the offsets of its first byte and of the next instruction
   * from the region's first byte; `last`: the block's last instruction. */
  k = 0;
  kb = 0;
  slot = 0;
  off = 0;
  next = 0;
  last = false;
  /** Set by the last instruction of a block when it left the next RIP in `nx`. */
  nxSet = false;
  /** Set by `branch` as a block's last instruction: the i32 local that
   * holds 1 when the branch was taken (nx its target, `takenTarget`),
   * 0 when not (nx the next instruction's RIP); -1 otherwise. The region
   * picks the successor block from it without comparing RIPs. */
  taken = -1;
  takenTarget = 0;
  flags: FlagLocals | null = null;
  /** Page offset of the region's first byte (branch targets in the same
   * page need no canonical check). */
  readonly pageOff: number;

  /** Locals: next RIP (f64), retired before the current block (since
   * the runtime's call: linked regions pass it on), called out since the
   * last block boundary, brk from the last call, and whether the region
   * leaves through a block's checks (it may link). */
  readonly nx: number;
  readonly ret: number;
  readonly so: number;
  readonly bk: number;
  readonly lk: number;
  /** `taken`'s local. */
  private readonly tk: number;
  /** The flag locals a lowering's `lazyFlags` copies into (the fused
   * conditions read them). */
  private readonly fa: number;
  private readonly fb: number;
  private readonly fr: number;
  private readonly regLocals = new Int32Array(16).fill(-1);
  /** Registers written anywhere in the region. */
  readonly written = new Set<number>();
  readonly patches: Patch[] = [];
  /** Byte ranges of the body (start, end pairs, in order) made nops by
   * flagEnd: the function leaves them out (region.ts). */
  readonly dead: number[] = [];
  private readonly pool = new Map<number, number[]>();
  private readonly used = new Map<number, number>();
  /** Nesting depth inside the body, and the depth of the exit block's label. */
  depth = 0;
  exitDepth = 0;
  /** The memory operand's address local of the current instruction (made
   * once by `addr`). */
  private eaLocal = -1;
  private pendingFlags: [number, number] | null = null;

  constructor(readonly fn: Code, readonly d: Decoded, readonly blocks: readonly RegionBlock[], readonly at: CoreLayout, pageOff: number) {
    this.code = new Code(PARAMS);
    this.pageOff = pageOff;
    this.nx = fn.local(F64);
    this.ret = fn.local(I32);
    this.so = fn.local(I32);
    this.bk = fn.local(I32);
    this.lk = fn.local(I32);
    this.tk = fn.local(I32);
    this.fa = fn.local(I64);
    this.fb = fn.local(I64);
    this.fr = fn.local(I64);
  }

  // ---- structure ----

  /** block / loop / if (tracked for branch depths). */
  begin(op: W.BLOCK | W.LOOP | W.IF, type?: number): this {
    this.code.begin(op, type);
    this.depth++;
    return this;
  }

  else(): this {
    this.code.op(W.ELSE);
    return this;
  }

  end(): this {
    this.code.end();
    this.depth--;
    return this;
  }

  /** A temporary local of type `t`, free again after the instruction. */
  tmp(t: typeof I32 | typeof I64 | typeof F64 = I64): number {
    const free = this.pool.get(t) ?? [];
    const n = this.used.get(t) ?? 0;
    if (n >= free.length) free.push(this.fn.local(t));
    this.pool.set(t, free);
    this.used.set(t, n + 1);
    return free[n];
  }

  /** Starts instruction k (region.ts). */
  startInstruction(k: number, kb: number, slot: number, off: number, next: number, last: boolean): void {
    this.k = k;
    this.kb = kb;
    this.slot = slot;
    this.off = off;
    this.next = next;
    this.last = last;
    this.nxSet = false;
    this.taken = -1;
    this.eaLocal = -1;
    this.used.clear();
  }

  // ---- registers ----

  /** The i64 local of guest register n (0..15). */
  reg(n: number): number {
    let l = this.regLocals[n];
    if (l < 0) {
      l = this.fn.local(I64);
      this.regLocals[n] = l;
    }
    return l;
  }

  /** Registers the region uses, with their locals. */
  usedRegs(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let n = 0; n < 16; n++) if (this.regLocals[n] >= 0) out.push([n, this.regLocals[n]]);
    return out;
  }

  /** Pushes register n (i64). */
  getReg(n: number): this {
    this.code.get(this.reg(n));
    return this;
  }

  /** Pops an i64 into register n. */
  setReg(n: number): this {
    this.written.add(n);
    this.code.set(this.reg(n));
    return this;
  }

  /** Pushes register r at `size` bytes, zero-extended to i64 (size 1:
   * r 16..19 are AH..BH). */
  getRegN(r: number, size: number): this {
    const c = this.code;
    if (size === 8) return this.getReg(r);
    if (size === 1 && r >= 16) {
      c.get(this.reg(r - 16)).i64(8).op(W.I64_SHR_U).i64(0xff).op(W.I64_AND);
      return this;
    }
    c.get(this.reg(r));
    if (size === 4) c.i64(0xffffffff).op(W.I64_AND);
    else c.i64(size === 2 ? 0xffff : 0xff).op(W.I64_AND);
    return this;
  }

  /** Pops an i64 and writes its low `size` bytes to register r as x86
   * does: 8 whole, 4 zero-extended, 2 and 1 merged (r 16..19: AH..BH). */
  setRegN(r: number, size: number): this {
    const c = this.code;
    if (size === 8) return this.setReg(r);
    if (size === 4) {
      c.op(W.I32_WRAP_I64, W.I64_EXTEND_I32_U);
      return this.setReg(r);
    }
    const v = this.tmp(I64);
    c.set(v);
    const n = size === 1 && r >= 16 ? r - 16 : r;
    const shift = size === 1 && r >= 16 ? 8 : 0;
    const mask = size === 2 ? 0xffff : 0xff;
    c.get(this.reg(n)).i64(~(mask * 2 ** shift)).op(W.I64_AND);
    c.get(v).i64(mask).op(W.I64_AND);
    if (shift !== 0) c.i64(shift).op(W.I64_SHL);
    c.op(W.I64_OR);
    return this.setReg(n);
  }

  // ---- memory operands ----

  /** The linear address of the slot's memory operand in an i64 local
   * (made once per instruction): base (+ index * scale) + disp and
   * RIP-relative inline, anything else (a segment override, 0x67, no base)
   * through operands.ts ea() as the interpreter computes it. */
  addr(): number {
    if (this.eaLocal >= 0) return this.eaLocal;
    const d = this.d;
    const i = this.slot;
    const c = this.code;
    const a = this.tmp(I64);
    const m = d.amode[i];
    const x = d.index[i];
    if (m === AM_BASE || m === AM_BASE_INDEX) {
      c.get(this.reg(d.base[i]));
      if (d.disp[i] !== 0) c.i64(d.disp[i]).op(W.I64_ADD);
      if (m === AM_BASE_INDEX) {
        c.get(this.reg(x));
        if (d.scale[i] !== 0) c.i64(d.scale[i]).op(W.I64_SHL);
        c.op(W.I64_ADD);
      }
      c.set(a);
    } else if (m === AM_RIP) {
      this.ripAt(this.next + d.disp[i]);
      c.op(W.I64_TRUNC_F64_S).set(a);
    } else if (d.seg[i] === 0 && (d.pfx[i] & PFX_ASZ) === 0 && d.base[i] === NO_REG && x !== NO_REG) {
      c.get(this.reg(x));
      if (d.scale[i] !== 0) c.i64(d.scale[i]).op(W.I64_SHL);
      if (d.disp[i] !== 0) c.i64(d.disp[i]).op(W.I64_ADD);
      c.set(a);
    } else {
      this.spill();
      c.i32(i).i32(this.k).get(this.ret).call(Imp.EA).op(W.I64_TRUNC_F64_S).set(a);
      this.called();
    }
    this.eaLocal = a;
    return a;
  }

  /** Pushes RIP + `off` (an offset from the region's first byte) as f64. */
  ripAt(off: number): this {
    this.code.get(P_IP);
    if (off !== 0) this.code.f64(off).op(W.F64_ADD);
    return this;
  }

  /** The TLB entry of address local `a`: sets `o` (page offset) and `t8`
   * (entry index * 8) and pushes whether the tag array at param `tags`
   * holds a's page and `size` bytes fit in it. */
  tlbHit(a: number, size: number, tags: number, o: number, t8: number): void {
    const c = this.code;
    const lo = this.tmp(I32);
    c.get(a).op(W.I32_WRAP_I64).tee(lo).i32(4095).op(W.I32_AND).set(o);
    c.get(lo).i32(12 - 3).op(W.I32_SHR_U).i32(TLB_MASK << 3).op(W.I32_AND).set(t8);
    c.get(t8).get(tags).op(W.I32_ADD).mem(W.F64_LOAD, 3, 0);
    c.get(a).i64(-4096).op(W.I64_AND).op(W.F64_CONVERT_I64_S).op(W.F64_EQ);
    if (size > 1) c.get(o).i32(4096 - size).op(W.I32_LE_U).op(W.I32_AND);
  }

  /** Pushes the `size`-byte value at address local `a`, zero-extended to
   * i64 (`signed`: sign-extended). A TLB hit on RAM reads the memory
   * inline; anything else calls the core's read path (exact faults). */
  load(size: number, a: number, signed = false): this {
    this.barrier();
    const c = this.code;
    const o = this.tmp(I32);
    const t8 = this.tmp(I32);
    this.tlbHit(a, size, P_RD, o, t8);
    this.begin(W.IF, I64);
    c.get(t8).i32(1).op(W.I32_SHR_U).mem(W.I32_LOAD, 2, this.at.tlbRam).get(o).op(W.I32_ADD);
    c.mem(loadOp(size, signed), 0, 0);
    this.else();
    this.spill();
    c.get(a).op(W.F64_CONVERT_I64_S).i32(size).i32(this.k).get(this.ret).call(Imp.READ);
    if (size === 8) {
      c.op(W.I64_EXTEND_I32_U).i32(0).mem(W.I64_LOAD32_U, 2, this.at.slots + 4 * Slot.HI).i64(32).op(W.I64_SHL).op(W.I64_OR);
    } else if (size === 4) {
      c.op(signed ? W.I64_EXTEND_I32_S : W.I64_EXTEND_I32_U);
    } else {
      c.op(W.I64_EXTEND_I32_U);
      if (signed) c.op(size === 1 ? W.I64_EXTEND8_S : W.I64_EXTEND16_S);
    }
    this.called();
    this.end();
    return this;
  }

  /** Stores the low `size` bytes of i64 local `v` at address local `a`:
   * inline on a TLB hit to a RAM page without decoded code, else through
   * the core's write path (which invalidates code); then, unless
   * `checkBrk` is false (the caller checks once its other effects are
   * done), the block ends if the write set brk. */
  store(size: number, a: number, v: number, checkBrk = true): this {
    this.barrier();
    const c = this.code;
    const o = this.tmp(I32);
    const t8 = this.tmp(I32);
    const ram = this.tmp(I32);
    const hit = this.tmp(I32);
    // One branch: the entry's RAM offset is read whether or not the tag
    // matched, and taken as 0 (a RAM page, so the code-flag read stays in
    // bounds) when it did not (a non-RAM entry holds -1).
    this.tlbHit(a, size, P_WR, o, t8);
    c.tee(hit);
    c.get(t8).i32(1).op(W.I32_SHR_U).mem(W.I32_LOAD, 2, this.at.tlbRam).i32(0).get(hit).op(W.SELECT).tee(ram);
    c.i32(12).op(W.I32_SHR_U).mem(W.I32_LOAD8_U, 0, this.at.codePages).op(W.I32_EQZ).op(W.I32_AND);
    this.begin(W.IF);
    c.get(ram).get(o).op(W.I32_ADD).get(v).mem(storeOp(size), 0, 0);
    this.else();
    this.spill();
    c.get(a).op(W.F64_CONVERT_I64_S).i32(size);
    c.get(v).op(W.I32_WRAP_I64).get(v).i64(32).op(W.I64_SHR_U).op(W.I32_WRAP_I64);
    c.i32(this.k).get(this.ret).call(Imp.WRITE).set(this.bk);
    this.called();
    if (checkBrk) this.checkBrk();
    this.end();
    return this;
  }

  /** Reads the E operand (ModRM register or memory) at `size` into a new
   * i64 local, zero-extended. */
  readE(size: number): number {
    const v = this.tmp(I64);
    const r = this.d.rm[this.slot];
    if (r !== NO_REG) this.getRegN(r, size);
    else this.load(size, this.addr());
    this.code.set(v);
    return v;
  }

  /** Writes local `v` to the E operand at `size`. */
  writeE(size: number, v: number): void {
    const r = this.d.rm[this.slot];
    if (r !== NO_REG) {
      this.code.get(v);
      this.setRegN(r, size);
    } else this.store(size, this.addr(), v);
  }

  // ---- lazy flags ----

  /** Writes the lazy-flag record of an operation (flags.ts; gen/js-lower.ts
   * lazyFields: the same fields) from i64 locals holding its operands and
   * result at `size` (zero-extended), and remembers them for a following
   * condition. `cin`: INC/DEC's carry before the operation (an i32 local). */
  lazyFlags(op: LazyOp, size: 1 | 2 | 4 | 8, a: number, b: number, r: number, cin = -1): void {
    const c = this.code;
    const start = this.flagStart();
    this.flagConst(FF.FOP, op);
    this.flagConst(FF.FSZ, size);
    if (op === LazyOp.INC || op === LazyOp.DEC) this.flagI32(FF.FCIN, () => c.get(cin));
    if (op !== LazyOp.LOGIC) {
      this.flagWord(FF.FA, a, size, false);
      if (size === 8) this.flagWord(FF.FAH, a, size, true);
      this.flagWord(FF.FB, b, size, false);
      if (size === 8) this.flagWord(FF.FBH, b, size, true);
    }
    this.flagWord(FF.FRES, r, size, false);
    if (size === 8) this.flagWord(FF.FRESH, r, size, true);
    this.flagEnd(start);
    c.get(a).set(this.fa).get(b).set(this.fb).get(r).set(this.fr);
    const kind = op === LazyOp.SUB ? 'sub' : op === LazyOp.LOGIC ? 'logic' : op === LazyOp.ADD || op === LazyOp.INC || op === LazyOp.DEC ? 'zs' : null;
    this.flags = kind === null ? null : { kind, size, a: this.fa, b: this.fb, r: this.fr };
  }

  /** lazyFlags as ops/alu.ts alu() writes them at 1 and 2 bytes: every
   * field (faH, fbH, fresH and fcin zero). */
  lazyFlagsAll(op: LazyOp, size: 1 | 2, a: number, b: number, r: number): void {
    const c = this.code;
    const start = this.flagStart();
    this.flagConst(FF.FOP, op);
    this.flagConst(FF.FSZ, size);
    this.flagWord(FF.FA, a, size, false);
    this.flagConst(FF.FAH, 0);
    this.flagWord(FF.FB, b, size, false);
    this.flagConst(FF.FBH, 0);
    this.flagWord(FF.FRES, r, size, false);
    this.flagConst(FF.FRESH, 0);
    this.flagConst(FF.FCIN, 0);
    this.flagEnd(start);
    c.get(a).set(this.fa).get(b).set(this.fb).get(r).set(this.fr);
    const kind = op === LazyOp.SUB ? 'sub' : op === LazyOp.LOGIC ? 'logic' : op === LazyOp.ADD ? 'zs' : null;
    this.flags = kind === null ? null : { kind, size, a: this.fa, b: this.fb, r: this.fr };
  }

  /** Starts a flag write made of `flagField`-style stores (a lowering
   * writing a kind lazyFlags does not cover): pass the result to flagEnd. */
  flagStart(): number {
    return this.code.bytes.length;
  }

  /** Ends a flag write: the previous one of the block, unobserved since,
   * becomes nops (left out of the function: `dead`). */
  flagEnd(start: number): void {
    const p = this.pendingFlags;
    if (p !== null) {
      for (let i = p[0]; i < p[1]; i++) this.code.bytes[i] = W.NOP;
      this.dead.push(p[0], p[1]);
    }
    this.pendingFlags = [start, this.code.bytes.length];
    this.flags = null;
  }

  /** Stores a constant into flag field `f`. */
  flagConst(f: FF, value: number): void {
    this.code.i32(0).f64(value).mem(W.F64_STORE, 3, this.at.flags + 8 * f);
  }

  /** Stores an int32 (pushed by `push`) into flag field `f`, as the
   * interpreter's int32 values. */
  flagI32(f: FF, push: () => void): void {
    this.code.i32(0);
    push();
    this.code.op(W.F64_CONVERT_I32_S).mem(W.F64_STORE, 3, this.at.flags + 8 * f);
  }

  /** Stores a word of i64 local v into flag field f as the interpreter
   * holds it: the low half as int32 at sizes 4 and 8 (`high`: the high
   * half), the value itself (non-negative) at 1 and 2. */
  flagWord(f: FF, v: number, size: number, high: boolean): void {
    const c = this.code;
    c.i32(0).get(v);
    if (high) c.i64(32).op(W.I64_SHR_U);
    c.op(W.I32_WRAP_I64);
    c.op(size >= 4 ? W.F64_CONVERT_I32_S : W.F64_CONVERT_I32_U).mem(W.F64_STORE, 3, this.at.flags + 8 * f);
  }

  /** Something from here on may observe the flag fields. */
  barrier(): void {
    this.pendingFlags = null;
  }

  /** A block boundary: nothing is known about the flags. */
  blockBoundary(): void {
    this.barrier();
    this.flags = null;
  }

  /** Pushes condition `cc` (0..15, SDM vol. 1 B.1) as an i32 0/1: from the
   * locals of the block's last flag-setting lowering when it can, else
   * through the interpreter's testCC. */
  condition(cc: number): this {
    if (this.fusedCondition(cc)) return this;
    this.barrier();
    this.code.i32(cc).i32(this.k).call(COND_FIELDS);
    return this;
  }

  /** The condition from the flag locals (gen/wasm-lower.ts
   * wasmCondition, from the condition rows), or false. */
  private fusedCondition(cc: number): boolean {
    const f = this.flags;
    if (f === null) return false;
    const cond = CONDITIONS_BY_CC[cc];
    return wasmCondition(this.code, f, cond.row, cond.negated);
  }

  // ---- control flow and calls out ----

  /** Pops an f64 into `nx`, the next RIP (a block's last instruction). */
  setNextRip(): this {
    this.code.set(this.nx);
    this.nxSet = true;
    return this;
  }

  /** #GP(0) unless the f64 in local `v` is a canonical address; a target
   * in the region's page needs no check (the RIP is canonical). */
  canonCheck(v: number, off: number | null = null): void {
    if (off !== null && this.pageOff + off >= 0 && this.pageOff + off < 4096) return;
    const c = this.code;
    c.get(v).f64(CANON).op(W.F64_GE).get(v).f64(-CANON).op(W.F64_LT).op(W.I32_OR);
    this.begin(W.IF);
    this.spill();
    c.i32(this.k).get(this.ret).call(Imp.GP);
    this.end();
  }

  /** A conditional branch to region offset `target` on the i32 the
   * lowering pushed: sets nx to it or to the fall-through. */
  branch(target: number): void {
    const c = this.code;
    this.begin(W.IF);
    this.ripAt(target).code.set(this.nx);
    this.canonCheck(this.nx, target);
    if (this.last) c.i32(1).set(this.tk);
    this.else();
    this.ripAt(this.next).code.set(this.nx);
    if (this.last) c.i32(0).set(this.tk);
    this.end();
    this.nxSet = true;
    if (this.last) {
      this.taken = this.tk;
      this.takenTarget = target;
    }
  }

  /** Records a call out (the region checks interrupts and stops after
   * the block). */
  called(): void {
    this.code.i32(1).set(this.so);
  }

  /** Calls the interpreter handler of the current slot (registers
   * written back before, reloaded after, flags through the runtime). */
  callHandler(): void {
    this.barrier();
    const c = this.code;
    this.spill();
    c.i32(this.slot).i32(this.k).get(this.ret).call(Imp.HANDLER).set(this.bk);
    this.called();
    this.reload();
    this.flags = null;
    if (this.last) {
      c.i32(0).mem(W.F64_LOAD, 3, this.at.flags + 8 * FF.NEXT_RIP).set(this.nx);
      this.nxSet = true;
    }
    this.checkBrk(true);
  }

  /** Ends the block after the current instruction if the last call out
   * set brk: RIP the next instruction's (`fromHandler`: c.nextRip, which
   * a handler may have changed). */
  checkBrk(fromHandler = false): void {
    const c = this.code;
    c.get(this.bk);
    this.begin(W.IF);
    if (fromHandler) c.i32(0).mem(W.F64_LOAD, 3, this.at.flags + 8 * FF.NEXT_RIP);
    else this.ripAt(this.next);
    c.set(this.nx);
    this.exit(this.kb + 1, false);
    this.end();
  }

  /** Leaves the region with RIP in nx, `count` instructions of the
   * current block retired; `link`: the between-block checks passed. */
  exit(count: number, link: boolean): void {
    const c = this.code;
    if (count !== 0) c.get(this.ret).i32(count).op(W.I32_ADD).set(this.ret);
    if (link) c.i32(1).set(this.lk);
    c.br(this.depth - this.exitDepth);
  }

  /** Registers back to the core (before a call out that reads them or
   * can throw; `inline`: stores here rather than a call of the spill
   * function). */
  spill(inline = false): void {
    this.patches.push({ at: this.code.bytes.length, reload: false, inline });
  }

  /** Registers from the core again (after a call that may write them). */
  reload(): void {
    this.patches.push({ at: this.code.bytes.length, reload: true });
  }
}

function loadOp(size: number, signed: boolean): number {
  if (size === 8) return W.I64_LOAD;
  if (size === 4) return signed ? W.I64_LOAD32_S : W.I64_LOAD32_U;
  if (size === 2) return signed ? W.I64_LOAD16_S : W.I64_LOAD16_U;
  return signed ? W.I64_LOAD8_S : W.I64_LOAD8_U;
}

function storeOp(size: number): number {
  return size === 8 ? W.I64_STORE : size === 4 ? W.I64_STORE32 : size === 2 ? W.I64_STORE16 : W.I64_STORE8;
}
