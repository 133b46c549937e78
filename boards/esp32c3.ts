/**
 * The esp32c3 board: an ESP32-C3-like RISC-V machine. The chip's SRAM at
 * its real addresses (IRAM 0x4037_C000, the DRAM alias 0x3FC8_0000), RTC
 * memory and its peripherals at their real bases: UART0 (console), UART1
 * (typed keys), SPI1 + a 16 MiB SPI flash (the disk), GPIO (buttons, the
 * LCD's D/C), SYSTIMER, GP-SPI2 + an ST7789 320x240 LCD fed by GDMA, and
 * the interrupt matrix every device's interrupt goes through. Plus what the
 * chip lacks and JOS needs: external RAM at 0x8000_0000
 * (docs/boards/esp32c3.md).
 */
import { ContainerModule, ResolutionContext } from 'inversify';
import { BLOCK_DEVICE } from '../hal/block-device';
import { RiscvCore } from '../arch/riscv/core';
import { RiscvKernelSupport, riscvKernelSupport } from '../arch/riscv/supervisor';
import { ADDRESS_SPACE_FACTORY } from '../hal/address-space';
import { BOOT_INFO, BootInfo, MemoryRange } from '../hal/boot-info';
import { CPU } from '../hal/cpu';
import { TRAP_HOST } from '../hal/trap';
import { CONSOLE } from '../hal/console';
import { DISPLAY } from '../hal/display';
import { INTERRUPT_CONTROLLER } from '../hal/interrupts';
import { MMIO } from '../hal/io';
import { PHYSICAL_MEMORY } from '../hal/physical-memory';
import { KEYBOARD } from '../hal/keyboard';
import { TIMER } from '../hal/timer';
import { Esp32c3Keyboard } from '../kernel/drivers/esp32c3-keyboard';
import { Esp32c3UartConsole } from '../kernel/drivers/esp32c3-uart';
import { InterruptMatrixController } from '../kernel/drivers/intmatrix';
import { SpiFlashBlockDevice } from '../kernel/drivers/spi-flash';
import { LCD_FRAME_BYTES, St7789Display } from '../kernel/drivers/st7789-lcd';
import { SystimerTimer } from '../kernel/drivers/systimer';
import { Kernel } from '../kernel/kernel';
import { Bus, BusMmio } from '../platform/bus';
import { Clock, registerAccessCost } from '../platform/clock';
import { Gdma } from '../platform/esp32c3/gdma';
import { Esp32c3Gpio } from '../platform/esp32c3/gpio';
import * as SRC from '../platform/esp32c3/intmatrix';
import { InterruptMatrix } from '../platform/esp32c3/intmatrix';
import { GpioKeypad } from '../platform/esp32c3/keypad';
import { SpiFlashChip } from '../platform/esp32c3/spi-flash-chip';
import { SpiMem } from '../platform/esp32c3/spi-mem';
import { Spi2 } from '../platform/esp32c3/spi2';
import { St7789 } from '../platform/esp32c3/st7789';
import type { DeviceLog } from '../platform/esp32c3/unmodelled';
import { Systimer } from '../platform/esp32c3/systimer';
import { Esp32c3Uart } from '../platform/esp32c3/uart';
import { SCREEN } from '../platform/screen';
import { BUS, CLOCK, CONSOLE_UART } from '../platform/tokens';
import { BOARD_OPTIONS, BoardDefinition, BoardOptions } from './board';
import { loadBoot } from './boot-loader';
import { ESP32C3_FLASH, ESP32C3_KEYBOARD_UART, ESP32C3_KEYPAD } from './esp32c3-tokens';

export { ESP32C3_FLASH, ESP32C3_KEYBOARD_UART, ESP32C3_KEYPAD };

export const SRAM0_IRAM = 0x4037_c000; // 16 KiB, instruction bus only
export const SRAM1_IRAM = 0x4038_0000; // 384 KiB, also at SRAM1_DRAM
export const SRAM1_DRAM = 0x3fc8_0000;
export const RTC_RAM = 0x5000_0000;
export const EXTERNAL_RAM = 0x8000_0000;
export const UART0_BASE = 0x6000_0000;
export const SPI1_BASE = 0x6000_2000;
export const GPIO_BASE = 0x6000_4000;
export const UART1_BASE = 0x6001_0000;
export const SYSTIMER_BASE = 0x6002_3000;
export const SPI2_BASE = 0x6002_4000;
export const GDMA_BASE = 0x6003_f000;
export const INTERRUPT_MATRIX_BASE = 0x600c_2000;

