/**
 * Telling an ordinary Linux program from a bare-metal one, so that `jos
 * exec` (a bare core: no kernel, no system calls) can point a user who
 * hands it `hello` at `jos run --add` instead of reporting the triple
 * fault its first system call would cause.
 *
 * A bare-metal ELF talks to the host through `tohost` (HTIF); a program
 * built for Linux has none, and shows what its toolchain made it for: an
 * interpreter (dynamically linked), a TLS program header, the GNU/Linux
 * OS ABI, a C runtime's `main` and start-up symbols, or (stripped) no
 * symbols but a GNU_STACK header.
 */
import type { ElfHeader, ProgramHeader } from '../kernel/proc/elf-file';

const PT_INTERP = 3;
const PT_TLS = 7;
const PT_GNU_STACK = 0x6474e551;
const ELFOSABI_GNU = 3;
/** Symbols that only a hosted C runtime defines. */
const LIBC_SYMBOLS = ['main', '__libc_start_main', '__libc_start', 'environ', '__environ'];

/** What marks `elf` as a Linux program, or null for a bare-metal image. */
export function linuxProgramSign(header: ElfHeader, phdrs: readonly ProgramHeader[], symbols: ReadonlyMap<string, number>): string | null {
  if (symbols.has('tohost')) return null;
  const types = new Set<number>(phdrs.map((s) => s.type));
  if (types.has(PT_INTERP)) return 'it is dynamically linked (PT_INTERP)';
  if (header.osAbi === ELFOSABI_GNU) return 'its OS ABI is GNU/Linux';
  if (types.has(PT_TLS)) return 'it has thread-local storage (PT_TLS)';
  const runtime = LIBC_SYMBOLS.find((s) => symbols.has(s));
  if (runtime !== undefined) return `it defines \`${runtime}\`, as a C runtime does`;
  // A GNU_STACK header alone is no sign (gcc -nostdlib emits one too); with
  // no symbols at all, it is a stripped program: nothing bare-metal without
  // a tohost symbol to find could report its result.
  if (types.has(PT_GNU_STACK) && symbols.size === 0) return 'it is a stripped program with a GNU_STACK header, as Linux toolchains emit';
  return null;
}

/** The `jos run` line that runs the program at `path` under the kernel. */
export function runUnderKernelHint(path: string, arch: string): string {
  const board = arch === 'x86_64' ? 'pc' : 'esp32c3';
  const name = (path.split('/').pop() || 'program').replace(/[^A-Za-z0-9._-]/g, '_');
  return `jos run --board ${board} --add ${path}:/bin/${name} -- ${name}`;
}
