import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readElfImage, ElfExpectation } from '../../kernel/proc/elf-image';
import { ENOEXEC, KernelError } from '../../kernel/syscall/errno';

const X86 = { elfMachine: 62, elfClass: 2 as const, userTop: 0x8000_0000_0000 };
const RV32 = { elfMachine: 243, elfClass: 1 as const, userTop: 0xc000_0000 };

/** A static x86_64 executable built by the host gcc, as users' programs are. */
function buildStatic(): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-elf-'));
  const src = path.join(dir, 'p.c');
  fs.writeFileSync(src, 'int data = 7; int bss[1000]; void _start(void) { for (;;) bss[0] += data; }\n');
  const out = path.join(dir, 'p');
  execFileSync('gcc', ['-static', '-nostdlib', '-ffreestanding', '-fno-pie', '-no-pie', '-O2', '-o', out, src]);
  const bytes = new Uint8Array(fs.readFileSync(out));
  fs.rmSync(dir, { recursive: true });
  return bytes;
}

async function errnoOf(bytes: Uint8Array, expect: ElfExpectation = X86): Promise<number> {
  try {
    await readElfImage(bytes, expect);
    return 0;
  } catch (error) {
    expect_(error).toBeInstanceOf(KernelError);
    return (error as KernelError).errno;
  }
}
const expect_ = expect;

describe('ELF images', () => {
  const program = buildStatic();

  test('a static executable gives its entry, segments with permissions, and program headers', async () => {
    const image = await readElfImage(program, X86);
    const text = image.segments.find((s) => s.executable)!;
    expect(image.entry).toBeGreaterThanOrEqual(text.vaddr);
    expect(image.entry).toBeLessThan(text.vaddr + text.memsz);
    expect(text.writable).toBe(false);
    const data = image.segments.find((s) => s.writable)!;
    expect(data.memsz).toBeGreaterThan(data.filesz); // bss beyond the file
    expect(image.phent).toBe(56);
    expect(image.phnum).toBeGreaterThan(0);
    expect(image.phdrAddress).toBeGreaterThan(0);
  });

  test('the wrong machine or class is ENOEXEC', async () => {
    expect(await errnoOf(program, { ...RV32 })).toBe(ENOEXEC);
    expect(await errnoOf(program, { ...X86, elfMachine: 243 })).toBe(ENOEXEC);
  });

  test('garbage, truncation and lies in the headers are ENOEXEC', async () => {
    expect(await errnoOf(new TextEncoder().encode('#!/bin/sh\necho hi\n'))).toBe(ENOEXEC);
    expect(await errnoOf(new Uint8Array(0))).toBe(ENOEXEC);
    expect(await errnoOf(program.slice(0, 100))).toBe(ENOEXEC);
    const badEntry = program.slice();
    new DataView(badEntry.buffer).setUint32(24, 0x10, true); // e_entry low word
    new DataView(badEntry.buffer).setUint32(28, 0, true);
    expect(await errnoOf(badEntry)).toBe(ENOEXEC);
    const truncated = program.slice(0, program.length - 64);
    expect(await errnoOf(truncated.slice(0, 0x200))).toBe(ENOEXEC);
  });

  test('malformed headers are refused with a reason naming the defect', async () => {
    const reason = async (patch: (v: DataView) => void, length = program.length): Promise<string> => {
      const bytes = program.slice(0, length);
      patch(new DataView(bytes.buffer));
      try {
        await readElfImage(bytes, X86);
      } catch (error) {
        expect_(error).toBeInstanceOf(KernelError);
        return (error as KernelError).message;
      }
      return 'accepted';
    };
    expect(await reason(() => {}, 40)).toBe('ELF header truncated: the file has 40 bytes, a 64-bit ELF header takes 64');
    expect(await reason((v) => v.setUint8(5, 2))).toBe('big-endian ELF (EI_DATA 2): JOS runs little-endian code');
    expect(await reason((v) => v.setBigUint64(32, 0xffff_ffff_ffff_ff00n, true))).toMatch(/^ELF program header table beyond end of file \(\d+ bytes at offset 0xffffffffffffff00; the file has \d+\)$/);
    expect(await reason((v) => v.setUint16(56, 0xfff0, true))).toBe('65520 program headers: the table would take 3669120 bytes, more than the 65536 allowed');
    expect(await reason((v) => v.setUint16(56, 0xffff, true))).toMatch(/extended program header numbering/);
    expect(await reason((v) => v.setUint16(56, 0, true))).toBe('no program headers (e_phnum is 0)');
    expect(await reason((v) => v.setUint16(54, 32, true))).toBe("program header entry size 32 (e_phentsize); a 64-bit ELF's is 56");
    // The first PT_LOAD's p_offset far past the file.
    const firstLoad = (v: DataView) => {
      let at = Number(v.getBigUint64(32, true));
      while (v.getUint32(at, true) !== 1) at += 56;
      return at;
    };
    expect(await reason((v) => v.setBigUint64(firstLoad(v) + 8, 0xffff_ffff_0000n, true))).toMatch(/^segment \d+: extends past the end of the file$/);
    expect(await reason((v) => v.setBigUint64(firstLoad(v) + 16, 0xffff_8000_0000_0000n, true))).toMatch(/^segment \d+ at 0xffff800000000000 \(\d+ bytes\) is outside user space$/);
  });

  test('a dynamically linked program is refused', async () => {
    const bytes = new Uint8Array(fs.readFileSync('/bin/true'));
    expect(await errnoOf(bytes)).toBe(ENOEXEC);
  });
});
