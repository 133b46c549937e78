/**
 * The real-program part of `npm run bench`: userland/bench's workloads (an
 * LZ77 compressor, a bytecode interpreter running a script, a sort of
 * records with 16-bit keys, checksums over files, a mix of list, matrix,
 * state-machine and CRC kernels), as the committed
 * userland ELFs /usr/libexec/jos-bench/*, and two programs whose hot code
 * comes from Debian's sources (bzip2's library under userland/bench/deb's
 * driver, Lua's interpreter running userland/bench/deb/bench.lua; built
 * into build/bench-deb/ by `npm run bench:deb-build`, left out with a
 * message when not built), each run in the same session
 *
 *   - x86_64: natively, under qemu-x86_64, and on the pc board (`jos run`,
 *     default tier and `--no-jit`);
 *   - riscv32: under qemu-riscv32 and on the esp32c3 board (default tier
 *     and `--no-jit`);
 *
 * interleaved (round 1 runs every program on every runner, then round 2...)
 * so that load on the shared machine falls on all runners alike. Reported:
 * the median wall-clock time of each, and the ratio qemu-user time / JOS
 * time (the speed of JOS relative to qemu's TCG JIT on the same binary),
 * whole process and without the board's boot (the median time of
 * /bin/hello on the same board and tier, measured in the same rounds).
 * Every run's output must equal qemu's byte for byte, or the line says
 * WRONG OUTPUT and the bench fails.
 *
 * Each run's peak host memory (max RSS, through GNU time:
 * bench/measured-run.ts) is shown too, and for each board runner the
 * largest of its runs against the target: the board's guest RAM + 150 MB.
 *
 *   npm run bench -- real [PROGRAM...]      BENCH_ROUNDS=N (default 3)
 *
 * BENCH_RUNNERS=pc,qemu-x86_64,... keeps only the named runners (comma
 * separated, as printed), e.g. one board's columns on a loaded machine.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findBoard } from '../boards';
import { GNU_TIME, haveGnuTime, megabytes, runMeasured } from './measured-run';

const ROOT = path.join(__dirname, '..', '..');
const JOS = path.join(ROOT, 'bin', 'jos.js');
/** The guest's tree (userland/prebuilt/<arch>/); the bench programs' place in it. */
const PREBUILT = path.join(ROOT, 'userland', 'prebuilt');
const BENCH_DIR = '/usr/libexec/jos-bench';
/** Where the checksum program's input files appear in the guest. */
const GUEST_DATA = '/data';
/** Issue 16's bound on a board process's memory: its guest RAM + this. */
const MEMORY_OVER_GUEST_RAM = 150e6;

export const REAL_PROGRAMS = ['lz', 'interp', 'recsort', 'cksum', 'coremix', 'bzbench', 'lua'] as const;
/** The programs built from Debian's sources (not committed): their ELFs
 * are in DEB_BUILD/<arch>/, given to the boards with `--add`. */
const DEB_PROGRAMS: readonly string[] = ['bzbench', 'lua'];
const DEB_BUILD = path.join(ROOT, 'build', 'bench-deb');
/** The Lua program's script, put beside the checksum inputs. */
const LUA_SCRIPT = path.join(ROOT, 'userland', 'bench', 'deb', 'bench.lua');

type Arch = 'x86_64' | 'riscv32';

interface Runner {
  name: string;
  arch: Arch;
  /** The argv that runs `elf` (host path) with `args`; files under `data`. */
  argv(elf: string, guestElf: string, args: (dataDir: string) => string[], data: string): string[];
  /** qemu or native: a reference; jos runners are compared with qemu. */
  kind: 'native' | 'qemu' | 'jos';
  /** jos runners: the board (its default guest RAM is the memory target's base). */
  board?: string;
}

