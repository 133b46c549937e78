/**
 * Two real programs nobody here wrote, on every tier of both boards (heavy
 * suite: npm run test:deb, in .ci/run): Debian's bzip2 library driven by
 * userland/bench/deb/bzbench.c, and Debian's Lua 5.4 interpreter running
 * userland/bench/deb/bench.lua, built against JOS's C library by
 * scripts/bench-deb-build.sh (`npm run bench:deb-build`; the sources are
 * fetched from Debian, never committed).
 *
 * The x86_64 ELF run natively and the riscv32 ELF under qemu-riscv32 are
 * the references, and must agree with each other (the same C on two
 * architectures); each board, with its interpreter and both JIT backends,
 * must print exactly those bytes. These programs' hot code is a
 * Burrows-Wheeler sort, Huffman coding, a bytecode interpreter's
 * jump-table dispatch and a garbage collector: code shaped by nobody
 * tuning the emulator, which the conformance programs do not reach.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runJos } from '../support/run-jos';

const OUT = path.join(ROOT, 'build', 'bench-deb');
const SCRIPT = path.join(ROOT, 'userland', 'bench', 'deb', 'bench.lua');
const elf = (arch: string, program: string) => path.join(OUT, arch, program);

/** Each program: its guest arguments given where the data directory is. */
const PROGRAMS: Record<string, (dir: string) => string[]> = {
  bzbench: () => [],
  lua: (dir) => [`${dir}/bench.lua`],
};
/** Every tier (the default is one of them). */
const TIERS = [['--jit-backend', 'js'], ['--jit-backend', 'wasm'], ['--no-jit']];
const BOARDS = ['pc', 'esp32c3'];
const ARCH: Record<string, string> = { pc: 'x86_64', esp32c3: 'riscv32' };

let built = false;
let data = '';
const reference: Record<string, string> = {};

beforeAll(() => {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'bench-deb-build.sh')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JOBS: '2' } });
  if (r.status !== 0) {
    if (/bench-deb-build: /.test(r.stderr) && !fs.existsSync(path.join(ROOT, 'build', 'bench-deb-src'))) {
      console.warn(`deb-programs: skipping: the sources could not be fetched:\n${r.stderr}`);
      return;
    }
    throw new Error(`npm run bench:deb-build failed:\n${r.stdout}${r.stderr}`);
  }
  built = true;
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-deb-'));
  fs.copyFileSync(SCRIPT, path.join(data, 'bench.lua'));
}, 1_800_000);

afterAll(() => {
  if (data) fs.rmSync(data, { recursive: true, force: true });
});

describe.each(Object.keys(PROGRAMS))('%s', (program) => {
  const args = PROGRAMS[program];

  test('natively (x86_64) and under qemu-riscv32 (riscv32): the same bytes', () => {
    if (!built) return;
    const native = spawnSync(elf('x86_64', program), args(data), { encoding: 'utf8', timeout: 120_000 });
    expect(native.status).toBe(0);
    expect(native.stdout.length).toBeGreaterThan(100);
    reference[program] = native.stdout;
    const qemu = spawnSync('qemu-riscv32', [elf('riscv32', program), ...args(data)], { encoding: 'utf8', timeout: 300_000 });
    if (qemu.error) return console.warn(`deb-programs: no qemu-riscv32 (${qemu.error.message}): riscv32 compared with the boards only`);
    expect(qemu.status).toBe(0);
    expect(qemu.stdout).toBe(native.stdout);
  }, 400_000);

  for (const board of BOARDS) {
    for (const tier of TIERS) {
      test(`${board} ${tier.join(' ')}: the reference's bytes`, () => {
        if (!built) return;
        const guest = `/usr/libexec/jos-bench/${program}`;
        const r = runJos([
          'run', '--board', board, '--log-level', 'error', '--append', 'quiet', ...tier,
          '--add', `${data}:/data`, '--add', `${elf(ARCH[board], program)}:${guest}`, '--', guest, ...args('/data'),
        ], { timeoutMs: 900_000 });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        // The console's tty writes \r\n for \n, as Linux's does.
        expect(r.stdout.replace(/\r\n/g, '\n')).toBe(reference[program]);
      }, 1_000_000);
    }
  }
});
