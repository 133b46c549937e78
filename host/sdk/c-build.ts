/**
 * `jos cc --board pc|esp32c3 [gcc options] FILE.c... [-o OUT]`: compiles and
 * links a user's hosted C program for a board, against JOS's own headers
 * (userland/libc/include), crt0 and libc.a. The libraries are committed,
 * prebuilt and reproducible, in userland/sdk/<arch>/lib/ (`make -C userland
 * prebuilt` writes them), so only the compiler has to be installed.
 *
 * It is a gcc wrapper: every argument other than --board goes to gcc as it
 * is, so `make CC="jos cc --board esp32c3"` builds an ordinary project.
 * The flags are those userland/Makefile builds JOS's own programs with.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../initramfs';
import { UsageError } from '../usage-error';

export type SdkArch = 'x86_64' | 'riscv32';

export const ARCH_OF_BOARD: Record<string, SdkArch> = { pc: 'x86_64', esp32c3: 'riscv32' };

/** A compiler for an architecture and the Debian package that installs it. */
interface Compiler {
  command: string;
  debianPackage: string;
}

/** The host gcc makes x86_64 code only on an x86_64 host; elsewhere
 * Debian's cross compiler does. */
function compilerFor(arch: SdkArch): Compiler {
  if (arch === 'riscv32') return { command: 'riscv64-unknown-elf-gcc', debianPackage: 'gcc-riscv64-unknown-elf' };
  if (os.arch() === 'x64') return { command: 'gcc', debianPackage: 'gcc' };
  return { command: 'x86_64-linux-gnu-gcc', debianPackage: 'gcc-x86-64-linux-gnu' };
}

/** Code generation: the ISA and ABI of the board's core (RV32IMC,
 * soft-float, as the ESP32-C3), and static, position-dependent x86_64. */
const ARCH_FLAGS: Record<SdkArch, string[]> = {
  x86_64: ['-m64', '-march=x86-64', '-fno-pie', '-fcf-protection=none'],
  riscv32: ['-march=rv32imc', '-mabi=ilp32', '-mcmodel=medlow'],
};

/** The libc has no stack-protector canary: off unless the user asks
 * (then the link fails naming __stack_chk_fail). */
const DEFAULT_FLAGS = ['-fno-stack-protector'];

/** Every library of glibc's split that JOS's libc.a holds by itself. */
const LIBRARIES_IN_LIBC = new Set(['-lc', '-lm', '-lpthread', '-lrt', '-ldl', '-lcrypt', '-lutil']);

/** Options after which gcc only compiles, preprocesses or lists
 * dependencies: nothing to link. */
const NO_LINK = new Set(['-c', '-S', '-E', '-M', '-MM', '-fsyntax-only']);

export interface SdkPaths {
  include: string[];
  crt0: string;
  libc: string;
}

/** Where the SDK's headers and libraries for an architecture are. */
export function sdkPaths(arch: SdkArch): SdkPaths {
  const userland = path.join(projectRoot(), 'userland');
  const lib = path.join(userland, 'sdk', arch, 'lib');
  return {
    include: [path.join(userland, 'libc', 'include'), path.join(userland, 'libc', 'arch', arch)],
    crt0: path.join(lib, 'crt0.o'),
    libc: path.join(lib, 'libc.a'),
  };
}

function onPath(command: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'command -v "$1"', 'sh', command]).status === 0;
}

/** gcc's command line for the user's arguments: the SDK's flags around
 * them, and when linking, crt0 first and libc (with libgcc, which it calls
 * for 64-bit division and soft-float) last. */
export function gccArguments(arch: SdkArch, userArgs: string[]): string[] {
  const sdk = sdkPaths(arch);
  for (const arg of userArgs) {
    if (arg === '-shared' || arg === '-pie' || arg === '-static-pie') {
      throw new UsageError(`cc: ${arg}: JOS programs are static executables (no shared libraries, no PIE)`);
    }
  }
  // -pthread: what gcc does with it on Linux, _REENTRANT defined (the
  // threads are in libc.a); the riscv64-unknown-elf driver rejects it.
  const kept = userArgs.filter((arg) => !LIBRARIES_IN_LIBC.has(arg)).map((arg) => (arg === '-pthread' ? '-D_REENTRANT' : arg));
  const compile = [...ARCH_FLAGS[arch], '-nostdinc', ...sdk.include.flatMap((dir) => ['-isystem', dir]), ...DEFAULT_FLAGS];
  if (userArgs.some((arg) => NO_LINK.has(arg))) return [...compile, ...kept];
  const link = ['-static', '-nostdlib', ...(arch === 'x86_64' ? ['-no-pie'] : []), '-Wl,--build-id=none'];
  return [...compile, ...link, sdk.crt0, ...kept, '-Wl,--start-group', sdk.libc, '-lgcc', '-Wl,--end-group'];
}

/** Runs gcc for a board; returns gcc's exit status (1 when the compiler or
 * the SDK is missing, with a message saying what to install or rebuild). */
export function compileForBoard(board: string, userArgs: string[]): number {
  const arch = ARCH_OF_BOARD[board];
  if (!arch) throw new UsageError(`cc: unknown board '${board}' (pc or esp32c3)`);
  if (userArgs.length === 0) throw new UsageError('cc: no input files (jos cc --board BOARD [gcc options] FILE.c... -o OUT)');
  const compiler = compilerFor(arch);
  if (!onPath(compiler.command)) {
    process.stderr.write(
      `jos cc: ${compiler.command} not found: the ${board} board needs it to build ${arch} programs; on Debian: sudo apt-get install ${compiler.debianPackage}\n`,
    );
    return 1;
  }
  const sdk = sdkPaths(arch);
  for (const file of [sdk.crt0, sdk.libc]) {
    if (!fs.existsSync(file)) {
      process.stderr.write(`jos cc: ${file} is missing: restore it with 'git checkout userland/sdk' or rebuild it with 'make -C userland prebuilt'\n`);
      return 1;
    }
  }
  const gcc = spawnSync(compiler.command, gccArguments(arch, userArgs), { stdio: 'inherit' });
  if (gcc.error) {
    process.stderr.write(`jos cc: could not run ${compiler.command}: ${gcc.error.message}\n`);
    return 1;
  }
  return gcc.status ?? 1;
}
