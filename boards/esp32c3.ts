/**
 * The esp32c3 board: an ESP32-C3-like RISC-V machine. The chip's SRAM at
 * its real addresses (IRAM 0x4037_C000, the DRAM alias 0x3FC8_0000), RTC
 * memory, UART0 and SYSTIMER at their real bases, plus what the chip lacks
 * and JOS needs: external RAM at 0x8000_0000 (docs/boards/esp32c3.md).
 */
import { ContainerModule, ResolutionContext } from 'inversify';
import { BOOT_INFO, BootInfo } from '../hal/boot-info';
import { CONSOLE } from '../hal/console';
import { MMIO } from '../hal/io';
import { TIMER } from '../hal/timer';
import { Esp32c3UartConsole } from '../kernel/drivers/esp32c3-uart';
import { SystimerTimer } from '../kernel/drivers/systimer';
import { Kernel } from '../kernel/kernel';
import { Bus, BusMmio } from '../platform/bus';
import { Clock } from '../platform/clock';
import { Esp32c3Uart } from '../platform/esp32c3/uart';
import { Systimer } from '../platform/esp32c3/systimer';
import { UNCONNECTED_IRQ } from '../platform/irq';
import { BUS, CLOCK, CONSOLE_UART } from '../platform/tokens';
import { BOARD_OPTIONS, BoardDefinition, BoardOptions } from './board';
import { loadBoot } from './boot-loader';

export const SRAM0_IRAM = 0x4037_c000; // 16 KiB, instruction bus only
export const SRAM1_IRAM = 0x4038_0000; // 384 KiB, also at SRAM1_DRAM
export const SRAM1_DRAM = 0x3fc8_0000;
export const RTC_RAM = 0x5000_0000;
export const EXTERNAL_RAM = 0x8000_0000;
export const UART0_BASE = 0x6000_0000;
export const SYSTIMER_BASE = 0x6002_3000;

const SRAM0_SIZE = 16 << 10;
const SRAM1_SIZE = 384 << 10;
const RTC_RAM_SIZE = 8 << 10;
const INTERNAL_BYTES = SRAM0_SIZE + SRAM1_SIZE + RTC_RAM_SIZE;
const PERIPHERAL_SIZE = 0x1000;
const INSTRUCTIONS_PER_SECOND = 160_000_000;

const UART0 = Symbol.for('jos.esp32c3.Uart0');
const SYSTIMER = Symbol.for('jos.esp32c3.Systimer');

function buildBus(ctx: ResolutionContext): Bus {
  const options = ctx.get<BoardOptions>(BOARD_OPTIONS);
  if (options.memoryBytes < 1 << 20) throw new Error('the esp32c3 board needs at least 1 MiB of external RAM');
  // One buffer: internal SRAM and RTC memory first, external RAM after.
  const bus = new Bus(INTERNAL_BYTES + options.memoryBytes, 'fault');
  bus.mapRam('sram0 (iram)', SRAM0_IRAM, SRAM0_SIZE, 0);
  bus.mapRam('sram1 (iram)', SRAM1_IRAM, SRAM1_SIZE, SRAM0_SIZE);
  bus.mapRam('sram1 (dram alias)', SRAM1_DRAM, SRAM1_SIZE, SRAM0_SIZE);
  bus.mapRam('rtc memory', RTC_RAM, RTC_RAM_SIZE, SRAM0_SIZE + SRAM1_SIZE);
  bus.mapRam('external ram', EXTERNAL_RAM, options.memoryBytes, INTERNAL_BYTES);
  bus.mapMmio(UART0_BASE, PERIPHERAL_SIZE, ctx.get<Esp32c3Uart>(UART0));
  bus.mapMmio(SYSTIMER_BASE, PERIPHERAL_SIZE, ctx.get<Systimer>(SYSTIMER));
  return bus;
}

function bootInfo(ctx: ResolutionContext): BootInfo {
  return loadBoot(ctx.get<Bus>(BUS), ctx.get<BoardOptions>(BOARD_OPTIONS), { board: 'esp32c3', cpuArch: 'riscv32', aliasBases: [SRAM1_DRAM] });
}

export const esp32c3Board: BoardDefinition = {
  name: 'esp32c3',
  description: 'ESP32-C3-like RISC-V board: UART0, SYSTIMER, external RAM',
  cpuArch: 'riscv32',
  instructionsPerSecond: INSTRUCTIONS_PER_SECOND,
  defaultMemoryBytes: 16 << 20,
  devices: ['uart0 (0x60000000)', 'systimer (0x60023000, 16 MHz, 52-bit)'],
  provides: [BOOT_INFO, CONSOLE, TIMER, MMIO],
  module: new ContainerModule(({ bind }) => {
    bind(CLOCK).toConstantValue(new Clock(INSTRUCTIONS_PER_SECOND));
    bind(UART0)
      .toDynamicValue((ctx) => new Esp32c3Uart('uart0', UNCONNECTED_IRQ, ctx.get(CLOCK)))
      .inSingletonScope();
    bind(CONSOLE_UART).toService(UART0);
    bind(SYSTIMER)
      .toDynamicValue((ctx) => new Systimer(ctx.get(CLOCK)))
      .inSingletonScope();
    bind(BUS).toDynamicValue(buildBus).inSingletonScope();
    bind(MMIO)
      .toDynamicValue((ctx) => new BusMmio(ctx.get(BUS)))
      .inSingletonScope();
    bind(CONSOLE)
      .toDynamicValue((ctx) => new Esp32c3UartConsole(ctx.get(MMIO), UART0_BASE))
      .inSingletonScope();
    bind(TIMER)
      .toDynamicValue((ctx) => new SystimerTimer(ctx.get(MMIO), SYSTIMER_BASE))
      .inSingletonScope();
    bind(BOOT_INFO).toDynamicValue(bootInfo).inSingletonScope();
    bind(Kernel).toSelf().inSingletonScope();
  }),
};
