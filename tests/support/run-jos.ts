/** Runs the built `jos` CLI as a user would, capturing its output. */
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'child_process';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'jos.js');

export interface JosResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runJos(args: string[], options: { input?: string; timeoutMs?: number } = {}): JosResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 256 << 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `jos run` arguments for the shell on `board`'s console, as the
 * interactive tests drive it: quiet boot, a 60 s guest timeout. */
export function shellOnConsole(board: string): string[] {
  return ['run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--', 'sh'];
}

/** One step of a conversation: once the output (since the last step) shows
 * `after`, wait `delayMs` of wall time, then type `send`. */
export interface TypeStep {
  after: string;
  send: string;
  delayMs?: number;
}

/** Runs jos and types each step's text once its output shows the cue. */
export function runJosInteractive(args: string[], steps: TypeStep[], timeoutMs = 30_000): Promise<JosResult> {
  return converse(spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }), steps, timeoutMs);
}

/** Types each step's text into `child` once its output shows the step's
 * cue, and gathers what it prints until it ends (killed after
 * `timeoutMs`). */
function converse(child: ChildProcessWithoutNullStreams, steps: TypeStep[], timeoutMs: number): Promise<JosResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let next = 0;
    let seenUpTo = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const advance = () => {
      const step = steps[next];
      if (!step) return;
      const at = stdout.indexOf(step.after, seenUpTo);
      if (at < 0) return;
      seenUpTo = at + step.after.length;
      next++;
      setTimeout(() => {
        child.stdin.write(step.send);
        advance();
      }, step.delayMs ?? 0);
    };
    child.stdout.on('data', (text: string) => {
      stdout += text;
      advance();
    });
    child.stderr.on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ status, stdout, stderr });
    });
    advance(); // a first step cued on '' goes at once
  });
}

/** The command line as one string for script(1) (POSIX shell quoting). */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * As runJosInteractive, but jos runs on a real pseudo-terminal (util-linux
 * `script`), as on a user's terminal: raw keys in, the guest's bytes out.
 * Null when `script` is missing (the caller says what it skipped).
 */
export function runJosPty(args: string[], steps: TypeStep[], timeoutMs = 30_000): Promise<JosResult> | null {
  const script = spawnSync('/bin/sh', ['-c', 'command -v script'], { encoding: 'utf8' }).stdout.trim();
  if (!script) return null;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return converse(spawn(script, ['-qefc', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }), steps, timeoutMs);
}
