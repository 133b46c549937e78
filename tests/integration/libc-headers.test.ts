/**
 * The headers JOS's libc added for ordinary Unix programs (arpa/inet.h,
 * netinet/in.h, netdb.h, search.h, ftw.h, sys/statvfs.h, utime.h,
 * syslog.h, complex.h, fenv.h; userland/tests/headers/*.c, one program
 * per family):
 * each program is built with the host gcc against glibc (the reference)
 * and with `jos cc` for both boards, and must print the same bytes as an
 * x86_64 ELF natively, as a riscv32 ELF under qemu-riscv32, and on both
 * boards. The net program reads /etc/hosts and /etc/services, which the
 * board runs get from the host (--add), as glibc does natively. fenv on
 * riscv32 is the exception: soft-float has one rounding mode and no
 * flags, so there it must print RISCV_FENV (and glibc has no riscv32
 * build here to ask).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';
import { USERLAND, which } from '../userland/oracle';

const PROGRAMS = ['net', 'search', 'ftw', 'files', 'complex', 'fenv'];
const SOURCES = path.join(USERLAND, 'tests', 'headers');
const TARGETS = [
  { board: 'pc', compiler: 'gcc', runner: [] as string[] },
  { board: 'esp32c3', compiler: 'riscv64-unknown-elf-gcc', runner: ['qemu-riscv32'] },
];
const ETC_FILES = ['/etc/hosts', '/etc/services'].filter((f) => fs.existsSync(f));

/** What fenv prints on riscv32: round-to-nearest only, no flags; long
 * double is binary128 there. */
const RISCV_FENV = `macros: FE_TONEAREST FE_ALL_EXCEPT=0
initial round 1, bad mode refused 1
nearest     set 0 get same: 1/3 0x1.5555555555555p-2 -1/3 -0x1.5555555555555p-2 sqrt2 0x1.6a09e667f3bcdp+0 float 0x1.555556p-2
            rint 2.5 2 -2.5 -2 -1.5 -2 nearbyint 0.5 0 lrint -2.5 -2 long double 1/3 0.333333333333333333333
${['cleared', '1/0', '0/0', 'overflow', 'underflow', '1/3', '1+2'].map((w) => `${w.padEnd(14)} flags 0000\n`).join('')}raise all -> 0
raised         flags 0000
cleared again  flags 0000
restored       flags 0000
fesetenv -> 0, mode restored 1
FE_DFL_ENV mode nearest 1
feholdexcept -> 0
held, 1/0      flags 0000
feupdateenv -> 0
updated        flags 0000
`;

const hostOk = process.platform === 'linux' && process.arch === 'x64' && which('gcc') !== null;
if (!hostOk) console.warn('libc-headers: skipping: needs a linux/x64 host with gcc for the glibc reference');

let dir = '';
const glibc: Record<string, string> = {};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-libc-headers-'));
  if (!hostOk) return;
  for (const program of PROGRAMS) {
    const exe = path.join(dir, `${program}-glibc`);
    const cc = spawnSync('gcc', ['-O2', '-w', '-o', exe, path.join(SOURCES, `${program}.c`), '-lm'], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`gcc ${program}.c: ${cc.stderr}`);
    const r = spawnSync(exe, [], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${program} (glibc) exited ${r.status}: ${r.stderr}`);
    glibc[program] = r.stdout;
  }
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(TARGETS)('libc headers, $board', ({ board, compiler, runner }) => {
  const missing = [compiler, ...runner].filter((tool) => which(tool) === null);
  if (missing.length > 0) console.warn(`libc-headers: skipping ${board}: ${missing.join(', ')} not installed`);
  const maybe = hostOk && missing.length === 0 ? test : test.skip;

  maybe.each(PROGRAMS)('%s: jos cc builds it; same bytes as glibc on the Linux oracle and on the board', (program) => {
    const elf = path.join(dir, `${program}-${board}`);
    const built = runJos(['cc', '--board', board, '-O2', '-Wall', path.join(SOURCES, `${program}.c`), '-o', elf, '-lm']);
    expect([built.status, built.stderr]).toEqual([0, '']);
    expect(glibc[program].split('\n').length).toBeGreaterThan(5);
    const want = program === 'fenv' && board === 'esp32c3' ? RISCV_FENV : glibc[program];

    const [command, ...args] = [...runner, elf];
    const oracle = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
    expect(oracle.stdout).toBe(want);
    expect(oracle.status).toBe(0);

    const adds = ['--add', `${elf}:/prog`, ...ETC_FILES.flatMap((f) => ['--add', `${f}:${f}`])];
    const onBoard = runJos(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet',
      '--timeout', '60', ...adds, '--', '/prog'], { timeoutMs: 90_000 });
    expect(onBoard.stdout.replace(/\r\n/g, '\n')).toBe(want);
    expect(onBoard.status).toBe(0);
  }, 180_000);
});
