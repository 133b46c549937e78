/**
 * Helpers for the snapshot tests: a multi-process workload with pipes and
 * files on the ext2 disk, run whole and in two halves (saved at an
 * instruction count, restored), and what to compare.
 */
import * as fs from 'fs';
import * as path from 'path';
import { JosResult, runJos } from './run-jos';

/** Pipes, files in /tmp and on the disk, several processes at a time. */
export const WORKLOAD = [
  'for i in 1 2 3 4; do',
  '  echo line$i | cat >> /mnt/log;',
  '  ls /bin | sort -r | head -3 > /tmp/top$i;',
  '  cat /tmp/top$i /mnt/log | wc -l;',
  'done;',
  'sync; cat /mnt/log; echo done',
].join(' ');

export const FIXED = ['--rtc', '2026-01-01T00:00:00Z', '--clock', 'virtual', '--timeout', '120'];

export interface SnapshotHeaderFields {
  retired: number;
  virtualNs: number;
  ramSha256: string;
}

/** The header line of a snapshot file (its second line). */
export function snapshotHeader(file: string): SnapshotHeaderFields {
  const bytes = fs.readFileSync(file);
  const first = bytes.indexOf(0x0a);
  const second = bytes.indexOf(0x0a, first + 1);
  return JSON.parse(bytes.subarray(first + 1, second).toString('utf8')) as SnapshotHeaderFields;
}

export function makeDisk(dir: string, name: string): string {
  const image = path.join(dir, name);
  const r = runJos(['disk', 'create', image, '--size', '4M']);
  if (r.status !== 0) throw new Error(`disk create failed: ${r.stderr}`);
  return image;
}

export interface WholeRun {
  output: string;
  status: number | null;
  end: SnapshotHeaderFields;
  disk: Buffer;
}

/** The uninterrupted run, saved at its end. */
export function runWhole(board: string, dir: string, base: string): WholeRun {
  const disk = path.join(dir, `${board}-whole.img`);
  fs.copyFileSync(base, disk);
  const out = path.join(dir, `${board}-whole.txt`);
  const end = path.join(dir, `${board}-whole.snap`);
  const r = runJos(['run', '--board', board, ...FIXED, '--disk', disk, '--serial', `file:${out}`, '--save-snapshot', end, '--', 'sh', '-c', WORKLOAD], { timeoutMs: 180_000 });
  return { output: fs.readFileSync(out, 'latin1'), status: r.status, end: snapshotHeader(end), disk: fs.readFileSync(disk) };
}

export interface SplitRun {
  first: JosResult;
  second: JosResult;
  output: string;
  saved: SnapshotHeaderFields;
  end: SnapshotHeaderFields;
  disk: Buffer;
}

/** The same run saved at `at` instructions (ending there), then restored. */
export function runSplit(board: string, dir: string, base: string, at: number): SplitRun {
  const tag = `${board}-${at}`;
  const disk = path.join(dir, `${tag}.img`);
  fs.copyFileSync(base, disk);
  const before = path.join(dir, `${tag}-before.txt`);
  const after = path.join(dir, `${tag}-after.txt`);
  const mid = path.join(dir, `${tag}.snap`);
  const end = path.join(dir, `${tag}-end.snap`);
  const first = runJos(['run', '--board', board, ...FIXED, '--disk', disk, '--serial', `file:${before}`, '--save-snapshot', mid, '--snapshot-at', String(at), '--', 'sh', '-c', WORKLOAD], { timeoutMs: 180_000 });
  const second = runJos(['run', '--restore', mid, '--clock', 'virtual', '--timeout', '120', '--serial', `file:${after}`, '--save-snapshot', end], { timeoutMs: 180_000 });
  return {
    first,
    second,
    output: fs.readFileSync(before, 'latin1') + fs.readFileSync(after, 'latin1'),
    saved: snapshotHeader(mid),
    end: snapshotHeader(end),
    disk: fs.readFileSync(disk),
  };
}
