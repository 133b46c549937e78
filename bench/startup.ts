/**
 * `npm run bench`'s start-up section: how long a user waits for `jos`,
 * next to a bare `node -e 0` measured in the same run (the floor no Node
 * program goes below). Wall-clock medians of interleaved runs:
 *
 * - `jos run --board B -- hello`: boot, run hello, power off, exit
 *   (target: at most 0.5 s over node -e 0);
 * - the shell prompt: from spawning `jos run --board B` to the prompt on
 *   its output (target: within 1 s).
 *
 * It runs bin/jos.js as a user's `jos` does (freshness check, bundle,
 * code cache; bin/bench.js turns the check off for the other suites, this
 * one turns it back on); a first unmeasured run fills the code cache.
 *
 * BENCH_STARTUP_BASELINE=/path/to/other/checkout/bin/jos.js also times
 * another build in the same interleaved runs (before and after a change,
 * on the same machine at the same load).
 */
import { spawn } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { megabytes, runMeasured } from './measured-run';

const ROOT = path.join(__dirname, '..', '..');
const JOS = path.join(ROOT, 'bin', 'jos.js');
const RUNS = 5;
/** The shell's prompt as userland/bin/sh.c prints it in / (sh prints
 * "jos:CWD$ "). */
const PROMPT = '$ ';
const HELLO_TARGET_OVER_NODE = 0.5;

/** The environment a user's jos starts in: with its freshness check. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.JOS_NO_REBUILD;
  return env;
}
const PROMPT_TARGET = 1.0;

interface Timing {
  wall: number;
  /** User + system CPU seconds (NaN without /usr/bin/time): steadier
   * than wall time on a busy machine. */
  cpu: number;
  /** Peak resident memory, bytes (NaN without /usr/bin/time). */
  maxRss: number;
}

function timeCommand(args: string[]): Timing {
  const r = runMeasured([process.execPath, ...args], { cwd: ROOT, timeout: 60_000, env: userEnv() });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with status ${r.status}: ${r.stderr.trim().slice(-300)}`);
  return { wall: r.wallSeconds, cpu: r.cpuSeconds, maxRss: r.maxRssBytes };
}

/** Seconds from spawning `jos run --board B` until the shell's prompt. */
function timeToPrompt(jos: string, board: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [jos, 'run', '--board', board, '--timeout', '60'], { cwd: ROOT, env: userEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let seconds: number | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
      if (seconds === null && output.includes(PROMPT)) {
        seconds = (performance.now() - start) / 1000;
        child.stdin.end('exit\n');
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => (seconds === null ? reject(new Error(`jos run --board ${board}: no prompt in its output:\n${output.slice(-500)}`)) : resolve(seconds)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const s = (seconds: number) => `${seconds.toFixed(3)} s`;

interface Subject {
  label: string;
  jos: string;
}

export async function benchStartup(print: (line: string) => void): Promise<boolean> {
  const boards = ['pc', 'esp32c3'];
  const subjects: Subject[] = [{ label: '', jos: JOS }];
  const baseline = process.env.BENCH_STARTUP_BASELINE;
  if (baseline) subjects.unshift({ label: `baseline (${baseline})`, jos: baseline });
  for (const subject of subjects) timeCommand([subject.jos, 'run', '--board', 'pc', '--', 'hello']); // fills the code cache
  const node: Timing[] = [];
  const hello = new Map<string, Timing[]>();
  const prompt = new Map<string, number[]>();
  const key = (subject: Subject, board: string) => `${subject.label}|${board}`;
  for (let i = 0; i < RUNS; i++) {
    node.push(timeCommand(['-e', '0']));
    for (const subject of subjects) {
      for (const b of boards) {
        if (!hello.has(key(subject, b))) hello.set(key(subject, b), []);
        if (!prompt.has(key(subject, b))) prompt.set(key(subject, b), []);
        hello.get(key(subject, b))!.push(timeCommand([subject.jos, 'run', '--board', b, '--', 'hello']));
        prompt.get(key(subject, b))!.push(await timeToPrompt(subject.jos, b));
      }
    }
  }
  const floor = median(node.map((t) => t.wall));
  let met = true;
  print(`start-up (wall, median of ${RUNS}; load average ${os.loadavg()[0].toFixed(1)}): node -e 0 ${s(floor)} (cpu ${s(median(node.map((t) => t.cpu)))}, max RSS ${megabytes(median(node.map((t) => t.maxRss)))})`);
  for (const subject of subjects) {
    if (subject.label) print(`start-up ${subject.label}:`);
    for (const b of boards) {
      const h = median(hello.get(key(subject, b))!.map((t) => t.wall));
      const helloCpu = median(hello.get(key(subject, b))!.map((t) => t.cpu));
      const helloRss = median(hello.get(key(subject, b))!.map((t) => t.maxRss));
      const p = median(prompt.get(key(subject, b))!);
      const helloOk = h - floor <= HELLO_TARGET_OVER_NODE;
      const promptOk = p <= PROMPT_TARGET;
      if (!subject.label) met &&= helloOk && promptOk;
      print(`start-up ${b.padEnd(8)} hello ${s(h)} (+${s(h - floor)} over node, target +${HELLO_TARGET_OVER_NODE} s${helloOk ? '' : ': MISSED'}; cpu ${s(helloCpu)}, max RSS ${megabytes(helloRss)})` +
        `  prompt ${s(p)} (target ${PROMPT_TARGET} s${promptOk ? '' : ': MISSED'})`);
    }
  }
  return met;
}
