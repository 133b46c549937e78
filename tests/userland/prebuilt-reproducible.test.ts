/** The committed ELFs in userland/prebuilt/<arch>/, and the SDK's
 * libraries in userland/sdk/<arch>/lib/ (`jos cc`), are exactly what the
 * sources build to: each architecture whose toolchain is installed is
 * rebuilt into a temporary directory and compared byte for byte. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ARCHS, Arch, USERLAND, benchPrograms, installedPrograms, prebuilt, testPrograms, which } from './oracle';

const TOOLS: Record<Arch, string[]> = {
  x86_64: ['make', 'gcc', 'ar'],
  riscv32: ['make', 'riscv64-unknown-elf-gcc', 'riscv64-unknown-elf-ar'],
};

const missing = (arch: Arch) => TOOLS[arch].filter((tool) => which(tool) === null);

for (const arch of ARCHS) {
  const absent = missing(arch);
  if (absent.length > 0) console.warn(`prebuilt-reproducible: skipping ${arch}: ${absent.join(', ')} not installed`);
}

test('every program has a prebuilt ELF for each architecture', () => {
  for (const arch of ARCHS) {
    for (const program of installedPrograms()) {
      const head = fs.readFileSync(prebuilt(arch, program)).subarray(0, 5);
      expect([program, head.toString('latin1')]).toEqual([program, '\x7fELF' + (arch === 'x86_64' ? '\x02' : '\x01')]);
    }
  }
});

/** Where `make` puts a program inside $(BUILD)/<arch>/. */
function buildDir(program: string): string {
  if (testPrograms().includes(program)) return 'tests';
  if (benchPrograms().includes(program)) return 'bench';
  return 'bin';
}

describe.each(ARCHS)('%s', (arch) => {
  const runnable = missing(arch).length === 0;
  let build = '';

  beforeAll(() => {
    if (!runnable) return;
    build = fs.mkdtempSync(path.join(os.tmpdir(), `jos-userland-${arch}-`));
    const r = spawnSync('make', ['-C', USERLAND, '-s', '-j2', `BUILD=${build}`, arch], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`make failed:\n${r.stdout}${r.stderr}`);
  }, 120_000);

  afterAll(() => {
    if (build) fs.rmSync(build, { recursive: true, force: true });
  });

  (runnable ? test : test.skip)('a fresh build is byte-identical to prebuilt/ (else run `make -C userland prebuilt`)', () => {
    const stale = installedPrograms().filter((program) => {
      const built = fs.readFileSync(path.join(build, arch, buildDir(program), program));
      return !built.equals(fs.readFileSync(prebuilt(arch, program)));
    });
    expect(stale).toEqual([]);
  });

  (runnable ? test : test.skip)("the SDK's crt0.o and libc.a are byte-identical to userland/sdk/ (else run `make -C userland prebuilt`)", () => {
    const built = { 'crt0.o': path.join(build, arch, 'obj', 'libc', 'arch', arch, 'crt0.o'), 'libc.a': path.join(build, arch, 'lib', 'libc.a') };
    const stale = Object.entries(built).filter(([name, file]) => !fs.readFileSync(file).equals(fs.readFileSync(path.join(USERLAND, 'sdk', arch, 'lib', name))));
    expect(stale.map(([name]) => name)).toEqual([]);
  });
});
