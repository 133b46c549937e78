/**
 * The JIT's block emitter: turns one decoded block (consecutive slots of
 * the Decoded store) into the source of a JavaScript function and builds
 * it with `new Function`, once per block.
 *
 * The generated function does what the interpreter's slot loop does for
 * that block (core.ts runBlocks), with the decoded operands as constants:
 *
 *   function (c) {                 // c: the X86Core
 *     const ip = c.rip;            // the block's first RIP (blocks are keyed
 *     let n = 0;                   // by physical address, so RIP is an input)
 *     try { for (;;) {
 *       n = 0; ...inline template, or c.nextRip = ip + 3; H4(c, 812);
 *       if (c.brk) { c.rip = c.nextRip; c.retired += 1; return; }
 *       n = 1; ...
 *       c.retired += COUNT; c.rip = nx;
 *       if (nx !== ip || !c.jitMayLoop(gen)) return;   // a loop on itself
 *     } } catch (e) { c.rip = ip + O[n]; c.retired += n; throw e; }
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
import { Decoded } from '../decoded';
import { getCF } from '../flags';
import { HANDLERS } from '../handlers';
import type { Handler } from '../opcode-table';
import { ea } from '../operands';
import { CONDITIONS } from '../ops/fast-control';

export type BlockFn = (c: X86Core) => void;

/** What the last flag-setting instruction left in locals, for a jcc. */
export interface FlagLocals {
  /** 'sub' (sub/cmp: a - b), 'logic' (and/or/xor/test: CF = OF = 0),
   * 'zs' (add, inc, dec: only ZF and SF from r are used). */
  kind: 'sub' | 'logic' | 'zs';
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
  /** Index of the current instruction in the block, its slot, the offsets
   * of its first byte and of the next instruction from the block start. */
  k = 0;
  slot = 0;
  off = 0;
  next = 0;
  last = false;
  /** Set by the last instruction when it assigned the next RIP to `nx`
   * (a branch template, or a handler call). */
  nxSet = false;
  flags: FlagLocals | null = null;
  private readonly handlerNames = new Map<Handler, string>();
  readonly handlerFns: Handler[] = [];

  constructor(readonly d: Decoded, readonly first: number, readonly count: number) {}

  emit(line: string): void {
    this.lines.push(line);
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
    this.emit(`if (c.brk) { c.rip = ${nextRip}; c.retired += ${this.k + 1}; return; }`);
  }

  /** The parameter name of the interpreter handler of `slot`. */
  handlerOfSlot(slot: number): string {
    return this.handler(HANDLERS[this.d.op[slot]]);
  }

  /** Calls the interpreter handler of the current slot. */
  callHandler(): void {
    const name = this.handler(HANDLERS[this.d.op[this.slot]]);
    this.emit(`c.nextRip = ${this.nextRip()};`);
    this.emit(`${name}(c, ${this.slot});`);
    if (this.last) {
      this.emit(`nx = c.nextRip;`);
      this.nxSet = true;
      this.checkBrk('nx');
    } else this.checkBrk('c.nextRip');
    this.flags = null;
  }

  /** Emits the effective address of the slot's memory operand into a
   * local and returns its name: base+disp, base+index*scale+disp and
   * rip+disp inline; anything else (segment override, 0x67, no base) and
   * any non-canonical sum through operands.ea(), as the interpreter. */
  addr(): string {
    const d = this.d;
    const i = this.slot;
    const a = this.v('a');
    const m = d.amode[i];
    const general = `{ c.nextRip = ${this.nextRip()}; ${a} = EA(c, ${i}); }`;
    if (m === 1 || m === 2) {
      const b = d.base[i];
      let sum = `${d.disp[i]} + rh[${b}] * ${TWO32} + (rl[${b}] >>> 0)`;
      if (m === 2) {
        const x = d.index[i];
        sum += ` + (rh[${x}] * ${TWO32} + (rl[${x}] >>> 0)) * ${1 << d.scale[i]}`;
      }
      this.emit(`let ${a} = ${sum};`);
    } else if (m === 3) {
      this.emit(`let ${a} = ip + ${this.next + d.disp[i]};`);
    } else {
      this.emit(`let ${a};`);
      this.emit(general);
      return a;
    }
    this.emit(`if (${a} >= ${CANON} || ${a} < -${CANON}) ${general}`);
    return a;
  }

  /** Builds the function. */
  build(templates: (Template | null)[], entryOf: (slot: number) => number): BlockFn {
    const d = this.d;
    const offsets = new Int32Array(this.count + 1);
    let off = 0;
    for (let k = 0; k < this.count; k++) {
      offsets[k] = off;
      off += d.len[this.first + k];
    }
    offsets[this.count] = off;
    const body: string[] = this.lines;
    for (let k = 0; k < this.count; k++) {
      const slot = this.first + k;
      this.k = k;
      this.slot = slot;
      this.off = offsets[k];
      this.next = offsets[k + 1];
      this.last = k === this.count - 1;
      this.nxSet = false;
      this.emit(`n = ${k};`);
      const t = templates[entryOf(slot)];
      if (t === null || !t(this, slot)) this.callHandler();
    }
    if (!this.nxSet) this.emit(`nx = ip + ${off};`);
    this.emit(`c.retired += ${this.count};`);
    this.emit(`c.rip = nx;`);
    this.emit(`if (nx !== ip || !c.jitMayLoop(gen)) return;`);
    const src =
      `"use strict";\n` +
      `return function jitBlock(c) {\n` +
      `const rl = c.rl, rh = c.rh;\n` +
      `const ip = c.rip;\n` +
      `const gen = c.chainGen;\n` +
      `let n = 0, nx = 0;\n` +
      `try {\nfor (;;) {\n${body.join('\n')}\n}\n` +
      `} catch (e) { c.rip = ip + O[n]; c.retired += n; throw e; }\n};`;
    const params = ['EA', 'GETCF', 'O', ...CONDITIONS.map((_, k) => `P${k}`), ...this.handlerFns.map((_, k) => `H${k}`)];
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function(...params, src) as (...args: unknown[]) => BlockFn;
    return factory(ea, getCF, offsets, ...CONDITIONS, ...this.handlerFns);
  }
}
