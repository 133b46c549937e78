/**
 * The file-system part of `npm run bench` (`npm run bench -- fs`): through
 * the whole stack — program → system calls → VFS → ext2 → buffer cache →
 * driver → ATA / SPI flash model → image file — on both boards, and the
 * same x86_64 program natively on a host directory in the same run.
 *
 * userland/bench/fsbench.c runs one phase per process, in order on one
 * fresh ext2 image (jos's own `disk create`, 4 KiB blocks) or one fresh
 * host directory per round:
 *
 *   none                 boot, mount, power off: the fixed cost subtracted
 *   write 2048           a 2 MiB file in 64 KiB writes, fsync
 *   read                 the file read back (after a fresh boot: from the device)
 *   create 200           200 files of 1 KiB in a new directory, fsync
 *   delete 200           all of them removed, fsync
 *
 * Each phase is timed from outside. A board run is timed by its CPU time
 * (user + system, by /usr/bin/time; wall-clock time where it is missing),
 * which a machine busy with other work skews far less than wall time; a
 * native run by wall-clock time, as it is mostly system calls and too
 * short for /usr/bin/time's 10 ms resolution. Median of BENCH_ROUNDS
 * interleaved rounds, less the runner's median `none` time; reported as
 * MB/s or files/s with the ratio to the native figure. Native runs use
 * the host's own file system and page cache (its type is printed): they
 * are the floor, not a like-for-like ext2. Every phase's output must equal
 * the native run's, else WRONG OUTPUT and `npm run bench` fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { create } from '../host/disk/disk-command';

const ROOT = path.join(__dirname, '..', '..');
const JOS = path.join(ROOT, 'bin', 'jos.js');
const GUEST_ELF = '/usr/libexec/jos-bench/fsbench';
const NATIVE_ELF = path.join(ROOT, 'userland', 'prebuilt', 'x86_64', 'usr', 'libexec', 'jos-bench', 'fsbench');

const WRITE_KIB = 2048;
const FILES = 200;
const IMAGE_SIZE = '8M';

interface Phase {
  name: string;
  args: string[];
  /** What one run moves: bytes (MB/s) or files (files/s). */
  amount: number;
  unit: 'MB/s' | 'files/s';
}

const PHASES: Phase[] = [
  { name: 'write', args: ['write', String(WRITE_KIB)], amount: WRITE_KIB * 1024, unit: 'MB/s' },
  { name: 'read', args: ['read'], amount: WRITE_KIB * 1024, unit: 'MB/s' },
  { name: 'create', args: ['create', String(FILES)], amount: FILES, unit: 'files/s' },
  { name: 'delete', args: ['delete', String(FILES)], amount: FILES, unit: 'files/s' },
];

interface Runner {
  name: string;
  /** Timed by CPU time (boards) or wall-clock time (native). */
  cpuTimed: boolean;
  /** A fresh place for one round: an image file or a directory. */
  prepare(dir: string): string;
  argv(place: string, args: string[]): string[];
}

