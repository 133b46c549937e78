/**
 * JOS's ISA tests (tests/riscv/isa/src, riscv-tests "p" conventions): each
 * prebuilt ELF must end with tohost = 1. When the toolchain is installed,
 * the committed ELFs must match a fresh build of their sources.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TIERS, Tier, runElf } from './run-elf';

const ISA_DIR = path.join(__dirname, 'isa');
const PREBUILT = path.join(ISA_DIR, 'prebuilt');
const tests = fs.readdirSync(path.join(ISA_DIR, 'src')).filter((f) => f.endsWith('.S')).map((f) => f.slice(0, -2)).sort();

function hasToolchain(): boolean {
  try {
    execFileSync('riscv64-unknown-elf-gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each(Object.keys(TIERS) as Tier[])('riscv ISA tests (%s)', (tier) => {
  test.each(tests)('%s passes', async (name) => {
    const run = await runElf(path.join(PREBUILT, `${name}.elf`), undefined, tier);
    // Failing test number = status; 1337 = an unexpected trap.
    expect({ name, status: run.status }).toEqual({ name, status: 0 });
  });
});

describe('riscv ISA tests', () => {
  const maybe = hasToolchain() ? test : test.skip;
  maybe('prebuilt ELFs match their sources', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-isa-'));
    try {
      execFileSync('make', ['-s', '-B', `PREBUILT=${out}`, 'all'], { cwd: ISA_DIR, stdio: 'pipe' });
      for (const name of tests) {
        const fresh = fs.readFileSync(path.join(out, `${name}.elf`));
        const committed = fs.readFileSync(path.join(PREBUILT, `${name}.elf`));
        expect({ name, same: fresh.equals(committed) }).toEqual({ name, same: true });
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  maybe('bench ELFs match their sources', () => {
    const benchDir = path.join(__dirname, '..', '..', 'bench', 'riscv');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-bench-'));
    try {
      execFileSync('make', ['-s', '-B', `PREBUILT=${out}`, 'all'], { cwd: benchDir, stdio: 'pipe' });
      for (const f of fs.readdirSync(path.join(benchDir, 'prebuilt')).filter((n) => n.endsWith('.elf'))) {
        const same = fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(benchDir, 'prebuilt', f)));
        expect({ f, same }).toEqual({ f, same: true });
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
