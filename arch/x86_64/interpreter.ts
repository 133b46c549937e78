/**
 * The interpreter: runs cached blocks back to back until the budget is
 * spent or something needs X86Core.run's attention (a stop, a halt, an
 * interrupt window, a host entry point).
 *
 * Hot path rules (docs/design.md, principle 6): the hottest forms (fast-kinds.ts)
 * run inline in one switch over the slot's packed word, with every array
 * the loop touches held in a local and loads/stores going straight to
 * RAM's DataView on a TLB hit; every other slot calls its handler
 * (handlers.ts). RIP and the retired count live in locals inside a block:
 * a fault (core.raise throws FAULT) publishes the faulting instruction's
 * RIP and the count retired before it, and run() delivers the exception.
 *
 * Blocks with a compiled function (jit/) run that instead; traced runs
 * (--trace) go through the handlers one instruction at a time.
 *
 * interpreter.ts is runBlocks' hand-written source; interpreter-run.ts is
 * what runs: `npm run gen:x86` writes it, the inline cases generated from
 * gen/'s rows put in at interpreter.ts' splice lines (one switch, so no
 * call per instruction). Edit interpreter.ts, then run gen:x86; import
 * runBlocks from interpreter-run.ts. (tsconfig.json leaves this file out
 * of dist/; tsconfig.test.json type-checks it.)
 */
import type { X86Core } from './core';
import { getCF, testCC, LazyOp } from './flags';
import { HANDLERS } from './handlers';
import { ea } from './operands';
import { termsFit } from './exact-sum';
import { K, Paired } from './fast-kinds';
import type { BlockFn } from './jit/emitter';

/** The numbers of the hot path, as a const enum so that tsc writes them in
 * place: a module-level const (or an import) is a context slot, which V8's
 * optimized code loads and checks for the hole at every use. */
const enum N {
  TWO32 = 4294967296,
  /** 2^47: canonical addresses are in [-2^47, 2^47). */
  CANON = 140737488355328,
  L_IF = 0x200,
  TLB_MASK = 1023,
  /** JUMP_CACHE_SIZE - 1. */
  JUMP_MASK = 4095,
  /** Blocks per runBlocks() call: short enough that V8 optimizes it as a
   * normal function (entered often) rather than through on-stack
   * replacement, whose code is slower for this loop. */
  BLOCKS_PER_CALL = 4096,
}


