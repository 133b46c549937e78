/**
 * Reads a static executable with elfinfo and checks it the way execve must
 * before committing to it: the right machine and class, an ET_EXEC or a
 * static position-independent ET_DYN, loadable segments that fit in user
 * space and in the file, and an entry point inside an executable segment.
 * Anything else is ENOEXEC, with a reason for the log.
 */
import * as elfinfo from 'elfinfo';
import { ENOEXEC, KernelError } from '../syscall/errno';

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

export interface ElfExpectation {
  machine: number;
  elfClass: 1 | 2;
  userTop: number;
}

export async function readElfImage(bytes: Uint8Array, expect: ElfExpectation): Promise<ElfImage> {
  if (bytes.length < 16 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw noexec('not an ELF file');
  }
  if (bytes[4] !== expect.elfClass) throw noexec(`ELF class ${bytes[4]}, this CPU runs class ${expect.elfClass}`);
  let result: elfinfo.ELFOpenResult;
  try {
    result = await elfinfo.open(bytes);
  } catch (error) {
    throw noexec(`unreadable ELF: ${(error as Error).message}`);
  }
  const elf = result.elf;
  if (!result.success || !elf) throw noexec(`unreadable ELF: ${result.errors.join('; ') || 'no header'}`);
  if (elf.isa !== expect.machine) throw noexec(`machine ${elf.isa} (${elf.isaDescription}), this CPU is machine ${expect.machine}`);
  if (elf.type !== ET_EXEC && elf.type !== ET_DYN) throw noexec(`ELF type ${elf.typeDescription} is not executable`);
  if (elf.segments.some((s) => s.type === PT_INTERP)) throw noexec('dynamically linked (has an interpreter); JOS runs static executables');

  const bias = elf.type === ET_DYN ? PIE_BASE : 0;
  const segments: LoadSegment[] = [];
  for (const s of elf.segments) {
    if (s.type !== PT_LOAD || s.memsz === 0) continue;
    const vaddr = Number(s.vaddr) + bias;
    if (s.filesz > s.memsz) throw noexec(`segment ${s.index}: file size exceeds memory size`);
    if (s.offset + s.filesz > bytes.length) throw noexec(`segment ${s.index}: extends past the end of the file`);
    if (vaddr < 0x1000 || vaddr + s.memsz > expect.userTop) throw noexec(`segment ${s.index} at 0x${vaddr.toString(16)} is outside user space`);
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

  const entry = Number(elf.entryPoint) + bias;
  if (!segments.some((s) => s.executable && entry >= s.vaddr && entry < s.vaddr + s.memsz)) {
    throw noexec(`entry point 0x${entry.toString(16)} is not in an executable segment`);
  }
  return { entry, segments, ...programHeaders(elf, segments, bias) };
}

/** AT_PHDR: the PT_PHDR segment if present, else where the headers land
 * inside the segment that maps file offset e_phoff. */
function programHeaders(elf: elfinfo.ELF, segments: LoadSegment[], bias: number): Pick<ElfImage, 'phdrAddress' | 'phnum' | 'phent'> {
  const phdr = elf.segments.find((s) => s.type === PT_PHDR);
  let address = phdr ? Number(phdr.vaddr) + bias : 0;
  if (!phdr) {
    const holder = segments.find((s) => elf.programHeaderOffset >= s.offset && elf.programHeaderOffset < s.offset + s.filesz);
    if (holder) address = holder.vaddr + (elf.programHeaderOffset - holder.offset);
  }
  return { phdrAddress: address, phnum: elf.numProgramHeaderEntries, phent: elf.programHeaderEntrySize };
}

function noexec(reason: string): KernelError {
  return new KernelError(ENOEXEC, reason);
}