const SRAM0_SIZE = 16 << 10;
const SRAM1_SIZE = 384 << 10;
const RTC_RAM_SIZE = 8 << 10;
const INTERNAL_BYTES = SRAM0_SIZE + SRAM1_SIZE + RTC_RAM_SIZE;
const PERIPHERAL_SIZE = 0x1000;
const INSTRUCTIONS_PER_SECOND = 160_000_000;
/** Virtual time per kernel register access: a peripheral register on the
 * APB bus (80 MHz) takes several bus cycles from the core. */
const MMIO_ACCESS_NS = 100;
const FLASH_BYTES = 16 << 20;

/** The LCD's DMA memory at the top of SRAM1 (GDMA reaches internal SRAM
 * only): 8 KiB of descriptors, cell staging and a zero fill buffer, then
 * the 320x200 RGB565 frame. The kernel is not given it as RAM. */
const LCD_DMA_SIZE = 0x2000 + LCD_FRAME_BYTES;
export const LCD_DMA_BASE = (SRAM1_DRAM + SRAM1_SIZE - ((LCD_DMA_SIZE + 0xfff) & ~0xfff)) >>> 0;

/** GPIO wiring (docs/boards/esp32c3.md): the LCD's D/C line and the buttons. */
export const LCD_DC_GPIO = 2;
export const BUTTON_GPIOS: Readonly<Record<number, string>> = {
  0: 'ArrowUp',
  1: 'ArrowDown',
  3: 'ArrowLeft',
  4: 'ArrowRight',
  5: 'Escape',
  9: 'Enter', // the BOOT button
  18: 'Control',
  19: 'Space',
};

/** Board devices the host and the core reach by token (not the kernel).
 * The matrix is the core's LineInterruptSource (highestPendingLine()); the
 * core registers itself with `matrix.connect(core)` as its InterruptTarget. */
export const ESP32C3_INTERRUPT_MATRIX = Symbol.for('jos.esp32c3.InterruptMatrix');
const RISCV_KERNEL_SUPPORT = Symbol.for('jos.esp32c3.RiscvKernelSupport');
const UART0 = Symbol.for('jos.esp32c3.Uart0');
const UART1 = ESP32C3_KEYBOARD_UART;
const SYSTIMER = Symbol.for('jos.esp32c3.Systimer');
const GPIO = Symbol.for('jos.esp32c3.Gpio');
const GDMA = Symbol.for('jos.esp32c3.Gdma');
const SPI2 = Symbol.for('jos.esp32c3.Spi2');
const LCD = Symbol.for('jos.esp32c3.Lcd');
const SPI1 = Symbol.for('jos.esp32c3.Spi1');

function matrix(ctx: ResolutionContext): InterruptMatrix {
  return ctx.get<InterruptMatrix>(ESP32C3_INTERRUPT_MATRIX);
}

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
  bus.mapMmio(SPI1_BASE, PERIPHERAL_SIZE, ctx.get<SpiMem>(SPI1));
  bus.mapMmio(GPIO_BASE, PERIPHERAL_SIZE, ctx.get<Esp32c3Gpio>(GPIO));
  bus.mapMmio(UART1_BASE, PERIPHERAL_SIZE, ctx.get<Esp32c3Uart>(UART1));
  bus.mapMmio(SYSTIMER_BASE, PERIPHERAL_SIZE, ctx.get<Systimer>(SYSTIMER));
  bus.mapMmio(SPI2_BASE, PERIPHERAL_SIZE, ctx.get<Spi2>(SPI2));
  bus.mapMmio(INTERRUPT_MATRIX_BASE, PERIPHERAL_SIZE, matrix(ctx));
  return bus;
}

/** GDMA masters the bus it is mapped on, and feeds SPI2. */
function buildGdma(ctx: ResolutionContext, log: DeviceLog): Gdma {
  const m = matrix(ctx);
  const sources = [SRC.ETS_DMA_CH0_INTR_SOURCE, SRC.ETS_DMA_CH1_INTR_SOURCE, SRC.ETS_DMA_CH2_INTR_SOURCE];
  const bus = ctx.get<Bus>(BUS);
  const gdma = new Gdma(bus, sources.map((s) => m.source(s)), log);
  bus.mapMmio(GDMA_BASE, PERIPHERAL_SIZE, gdma);
  ctx.get<Spi2>(SPI2).attachDma(gdma);
  return gdma;
}

/** The hart: rv32imc as the real chip, plus S-mode's Sv32 MMU (the board's
 * addition, docs/boards/esp32c3.md), CPU lines from the interrupt matrix. */
