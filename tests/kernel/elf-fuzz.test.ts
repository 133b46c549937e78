/**
 * execve's ELF checks (kernel/proc/elf-image.ts) against malformed input:
 * thousands of mutants of the real userland ELFs of both architectures
 * (random bytes in the headers, edge values in every program header
 * field, truncations). Each must either be refused with ENOEXEC — never
 * another exception, never a hang — or give an image the loader can map
 * safely: segments inside user space and inside the file, file size within
 * memory size, no overlaps, the entry point in an executable segment.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ElfImage, readElfImage } from '../../kernel/proc/elf-image';
import { ENOEXEC, KernelError } from '../../kernel/syscall/errno';
import { xorshift32 } from '../support/xorshift';

const USERLAND = path.join(__dirname, '..', '..', 'userland', 'prebuilt');
const ARCHES = [
  { arch: 'x86_64', expect: { elfMachine: 62, elfClass: 2 as const, userTop: 0x8000_0000_0000 } },
  { arch: 'riscv32', expect: { elfMachine: 243, elfClass: 1 as const, userTop: 0xc000_0000 } },
];
const MUTANTS = 3000;

const HUGE_WORDS = [0xffff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0x0001_0000_0000_0000n, 0xffff_8000_0000_0000n, 0x20_0000_0000_0000n, 0xffff_ffff_0000n];
/** JavaScript's own error texts, which must never be an ELF's reason. */
const JS_ERROR_TEXT = /RangeError|TypeError|Map maximum size|Invalid typed array|Array buffer allocation|outside the bounds|undefined|NaN/;
const EDGE_WORDS = [0, 1, 0x1000, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffff000, 0xc0000000, 0x10000];

function mutate(original: Uint8Array, is64: boolean, next: () => number): Uint8Array {
  const bytes = original.slice();
  const view = new DataView(bytes.buffer);
  const phoff = is64 ? Number(view.getBigUint64(32, true)) : view.getUint32(28, true);
  const phentsize = view.getUint16(is64 ? 54 : 42, true);
  const phnum = view.getUint16(is64 ? 56 : 44, true);
  const headerEnd = Math.min(bytes.length, phoff + phentsize * phnum);
  const kind = next() % 6;
  if (kind === 0) {
    // Random bytes anywhere in the ELF and program headers.
    for (let n = 1 + (next() % 4); n > 0; n--) bytes[next() % headerEnd] = next() & 0xff;
  } else if (kind === 1) {
    // An edge value in one 32-bit field of a program header or the ELF header.
    const inPhdr = next() % 4 !== 0;
    const base = inPhdr ? phoff + phentsize * (next() % Math.max(phnum, 1)) : 0;
    const span = inPhdr ? phentsize : is64 ? 64 : 52;
    const at = base + 4 * (next() % (span / 4));
    if (at + 4 <= bytes.length) view.setUint32(at, EDGE_WORDS[next() % EDGE_WORDS.length], true);
  } else if (kind === 2) {
    // Truncated, inside the headers or inside a segment.
    return bytes.subarray(0, next() % (next() % 2 ? headerEnd + 1 : bytes.length));
  } else if (kind === 3) {
    // Header counts and sizes at their limits.
    const field = [is64 ? 54 : 42, is64 ? 56 : 44, is64 ? 58 : 46, is64 ? 60 : 48][next() % 4];
    view.setUint16(field, [0, 1, 0xffff, 0x7fff, phnum + 1][next() % 5], true);
  } else if (kind === 4) {
    // A huge table offset, or a huge 64-bit program header field.
    const value = HUGE_WORDS[next() % HUGE_WORDS.length];
    const at = next() % 2 ? (is64 ? 32 : 28) : phoff + phentsize * (next() % Math.max(phnum, 1)) + (is64 ? 8 + 8 * (next() % 5) : 4 + 4 * (next() % 5));
    if (at + 8 > bytes.length) return bytes;
    if (is64) view.setBigUint64(at, value, true);
    else view.setUint32(at, Number(value & 0xffff_ffffn), true);
  } else {
    // One program header's address copied onto another's: overlaps.
    const a = phoff + phentsize * (next() % Math.max(phnum, 1));
    const b = phoff + phentsize * (next() % Math.max(phnum, 1));
    const vaddr = is64 ? 16 : 8;
    if (Math.max(a, b) + phentsize <= bytes.length) bytes.copyWithin(b + vaddr, a + vaddr, a + vaddr + (is64 ? 8 : 4));
  }
  return bytes;
}

function checkImage(image: ElfImage, length: number, userTop: number): void {
  expect(image.segments.length).toBeGreaterThan(0);
  let end = 0;
  for (const s of image.segments) {
    for (const v of [s.vaddr, s.memsz, s.filesz, s.offset]) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
    expect(s.vaddr).toBeGreaterThanOrEqual(Math.max(0x1000, end));
    expect(s.vaddr + s.memsz).toBeLessThanOrEqual(userTop);
    expect(s.filesz).toBeLessThanOrEqual(s.memsz);
    expect(s.offset + s.filesz).toBeLessThanOrEqual(length);
    end = s.vaddr + s.memsz;
  }
  expect(image.segments.some((s) => s.executable && image.entry >= s.vaddr && image.entry < s.vaddr + s.memsz)).toBe(true);
  for (const v of [image.phdrAddress, image.phnum, image.phent]) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
}

describe.each(ARCHES)('malformed $arch ELFs', ({ arch, expect: expectation }) => {
  test(`${MUTANTS} mutants of hello are refused with ENOEXEC or load safely`, async () => {
    const original = new Uint8Array(fs.readFileSync(path.join(USERLAND, arch, 'bin', 'hello')));
    const next = xorshift32(arch === 'x86_64' ? 0x64 : 0x32);
    const outcomes = { refused: 0, accepted: 0 };
    for (let k = 0; k < MUTANTS; k++) {
      const bytes = mutate(original, expectation.elfClass === 2, next);
      let image: ElfImage | null = null;
      try {
        image = await readElfImage(bytes, expectation);
      } catch (error) {
        if (!(error instanceof KernelError) || error.errno !== ENOEXEC || JS_ERROR_TEXT.test(error.message) || error.message === `errno ${ENOEXEC}`) {
          throw new Error(`mutant ${k}: ${error instanceof KernelError ? `errno ${error.errno}: ${error.message}` : (error as Error).stack}`);
        }
        outcomes.refused++;
        continue;
      }
      checkImage(image, bytes.length, expectation.userTop);
      outcomes.accepted++;
    }
    // Both outcomes occur: the mutants reach past the first check.
    expect(outcomes.refused).toBeGreaterThan(MUTANTS / 10);
    expect(outcomes.accepted).toBeGreaterThan(MUTANTS / 10);
  }, 120_000);
});
