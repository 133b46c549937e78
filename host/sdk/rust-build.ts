/**
 * `jos rustc --board pc|esp32c3 FILE.rs -o OUT`: builds a user's Rust
 * program for a board, against the jos runtime crate (userland/rust/jos),
 * exactly as JOS's own Rust programs are built (userland/rust/Makefile's
 * `user-ARCH` target). The first build for an architecture compiles core
 * and alloc from Debian's rust-src into a cache (about a minute); later
 * builds take seconds.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../initramfs';
import { UsageError } from '../usage-error';

export interface RustBuildOptions {
  board: string;
  output?: string;
}

const ARCH_OF_BOARD: Record<string, 'x86_64' | 'riscv32'> = { pc: 'x86_64', esp32c3: 'riscv32' };
const RUSTC = '/usr/bin/rustc';
const RUST_LIBRARY = '/usr/src/rustc-1.63.0/library';

/** What must be installed, as Debian package names, for one architecture. */
function missingPackages(arch: 'x86_64' | 'riscv32'): string[] {
  const onPath = (tool: string) => spawnSync('/bin/sh', ['-c', 'command -v "$1"', 'sh', tool]).status === 0;
  const missing: string[] = [];
  if (!fs.existsSync(RUSTC)) missing.push('rustc');
  if (!fs.existsSync(path.join(RUST_LIBRARY, 'core', 'src', 'lib.rs'))) missing.push('rust-src');
  if (!onPath('make')) missing.push('make');
  if (arch === 'x86_64' && !onPath('gcc')) missing.push('gcc');
  if (arch === 'riscv32' && !onPath('riscv64-unknown-elf-gcc')) missing.push('gcc-riscv64-unknown-elf');
  return missing;
}

/** The build cache: core, alloc, the runtime crate and libc.a per arch. */
export function rustCacheDirectory(): string {
  return process.env.JOS_CACHE ?? path.join(os.homedir(), '.cache', 'jos', 'userland');
}

export function buildRustProgram(source: string, options: RustBuildOptions): number {
  const arch = ARCH_OF_BOARD[options.board];
  if (!arch) throw new UsageError(`rustc: unknown board '${options.board}' (pc or esp32c3)`);
  if (!source.endsWith('.rs')) throw new UsageError(`rustc: ${source} is not a Rust source file (.rs)`);
  if (!fs.existsSync(source)) throw new UsageError(`rustc: cannot read ${source}: No such file or directory`);
  const missing = missingPackages(arch);
  if (missing.length > 0) {
    process.stderr.write(`jos rustc: missing ${missing.join(', ')}; on Debian: sudo apt-get install ${missing.join(' ')}\n`);
    return 1;
  }
  const output = path.resolve(options.output ?? path.basename(source, '.rs'));
  const cache = rustCacheDirectory();
  if (!fs.existsSync(path.join(cache, arch, 'rust', 'libjos.rlib'))) {
    process.stderr.write(`jos rustc: building core, alloc and the jos crate for ${arch} into ${cache} (once; about a minute)\n`);
  }
  const make = spawnSync(
    'make',
    ['-s', '-C', path.join(projectRoot(), 'userland', 'rust'), `BUILD=${cache}`, `user-${arch}`, `SRC=${path.resolve(source)}`, `OUT=${output}`],
    { stdio: 'inherit' },
  );
  return make.status ?? 1;
}
