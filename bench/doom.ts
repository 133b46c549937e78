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
 * clock rate).
 * Needs `npm run doom:build` first; says what it skipped otherwise.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const ROOT = path.join(__dirname, '..', '..');
const JOS = path.join(ROOT, 'bin', 'jos.js');
const IWAD = '/usr/share/games/doom/freedoom1.wad';
const NATIVE = path.join(ROOT, 'build', 'doom', 'native', 'doom');
const START = 'JOS_InitInput';

interface DoomRun {
  name: string;
  gametics: number;
  wallSeconds: number;
  gameFps: number;
  /** CPU seconds of the process between the same two lines. */
  cpuSeconds: number;
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
    const watch = (text: string) => {
      output += text;
      if (!startAt && output.includes(START)) {
        startAt = performance.now();
        cpuAtStart = processCpu(child.pid);
      }
      if (!endAt && /timed \d+ gametics/.test(output)) {
        endAt = performance.now();
        cpuAtEnd = processCpu(child.pid);
      }
    };
    child.stdout.setEncoding('utf8').on('data', watch);
    child.stderr.setEncoding('utf8').on('data', watch);
    child.on('close', () => {
      const m = /timed (\d+) gametics in \d+ realtics \(([\d.]+) fps\)/.exec(output);
      if (!m || !startAt || !endAt) return resolve(`${name}: no timedemo result:\n${output.slice(-800)}`);
      resolve({ name, gametics: Number(m[1]), wallSeconds: (endAt - startAt) / 1000, gameFps: Number(m[2]), cpuSeconds: cpuAtEnd - cpuAtStart });
    });
  });
}

export async function benchDoom(print: (line: string) => void): Promise<boolean> {
  const builds = ['native', 'x86_64', 'riscv32'].map((t) => path.join(ROOT, 'build', 'doom', t, 'doom'));
  if (!fs.existsSync(IWAD) || builds.some((b) => !fs.existsSync(b))) {
    print(`doom: skipped (needs ${IWAD} and npm run doom:build)`);
    return true;
  }
  const demo = ['-timedemo', 'demo1', '-nosound'];
  const runs: [string, string[]][] = [
    ['native', [NATIVE, '-iwad', IWAD, ...demo]],
    ['pc', [process.execPath, JOS, 'doom', '--board', 'pc', '--clock', 'virtual', '--', ...demo]],
    ['esp32c3', [process.execPath, JOS, 'doom', '--board', 'esp32c3', '--clock', 'virtual', '--', ...demo]],
  ];
  print(`doom: -timedemo demo1 of ${path.basename(IWAD)}, frames per wall-clock second (load average ${os.loadavg()[0].toFixed(1)})`);
  let ok = true;
  let nativeFps = 0;
  let nativePerCpu = 0;
  for (const [name, argv] of runs) {
    const r = await timeDemo(name, argv);
    if (typeof r === 'string') {
      print(r);
      ok = false;
      continue;
    }
    const fps = r.gametics / r.wallSeconds;
    if (name === 'native') nativeFps = fps;
    const ratio = nativeFps > 0 && name !== 'native' ? `, ${(nativeFps / fps).toFixed(0)}x slower than native` : '';
    const perCpu = r.gametics / r.cpuSeconds;
    if (name === 'native') nativePerCpu = perCpu;
    const cpuRatio = nativePerCpu > 0 && name !== 'native' ? `, ${(nativePerCpu / perCpu).toFixed(0)}x` : '';
    print(
      `  ${name.padEnd(8)} ${r.gametics} frames: ${fps.toFixed(1).padStart(7)} fps wall (${r.wallSeconds.toFixed(1)} s${ratio}),` +
        ` ${perCpu.toFixed(1).padStart(7)} fps per CPU-second (${r.cpuSeconds.toFixed(1)} CPU-s${cpuRatio});` +
        ` the game's own figure ${r.gameFps.toFixed(1)} fps${name === 'native' ? '' : ' of virtual time'}`,
    );
  }
  return ok;
}
