/**
 * QEMU's tests/tcg/i386/test-i386.c (Debian's qemu source package, fetched
 * by scripts/fetch-qemu-tests.sh, never committed), built by the host gcc as
 * a static x86_64 glibc program, runs unmodified on the pc board and prints
 * what it prints natively, line for line.  npm run test:heavy
 *
 * Two builds: the command of issue 6 (`-O2 -static -no-pie ... -lm`) and the
 * flags QEMU's own tests/tcg/x86_64/Makefile.target builds test-x86_64 with
 * (tests/tcg/Makefile.target's `-Wall -Werror -O0 -g -fno-strict-aliasing`,
 * `-static`, `-lm -lc`); they exercise different instruction mixes.
 *
 * On a difference the failure lists the first differing lines, the sections
 * that differ, and the kernel's log of a second run at debug level (faults
 * with the faulting instruction disassembled, ENOSYS system calls, signals).
 * TEST_I386_JIT_BACKEND=wasm runs them on the JIT's wasm backend.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../../support/run-jos';
import type { CpuVendor } from '../../../arch/x86_64/cpu-model';
import { hostCpuVendor } from '../../../host/host-cpu';
import { compareOutputs } from './compare-output';

const JOS = path.join(ROOT, 'bin', 'jos.js');
const FETCH = path.join(ROOT, 'scripts', 'fetch-qemu-tests.sh');
/** Wall-clock limit of one JOS run (seconds); the interpreter is slow. */
const JOS_TIMEOUT_S = Number(process.env.TEST_I386_TIMEOUT ?? 1200);
/** TEST_I386_JIT_BACKEND=wasm|js: the JIT backend the runs use (default:
 * the board's). */
const BACKEND = process.env.TEST_I386_JIT_BACKEND;
if (BACKEND !== undefined && BACKEND !== 'js' && BACKEND !== 'wasm') throw new Error(`TEST_I386_JIT_BACKEND must be js or wasm, not ${BACKEND}`);
/** Vendors whose undefined results the core was measured to reproduce. */
const VERIFIED_VENDORS: readonly CpuVendor[] = ['amd'];

interface Build {
  name: string;
  /** gcc arguments after the source file. */
  args: string[];
  /** gcc arguments before it. */
  flags: string[];
}

const BUILDS: Build[] = [
  { name: 'test-i386 (gcc -O2 -static -no-pie)', flags: ['-O2', '-static', '-no-pie'], args: ['-lm'] },
  {
    name: 'test-x86_64 (QEMU Makefile flags)',
    flags: ['-Wall', '-Werror', '-O0', '-g', '-fno-strict-aliasing'],
    args: ['-static', '-lm', '-lc'],
  },
];

/** Why the suite cannot run here, or '' when it can; sets SRC. */
let SRC = '';
function unavailable(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'needs an x86_64 Linux host (the native run is the oracle)';
  if (spawnSync('gcc', ['--version']).status !== 0) return 'no host gcc';
  // test-i386 prints results the manuals leave undefined (flags of
  // every operation, 16-bit shld/shrd by 17..31): the core reproduces the
  // host vendor's (--cpu-vendor host), verified on AMD hosts only.
  const vendor = hostCpuVendor();
  if (vendor === null) return 'the host CPU is neither Intel nor AMD (/proc/cpuinfo vendor_id)';
  if (!VERIFIED_VENDORS.includes(vendor)) {
    return `the core's ${vendor} model of undefined results is not verified against ${vendor} hardware (docs/cores/x86_64.md, "Vendor behaviour")`;
  }
  const fetch = spawnSync('bash', [FETCH], { encoding: 'utf8', timeout: 600_000 });
  if (fetch.status !== 0) return `scripts/fetch-qemu-tests.sh failed: ${(fetch.stderr || fetch.error?.message || '').trim()}`;
  const dir = fetch.stdout.trim().split('\n').pop() ?? '';
  SRC = path.join(dir, 'tests', 'tcg', 'i386');
  if (!fs.existsSync(path.join(SRC, 'test-i386.c'))) return `no test-i386.c under ${SRC}`;
  return '';
}

