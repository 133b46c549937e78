import { BOOT_INFO, BootInfo } from '../../hal/boot-info';
import * as B from '../../boards/esp32c3';
import * as U from '../../platform/esp32c3/uart';
import * as G from '../../platform/esp32c3/gpio';
import { esp32c3 } from './board-harness';

describe('the esp32c3 board wiring', () => {
  test('the LCD DMA memory is internal SRAM and is not given to the kernel', () => {
    const b = esp32c3();
    const info = b.get<BootInfo>(BOOT_INFO);
    const reservedIram = B.LCD_DMA_BASE - B.SRAM1_DRAM + B.SRAM1_IRAM;
    for (const r of info.ram) {
      expect(reservedIram >= r.base + r.size || reservedIram + 0x22000 <= r.base).toBe(true);
      expect(B.LCD_DMA_BASE >= r.base + r.size || B.LCD_DMA_BASE < r.base).toBe(true);
    }
    expect(info.ram.some((r) => r.base === B.EXTERNAL_RAM)).toBe(true);
    expect(b.bus.ramOffset(B.LCD_DMA_BASE)).toBeGreaterThanOrEqual(0);
    expect(B.LCD_DMA_BASE + 0x22000).toBe(0x3fce_0000);
  });

  test('each device drives its interrupt source in the matrix', () => {
    const b = esp32c3();
    const status = () => b.bus.read32(B.INTERRUPT_MATRIX_BASE + 0xf8) + b.bus.read32(B.INTERRUPT_MATRIX_BASE + 0xfc) * 2 ** 32;
    const bit = (source: number) => 2 ** source;
    // UART0 -> 21, UART1 -> 22: a received byte with RXFIFO_FULL enabled.
    b.bus.write32(B.UART0_BASE + U.UART_CONF1, (0x60 << 9) | 1); // full at one byte
    b.bus.write32(B.UART0_BASE + U.UART_INT_ENA, U.UART_RXFIFO_FULL_INT);
    b.consoleUart.receive(1);
    expect(status()).toBe(bit(21));
    b.bus.write32(B.UART1_BASE + U.UART_CONF1, (0x60 << 9) | 1);
    b.bus.write32(B.UART1_BASE + U.UART_INT_ENA, U.UART_RXFIFO_FULL_INT);
    b.keyboardUart.receive(1);
    expect(status()).toBe(bit(21) + bit(22));
    // GPIO -> 16: a button press with a falling-edge interrupt.
    b.bus.write32(B.GPIO_BASE + G.GPIO_PIN0 + 4 * 9, (G.GPIO_INTR_NEGEDGE << G.GPIO_PIN_INT_TYPE_S) | G.GPIO_PIN_INT_ENA_CPU);
    b.keypad.setKey('Enter', true);
    expect(status()).toBe(bit(16) + bit(21) + bit(22));
    // SYSTIMER alarm 2 -> 39: a target in the past.
    b.bus.write32(B.SYSTIMER_BASE + 0x64, 4);
    b.bus.write32(B.SYSTIMER_BASE + 0x58, 1);
    b.bus.write32(B.SYSTIMER_BASE, b.bus.read32(B.SYSTIMER_BASE) | (1 << 22));
    expect(status()).toBe(bit(16) + bit(21) + bit(22) + bit(39));
    // SPI2 -> 19: a transaction with TRANS_DONE enabled.
    b.bus.write32(B.SPI2_BASE + 0x34, 1 << 12);
    b.bus.write32(B.SPI2_BASE, 1 << 24);
    expect(status()).toBe(bit(16) + bit(19) + bit(21) + bit(22) + bit(39));
    // GDMA ch0 -> 44: a descriptor error with OUT_DSCR_ERR enabled.
    b.bus.write32(B.GDMA_BASE + 0x08, 1 << 6);
    b.bus.write32(B.GDMA_BASE + 0xe0, 1 << 21); // a link at 0x3FC0_0000: not RAM
    expect(status()).toBe(bit(16) + bit(19) + bit(21) + bit(22) + bit(39) + bit(44));
  });

  test('the flash is 16 MiB and the SCREEN is the LCD', () => {
    const b = esp32c3();
    expect(b.flash.sizeBytes).toBe(16 << 20);
    const s = b.screen.snapshot();
    expect(s.kind === 'pixels' && [s.width, s.height]).toEqual([320, 240]);
  });
});
