/**
 * Checks a static executable the way execve must before committing to it
 * (the headers are read by elf-file.ts): the right machine and class, an
 * ET_EXEC or a static position-independent ET_DYN, loadable segments that
 * fit in user space and in the file without overlapping, and an entry point
 * inside an executable segment. Anything else is ENOEXEC, with a reason
 * for the log.
 */
import { ENOEXEC, KernelError } from '../syscall/errno';
import { hexAddress } from '../lib/hex';
import { ElfFormatError, ElfHeader, ProgramHeader, readElfHeader, readProgramHeaders } from './elf-file';
import type { UserElfFormat } from '../../hal/trap';

const PT_LOAD = 1;
const PT_INTERP = 3;
const PT_PHDR = 6;
const ET_EXEC = 2;
const ET_DYN = 3;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;
/** Where a static-pie (ET_DYN) executable is placed, as Linux's ELF_ET_DYN_BASE-like choice. */
export const PIE_BASE = 0x0040_0000;

export interface LoadSegment {
  vaddr: number;
  memsz: number;
  filesz: number;
  offset: number;
  readable: boolean;
  writable: boolean;
  executable: boolean;
}

export interface ElfImage {
  entry: number;
  segments: LoadSegment[];
  /** Where the program headers are in memory (AT_PHDR), their count and size. */
  phdrAddress: number;
  phnum: number;
  phent: number;
}

/** What the CPU's execve accepts: its trap host is one (hal/trap.ts). */
export type ElfExpectation = UserElfFormat;

/** Async for the loader's contract (it runs as host work). */
export async function readElfImage(bytes: Uint8Array, expect: ElfExpectation): Promise<ElfImage> {
  return checkElfImage(bytes, expect);
}

export function checkElfImage(bytes: Uint8Array, expect: ElfExpectation): ElfImage {
  let header: ElfHeader;
  let phdrs: ProgramHeader[];
  try {
    const file = readElfHeader(bytes);
    header = file.header;
    if (header.elfClass !== expect.elfClass) throw noexec(`ELF class ${header.elfClass}, this CPU runs class ${expect.elfClass}`);
    if (header.machine !== expect.elfMachine) throw noexec(`machine ${header.machine}, this CPU is machine ${expect.elfMachine}`);
    if (header.type !== ET_EXEC && header.type !== ET_DYN) throw noexec(`ELF type ${header.type} is not executable (ET_EXEC 2 or ET_DYN 3)`);
    phdrs = readProgramHeaders(file.reader, header);
  } catch (error) {
    if (error instanceof ElfFormatError) throw noexec(error.message);
    throw error;
  }
  if (phdrs.some((s) => s.type === PT_INTERP)) throw noexec('dynamically linked (has an interpreter); JOS runs static executables');

  const bias = header.type === ET_DYN ? PIE_BASE : 0;
  const segments: LoadSegment[] = [];
  for (const s of phdrs) {
    if (s.type !== PT_LOAD || s.memsz === 0) continue;
    const vaddr = s.vaddr + bias;
    if (s.filesz > s.memsz) throw noexec(`segment ${s.index}: file size exceeds memory size`);
    if (s.offset > bytes.length || s.filesz > bytes.length - s.offset) throw noexec(`segment ${s.index}: extends past the end of the file`);
    if (vaddr < 0x1000 || vaddr > expect.userTop || s.memsz > expect.userTop - vaddr) throw noexec(`segment ${s.index} at ${hexAddress(vaddr)} (${s.memsz} bytes) is outside user space`);
    if (s.align > 1 && (vaddr - s.offset) % Math.min(s.align, 4096) !== 0) throw noexec(`segment ${s.index}: address and offset disagree modulo the page size`);
    segments.push({
      vaddr,
      memsz: s.memsz,
      filesz: s.filesz,
      offset: s.offset,
      readable: (s.flags & PF_R) !== 0,
      writable: (s.flags & PF_W) !== 0,
      executable: (s.flags & PF_X) !== 0,
    });
  }
  if (segments.length === 0) throw noexec('no loadable segments');
  segments.sort((a, b) => a.vaddr - b.vaddr);
  for (let i = 1; i < segments.length; i++) {
    if (segments[i].vaddr < segments[i - 1].vaddr + segments[i - 1].memsz) throw noexec('loadable segments overlap');
  }

  const entry = header.entry + bias;
  if (!segments.some((s) => s.executable && entry >= s.vaddr && entry < s.vaddr + s.memsz)) {
    throw noexec(`entry point ${hexAddress(entry)} is not in an executable segment`);
  }
  return { entry, segments, ...programHeaders(header, phdrs, segments, bias) };
}

/** AT_PHDR: the PT_PHDR segment if present, else where the headers land
 * inside the segment that maps file offset e_phoff. */
function programHeaders(header: ElfHeader, phdrs: ProgramHeader[], segments: LoadSegment[], bias: number): Pick<ElfImage, 'phdrAddress' | 'phnum' | 'phent'> {
  const phdr = phdrs.find((s) => s.type === PT_PHDR);
  let address = phdr ? phdr.vaddr + bias : 0;
  if (!phdr) {
    const holder = segments.find((s) => header.phoff >= s.offset && header.phoff < s.offset + s.filesz);
    if (holder) address = holder.vaddr + (header.phoff - holder.offset);
  }
  return { phdrAddress: address, phnum: header.phnum, phent: header.phentsize };
}

function noexec(reason: string): KernelError {
  return new KernelError(ENOEXEC, reason);
}
