/**
 * `jos exec` on RISC-V ELFs, through the CLI as a user runs it: tohost
 * statuses, --max-instructions, --trace lines, and clear errors (status 2)
 * for unreadable or unsupported files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';
import { writeElf32 } from './elf-writer';
import * as E from './encoder';
import { Op } from '../../arch/riscv/opcodes';

const ISA = path.join(__dirname, 'isa', 'prebuilt');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-exec-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An ELF whose code is `words` at 0x8000_0000. */
function elfOf(name: string, words: number[], patch?: (bytes: Uint8Array) => void): string {
  const image = new Uint8Array(words.length * 4);
  new Uint32Array(image.buffer).set(words);
  const bytes = writeElf32(0x8000_0000, image, 0x8000_0000);
  patch?.(bytes);
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('jos exec (riscv32)', () => {
  test('a passing ISA test exits 0', () => {
    const r = runJos(['exec', path.join(ISA, 'alu.elf')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('--max-instructions stops an endless loop with status 124', () => {
    const loop = elfOf('loop.elf', [E.j(0, 0)]);
    const r = runJos(['exec', loop, '--max-instructions', '1000']);
    expect(r.status).toBe(124);
    expect(r.stderr).toMatch(/stopped after 1000 instructions/);
  });

  test('--trace prints pc, mnemonic and the registers written', () => {
    const prog = elfOf('trace.elf', [E.i(Op.ADDI, 10, 0, 5), E.r(Op.ADD, 11, 10, 10), E.j(0, 0)]);
    const r = runJos(['exec', prog, '--trace', '--max-instructions', '3']);
    expect(r.status).toBe(124);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^80000000 {2}addi a0, zero, 5 +a0=0x00000005$/);
    expect(lines[1]).toMatch(/^80000004 {2}add a1, a0, a0 +a1=0x0000000a$/);
    expect(lines[2]).toMatch(/^80000008 {2}jal zero, 0x80000008 *$/);
  });

  test('--trace shows a trap with its cause', () => {
    // mtvec = 0x8000_0010 (a `j .`), then ecall.
    const prog = elfOf('ecall.elf', [...E.li(5, 0x8000_0010), E.i(Op.CSRRW, 0, 5, 0x305), E.ECALL, E.j(0, 0)]);
    const r = runJos(['exec', prog, '--trace', '--max-instructions', '5']);
    expect(r.status).toBe(124);
    expect(r.stdout).toMatch(/^8000000c {2}ecall/m);
    expect(r.stdout).toMatch(/^8000000c {2}-> exception 11, tval 0x0$/m);
    expect(r.stdout).toMatch(/^80000010 {2}jal zero, 0x80000010/m);
  });

  test('a trap loop that retires nothing ends with a clear message', () => {
    const prog = elfOf('stuck.elf', [E.ECALL]); // mtvec = 0: nothing there
    const r = runJos(['exec', prog, '--max-instructions', '100']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/stuck taking traps without retiring an instruction \(mcause 1, mepc 0x0, pc 0x0\)/);
  });

  test('a missing file is status 2 with a clear message', () => {
    const r = runJos(['exec', path.join(dir, 'nope.elf')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*nope\.elf: No such file or directory$/m);
  });

  test('a file that is not an ELF is status 2', () => {
    const file = path.join(dir, 'text.elf');
    fs.writeFileSync(file, 'hello, this is not an executable at all, just text\n');
    const r = runJos(['exec', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not an ELF file/);
  });

  test('an unsupported architecture is status 2 naming it', () => {
    const arm = elfOf('arm.elf', [0], (b) => new DataView(b.buffer).setUint16(18, 40, true)); // EM_ARM
    const r = runJos(['exec', arm]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unsupported architecture .*e_machine 40/);
  });

  test('segments spanning more RAM than the harness allows are status 2', () => {
    // The segment's p_memsz patched to 1.25 GiB.
    const big = elfOf('big.elf', [E.j(0, 0)], (b) => new DataView(b.buffer).setUint32(52 + 20, 0x5000_0000, true));
    const r = runJos(['exec', big, '--max-instructions', '10']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/segments span \d+ MiB .* the limit is 1024 MiB|do not fit a 32-bit address space/);
  });

  test('a truncated ELF is status 2', () => {
    const whole = fs.readFileSync(path.join(ISA, 'alu.elf'));
    const file = path.join(dir, 'cut.elf');
    fs.writeFileSync(file, whole.subarray(0, 200));
    const r = runJos(['exec', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/jos exec: /);
  });
});
