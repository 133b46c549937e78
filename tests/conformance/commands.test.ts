/**
 * The commands (/bin) against their Linux oracles, all at once: one script,
 * userland/tests/commands.sh, runs under the shell natively (the x86_64
 * ELFs on this host), under qemu-riscv32 (the riscv32 ELFs: the shell and
 * every command it starts, through wrappers on PATH that start each under
 * qemu again), and on both boards, one boot each. Every run must print
 * the same bytes, stdout and stderr together as they were written.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/run-jos';
import { USERLAND, commandPrograms, which } from '../userland/oracle';

const SCRIPT = path.join(USERLAND, 'tests', 'commands.sh');
const GUEST_SCRIPT = '/usr/libexec/jos-tests/commands.sh';
const qemu = which('qemu-riscv32');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
if (!qemu) console.warn('commands: skipping the riscv32 oracle: qemu-riscv32 not installed (apt-get install qemu-user)');
if (!nativeOk) console.warn(`commands: skipping the x86_64 oracle: this host is ${process.platform}/${process.arch}, not linux/x64`);

interface Run {
  output: string;
  status: number | null;
}

/** Runs argv with stdout and stderr on one file, so their order is kept. */
function runMerged(argv: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  const file = path.join(cwd, '..', `${path.basename(cwd)}.out`);
  const fd = fs.openSync(file, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', fd, fd] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      fs.closeSync(fd);
      resolve({ output: fs.readFileSync(file, 'latin1'), status });
    });
  });
}

/** A directory of wrappers: each command runs its riscv32 ELF under qemu. */
function qemuBin(dir: string): string {
  const bin = path.join(dir, 'rvbin');
  fs.mkdirSync(bin);
  for (const name of [...commandPrograms(), '[']) {
    const elf = path.join(USERLAND, 'prebuilt', 'riscv32', 'bin', name);
    // The host shell would export PWD to the program: not ours to add.
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\nunset PWD\nexec ${qemu} '${elf}' "$@"\n`, { mode: 0o755 });
  }
  return bin;
}

function runJos(board: string): Promise<Run> {
  const argv = [
    path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', '300',
    '--add', `${SCRIPT}:${GUEST_SCRIPT}`, '--', '/bin/sh', '-c', `/bin/sh ${GUEST_SCRIPT} /tmp/w 2>&1 | cat`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ output: Buffer.concat(out).toString('latin1').replace(/\r\n/g, '\n'), status }));
  });
}

const runs: Record<string, Run> = {};
let tmp = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-commands-'));
  const work = (name: string) => {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir);
    return dir;
  };
  const jobs: Promise<void>[] = [
    runJos('pc').then((r) => void (runs.pc = r)),
    runJos('esp32c3').then((r) => void (runs.esp32c3 = r)),
  ];
  if (nativeOk) {
    const bin = path.join(USERLAND, 'prebuilt', 'x86_64', 'bin');
    jobs.push(runMerged([path.join(bin, 'sh'), SCRIPT, '.'], work('native'), { PATH: bin, HOME: '/' }, 60_000).then((r) => void (runs.native = r)));
  }
  if (qemu) {
    const bin = qemuBin(tmp);
    const sh = path.join(USERLAND, 'prebuilt', 'riscv32', 'bin', 'sh');
    jobs.push(runMerged([qemu, sh, SCRIPT, '.'], work('qemu'), { PATH: bin, HOME: '/' }, 120_000).then((r) => void (runs.qemu = r)));
  }
  await Promise.all(jobs);
}, 400_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const sections = (output: string) => output.split(/^(?===== )/m);

test('the script runs to its end natively, with every command section', () => {
  if (!nativeOk) return;
  expect(runs.native.status).toBe(0);
  const names = sections(runs.native.output).map((s) => s.split('\n')[0]);
  expect(names).toContain('==== echo');
  expect(names[names.length - 1]).toBe('==== date kill sleep clear');
  // A few answers checked outright, so an oracle that is wrong everywhere fails too.
  expect(runs.native.output).toContain('==== echo\na\tbAA -n x\n[0]\n');
  expect(runs.native.output).toContain('      2 a 10\n');
  expect(runs.native.output).toContain('Thu Jan  1 00:00:00 UTC 1970\n2009-02-13 23:31:30 Fri 044\n');
});

test.each(['pc', 'esp32c3', 'qemu'])('%s prints the bytes the native run prints, section by section', (where) => {
  if (!nativeOk || (where === 'qemu' && !qemu)) return;
  const ours = sections(runs[where].output);
  const theirs = sections(runs.native.output);
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) expect([where, ours[i]]).toEqual([where, theirs[i]]);
  expect(runs[where].status).toBe(0);
});
