/**
 * `npm run bench`: guest MIPS of the cores on CPU-bound programs. For each
 * RISC-V program in bench/riscv/prebuilt: instructions retired and MIPS per
 * CPU-second (process user + system time, so a busy machine does not skew
 * it; wall-clock MIPS is shown too), the first (cold: decoding and V8
 * warm-up) run and the best of RUNS; and — when qemu-riscv32 is installed —
 * qemu's CPU time on the same ELF and the ratio. The instruction count is
 * the core's (qemu's user mode runs the same instructions).
 *
 * Then the x86_64 loop programs (bench/x86_64/bench.ts) and the real
 * programs on both boards against qemu-user (bench/real-programs.ts),
 * the libc's floating point against glibc (bench/libm.ts), and ext2 on
 * both boards against the host's file system (bench/fs.ts), and IPC
 * (context switches, pipe, UNIX socket and futex round trips: bench/ipc.ts).
 *
 *   npm run bench [-- SUITE...] [-- NAME...]   (after npm run build)
 *   suites: startup, riscv, x86, real, libm, doom, fs, ipc
 *
 * `npm run bench -- real doom` also prints each board's mean over the real
 * programs and Doom's timedemo together (issue 16's targets).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { buildBareMetal } from '../arch/riscv/bare-metal';
import { readImage } from '../host/exec-command';
import { RealResult, benchReal, printOverallWithDoom } from './real-programs';
import { benchLibm } from './libm';
import { benchX86 } from './x86_64/bench';
import { benchStartup } from './startup';
import { benchDoom } from './doom';
import { benchFs } from './fs';
import { benchIpc } from './ipc';

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

/** The riscv32 loop programs (bench/riscv) on the bare-metal core. */
async function benchRiscvLoops(only: string[], print: (line: string) => void): Promise<boolean> {
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
    print(line(r));
  }
  if (results.length > 0) {
    const total = results.reduce((s, r) => s + r.best.retired, 0);
    const seconds = results.reduce((s, r) => s + r.best.cpuSeconds, 0);
    print(`riscv32 overall: ${(total / 1e6).toFixed(1)} M instructions at ${(total / seconds / 1e6).toFixed(1)} MIPS per CPU-second (target 160); load average ${os.loadavg()[0].toFixed(1)}`);
  }
  return !results.some((r) => r.best.status !== 0 || r.cold.status !== 0);
}

/**
 * The suites, in the order they run. A suite takes the program names given
 * on the command line (empty: all of its programs) and returns false when
 * a program failed. To add one: a file under bench/ exporting such a
 * function, and a line here.
 */
/** What the real and doom suites measured, for the combined means. */
const measured: { real: RealResult[]; doom: Record<string, number> } = { real: [], doom: {} };

const SUITES: Record<string, (only: string[], print: (line: string) => void) => Promise<boolean>> = {
  // Start-up time next to node -e 0 (bench/startup.ts); its targets are
  // reported, not failed on.
  startup: async (_only, print) => (await benchStartup(print), true),
  riscv: benchRiscvLoops,
  x86: async (only, print) => (await benchX86(only, print)).every((r) => r.status === 0),
  real: async (only, print) => {
    measured.real = benchReal(only, print);
    return measured.real.every((r) => !r.wrong);
  },
  libm: async (_only, print) => {
    benchLibm(print);
    return true;
  },
  // Doom's timedemo natively and on both boards (bench/doom.ts); skipped
  // until npm run doom:build has run.
  doom: async (_only, print) => {
    const result = await benchDoom(print);
    measured.doom = result.josOverQemu;
    return result.ok;
  },
  // ext2 on both boards against the host's file system (bench/fs.ts).
  fs: async (_only, print) => benchFs(print),
  // Context switches and round trips over pipe, UNIX socket and futex on
  // both boards, natively and under qemu-riscv32 (bench/ipc.ts).
  ipc: async (_only, print) => benchIpc(print),
};

/** `npm run bench [-- SUITE...] [-- NAME...]`: suite names pick suites,
 * other words pick programs within them. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const suites = args.filter((a) => a in SUITES);
  const only = args.filter((a) => !(a in SUITES));
  const print = (text: string) => process.stdout.write(text + '\n');
  for (const [name, suite] of Object.entries(SUITES)) {
    if (suites.length > 0 && !suites.includes(name)) continue;
    if (!(await suite(only, print))) process.exitCode = 1;
  }
  // Both suites in one run: the means over every real workload.
  printOverallWithDoom(measured.real, measured.doom, print);
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
