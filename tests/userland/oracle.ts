/** Runs the prebuilt userland ELFs on their Linux oracles: x86_64 programs
 * natively on this host, riscv32 ones under Debian's qemu-riscv32. Shared
 * by the userland suites; tools that are missing are reported, not fatal. */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const USERLAND = path.join(ROOT, 'userland');
export const FIXTURE = path.join(USERLAND, 'tests', 'fixture');
export const ARCHS = ['x86_64', 'riscv32'] as const;
export type Arch = (typeof ARCHS)[number];

/** One of the Makefile's program lists (BIN_PROGS or TEST_PROGS). */
function makefileList(name: string): string[] {
  const makefile = fs.readFileSync(path.join(USERLAND, 'Makefile'), 'utf8');
  return (new RegExp(`^${name} := (.*)$`, 'm').exec(makefile)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

/** The commands, installed in /bin. */
export const commandPrograms = (): string[] => makefileList('BIN_PROGS');
/** The conformance programs, installed in /usr/libexec/jos-tests. */
export const testPrograms = (): string[] => makefileList('TEST_PROGS');
export const TEST_DIR = '/usr/libexec/jos-tests';
/** The bench's real programs, installed in /usr/libexec/jos-bench. */
export const benchPrograms = (): string[] => makefileList('BENCH_PROGS');
export const BENCH_DIR = '/usr/libexec/jos-bench';

/** Every program `make prebuilt` installs: the Makefile's BIN_PROGS,
 * TEST_PROGS (the interactive sh and cat and the JOS-only sysfuzz too) and
 * BENCH_PROGS. */
export function installedPrograms(): string[] {
  return [...commandPrograms(), ...testPrograms(), ...benchPrograms()];
}

/** Where a program lives in the guest: /bin/NAME or TEST_DIR/NAME. */
export function guestPath(program: string): string {
  if (testPrograms().includes(program)) return `${TEST_DIR}/${program}`;
  if (benchPrograms().includes(program)) return `${BENCH_DIR}/${program}`;
  return `/bin/${program}`;
}

/** The conformance programs: they run natively, under qemu-riscv32 and on
 * both boards with the same output. Not sh and cat (interactive) nor
 * sysfuzz (random system calls: JOS only). */
export const PROGRAMS = [
  'init', 'hello', 'args', 'forktree', 'segv', 'preempt', 'sleep', 'clock', 'memstress', 'pipe', 'files', 'errno', 'libc', 'signals', 'jobctl', 'sigchld', 'isolation', 'mqueue', 'ipc', 'shm',
  'threads', 'thread-local', 'thread-exit', 'sysargs', 'atomics',
] as const;

/** The libc's test programs, one per header family. They print results
 * rather than checks: libc-glibc.test.ts compares their output with the
 * same source built against the host's glibc. */
export const LIBC_PROGRAMS = ['libc-time', 'libc-regex', 'libc-getopt', 'libc-fnmatch', 'libc-unix', 'libc-poll', 'libc-stdio'] as const;

/** The libc programs the JOS boards run too: all of them. */
export const LIBC_BOARD_PROGRAMS: readonly string[] = LIBC_PROGRAMS;

/** The committed ELF of a program: prebuilt/<arch>/ is the guest's tree. */
export function prebuilt(arch: Arch, program: string): string {
  return path.join(USERLAND, 'prebuilt', arch, guestPath(program));
}

/** The absolute path of a command on PATH, or null. */
export function which(command: string): string | null {
  const r = spawnSync('/bin/sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found.startsWith('/') ? found : null;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

/** The environment every oracle run gets, so `args` prints the same envp. */
export const ORACLE_ENV = { FOO: 'bar' };

/**
 * Runs argv with core dumps off (segv and memstress kill children on
 * purpose), a fixed environment and no stdin. The shell that sets the limit
 * drops the PWD it would otherwise export before exec'ing the program.
 * The time limit is generous: qemu-riscv32 running the threaded programs
 * (atomics: 4 threads spinning on each other) took more than 20 s on a
 * loaded 2-core machine and was killed half-way, failing the comparison.
 */
export function runCommand(argv: string[], timeoutMs = 120_000, cwd = os.tmpdir()): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'ulimit -c 0; unset PWD; exec "$@"', 'sh', ...argv], {
      cwd,
      env: ORACLE_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1'), status, signal });
    });
  });
}

/** The command line that runs one prebuilt program on an arch's oracle. */
export function oracleCommand(arch: Arch, program: string, args: string[], qemu: string): string[] {
  const elf = prebuilt(arch, program);
  return arch === 'x86_64' ? [elf, ...args] : [qemu, elf, ...args];
}

/**
 * qemu-user runs only the first program: an execve of a riscv32 ELF would
 * go to the host kernel, which cannot run it (no binfmt_misc here). So
 * forktree, which re-executes itself, is given a shell script that starts
 * its ELF under qemu again.
 */
export function qemuExecWrapper(dir: string, qemu: string, program: string): string {
  const script = path.join(dir, `${program}-under-qemu`);
  fs.writeFileSync(script, `#!/bin/sh\nexec ${qemu} ${prebuilt('riscv32', program)} "$@"\n`, { mode: 0o755 });
  return script;
}

/** Copies the files fixture to a fresh directory (files -w writes in it). */
export function copyFixture(dir: string, name: string): string {
  const target = path.join(dir, name);
  fs.cpSync(FIXTURE, target, { recursive: true });
  return target;
}
