/**
 * The x86_64 runner of `jos exec` (host/exec-command.ts): a bare core with
 * RAM from physical 0 covering the ELF's segments plus at least 16 MiB,
 * identity mapped by the firmware (harness/firmware.ts) and started at the
 * entry point in 64-bit ring 0 with the stack below the firmware area at the
 * top of RAM. Devices: the PC's 8259A pair (ports 0x20/0xA0) and 8254 PIT
 * (0x40-0x43, IRQ 0) for interrupt tests, the 0xE9 debug console, and HTIF
 * `tohost`/`fromhost` words as for RISC-V (1 = pass; odd v = exit v >> 1).
 */
import type { BareMetalImage, BareMetalOptions } from '../bare-metal';
import { MAX_BARE_METAL_RAM, STATUS_BAD_ELF, STATUS_INTERRUPTED, STATUS_MAX_INSTRUCTIONS } from '../bare-metal';
import { Bus } from '../../platform/bus/bus';
import { Clock } from '../../platform/clock/clock';
import { Machine } from '../../platform/machine';
import { PIC_MASTER_PORT, PIC_SLAVE_PORT, PicPair } from '../../platform/pc/pic-pair';
import { Pit8254 } from '../../platform/pc/pit8254';
import { Htif } from '../riscv/harness/htif';
import { X86Core, X86CoreOptions, hex64 } from './core';
import { CpuVendor, DEFAULT_CPU_VENDOR } from './cpu-model';
import { formatSlot } from './disasm';
import { DEBUG_PORT, DebugPort } from './harness/debug-port';
import { FIRMWARE_SIZE, enterLongMode } from './harness/firmware';
import { TripleFault } from './traps';

const MIN_RAM = 16 << 20;
const TWO_MIB = 1 << 21;
/** The pc board's nominal rate: 1 instruction per virtual nanosecond. */
const INSTRUCTIONS_PER_SECOND = 1_000_000_000;
const SLICE = 1 << 20;
const PIT_PORT = 0x40;
export const STATUS_TRIPLE_FAULT = 3;

export interface X86BareMetal {
  readonly core: X86Core;
  readonly bus: Bus;
  readonly clock: Clock;
  readonly machine: Machine;
  readonly htif: Htif | null;
  readonly ramSize: number;
}

/** Builds the machine and loads the image (exported for tests and bench). */
export function buildX86BareMetal(
  image: BareMetalImage,
  putChar: (byte: number) => void = () => {},
  vendor: CpuVendor = DEFAULT_CPU_VENDOR,
  coreOptions: X86CoreOptions = {},
): X86BareMetal {
  let lo = Infinity;
  let hi = 0;
  for (const s of image.segments) {
    lo = Math.min(lo, s.paddr);
    hi = Math.max(hi, s.paddr + s.memsz);
  }
  const needed = Math.max(hi + FIRMWARE_SIZE + (1 << 16), lo + MIN_RAM);
  const ramSize = Math.ceil(needed / TWO_MIB) * TWO_MIB;
  if (ramSize > MAX_BARE_METAL_RAM) throw new Error(`segments up to 0x${hi.toString(16)} need ${Math.ceil(ramSize / (1 << 20))} MiB of RAM from address 0; the limit is ${MAX_BARE_METAL_RAM >> 20} MiB`);
  const bus = new Bus(ramSize, 'open-bus');
  const clock = new Clock(INSTRUCTIONS_PER_SECOND);
  let core: X86Core | null = null;
  const htif = mapRamAndHtif(bus, ramSize, image, putChar, () => core?.requestStop());
  const pic = new PicPair();
  bus.mapPorts(PIC_MASTER_PORT, 2, pic.master);
  bus.mapPorts(PIC_SLAVE_PORT, 2, pic.slave);
  const pit = new Pit8254(clock, pic.lines[0]);
  bus.mapPorts(PIT_PORT, 4, pit);
  bus.mapPorts(DEBUG_PORT, 1, new DebugPort(putChar));
  for (const s of image.segments) {
    bus.u8.set(s.data, s.paddr);
    bus.u8.fill(0, s.paddr + s.data.length, s.paddr + s.memsz);
  }
  core = new X86Core(bus, coreOptions);
  core.vendor = vendor;
  core.readTime = () => clock.nowNs();
  core.connectInterrupts(pic);
  pic.connect(core);
  enterLongMode(core, ramSize, image.entry);
  const machine = new Machine(clock, core);
  return { core, bus, clock, machine, htif, ramSize };
}

function mapRamAndHtif(bus: Bus, size: number, image: BareMetalImage, putChar: (b: number) => void, stop: () => void): Htif | null {
  const tohost = image.symbols.get('tohost');
  if (tohost === undefined || tohost + 16 > size) {
    bus.mapRam('ram', 0, size, 0);
    return null;
  }
  const htif = new Htif(putChar, stop);
  const fromhost = image.symbols.get('fromhost');
  const holeEnd = fromhost === tohost + 8 ? tohost + 16 : tohost + 8;
  if (tohost > 0) bus.mapRam('ram', 0, tohost, 0);
  bus.mapRam('ram (after tohost)', holeEnd, size - holeEnd, holeEnd);
  bus.mapMmio(tohost, holeEnd - tohost, htif);
  return htif;
}

export async function runX86BareMetal(image: BareMetalImage, options: BareMetalOptions): Promise<number> {
  let m: X86BareMetal;
  try {
    m = buildX86BareMetal(image, (byte) => options.writeOut(String.fromCharCode(byte)), options.cpuVendor, {
      jit: options.jit !== false,
      jitThreshold: options.jitThreshold,
    });
  } catch (error) {
    options.writeErr(`jos exec: ${image.path}: ${(error as Error).message}\n`);
    return STATUS_BAD_ELF;
  }
  const { core, machine, htif } = m;
  if (options.trace) {
    core.trace = (c, slot) => options.writeOut(`${hex64(c.rip).padStart(18)}: ${formatSlot(c.d, slot, c.rip)}\n`);
  }
  const max = options.maxInstructions ?? Infinity;
  let slices = 0;
  for (;;) {
    if (htif?.exitStatus != null) return htif.exitStatus;
    if (core.retired >= max) {
      options.writeErr(`jos exec: stopped after ${core.retired} instructions (--max-instructions)\n`);
      return STATUS_MAX_INSTRUCTIONS;
    }
    if (options.interrupted()) return STATUS_INTERRUPTED;
    const budget = Math.min(SLICE, max - core.retired);
    let outcome: string;
    try {
      outcome = machine.step(budget);
    } catch (e) {
      if (!(e instanceof TripleFault)) throw e;
      options.writeErr(`jos exec: ${e.message} (no usable IDT entry; after ${core.retired} instructions)\n`);
      return STATUS_TRIPLE_FAULT;
    }
    if (outcome === 'idle') machine.jumpToNextEvent();
    if (outcome === 'stopped' && htif?.exitStatus == null) {
      options.writeErr(`jos exec: the core halted at ${hex64(core.rip)} with nothing left to wake it\n`);
      return 1;
    }
    if (++slices % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
