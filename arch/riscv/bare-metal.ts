/**
 * The RISC-V runner of `jos exec` (host/exec-command.ts): an rv32imac hart
 * with M, S and U modes and the standard interrupt model, RAM covering the
 * ELF's segments (at least 16 MiB from the lowest), a CLINT at 0x0200_0000
 * and HTIF at the `tohost`/`fromhost` symbols, started at the entry point
 * in M-mode — what `qemu-system-riscv32 -M spike -bios none -kernel` and
 * Spike give a bare-metal test.
 */
import type { BareMetalImage, BareMetalOptions } from '../bare-metal';
import { MAX_BARE_METAL_RAM, STATUS_BAD_ELF, STATUS_INTERRUPTED, STATUS_MAX_INSTRUCTIONS } from '../bare-metal';
import { Bus } from '../../platform/bus';
import { Clock } from '../../platform/clock';
import { Machine } from '../../platform/machine';
import { RiscvCore } from './core';
import { CLINT_BASE, CLINT_SIZE, Clint } from './harness/clint';
import { Htif } from './harness/htif';
import { Tracer } from './trace';

const MIN_RAM = 16 << 20;
const PAGE = 4096;
/** Nominal rate for virtual time (the CLINT's mtime derives from it). */
const INSTRUCTIONS_PER_SECOND = 100_000_000;
const SLICE = 1 << 20;
/** Traps in a row with no instruction retired that count as a livelock (a
 * fault whose handler address faults too): the run ends with a message. */
const STUCK_TRAPS = 100_000;

export interface BareMetalMachine {
  readonly core: RiscvCore;
  readonly bus: Bus;
  readonly clock: Clock;
  readonly machine: Machine;
  readonly htif: Htif | null;
}

/** Builds the machine and loads the image (exported for tests and bench). */
export function buildBareMetal(
  image: BareMetalImage,
  putChar: (byte: number) => void = () => {},
  tier: { jit?: boolean; jitThreshold?: number; jitBackend?: 'js' | 'wasm' } = {},
): BareMetalMachine {
  let lo = Infinity;
  let hi = 0;
  for (const s of image.segments) {
    lo = Math.min(lo, s.paddr);
    hi = Math.max(hi, s.paddr + s.memsz);
  }
  const base = lo - (lo % PAGE);
  const size = Math.max(MIN_RAM, Math.ceil((hi - base) / PAGE) * PAGE);
  if (base + size > 0x1_0000_0000) throw new Error(`segments [0x${lo.toString(16)}, 0x${hi.toString(16)}) do not fit a 32-bit address space`);
  if (size > MAX_BARE_METAL_RAM) throw new Error(`segments span ${Math.ceil(size / (1 << 20))} MiB from 0x${base.toString(16)}; the limit is ${MAX_BARE_METAL_RAM >> 20} MiB`);
  const bus = new Bus(size, 'fault');
  const clock = new Clock(INSTRUCTIONS_PER_SECOND);
  let core: RiscvCore | null = null;
  const htif = mapRamAndHtif(bus, base, size, image, putChar, () => core?.requestStop());
  const clint = new Clint(clock);
  if (CLINT_BASE + CLINT_SIZE <= base || CLINT_BASE >= base + size) bus.mapMmio(CLINT_BASE, CLINT_SIZE, clint);
  for (const s of image.segments) {
    bus.u8.set(s.data, s.paddr - base);
    bus.u8.fill(0, s.paddr - base + s.data.length, s.paddr - base + s.memsz);
  }
  core = new RiscvCore(bus, {
    extensions: 'mac',
    supervisor: true,
    user: true,
    interruptModel: 'standard',
    resetPc: image.entry,
    readTime: () => clint.mtime(),
    jit: tier.jit,
    jitThreshold: tier.jitThreshold,
    jitBackend: tier.jitBackend,
  });
  clint.target = core;
  const machine = new Machine(clock, core);
  return { core, bus, clock, machine, htif };
}

/** RAM over [base, base+size), except the HTIF words, which are MMIO. */
function mapRamAndHtif(bus: Bus, base: number, size: number, image: BareMetalImage, putChar: (b: number) => void, stop: () => void): Htif | null {
  const tohost = image.symbols.get('tohost');
  if (tohost === undefined) {
    bus.mapRam('ram', base, size, 0);
    return null;
  }
  const htif = new Htif(putChar, stop);
  const fromhost = image.symbols.get('fromhost');
  const holeEnd = fromhost === tohost + 8 ? tohost + 16 : tohost + 8;
  if (tohost >= base && holeEnd <= base + size) {
    if (tohost > base) bus.mapRam('ram', base, tohost - base, 0);
    if (holeEnd < base + size) bus.mapRam('ram (after tohost)', holeEnd, base + size - holeEnd, holeEnd - base);
  } else {
    bus.mapRam('ram', base, size, 0);
  }
  bus.mapMmio(tohost, holeEnd - tohost, htif);
  return htif;
}

export async function runRiscvBareMetal(image: BareMetalImage, options: BareMetalOptions): Promise<number> {
  let m: BareMetalMachine;
  try {
    m = buildBareMetal(image, (byte) => options.writeOut(String.fromCharCode(byte)));
  } catch (error) {
    options.writeErr(`jos exec: ${image.path}: ${(error as Error).message}\n`);
    return STATUS_BAD_ELF;
  }
  const { core, machine, htif } = m;
  const tracer = options.trace ? new Tracer(core, options.writeOut) : null;
  const max = options.maxInstructions ?? Infinity;
  let slices = 0;
  let progressRetired = core.retired;
  let progressTraps = core.traps;
  for (;;) {
    if (htif?.exitStatus != null) return htif.exitStatus;
    if (core.retired >= max) {
      options.writeErr(`jos exec: stopped after ${core.retired} instructions (--max-instructions)\n`);
      return STATUS_MAX_INSTRUCTIONS;
    }
    if (options.interrupted()) return STATUS_INTERRUPTED;
    const budget = Math.min(tracer ? 1 : SLICE, max - core.retired);
    const outcome = tracer ? tracer.step(machine, budget) : machine.step(budget);
    if (outcome === 'idle') machine.jumpToNextEvent();
    if (core.retired !== progressRetired) {
      progressRetired = core.retired;
      progressTraps = core.traps;
    } else if (core.traps - progressTraps > STUCK_TRAPS) {
      options.writeErr(`jos exec: the hart is stuck taking traps without retiring an instruction (mcause ${core.mcause >>> 0}, mepc 0x${(core.mepc >>> 0).toString(16)}, pc 0x${core.pc.toString(16)})\n`);
      return 1;
    }
    if (outcome === 'stopped' && htif?.exitStatus == null) {
      options.writeErr(`jos exec: the hart waits for an interrupt (wfi at 0x${core.pc.toString(16)}) and nothing can raise one\n`);
      return 1;
    }
    // Let Ctrl-C through now and then.
    if (++slices % (tracer ? 4096 : 16) === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
