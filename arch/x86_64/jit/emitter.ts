/**
 * The JIT's block emitter: turns one decoded block (consecutive slots of
 * the Decoded store) into the source of a JavaScript function and builds
 * it with `new Function`, once per block.
 *
 * The generated function does what the interpreter's slot loop does for
 * that block (interpreter.ts runBlocks), with the decoded operands as constants:
 *
 *   function (c) {                 // c: the X86Core
 *     const ip = c.rip;            // the block's first RIP (blocks are keyed
 *     let n = 0;                   // by physical address, so RIP is an input)
 *     try { for (;;) {
 *       switch (b) {               // the region's blocks
 *       case 0: {
 *         n = 0; ...inline template, or c.nextRip = ip + 3; H4(c, 812);
 *         if (c.brk) { c.rip = c.nextRip; c.retired += 1; return null; }
 *         n = 1; ...
 *         nx = ...; rk = COUNT; break;
 *       } ... }
 *       c.retired += rk; c.rip = nx;                              // one tail:
 *       if (so) { so = 0; if (!c.jitMayLoop(gen)) return null; }  // runBlocks'
 *       else if (hs || c.retired >= c.runTarget) return null;      // checks,
 *       if (nx === ip + 9) { b = 1; continue; }  // a block of the region,
 *       return <the jump cache's function for nx, or J.next(c, nx)>;
 *     } } catch (e) { c.rip = ip + O[n]; c.retired += K[n]; throw e; }
 *   }
 *
 * - `n` is the index of the executing instruction: a fault (c.raise throws)
 *   publishes the faulting instruction's RIP and the count of instructions
 *   retired before it, exactly as the interpreter's catch does.
 * - After every instruction that calls out (a handler, a memory access) the
 *   block ends if `c.brk` was set: a code-page write (self-modifying code),
 *   a mode change, an event delivery. Register-only templates cannot set it.
 * - Every other instruction calls its interpreter handler through a named
 *   parameter (`H<k>`): each call site sees one target, so V8 inlines it.
 * - A handler that changes control flow is always the last of its block
 *   (the table marks it `end`); the emitter reads c.nextRip only there.
 * - Templates may record what the last flag-setting instruction computed
 *   (operand locals), so a following jcc in the same block tests them
 *   directly; the lazy flag fields are still written exactly as the
 *   interpreter writes them.
 */
import type { X86Core } from '../core';
import { JUMP_CACHE_SIZE } from '../block-cache';
import { Decoded, NO_REG, PFX_ASZ } from '../decoded';
import { getCF } from '../flags';
import { HANDLERS } from '../handlers';
import type { Handler } from '../opcode-table';
import { ea } from '../operands';
import { termsWideCode } from '../exact-sum';
import { CONDITIONS } from '../ops/fast-control';
import type { RegionBlock } from './region';

/** A compiled region: runs from c.rip; returns the compiled function of
 * the block to run next when it could link to one, else null. */
export type BlockFn = (c: X86Core) => BlockFn | null;

/** What compiled code needs of the JIT tier to link regions. */
export interface JitLinks {
  readonly fns: (BlockFn | null)[];
  /** The block cache's jump cache (block-cache.ts): RIP -> block id,
   * valid in chain generation jumpGen. */
  readonly jumpRip: Float64Array;
  readonly jumpId: Int32Array;
  readonly jumpGen: Int32Array;
  /** The compiled function of the block at `rip`, found without faulting
   * (TLB hit only), or null; its block id in `nextId`; fills the jump
   * cache. */
  next(c: X86Core, rip: number): BlockFn | null;
  nextId: number;
}

/** What the last flag-setting instruction left in locals, for a jcc. */
export interface FlagLocals {
  /** 'sub' (sub/cmp: a - b), 'logic' (and/or/xor/test: CF = OF = 0),
   * 'zs' (add, inc, dec: only ZF and SF from r are used), 'z' (8-bit
   * operations: only ZF from r). */
  kind: 'sub' | 'logic' | 'zs' | 'z';
  size: 4 | 8;
  a: string;
  aH: string;
  b: string;
  bH: string;
  r: string;
  rH: string;
}

/** A template emits an instruction inline and returns true, or returns
 * false (nothing emitted) to leave it to the handler call. */
export type Template = (e: BlockEmitter, slot: number) => boolean;

