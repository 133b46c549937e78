/**
 * The ELF file format (System V ABI, "Object Files"), read defensively:
 * the ELF header and the program header table, from bytes that may be
 * truncated, hostile or nonsense. Every offset, size and count is checked
 * against the file before it is used, so a malformed file gives an
 * ElfFormatError whose message says what is wrong ("ELF program header
 * table beyond end of file"), never a JavaScript RangeError. Little-endian
 * files of both classes; what a loader then makes of the headers (execve:
 * elf-image.ts; `jos exec`: host/exec-command.ts) is its business.
 */

export class ElfFormatError extends Error {}

export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ELFDATA2MSB = 2;
/** Where e_phoff and e_shoff are in the ELF header, by class. */
export const PHOFF_FIELD = { 32: 28, 64: 32 } as const;
export const SHOFF_FIELD = { 32: 32, 64: 40 } as const;
/** e_phnum's escape to extended numbering (the count is in section 0). */
const PN_XNUM = 0xffff;

export interface ElfHeader {
  elfClass: 1 | 2;
  bits: 32 | 64;
  /** EI_OSABI: 0 System V, 3 GNU/Linux. */
  osAbi: number;
  type: number;
  machine: number;
  entry: number;
  phoff: number;
  shoff: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface ProgramHeader {
  /** Its position in the table (messages name segments by it). */
  index: number;
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

/** Bounds-checked little-endian fields of a 32- or 64-bit ELF file. */
export class ElfReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly bits: 32 | 64,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  u8(at: number): number {
    return this.view.getUint8(at);
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  /** A 64-bit field as a number (exact below 2^53; larger values are
   * never a valid size or offset in a file this reader can hold). */
  u64(at: number): number {
    return this.u32(at + 4) * 0x1_0000_0000 + this.u32(at);
  }
  /** An address-sized field (ElfN_Addr, ElfN_Off, ElfN_Xword sizes). */
  word(at: number): number {
    return this.bits === 64 ? this.u64(at) : this.u32(at);
  }

  /** Throws unless [offset, offset + size) lies inside the file.
   * `offsetField`: where the offset was read, so that the message shows
   * it exactly (a double rounds 64-bit values above 2^53). */
  requireInside(offset: number, size: number, what: string, offsetField?: number): void {
    if (offset <= this.length && size <= this.length - offset) return;
    const exact = offsetField === undefined ? BigInt(offset) : this.bits === 64 ? this.view.getBigUint64(offsetField, true) : BigInt(this.u32(offsetField));
    throw new ElfFormatError(`${what} beyond end of file (${size} bytes at offset 0x${exact.toString(16)}; the file has ${this.length})`);
  }
}

/** The ELF header, with its identification and table geometry checked. */
export function readElfHeader(bytes: Uint8Array): { header: ElfHeader; reader: ElfReader } {
  if (bytes.length < 16 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw new ElfFormatError('not an ELF file');
  }
  const elfClass = bytes[4];
  if (elfClass !== ELFCLASS32 && elfClass !== ELFCLASS64) throw new ElfFormatError(`ELF class ${elfClass} is neither 32-bit (1) nor 64-bit (2)`);
  if (bytes[5] === ELFDATA2MSB) throw new ElfFormatError('big-endian ELF (EI_DATA 2): JOS runs little-endian code');
  if (bytes[5] !== ELFDATA2LSB) throw new ElfFormatError(`ELF data encoding ${bytes[5]} is neither little- (1) nor big-endian (2)`);
  const bits = elfClass === ELFCLASS64 ? 64 : 32;
  const ehsize = bits === 64 ? 64 : 52;
  if (bytes.length < ehsize) throw new ElfFormatError(`ELF header truncated: the file has ${bytes.length} bytes, a ${bits}-bit ELF header takes ${ehsize}`);
  const r = new ElfReader(bytes, bits);
  const w = bits === 64 ? 8 : 4; // the size of an address field
  const header: ElfHeader = {
    elfClass,
    bits,
    osAbi: bytes[7],
    type: r.u16(16),
    machine: r.u16(18),
    entry: r.word(24),
    phoff: r.word(24 + w),
    shoff: r.word(24 + 2 * w),
    phentsize: r.u16(24 + 3 * w + 6),
    phnum: r.u16(24 + 3 * w + 8),
    shentsize: r.u16(24 + 3 * w + 10),
    shnum: r.u16(24 + 3 * w + 12),
    shstrndx: r.u16(24 + 3 * w + 14),
  };
  return { header, reader: r };
}

/** Bytes of one program header of a class. */
export function programHeaderSize(bits: 32 | 64): number {
  return bits === 64 ? 56 : 32;
}

/**
 * The program header table. At most `maxTableBytes` of it (execve's limit
 * is Linux's 64 KiB), with entries of exactly the class's size, all inside
 * the file.
 */
export function readProgramHeaders(r: ElfReader, h: ElfHeader, maxTableBytes = 65536): ProgramHeader[] {
  const entrySize = programHeaderSize(h.bits);
  if (h.phnum === 0) throw new ElfFormatError('no program headers (e_phnum is 0)');
  if (h.phnum === PN_XNUM) throw new ElfFormatError('extended program header numbering (e_phnum 0xffff) is not supported');
  if (h.phentsize !== entrySize) throw new ElfFormatError(`program header entry size ${h.phentsize} (e_phentsize); a ${h.bits}-bit ELF's is ${entrySize}`);
  const tableBytes = h.phnum * entrySize;
  if (tableBytes > maxTableBytes) throw new ElfFormatError(`${h.phnum} program headers: the table would take ${tableBytes} bytes, more than the ${maxTableBytes} allowed`);
  r.requireInside(h.phoff, tableBytes, 'ELF program header table', PHOFF_FIELD[h.bits]);
  const headers: ProgramHeader[] = [];
  for (let i = 0; i < h.phnum; i++) {
    const at = h.phoff + i * entrySize;
    // Elf64_Phdr puts p_flags second (for alignment); Elf32_Phdr sixth.
    headers.push(
      h.bits === 64
        ? { index: i, type: r.u32(at), flags: r.u32(at + 4), offset: r.u64(at + 8), vaddr: r.u64(at + 16), paddr: r.u64(at + 24), filesz: r.u64(at + 32), memsz: r.u64(at + 40), align: r.u64(at + 48) }
        : { index: i, type: r.u32(at), offset: r.u32(at + 4), vaddr: r.u32(at + 8), paddr: r.u32(at + 12), filesz: r.u32(at + 16), memsz: r.u32(at + 20), flags: r.u32(at + 24), align: r.u32(at + 28) },
    );
  }
  return headers;
}
