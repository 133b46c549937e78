import { Clock } from '../../../platform/clock';
import * as U from '../../../platform/esp32c3/uart';
import { LatchedIrqLine } from '../../../platform/irq';
import { CollectingSerialHost } from '../../../platform/serial-wire';

function setup() {
  const clock = new Clock(160e6);
  const core = { retired: 0 };
  clock.attach(core);
  const irq = new LatchedIrqLine();
  const uart = new U.Esp32c3Uart('uart0', irq, clock);
  const host = new CollectingSerialHost();
  uart.attachHost(host);
  const advanceNs = (ns: number) => {
    core.retired += Math.ceil(ns / clock.nsPerInstruction);
    clock.fireDue();
  };
  return { uart, irq, host, advanceNs };
}

const rxCount = (uart: U.Esp32c3Uart) => uart.read(U.UART_STATUS, 4) & 0x3ff;
const txCount = (uart: U.Esp32c3Uart) => (uart.read(U.UART_STATUS, 4) >>> 16) & 0x3ff;

describe('ESP32-C3 UART', () => {
  test('FIFO writes reach the wire and raise TX_DONE', () => {
    const { uart, host } = setup();
    uart.write(U.UART_FIFO, 4, 0x4a);
    uart.write(U.UART_FIFO, 4, 0x4f);
    expect(host.text()).toBe('JO');
    expect(txCount(uart)).toBe(0);
    expect(uart.read(U.UART_INT_RAW, 4) & U.UART_TX_DONE_INT).toBe(U.UART_TX_DONE_INT);
  });

  test('STATUS.RXFIFO_CNT counts received bytes; FIFO reads pop them in order', () => {
    const { uart } = setup();
    [1, 2, 3].forEach((b) => uart.receive(b));
    expect(rxCount(uart)).toBe(3);
    expect(uart.read(U.UART_FIFO, 4)).toBe(1);
    expect(rxCount(uart)).toBe(2);
  });

  test('the RX FIFO holds 128 bytes, then overflows with RXFIFO_OVF', () => {
    const { uart } = setup();
    for (let i = 0; i < 128; i++) expect(uart.receive(i & 0xff)).toBe(true);
    expect(uart.receive(0)).toBe(false);
    expect(rxCount(uart)).toBe(128);
    expect(uart.read(U.UART_INT_RAW, 4) & U.UART_RXFIFO_OVF_INT).toBe(U.UART_RXFIFO_OVF_INT);
  });

  test('RXFIFO_FULL follows the CONF1 threshold and INT_ST masks by INT_ENA', () => {
    const { uart, irq } = setup();
    uart.write(U.UART_CONF1, 4, (0x60 << 9) | 2);
    uart.write(U.UART_INT_CLR, 4, 0xffffffff);
    uart.write(U.UART_INT_ENA, 4, U.UART_RXFIFO_FULL_INT);
    uart.receive(7);
    expect(irq.level).toBe(false);
    uart.receive(8);
    expect(uart.read(U.UART_INT_ST, 4)).toBe(U.UART_RXFIFO_FULL_INT);
    expect(irq.level).toBe(true);
    uart.write(U.UART_INT_CLR, 4, U.UART_RXFIFO_FULL_INT);
    expect(irq.level).toBe(true); // the condition still holds
    uart.read(U.UART_FIFO, 4);
    expect(irq.level).toBe(false);
  });

  test('RXFIFO_TOUT fires after RX_TOUT_THRHD bit times of silence', () => {
    const { uart, irq, advanceNs } = setup();
    uart.write(U.UART_CONF1, 4, U.UART_RX_TOUT_EN | (0x60 << 9) | 100);
    uart.write(U.UART_INT_ENA, 4, U.UART_RXFIFO_TOUT_INT);
    uart.receive(0x31);
    advanceNs(50_000); // 10 bit times at 115200 baud = 86.8 us
    expect(irq.level).toBe(false);
    advanceNs(50_000);
    expect(irq.level).toBe(true);
  });

  test('CONF0 RXFIFO_RST empties the RX FIFO; loopback feeds TX into RX', () => {
    const { uart, host } = setup();
    uart.receive(1);
    uart.write(U.UART_CONF0, 4, 0x1000001c | U.UART_RXFIFO_RST);
    expect(rxCount(uart)).toBe(0);
    uart.write(U.UART_CONF0, 4, 0x1000001c | U.UART_LOOPBACK);
    uart.write(U.UART_FIFO, 4, 0x77);
    expect(host.text()).toBe('');
    expect(uart.read(U.UART_FIFO, 4)).toBe(0x77);
  });

  test('CLKDIV sets the baud rate from the 80 MHz APB clock', () => {
    const { uart } = setup();
    expect(Math.round(uart.baud)).toBe(Math.round(80e6 / 0x2b6));
    uart.write(U.UART_CLKDIV, 4, (0x5 << 20) | 43);
    expect(Math.round(uart.baud)).toBe(Math.round(80e6 / (43 + 5 / 16)));
  });
});