function josRunner(name: string, board: string, arch: Arch, extra: string[]): Runner {
  return {
    name, arch, kind: 'jos', board,
    argv: (elf, guestElf, args, data) => [
      process.execPath, JOS, 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', ...extra,
      '--add', `${data}:${GUEST_DATA}`,
      // An ELF that is not in the guest's tree (built from Debian's sources).
      ...(elf.startsWith(PREBUILT + path.sep) ? [] : ['--add', `${elf}:${guestElf}`]),
      '--', guestElf, ...args(GUEST_DATA),
    ],
  };
}

const RUNNERS: Runner[] = [
  { name: 'native', arch: 'x86_64', kind: 'native', argv: (elf, _g, args, data) => [elf, ...args(data)] },
  { name: 'qemu-x86_64', arch: 'x86_64', kind: 'qemu', argv: (elf, _g, args, data) => ['qemu-x86_64', elf, ...args(data)] },
  josRunner('pc', 'pc', 'x86_64', []),
  josRunner('pc --jit-backend js', 'pc', 'x86_64', ['--jit-backend', 'js']),
  josRunner('pc --no-jit', 'pc', 'x86_64', ['--no-jit']),
  { name: 'qemu-riscv32', arch: 'riscv32', kind: 'qemu', argv: (elf, _g, args, data) => ['qemu-riscv32', elf, ...args(data)] },
  josRunner('esp32c3', 'esp32c3', 'riscv32', []),
  josRunner('esp32c3 --no-jit', 'esp32c3', 'riscv32', ['--no-jit']),
];

/** Each program's arguments, given where the data files are. */
const ARGS: Record<string, (dataDir: string) => string[]> = {
  lz: () => [],
  interp: () => [],
  recsort: () => [],
  coremix: () => [],
  cksum: (dir) => ['3', ...DATA_FILES.map((f) => `${dir}/${f.name}`)],
  bzbench: () => [],
  lua: (dir) => [`${dir}/bench.lua`],
  hello: () => [],
};

/** The checksum program's inputs: fixed pseudo-random contents (text-like,
 * binary, and sparse), the same in every session. */
const DATA_FILES: Array<{ name: string; size: number; fill: (x: number, i: number) => number }> = [
  { name: 'text.txt', size: 96 * 1024, fill: (x) => 0x20 + (x % 0x5f) },
  { name: 'random.bin', size: 64 * 1024, fill: (x) => x & 0xff },
  { name: 'sparse.bin', size: 40 * 1024, fill: (x, i) => ((i & 0x3ff) < 64 ? x & 0xff : 0) },
];

function writeDataFiles(dir: string): void {
  for (const f of DATA_FILES) {
    const bytes = new Uint8Array(f.size);
    let x = 0x2545f491;
    for (let i = 0; i < f.size; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = f.fill(x >>> 0, i);
    }
    fs.writeFileSync(path.join(dir, f.name), bytes);
  }
  fs.copyFileSync(LUA_SCRIPT, path.join(dir, 'bench.lua'));
}

/** Program `program`'s ELF for `arch` on the host. */
function hostElf(program: string, arch: Arch, guest: string): string {
  return DEB_PROGRAMS.includes(program) ? path.join(DEB_BUILD, arch, program) : path.join(PREBUILT, arch, guest);
}

interface Sample {
  seconds: number;
  /** Peak resident memory of the process, bytes (NaN without GNU time). */
  maxRssBytes: number;
  ok: boolean;
  output: string;
  status: number | null;
}

function runOnce(argv: string[]): Sample {
  const r = runMeasured(argv);
  // The console's tty turns \n into \r\n, as Linux's does.
  return { seconds: r.wallSeconds, maxRssBytes: r.maxRssBytes, ok: r.status === 0, output: r.stdout.replace(/\r\n/g, '\n'), status: r.status };
}

