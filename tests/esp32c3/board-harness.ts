/** The assembled esp32c3 board for driver tests: real models on the real
 * bus, drivers resolved from the container, interrupts observed through the
 * matrix's highestPendingLine() (no core is wired yet). */
import { assembleBoard } from '../../boards/assemble';
import { ESP32C3_FLASH, ESP32C3_INTERRUPT_MATRIX, ESP32C3_KEYBOARD_UART, ESP32C3_KEYPAD, esp32c3Board } from '../../boards/esp32c3';
import { InterruptMatrix } from '../../platform/esp32c3/intmatrix';
import { GpioKeypad } from '../../platform/esp32c3/keypad';
import { SpiFlashChip } from '../../platform/esp32c3/spi-flash-chip';
import { Esp32c3Uart } from '../../platform/esp32c3/uart';
import { SCREEN, ScreenSource } from '../../platform/screen';

export function esp32c3(memoryBytes = 2 << 20) {
  const board = assembleBoard(esp32c3Board, { memoryBytes });
  const { container, clock } = board;
  /** Idle time passing: jump, firing each due event at its own time. */
  const advanceNs = (ns: number) => {
    const end = clock.nowNs() + ns;
    for (;;) {
      const next = clock.nextEventNs();
      if (next > end) break;
      clock.jumpTo(next);
      clock.fireDue();
    }
    clock.jumpTo(end);
    clock.fireDue();
  };
  return {
    ...board,
    advanceNs,
    get: <T>(token: symbol) => container.get<T>(token),
    matrix: container.get<InterruptMatrix>(ESP32C3_INTERRUPT_MATRIX),
    keypad: container.get<GpioKeypad>(ESP32C3_KEYPAD),
    keyboardUart: container.get<Esp32c3Uart>(ESP32C3_KEYBOARD_UART),
    flash: container.get<SpiFlashChip>(ESP32C3_FLASH),
    screen: container.get<ScreenSource>(SCREEN),
  };
}
