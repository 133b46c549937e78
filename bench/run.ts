/**
 * `npm run bench`: guest MIPS of the cores on CPU-bound programs. For each
 * RISC-V program in bench/riscv/prebuilt: instructions retired and MIPS per
 * CPU-second (process user + system time, so a busy machine does not skew
 * it; wall-clock MIPS is shown too), the first (cold: decoding and V8
 * warm-up) run and the best of RUNS; and — when qemu-riscv32 is installed —
 * qemu's CPU time on the same ELF and the ratio. The instruction count is
 * the core's (qemu's user mode runs the same instructions).
 *
 *   npm run bench [-- NAME...]   (after npm run build)
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { buildBareMetal } from '../arch/riscv/bare-metal';
import { readImage } from '../host/exec-command';
import { benchX86 } from './x86_64/bench';

const RISCV_DIR = path.join(__dirname, '..', '..', 'bench', 'riscv', 'prebuilt');
const MAX_INSTRUCTIONS = 5e9;
const RUNS = 3;

interface Run {
  status: number | null;
  retired: number;
  cpuSeconds: number;
  wallSeconds: number;
}

interface Result {
  name: string;
  cold: Run;
  best: Run;
  qemuSeconds: number | null;
}

async function runOne(file: string): Promise<Run> {
  const { image } = await readImage(file);
  const m = buildBareMetal(image);
  const wall = performance.now();
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
    cpuSeconds: (used.user + used.system) / 1e6,
    wallSeconds: (performance.now() - wall) / 1000,
  };
}

/** qemu-riscv32's best CPU time (user + system, via /usr/bin/time) or wall time. */
function qemuSeconds(file: string): number | null {
  try {
    execFileSync('qemu-riscv32', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const haveTime = fs.existsSync('/usr/bin/time');
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const r = haveTime
      ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'qemu-riscv32', file], { encoding: 'utf8' })
      : spawnSync('qemu-riscv32', [file], { stdio: 'ignore' });
    if (r.status !== 0) return null;
    let seconds = (performance.now() - start) / 1000;
    if (haveTime) {
      const [user, system] = String(r.stderr).trim().split(/\s+/).slice(-2).map(Number);
      if (Number.isFinite(user) && Number.isFinite(system)) seconds = Math.max(user + system, 0.005);
    }
    best = Math.min(best, seconds);
  }
  return best;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs.existsSync(RISCV_DIR) ? fs.readdirSync(RISCV_DIR).filter((f) => f.endsWith('.elf')).sort() : [];
  const results: Result[] = [];
  for (const f of files) {
    const name = f.replace(/\.elf$/, '');
    if (only.length > 0 && !only.includes(name)) continue;
    const file = path.join(RISCV_DIR, f);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runOne(file));
    const best = runs.reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
    const r: Result = { name, cold: runs[0], best, qemuSeconds: qemuSeconds(file) };
    results.push(r);
    process.stdout.write(line(r) + '\n');
  }
  if (results.length > 0) {
    const total = results.reduce((s, r) => s + r.best.retired, 0);
    const seconds = results.reduce((s, r) => s + r.best.cpuSeconds, 0);
    process.stdout.write(`riscv32 overall: ${(total / 1e6).toFixed(1)} M instructions at ${(total / seconds / 1e6).toFixed(1)} MIPS per CPU-second (target 160); load average ${os.loadavg()[0].toFixed(1)}\n`);
  }
  if (results.some((r) => r.best.status !== 0 || r.cold.status !== 0)) process.exitCode = 1;
  const x86 = await benchX86(only, (text) => process.stdout.write(text + '\n'));
  if (x86.some((r) => r.status !== 0)) process.exitCode = 1;
}

function mips(run: Run, seconds: number): string {
  return (run.retired / seconds / 1e6).toFixed(1).padStart(6);
}

function line(r: Result): string {
  const b = r.best;
  let text = `riscv32 ${r.name.padEnd(8)} ${(b.retired / 1e6).toFixed(1).padStart(7)} M instr  ` +
    `cold ${mips(r.cold, r.cold.cpuSeconds)}  best ${mips(b, b.cpuSeconds)} MIPS/cpu-s (wall ${mips(b, b.wallSeconds)})`;
  if (b.status !== 0) text += `  (exit status ${b.status}: WRONG RESULT)`;
  if (r.qemuSeconds !== null) {
    const ratio = b.cpuSeconds > 0 ? r.qemuSeconds / b.cpuSeconds : 0;
    text += `  | qemu-riscv32 ${mips(b, r.qemuSeconds)} MIPS/cpu-s, jos/qemu ${ratio.toFixed(3)}`;
  }
  return text;
}

main().catch((error) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
