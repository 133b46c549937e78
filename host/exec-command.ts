/**
 * `jos exec FILE.elf`: runs a bare-metal ELF on a bare core, no board, no
 * kernel. The ELF header's e_machine picks the core from BARE_METAL_RUNNERS
 * (one entry per architecture, each in arch/<isa>/bare-metal.ts); the
 * runner maps RAM over the segments, starts at the entry point in its most
 * privileged mode and honours `tohost` the way Spike does.
 *
 * Exit status: the guest's (tohost), 124 when --max-instructions is hit,
 * 130 on Ctrl-C, 2 for an unreadable, malformed or unsupported ELF (the
 * headers are read by kernel/proc/elf-file.ts, the symbols by
 * elf-symbols.ts: the message names the defect), segments that do not fit
 * the runner's RAM, or a Linux program (host/linux-program.ts: the message
 * says how to `jos run` it) — the same on every architecture; 1 when the
 * core can never make progress (a wait with nothing to wake it, a trap
 * loop); 3 for an x86_64 triple fault.
 */
import * as fs from 'fs';
import type { BareMetalImage, BareMetalOptions, BareMetalRunner } from '../arch/bare-metal';
import { STATUS_BAD_ELF, STATUS_INTERRUPTED, STATUS_MAX_INSTRUCTIONS } from '../arch/bare-metal';
import { resolveCpuVendor } from './host-cpu';
import { ElfFormatError, ElfHeader, ProgramHeader, readElfHeader, readProgramHeaders } from '../kernel/proc/elf-file';
import { readSymbols } from './elf-symbols';
import { linuxProgramSign, runUnderKernelHint } from './linux-program';
import { UsageError } from './usage-error';
import { systemErrorText } from './system-error';
import { BareMachineParts, runBareMetalUnderGdb } from './gdb/exec-gdb';
import { parseGdbPort } from './gdb/gdb-stub';
import { ELF_MACHINE_X86_64 } from '../arch/x86_64/supervisor/user-elf';
import { ELF_MACHINE_RISCV } from '../arch/riscv/supervisor/user-elf';

export type { BareMetalImage, BareMetalOptions, BareMetalRunner } from '../arch/bare-metal';
export { STATUS_BAD_ELF, STATUS_INTERRUPTED, STATUS_MAX_INSTRUCTIONS } from '../arch/bare-metal';

export interface BareMetalArch {
  readonly name: string;
  readonly bits: 32 | 64;
  readonly load: () => BareMetalRunner;
  /** The machine alone, for a run under gdb (host/gdb/exec-gdb.ts). */
  readonly build: () => BareMetalBuilder;
}

/** Builds the runner's machine for the image without running it. */
export type BareMetalBuilder = (image: BareMetalImage, putChar: (byte: number) => void, options: { jit: boolean }) => BareMachineParts;

const PT_LOAD = 1;

/** The per-architecture table: add one entry per core. */
export const BARE_METAL_RUNNERS: ReadonlyMap<number, BareMetalArch> = new Map<number, BareMetalArch>([
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  [ELF_MACHINE_RISCV, { name: 'riscv32', bits: 32, load: () => require('../arch/riscv/bare-metal').runRiscvBareMetal, build: () => riscvBuilder }],
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  [ELF_MACHINE_X86_64, { name: 'x86_64', bits: 64, load: () => require('../arch/x86_64/bare-metal').runX86BareMetal, build: () => x86Builder }],
]);


const riscvBuilder: BareMetalBuilder = (image, putChar, options) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = (require('../arch/riscv/bare-metal') as typeof import('../arch/riscv/bare-metal')).buildBareMetal(image, putChar, { jit: options.jit });
  return { machine: m.machine, bus: m.bus, exitStatus: () => m.htif?.exitStatus ?? null };
};

const x86Builder: BareMetalBuilder = (image, putChar, options) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = (require('../arch/x86_64/bare-metal') as typeof import('../arch/x86_64/bare-metal')).buildX86BareMetal(image, putChar, undefined, { jit: options.jit });
  return { machine: m.machine, bus: m.bus, exitStatus: () => m.htif?.exitStatus ?? null };
};

export interface ExecCliOptions {
  /** --gdb PORT and -S: the program under gdb (docs/debugging.md). */
  gdb?: string;
  waitGdb?: boolean;
  trace?: boolean;
  maxInstructions?: string;
  /** --cpu-vendor: amd, intel or host (x86_64 only). */
  cpuVendor?: string;
  /** --no-jit: the x86_64 core only interprets. */
  jit?: boolean;
}

