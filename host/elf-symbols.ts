/**
 * The symbols of an ELF file (its SHT_SYMTAB sections), for `jos exec`,
 * which finds `tohost` by name. Read with the same bounds checks as the
 * headers (kernel/proc/elf-file.ts): a section header table, symbol table
 * or string table that lies outside the file is an ElfFormatError naming
 * it, never a JavaScript exception.
 */
import { ElfFormatError, ElfHeader, ElfReader, SHOFF_FIELD } from '../kernel/proc/elf-file';

const SHT_NULL = 0;
const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;

export interface Section {
  index: number;
  /** Where its sh_offset is in the file (for exact messages). */
  offsetField: number;
  type: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

/** Symbol name → value; the first definition of a name wins. */
export function readSymbols(r: ElfReader, h: ElfHeader): Map<string, number> {
  const symbols = new Map<string, number>();
  const sections = readSections(r, h);
  for (const symtab of sections) {
    if (symtab.type !== SHT_SYMTAB) continue;
    const entrySize = h.bits === 64 ? 24 : 16;
    if (symtab.entsize !== entrySize) throw new ElfFormatError(`section ${symtab.index}: symbol entry size ${symtab.entsize}; a ${h.bits}-bit ELF's is ${entrySize}`);
    r.requireInside(symtab.offset, symtab.size, `section ${symtab.index}'s symbol table`, symtab.offsetField);
    const strtab = sections[symtab.link];
    if (!strtab) throw new ElfFormatError(`section ${symtab.index}: its string table (section ${symtab.link}) does not exist`);
    r.requireInside(strtab.offset, strtab.size, `section ${strtab.index}'s string table`, strtab.offsetField);
    for (let at = symtab.offset; at + entrySize <= symtab.offset + symtab.size; at += entrySize) {
      // st_name is first in both classes; st_value follows it (32-bit) or
      // st_info, st_other and st_shndx (64-bit).
      const name = stringAt(r, strtab, r.u32(at));
      const value = h.bits === 64 ? r.u64(at + 8) : r.u32(at + 4);
      if (name && !symbols.has(name)) symbols.set(name, value);
    }
  }
  return symbols;
}

/** Checks that every section with contents in the file lies inside it
 * (what a tool that reads every section, such as elfinfo, relies on). */
export function checkSectionsInside(r: ElfReader, h: ElfHeader): void {
  for (const section of readSections(r, h)) {
    if (section.type === SHT_NULL || section.type === SHT_NOBITS) continue;
    r.requireInside(section.offset, section.size, `section ${section.index}`, section.offsetField);
  }
}

/** The section header table; none (e_shoff 0) is an empty list. */
export function readSections(r: ElfReader, h: ElfHeader): Section[] {
  if (h.shoff === 0 || h.shnum === 0) return [];
  const entrySize = h.bits === 64 ? 64 : 40;
  if (h.shentsize !== entrySize) throw new ElfFormatError(`section header entry size ${h.shentsize} (e_shentsize); a ${h.bits}-bit ELF's is ${entrySize}`);
  r.requireInside(h.shoff, h.shnum * entrySize, 'ELF section header table', SHOFF_FIELD[h.bits]);
  const sections: Section[] = [];
  for (let i = 0; i < h.shnum; i++) {
    const at = h.shoff + i * entrySize;
    sections.push(
      h.bits === 64
        ? { index: i, offsetField: at + 24, type: r.u32(at + 4), offset: r.u64(at + 24), size: r.u64(at + 32), link: r.u32(at + 40), entsize: r.u64(at + 56) }
        : { index: i, offsetField: at + 16, type: r.u32(at + 4), offset: r.u32(at + 16), size: r.u32(at + 20), link: r.u32(at + 24), entsize: r.u32(at + 36) },
    );
  }
  return sections;
}

/** The NUL-terminated string at `offset` in a string table section. */
function stringAt(r: ElfReader, strtab: Section, offset: number): string {
  if (offset >= strtab.size) throw new ElfFormatError(`a symbol name at offset ${offset} lies outside its string table (section ${strtab.index}, ${strtab.size} bytes)`);
  const start = strtab.offset + offset;
  const limit = strtab.offset + strtab.size;
  let end = start;
  while (end < limit && r.bytes[end] !== 0) end++;
  if (end === limit) throw new ElfFormatError(`section ${strtab.index}: a string runs past the end of the string table`);
  return new TextDecoder().decode(r.bytes.subarray(start, end));
}
