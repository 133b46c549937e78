/**
 * `jos elf FILE`: elfinfo's description of a program and the kernel's
 * verdict per board. Real programs of both architectures run on their
 * board; a dynamically linked or relocatable ELF runs nowhere, with
 * execve's reason; mutants of real programs (header, program and section
 * header fields, symbol tables, truncations) are described or refused with
 * a reason, never a JavaScript error.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ELF_RUNS, ELF_RUNS_NOWHERE, ELF_UNREADABLE, describeElf } from '../../host/elf-command';
import { prebuilt } from '../userland/oracle';
import { runJos } from '../support/run-jos';
import { xorshift32 } from '../support/xorshift';

const JS_ERROR_TEXT = /RangeError|TypeError|Invalid typed array|outside the bounds|undefined|NaN|\bnull\b|is not a function/;

async function describe_(bytes: Uint8Array, symbols = false): Promise<{ status: number; out: string; err: string }> {
  const file = path.join(dir, 'mutant');
  fs.writeFileSync(file, bytes);
  let out = '';
  let err = '';
  const status = await describeElf(file, { symbols }, (t) => (out += t), (t) => (err += t));
  return { status, out, err };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-elf-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('jos elf', () => {
  test.each([
    ['x86_64', 'pc'],
    ['riscv32', 'esp32c3'],
  ] as const)('a %s program runs on board %s; the summary lists its segments, sections and symbols', async (arch, board) => {
    const { status, out, err } = await describe_(new Uint8Array(fs.readFileSync(prebuilt(arch, 'cat'))), true);
    expect(err).toBe('');
    expect(status).toBe(ELF_RUNS);
    expect(out).toMatch(new RegExp(`^JOS: runs on board ${board} \\(entry 0x[0-9a-f]+, \\d loadable segments, [\\d.]+ KiB in memory\\)$`, 'm'));
    expect(out).toMatch(/^ {2}\d+ +Load +0x[0-9a-f]+/m);
    expect(out).toMatch(/^ {2}\d+ +\.text +Prog bits/m);
    expect(out).toMatch(/ main$/m);
    expect(out).not.toMatch(/cannot run/);
  });

  test('through the CLI: statuses 0, 1 and 2, with reasons', () => {
    const ok = runJos(['elf', prebuilt('x86_64', 'cat')]);
    expect(ok.status).toBe(ELF_RUNS);
    expect(ok.stdout).toContain('symbols: ');
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'just text\n');
    const bad = runJos(['elf', text]);
    expect(bad.status).toBe(ELF_UNREADABLE);
    expect(bad.stderr).toBe(`jos elf: ${text}: not an ELF file\n`);
    const missing = runJos(['elf', path.join(dir, 'absent')]);
    expect(missing.status).toBe(ELF_UNREADABLE);
    expect(missing.stderr).toMatch(/cannot read .*absent: No such file or directory/);
  });

  test('a dynamically linked program and an object file run nowhere, with the reason execve gives', async () => {
    const host = ['/bin/ls', '/usr/bin/env'].find((p) => fs.existsSync(p));
    if (host) {
      const r = await describe_(new Uint8Array(fs.readFileSync(host)));
      expect(r.status).toBe(ELF_RUNS_NOWHERE);
      expect(r.out).toContain('JOS: board pc cannot run it: dynamically linked (has an interpreter); JOS runs static executables');
    }
    const source = path.join(dir, 'f.c');
    fs.writeFileSync(source, 'int f(void) { return 1; }\n');
    const object = path.join(dir, 'f.o');
    try {
      execFileSync('gcc', ['-c', source, '-o', object], { stdio: 'pipe' });
    } catch {
      return; // no host compiler: the case above stands
    }
    const r = await describe_(new Uint8Array(fs.readFileSync(object)));
    expect(r.status).toBe(ELF_RUNS_NOWHERE);
    expect(r.out).toContain('JOS: board pc cannot run it: ELF type 1 is not executable (ET_EXEC 2 or ET_DYN 3)');
  });

  test.each(['x86_64', 'riscv32'] as const)('%s: 300 mutants are described or refused with a reason, never a JavaScript error', async (arch) => {
    const original = new Uint8Array(fs.readFileSync(prebuilt(arch, 'cat')));
    const is64 = arch === 'x86_64';
    const view = new DataView(original.buffer, original.byteOffset, original.length);
    const shoff = is64 ? Number(view.getBigUint64(40, true)) : view.getUint32(32, true);
    const shnum = view.getUint16(is64 ? 60 : 48, true);
    const shent = is64 ? 64 : 40;
    const next = xorshift32(20261205);
    const edges = [0, 1, 0xff, 0xffff, 0x7fffffff, 0xffffffff, original.length, original.length - 1];
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      let bytes = original.slice();
      const v = new DataView(bytes.buffer);
      switch (i % 4) {
        case 0: // random bytes in the ELF header and the section header table
          for (let n = 1 + (next() % 4); n > 0; n--) {
            const at = next() % 2 ? next() % 64 : shoff + (next() % (shnum * shent));
            if (at < bytes.length) bytes[at] = next() & 0xff;
          }
          break;
        case 1: {
          // a section's offset, size, link or entry size at an edge
          const section = shoff + (next() % shnum) * shent;
          const fieldsAt = is64 ? [24, 32, 40, 56] : [16, 20, 24, 36];
          const at = section + fieldsAt[next() % 4];
          if (is64) v.setBigUint64(at, BigInt(edges[next() % edges.length]), true);
          else v.setUint32(at, edges[next() % edges.length], true);
          break;
        }
        case 2: // the section table's place, count, entry size or string table index
          v.setUint16(is64 ? [58, 60, 62][next() % 3] : [46, 48, 50][next() % 3], edges[next() % edges.length] & 0xffff, true);
          if (next() % 2) {
            if (is64) v.setBigUint64(40, BigInt(edges[next() % edges.length]), true);
            else v.setUint32(32, edges[next() % edges.length], true);
          }
          break;
        default: // cut short
          bytes = bytes.subarray(0, next() % bytes.length);
      }
      const r = await describe_(bytes, next() % 2 === 0);
      statuses.add(r.status);
      expect([ELF_RUNS, ELF_RUNS_NOWHERE, ELF_UNREADABLE]).toContain(r.status);
      expect(r.out + r.err).not.toMatch(JS_ERROR_TEXT);
      if (r.status === ELF_UNREADABLE) expect(r.err).toMatch(/^jos elf: .+: .+\n$/);
    }
    // The mutants reach both outcomes: some are still programs, some are refused.
    expect(statuses.has(ELF_RUNS)).toBe(true);
    expect(statuses.has(ELF_UNREADABLE)).toBe(true);
  });
});
