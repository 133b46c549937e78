import { LatchedIrqLine } from '../../platform/irq';
import * as U from '../../platform/esp32c3/uart';
import { testClock } from './helpers';

function setup() {
  const { clock, advanceNs } = testClock();
  const irq = new LatchedIrqLine();
  const uart = new U.Esp32c3Uart('uart0', irq, clock);
  const w = (o: number, v: number) => uart.write(o, 4, v);
  const r = (o: number) => uart.read(o, 4);
  return { uart, irq, w, r, advanceNs };
}

const bitNs = (baud: number) => 1e9 / baud;

describe('ESP32-C3 UART receive interrupts (TRM "UART Interrupts")', () => {
  test('RX_TOUT_THRHD is MEM_CONF bits 25:16, in bit times, reset value 10', () => {
    const { uart, r, w, irq, advanceNs } = setup();
    expect((r(U.UART_MEM_CONF) >>> U.UART_RX_TOUT_THRHD_S) & 0x3ff).toBe(10);
    w(U.UART_CONF1, U.UART_RX_TOUT_EN | (0x60 << 9) | 100);
    w(U.UART_MEM_CONF, (r(U.UART_MEM_CONF) & ~(0x3ff << U.UART_RX_TOUT_THRHD_S)) | (40 << U.UART_RX_TOUT_THRHD_S));
    w(U.UART_INT_ENA, U.UART_RXFIFO_TOUT_INT);
    uart.receive(0x31);
    advanceNs(39 * bitNs(uart.baud));
    expect(irq.level).toBe(false);
    advanceNs(2 * bitNs(uart.baud));
    expect(irq.level).toBe(true);
  });

  test('each received byte restarts the timeout; an emptied FIFO does not time out', () => {
    const { uart, w, irq, advanceNs } = setup();
    w(U.UART_CONF1, U.UART_RX_TOUT_EN | (0x60 << 9) | 100);
    w(U.UART_INT_ENA, U.UART_RXFIFO_TOUT_INT);
    for (let i = 0; i < 5; i++) {
      uart.receive(i);
      advanceNs(8 * bitNs(uart.baud));
    }
    expect(irq.level).toBe(false);
    for (let i = 0; i < 5; i++) uart.read(U.UART_FIFO, 4);
    advanceNs(100 * bitNs(uart.baud));
    expect(irq.level).toBe(false);
  });

  test('a full FIFO refuses the 129th byte and raises RXFIFO_OVF; reading makes room', () => {
    const { uart, w, irq, r } = setup();
    w(U.UART_INT_ENA, U.UART_RXFIFO_OVF_INT);
    for (let i = 0; i < 128; i++) uart.receive(i);
    expect(irq.level).toBe(false);
    expect(uart.receive(0xaa)).toBe(false);
    expect(irq.level).toBe(true);
    expect(r(U.UART_FIFO)).toBe(0);
    expect(uart.receive(0xaa)).toBe(true);
    expect(r(U.UART_STATUS) & 0x3ff).toBe(128);
    w(U.UART_INT_CLR, U.UART_RXFIFO_OVF_INT);
    expect(irq.level).toBe(false);
  });

  test('RXFIFO_FULL at a threshold of 120 bytes, as ESP-IDF configures it', () => {
    const { uart, w, irq } = setup();
    w(U.UART_CONF1, (0x60 << 9) | 120);
    w(U.UART_INT_ENA, U.UART_RXFIFO_FULL_INT);
    for (let i = 0; i < 119; i++) uart.receive(i);
    expect(irq.level).toBe(false);
    uart.receive(0);
    expect(irq.level).toBe(true);
  });
});
