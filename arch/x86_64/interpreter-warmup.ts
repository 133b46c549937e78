/**
 * Warming up the interpreter (interpreter.ts) once per process.
 *
 * runBlocks is one large function. V8 optimizes it with the type feedback
 * gathered so far, and every path reached later without feedback (a new
 * inline form, a TLB miss, a page-crossing access) deoptimizes it; V8 then
 * recompiles the whole function, 50-150 ms of CPU each time, a dozen
 * times in a program's first million instructions. The warm-up program
 * (interpreter-warmup.S, assembled into interpreter-warmup-code.ts) takes
 * every inline form of fast-kinds.ts and the slow paths once, on a
 * scratch core, at the first run() of the process (core.ts): V8 then has
 * the feedback before it first optimizes runBlocks. One pass of about
 * 2800 instructions on a core with a small block cache and a JIT tier that
 * compiles only the program's two hot loops costs a boot about 30 ms of CPU
 * (most of it the process's first wasm compile) and does not itself make
 * V8 optimize runBlocks (more passes do: docs/cores/x86_64.md, "Warm-up").
 * It changes no state of any other core.
 */
import { Bus } from '../../platform/bus/bus';
import type { X86Core } from './core';
import { WARMUP_CODE_AT, WARMUP_CODE_HEX, WARMUP_DATA_AT, WARMUP_DATA_HEX } from './interpreter-warmup-code';

/** 1 MiB of RAM at 2 GiB: RIPs and addresses beyond 2^31, as the kernel's. */
const RAM_AT = 0x8000_0000;
const RAM = 1 << 20;
/** Where each pass runs the (position-independent) program: the RAM, and
 * aliases of it at 1 MiB (RIPs and data below 2^31, as user programs') and
 * at 4 GiB (beyond 2^32: the double page arithmetic, as the kernel's
 * high-half addresses). */
const PASS_AT = [RAM_AT, 0x10_0000, 0x1_0000_0000];
const STACK_TOP = 0x8002_0000n;
/** Far more than a pass takes (about 1700 instructions). */
const BUDGET = 100_000;
/** Instructions per run() call: short runs call runBlocks many times, and
 * V8 allocates a function's feedback vector (where type feedback goes)
 * only after it has been called a number of times. */
const SLICE = 32;

/**
 * X86Core's number fields that hold doubles in a real run (values beyond
 * int32: addresses at 2^31 or more; the wasm runtime's flag block, a
 * Float64Array, stores HeapNumbers). V8 gives a field one representation
 * for every object of a map; the first double stored in a field that held
 * only small integers changes it and deprecates every X86Core map. Feedback
 * recorded on the old map until then (the warm-up's) is dropped at the next
 * GC wherever the real core has not run since, and runBlocks then
 * deoptimizes there ("insufficient type feedback"; a compile running at
 * that moment is thrown away: "Maps became deprecated during
 * optimization"). So the warm-up stores a double into each first: the
 * representation is final before runBlocks records any feedback. Found
 * with `node --trace-generalization` (the "(+N maps)" lines of X86Core's
 * fields) on Doom and the bench programs.
 */
const DOUBLE_FIELDS = ['rip', 'nextRip', 'addr', 'cr2', 'cr3', 'fsBase', 'gsBase', 'kernelGsBase', 'fop', 'fsz', 'fres', 'fresH', 'fa', 'faH', 'fb', 'fbH', 'fcin', 'fcf', 'fof', 'faf', 'flags'] as const;

/** Gives `core`'s DOUBLE_FIELDS their final representation; their values
 * are unchanged. */
function settleFieldRepresentations(core: X86Core): void {
  const fields = core as unknown as Record<(typeof DOUBLE_FIELDS)[number], number>;
  for (const name of DOUBLE_FIELDS) {
    const value = fields[name];
    fields[name] = 0.5;
    fields[name] = value;
  }
}

let warm = false;

/** Whether the warm-up has run in this process. */
export function interpreterWarm(): boolean {
  return warm;
}

/** Runs the warm-up program once per process, one pass on a core from
 * `make`; not with JOS_NO_WARM_UP=1 in the environment (to measure what
 * it costs and saves: docs/cores/x86_64.md, "Warm-up"). */
export function warmUpInterpreter(make: (bus: Bus) => X86Core): void {
  if (warm) return;
  warm = true;
  if (process.env.JOS_NO_WARM_UP === '1') return;
  runWarmUpProgram(make, 1);
}

/** Runs the warm-up program `passes` times on one new core from `make`,
 * each pass from a fresh copy with empty TLB and block cache (so its
 * first touches take the slow paths again); returns the core, stopped
 * at the program's final #GP (tests look at it). */
export function runWarmUpProgram(make: (bus: Bus) => X86Core, passes = 1): X86Core {
  const bus = new Bus(RAM, 'open-bus');
  PASS_AT.forEach((at, n) => bus.mapRam(`ram${n}`, at, RAM, 0));
  // and 2^32 up: the same block-cache hash slot as RAM_AT (the program's
  // alias call)
  bus.mapRam('ram-alias', RAM_AT + 2 ** 32, RAM, 0);
  const core = make(bus);
  settleFieldRepresentations(core);
  // The program ends with a #GP on purpose: stop there.
  let ended = false;
  core.onException = () => {
    ended = true;
    return true;
  };
  const code = Buffer.from(WARMUP_CODE_HEX, 'hex');
  const data = Buffer.from(WARMUP_DATA_HEX, 'hex');
  for (let pass = 0; pass < passes; pass++) {
    bus.u8.set(code, WARMUP_CODE_AT - RAM_AT);
    bus.u8.set(data, WARMUP_DATA_AT - RAM_AT);
    bus.noteRamWrite(0, RAM);
    core.mmu.flush();
    core.cache.flush();
    core.setGpr(4, STACK_TOP);
    core.rip = WARMUP_CODE_AT - RAM_AT + PASS_AT[pass % PASS_AT.length];
    core.halted = false;
    ended = false;
    for (let n = 0; !ended && n < BUDGET; n += SLICE) {
      // Every other slice with the interrupt line raised: IF stays clear
      // (the program never sets it), so nothing is delivered, but the
      // checks between blocks (interpreter.ts needsAttention) read the
      // flags after the line, as a real core's do once a device raises it
      // (without it Doom deoptimized runBlocks there: "insufficient type
      // feedback").
      core.intrLine = (n & SLICE) !== 0;
      core.run(SLICE);
    }
    core.intrLine = false;
  }
  return core;
}
