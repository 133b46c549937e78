/**
 * `jos elf FILE`: what an ELF file is and whether JOS runs it — readelf's
 * summary (the `elfinfo` package parses the headers, segments, sections
 * and symbols) followed by the kernel's own verdict for each board: the
 * checks execve makes (kernel/proc/elf-image.ts), so "cannot run" here
 * gives the same reason execve would log.
 *
 * The kernel's bounds-checked reader (kernel/proc/elf-file.ts) reads the
 * file first: a malformed ELF is reported with the defect it names, before
 * elfinfo sees it. Exit status: 0 when some board runs the program, 1 for a
 * well-formed ELF no board runs (an object file, dynamically linked, another
 * architecture), 2 for an unreadable or malformed file.
 */
import * as fs from 'fs';
import type * as elfinfo from 'elfinfo';
import { BOARD_NAMES, findBoard } from '../boards';
import { ElfFormatError, readElfHeader, readProgramHeaders } from '../kernel/proc/elf-file';
import { ElfExpectation, checkElfImage } from '../kernel/proc/elf-image';
import { X86_64_USER_ELF } from '../arch/x86_64/supervisor/user-elf';
import { RISCV32_USER_ELF } from '../arch/riscv/supervisor/user-elf';
import type { CpuArch } from '../hal/cpu';
import { checkSectionsInside, readSymbols } from './elf-symbols';
import { systemErrorText } from './system-error';

export const ELF_RUNS = 0;
export const ELF_RUNS_NOWHERE = 1;
export const ELF_UNREADABLE = 2;

/** What each architecture's kernel expects of a user program: the same
 * values its trap host gives execve. */
const USER_PROGRAM_EXPECTATIONS: Record<CpuArch, ElfExpectation> = {
  x86_64: X86_64_USER_ELF,
  riscv32: RISCV32_USER_ELF,
};

export interface ElfCliOptions {
  /** --symbols: list every symbol, not only how many there are. */
  symbols?: boolean;
}

export async function describeElf(path: string, options: ElfCliOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let bytes: Uint8Array;
  try {
    const file = fs.readFileSync(path);
    bytes = new Uint8Array(file.buffer, file.byteOffset, file.length);
  } catch (error) {
    err(`jos elf: cannot read ${path}: ${systemErrorText(error)}\n`);
    return ELF_UNREADABLE;
  }
  try {
    const { header, reader } = readElfHeader(bytes);
    if (header.phnum > 0) readProgramHeaders(reader, header); // an object file has none
    checkSectionsInside(reader, header);
    readSymbols(reader, header);
  } catch (error) {
    if (!(error instanceof ElfFormatError)) throw error;
    err(`jos elf: ${path}: ${error.message}\n`);
    return ELF_UNREADABLE;
  }
  let parsed: elfinfo.ELFOpenResult;
  try {
    // Loaded here, not at start-up: only this command needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { open } = require('elfinfo') as typeof elfinfo;
    parsed = await open(bytes);
  } catch (error) {
    err(`jos elf: ${path}: elfinfo cannot parse it: ${(error as Error).message}\n`);
    return ELF_UNREADABLE;
  }
  if (!parsed.success || !parsed.elf) {
    err(`jos elf: ${path}: ${parsed.errors.join('; ') || 'elfinfo cannot parse it'}\n`);
    return ELF_UNREADABLE;
  }
  out(summary(path, parsed.elf, options));
  for (const warning of parsed.warnings) out(`warning: ${warning}\n`);

  let runs = false;
  for (const name of BOARD_NAMES) {
    const board = findBoard(name)!;
    const expectation = USER_PROGRAM_EXPECTATIONS[board.cpuArch];
    if (parsed.elf.isa !== expectation.elfMachine) continue;
    try {
      const image = checkElfImage(bytes, expectation);
      const memory = image.segments.reduce((sum, s) => sum + s.memsz, 0);
      out(`JOS: runs on board ${name} (entry ${hex(image.entry)}, ${image.segments.length} loadable segments, ${kib(memory)} in memory)\n`);
      runs = true;
    } catch (error) {
      out(`JOS: board ${name} cannot run it: ${(error as Error).message}\n`);
    }
  }
  if (!runs && !Object.values(USER_PROGRAM_EXPECTATIONS).some((e) => e.elfMachine === parsed.elf!.isa)) {
    out(`JOS: no board runs ${typeName(parsed.elf.isaDescription, parsed.elf.isa, 'machine')} programs (boards: ${BOARD_NAMES.map((n) => `${n} ${findBoard(n)!.cpuArch}`).join(', ')})\n`);
  }
  return runs ? ELF_RUNS : ELF_RUNS_NOWHERE;
}

function summary(path: string, elf: elfinfo.ELF, options: ElfCliOptions): string {
  const lines: string[] = [];
  lines.push(`${path}: ${typeName(elf.classDescription, elf.class, 'class')}, ${typeName(elf.dataDescription, elf.data, 'data encoding')}, ${typeName(elf.typeDescription, elf.type, 'type')}, ${typeName(elf.isaDescription, elf.isa, 'machine')}, OS/ABI ${typeName(elf.abiDescription, elf.abi, 'ABI')}, entry ${hex(elf.entryPoint)}`);
  lines.push(`segments (${elf.segments.length}):`);
  for (const s of elf.segments) {
    lines.push(`  ${pad(String(s.index), 3)}${pad(typeName(s.typeDescription, s.type), 22)}${pad(hex(s.vaddr), 20)}${pad(`${s.filesz} file`, 14)}${pad(`${s.memsz} memory`, 16)}${typeName(s.flagsDescription, s.flags)}`);
  }
  lines.push(`sections (${elf.sections.length}):`);
  for (const s of elf.sections) {
    if (s.index === 0) continue;
    lines.push(`  ${pad(String(s.index), 3)}${pad(s.name || '<unnamed>', 20)}${pad(typeName(s.typeDescription, s.type), 22)}${pad(hex(s.addr), 20)}${pad(String(s.size), 10)}${typeName(s.flagsDescription, s.flags)}`);
  }
  const symbols = elf.sections.flatMap((s) => ('symbols' in s ? (s as elfinfo.ELFSymbolSection).symbols : []));
  const named = symbols.filter((s) => s.name);
  if (options.symbols) {
    lines.push(`symbols (${named.length}):`);
    for (const s of named) lines.push(`  ${pad(hex(s.value), 20)}${pad(String(s.size), 8)}${pad(typeName(s.typeDescription, s.type), 10)}${pad(typeName(s.bindingDescription, s.binding), 8)}${s.name}`);
  } else {
    lines.push(`symbols: ${named.length}${named.length ? ' (--symbols lists them)' : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** elfinfo describes the values it knows; the others (processor-specific
 * types such as RISCV_ATTRIBUTES, a machine it has no name for) are shown
 * in hex, after what they are. */
function typeName(description: string | undefined, value: number, what = ''): string {
  if (typeof description === 'string' && description !== '' && !/^\d+$/.test(description)) return description;
  return what ? `${what} ${hex(value)}` : hex(value);
}

function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}
