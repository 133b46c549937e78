/**
 * `jos exec` against malformed ELFs, on both architectures: mutants of
 * real bare-metal test ELFs (random header bytes, edge values in header
 * and program header fields, huge counts and offsets, truncations) are
 * either loaded and run for a few instructions, or refused with a reason
 * that names what is wrong, never a JavaScript error text; and the same
 * defect gives the same exit status (2) on x86_64 and riscv32, through the
 * CLI as a user sees it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BARE_METAL_RUNNERS, STATUS_BAD_ELF, readImage } from '../../host/exec-command';
import { runJos } from '../support/run-jos';
import { xorshift32 } from '../support/xorshift';

const ELFS = [
  { arch: 'x86_64', file: path.join(__dirname, '..', 'x86_64', 'bare', 'prebuilt', 'traps.elf'), is64: true },
  { arch: 'riscv32', file: path.join(__dirname, '..', 'riscv', 'isa', 'prebuilt', 'alu.elf'), is64: false },
];
const MUTANTS = 400;
/** What must never reach a user: JavaScript's own error texts. */
const JS_ERROR_TEXT = /RangeError|TypeError|Map maximum size|Invalid typed array|Array buffer allocation|outside the bounds|undefined|NaN|\bnull\b/;

/** Where the ELF header keeps its table geometry, by class. */
function fields(is64: boolean) {
  return is64 ? { phoff: 32, shoff: 40, phentsize: 54, phnum: 56, shentsize: 58, shnum: 60 } : { phoff: 28, shoff: 32, phentsize: 42, phnum: 44, shentsize: 46, shnum: 48 };
}

const EDGE_32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 0x10000];

function mutate(original: Uint8Array, is64: boolean, next: () => number): Uint8Array {
  const bytes = original.slice();
  const view = new DataView(bytes.buffer);
  const f = fields(is64);
  const phoff = is64 ? Number(view.getBigUint64(f.phoff, true)) : view.getUint32(f.phoff, true);
  const phnum = view.getUint16(f.phnum, true);
  const phent = is64 ? 56 : 32;
  const word = (at: number, value: number) => {
    if (is64) view.setBigUint64(at, BigInt(value) * (next() % 2 ? 1n : 0x1_0000_0001n), true);
    else view.setUint32(at, value, true);
  };
  switch (next() % 5) {
    case 0: // random bytes in the ELF and program headers
      for (let n = 1 + (next() % 4); n > 0; n--) bytes[next() % Math.min(bytes.length, phoff + phent * phnum)] = next() & 0xff;
      return bytes;
    case 1: // a table offset at an edge
      word([f.phoff, f.shoff][next() % 2], EDGE_32[next() % EDGE_32.length]);
      return bytes;
    case 2: // a count or entry size at its limit
      view.setUint16([f.phentsize, f.phnum, f.shentsize, f.shnum][next() % 4], [0, 1, 0xffff, 0x7fff, phnum + 1][next() % 5], true);
      return bytes;
    case 3: {
      // an edge value in a program header's offset, address or sizes
      const at = phoff + phent * (next() % phnum) + (is64 ? 8 + 8 * (next() % 5) : 4 + 4 * (next() % 5));
      word(at, EDGE_32[next() % EDGE_32.length]);
      return bytes;
    }
    default: // truncated
      return bytes.subarray(0, next() % bytes.length);
  }
}

describe.each(ELFS)('jos exec on malformed $arch ELFs', ({ file, is64 }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-exec-malformed-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(`${MUTANTS} mutants are refused with a reason or run`, async () => {
    const original = new Uint8Array(fs.readFileSync(file));
    const next = xorshift32(is64 ? 0xe64 : 0xe32);
    const counts = { refused: 0, ran: 0 };
    const mutantPath = path.join(dir, 'mutant.elf');
    for (let k = 0; k < MUTANTS; k++) {
      fs.writeFileSync(mutantPath, mutate(original, is64, next));
      let loaded;
      try {
        loaded = await readImage(mutantPath);
      } catch (error) {
        const message = (error as Error).message;
        if (JS_ERROR_TEXT.test(message) || !message.startsWith(mutantPath)) throw new Error(`mutant ${k}: ${(error as Error).stack}`);
        counts.refused++;
        continue;
      }
      // Loadable: the runner either refuses the layout with status 2 and
      // a reason, or runs it (any status but a crash of its own).
      let errText = '';
      const status = await BARE_METAL_RUNNERS.get(loaded.image.machine)!.load()(loaded.image, {
        trace: false,
        maxInstructions: 200,
        writeOut: () => {},
        writeErr: (text) => {
          errText += text;
        },
        interrupted: () => false,
      });
      expect(Number.isInteger(status)).toBe(true);
      if (JS_ERROR_TEXT.test(errText)) throw new Error(`mutant ${k}: ${errText}`);
      counts.ran++;
    }
    expect(counts.refused).toBeGreaterThan(MUTANTS / 10);
    expect(counts.ran).toBeGreaterThan(MUTANTS / 20);
  }, 120_000);
});

/** One defect applied to either architecture's ELF. */
const DEFECTS: { name: string; reason: RegExp; apply: (view: DataView, is64: boolean) => void }[] = [
  {
    name: 'a program header table past the end of the file',
    reason: /ELF program header table beyond end of file/,
    apply: (v, is64) => (is64 ? v.setBigUint64(32, 0xffff_ff00n, true) : v.setUint32(28, 0xffff_ff00, true)),
  },
  {
    name: 'a huge program header count',
    reason: /65000 program headers: the table would take \d+ bytes, more than the 65536 allowed/,
    apply: (v, is64) => v.setUint16(is64 ? 56 : 44, 65000, true),
  },
  {
    name: 'a section header table past the end of the file',
    reason: /ELF section header table beyond end of file/,
    apply: (v, is64) => (is64 ? v.setBigUint64(40, 0x7fff_0000n, true) : v.setUint32(32, 0x7fff_0000, true)),
  },
  {
    name: 'a segment needing more RAM than the harness allows',
    reason: /the limit is 1024 MiB|do not fit a 32-bit address space/,
    apply: (v, is64) => {
      // The first PT_LOAD's p_memsz: 1.25 GiB.
      const phoff = is64 ? Number(v.getBigUint64(32, true)) : v.getUint32(28, true);
      let at = phoff;
      while (v.getUint32(at, true) !== 1) at += is64 ? 56 : 32;
      if (is64) v.setBigUint64(at + 40, 0x5000_0000n, true);
      else v.setUint32(at + 20, 0x5000_0000, true);
    },
  },
];

describe.each(DEFECTS)('jos exec on both architectures: $name', ({ reason, apply }) => {
  test('status 2 and the same reason on x86_64 and riscv32', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-exec-defect-'));
    try {
      for (const { file, is64 } of ELFS) {
        const bytes = new Uint8Array(fs.readFileSync(file));
        apply(new DataView(bytes.buffer), is64);
        const bad = path.join(dir, path.basename(file));
        fs.writeFileSync(bad, bytes);
        const r = runJos(['exec', bad, '--max-instructions', '1000']);
        expect(r.stderr).toMatch(reason);
        expect(r.stderr).not.toMatch(JS_ERROR_TEXT);
        expect(r.status).toBe(STATUS_BAD_ELF);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
