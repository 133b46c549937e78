/**
 * The pc board: an x86_64 PC (docs/boards/pc.md). RAM from 0 with the
 * legacy hole at 0xA0000-0xFFFFF (VGA memory and the BIOS area); the AT's
 * devices at their ports: 8259A pair (0x20, 0xA0), 8254 PIT (0x40, port B
 * 0x61), 8042 + PS/2 keyboard (0x60, 0x64), CMOS RTC (0x70), VGA
 * (0x3B0-0x3DF, 0xA0000), COM1 16550 (0x3F8), ATA primary (0x1F0, 0x3F6);
 * the HPET at 0xFED0_0000 in legacy replacement routing. Interrupts: IRQ 0
 * PIT/HPET 0, 1 keyboard, 2 cascade, 4 COM1, 8 RTC/HPET 1, 14 ATA.
 */
import { ContainerModule, ResolutionContext } from 'inversify';
import { BLOCK_DEVICE } from '../hal/block-device';
import { BOOT_INFO, BootInfo } from '../hal/boot-info';
import { CPU } from '../hal/cpu';
import { ADDRESS_SPACE_FACTORY } from '../hal/address-space';
import { TRAP_HOST } from '../hal/trap';
import type { X86Core } from '../arch/x86_64/core';
import { X86KernelSupport, x86KernelSupport } from '../arch/x86_64/supervisor';
import { CONSOLE } from '../hal/console';
import { DISPLAY } from '../hal/display';
import { INTERRUPT_CONTROLLER } from '../hal/interrupts';
import { MMIO, PORT_IO } from '../hal/io';
import { KEYBOARD } from '../hal/keyboard';
import { RTC } from '../hal/rtc';
import { TIMER } from '../hal/timer';
import { AtaDisk } from '../kernel/drivers/ata';
import { CmosRtcClock } from '../kernel/drivers/cmos-rtc';
import { HpetTimer } from '../kernel/drivers/hpet';
import { Pic8259Controller } from '../kernel/drivers/pic8259';
import { Ps2KeyboardDriver } from '../kernel/drivers/ps2-keyboard';
import { Uart16550Console } from '../kernel/drivers/uart16550';
import { VgaDisplay } from '../kernel/drivers/vga';
import { Kernel } from '../kernel/kernel';
import { buildPcCore } from '../arch/x86_64/pc-core';
import { Bus, BusMmio, BusPortIo } from '../platform/bus';
import { Clock, registerAccessCost } from '../platform/clock';
import { AtaChannel, ATA_PRIMARY_COMMAND, ATA_PRIMARY_CONTROL } from '../platform/pc/ata';
import { CmosRtc, parseRtcSeed } from '../platform/pc/cmos-rtc';
import { Hpet } from '../platform/pc/hpet';
import { PicPair, PIC_ELCR_PORT, PIC_MASTER_PORT, PIC_SLAVE_PORT } from '../platform/pc/pic-pair';
import { Pit8254 } from '../platform/pc/pit8254';
import { Ps2Controller, PS2_DATA_PORT, PS2_STATUS_PORT } from '../platform/pc/ps2-controller';
import { Ps2Keyboard } from '../platform/pc/ps2-keyboard';
import { DISK_SLOT } from '../platform/pc/sector-store';
import { Uart16550 } from '../platform/pc/uart16550';
import { Vga, VGA_MEMORY_BASE, VGA_MEMORY_SIZE, VGA_PORT_BASE, VGA_PORT_COUNT } from '../platform/pc/vga';
import { SCREEN } from '../platform/screen';
import { BUS, CLOCK, CONSOLE_UART } from '../platform/tokens';
import { BOARD_OPTIONS, BoardDefinition, BoardOptions } from './board';
import { loadBoot } from './boot-loader';

const COM1 = 0x3f8;
const PIT_PORT = 0x40;
const PORT_B = 0x61;
const RTC_PORT = 0x70;
const HPET_BASE = 0xfed0_0000;
const HPET_SIZE = 0x400;
const LOW_RAM_END = 0xa_0000;
const HIGH_RAM_START = 0x10_0000;
const INSTRUCTIONS_PER_SECOND = 1_000_000_000;
/** Virtual time per kernel register access: an in/out crosses to the
 * legacy I/O bus (about a microsecond on PC chipsets); a memory-mapped
 * device register (HPET, VGA memory) is a few hundred nanoseconds. */
