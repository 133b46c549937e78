/**
 * Cross-architecture conformance on JOS itself: every userland program runs
 * as the first process on a JOS board, and what it prints on the serial
 * console (CRLF from the terminal's ONLCR turned back into LF) must be the
 * bytes its Linux oracle prints: qemu-riscv32 for the esp32c3 board, the
 * host CPU for the pc board. Exit statuses must match too.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/run-jos';
import { ORACLE_ENV, PROGRAMS, RunResult, copyFixture, oracleCommand, qemuExecWrapper, runCommand, which } from '../userland/oracle';

type Board = 'esp32c3';
const ARCH_OF: Record<Board, 'riscv32'> = { esp32c3: 'riscv32' };
const BOARDS: Board[] = ['esp32c3'];
const qemu = which('qemu-riscv32');
if (!qemu) console.warn('conformance: skipping the esp32c3 comparisons: qemu-riscv32 not installed (apt-get install qemu-user)');

const ARGS: Record<string, string[]> = { args: ['hello', 'two words', ''] };
const jos: Record<string, RunResult> = {};
const oracle: Record<string, RunResult> = {};
let tmp = '';

function runJos(board: Board, program: string, args: string[], timeoutSeconds: number): Promise<RunResult> {
  const env = Object.entries(ORACLE_ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const argv = [
    path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', String(timeoutSeconds),
    '--add', `${path.join(ROOT, 'userland', 'tests', 'fixture')}:/fixture`, ...env, '--', program, ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({ stdout: Buffer.concat(out).toString('latin1').replace(/\r\n/g, '\n'), stderr: Buffer.concat(err).toString('latin1'), status, signal }),
    );
  });
}

function argsFor(program: string, onJos: boolean): string[] {
  if (program === 'files') return [onJos ? '/fixture' : copyFixture(tmp, 'fixture')];
  if (program === 'forktree' && !onJos) return [qemuExecWrapper(tmp, qemu!, 'forktree')];
  return ARGS[program] ?? [];
}

beforeAll(async () => {
  if (!qemu) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-conformance-'));
  const jobs = PROGRAMS.flatMap((program) => [
    async () => {
      // init never exits as pid 1 (it reaps orphans forever): give it a moment.
      jos[program] = await runJos('esp32c3', program, argsFor(program, true), program === 'init' ? 3 : 120);
    },
    async () => {
      oracle[program] = await runCommand(oracleCommand('riscv32', program, argsFor(program, false), qemu));
    },
  ]);
  const queue = [...jobs];
  await Promise.all([0, 1, 2].map(async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Lines that differ between machines by design. */
const comparable = (out: string) => out.replace(/^init: (uname|uptime) .*\n/gm, '');

describe.each(BOARDS)('on the %s board', (board) => {
  describe.each(PROGRAMS.filter((p) => p !== 'init'))('%s', (program) => {
    (qemu ? test : test.skip)(`prints the same bytes as on ${ARCH_OF[board]} Linux and exits the same way`, () => {
      const ours = jos[program];
      const theirs = oracle[program];
      expect(ours.stderr).toBe('');
      expect(ours.stdout).not.toMatch(/^FAIL/m);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.status).toBe(theirs.status);
    });
  });

  (qemu ? test : test.skip)('init: the banner and demo match, then it stays as pid 1', () => {
    // As pid 1 it does not print "done" but goes on reaping orphans.
    const expected = comparable(oracle.init.stdout).replace(/init: done\n$/, 'init: idle\n');
    expect(comparable(jos.init.stdout)).toBe(expected);
    expect(jos.init.status).toBe(124); // still running when --timeout ended the run
  });
});