export const CANON = '140737488355328';
export const TWO32 = '4294967296';

export class BlockEmitter {
  readonly lines: string[] = [];
  /** The current instruction: its index in the region (names, `n`), its
   * index in its block (retired counts), its slot, and the offsets of its
   * first byte and of the next instruction from the region's first byte. */
  k = 0;
  kb = 0;
  slot = 0;
  off = 0;
  next = 0;
  last = false;
  /** Set by the last instruction of a block when it assigned the next RIP
   * to `nx` (a branch template, or a handler call). */
  nxSet = false;
  flags: FlagLocals | null = null;
  private readonly handlerNames = new Map<Handler, string>();
  readonly handlerFns: Handler[] = [];

  constructor(readonly d: Decoded, readonly blocks: readonly RegionBlock[]) {}

  emit(line: string): void {
    this.lines.push(line);
  }

  // Dead lazy-flag stores: a flag write (one `c.fop = ...;` line) is
  // dropped when a later instruction of the same block writes the flags
  // again and nothing in between can observe them: no memory access or
  // handler call (a fault delivers RFLAGS), no flag read (jcc predicate,
  // inc/dec's CF). Register-only templates in between cannot fault. Every
  // template's flag write sets fop, fsz and all the fields that kind reads
  // (flags.ts), so the flags read after it are exactly the interpreter's;
  // only fields no reader of that kind looks at may keep older values.
  private pendingFlags = -1;

  /** Emits the lazy-flag stores of the current instruction. */
  flagWrite(line: string): void {
    if (this.pendingFlags >= 0) this.lines[this.pendingFlags] = '';
    this.pendingFlags = this.lines.length;
    this.emit(line);
  }

  /** Something from here on may observe the flag fields. */
  barrier(): void {
    this.pendingFlags = -1;
  }

  /** A local name unique to this instruction. */
  v(name: string): string {
    return `${name}${this.k}`;
  }

  /** The parameter name bound to handler `fn`. */
  handler(fn: Handler): string {
    let name = this.handlerNames.get(fn);
    if (name === undefined) {
      name = `H${this.handlerFns.length}`;
      this.handlerNames.set(fn, name);
      this.handlerFns.push(fn);
    }
    return name;
  }

  /** RIP of the next instruction, as an expression. */
  nextRip(): string {
    return `ip + ${this.next}`;
  }

  /** Ends the block after the current instruction if c.brk was set (a
   * memory write or call may have hit a code page or changed mode). */
  checkBrk(nextRip = this.nextRip()): void {
    this.barrier();
    this.emit(`if (c.brk) { c.rip = ${nextRip}; c.retired += ${this.kb + 1}; return null; }`);
  }

  /** The parameter name of the interpreter handler of `slot`. */
  handlerOfSlot(slot: number): string {
    return this.handler(HANDLERS[this.d.op[slot]]);
  }

  /** Calls the interpreter handler of the current slot. */
  callHandler(): void {
    this.barrier();
    const name = this.handler(HANDLERS[this.d.op[this.slot]]);
    this.emit(`c.nextRip = ${this.nextRip()}; so = 1;`);
    this.emit(`${name}(c, ${this.slot});`);
    if (this.last) {
      this.emit(`nx = c.nextRip;`);
      this.nxSet = true;
      this.checkBrk('nx');
    } else this.checkBrk('c.nextRip');
    this.flags = null;
  }

