/** Test helper: run a bare-metal rv32 ELF on the core, as `jos exec` does. */
import { buildBareMetal, BareMetalMachine } from '../../arch/riscv/bare-metal';
import { readImage } from '../../host/exec-command';

export interface ElfRun {
  /** tohost exit status, or null when the budget ran out first. */
  status: number | null;
  retired: number;
  console: string;
  machine: BareMetalMachine;
}

/** The tiers a test can ask for: the interpreter; the JIT compiling each
 * block at its first run (regions of the blocks decoded before it); the JIT
 * compiling at the second run (regions holding whole loops, which then run
 * inside one function); each JIT tier with both backends, JavaScript
 * (jit.ts) and WebAssembly (wasm/). */
export const TIERS = {
  interpreter: { jit: false },
  jit: { jit: true, jitThreshold: 1, jitBackend: 'js' as const },
  regions: { jit: true, jitThreshold: 2, jitBackend: 'js' as const },
  wasm: { jit: true, jitThreshold: 1, jitBackend: 'wasm' as const },
  'wasm-regions': { jit: true, jitThreshold: 2, jitBackend: 'wasm' as const },
} as const;
export type Tier = keyof typeof TIERS;

export async function runElf(path: string, maxInstructions = 5_000_000, tier: Tier = 'interpreter'): Promise<ElfRun> {
  const { image } = await readImage(path);
  let console = '';
  const m = buildBareMetal(image, (b) => (console += String.fromCharCode(b)), TIERS[tier]);
  while (m.htif?.exitStatus == null && m.core.retired < maxInstructions) {
    const outcome = m.machine.step(Math.min(1 << 16, maxInstructions - m.core.retired));
    if (outcome === 'idle') m.machine.jumpToNextEvent();
    else if (outcome === 'stopped') break;
  }
  return { status: m.htif?.exitStatus ?? null, retired: m.core.retired, console, machine: m };
}