const PORT_ACCESS_NS = 1000;
export const MMIO_ACCESS_NS = 250;

/** ISA IRQ numbers (PC/AT wiring). */
export const IRQ_TIMER = 0;
export const IRQ_KEYBOARD = 1;
export const IRQ_COM1 = 4;
export const IRQ_RTC = 8;
export const IRQ_ATA_PRIMARY = 14;
/** PIC inputs the HPET's Tn_INT_ROUTE_CNF may name besides legacy routing:
 * the ISA lines nothing else on this board drives. */
const HPET_FREE_ROUTES = [9, 10, 11];

// Device tokens of this board (the kernel never sees them).
/** The 8259A pair: the CPU's INTR/INTA (a VectoredInterruptSource). */
export const PIC = Symbol.for('jos.pc.Pic');
export const PIT = Symbol.for('jos.pc.Pit');
export const HPET = Symbol.for('jos.pc.Hpet');
export const CMOS_RTC = Symbol.for('jos.pc.CmosRtc');
export const PS2 = Symbol.for('jos.pc.Ps2Controller');
export const VGA = Symbol.for('jos.pc.Vga');
export const ATA = Symbol.for('jos.pc.AtaPrimary');
const UART = Symbol.for('jos.pc.Uart16550');
/** Same key as host/keyboard/keyboard-session.ts: raw set 1 bytes in. */
const KEYBOARD_SCANCODES = Symbol.for('jos.platform.KeyboardScancodes');

function buildBus(ctx: ResolutionContext): Bus {
  const options = ctx.get<BoardOptions>(BOARD_OPTIONS);
  if (options.memoryBytes < 2 * HIGH_RAM_START) throw new Error('the pc board needs at least 2 MiB of RAM');
  const bus = new Bus(options.memoryBytes, 'open-bus');
  bus.mapRam('low memory', 0, LOW_RAM_END, 0);
  bus.mapRam('extended memory', HIGH_RAM_START, options.memoryBytes - HIGH_RAM_START, HIGH_RAM_START);
  const pic = ctx.get<PicPair>(PIC);
  bus.mapPorts(PIC_MASTER_PORT, 2, pic.master);
  bus.mapPorts(PIC_SLAVE_PORT, 2, pic.slave);
  bus.mapPorts(PIC_ELCR_PORT, 2, pic.elcr);
  const pit = ctx.get<Pit8254>(PIT);
  bus.mapPorts(PIT_PORT, 4, pit);
  bus.mapPorts(PORT_B, 1, pit.systemControl);
  const ps2 = ctx.get<Ps2Controller>(PS2);
  bus.mapPorts(PS2_DATA_PORT, 1, ps2);
  bus.mapPorts(PS2_STATUS_PORT, 1, ps2.statusPort);
  bus.mapPorts(RTC_PORT, 2, ctx.get<CmosRtc>(CMOS_RTC));
  const ata = ctx.get<AtaChannel>(ATA);
  bus.mapPorts(ATA_PRIMARY_COMMAND, 8, ata);
  bus.mapPorts(ATA_PRIMARY_CONTROL, 1, ata.controlBlock);
  const vga = ctx.get<Vga>(VGA);
  bus.mapPorts(VGA_PORT_BASE, VGA_PORT_COUNT, vga);
  bus.mapMmio(VGA_MEMORY_BASE, VGA_MEMORY_SIZE, vga.memory);
  bus.mapPorts(COM1, 8, ctx.get<Uart16550>(UART));
  bus.mapMmio(HPET_BASE, HPET_SIZE, ctx.get<Hpet>(HPET));
  return bus;
}

function bootInfo(ctx: ResolutionContext): BootInfo {
  return loadBoot(ctx.get<Bus>(BUS), ctx.get<BoardOptions>(BOARD_OPTIONS), { board: 'pc', cpuArch: 'x86_64' });
}

