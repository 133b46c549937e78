/**
 * The Rust side of the userland, built from source (slow: core and alloc
 * are compiled from Debian's rust-src for both architectures, a few CPU
 * minutes, hence the heavy suite):
 * - the committed Rust ELFs in userland/prebuilt/ are exactly what
 *   userland/rust/Makefile builds (reproducible byte for byte);
 * - `jos rustc` builds a user's program for each board, with the same
 *   build cache, and the program runs on that board.
 * Needs Debian's rustc and rust-src (and gcc-riscv64-unknown-elf).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/run-jos';
import { TEST_DIR, USERLAND, which } from '../userland/oracle';

const RUST = path.join(USERLAND, 'rust');
const toolsMissing = [
  fs.existsSync('/usr/bin/rustc') ? null : 'rustc',
  fs.existsSync('/usr/src/rustc-1.63.0/library/core/src/lib.rs') ? null : 'rust-src',
  which('riscv64-unknown-elf-gcc') ? null : 'gcc-riscv64-unknown-elf',
].filter((t): t is string => t !== null);
if (toolsMissing.length > 0) console.warn(`rust-build: skipping: ${toolsMissing.join(', ')} not installed (apt-get install ${toolsMissing.join(' ')})`);
const runnable = toolsMissing.length === 0;

/** BIN_PROGS and TEST_PROGS of userland/rust/Makefile. */
function makefileList(name: string): string[] {
  const makefile = fs.readFileSync(path.join(RUST, 'Makefile'), 'utf8');
  return (new RegExp(`^${name} := (.*)$`, 'm').exec(makefile)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

let build = '';

beforeAll(() => {
  if (!runnable) return;
  build = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-rust-build-'));
  const r = spawnSync('make', ['-C', RUST, '-s', '-j2', `BUILD=${build}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make failed:\n${r.stdout}${r.stderr}`);
}, 900_000);

afterAll(() => {
  if (build) fs.rmSync(build, { recursive: true, force: true });
});

(runnable ? test : test.skip)('a fresh build is byte-identical to prebuilt/ (else run `make -C userland/rust prebuilt`)', () => {
  const installed = [
    ...makefileList('BIN_PROGS').map((p) => [p, `bin/${p}`]),
    ...makefileList('TEST_PROGS').map((p) => [p, `${TEST_DIR.slice(1)}/${p}`]),
  ];
  expect(installed.length).toBeGreaterThan(3);
  const stale = ['x86_64', 'riscv32'].flatMap((arch) =>
    installed
      .filter(([program, guest]) => !fs.readFileSync(path.join(build, arch, 'rust', 'bin', program)).equals(fs.readFileSync(path.join(USERLAND, 'prebuilt', arch, guest))))
      .map(([program]) => `${arch}/${program}`),
  );
  expect(stale).toEqual([]);
});

describe.each(['pc', 'esp32c3'])('jos rustc --board %s', (board) => {
  (runnable ? test : test.skip)('builds a user program that runs on the board', () => {
    const source = path.join(build, 'greet.rs');
    fs.writeFileSync(
      source,
      [
        '#![no_std]',
        '#![no_main]',
        'use jos::prelude::*;',
        'jos::entry!(main);',
        'fn main() -> i32 {',
        '    let words: Vec<String> = jos::env::args().skip(1).map(|a| a.to_uppercase()).collect();',
        '    println!("greetings, {}", words.join(" "));',
        '    words.len() as i32',
        '}',
        '',
      ].join('\n'),
    );
    const elf = path.join(build, `greet-${board}`);
    const jos = path.join(ROOT, 'bin', 'jos.js');
    const built = spawnSync(process.execPath, [jos, 'rustc', '--board', board, source, '-o', elf], { encoding: 'utf8', env: { ...process.env, JOS_CACHE: build } });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const run = spawnSync(
      process.execPath,
      [jos, 'run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--add', `${elf}:/bin/greet`, '--', 'greet', 'from', 'rust'],
      { encoding: 'utf8' },
    );
    expect(run.stdout.replace(/\r\n/g, '\n')).toBe('greetings, FROM RUST\n');
    expect(run.status).toBe(2);
  }, 120_000);
});
