/**
 * The initramfs archive format: cpio "newc" (magic 070701), as Linux's
 * initramfs uses (Documentation/driver-api/early-userspace/buffer-format.rst).
 * Each entry: a 110-byte ASCII-hex header, the NUL-terminated name padded to
 * 4 bytes, the data padded to 4 bytes; "TRAILER!!!" ends the archive.
 */
export interface CpioEntry {
  name: string;
  mode: number;
  mtime: number;
  data: Uint8Array;
}

const MAGIC = '070701';
const HEADER_SIZE = 110;
const TRAILER = 'TRAILER!!!';

/** The entries of a newc archive, or of several concatenated ones, in
 * order: as Linux's initramfs, each part ends with its trailer and NUL
 * bytes may pad it before the next part, which starts at a multiple of 4
 * bytes. (A later entry of a path replaces an earlier one: the unpacker's
 * business, initramfs.ts.) */
export function parseCpio(archive: Uint8Array): CpioEntry[] {
  const entries: CpioEntry[] = [];
  const decoder = new TextDecoder();
  let pos = 0;
  let part = 1;
  const fail = (what: string): never => {
    throw new Error(`cpio: ${what} at ${pos}${part > 1 ? ` (archive part ${part})` : ''}`);
  };
  for (;;) {
    if (pos + HEADER_SIZE > archive.length) fail('truncated header');
    const header = decoder.decode(archive.subarray(pos, pos + HEADER_SIZE));
    if (!header.startsWith(MAGIC)) fail('bad magic');
    const field = (i: number) => {
      const text = header.slice(6 + i * 8, 14 + i * 8);
      if (!/^[0-9a-fA-F]{8}$/.test(text)) fail('bad header field');
      return parseInt(text, 16);
    };
    const mode = field(1);
    const mtime = field(5);
    const fileSize = field(6);
    const nameSize = field(11);
    const nameStart = pos + HEADER_SIZE;
    if (nameSize < 1 || nameStart + nameSize > archive.length) fail('bad name size');
    const name = decoder.decode(archive.subarray(nameStart, nameStart + nameSize - 1));
    const dataStart = align4(nameStart + nameSize);
    if (name === TRAILER) {
      pos = dataStart;
      while (pos < archive.length && archive[pos] === 0) pos++;
      if (pos >= archive.length) return entries;
      part++;
      if (pos & 3) fail('misaligned archive');
      continue;
    }
    if (dataStart + fileSize > archive.length) fail(`${name} extends past the archive`);
    entries.push({ name, mode, mtime, data: archive.subarray(dataStart, dataStart + fileSize) });
    pos = align4(dataStart + fileSize);
  }
}

/** An entry as a header: its data (`size` bytes) are written separately. */
export interface CpioHeader {
  name: string;
  mode: number;
  mtime: number;
  size: number;
}

/** Builds a newc archive (the host packs the initramfs with it). */
export function buildCpio(entries: readonly CpioEntry[]): Uint8Array {
  const headers = entries.map((e) => ({ name: e.name, mode: e.mode, mtime: e.mtime, size: e.data.length }));
  const out = new Uint8Array(cpioLength(headers));
  writeCpio(out, headers, (index, data) => data.set(entries[index].data));
  return out;
}

/** The length of a newc archive of these entries, its trailer included. */
export function cpioLength(headers: readonly CpioHeader[]): number {
  const encoder = new TextEncoder();
  let length = 0;
  for (const h of headers) length = align4(align4(length + HEADER_SIZE + encoder.encode(h.name).length + 1) + h.size);
  return align4(length + HEADER_SIZE + TRAILER.length + 1);
}

/** Writes a newc archive of `headers` into `out`, exactly cpioLength()
 * bytes (padding zeroed: `out` may hold anything before): the headers,
 * names, padding and trailer here, each entry's data by `writeData` into
 * the view it is given, which it must fill. (The host packs the added
 * files straight into guest RAM with it, each read into its place.) */
export function writeCpio(out: Uint8Array, headers: readonly CpioHeader[], writeData: (index: number, data: Uint8Array) => void): void {
  const encoder = new TextEncoder();
  let at = 0;
  const put = (index: number, h: CpioHeader): number => {
    const name = encoder.encode(h.name + '\0');
    const fields = [index + 1, h.mode, 0, 0, 1, h.mtime, h.size, 0, 0, 0, 0, name.length, 0];
    const header = MAGIC + fields.map((f) => (f >>> 0).toString(16).padStart(8, '0')).join('');
    if (at + HEADER_SIZE + name.length > out.length) throw new Error('cpio: the archive is longer than its room');
    encoder.encodeInto(header, out.subarray(at, at + HEADER_SIZE));
    out.set(name, at + HEADER_SIZE);
    const end = at + HEADER_SIZE + name.length;
    const dataStart = align4(end);
    out.fill(0, end, dataStart);
    return dataStart;
  };
  headers.forEach((h, index) => {
    const dataStart = put(index, h);
    const dataEnd = dataStart + h.size;
    if (dataEnd > out.length) throw new Error('cpio: the archive is longer than its room');
    writeData(index, out.subarray(dataStart, dataEnd));
    at = align4(dataEnd);
    out.fill(0, dataEnd, at);
  });
  at = put(headers.length, { name: TRAILER, mode: 0, mtime: 0, size: 0 });
  if (at !== out.length) throw new Error(`cpio: the archive is ${at} bytes, not the ${out.length} of its room`);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