  /** Emits the effective address of the slot's memory operand into a
   * local and returns its name: base+disp, base+index*scale+disp,
   * index*scale+disp and rip+disp inline; anything else (segment override,
   * 0x67, absolute) and any non-canonical sum through operands.ea(), as
   * the interpreter. */
  addr(): string {
    this.barrier();
    const d = this.d;
    const i = this.slot;
    const a = this.v('a');
    const m = d.amode[i];
    const general = `{ c.nextRip = ${this.nextRip()}; ${a} = EA(c, ${i}); }`;
    const x = d.index[i];
    if (m === 1 || m === 2) {
      const b = d.base[i];
      let sum = `${d.disp[i]} + rh[${b}] * ${TWO32} + (rl[${b}] >>> 0)`;
      if (m === 2) sum += ` + (rh[${x}] * ${TWO32} + (rl[${x}] >>> 0)) * ${1 << d.scale[i]}`;
      this.emit(`let ${a} = ${sum};`);
      // Terms that may round before they cancel (exact-sum.ts): EA.
      if (m === 2) this.emit(`if (${termsWideCode([`rh[${b}]`, `rh[${x}]`])}) ${general}`);
    } else if (m === 3) {
      this.emit(`let ${a} = ip + ${this.next + d.disp[i]};`);
    } else if (d.seg[i] === 0 && (d.pfx[i] & PFX_ASZ) === 0 && d.base[i] === NO_REG && x !== NO_REG) {
      // Index only (jump tables, static arrays): the sum eaGeneral makes.
      this.emit(`let ${a} = ${d.disp[i]} + (rh[${x}] * ${TWO32} + (rl[${x}] >>> 0)) * ${1 << d.scale[i]};`);
    } else {
      this.emit(`let ${a};`);
      this.emit(general);
      return a;
    }
    this.emit(`if (${a} >= ${CANON} || ${a} < -${CANON}) ${general}`);
    return a;
  }

  /** Emits a load of `size` bytes (1, 2, 4, 8) at address local `a` into
   * `dst` (declared here; 8 bytes: also `${dst}h`). The TLB hit on a RAM
   * page is inline, as core.read* does it; anything else calls core.read*. */
  load(size: number, a: string, dst: string): void {
    this.barrier();
    const t = this.v('$t');
    const o = this.v('$o');
    const lim = 4096 - size;
    this.emit(`const ${t}l = ${a} | 0, ${o} = ${t}l & 4095, ${t} = (${t}l >>> 12) & 1023;`);
    const hit = `c.rdPage[${t}] === ${a} - ${o}${size > 1 ? ` && ${o} <= ${lim}` : ''}`;
    if (size === 8) {
      this.emit(`let ${dst}, ${dst}h;`);
      this.emit(`if (${hit}) { ${dst} = DV.getInt32(TR[${t}] + ${o}, true); ${dst}h = DV.getInt32(TR[${t}] + ${o} + 4, true); }`);
      this.emit(`else { so = 1; ${dst} = c.read64(${a}); ${dst}h = c.hi; }`);
      return;
    }
    const get = size === 1 ? `U8[TR[${t}] + ${o}]` : size === 2 ? `DV.getUint16(TR[${t}] + ${o}, true)` : `DV.getInt32(TR[${t}] + ${o}, true)`;
    this.emit(`const ${dst} = ${hit} ? ${get} : (so = 1, c.read${size * 8}(${a}));`);
  }

  /** Emits a store of `size` bytes (1, 2, 4, 8) of `lo` (`hi`) at address local
   * `a`: inline on a TLB hit to a RAM page that holds no decoded code, else
   * through core.write* (which invalidates code) and then the brk check. */
  store(size: number, a: string, lo: string, hi: string, nextRip: string | null = this.nextRip()): void {
    this.barrier();
    const t = this.v('$w');
    const o = this.v('$wo');
    this.emit(`const ${t}l = ${a} | 0, ${o} = ${t}l & 4095, ${t} = (${t}l >>> 12) & 1023;`);
    const hit = `c.wrPage[${t}] === ${a} - ${o} && ${o} <= ${4096 - size} && CP[TR[${t}] >>> 12] === 0`;
    const fast = size === 8
      ? `DV.setInt32(TR[${t}] + ${o}, ${lo}, true); DV.setInt32(TR[${t}] + ${o} + 4, ${hi}, true);`
      : size === 4 ? `DV.setInt32(TR[${t}] + ${o}, ${lo}, true);`
      : size === 2 ? `DV.setUint16(TR[${t}] + ${o}, ${lo}, true);` : `U8[TR[${t}] + ${o}] = ${lo};`;
    const slow = size === 8 ? `so = 1; c.write64(${a}, ${lo}, ${hi});` : `so = 1; c.write${size * 8}(${a}, ${lo});`;
    // nextRip null: the caller checks brk itself once the instruction's
    // other effects (RSP) are done, as the handler would have made them.
    if (nextRip === null) {
      this.emit(`if (${hit}) { ${fast} } else { ${slow} }`);
      return;
    }
    this.emit(`if (${hit}) { ${fast} } else { ${slow}`);
    this.checkBrk(nextRip);
    this.emit(`}`);
  }

