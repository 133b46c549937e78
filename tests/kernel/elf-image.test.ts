import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readElfImage } from '../../kernel/proc/elf-image';
import { ENOEXEC, KernelError } from '../../kernel/syscall/errno';

const X86 = { machine: 62, elfClass: 2 as const, userTop: 0x8000_0000_0000 };
const RV32 = { machine: 243, elfClass: 1 as const, userTop: 0xc000_0000 };

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

async function errnoOf(bytes: Uint8Array, expect = X86): Promise<number> {
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
    expect(await errnoOf(program, { ...X86, machine: 243 })).toBe(ENOEXEC);
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

  test('a dynamically linked program is refused', async () => {
    const bytes = new Uint8Array(fs.readFileSync('/bin/true'));
    expect(await errnoOf(bytes)).toBe(ENOEXEC);
  });
});