function boardRunner(board: string): Runner {
  return {
    name: board,
    cpuTimed: true,
    prepare(dir) {
      const image = path.join(dir, `${board}.img`);
      create(image, { size: IMAGE_SIZE, blockSize: '4096' });
      return image;
    },
    argv: (image, args) => [process.execPath, JOS, 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--disk', image, '--', GUEST_ELF, '/mnt', ...args],
  };
}

const NATIVE: Runner = {
  name: 'native',
  cpuTimed: false,
  prepare(dir) {
    const place = path.join(dir, 'native');
    fs.mkdirSync(place);
    return place;
  },
  argv: (place, args) => [NATIVE_ELF, place, ...args],
};

interface Sample {
  /** CPU seconds (user + system), or wall seconds without /usr/bin/time. */
  seconds: number;
  wall: number;
  output: string;
  ok: boolean;
}

const TIME = '/usr/bin/time';
const haveTime = fs.existsSync(TIME);

function runOnce(argv: string[], cpuTimed: boolean): Sample {
  const command = cpuTimed && haveTime ? [TIME, '-f', 'cpu %U %S', ...argv] : argv;
  const start = performance.now();
  const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 600_000 });
  const wall = (performance.now() - start) / 1000;
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { seconds: m ? Number(m[1]) + Number(m[2]) : wall, wall, output: (r.stdout ?? '').replace(/\r\n/g, '\n'), ok: r.status === 0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The host directory's file system, by statfs type (Linux magic numbers). */
function hostFsName(dir: string): string {
  const names: Record<number, string> = { 0xef53: 'ext2/3/4', 0x01021994: 'tmpfs', 0x794c7630: 'overlayfs', 0x9123683e: 'btrfs', 0x58465342: 'xfs' };
  try {
    const type = fs.statfsSync(dir).type;
    return names[type] ?? `type 0x${type.toString(16)}`;
  } catch {
    return 'unknown';
  }
}

export function benchFs(print: (line: string) => void): boolean {
  if (process.platform !== 'linux' || process.arch !== 'x64' || !fs.existsSync(NATIVE_ELF)) {
    print('fs: the native runner needs x86_64 Linux and the prebuilt fsbench: skipped');
    return true;
  }
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3) | 0);
  const runners = [NATIVE, boardRunner('pc'), boardRunner('esp32c3')];
  const samples = new Map<string, Sample[]>();
  const key = (runner: Runner, phase: string) => `${runner.name}\u0000${phase}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-fsbench-'));
  const hostFs = hostFsName(tmp);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const runner of runners) {
        const dir = fs.mkdtempSync(path.join(tmp, `${runner.name}-`));
        const place = runner.prepare(dir);
        for (const phase of [{ name: 'none', args: ['none'] }, ...PHASES]) {
          const list = samples.get(key(runner, phase.name)) ?? [];
          list.push(runOnce(runner.argv(place, phase.args), runner.cpuTimed));
          samples.set(key(runner, phase.name), list);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  let allRight = true;
  print(`fs: ext2 through each board's whole stack, native on the host's ${hostFs}; boards by ${haveTime ? 'CPU' : 'wall-clock'} time, native by wall-clock time; medians of ${rounds} rounds less each runner's boot-and-power-off run; load average ${os.loadavg()[0].toFixed(1)}`);
  for (const phase of PHASES) {
    const expected = samples.get(key(NATIVE, phase.name))![0].output;
    let nativeRate = 0;
    for (const runner of runners) {
      const mine = samples.get(key(runner, phase.name))!;
      const fixed = median(samples.get(key(runner, 'none'))!.map((s) => s.seconds));
      const whole = median(mine.map((s) => s.seconds));
      // A phase lost in the fixed cost's noise has no rate worth printing.
      const seconds = whole - fixed;
      const measurable = seconds > 0.02 * whole;
      const rate = measurable ? (phase.unit === 'MB/s' ? phase.amount / seconds / 1e6 : phase.amount / seconds) : NaN;
      if (runner === NATIVE) nativeRate = rate;
      const wrong = mine.some((s) => !s.ok || s.output !== expected);
      allRight &&= !wrong;
      const shown = measurable ? rate.toFixed(phase.unit === 'MB/s' ? 2 : 0).padStart(9) : '    noise';
      let text = `fs ${phase.name.padEnd(7)} ${runner.name.padEnd(8)} ${shown} ${phase.unit.padEnd(7)} (${whole.toFixed(3)} s, of which ${runner === NATIVE ? 'start' : 'boot and power-off'} ${fixed.toFixed(3)} s${runner.cpuTimed ? `; wall ${median(mine.map((s) => s.wall)).toFixed(2)} s` : ''})`;
      if (runner !== NATIVE && measurable && Number.isFinite(nativeRate)) text += `  jos/native ${(rate / nativeRate).toFixed(4)}`;
      if (wrong) text += `  WRONG OUTPUT: ${JSON.stringify(mine.find((s) => !s.ok || s.output !== expected)!.output.slice(0, 200))}`;
      print(text);
    }
  }
  return allRight;
}