  /** Builds the function of the region. */
  build(jit: JitLinks, templates: (Template | null)[], entryOf: (slot: number) => number): BlockFn {
    const d = this.d;
    let total = 0;
    for (const b of this.blocks) total += b.count;
    // Per instruction of the region: its RIP offset and how many
    // instructions of its block precede it (the catch path's figures).
    const ripOff = new Float64Array(total);
    const before = new Int32Array(total);
    let k = 0;
    this.emit(`switch (b) {`);
    this.blocks.forEach((blk, j) => {
      this.emit(`case ${j}: {`);
      this.flags = null;
      this.barrier();
      let off = blk.off;
      for (let kb = 0; kb < blk.count; kb++, k++) {
        const slot = blk.first + kb;
        ripOff[k] = off;
        before[k] = kb;
        this.k = k;
        this.kb = kb;
        this.slot = slot;
        this.off = off;
        off += d.len[slot];
        this.next = off;
        this.last = kb === blk.count - 1;
        this.nxSet = false;
        const at = this.lines.length;
        this.emit(`n = ${k};`);
        const t = templates[entryOf(slot)];
        if (t === null || !t(this, slot)) this.callHandler();
        // `n` only matters to the catch: drop it for an instruction that
        // calls nothing (register-only code cannot throw).
        if (!this.lines.slice(at + 1).some((l) => /\b(c\.\w+\(|EA\(|H\d+\()/.test(l))) this.lines[at] = '';
      }
      if (!this.nxSet) this.emit(`nx = ip + ${off};`);
      this.emit(`rk = ${blk.count}; break;`);
      this.emit(`}`);
    });
    this.emit(`}`);
    // Every block leaves through this one tail (less code for V8 to
    // compile, and its type feedback is shared). runBlocks' between-block
    // checks first. Only a call out (a handler, a slow load or store:
    // devices, page tables, traps, privilege) can change what they look at
    // besides the instruction count; without one, the rest of jitMayLoop's
    // answer is the one of the function's entry (`hs`: in ring 0 with host
    // entry points, every block returns).
    this.emit(`c.retired += rk; c.rip = nx;`);
    this.emit(`if (so !== 0) { so = 0; if (!c.jitMayLoop(gen)) return null; } else if (hs || c.retired >= c.runTarget) return null;`);
    // Then the next block if it is in the region (same page, same chain
    // generation: the same block runBlocks would find).
    this.blocks.forEach((blk, j) => this.emit(`if (nx === ip + ${blk.off}) { b = ${j}; continue; }`));
    // Leaving the region: the compiled function of the next block through
    // the block cache's jump cache (RIP -> block id, valid in its chain
    // generation; a block dropped since has no function), filled by
    // J.next (a TLB hit and a block-cache lookup), else back to runBlocks.
    this.emit(`const h = (nx ^ (nx >>> 12)) & ${JUMP_CACHE_SIZE - 1};`);
    this.emit(`if (JR[h] === nx && JG[h] === gen) return FNS[JI[h]];`);
    this.emit(`return J.next(c, nx);`);
    const src =
      `"use strict";\n` +
      `const FNS = J.fns, JR = J.jumpRip, JI = J.jumpId, JG = J.jumpGen;\n` +
      `return function jitRegion(c) {\n` +
      `const rl = c.rl, rh = c.rh, TR = c.tlbRam, DV = c.view, U8 = c.u8, CP = c.codePages;\n` +
      `const ip = c.rip;\n` +
      `const gen = c.chainGen, hs = c.cpl === 0 && c.hostEntryCount !== 0;\n` +
      `let n = 0, nx = 0, b = 0, so = 0, rk = 0;\n` +
      `try {\nfor (;;) {\n${this.lines.join('\n')}\n}\n` +
      `} catch (e) { c.rip = ip + O[n]; c.retired += K[n]; throw e; }\n};`;
    const params = ['J', 'EA', 'GETCF', 'O', 'K', ...CONDITIONS.map((_, x) => `P${x}`), ...this.handlerFns.map((_, x) => `H${x}`)];
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function(...params, src) as (...args: unknown[]) => BlockFn;
    return factory(jit, ea, getCF, ripOff, before, ...CONDITIONS, ...this.handlerFns);
  }
}
