/**
 * The benchmark ELFs under bench/<arch>/prebuilt/ are what `npm run bench`
 * measures: a fresh build from bench/riscv/src (both architectures build
 * the same C sources) must give the same bytes, or the committed ELFs are
 * stale (run `make -C bench/x86_64` / `make -C bench/riscv` and commit).
 * Skipped, with a warning, where a compiler is missing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BENCH = path.join(__dirname, '..', '..', 'bench');
const BUILDS = [
  { dir: 'x86_64', compiler: 'gcc', files: ['crc32.elf', 'sort.elf', 'interp.elf', 'intmix.elf', 'baseline.native'], hostOnly: true },
  { dir: 'riscv', compiler: 'riscv64-unknown-elf-gcc', files: ['crc32.elf', 'sort.elf', 'interp.elf', 'intmix.elf'], hostOnly: false },
];

describe.each(BUILDS)('bench/$dir/prebuilt', ({ dir, compiler, files, hostOnly }) => {
  const missing = spawnSync(compiler, ['--version']).status !== 0 || (hostOnly && (process.platform !== 'linux' || process.arch !== 'x64'));
  if (missing) console.warn(`bench-prebuilt: skipping bench/${dir}: ${compiler} for this target is not available`);

  (missing ? test.skip : test)('a fresh build is byte-identical to the committed ELFs', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), `jos-bench-${dir}-`));
    try {
      const r = spawnSync('make', ['-s', '-C', path.join(BENCH, dir), `PREBUILT=${out}`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`make failed:\n${r.stdout}${r.stderr}`);
      const stale = files.filter((f) => !fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(BENCH, dir, 'prebuilt', f))));
      expect(stale).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