const reason = unavailable();
if (reason) console.warn(`test-i386: SKIPPED: ${reason}`);
const suite = reason ? describe.skip : describe;

/** Runs `bin` as the first program on the pc board. */
function runOnJos(bin: string, level: string) {
  const name = path.basename(bin);
  const r = spawnSync(
    process.execPath,
    [JOS, 'run', '--board', 'pc', '--cpu-vendor', 'host', '--log-level', level, '--color', 'never', '--append', 'quiet',
      ...(BACKEND === undefined ? [] : ['--jit-backend', BACKEND]),
      '--timeout', String(JOS_TIMEOUT_S), '--add', `${bin}:/bin/${name}`, '--', name],
    { cwd: ROOT, encoding: 'latin1', maxBuffer: 512 << 20, timeout: (JOS_TIMEOUT_S + 60) * 1000 },
  );
  return { status: r.status, stdout: (r.stdout ?? '').replace(/\r\n/g, '\n'), stderr: r.stderr ?? '', error: r.error };
}

/** The instruction at `addr` in `bin`, as objdump names it. */
function disassembleAt(bin: string, addr: number): string {
  const r = spawnSync('objdump', ['-d', `--start-address=0x${addr.toString(16)}`, `--stop-address=0x${(addr + 16).toString(16)}`, bin], { encoding: 'utf8' });
  const line = (r.stdout ?? '').split('\n').find((l) => new RegExp(`^\\s*${addr.toString(16)}:`).test(l));
  return line ? line.trim().replace(/\s+/g, ' ') : '(objdump could not decode it)';
}

/** Kernel log lines that explain a difference: faults, ENOSYS, signals. */
function diagnose(bin: string): string {
  const r = runOnJos(bin, 'debug');
  const log = r.stdout.split('\n').filter((l) => /^\[\s*\d+\.\d+\]\s+(error|warn|info|debug)\s/.test(l));
  const wanted = log.filter((l) => /fault|ENOSYS|signal|invalid|unsupported|not implemented|error|warn/i.test(l));
  const out = [`jos exit status ${r.status}${r.error ? ` (${r.error.message})` : ''}; kernel log at debug level:`];
  for (const l of wanted.slice(0, 40)) {
    out.push(`  ${l}`);
    const at = /#\w+ .* at 0x([0-9a-f]+)/.exec(l);
    if (at) out.push(`    instruction: ${disassembleAt(bin, parseInt(at[1], 16))}`);
  }
  if (wanted.length === 0) out.push('  (no fault, ENOSYS or signal lines)');
  return out.join('\n');
}

suite('QEMU test-i386 on the pc board', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-test-i386-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const build of BUILDS) {
    test(`${build.name}: output equals the native output line for line`, () => {
      const bin = path.join(dir, build.name.split(' ')[0]);
      // The headers (test-i386.h, -shift.h, -muldiv.h) sit next to the source.
      execFileSync('gcc', [...build.flags, '-o', bin, path.join(SRC, 'test-i386.c'), ...build.args], { cwd: SRC, stdio: 'pipe' });

      const native = spawnSync(bin, [], { encoding: 'latin1', maxBuffer: 512 << 20, timeout: 120_000 });
      expect(native.status).toBe(0);
      expect(native.stdout.split('\n').length).toBeGreaterThan(5000);

      const jos = runOnJos(bin, 'error');
      const cmp = compareOutputs(native.stdout, jos.stdout);
      if (!cmp.equal || jos.status !== native.status) {
        const msg = [
          `${build.name}: jos exit status ${jos.status}, native ${native.status}`,
          cmp.report,
          diagnose(bin),
        ].join('\n');
        throw new Error(msg);
      }
      expect(jos.stderr).toBe('');
    }, (2 * JOS_TIMEOUT_S + 300) * 1000);
  }
});
