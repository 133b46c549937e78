/**
 * `npm run bench -- doom`: Doom's `-timedemo demo1` (freedoom1.wad) natively
 * and on both boards in the same run, as frames per second of wall-clock
 * time. The clock starts when the game opens its screen (the platform
 * layer's "JOS_InitInput" line, after the WAD is loaded and the engine set
 * up) and stops at "timed N gametics", so boot and loading are not
 * counted; each gametic of a timedemo is one frame drawn. The same span is
 * also measured in the process's CPU time (/proc/PID/stat), which a busy
 * shared machine does not stretch: frames per CPU-second is what the
 * emulator can do on one host core. Also shown: the fps the game itself
 * reports, which on a board counts virtual time (the board's nominal
 * clock rate), the ratio to native, and — where qemu-user is installed —
 * the same board binary under qemu-x86_64 / qemu-riscv32 (headless there:
 * no /dev/fb0) with the jos/qemu ratio of frames per CPU-second, as the
 * real-program bench reports its programs. Then a `doom memory` line per
 * board: the process's peak host memory (VmHWM, the kernel's high-water
 * mark of its resident set, read at the timedemo's last line, where the
 * game exits) against issue 16's bound: Doom's guest RAM (`jos doom`'s default
 * --memory) + 150 MB, as the real-program bench's `real memory` lines.
 * Needs `npm run doom:build` first; says what it skipped otherwise.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { DOOM_MEMORY } from '../host/doom-defaults';
import { parseMemorySize } from '../platform/bus/bus';
import { megabytes } from './measured-run';

const ROOT = path.join(__dirname, '..', '..');
const JOS = path.join(ROOT, 'bin', 'jos.js');
const IWAD = '/usr/share/games/doom/freedoom1.wad';
const NATIVE = path.join(ROOT, 'build', 'doom', 'native', 'doom');
const START = 'JOS_InitInput';
/** Issue 16's bound on a board process's memory: its guest RAM + this
 * (bench/real-programs.ts). */
const MEMORY_OVER_GUEST_RAM = 150e6;

interface DoomRun {
  name: string;
  gametics: number;
  wallSeconds: number;
  gameFps: number;
  /** CPU seconds of the process between the same two lines. */
  cpuSeconds: number;
  /** The process's peak resident memory by its last line, bytes (NaN
   * where /proc has no VmHWM). */
  maxRssBytes: number;
}

/** A live process's user + system CPU seconds (clock ticks of 1/100 s). */
function processCpu(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function timeDemo(name: string, argv: string[]): Promise<DoomRun | string> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let startAt = 0;
    let endAt = 0;
    let cpuAtStart = NaN;
    let cpuAtEnd = NaN;
    let peakRss = NaN;
    const watch = (text: string) => {
      output += text;
      if (!startAt && output.includes(START)) {
        startAt = performance.now();
        cpuAtStart = processCpu(child.pid);
      }
      if (!endAt && /timed \d+ gametics/.test(output)) {
        endAt = performance.now();
        cpuAtEnd = processCpu(child.pid);
        peakRss = processPeakRss(child.pid);
      }
    };
    child.stdout.setEncoding('utf8').on('data', watch);
    child.stderr.setEncoding('utf8').on('data', watch);
    child.on('close', () => {
      const m = /timed (\d+) gametics in \d+ realtics \(([\d.]+) fps\)/.exec(output);
      if (!m || !startAt || !endAt) return resolve(`${name}: no timedemo result:\n${output.slice(-800)}`);
      resolve({ name, gametics: Number(m[1]), wallSeconds: (endAt - startAt) / 1000, gameFps: Number(m[2]), cpuSeconds: cpuAtEnd - cpuAtStart, maxRssBytes: peakRss });
    });
  });
}

