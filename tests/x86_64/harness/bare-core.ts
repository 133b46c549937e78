/**
 * A bare x86_64 core for the core's own tests (interpreter.test.ts,
 * jit.test.ts): RAM from address 0, a program at `codeAt`, RSP at 0x80000,
 * and an exception observer that stops the run at the first fault. The
 * tests run it to its end and compare what `observe` returns.
 */
import { X86Core, X86CoreOptions } from '../../../arch/x86_64/core';
import { Bus } from '../../../platform/bus/bus';

export interface BareCore {
  core: X86Core;
  bus: Bus;
  /** The vector of the fault that stopped the run, or -1. */
  vector(): number;
}

/** What every comparison looks at: registers, RIP, retired count, RFLAGS
 * and the fault vector. */
export interface CoreState {
  regs: bigint[];
  rip: number;
  retired: number;
  rflags: number;
  vector: number;
}

export function bareCore(code: Uint8Array, codeAt: number, ramBytes: number, options: X86CoreOptions): BareCore {
  const bus = new Bus(ramBytes, 'open-bus');
  bus.mapRam('ram', 0, ramBytes, 0);
  const core = new X86Core(bus, options);
  let vector = -1;
  core.onException = (v) => {
    vector = v;
    return true;
  };
  bus.u8.set(code, codeAt);
  bus.noteRamWrite(codeAt, code.length);
  core.setGpr(4, 0x80000n);
  core.rip = codeAt;
  core.halted = false;
  return { core, bus, vector: () => vector };
}

/** Runs until hlt, a fault or `budget` instructions, in slices of `slice`. */
export function runToEnd(b: BareCore, budget: number, slice = budget): void {
  const core = b.core;
  while (!core.halted && b.vector() < 0 && core.retired < budget) core.run(Math.min(slice, budget - core.retired));
}

export function coreState(b: BareCore): CoreState {
  const core = b.core;
  const regs: bigint[] = [];
  for (let r = 0; r < 16; r++) regs.push(core.getGpr(r));
  return { regs, rip: core.rip, retired: core.retired, rflags: core.getRflags(), vector: b.vector() };
}