function buildCore(ctx: ResolutionContext): RiscvCore {
  const m = matrix(ctx);
  const core = new RiscvCore(ctx.get<Bus>(BUS), {
    extensions: 'mc',
    supervisor: true,
    user: true,
    interruptModel: 'esp32c3',
    lineSource: m,
    resetPc: SRAM0_IRAM,
    jit: ctx.get<BoardOptions>(BOARD_OPTIONS).jit,
    jitBackend: ctx.get<BoardOptions>(BOARD_OPTIONS).jitBackend,
  });
  m.connect(core);
  return core;
}

function bootInfo(ctx: ResolutionContext): BootInfo {
  const info = loadBoot(ctx.get<Bus>(BUS), ctx.get<BoardOptions>(BOARD_OPTIONS), {
    board: 'esp32c3',
    cpuArch: 'riscv32',
    aliasBases: [SRAM1_DRAM],
  });
  // The LCD's DMA memory is listed under SRAM1's instruction-bus addresses.
  const reservedBase = LCD_DMA_BASE - SRAM1_DRAM + SRAM1_IRAM;
  return { ...info, ram: info.ram.map((r) => withoutTop(r, reservedBase)) };
}

function withoutTop(range: MemoryRange, cut: number): MemoryRange {
  return cut > range.base && cut < range.base + range.size ? { base: range.base, size: cut - range.base } : range;
}

