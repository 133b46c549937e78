/**
 * The x86_64 part of `npm run bench`: each program of bench/x86_64/prebuilt
 * (bench/riscv's C sources built with the host gcc) runs on the core under
 * the `jos exec` machine twice — the interpreter alone (`--no-jit`) and
 * with the JIT tier — and natively on the host (the same ELF: it ends with
 * the Linux exit call). Reported per tier, from the first and the best
 * of RUNS runs: instructions retired, time, guest MIPS, and the ratio to native speed (native MIPS = the same
 * instruction count over the native time, start-up cost subtracted). Time
 * is process CPU time (user + system), so other load on the machine skews
 * it less; the load average is printed with the totals.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { buildX86BareMetal } from '../../arch/x86_64/bare-metal';
import { readImage } from '../../host/exec-command';

export const X86_BENCH_DIR = path.join(__dirname, '..', '..', '..', 'bench', 'x86_64', 'prebuilt');
const MAX_INSTRUCTIONS = 5e9;
/** Runs per program and tier; the best (least CPU time) is reported with
 * the first (cold: decoding, compiling, V8 warm-up). */
const RUNS = 2;
/** The core's target on integer code (issue 4). */
export const X86_TARGET_MIPS = 120;

/** The two tiers measured. */
export const X86_TIERS = ['interp', 'jit'] as const;
export type X86Tier = (typeof X86_TIERS)[number];

export interface X86BenchResult {
  name: string;
  tier: X86Tier;
  status: number | null;
  retired: number;
  /** CPU seconds (user + system) of the best run. */
  seconds: number;
  wallSeconds: number;
  /** CPU seconds of the first run. */
  coldSeconds: number;
  nativeSeconds: number | null;
}

export async function runX86Program(
  file: string,
  tier: X86Tier = 'jit',
): Promise<{ status: number | null; retired: number; seconds: number; wallSeconds: number }> {
  const { image } = await readImage(file);
  const m = buildX86BareMetal(image, undefined, undefined, { jit: tier === 'jit' });
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (m.htif?.exitStatus == null && m.core.retired < MAX_INSTRUCTIONS) {
    const outcome = m.machine.step(1 << 24);
    if (outcome === 'idle') m.machine.jumpToNextEvent();
    else if (outcome === 'stopped') break;
  }
  const used = process.cpuUsage(cpu);
  return {
    status: m.htif?.exitStatus ?? null,
    retired: m.core.retired,
    seconds: (used.user + used.system) / 1e6,
    wallSeconds: (performance.now() - start) / 1000,
  };
}

/** Best-of-n wall time of a native run, or null when it cannot run here. */
function nativeTime(file: string, runs = 7): number | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(file, [], { stdio: 'ignore' });
    if (r.status !== 0) return null;
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return best;
}

/** Runs the x86_64 bench programs (all, or those named in `only`),
 * writing one line per program and a total; returns the results. */
export async function benchX86(only: readonly string[], write: (line: string) => void): Promise<X86BenchResult[]> {
  const files = fs.existsSync(X86_BENCH_DIR) ? fs.readdirSync(X86_BENCH_DIR).filter((f) => f.endsWith('.elf')).sort() : [];
  const baseline = nativeTime(path.join(X86_BENCH_DIR, 'baseline.native'), 15);
  const results: X86BenchResult[] = [];
  for (const f of files) {
    const name = f.replace(/\.elf$/, '');
    if (only.length > 0 && !only.includes(name)) continue;
    const file = path.join(X86_BENCH_DIR, f);
    const native = nativeTime(file);
    const nativeSeconds = native === null || baseline === null ? native : Math.max(native - baseline, 1e-6);
    for (const tier of X86_TIERS) {
      const runs = [];
      for (let k = 0; k < RUNS; k++) runs.push(await runX86Program(file, tier));
      const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const status = runs.every((x) => x.status === 0) ? best.status : runs.find((x) => x.status !== 0)!.status;
      const r: X86BenchResult = { name, tier, ...best, status, coldSeconds: runs[0].seconds, nativeSeconds };
      results.push(r);
      write(line(r));
    }
  }
  for (const tier of X86_TIERS) {
    const mine = results.filter((r) => r.tier === tier);
    if (mine.length === 0) continue;
    const total = mine.reduce((s, r) => s + r.retired, 0);
    const seconds = mine.reduce((s, r) => s + r.seconds, 0);
    const label = tier === 'jit' ? 'JIT        ' : 'interpreter';
    write(
      `x86_64 total (${label}): ${(total / 1e6).toFixed(1)} M instructions, ${(total / seconds / 1e6).toFixed(1)} MIPS per CPU-second ` +
        `(target ${X86_TARGET_MIPS}); load average ${os.loadavg()[0].toFixed(1)}`,
    );
  }
  return results;
}

function line(r: X86BenchResult): string {
  const mips = r.retired / r.seconds / 1e6;
  let text =
    `x86_64 ${r.tier.padEnd(6)} ${r.name.padEnd(8)} ${(r.retired / 1e6).toFixed(1).padStart(8)} M instr  ` +
    `cold ${(r.retired / r.coldSeconds / 1e6).toFixed(1).padStart(6)}  best ${mips.toFixed(1).padStart(6)} MIPS/cpu-s (${r.seconds.toFixed(2)} s, wall ${(r.retired / r.wallSeconds / 1e6).toFixed(1)})`;
  if (r.status !== 0) text += `  (exit status ${r.status}: WRONG RESULT)`;
  if (r.nativeSeconds !== null) {
    const nativeMips = r.retired / r.nativeSeconds / 1e6;
    text += `  | native ${(r.nativeSeconds * 1000).toFixed(1)} ms ${nativeMips.toFixed(0)} MIPS, jos/native ${(mips / nativeMips).toFixed(4)}`;
  }
  return text;
}
