/**
 * `jos exec FILE.elf`: runs a bare-metal ELF on a bare core, no board, no
 * kernel. The ELF header's e_machine picks the core from BARE_METAL_RUNNERS
 * (one entry per architecture, each in arch/<isa>/bare-metal.ts); the
 * runner maps RAM over the segments, starts at the entry point in its most
 * privileged mode and honours `tohost` the way Spike does.
 *
 * Exit status: the guest's (tohost), 124 when --max-instructions is hit,
 * 130 on Ctrl-C, 2 for an unreadable or unsupported ELF or a Linux program
 * (host/linux-program.ts: the message says how to `jos run` it), 1 when the core
 * can never make progress (a wait with nothing to wake it, a trap loop).
 */
import * as fs from 'fs';
import { ELF, ELFSymbolSection, ProgramHeaderEntryType, SectionHeaderEntryType, open } from 'elfinfo';
import type { BareMetalImage, BareMetalOptions, BareMetalRunner } from '../arch/bare-metal';
import { STATUS_BAD_ELF, STATUS_INTERRUPTED, STATUS_MAX_INSTRUCTIONS } from '../arch/bare-metal';
import { resolveCpuVendor } from './host-cpu';
import { linuxProgramSign, runUnderKernelHint } from './linux-program';
import { UsageError } from './usage-error';
import { systemErrorText } from './system-error';
import { BareMachineParts, runBareMetalUnderGdb } from './gdb/exec-gdb';
import { parseGdbPort } from './gdb/gdb-stub';

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

export const EM_X86_64 = 62;
export const EM_RISCV = 243;

/** The per-architecture table: add one entry per core. */
export const BARE_METAL_RUNNERS: ReadonlyMap<number, BareMetalArch> = new Map<number, BareMetalArch>([
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  [EM_RISCV, { name: 'riscv32', bits: 32, load: () => require('../arch/riscv/bare-metal').runRiscvBareMetal, build: () => riscvBuilder }],
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  [EM_X86_64, { name: 'x86_64', bits: 64, load: () => require('../arch/x86_64/bare-metal').runX86BareMetal, build: () => x86Builder }],
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
  if (bytes.length < 52 || bytes.readUInt32BE(0) !== 0x7f454c46) throw new Error(`${path} is not an ELF file`);
  const parsed = await open(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  if (!parsed.success || !parsed.elf) throw new Error(`${path}: malformed ELF (${parsed.errors.join('; ') || 'unknown error'})`);
  const elf: ELF = parsed.elf;
  const arch = BARE_METAL_RUNNERS.get(elf.isa);
  if (!arch) {
    const known = [...BARE_METAL_RUNNERS.values()].map((a) => a.name).join(', ');
    throw new Error(`${path}: unsupported architecture ${elf.isaDescription} (e_machine ${elf.isa}); jos exec runs ${known}`);
  }
  if (elf.bits !== arch.bits) throw new Error(`${path}: ${elf.bits}-bit ELF, but the ${arch.name} core runs ${arch.bits}-bit code`);
  if (elf.data !== 1) throw new Error(`${path}: big-endian ELF; ${arch.name} is little-endian`);
  const segments = elf.segments
    .filter((s) => s.type === ProgramHeaderEntryType.Load && s.memsz > 0)
    .map((s) => {
      if (s.offset + s.filesz > bytes.length) throw new Error(`${path}: segment ${s.index} extends past the end of the file`);
      return {
        paddr: Number(s.paddr),
        vaddr: Number(s.vaddr),
        data: new Uint8Array(bytes.buffer, bytes.byteOffset + s.offset, s.filesz),
        memsz: s.memsz,
      };
    });
  if (segments.length === 0) throw new Error(`${path}: no loadable segments`);
  const symbols = new Map<string, number>();
  for (const section of elf.sections) {
    if (section.type !== SectionHeaderEntryType.SymTab) continue;
    for (const sym of (section as ELFSymbolSection).symbols ?? []) {
      if (sym.name && !symbols.has(sym.name)) symbols.set(sym.name, Number(sym.value));
    }
  }
  const image: BareMetalImage = {
    path,
    machine: elf.isa,
    bits: elf.bits as 32 | 64,
    entry: Number(elf.entryPoint),
    segments,
    symbols,
  };
  return { image, arch, linuxSign: linuxProgramSign(elf, symbols) };
}
