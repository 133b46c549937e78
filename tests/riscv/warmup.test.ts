/**
 * The RISC-V run loops' warm-up (arch/riscv/warmup.ts): its program runs
 * to its wfi and takes the paths real machines take early that V8's
 * optimized execute() and dispatch() would otherwise meet for the first
 * time after optimizing them (an interrupt, a host entry point, a walk of
 * a block-cache hash chain, a compiled region).
 */
import { hashKey } from '../../arch/riscv/block-cache';
import type { RiscvConfig } from '../../arch/riscv/config';
import { RiscvCore } from '../../arch/riscv/core';
import type { Bus } from '../../platform/bus';
import { linkSlot } from '../../arch/riscv/wasm/links';
import { existingRuntime } from '../../arch/riscv/wasm/runtime';
import {
  LINK_SLOT_TWIN, WARM_UP_RETIRED, WARM_UP_ROUNDS, WARM_UP_SUBROUTINES, runWarmUpProgram,
} from '../../arch/riscv/warmup';

describe.each(['standard', 'esp32c3'] as const)('riscv warm-up (%s interrupts)', (model) => {
  const run = runWarmUpProgram((bus, config) => new RiscvCore(bus, config), model);
  const core = run.core;

  it('runs to its wfi', () => {
    expect(core.halted).toBe(true);
  });

  it('takes an interrupt and calls the host entry point once per round', () => {
    expect(core.config.interruptModel).toBe(model);
    expect(core.x[29]).toBe(WARM_UP_ROUNDS); // the handler counts interrupts
    expect(run.hostCalls).toBe(WARM_UP_ROUNDS);
    expect(run.acks).toBe(WARM_UP_ROUNDS);
  });

  it('counts retired instructions beyond the small-integer range', () => {
    expect(WARM_UP_RETIRED).toBeGreaterThan(2 ** 31);
    expect(core.retired).toBeGreaterThan(WARM_UP_RETIRED);
    // The counters read from it: cycle's high word is 2 (2^33).
    expect(core.x[13]).toBe(WARM_UP_RETIRED / 2 ** 32);
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

  it('calls a region whose links index pair another region took', () => {
    for (let key = 0x1000; key < 0x2800; key += 4) expect(linkSlot(key ^ LINK_SLOT_TWIN)).toBe(linkSlot(key));
    expect(existingRuntime(core)?.links.relinks ?? 0).toBeGreaterThanOrEqual(1);
  });
});

describe('riscv warm-up once per process', () => {
  it('is left out with JOS_NO_WARM_UP=1 (to measure it), and runs once otherwise', () => {
    const saved = process.env.JOS_NO_WARM_UP;
    try {
      for (const [env, made] of [['1', 0], [undefined, 1]] as const) {
        if (env === undefined) delete process.env.JOS_NO_WARM_UP;
        else process.env.JOS_NO_WARM_UP = env;
        jest.isolateModules(() => {
          const w = require('../../arch/riscv/warmup') as typeof import('../../arch/riscv/warmup');
          const make = jest.fn((bus: Bus, config: RiscvConfig) => new RiscvCore(bus, config));
          w.warmUp(make);
          w.warmUp(make);
          expect({ env, made: make.mock.calls.length }).toEqual({ env, made });
        });
      }
    } finally {
      if (saved === undefined) delete process.env.JOS_NO_WARM_UP;
      else process.env.JOS_NO_WARM_UP = saved;
    }
  });
});
