/**
 * The stack a new program starts on, laid out as Linux's execve builds it
 * (fs/exec.c copy_strings, fs/binfmt_elf.c create_elf_tables), from the top:
 *
 *   the program's path (AT_EXECFN), environment strings, argument strings
 *   the platform string (AT_PLATFORM), 16 random bytes (AT_RANDOM)
 *   padding so that the stack pointer ends 16-byte aligned
 *   auxv pairs ending with AT_NULL
 *   NULL, envp[] pointers
 *   NULL, argv[] pointers
 *   argc                              <- the stack pointer at entry
 *
 * Words are 8 bytes on x86_64 and 4 on riscv32.
 */
export const AT_NULL = 0;
export const AT_PHDR = 3;
export const AT_PHENT = 4;
export const AT_PHNUM = 5;
export const AT_PAGESZ = 6;
export const AT_BASE = 7;
export const AT_FLAGS = 8;
export const AT_ENTRY = 9;
export const AT_UID = 11;
export const AT_EUID = 12;
export const AT_GID = 13;
export const AT_EGID = 14;
export const AT_PLATFORM = 15;
export const AT_HWCAP = 16;
export const AT_CLKTCK = 17;
export const AT_SECURE = 23;
export const AT_RANDOM = 25;
export const AT_EXECFN = 31;

export interface InitialStackSpec {
  wordSize: 4 | 8;
  /** The highest stack address (exclusive); must be 16-byte aligned. */
  stackTop: number;
  path: string;
  argv: readonly string[];
  envp: readonly string[];
  platform: string;
  random: Uint8Array;
  /** auxv entries besides AT_RANDOM, AT_EXECFN, AT_PLATFORM and AT_NULL. */
  auxv: readonly (readonly [number, number])[];
}

export interface InitialStack {
  /** Bytes to copy to [sp, stackTop). */
  bytes: Uint8Array;
  sp: number;
  argvPointers: number[];
}

export function buildInitialStack(spec: InitialStackSpec): InitialStack {
  const encoder = new TextEncoder();
  const pieces: { at: number; data: Uint8Array }[] = [];
  let cursor = spec.stackTop;
  const push = (data: Uint8Array): number => {
    cursor -= data.length;
    pieces.push({ at: cursor, data });
    return cursor;
  };
  const pushString = (s: string): number => push(zeroTerminated(encoder.encode(s)));

  const execfn = pushString(spec.path);
  const envPointers: number[] = [];
  for (let i = spec.envp.length - 1; i >= 0; i--) envPointers[i] = pushString(spec.envp[i]);
  const argPointers: number[] = [];
  for (let i = spec.argv.length - 1; i >= 0; i--) argPointers[i] = pushString(spec.argv[i]);
  const platform = pushString(spec.platform);
  cursor = Math.floor(cursor / spec.wordSize) * spec.wordSize; // (not &=: addresses exceed 32 bits)
  const random = push(spec.random.slice(0, 16));

  const auxv: (readonly [number, number])[] = [
    ...spec.auxv,
    [AT_RANDOM, random],
    [AT_EXECFN, execfn],
    [AT_PLATFORM, platform],
    [AT_NULL, 0],
  ];
  const words: number[] = [spec.argv.length, ...argPointers, 0, ...envPointers, 0];
  for (const [key, value] of auxv) words.push(key, value);

  // The table ends where the strings begin; the stack pointer (argc) must be
  // 16-byte aligned, so the padding goes between the table and the strings.
  const tableBytes = words.length * spec.wordSize;
  const sp = Math.floor((cursor - tableBytes) / 16) * 16;
  const table = new Uint8Array(tableBytes);
  const view = new DataView(table.buffer);
  words.forEach((w, i) => writeWord(view, i * spec.wordSize, w, spec.wordSize));
  pieces.push({ at: sp, data: table });

  const bytes = new Uint8Array(spec.stackTop - sp);
  for (const piece of pieces) bytes.set(piece.data, piece.at - sp);
  return { bytes, sp, argvPointers: argPointers };
}

function zeroTerminated(text: Uint8Array): Uint8Array {
  const out = new Uint8Array(text.length + 1);
  out.set(text);
  return out;
}

function writeWord(view: DataView, offset: number, value: number, wordSize: 4 | 8): void {
  if (wordSize === 4) {
    view.setUint32(offset, value >>> 0, true);
  } else {
    view.setUint32(offset, value % 0x1_0000_0000, true);
    view.setUint32(offset + 4, Math.floor(value / 0x1_0000_0000), true);
  }
}
