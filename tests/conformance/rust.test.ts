/**
 * The Rust programs (userland/rust: the jos runtime crate and the programs
 * built on it) print the same bytes on both boards as on their Linux
 * oracles: the host CPU for the pc board's x86_64 ELFs, qemu-riscv32 for
 * the esp32c3 board's riscv32 ELFs. stderr is merged into stdout on the
 * oracles, as a JOS console shows both. hexview is also checked against
 * the host's own `hexdump -C`.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/run-jos';
import { ORACLE_ENV, RunResult, TEST_DIR, USERLAND, copyFixture, runCommand, which } from '../userland/oracle';

type Board = 'pc' | 'esp32c3';
const ARCH_OF = { pc: 'x86_64', esp32c3: 'riscv32' } as const;
const qemu = which('qemu-riscv32');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
if (!qemu) console.warn('rust conformance: skipping esp32c3: qemu-riscv32 not installed (apt-get install qemu-user)');
const available: Record<Board, boolean> = { pc: nativeOk, esp32c3: qemu !== null };
const BOARDS: Board[] = ['pc', 'esp32c3'];

/** A file with repeated lines (hexdump's `*`), a partial last line and
 * every byte value. */
const SAMPLE = Buffer.concat([Buffer.alloc(64, 0x41), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('tail')]);

interface Case {
  program: string;
  /** Arguments on JOS (cwd /, the fixture at /fixture) and natively (cwd
   * the temporary directory holding a copy as fixture/). */
  args: (board: Board, onJos: boolean) => string[];
}

const CASES: Case[] = [
  { program: 'rustcheck', args: (board, onJos) => (!onJos && board === 'esp32c3' ? [qemuWrapper()] : []) },
  { program: 'hexview', args: () => ['fixture/sample.bin', 'fixture/hello.txt'] },
  { program: 'life', args: () => ['-g', '40', '-d', '0', '-p', 'gun', '-w', '48', '-h', '16'] },
  { program: 'linecount', args: () => ['fixture', 'fixture/nonexistent'] },
];

let tmp = '';

/** Where a Rust program lives in the guest (userland/rust/Makefile's lists). */
const guestPath = (program: string) => (program === 'rustcheck' ? `${TEST_DIR}/${program}` : `/bin/${program}`);
const prebuilt = (board: Board, program: string) => path.join(USERLAND, 'prebuilt', ARCH_OF[board], guestPath(program));

/** qemu-user cannot execve a riscv32 ELF (no binfmt_misc): rustcheck is
 * given a script that starts itself under qemu again. */
function qemuWrapper(): string {
  const script = path.join(tmp, 'rustcheck-under-qemu');
  fs.writeFileSync(script, `#!/bin/sh\nexec ${qemu} ${prebuilt('esp32c3', 'rustcheck')} "$@"\n`, { mode: 0o755 });
  return script;
}

const jos: Record<Board, Record<string, RunResult>> = { pc: {}, esp32c3: {} };
const oracle: Record<Board, Record<string, RunResult>> = { pc: {}, esp32c3: {} };

function runJos(board: Board, program: string, args: string[]): Promise<RunResult> {
  const env = Object.entries(ORACLE_ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const argv = [
    path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', '120',
    '--add', `${path.join(tmp, 'fixture')}:/fixture`, ...env, '--', guestPath(program), ...args,
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

function runOracle(board: Board, program: string, args: string[]): Promise<RunResult> {
  const elf = prebuilt(board, program);
  const command = board === 'pc' ? [elf, ...args] : [qemu!, elf, ...args];
  return runCommand(['/bin/sh', '-c', 'exec "$0" "$@" 2>&1', ...command], 30_000, tmp);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-rust-'));
  copyFixture(tmp, 'fixture');
  fs.writeFileSync(path.join(tmp, 'fixture', 'sample.bin'), SAMPLE);
  const jobs = BOARDS.filter((b) => available[b]).flatMap((board) =>
    CASES.flatMap(({ program, args }) => [
      async () => {
        jos[board][program] = await runJos(board, program, args(board, true));
      },
      async () => {
        oracle[board][program] = await runOracle(board, program, args(board, false));
      },
    ]),
  );
  await Promise.all([0, 1].map(async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await job();
  }));
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(BOARDS)('on the %s board', (board) => {
  describe.each(CASES.map((c) => c.program))('%s', (program) => {
    (available[board] ? test : test.skip)(`prints the same bytes as on ${ARCH_OF[board]} Linux and exits the same way`, () => {
      const ours = jos[board][program];
      const theirs = oracle[board][program];
      expect(ours.stderr).toBe('');
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.status).toBe(theirs.status);
    });
  });

  (available[board] ? test : test.skip)('rustcheck passes every check', () => {
    expect(jos[board].rustcheck.stdout).toMatch(/^rustcheck: 0 failure\(s\)$/m);
    expect(jos[board].rustcheck.stdout).not.toMatch(/^FAIL/m);
    expect(jos[board].rustcheck.stdout).toMatch(/^panicked at 'index out of bounds/m);
    expect(jos[board].rustcheck.status).toBe(0);
  });

  (available[board] ? test : test.skip)('linecount reports the missing path and exits 1', () => {
    expect(jos[board].linecount.stdout).toMatch(/^linecount: fixture\/nonexistent: No such file or directory$/m);
    // The text files under the fixture, counted here: lines end with \n, and
    // a last line without one counts too; sample.bin has NUL bytes.
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const texts = files(path.join(tmp, 'fixture')).map((f) => fs.readFileSync(f, 'latin1')).filter((t) => !t.includes('\0'));
    const lines = texts.reduce((n, t) => n + t.split('\n').length - 1 + (t !== '' && !t.endsWith('\n') ? 1 : 0), 0);
    expect(jos[board].linecount.stdout).toContain(`${String(lines).padStart(8)} total in ${texts.length} files (1 binary skipped)\n`);
    expect(jos[board].linecount.status).toBe(1);
  });
});

const hexdump = which('hexdump');
(nativeOk && hexdump ? test : test.skip)('hexview prints what the host hexdump -C prints', () => {
  const theirs = spawnSync(hexdump!, ['-C', 'fixture/sample.bin', 'fixture/hello.txt'], { cwd: tmp, encoding: 'latin1' });
  expect(oracle.pc.hexview.stdout).toBe(theirs.stdout);
});