export async function execElf(path: string, cli: ExecCliOptions): Promise<number> {
  let maxInstructions: number | null = null;
  if (cli.maxInstructions !== undefined) {
    maxInstructions = Number(cli.maxInstructions);
    if (!Number.isSafeInteger(maxInstructions) || maxInstructions < 0) {
      throw new UsageError(`invalid --max-instructions "${cli.maxInstructions}" (expected a whole number)`);
    }
  }
  const cpuVendor = resolveCpuVendor(cli.cpuVendor);
  let image: BareMetalImage;
  let arch: BareMetalArch;
  let linuxSign: string | null;
  try {
    ({ image, arch, linuxSign } = await readImage(path));
  } catch (error) {
    process.stderr.write(`jos exec: ${(error as Error).message}\n`);
    return STATUS_BAD_ELF;
  }
  if (linuxSign !== null) {
    process.stderr.write(
      `jos exec: ${path} is a Linux program (${linuxSign}; no tohost symbol), not a bare-metal ELF:\n` +
        `its system calls need the JOS kernel. Run it on a board instead:\n  ${runUnderKernelHint(path, arch.name)}\n`,
    );
    return STATUS_BAD_ELF;
  }
  if (cli.gdb !== undefined) {
    if (cli.trace || maxInstructions !== null) throw new UsageError('--gdb runs without --trace and --max-instructions (gdb steps and stops the program)');
    const port = parseGdbPort(cli.gdb);
    const parts = arch.build()(image, (byte) => process.stdout.write(String.fromCharCode(byte)), { jit: cli.jit !== false });
    return runBareMetalUnderGdb(parts, { port, waitForGdb: cli.waitGdb === true, name: path.slice(path.lastIndexOf('/') + 1), log: (line) => process.stderr.write(`jos: ${line}\n`) });
  }
  if (cli.waitGdb) throw new UsageError('-S/--wait-gdb needs --gdb PORT');
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    return await arch.load()(image, {
      trace: cli.trace === true,
      maxInstructions,
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      interrupted: () => interrupted,
      cpuVendor,
      jit: cli.jit !== false,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Reads and checks an ELF; throws with a message naming what is wrong. */
export async function readImage(path: string): Promise<{ image: BareMetalImage; arch: BareMetalArch; linuxSign: string | null }> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${systemErrorText(error)}`);
  }
  const file = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  if (file.length < 4 || bytes.readUInt32BE(0) !== 0x7f454c46) throw new Error(`${path} is not an ELF file`);
  let header: ElfHeader;
  let phdrs: ProgramHeader[];
  let symbols: Map<string, number>;
  let arch: BareMetalArch;
  try {
    const { header: h, reader } = readElfHeader(file);
    header = h;
    const found = BARE_METAL_RUNNERS.get(header.machine);
    if (!found) {
      const known = [...BARE_METAL_RUNNERS.values()].map((a) => a.name).join(', ');
      throw new ElfFormatError(`unsupported architecture (e_machine ${header.machine}); jos exec runs ${known}`);
    }
    arch = found;
    if (header.bits !== arch.bits) throw new ElfFormatError(`${header.bits}-bit ELF, but the ${arch.name} core runs ${arch.bits}-bit code`);
    phdrs = readProgramHeaders(reader, header);
    symbols = readSymbols(reader, header);
  } catch (error) {
    if (error instanceof ElfFormatError) throw new Error(`${path}: ${error.message}`);
    throw error;
  }
  const segments = phdrs
    .filter((s) => s.type === PT_LOAD && s.memsz > 0)
    .map((s) => {
      if (s.filesz > s.memsz) throw new Error(`${path}: segment ${s.index}: file size exceeds memory size`);
      if (s.offset > bytes.length || s.filesz > bytes.length - s.offset) throw new Error(`${path}: segment ${s.index} extends past the end of the file`);
      return {
        paddr: s.paddr,
        vaddr: s.vaddr,
        data: file.subarray(s.offset, s.offset + s.filesz),
        memsz: s.memsz,
      };
    });
  if (segments.length === 0) throw new Error(`${path}: no loadable segments`);
  const image: BareMetalImage = {
    path,
    machine: header.machine,
    bits: header.bits,
    entry: header.entry,
    segments,
    symbols,
  };
  return { image, arch, linuxSign: linuxProgramSign(header, phdrs, symbols) };
}
