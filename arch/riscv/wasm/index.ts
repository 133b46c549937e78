/**
 * The RISC-V JIT tier's WebAssembly backend (config.jitBackend = 'wasm'):
 * hot regions compiled to wasm modules instead of JavaScript functions,
 * with the same contract as jit.ts's compileBlock. docs/cores/riscv.md,
 * "The wasm backend".
 */
import type { CompiledBlock, JitContext } from '../jit';
import { compileWasmRegion } from './region';
import { runtimeOf } from './runtime';

export function compileWasm(ctx: JitContext, b: number, alignMask: number, pc: number): CompiledBlock {
  return compileWasmRegion(runtimeOf(ctx), b, alignMask, pc);
}
