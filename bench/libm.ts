/**
 * The libc floating-point part of `npm run bench`: userland/bench/mathbench.c
 * measures nanoseconds per call (process CPU time) of libm functions,
 * printf's %.17g and %.3f, and strtod. Its prebuilt x86_64 ELF (JOS's libc)
 * runs natively on the host, and the same source compiled with the host gcc
 * against glibc runs next to it; reported: both figures and jos/glibc per
 * function, and the geometric means for libm and for printf/strtod.
 * Skipped with a message when the host is not linux/x64 or has no gcc.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const USERLAND = path.join(__dirname, '..', '..', 'userland');
const SOURCE = path.join(USERLAND, 'bench', 'mathbench.c');
const JOS_ELF = path.join(USERLAND, 'prebuilt', 'x86_64', 'usr', 'libexec', 'jos-bench', 'mathbench');
/** Runs of each binary; each function's best (least time) is kept. */
const RUNS = 3;

export interface LibmBenchRow {
  name: string;
  josNs: number;
  glibcNs: number;
}

/** name -> best ns per call over RUNS runs of argv. */
function measure(argv: string[]): Map<string, number> {
  const best = new Map<string, number>();
  for (let i = 0; i < RUNS; i++) {
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
    const glibc = measure([glibcBinary]);
    const jos = measure([JOS_ELF]);
    const rows = [...jos].map(([name, josNs]) => ({ name, josNs, glibcNs: glibc.get(name) ?? NaN }));
    for (const r of rows) {
      write(`libm ${r.name.padEnd(13)} jos ${r.josNs.toFixed(1).padStart(8)} ns  glibc ${r.glibcNs.toFixed(1).padStart(7)} ns  jos/glibc ${(r.josNs / r.glibcNs).toFixed(2)}`);
    }
    const ratio = (pick: (r: LibmBenchRow) => boolean) => geomean(rows.filter(pick).map((r) => r.josNs / r.glibcNs));
    const isText = (r: LibmBenchRow) => r.name.startsWith('printf') || r.name === 'strtod';
    write(`libm overall: jos/glibc time ${ratio((r) => !isText(r)).toFixed(2)} (geometric mean, libm functions); ` +
      `printf/strtod ${ratio(isText).toFixed(2)}; load average ${os.loadavg()[0].toFixed(1)}`);
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