/** Runs blocks from core.rip; see the file comment. */
export function runBlocks(c: X86Core, target: number): void {
  const cache = c.cache;
  const d = c.d;
  const succRip0 = cache.succRip0;
  const succId0 = cache.succId0;
  const succRip1 = cache.succRip1;
  const succId1 = cache.succId1;
  const succGen = cache.succGen;
  const jumpRip = cache.jumpRip;
  const jumpId = cache.jumpId;
  const jumpGen = cache.jumpGen;
  const blkPhys = cache.blkPhys;
  const blkFirst = cache.blkFirst;
  const blkCount = cache.blkCount;
  const jit = c.jit;
  const handlers = HANDLERS;
  const opA = d.op;
  const lenA = d.len;
  const endOffA = d.endOff;
  const retiredAtA = d.retiredAt;
  const wordA = d.word;
  const dispA = d.disp;
  const immA = d.imm;
  const immHiA = d.immHi;
  const tlbVpn = c.tlbVpn;
  const tlbVpnLow = c.mmu.tlbVpnLow;
  const tlbRam = c.tlbRam;
  const tlbPerm = c.tlbPerm;
  const u8 = c.u8;
  const dv = c.view;
  const codePages = c.codePages;
  c.runTarget = target;
  let prev = -1;
  for (let blocks = N.BLOCKS_PER_CALL; blocks > 0; blocks--) {
    const rip = c.rip;
    // The block at RIP: one of the previous block's two remembered
    // successors or the jump cache while the chain generation holds, else
    // a lookup by physical address.
    let id = -1;
    if (prev >= 0 && succGen[prev] === c.chainGen) {
      if (succRip0[prev] === rip) id = succId0[prev];
      else if (succRip1[prev] === rip) id = succId1[prev];
      if (id >= 0 && blkPhys[id] < 0) id = -1;
    }
    if (id < 0) {
      const h = (rip ^ (rip >>> 12)) & N.JUMP_MASK;
      if (jumpRip[h] === rip && jumpGen[h] === c.chainGen && blkPhys[jumpId[h]] >= 0) id = jumpId[h];
      else {
        const phys = c.mmu.fetchPhys(rip);
        id = cache.lookup(phys);
        if (id < 0) id = cache.build(rip, phys);
        jumpRip[h] = rip;
        jumpId[h] = id;
        jumpGen[h] = c.chainGen;
      }
      if (prev >= 0) {
        if (succGen[prev] !== c.chainGen) {
          succGen[prev] = c.chainGen;
          succRip1[prev] = NaN;
        } else {
          succRip1[prev] = succRip0[prev];
          succId1[prev] = succId0[prev];
        }
        succRip0[prev] = rip;
        succId0[prev] = id;
      }
    }
    const first = blkFirst[id];
    let end = first + blkCount[id];
    let compiled: BlockFn | null = null;
    // One instruction alone runs through its handler: the inline forms
    // assume the whole block runs (a dead flag store relies on a later
    // instruction of the block, fast-kinds.ts markDeadFlags).
    let single = false;
    if (c.interruptShadowPending) {
      // sti / mov ss: exactly one more instruction before the next check.
      end = first + 1;
      single = true;
      c.interruptShadowPending = false;
      c.interruptShadow = true;
    } else if (jit !== null && c.trace === null) {
      compiled = jit.enter(id);
    }
    c.brk = false;
    if (compiled !== null) {
      // Same effects as the slot loop below, RIP and retired included
      // (jit/emitter.ts); it returns the next compiled function when it
      // could link to one (having made the between-block checks itself).
      let next: BlockFn | null = compiled(c);
      while (next !== null) next = next(c);
    } else if (c.trace !== null || single) {
      // Traced runs stop exactly at the budget (--max-instructions).
      if (end - first > target - c.retired) end = first + Math.max(1, target - c.retired);
      // (A block's first slot is its first instruction; later ones may
      // follow a jmp without a slot, if the block was built before the
      // trace hook was set.)
      for (let k = first; k < end; k++) {
        c.rip = rip + endOffA[k] - lenA[k];
        c.retired += retiredAtA[k] - (k === first ? 0 : retiredAtA[k - 1]) - 1;
        if (c.trace !== null) c.trace(c, k);
        const fallThrough = c.rip + lenA[k];
        c.nextRip = fallThrough;
        handlers[opA[k]](c, k);
        c.rip = c.nextRip;
        c.retired++;
        // A taken jcc may end a block before its last slot.
        if (c.brk || c.nextRip !== fallThrough) break;
      }
    } else {
      const rdMask = c.rdMask;
      const wrMask = c.wrMask;
      // A block that branches back to its own start (a tight loop) runs
      // again right here, counted against this call's block budget, while
      // nothing needs attention (not with the JIT, which counts entries).
      for (;;) {
        // The next RIP after the block: the fall-through unless a branch
        // (or a handler's control transfer) replaces it.
        let nx = rip + endOffA[end - 1];
        let k = first;
        try {
          slots: while (k < end) {
            const w = wordA[k];
            const kind = w & 0xff;
            // The memory operand's linear address and its TLB entry.
            let a = 0;
            let ram = -1;
            let perm = 0;
            let po = 0;
            if (kind >= K.FIRST_MEM) {
              const form = w >>> 28;
              // Registers below 2^31 (the common case outside the kernel):
              // the sum in int32 arithmetic, valid when it stays in
              // [0, 2^31) (each partial sum is checked as it is formed).
              let low = -1;
              if (form === 1) {
                const b = (w >>> 18) & 15;
                const lo = c.rl[b];
                if (c.rh[b] === 0 && lo >= 0) low = (lo + dispA[k]) | 0;
              } else if (form === 2) {
                const b = (w >>> 18) & 15;
                const x = (w >>> 22) & 15;
                const sc = (w >>> 26) & 3;
                const lo = c.rl[b];
                const xi = c.rl[x];
                if ((c.rh[b] | c.rh[x]) === 0 && lo >= 0 && xi >= 0 && xi <= 0x7fffffff >> sc) {
                  const part = (lo + (xi << sc)) | 0;
                  if (part >= 0) low = (part + dispA[k]) | 0;
                }
              } else if (form === 4) {
                const x = (w >>> 22) & 15;
                const sc = (w >>> 26) & 3;
                const xi = c.rl[x];
                if (c.rh[x] === 0 && xi >= 0 && xi <= 0x7fffffff >> sc) low = ((xi << sc) + dispA[k]) | 0;
              }
              if (low >= 0) {
                a = low;
                const vpn = low >>> 12;
                const t = vpn & N.TLB_MASK;
                if (tlbVpnLow[t] === vpn) {
                  ram = tlbRam[t];
                  perm = tlbPerm[t];
                  po = low & 4095;
                }
              } else {
                if (form === 1) {
                  const b = (w >>> 18) & 15;
                  a = dispA[k] + c.rh[b] * N.TWO32 + (c.rl[b] >>> 0);
                } else if (form === 2) {
                  const b = (w >>> 18) & 15;
                  const x = (w >>> 22) & 15;
                  // Terms that may round before they cancel (exact-sum.ts): ea().
                  a = termsFit(c.rh[b], c.rh[x]) ? dispA[k] + c.rh[b] * N.TWO32 + (c.rl[b] >>> 0) + (c.rh[x] * N.TWO32 + (c.rl[x] >>> 0)) * (1 << ((w >>> 26) & 3)) : N.CANON;
                } else if (form === 3) {
                  a = rip + endOffA[k] + dispA[k];
                } else if (form === 4) {
                  const x = (w >>> 22) & 15;
                  a = dispA[k] + (c.rh[x] * N.TWO32 + (c.rl[x] >>> 0)) * (1 << ((w >>> 26) & 3));
                } else a = N.CANON;
                if (a >= N.CANON || a < -N.CANON) {
                  // Segment bases, 0x67, wrap-around and #GP/#SS: the exact path.
                  c.nextRip = rip + endOffA[k];
                  a = ea(c, k);
                }
                if (a >= 0 && a < N.TWO32) {
                  // The low 4 GiB: integer page arithmetic.
                  const vpn = a >>> 12;
                  const t = vpn & N.TLB_MASK;
                  if (tlbVpnLow[t] === vpn) {
                    ram = tlbRam[t];
                    perm = tlbPerm[t];
                    po = a & 4095;
                  }
                } else {
                  const vpn = Math.floor(a * (1 / 4096));
                  const t = vpn & N.TLB_MASK;
                  if (tlbVpn[t] === vpn) {
                    ram = tlbRam[t];
                    perm = tlbPerm[t];
                    po = (a - vpn * 4096) | 0;
                  }
                }
              }
            }
            // Cases that take a relative branch (jcc, jmp rel) break out of
            // `taken` to the shared tail after it; all others end here.
            taken: {
              switch (kind) {
                case K.HANDLER: {
                  const n = rip + endOffA[k];
                  c.nextRip = n;
                  handlers[opA[k]](c, k);
                  k++;
                  if (c.nextRip !== n) {
                    // A control transfer: always the last slot of its block.
                    nx = c.nextRip;
                    break slots;
                  }
                  if (c.brk) {
                    nx = n;
                    break slots;
                  }
                  continue slots;
                }
                case K.NOP: // nop
                  break;
                // ---- splice: move forms (npm run gen:x86) ----

                // ---- splice: inline forms (npm run gen:x86) ----

                // ---- splice: shift forms (npm run gen:x86) ----

                // ---- lea (base or base+index; no memory access) ----
                // ---- splice: lea forms (npm run gen:x86) ----
                // ---- splice: accumulator forms (npm run gen:x86) ----

                // ---- control transfers (always the last slot of a block) and the stack ----
                // ---- splice: control transfers (npm run gen:x86) ----

                // ---- jcc right after a 32/64-bit sub or cmp of the same block
                // (fused at decode, fast-kinds.ts): the recorded operands ----
                // ---- splice: fused branches (npm run gen:x86) ----

                // ---- je / jne right after an operation that recorded its result ----
                // ---- splice: result branches (npm run gen:x86) ----

                // ---- other jcc: from the lazy flags (gen/conditions.ts conditionPath) ----
                // ---- splice: unfused branches (npm run gen:x86) ----

                // ---- 32-bit multiply and divide ----
                // ---- splice: multiply and divide forms (npm run gen:x86) ----

                // ---- memory forms: a, and its TLB entry (ram, perm, po), are ready ----
                // ---- splice: memory control transfers (npm run gen:x86) ----
                default:
                  throw new Error(`x86_64 interpreter: no inline form ${kind} (slot ${k})`);
              }
              k++;
              continue slots;
            }
            const t = rip + endOffA[k] + immA[k];
            if (t >= N.CANON || t < -N.CANON) c.gp(0);
            nx = t;
            k++;
            break slots;
          }
        } catch (e) {
          // The faulting instruction's RIP, and the count retired before it.
          c.rip = rip + endOffA[k] - lenA[k];
          c.retired += retiredAtA[k] - 1;
          throw e;
        }
        c.rip = nx;
        c.retired += retiredAtA[k - 1];
        if (nx !== rip || c.brk || jit !== null || --blocks <= 0 || c.interruptShadowPending || needsAttention(c, target)) break;
      }
    }
    if (needsAttention(c, target)) return;
    prev = c.brk ? -1 : id;
  }
}

/** What X86Core.run must see to between blocks: the budget spent, a stop,
 * a halt, an interrupt window or shadow, a host entry point. */
function needsAttention(c: X86Core, target: number): boolean {
  return (
    c.retired >= target ||
    c.stopRequested ||
    c.halted ||
    c.interruptShadow ||
    (c.intrLine && (c.flags & N.L_IF) !== 0) ||
    (c.cpl === 0 && c.hostEntryCount !== 0)
  );
}