function available(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Geometric mean: each program counts alike whatever its length. */
export function geometricMean(xs: number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** A result's jos/qemu ratio, whole process (boot included). */
export const wholeRatio = (r: RealResult): number => r.qemuSeconds! / r.seconds;
/** A result's jos/qemu ratio without the runner's boot. */
export const netRatio = (r: RealResult): number => r.qemuSeconds! / Math.max(r.seconds - r.bootSeconds, 1e-3);

export interface RealResult {
  program: string;
  runner: string;
  seconds: number;
  /** Median seconds of the same runner on /bin/hello (its start-up). */
  bootSeconds: number;
  qemuSeconds: number | null;
  /** The largest max RSS of its runs, bytes (NaN without GNU time). */
  maxRssBytes: number;
  wrong: boolean;
}

/**
 * When Doom's suite ran in the same bench (`npm run bench -- real doom`):
 * each board's default runner's mean over the real programs and Doom's
 * timedemo together, Doom counting as one more program with its jos/qemu
 * ratio of frames per CPU-second (boot and loading are outside its span,
 * so it enters both means alike). Issue 16's targets are about all of
 * its real workloads, Doom included.
 */
export function printOverallWithDoom(real: RealResult[], doom: Record<string, number>, print: (line: string) => void): void {
  for (const [board, doomRatio] of Object.entries(doom)) {
    const mine = real.filter((r) => r.runner === board && r.qemuSeconds !== null);
    if (mine.length === 0) continue;
    const whole = geometricMean([...mine.map(wholeRatio), doomRatio]);
    const net = geometricMean([...mine.map(netRatio), doomRatio]);
    print(`overall ${board.padEnd(9)} jos/qemu ${whole.toFixed(3)} | ${net.toFixed(3)} without boot (geometric mean over ${mine.length} real programs and Doom's timedemo, ${doomRatio.toFixed(3)})`);
  }
}

/**
 * Runs the real-program bench and prints one line per program and runner;
 * returns every result (the caller fails the run on a WRONG one).
 */
export function benchReal(only: string[], print: (line: string) => void): RealResult[] {
  const unbuilt = DEB_PROGRAMS.filter((p) => !fs.existsSync(path.join(DEB_BUILD, 'x86_64', p)) || !fs.existsSync(path.join(DEB_BUILD, 'riscv32', p)));
  const programs = REAL_PROGRAMS.filter((p) => (only.length === 0 || only.includes(p)) && !unbuilt.includes(p));
  const missing = unbuilt.filter((p) => only.length === 0 || only.includes(p));
  if (missing.length > 0) print(`real: ${missing.join(', ')} not built (npm run bench:deb-build fetches their sources from Debian and builds them): left out`);
  if (programs.length === 0) return [];
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3) | 0);
  const picked = (process.env.BENCH_RUNNERS ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = picked.filter((n) => !RUNNERS.some((r) => r.name === n));
  if (unknown.length > 0) throw new Error(`BENCH_RUNNERS: no runner named ${unknown.join(', ')} (runners: ${RUNNERS.map((r) => r.name).join(', ')})`);
  const runners = RUNNERS.filter((r) => {
    if (picked.length > 0 && !picked.includes(r.name)) return false;
    if (r.kind === 'native') return process.platform === 'linux' && process.arch === 'x64';
    if (r.kind === 'qemu') {
      const ok = available(r.name);
      if (!ok) print(`real: ${r.name} not installed (apt-get install qemu-user): its column and ratios are left out`);
      return ok;
    }
    return true;
  });
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-bench-'));
  try {
    writeDataFiles(data);
    const names = ['hello', ...programs];
    const samples = new Map<string, Sample[]>();
    const key = (p: string, r: Runner) => `${p}\u0000${r.name}`;
    for (let round = 0; round < rounds; round++) {
      for (const program of names) {
        for (const runner of runners) {
          if (program === 'hello' && runner.kind !== 'jos') continue;
          const guest = program === 'hello' ? '/bin/hello' : `${BENCH_DIR}/${program}`;
          const elf = hostElf(program, runner.arch, guest);
          const s = runOnce(runner.argv(elf, guest, ARGS[program], data));
          const list = samples.get(key(program, runner)) ?? [];
          list.push(s);
          samples.set(key(program, runner), list);
        }
      }
    }
    const results: RealResult[] = [];
    print(`real programs: wall-clock medians of ${rounds} interleaved rounds; ratio = qemu-user time / JOS time (with boot | without); load average ${os.loadavg()[0].toFixed(1)}`);
    for (const program of programs) {
      for (const runner of runners) {
        const mine = samples.get(key(program, runner))!;
        const seconds = median(mine.map((s) => s.seconds));
        const reference = runners.find((r) => r.kind === 'qemu' && r.arch === runner.arch);
        const refSamples = reference ? samples.get(key(program, reference)) : undefined;
        const qemuSeconds = refSamples ? median(refSamples.map((s) => s.seconds)) : null;
        const expected = refSamples?.[0].output;
        const wrong = mine.some((s) => !s.ok || (expected !== undefined && s.output !== expected));
        const boot = runner.kind === 'jos' ? median(samples.get(key('hello', runner))!.map((s) => s.seconds)) : 0;
        const maxRssBytes = Math.max(...mine.map((s) => s.maxRssBytes));
        results.push({ program, runner: runner.name, seconds, bootSeconds: boot, qemuSeconds, maxRssBytes, wrong });
        let text = `real ${program.padEnd(8)} ${runner.name.padEnd(17)} ${seconds.toFixed(3).padStart(8)} s`;
        if (runner.kind === 'jos' && qemuSeconds !== null) {
          const net = Math.max(seconds - boot, 1e-3);
          text += `  jos/qemu ${(qemuSeconds / seconds).toFixed(3)} | ${(qemuSeconds / net).toFixed(3)} (boot ${boot.toFixed(2)} s)`;
        } else if (runner.kind === 'native' && qemuSeconds !== null) {
          text += `  native/qemu ${(qemuSeconds / seconds).toFixed(2)}`;
        }
        if (haveGnuTime) text += `  max RSS ${megabytes(maxRssBytes)}`;
        if (wrong) {
          const bad = mine.find((s) => !s.ok || s.output !== expected)!;
          text += `  WRONG OUTPUT (exit status ${bad.status})`;
        }
        print(text);
      }
    }
    for (const runner of runners.filter((r) => r.kind === 'jos')) {
      const mine = results.filter((r) => r.runner === runner.name && r.qemuSeconds !== null);
      if (mine.length === 0) continue;
      const whole = geometricMean(mine.map(wholeRatio));
      const net = geometricMean(mine.map(netRatio));
      print(`real overall ${runner.name.padEnd(17)} jos/qemu ${whole.toFixed(3)} | ${net.toFixed(3)} without boot (geometric mean over ${mine.length} programs)`);
    }
    if (!haveGnuTime) print(`real: no memory figures (${GNU_TIME} is missing: apt-get install time)`);
    else {
      for (const runner of runners.filter((r) => r.kind === 'jos')) {
        const mine = results.filter((r) => r.runner === runner.name);
        const peak = mine.reduce((a, b) => (b.maxRssBytes > a.maxRssBytes ? b : a));
        const hello = Math.max(...samples.get(key('hello', runner))!.map((s) => s.maxRssBytes));
        const guest = findBoard(runner.board!)!.defaultMemoryBytes;
        const bound = guest + MEMORY_OVER_GUEST_RAM;
        print(`real memory  ${runner.name.padEnd(17)} peak max RSS ${megabytes(peak.maxRssBytes)} (${peak.program}; hello ${megabytes(hello)}); ` +
          `guest RAM ${guest / 2 ** 20} MiB + 150 MB = ${megabytes(bound)}${peak.maxRssBytes <= bound ? '' : ': OVER'}`);
      }
    }
    return results;
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
}
