/**
 * The libc floating-point part of `npm run bench`: userland/bench/mathbench.c
 * measures nanoseconds per call (process CPU time) of libm functions,
 * printf's %.17g and %.3f, and strtod. Its prebuilt x86_64 ELF (JOS's libc)
 * runs natively on the host, and the same source compiled with the host gcc
 * against glibc runs next to it; reported: both figures and jos/glibc per
 * function, and the geometric means for libm and for printf/strtod.
 * The same two binaries then run under qemu-x86_64 (emulated SSE2: the
 * ratio as a guest sees it), and JOS's riscv32 ELF under qemu-riscv32
 * (soft-float; no glibc for riscv32 here, so its figures stand alone).
 * Skipped with a message when the host is not linux/x64 or has no gcc;
 * the qemu rows when qemu-user is not installed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const USERLAND = path.join(__dirname, '..', '..', 'userland');
const SOURCE = path.join(USERLAND, 'bench', 'mathbench.c');
const JOS_ELF = path.join(USERLAND, 'prebuilt', 'x86_64', 'usr', 'libexec', 'jos-bench', 'mathbench');
const JOS_RISCV_ELF = path.join(USERLAND, 'prebuilt', 'riscv32', 'usr', 'libexec', 'jos-bench', 'mathbench');
/** Runs of each binary; each function's best (least time) is kept. */
const RUNS = 3;

export interface LibmBenchRow {
  name: string;
  josNs: number;
  glibcNs: number;
}

/** name -> best ns per call over `runs` runs of argv. */
function measure(argv: string[], runs = RUNS): Map<string, number> {
  const best = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${argv[0]} exited with ${r.status}: ${r.stderr}`);
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      const [name, ns] = line.split(' ');
      best.set(name, Math.min(best.get(name) ?? Infinity, Number(ns)));
    }
  }
  return best;
}

const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

/** Whether a command runs (qemu-user's tools print their version). */
const installed = (command: string) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;

/** Prints one line per function and the geometric means; returns the rows. */
function compare(label: string, jos: Map<string, number>, glibc: Map<string, number>, write: (text: string) => void): LibmBenchRow[] {
  const rows = [...jos].map(([name, josNs]) => ({ name, josNs, glibcNs: glibc.get(name) ?? NaN }));
  for (const r of rows) {
    write(`${label} ${r.name.padEnd(13)} jos ${r.josNs.toFixed(1).padStart(8)} ns  glibc ${r.glibcNs.toFixed(1).padStart(7)} ns  jos/glibc ${(r.josNs / r.glibcNs).toFixed(2)}`);
  }
  const ratio = (pick: (r: LibmBenchRow) => boolean) => geomean(rows.filter(pick).map((r) => r.josNs / r.glibcNs));
  const isText = (r: LibmBenchRow) => r.name.startsWith('printf') || r.name === 'strtod';
  write(`${label} overall: jos/glibc time ${ratio((r) => !isText(r)).toFixed(2)} (geometric mean, libm functions); ` +
    `printf/strtod ${ratio(isText).toFixed(2)}; load average ${os.loadavg()[0].toFixed(1)}`);
  return rows;
}

export function benchLibm(write: (text: string) => void): LibmBenchRow[] {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    write(`libm: skipped (needs a linux/x64 host to run the x86_64 ELF natively; this is ${process.platform}/${process.arch})`);
    return [];
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-mathbench-'));
  try {
    const glibcBinary = path.join(dir, 'mathbench-glibc');
    const cc = spawnSync('gcc', ['-O2', '-fno-builtin', '-o', glibcBinary, SOURCE, '-lm'], { encoding: 'utf8' });
    if (cc.error || cc.status !== 0) {
      write(`libm: skipped (gcc could not build the glibc reference: ${cc.error?.message ?? cc.stderr.trim()}; apt-get install gcc)`);
      return [];
    }
    const rows = compare('libm', measure([JOS_ELF]), measure([glibcBinary]), write);
    if (installed('qemu-x86_64')) {
      compare('libm qemu-x86_64', measure(['qemu-x86_64', JOS_ELF], 1), measure(['qemu-x86_64', glibcBinary], 1), write);
    } else write('libm qemu-x86_64: skipped (qemu-x86_64 not installed: apt-get install qemu-user)');
    if (installed('qemu-riscv32')) {
      for (const [name, ns] of measure(['qemu-riscv32', JOS_RISCV_ELF], 1)) {
        write(`libm qemu-riscv32 ${name.padEnd(13)} jos ${ns.toFixed(1).padStart(8)} ns (soft-float)`);
      }
    } else write('libm qemu-riscv32: skipped (qemu-riscv32 not installed: apt-get install qemu-user)');
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
