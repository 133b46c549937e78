/**
 * Which of tcc's tests2 programs the heavy suite runs, how (the flags and
 * arguments of tests2's own Makefile), and the outcomes it knows to differ
 * from the .expect files, each with its reason. tests2's Makefile makes
 * missing .expect files with `$(CC) -w -std=gnu99 $(FLAGS)`, and so do we:
 * the programs are built by `jos cc` with those options.
 */

/** Not run: their expected output is tcc's own (the Makefile makes it
 * with tcc, or runs them only under tcc options), or the Makefile itself
 * skips them on x86_64 and riscv. */
export const NOT_RUN: Record<string, string> = {
  '34_array_assignment': 'skipped by tests2 itself: array assignment is not C',
  '60_errors_and_warnings': "tcc's own diagnostics (-dt)",
  '96_nodata_wanted': "tcc's own code generation (-dt)",
  '104_inline': 'expected output made by tcc over two files (GEN-TCC)',
  '112_backtrace': "tcc's -bt backtraces",
  '113_btdll': "tcc's -bt and shared libraries",
  '114_bound_signal': "tcc's -b bounds checker",
  '115_bound_setjmp': "tcc's -b bounds checker",
  '116_bound_setjmp2': "tcc's -b bounds checker",
  '117_gcc_test': "tcc's -b bounds checker",
  '95_bitfields_ms': 'expected output made by the Microsoft compiler (GEN-MSC)',
  '98_al_ax_extend': 'i386 only (skipped by tests2 elsewhere)',
  '99_fastcall': 'i386 only (skipped by tests2 elsewhere)',
};

/** Extra compiler flags (tests2's FLAGS). */
export const FLAGS: Record<string, string[]> = {
  '76_dollars_in_identifiers': ['-fdollars-in-identifiers'],
  '106_pthread': ['-pthread'],
};

/** Arguments (tests2's ARGS); 46_grep reads its own source from the
 * current directory. */
export const ARGS: Record<string, string[]> = {
  '31_args': ['arg1', 'arg2', 'arg3', 'arg4', 'arg5'],
  '46_grep': ['[^* ]*[:a:d: ]+\\:\\*-/: $', '46_grep.c'],
};

export type Arch = 'x86_64' | 'riscv32';

export interface KnownDifference {
  /** The architectures where the output differs from the .expect file. */
  archs: Arch[];
  why: string;
}

/** Outputs that differ from tcc's .expect with gcc and glibc too, or for
 * an ABI reason: not library defects. A test listed here that matches its
 * .expect after all is reported, so that the list can shrink. */
export const KNOWN_DIFFERENCES: Record<string, KnownDifference> = {
  '03_struct': { archs: ['x86_64', 'riscv32'], why: "the .expect holds tcc's warning about __cleanup__; gcc -w prints none" },
  '33_ternary_op': { archs: ['x86_64', 'riscv32'], why: "the .expect holds tcc's pointer/integer mismatch warning; gcc -w prints none" },
  '70_floating_point_literals': { archs: ['x86_64', 'riscv32'], why: 'the last cases are compiled only under __TINYC__ (tcc extensions)' },
  '93_integer_promotion': { archs: ['x86_64', 'riscv32'], why: 'gcc promotes a long long bit-field differently from tcc (implementation-defined; glibc builds print the same)' },
  '86_memory-model': { archs: ['riscv32'], why: 'riscv64-unknown-elf-gcc defines none of __LP64__, __LLP64__, __ILP32__ for ilp32' },
  '95_bitfields': { archs: ['riscv32'], why: "the .expect is x86_64's bit-field layout; the RISC-V ilp32 ABI aligns that struct to 4" },
};