/** The RTC's starting date: --rtc, else the boot loader's boot time, else now. */
function rtcSeed(options: BoardOptions): number {
  if (options.rtc !== undefined) return parseRtcSeed(options.rtc);
  return options.bootEpochSeconds ?? Math.floor(Date.now() / 1000);
}

const X86_KERNEL_SUPPORT = Symbol.for('jos.pc.X86KernelSupport');

export const pcBoard: BoardDefinition = {
  name: 'pc',
  description: 'x86_64 PC: 8259A PIC pair, PIT, HPET, CMOS RTC, PS/2 keyboard, VGA, ATA disk, 16550 COM1',
  cpuArch: 'x86_64',
  instructionsPerSecond: INSTRUCTIONS_PER_SECOND,
  defaultMemoryBytes: 64 << 20,
  memoryRange: {
    minBytes: 16 << 20,
    maxBytes: 4064 * 2 ** 20,
    reason: "RAM is one block from address 0, less the legacy hole at 0xA0000, and ends below 0xFE000000, where a PC's chipset devices start (the HPET at 0xFED00000); the boot archive (about 4 MiB of programs) must fit in half of RAM beside the kernel, hence 16 MiB at least",
  },
  devices: [
    '8259A PIC pair (ports 0x20, 0xa0; vectors 0x20-0x2f after the kernel remaps them)',
    '8254 PIT (ports 0x40-0x43, port B 0x61; 1.193182 MHz, IRQ 0)',
    'hpet (0xfed00000, 100 MHz, 3 comparators, legacy replacement: IRQ 0 / IRQ 8)',
    'cmos rtc (ports 0x70-0x71, IRQ 8)',
    '8042 + ps/2 keyboard (ports 0x60, 0x64; scancode set 1, IRQ 1)',
    'vga (ports 0x3b0-0x3df, memory 0xa0000-0xbffff; 80x25 text, mode 13h)',
    'ata primary master (ports 0x1f0-0x1f7, 0x3f6; PIO, LBA28/48, IRQ 14)',
    'uart16550 COM1 (ports 0x3f8-0x3ff, IRQ 4)',
  ],
  provides: [CPU, TRAP_HOST, ADDRESS_SPACE_FACTORY, BOOT_INFO, CONSOLE, TIMER, MMIO, PORT_IO, INTERRUPT_CONTROLLER, KEYBOARD, DISPLAY, BLOCK_DEVICE, RTC],
  powerController: { space: 'port', address: 0x604 },
  module: new ContainerModule(({ bind }) => {
    // ---- time ----
    bind(CLOCK).toConstantValue(new Clock(INSTRUCTIONS_PER_SECOND));

    // ---- CPU: the core is bound here (its INTR/INTA is the PIC token) ----
    bind(CPU)
      .toDynamicValue((ctx) => buildPcCore(ctx.get<Bus>(BUS), ctx.get<PicPair>(PIC), ctx.get<Clock>(CLOCK), ctx.get<BoardOptions>(BOARD_OPTIONS).cpuVendor, { jit: ctx.get<BoardOptions>(BOARD_OPTIONS).jit, jitBackend: ctx.get<BoardOptions>(BOARD_OPTIONS).jitBackend }))
      .inSingletonScope();
    bind(X86_KERNEL_SUPPORT)
      .toDynamicValue((ctx) => x86KernelSupport(ctx.get<X86Core>(CPU), ctx.get<Bus>(BUS)))
      .inSingletonScope();
    bind(TRAP_HOST).toDynamicValue((ctx) => ctx.get<X86KernelSupport>(X86_KERNEL_SUPPORT).trapHost);
    bind(ADDRESS_SPACE_FACTORY).toDynamicValue((ctx) => ctx.get<X86KernelSupport>(X86_KERNEL_SUPPORT).spaces);

    // ---- devices, with their interrupt lines into the PIC pair ----
    bind(PIC).toConstantValue(new PicPair());
    bind(HPET)
      .toDynamicValue((ctx) => {
        const pic = ctx.get<PicPair>(PIC);
        const routes: PicPair['lines'][number][] = [];
        for (const irq of HPET_FREE_ROUTES) routes[irq] = pic.lines[irq];
        return new Hpet(ctx.get(CLOCK), { irq0: pic.lines[IRQ_TIMER], irq8: pic.lines[IRQ_RTC], routes });
      })
      .inSingletonScope();
    // The PIT's OUT0 and the RTC's IRQ reach the PIC through the HPET's
    // legacy replacement switch.
    bind(PIT)
      .toDynamicValue((ctx) => new Pit8254(ctx.get(CLOCK), ctx.get<Hpet>(HPET).pitInput))
      .inSingletonScope();
    bind(CMOS_RTC)
      .toDynamicValue((ctx) => {
        const options = ctx.get<BoardOptions>(BOARD_OPTIONS);
        const rtc = new CmosRtc(ctx.get(CLOCK), ctx.get<Hpet>(HPET).rtcInput, rtcSeed(options));
        rtc.recordMemory(LOW_RAM_END / 1024, options.memoryBytes); // as the firmware would
        return rtc;
      })
      .inSingletonScope();
    bind(PS2)
      .toDynamicValue((ctx) => new Ps2Controller(new Ps2Keyboard(), ctx.get<PicPair>(PIC).lines[IRQ_KEYBOARD]))
      .inSingletonScope();
    bind(VGA)
      .toDynamicValue((ctx) => new Vga(ctx.get(CLOCK)))
      .inSingletonScope();
    bind(ATA)
      .toDynamicValue((ctx) => new AtaChannel(ctx.get(CLOCK), ctx.get<PicPair>(PIC).lines[IRQ_ATA_PRIMARY]))
      .inSingletonScope();
    bind(UART)
      .toDynamicValue((ctx) => new Uart16550('com1', ctx.get<PicPair>(PIC).lines[IRQ_COM1], ctx.get(CLOCK)))
      .inSingletonScope();
    bind(BUS).toDynamicValue(buildBus).inSingletonScope();

    // ---- what the host attaches to ----
    bind(CONSOLE_UART).toService(UART);
    bind(SCREEN).toService(VGA);
    bind(DISK_SLOT).toService(ATA);
    bind(KEYBOARD_SCANCODES).toService(PS2);

    // ---- kernel drivers behind the HAL tokens ----
    // The kernel's register accesses take virtual time (docs/clock.md).
    bind(MMIO)
      .toDynamicValue((ctx) => new BusMmio(ctx.get(BUS), registerAccessCost(ctx.get<Clock>(CLOCK)), MMIO_ACCESS_NS))
      .inSingletonScope();
    bind(PORT_IO)
      .toDynamicValue((ctx) => new BusPortIo(ctx.get(BUS), registerAccessCost(ctx.get<Clock>(CLOCK)), PORT_ACCESS_NS))
      .inSingletonScope();
    bind(CONSOLE)
      .toDynamicValue((ctx) => new Uart16550Console(ctx.get(PORT_IO), COM1))
      .inSingletonScope();
    bind(INTERRUPT_CONTROLLER)
      .toDynamicValue((ctx) => new Pic8259Controller(ctx.get(PORT_IO)))
      .inSingletonScope();
    bind(TIMER)
      .toDynamicValue((ctx) => new HpetTimer(ctx.get(MMIO), HPET_BASE))
      .inSingletonScope();
    bind(RTC)
      .toDynamicValue((ctx) => new CmosRtcClock(ctx.get(PORT_IO)))
      .inSingletonScope();
    bind(KEYBOARD)
      .toDynamicValue((ctx) => new Ps2KeyboardDriver(ctx.get(PORT_IO)))
      .inSingletonScope();
    bind(DISPLAY)
      .toDynamicValue((ctx) => new VgaDisplay(ctx.get(PORT_IO), ctx.get(MMIO)))
      .inSingletonScope();
    bind(BLOCK_DEVICE)
      .toDynamicValue((ctx) => new AtaDisk(ctx.get(PORT_IO)))
      .inSingletonScope();
    bind(BOOT_INFO).toDynamicValue(bootInfo).inSingletonScope();
    bind(Kernel).toSelf().inSingletonScope();
  }),
};
