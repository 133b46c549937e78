/**
 * Helpers for the host-I/O tests: a `jos run` child whose output is
 * timed and whose host memory and CPU are sampled from /proc, and a run
 * on a pseudo-terminal through util-linux's `script`.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'jos.js');

const CLOCK_TICKS_PER_SECOND = 100; // Linux's USER_HZ, what /proc reports in

/** Resident memory of a process in KiB (0 once it has gone). */
export function rssKib(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** User plus system CPU time of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** The pids of a process's children. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export interface TimedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Bytes of stdout. */
  bytes: number;
  /** The first bytes of stdout (up to 64 KiB). */
  head: string;
  /** Milliseconds from spawn to the first stdout byte, to the first
   * containing `mark` (-1: never), to the exit. */
  firstByteMs: number;
  markMs: number;
  exitMs: number;
  /** The largest resident size sampled, in KiB. */
  maxRssKib: number;
}

/** Runs `jos ARGS`, sampling its RSS every 100 ms. `onOutput` sees the
 * child and the output so far (to send it a signal, say). */
export function timedRun(args: string[], options: { input?: string; mark?: string; onOutput?: (child: ChildProcess, bytes: number) => void; killAfterMs?: number } = {}): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
    let bytes = 0;
    let head = '';
    let firstByteMs = -1;
    let markMs = -1;
    let maxRssKib = 0;
    const sampler = setInterval(() => (maxRssKib = Math.max(maxRssKib, rssKib(child.pid!))), 100);
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
    child.stdout!.on('data', (data: Buffer) => {
      if (firstByteMs < 0) firstByteMs = performance.now() - start;
      bytes += data.length;
      if (head.length < 65536) head += data.toString('latin1');
      if (markMs < 0 && options.mark && head.includes(options.mark)) markMs = performance.now() - start;
      options.onOutput?.(child, bytes);
    });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ status, signal, bytes, head, firstByteMs, markMs, exitMs: performance.now() - start, maxRssKib });
    });
    child.stdin!.end(options.input ?? '');
  });
}

/** Whether util-linux's `script` (a pseudo-terminal for a command) is here. */
export function haveScript(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}
