/**
 * One process run for the benches, with what the kernel counted for it:
 * its wall-clock time (from here), and — through GNU time
 * (`/usr/bin/time`, Debian's package `time`), which reads the child's
 * rusage from wait4 — its CPU time (user + system) and its peak resident
 * memory (ru_maxrss: the most of the host's RAM the process held at once,
 * its code, heap, guest RAM buffers and all).
 *
 * GNU time writes its figures to a file of its own (-o), so the program's
 * stdout and stderr stay exactly as the program wrote them. Without
 * /usr/bin/time the process runs alone and cpuSeconds and maxRssBytes
 * are NaN (the benches say so once).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

export const GNU_TIME = '/usr/bin/time';

/** Whether /usr/bin/time is there (else no CPU time or memory figures). */
export const haveGnuTime = fs.existsSync(GNU_TIME);

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  /** User + system CPU seconds of the process (and any children it waited for). */
  cpuSeconds: number;
  /** Peak resident set size, bytes. */
  maxRssBytes: number;
}

export interface MeasureOptions {
  cwd?: string;
  /** Milliseconds before the run is killed (default 600 s). */
  timeout?: number;
  /** The process's environment (default: this one's). */
  env?: NodeJS.ProcessEnv;
}

/** The file GNU time writes its figures to; one per process, reused. */
let figuresFile: string | null = null;

function figuresPath(): string {
  if (figuresFile === null) {
    figuresFile = path.join(os.tmpdir(), `jos-bench-time-${process.pid}`);
    process.once('exit', () => fs.rmSync(figuresFile!, { force: true }));
  }
  return figuresFile;
}

/** Runs argv (argv[0] found on PATH as spawn does) and measures it. */
export function runMeasured(argv: string[], options: MeasureOptions = {}): MeasuredRun {
  const figures = haveGnuTime ? figuresPath() : null;
  const command = figures ? [GNU_TIME, '-o', figures, '-f', 'jos-usage %U %S %M', ...argv] : argv;
  if (figures) fs.rmSync(figures, { force: true });
  const start = performance.now();
  const r = spawnSync(command[0], command.slice(1), {
    cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 1 << 24, timeout: options.timeout ?? 600_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallSeconds = (performance.now() - start) / 1000;
  if (r.error) throw new Error(`${argv.join(' ')}: ${r.error.message}`);
  let cpuSeconds = NaN;
  let maxRssBytes = NaN;
  if (figures) {
    // A process killed by a signal gets a "Command terminated by signal N"
    // line before the figures; the figures are the last line.
    const text = fs.existsSync(figures) ? fs.readFileSync(figures, 'utf8') : '';
    const m = /jos-usage ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(text);
    if (m) {
      cpuSeconds = Number(m[1]) + Number(m[2]);
      maxRssBytes = Number(m[3]) * 1024; // GNU time reports ru_maxrss in KiB
    }
  }
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', wallSeconds, cpuSeconds, maxRssBytes };
}

/** Bytes as decimal megabytes, e.g. "137.4 MB". */
export function megabytes(bytes: number): string {
  return Number.isNaN(bytes) ? '? MB' : `${(bytes / 1e6).toFixed(1)} MB`;
}
