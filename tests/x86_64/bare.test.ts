/**
 * Bare-metal x86_64 programs (tests/x86_64/bare/src, built with the host
 * gcc, committed under prebuilt/) run through the `jos exec` runner: traps,
 * paging faults, ring 3 with syscall/sysret and iretq, PIC/PIT interrupts.
 * Where gcc is installed, the sources are rebuilt and must match the
 * committed ELFs.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readImage } from '../../host/exec-command';
import { runX86BareMetal } from '../../arch/x86_64/bare-metal';

const DIR = join(__dirname, 'bare');
const TESTS = ['traps', 'user', 'irq'];

async function run(name: string, jit: boolean): Promise<{ status: number; out: string; err: string }> {
  const { image } = await readImage(join(DIR, 'prebuilt', `${name}.elf`));
  let out = '';
  let err = '';
  const status = await runX86BareMetal(image, {
    trace: false,
    maxInstructions: 50_000_000,
    writeOut: (t) => (out += t),
    writeErr: (t) => (err += t),
    interrupted: () => false,
    jit,
    jitThreshold: 0,
  });
  return { status, out, err };
}

describe('bare-metal x86_64 programs under jos exec', () => {
  for (const name of TESTS) for (const jit of [false, true]) {
    it(`${name}.elf passes (${jit ? 'JIT at first run' : 'interpreter'})`, async () => {
      const r = await run(name, jit);
      expect(r.err).toBe('');
      expect(r.out).toBe('PASS\n');
      expect(r.status).toBe(0);
    });
  }

  it('the committed ELFs are what the sources build to', () => {
    let hasGcc = true;
    try {
      execFileSync('gcc', ['--version'], { stdio: 'pipe' });
    } catch {
      hasGcc = false;
    }
    if (!hasGcc) return;
    const out = mkdtempSync(join(tmpdir(), 'jos-x86-bare-'));
    execFileSync('make', ['-s', '-C', join(DIR, 'src'), `OUT=${out}`], { stdio: 'pipe' });
    for (const name of TESTS) {
      expect(readFileSync(join(out, `${name}.elf`)).equals(readFileSync(join(DIR, 'prebuilt', `${name}.elf`)))).toBe(true);
    }
  });
});
