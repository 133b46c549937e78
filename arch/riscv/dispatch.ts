/**
 * The run loop of the JIT tier: finds the block at pc and calls its
 * compiled region; a block with none goes to the interpreter (executor.ts),
 * which runs until it reaches a block that has one (or compiles one).
 *
 * Kept apart from the interpreter on purpose. V8 optimizes a loop that
 * calls regions together with the regions it inlines, and deoptimizes it
 * whenever one of those (or an interpreter case seen for the first time)
 * meets a path it has no type feedback for; with the interpreter's 500-line
 * switch in the same function every such event cost a recompile of
 * 150-300 ms of V8's background thread (docs/cores/riscv.md, "Compile
 * cost"). This function is small, so recompiling it is cheap, and the
 * interpreter, rarely run once the hot code is compiled, is left alone.
 *
 * Between blocks it checks what the interpreter checks: interrupts, host
 * entry points, the budget, stop requests and wfi.
 */
import { SCRATCH_BLOCK, hashKey } from './block-cache';
import type { RiscvCore } from './core';
import { execute } from './executor';
import { TLB_MASK } from './mmu';

/** Region calls per dispatch() call (as executor.ts's BLOCKS_PER_CALL). */
const CALLS_PER_DISPATCH = 4096;

export function dispatch(core: RiscvCore, limit: number): void {
  const cache = core.cache;
  const bKey = cache.key;
  const hashHead = cache.hashHead;
  const hashNext = cache.hashNext;
  const compiled = cache.compiled;
  const mmu = core.mmu;
  const xTag = mmu.xTag;
  const xOff = mmu.xOff;
  let calls = CALLS_PER_DISPATCH;
  while (--calls >= 0 && core.retired < limit && !core.stopRequested) {
    let pc = core.pcReg;
    if (core.irqPoll && core.pollInterrupts()) continue;
    if (core.hostEntryCount !== 0 && core.isHostEntry(pc)) {
      if (core.callHostEntry(pc)) continue;
      pc = core.pcReg;
    }
    const vpn = pc >>> 12;
    const ti = mmu.fetchCtx + (vpn & TLB_MASK);
    let b = -1;
    if (xTag[ti] === vpn) {
      const key = xOff[ti] + (pc & 0xfff);
      b = hashHead[hashKey(key)];
      while (b >= 0 && bKey[b] !== key) b = hashNext[b];
    }
    const fn = b >= 0 && b !== SCRATCH_BLOCK ? compiled[b] : null;
    if (fn === null) {
      // Not decoded, not compiled yet, or not mapped: the interpreter
      // translates, decodes, counts runs and compiles.
      execute(core, limit);
    } else {
      core.lastBlock = b;
      core.lastBlockPc = pc;
      core.pcReg = fn(pc, core.retired, limit);
    }
    if (core.halted) break;
  }
}
