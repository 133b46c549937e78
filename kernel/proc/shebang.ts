/**
 * Scripts that start with "#!": as Linux's binfmt_script, the first line
 * names an interpreter and at most one argument (the rest of the line,
 * blanks trimmed), and execve runs the interpreter with argv
 * [interpreter, argument?, script path, script's argv[1..]].
 */
import { ENOEXEC, KernelError } from '../syscall/errno';

/** Linux reads the first BINPRM_BUF_SIZE bytes; the line must end there. */
const LINE_MAX = 256;

export interface Shebang {
  interpreter: string;
  argument: string | null;
}

const isBlank = (b: number) => b === 0x20 || b === 0x09;

/** The interpreter line of a script, or null if `bytes` is no script. */
export function parseShebang(bytes: Uint8Array, path: string): Shebang | null {
  if (bytes.length < 2 || bytes[0] !== 0x23 || bytes[1] !== 0x21) return null;
  let end = 2;
  while (end < bytes.length && end < LINE_MAX && bytes[end] !== 0x0a) end++;
  if (end === LINE_MAX && bytes[end] !== 0x0a) throw new KernelError(ENOEXEC, `${path}: the #! line is longer than ${LINE_MAX} bytes`);
  let start = 2;
  while (start < end && isBlank(bytes[start])) start++;
  let stop = end;
  while (stop > start && (isBlank(bytes[stop - 1]) || bytes[stop - 1] === 0x0d)) stop--;
  let split = start;
  while (split < stop && !isBlank(bytes[split])) split++;
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (split === start) throw new KernelError(ENOEXEC, `${path}: #! names no interpreter`);
  let argStart = split;
  while (argStart < stop && isBlank(bytes[argStart])) argStart++;
  return { interpreter: text(start, split), argument: argStart < stop ? text(argStart, stop) : null };
}

/** The interpreter's argv for running `path` with the script's argv. */
export function interpreterArgv(script: Shebang, path: string, argv: readonly string[]): string[] {
  return [script.interpreter, ...(script.argument !== null ? [script.argument] : []), path, ...argv.slice(1)];
}
