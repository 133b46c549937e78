/**
 * The RISC-V JIT tier's WebAssembly backend (config.jitBackend = 'wasm'):
 * hot regions compiled to wasm modules instead of JavaScript functions,
 * with the same contract as jit.ts's compileBlock. docs/cores/riscv.md,
 * "The wasm backend".
 */
import type { CompiledBlock, JitContext } from '../jit';
import { compileWasmRegion } from './region';
import { runtimeOf } from './runtime';

/** Compiles the region headed by block `b` (the interpreter's call; a
 * region's rebuild calls compileWasmRegion itself). */
export function compileWasm(ctx: JitContext, b: number, alignMask: number, pc: number): CompiledBlock {
  const rt = runtimeOf(ctx);
  // Modules of regions dropped one by one live as long as the links'
  // table: past a bound, every region goes (and the table with them).
  // Only here, where no region is running: a rebuild runs inside one,
  // which may still link through the table it imported.
  if (rt.links.tooManyDead) ctx.core.cache.dropCompiled();
  return compileWasmRegion(rt, b, alignMask, pc);
}
