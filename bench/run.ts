/**
 * `npm run bench`: guest MIPS of the cores on CPU-bound programs. For each
 * RISC-V program in bench/riscv/prebuilt: instructions retired, wall time,
 * MIPS, and — when qemu-riscv32 is installed — qemu's wall time on the same
 * ELF and the ratio. The instruction count is the core's (qemu's user mode
 * runs the same instructions; its MIPS = that count / its time).
 *
 *   npm run bench [-- NAME...]   (after npm run build)
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { buildBareMetal } from '../arch/riscv/bare-metal';
import { readImage } from '../host/exec-command';
import { benchX86 } from './x86_64/bench';

const RISCV_DIR = path.join(__dirname, '..', '..', 'bench', 'riscv', 'prebuilt');
const MAX_INSTRUCTIONS = 5e9;

interface Result {
  name: string;
  status: number | null;
  retired: number;
  seconds: number;
  qemuSeconds: number | null;
}

async function runOne(file: string): Promise<{ status: number | null; retired: number; seconds: number }> {
  const { image } = await readImage(file);
  const m = buildBareMetal(image);
  const start = performance.now();
  while (m.htif?.exitStatus == null && m.core.retired < MAX_INSTRUCTIONS) {
    const outcome = m.machine.step(1 << 24);
    if (outcome === 'idle') m.machine.jumpToNextEvent();
    else if (outcome === 'stopped') break;
  }
  return { status: m.htif?.exitStatus ?? null, retired: m.core.retired, seconds: (performance.now() - start) / 1000 };
}

function qemuSeconds(file: string): number | null {
  try {
    execFileSync('qemu-riscv32', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const r = spawnSync('qemu-riscv32', [file], { stdio: 'ignore' });
    if (r.status !== 0) return null;
    best = Math.min(best, (performance.now() - start) / 1000);
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
    const run = await runOne(file);
    results.push({ name, ...run, qemuSeconds: qemuSeconds(file) });
    const r = results[results.length - 1];
    process.stdout.write(line(r) + '\n');
  }
  const total = results.reduce((s, r) => s + r.retired, 0);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  process.stdout.write(`riscv32 total: ${(total / 1e6).toFixed(1)} M instructions, ${(total / seconds / 1e6).toFixed(1)} MIPS (target 160)\n`);
  if (results.some((r) => r.status !== 0)) process.exitCode = 1;
  const x86 = await benchX86(only, (text) => process.stdout.write(text + '\n'));
  if (x86.some((r) => r.status !== 0)) process.exitCode = 1;
}

function line(r: Result): string {
  const mips = r.retired / r.seconds / 1e6;
  let text = `riscv32 ${r.name.padEnd(8)} ${(r.retired / 1e6).toFixed(1).padStart(8)} M instr  ${r.seconds.toFixed(2).padStart(6)} s  ${mips.toFixed(1).padStart(7)} MIPS`;
  if (r.status !== 0) text += `  (exit status ${r.status}: WRONG RESULT)`;
  if (r.qemuSeconds !== null) {
    const qemuMips = r.retired / r.qemuSeconds / 1e6;
    text += `  | qemu-riscv32 ${r.qemuSeconds.toFixed(2)} s ${qemuMips.toFixed(0)} MIPS, jos/qemu ${(mips / qemuMips).toFixed(3)}`;
  }
  return text;
}

main().catch((error) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
