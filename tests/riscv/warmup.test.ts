/**
 * The RISC-V run loops' warm-up (arch/riscv/warmup.ts): its program runs
 * to its wfi and takes the paths real machines take early that V8's
 * optimized execute() and dispatch() would otherwise meet for the first
 * time after optimizing them (an interrupt, a host entry point, a walk of
 * a block-cache hash chain, a compiled region).
 */
import { hashKey } from '../../arch/riscv/block-cache';
import { RiscvCore } from '../../arch/riscv/core';
import { existingRuntime } from '../../arch/riscv/wasm/runtime';
import { WARM_UP_ROUNDS, WARM_UP_SUBROUTINES, runWarmUpProgram } from '../../arch/riscv/warmup';

describe('riscv warm-up', () => {
  const run = runWarmUpProgram((bus, config) => new RiscvCore(bus, config));
  const core = run.core;

  it('runs to its wfi', () => {
    expect(core.halted).toBe(true);
  });

  it('takes an interrupt and calls the host entry point once per round', () => {
    expect(core.x[29]).toBe(WARM_UP_ROUNDS); // the handler counts interrupts
    expect(run.hostCalls).toBe(WARM_UP_ROUNDS);
  });

  it('decodes two blocks that share a hash slot', () => {
    const [a, b] = WARM_UP_SUBROUTINES;
    expect(hashKey(a)).toBe(hashKey(b));
    expect(core.cache.lookup(a)).toBeGreaterThanOrEqual(0);
    expect(core.cache.lookup(b)).toBeGreaterThanOrEqual(0);
  });

  it('compiles a region', () => {
    expect(existingRuntime(core)?.compiledRegions ?? 0).toBeGreaterThanOrEqual(1);
  });
});
