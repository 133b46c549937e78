/**
 * The x86_64 JIT tier's WebAssembly backend (`--jit-backend wasm`): hot
 * regions compiled to wasm modules instead of JavaScript functions, with
 * the same BlockFn contract (jit/emitter.ts). docs/cores/x86_64.md, "The
 * wasm backend".
 */
import type { BlockCache } from '../block-cache';
import type { X86Core } from '../core';
import type { BlockFn, JitLinks } from '../jit/emitter';
import { buildRegion } from './region';
import { selectRegion } from './region-select';
import { RegionRun, runtimeOf } from './runtime';

/** Compiles the region headed by block `head` of the core's cache. */
export function compileWasmRegion(core: X86Core, cache: BlockCache, head: number, links: JitLinks): BlockFn {
  const rt = runtimeOf(core);
  // Modules of regions dropped one by one live as long as the links'
  // table: past a bound, every region goes (and the table with them).
  if (rt.links.tooManyDead) core.jit!.clear();
  // Heat: the blocks' run counts while interpreted (region-select.ts).
  const hits = core.jit!.hits;
  const blocks = selectRegion(cache, head, (id) => hits[id]);
  const pageOff = cache.blkPhys[head] % 4096;
  const built = buildRegion(cache.d, blocks, rt.layout, pageOff, rt.memoryPages, rt.profile !== null);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(built.bytes), rt.imports(built.tables, core.bus.memory));
  rt.compiledRegions++;
  rt.lowered += built.lowered;
  rt.handled += built.handled;
  return rt.wrap(instance.exports.run as RegionRun, built.tables, links);
}

