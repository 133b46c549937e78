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

/** Builds a newc archive (the host packs the initramfs with it). */
export function buildCpio(entries: readonly CpioEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const put = (bytes: Uint8Array) => {
    chunks.push(bytes);
    length += bytes.length;
  };
  const pad = () => {
    const extra = align4(length) - length;
    if (extra > 0) put(new Uint8Array(extra));
  };
  const all = [...entries, { name: TRAILER, mode: 0, mtime: 0, data: new Uint8Array(0) }];
  all.forEach((entry, index) => {
    const name = encoder.encode(entry.name + '\0');
    const fields = [index + 1, entry.mode, 0, 0, 1, entry.mtime, entry.data.length, 0, 0, 0, 0, name.length, 0];
    put(encoder.encode(MAGIC + fields.map((f) => (f >>> 0).toString(16).padStart(8, '0')).join('')));
    put(name);
    pad();
    put(entry.data);
    pad();
  });
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