/** A live process's peak resident set size so far (VmHWM), bytes. */
function processPeakRss(pid: number | undefined): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Whether `command --version` runs (qemu-user installed). */
function installed(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Frames per second of a run: over the wall clock and over CPU time. */
function rates(r: DoomRun): { wall: number; cpu: number } {
  return { wall: r.gametics / r.wallSeconds, cpu: r.gametics / r.cpuSeconds };
}

/** What the Doom suite found: whether every run was right, and each
 * board's jos/qemu ratio of frames per CPU-second (boards whose qemu-user
 * run could not be made are absent). */
export interface DoomResult {
  ok: boolean;
  josOverQemu: Record<string, number>;
}

/** The bound on a board's Doom process: guest RAM + 150 MB. */
const doomMemoryBound = parseMemorySize(DOOM_MEMORY) + MEMORY_OVER_GUEST_RAM;

export async function benchDoom(print: (line: string) => void): Promise<DoomResult> {
  const josOverQemu: Record<string, number> = {};
  const builds = ['native', 'x86_64', 'riscv32'].map((t) => path.join(ROOT, 'build', 'doom', t, 'doom'));
  if (!fs.existsSync(IWAD) || builds.some((b) => !fs.existsSync(b))) {
    print(`doom: skipped (needs ${IWAD} and npm run doom:build)`);
    return { ok: true, josOverQemu };
  }
  const demo = ['-timedemo', 'demo1', '-nosound'];
  // Each board's binary also runs under qemu-user, where it finds no
  // /dev/fb0 and runs headless (no frame copy or present): the ratio the
  // real-program bench reports, for the same ELF.
  const boards: [string, string, string][] = [
    ['pc', 'x86_64', 'qemu-x86_64'],
    ['esp32c3', 'riscv32', 'qemu-riscv32'],
  ];
  print(`doom: -timedemo demo1 of ${path.basename(IWAD)}, from the game's first frame to its last (load average ${os.loadavg()[0].toFixed(1)})`);
  const native = await timeDemo('native', [NATIVE, '-iwad', IWAD, ...demo]);
  if (typeof native === 'string') {
    print(native);
    return { ok: false, josOverQemu };
  }
  const n = rates(native);
  print(`  native    ${native.gametics} frames: ${n.wall.toFixed(1).padStart(7)} fps wall, ${n.cpu.toFixed(1).padStart(7)} fps per CPU-second`);
  let ok = true;
  const memory: string[] = [];
  for (const [board, arch, qemu] of boards) {
    const r = await timeDemo(board, [process.execPath, JOS, 'doom', '--board', board, '--clock', 'virtual', '--', ...demo]);
    if (typeof r === 'string') {
      print(r);
      ok = false;
      continue;
    }
    if (r.gametics !== native.gametics) {
      print(`  ${board}: ${r.gametics} gametics, natively ${native.gametics}: WRONG RESULT`);
      ok = false;
    }
    const j = rates(r);
    memory.push(`doom memory  ${board.padEnd(9)} peak max RSS ${megabytes(r.maxRssBytes)}; guest RAM ${DOOM_MEMORY} + 150 MB = ${megabytes(doomMemoryBound)}` +
      `${r.maxRssBytes <= doomMemoryBound ? '' : ': OVER'}`);
    let line =
      `  ${board.padEnd(9)} ${r.gametics} frames: ${j.wall.toFixed(1).padStart(7)} fps wall (${r.wallSeconds.toFixed(1)} s),` +
      ` ${j.cpu.toFixed(1).padStart(7)} fps per CPU-second (${r.cpuSeconds.toFixed(1)} CPU-s); native/jos ${(n.cpu / j.cpu).toFixed(0)}x per CPU-second;` +
      ` the game's own figure ${r.gameFps.toFixed(1)} fps of virtual time`;
    if (installed(qemu)) {
      const q = await timeDemo(qemu, [qemu, path.join(ROOT, 'build', 'doom', arch, 'doom'), '-iwad', IWAD, ...demo]);
      if (typeof q === 'string') line += `; ${qemu}: ${q.split('\n')[0]}`;
      else {
        josOverQemu[board] = j.cpu / rates(q).cpu;
        line += `; ${qemu} ${rates(q).cpu.toFixed(1)} fps per CPU-second, jos/qemu ${josOverQemu[board].toFixed(3)}`;
      }
    }
    print(line);
  }
  for (const line of memory) print(line);
  print(`  target: 35 fps of wall-clock time on each board (a free host core: fps per CPU-second)`);
  return { ok, josOverQemu };
}
