/**
 * The libc's test programs (userland/tests/libc-*.c, one per header family)
 * print what the library computes: calendar conversions, regex matches,
 * getopt's permutations, glob results... Each source is also built with the
 * host's gcc against glibc; the JOS libc must print the same bytes, as an
 * x86_64 ELF natively and as a riscv32 ELF under qemu-riscv32.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LIBC_PROGRAMS, RunResult, USERLAND, oracleCommand, runCommand, which } from './oracle';

const gcc = which('gcc');
const qemu = which('qemu-riscv32');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
if (!gcc) console.warn('libc-glibc: skipping: no host gcc to build the glibc references (apt-get install gcc)');
if (!qemu) console.warn('libc-glibc: skipping the riscv32 comparisons: qemu-riscv32 not installed (apt-get install qemu-user)');

let tmp = '';
const glibc: Record<string, RunResult> = {};
const ours: Record<string, Record<string, RunResult>> = { x86_64: {}, riscv32: {} };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-libc-glibc-'));
  for (const program of LIBC_PROGRAMS) {
    if (gcc && nativeOk) {
      const exe = path.join(tmp, program);
      const cc = spawnSync(gcc, ['-O2', '-w', '-o', exe, path.join(USERLAND, 'tests', `${program}.c`)], { encoding: 'utf8' });
      if (cc.status !== 0) throw new Error(`gcc ${program}.c: ${cc.stderr}`);
      glibc[program] = await runCommand([exe]);
      ours.x86_64[program] = await runCommand(oracleCommand('x86_64', program, [], ''));
    }
    if (qemu) ours.riscv32[program] = await runCommand(oracleCommand('riscv32', program, [], qemu));
  }
}, 120_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(LIBC_PROGRAMS)('%s', (program) => {
  (gcc && nativeOk ? test : test.skip)('glibc runs it and exits 0', () => {
    expect({ status: glibc[program].status, stderr: glibc[program].stderr }).toEqual({ status: 0, stderr: '' });
    expect(glibc[program].stdout.length).toBeGreaterThan(50);
  });

  (gcc && nativeOk ? test : test.skip)('prints the bytes glibc prints (x86_64, natively)', () => {
    expect(ours.x86_64[program].stdout).toBe(glibc[program].stdout);
    expect({ status: ours.x86_64[program].status, stderr: ours.x86_64[program].stderr }).toEqual({ status: 0, stderr: '' });
  });

  (gcc && nativeOk && qemu ? test : test.skip)('prints the bytes glibc prints (riscv32, under qemu)', () => {
    expect(ours.riscv32[program].stdout).toBe(glibc[program].stdout);
    expect(ours.riscv32[program].status).toBe(0);
  });
});
