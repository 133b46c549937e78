/**
 * The IPC part of `npm run bench` (`npm run bench -- ipc`): context
 * switches, and round trips over a pipe, a UNIX socket and a futex, on
 * both boards, with the same program natively (x86_64) and under
 * qemu-riscv32 (riscv32) in the same run.
 *
 * userland/bench/ipcbench.c runs one phase per process:
 *
 *   none          start-up and exit (the boards: boot and power-off): the
 *                 fixed cost subtracted
 *   yield N       two threads, N sched_yield calls each: 2N switches
 *   pipe N        N one-byte round trips between two processes, two pipes
 *   unix N        the same over a UNIX stream socketpair
 *   futex N       N round trips between two threads over semaphores
 *
 * Native and qemu runs are pinned to one CPU (taskset -c 0, when present),
 * as the boards have one: a round trip is then two context switches, not a
 * cross-CPU wake-up, and the CPU is busy throughout. Every run is timed by
 * its CPU time (user + system of the process and the children it waited
 * for, by /usr/bin/time; wall-clock time where it is missing), which the
 * load of other processes on the machine skews far less than wall time.
 * Median of BENCH_ROUNDS interleaved rounds, less the
 * runner's median `none` time. The boards run BOARD_N operations, the host
 * runners HOST_N; each run's output must equal the native run's at the
 * same N, else WRONG OUTPUT and `npm run bench` fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const ROOT = path.join(__dirname, '..', '..');
const JOS = path.join(ROOT, 'bin', 'jos.js');
const GUEST_ELF = '/usr/libexec/jos-bench/ipcbench';
const elf = (arch: string) => path.join(ROOT, 'userland', 'prebuilt', arch, 'usr', 'libexec', 'jos-bench', 'ipcbench');

const BOARD_N = 10000;
const HOST_N = 50000;

interface Phase {
  name: string;
  /** Operations per N: 2 switches per yield pair, 1 round trip. */
  perN: number;
  unit: string;
}

const PHASES: Phase[] = [
  { name: 'yield', perN: 2, unit: 'switches/s' },
  { name: 'pipe', perN: 1, unit: 'round trips/s' },
  { name: 'unix', perN: 1, unit: 'round trips/s' },
  { name: 'futex', perN: 1, unit: 'round trips/s' },
];

interface Runner {
  name: string;
  kind: 'native' | 'qemu' | 'jos';
  n: number;
  argv(args: string[]): string[];
}

const TIME = '/usr/bin/time';
const haveTime = fs.existsSync(TIME);
const which = (tool: string) => spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
const pin = (argv: string[]) => (which('taskset') ? ['taskset', '-c', '0', ...argv] : argv);

function runners(): Runner[] {
  const list: Runner[] = [{ name: 'native', kind: 'native', n: HOST_N, argv: (a) => pin([elf('x86_64'), ...a]) }];
  const qemu = which('qemu-riscv32');
  if (qemu) list.push({ name: 'qemu-riscv32', kind: 'qemu', n: HOST_N, argv: (a) => pin([qemu, elf('riscv32'), ...a]) });
  for (const board of ['pc', 'esp32c3']) {
    list.push({
      name: board,
      kind: 'jos',
      n: BOARD_N,
      argv: (a) => [process.execPath, JOS, 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--', GUEST_ELF, ...a],
    });
  }
  return list;
}

interface Sample {
  seconds: number;
  output: string;
  ok: boolean;
}

function runOnce(argv: string[], cpuTimed: boolean): Sample {
  const command = cpuTimed && haveTime ? [TIME, '-f', 'cpu %U %S', ...argv] : argv;
  const start = performance.now();
  const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 600_000 });
  const wall = (performance.now() - start) / 1000;
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { seconds: m ? Number(m[1]) + Number(m[2]) : wall, output: (r.stdout ?? '').replace(/\r\n/g, '\n'), ok: r.status === 0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function benchIpc(print: (line: string) => void): boolean {
  if (process.platform !== 'linux' || process.arch !== 'x64' || !fs.existsSync(elf('x86_64'))) {
    print('ipc: the native runner needs x86_64 Linux and the prebuilt ipcbench: skipped');
    return true;
  }
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3) | 0);
  const all = runners();
  const samples = new Map<string, Sample[]>();
  const key = (runner: Runner, phase: string) => `${runner.name}\u0000${phase}`;
  for (let round = 0; round < rounds; round++) {
    for (const runner of all) {
      for (const phase of ['none', ...PHASES.map((p) => p.name)]) {
        const args = phase === 'none' ? ['none'] : [phase, String(runner.n)];
        const list = samples.get(key(runner, phase)) ?? [];
        list.push(runOnce(runner.argv(args), true));
        samples.set(key(runner, phase), list);
      }
    }
  }
  // What a correct run prints, at each N: the native program's output.
  const expected = new Map<string, string>();
  for (const phase of PHASES) {
    for (const n of [BOARD_N, HOST_N]) {
      expected.set(`${phase.name} ${n}`, runOnce([elf('x86_64'), phase.name, String(n)], false).output);
    }
  }
  let allRight = true;
  print(`ipc: ${BOARD_N} operations on the boards, ${HOST_N} natively and under qemu-riscv32${which('taskset') ? ' (pinned to one CPU)' : ''}; by ${haveTime ? 'CPU' : 'wall-clock'} time; medians of ${rounds} rounds less each runner's start-up run; load average ${os.loadavg()[0].toFixed(1)}`);
  for (const phase of PHASES) {
    const rates = new Map<string, number>();
    for (const runner of all) {
      const mine = samples.get(key(runner, phase.name))!;
      const fixed = median(samples.get(key(runner, 'none'))!.map((s) => s.seconds));
      const whole = median(mine.map((s) => s.seconds));
      const seconds = whole - fixed;
      const measurable = seconds > 0.02 * whole;
      const rate = measurable ? (runner.n * phase.perN) / seconds : NaN;
      rates.set(runner.name, rate);
      const want = expected.get(`${phase.name} ${runner.n}`);
      const wrong = mine.some((s) => !s.ok || s.output !== want);
      allRight &&= !wrong;
      const shown = measurable ? rate.toFixed(0).padStart(9) : '    noise';
      let text = `ipc ${phase.name.padEnd(6)} ${runner.name.padEnd(13)} ${shown} ${phase.unit.padEnd(14)} (${whole.toFixed(3)} s, of which ${runner.kind === 'jos' ? 'boot and power-off' : 'start'} ${fixed.toFixed(3)} s)`;
      if (runner.kind !== 'native' && measurable) text += `  /native ${(rate / rates.get('native')!).toFixed(4)}`;
      if (runner.name === 'esp32c3' && measurable && rates.has('qemu-riscv32')) text += `  /qemu-riscv32 ${(rate / rates.get('qemu-riscv32')!).toFixed(4)}`;
      if (wrong) text += `  WRONG OUTPUT: ${JSON.stringify(mine.find((s) => !s.ok || s.output !== want)!.output.slice(0, 200))}`;
      print(text);
    }
  }
  return allRight;
}
