/**
 * The pc board: an x86_64 PC. RAM from 0 with the legacy hole at
 * 0xA0000-0xFFFFF (VGA memory and the BIOS area), COM1 16550 on ports
 * 0x3F8-0x3FF, the HPET at 0xFED0_0000.
 */
import { ContainerModule, ResolutionContext } from 'inversify';
import { BOOT_INFO, BootInfo } from '../hal/boot-info';
import { CONSOLE } from '../hal/console';
import { MMIO, PORT_IO } from '../hal/io';
import { TIMER } from '../hal/timer';
import { HpetTimer } from '../kernel/drivers/hpet';
import { Uart16550Console } from '../kernel/drivers/uart16550';
import { Kernel } from '../kernel/kernel';
import { Bus, BusMmio, BusPortIo } from '../platform/bus';
import { Clock } from '../platform/clock';
import { UNCONNECTED_IRQ } from '../platform/irq';
import { Hpet } from '../platform/pc/hpet';
import { Uart16550 } from '../platform/pc/uart16550';
import { BUS, CLOCK, CONSOLE_UART } from '../platform/tokens';
import { BOARD_OPTIONS, BoardDefinition, BoardOptions } from './board';
import { loadBoot } from './boot-loader';

const COM1 = 0x3f8;
const HPET_BASE = 0xfed0_0000;
const LOW_RAM_END = 0xa_0000;
const HIGH_RAM_START = 0x10_0000;
const INSTRUCTIONS_PER_SECOND = 1_000_000_000;

const UART = Symbol.for('jos.pc.Uart16550');
const HPET = Symbol.for('jos.pc.Hpet');

function buildBus(ctx: ResolutionContext): Bus {
  const options = ctx.get<BoardOptions>(BOARD_OPTIONS);
  if (options.memoryBytes < 2 * HIGH_RAM_START) throw new Error('the pc board needs at least 2 MiB of RAM');
  const bus = new Bus(options.memoryBytes, 'open-bus');
  bus.mapRam('low memory', 0, LOW_RAM_END, 0);
  bus.mapRam('extended memory', HIGH_RAM_START, options.memoryBytes - HIGH_RAM_START, HIGH_RAM_START);
  bus.mapPorts(COM1, 8, ctx.get<Uart16550>(UART));
  bus.mapMmio(HPET_BASE, 0x400, ctx.get<Hpet>(HPET));
  return bus;
}

function bootInfo(ctx: ResolutionContext): BootInfo {
  return loadBoot(ctx.get<Bus>(BUS), ctx.get<BoardOptions>(BOARD_OPTIONS), { board: 'pc', cpuArch: 'x86_64' });
}

export const pcBoard: BoardDefinition = {
  name: 'pc',
  description: 'x86_64 PC: 16550 COM1, HPET',
  cpuArch: 'x86_64',
  instructionsPerSecond: INSTRUCTIONS_PER_SECOND,
  defaultMemoryBytes: 64 << 20,
  devices: ['uart16550 COM1 (ports 0x3f8-0x3ff)', 'hpet (0xfed00000, 100 MHz, 3 comparators)'],
  provides: [BOOT_INFO, CONSOLE, TIMER, MMIO, PORT_IO],
  module: new ContainerModule(({ bind }) => {
    bind(CLOCK).toConstantValue(new Clock(INSTRUCTIONS_PER_SECOND));
    bind(UART)
      .toDynamicValue((ctx) => new Uart16550('com1', UNCONNECTED_IRQ, ctx.get(CLOCK)))
      .inSingletonScope();
    bind(CONSOLE_UART).toService(UART);
    bind(HPET)
      .toDynamicValue((ctx) => new Hpet(ctx.get(CLOCK)))
      .inSingletonScope();
    bind(BUS).toDynamicValue(buildBus).inSingletonScope();
    bind(MMIO)
      .toDynamicValue((ctx) => new BusMmio(ctx.get(BUS)))
      .inSingletonScope();
    bind(PORT_IO)
      .toDynamicValue((ctx) => new BusPortIo(ctx.get(BUS)))
      .inSingletonScope();
    bind(CONSOLE)
      .toDynamicValue((ctx) => new Uart16550Console(ctx.get(PORT_IO), COM1))
      .inSingletonScope();
    bind(TIMER)
      .toDynamicValue((ctx) => new HpetTimer(ctx.get(MMIO), HPET_BASE))
      .inSingletonScope();
    bind(BOOT_INFO).toDynamicValue(bootInfo).inSingletonScope();
    bind(Kernel).toSelf().inSingletonScope();
  }),
};
