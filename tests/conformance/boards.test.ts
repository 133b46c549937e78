/**
 * Cross-architecture conformance on JOS itself: every userland program runs
 * as the first process on a JOS board, and what it prints on the serial
 * console (CRLF from the terminal's ONLCR turned back into LF) must be the
 * bytes its Linux oracle prints: qemu-riscv32 for the esp32c3 board, the
 * host CPU for the pc board. Exit statuses must match too. So the two
 * boards print the same bytes as each other.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/run-jos';
import { LIBC_BOARD_PROGRAMS, ORACLE_ENV, PROGRAMS, RunResult, copyFixture, guestPath, oracleCommand, qemuExecWrapper, runCommand, which } from '../userland/oracle';

type Board = 'pc' | 'esp32c3';
const ARCH_OF = { pc: 'x86_64', esp32c3: 'riscv32' } as const;
const qemu = which('qemu-riscv32');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
if (!qemu) console.warn('conformance: skipping the esp32c3 comparisons: qemu-riscv32 not installed (apt-get install qemu-user)');
if (!nativeOk) console.warn(`conformance: skipping the pc comparisons: this host is ${process.platform}/${process.arch}, not linux/x64`);
/** Each board with its oracle available. */
const available: Record<Board, boolean> = { pc: nativeOk, esp32c3: qemu !== null };
const BOARDS: Board[] = ['pc', 'esp32c3'];
/** The conformance programs and the libc's own test programs. */
const ALL_PROGRAMS: string[] = [...PROGRAMS, ...LIBC_BOARD_PROGRAMS];

const ARGS: Record<string, string[]> = { args: ['hello', 'two words', ''] };
const jos: Record<Board, Record<string, RunResult>> = { pc: {}, esp32c3: {} };
const oracle: Record<Board, Record<string, RunResult>> = { pc: {}, esp32c3: {} };
let tmp = '';

function runJos(board: Board, program: string, args: string[], timeoutSeconds: number): Promise<RunResult> {
  const env = Object.entries(ORACLE_ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const argv = [
    path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', String(timeoutSeconds),
    '--add', `${path.join(ROOT, 'userland', 'tests', 'fixture')}:/fixture`, ...env, '--', guestPath(program), ...args,
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

function argsFor(board: Board, program: string, onJos: boolean): string[] {
  if (program === 'files') return [onJos ? '/fixture' : copyFixture(tmp, `fixture-${board}`)];
  if (program === 'forktree' && !onJos && board === 'esp32c3') return [qemuExecWrapper(tmp, qemu!, 'forktree')];
  return ARGS[program] ?? [];
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-conformance-'));
  const jobs = BOARDS.filter((b) => available[b]).flatMap((board) =>
    ALL_PROGRAMS.flatMap((program) => [
      async () => {
        jos[board][program] = await runJos(board, program, argsFor(board, program, true), 120);
      },
      async () => {
        oracle[board][program] = await runCommand(oracleCommand(ARCH_OF[board], program, argsFor(board, program, false), qemu ?? ''));
      },
    ]),
  );
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
  describe.each(ALL_PROGRAMS.filter((p) => p !== 'init'))('%s', (program) => {
    (available[board] ? test : test.skip)(`prints the same bytes as on ${ARCH_OF[board]} Linux and exits the same way`, () => {
      const ours = jos[board][program];
      const theirs = oracle[board][program];
      expect(ours.stderr).toBe('');
      expect(ours.stdout).not.toMatch(/^FAIL/m);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.status).toBe(theirs.status);
    });
  });

  (available[board] ? test : test.skip)('init: the banner and demo match; as pid 1 it then runs the shell and powers off', () => {
    // As pid 1 it does not print "done": it runs /bin/sh, which meets the
    // end of its input at once here, and then powers the machine off.
    const shell = 'jos:/$ \ninit: the shell exited with status 0\ninit: powering off\n';
    const expected = comparable(oracle[board].init.stdout).replace(/init: done\n$/, shell);
    expect(comparable(jos[board].init.stdout)).toBe(expected);
    expect(jos[board].init.status).toBe(0);
  });
});