export const esp32c3Board: BoardDefinition = {
  name: 'esp32c3',
  description: 'ESP32-C3-like RISC-V board: UART0/1, SYSTIMER, interrupt matrix, GPIO buttons, SPI LCD (GDMA), SPI flash, external RAM',
  cpuArch: 'riscv32',
  instructionsPerSecond: INSTRUCTIONS_PER_SECOND,
  defaultMemoryBytes: 16 << 20,
  memoryRange: {
    minBytes: 16 << 20,
    maxBytes: 2047 * 2 ** 20,
    reason: 'it is the external RAM at 0x8000_0000, which must end below 2^32, the top of the 32-bit physical address space; the boot archive (about 4 MiB of programs) must fit in half of RAM beside the kernel, hence 16 MiB at least',
  },
  devices: [
    'uart0 (0x60000000, console, source 21)',
    'spi1 + 16 MiB SPI flash (0x60002000, the disk)',
    'gpio (0x60004000, buttons, LCD D/C, source 16)',
    'uart1 (0x60010000, typed keys, source 22)',
    'systimer (0x60023000, 16 MHz, 52-bit, 3 alarms, sources 37-39)',
    'spi2 + st7789 lcd 320x240 rgb565 (0x60024000, source 19)',
    'gdma (0x6003f000, 3 channels, sources 44-46)',
    'interrupt matrix (0x600c2000, 62 sources -> 31 cpu lines)',
  ],
  provides: [CPU, TRAP_HOST, ADDRESS_SPACE_FACTORY, BOOT_INFO, CONSOLE, TIMER, MMIO, INTERRUPT_CONTROLLER, KEYBOARD, DISPLAY, BLOCK_DEVICE],
  powerController: { space: 'mmio', address: 0x0010_0000 },
  module: new ContainerModule(({ bind }) => {
    // Unmodelled registers are reported to the bus tracer (--trace-bus).
    let tracedBus: Bus | null = null;
    const log: DeviceLog = (message) => tracedBus?.tracer?.(message);
    bind(CLOCK).toConstantValue(new Clock(INSTRUCTIONS_PER_SECOND));
    bind(ESP32C3_INTERRUPT_MATRIX).toConstantValue(new InterruptMatrix(log));
    bind(UART0)
      .toDynamicValue((ctx) => new Esp32c3Uart('uart0', matrix(ctx).source(SRC.ETS_UART0_INTR_SOURCE), ctx.get(CLOCK)))
      .inSingletonScope();
    bind(CONSOLE_UART).toService(UART0);
    bind(UART1)
      .toDynamicValue((ctx) => new Esp32c3Uart('uart1', matrix(ctx).source(SRC.ETS_UART1_INTR_SOURCE), ctx.get(CLOCK)))
      .inSingletonScope();
    bind(SYSTIMER)
      .toDynamicValue((ctx) => {
        const m = matrix(ctx);
        const sources = [SRC.ETS_SYSTIMER_TARGET0_EDGE_INTR_SOURCE, SRC.ETS_SYSTIMER_TARGET1_EDGE_INTR_SOURCE, SRC.ETS_SYSTIMER_TARGET2_EDGE_INTR_SOURCE];
        return new Systimer(ctx.get(CLOCK), sources.map((s) => m.source(s)), log);
      })
      .inSingletonScope();
    bind(GPIO)
      .toDynamicValue((ctx) => new Esp32c3Gpio(matrix(ctx).source(SRC.ETS_GPIO_INTR_SOURCE), log))
      .inSingletonScope();
    bind(ESP32C3_KEYPAD)
      .toDynamicValue((ctx) => new GpioKeypad(ctx.get(GPIO), BUTTON_GPIOS))
      .inSingletonScope();
    bind(ESP32C3_FLASH)
      .toDynamicValue((ctx) => new SpiFlashChip(FLASH_BYTES, ctx.get(CLOCK)))
      .inSingletonScope();
    bind(SPI1)
      .toDynamicValue((ctx) => new SpiMem(ctx.get(ESP32C3_FLASH)))
      .inSingletonScope();
    bind(LCD)
      .toDynamicValue((ctx) => {
        const gpio = ctx.get<Esp32c3Gpio>(GPIO);
        return new St7789(() => gpio.level(LCD_DC_GPIO), log);
      })
      .inSingletonScope();
    bind(SCREEN).toService(LCD);
    bind(SPI2)
      .toDynamicValue((ctx) => {
        const spi = new Spi2(matrix(ctx).source(SRC.ETS_SPI2_INTR_SOURCE));
        spi.attach(ctx.get(LCD));
        return spi;
      })
      .inSingletonScope();
    bind(BUS)
      .toDynamicValue((ctx) => (tracedBus = buildBus(ctx)))
      .inSingletonScope();
    bind(GDMA)
      .toDynamicValue((ctx) => buildGdma(ctx, log))
      .inSingletonScope();
    bind(MMIO)
      .toDynamicValue((ctx) => {
        ctx.get(GDMA); // mapped on the bus before any driver runs
        ctx.get(ESP32C3_KEYPAD); // the buttons' pull-ups
        // The kernel's register accesses take virtual time (docs/clock.md).
        return new BusMmio(ctx.get(BUS), registerAccessCost(ctx.get<Clock>(CLOCK)), MMIO_ACCESS_NS);
      })
      .inSingletonScope();
    bind(INTERRUPT_CONTROLLER)
      .toDynamicValue((ctx) => new InterruptMatrixController(ctx.get(MMIO), INTERRUPT_MATRIX_BASE))
      .inSingletonScope();
    bind(CONSOLE)
      .toDynamicValue((ctx) => new Esp32c3UartConsole(ctx.get(MMIO), UART0_BASE))
      .inSingletonScope();
    bind(TIMER)
      .toDynamicValue((ctx) => new SystimerTimer(ctx.get(MMIO), SYSTIMER_BASE))
      .inSingletonScope();
    bind(KEYBOARD)
      .toDynamicValue((ctx) => new Esp32c3Keyboard(ctx.get(MMIO), { uartBase: UART1_BASE, gpioBase: GPIO_BASE, buttons: BUTTON_GPIOS }))
      .inSingletonScope();
    bind(DISPLAY)
      .toDynamicValue(
        (ctx) =>
          new St7789Display(ctx.get(MMIO), ctx.get(PHYSICAL_MEMORY), {
            spiBase: SPI2_BASE,
            gdmaBase: GDMA_BASE,
            gpioBase: GPIO_BASE,
            dcPin: LCD_DC_GPIO,
            descriptorBase: LCD_DMA_BASE,
            descriptorBytes: 0x1000,
            fillBuffer: LCD_DMA_BASE + 0x1000,
            fillBytes: 0x1000,
            frameBuffer: LCD_DMA_BASE + 0x2000,
          }),
      )
      .inSingletonScope();
    bind(BLOCK_DEVICE)
      .toDynamicValue((ctx) => new SpiFlashBlockDevice(ctx.get(MMIO), SPI1_BASE))
      .inSingletonScope();
    bind(CPU).toDynamicValue(buildCore).inSingletonScope();
    bind(RISCV_KERNEL_SUPPORT)
      .toDynamicValue((ctx) => riscvKernelSupport(ctx.get<RiscvCore>(CPU), ctx.get<Bus>(BUS)))
      .inSingletonScope();
    bind(TRAP_HOST).toDynamicValue((ctx) => ctx.get<RiscvKernelSupport>(RISCV_KERNEL_SUPPORT).trapHost);
    bind(ADDRESS_SPACE_FACTORY).toDynamicValue((ctx) => ctx.get<RiscvKernelSupport>(RISCV_KERNEL_SUPPORT).spaces);
    bind(BOOT_INFO).toDynamicValue(bootInfo).inSingletonScope();
    bind(Kernel).toSelf().inSingletonScope();
  }),
};
