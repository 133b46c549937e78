/**
 * Console driver for the ESP32-C3's UART0 through MMIO: waits for TX FIFO
 * room via STATUS.TXFIFO_CNT, receives on RXFIFO_FULL / RXFIFO_TOUT.
 *
 * Receive is flow-controlled: bytes leave the RX FIFO only while the
 * driver's ring has room; when it is full the receive interrupts are masked
 * (the bytes wait in the FIFO, the far end waits for FIFO room) until the
 * terminal has taken some.
 */
import type { Console } from '../../hal/console';
import type { Mmio } from '../../hal/io';
import { ByteRing } from './byte-ring';

const FIFO = 0x00;
const INT_ENA = 0x0c;
const INT_CLR = 0x10;
const CLKDIV = 0x14;
const STATUS = 0x1c;
const CONF0 = 0x20;
const CONF1 = 0x24;

const RXFIFO_FULL = 1 << 0;
const RXFIFO_TOUT = 1 << 8;
const RXFIFO_RST = 1 << 17;
const TXFIFO_RST = 1 << 18;
const RX_TOUT_EN = 1 << 21;
const CONF0_8N1 = 0x1000001c;
const TX_FIFO_SIZE = 128;
const APB_HZ = 80_000_000;
const BAUD = 115200;
const MAX_TX_POLLS = 100_000;
/** Ring fill below which throttled receive interrupts are unmasked. */
const RING_RESUME = 2048;

export class Esp32c3UartConsole implements Console {
  private readonly received = new ByteRing(4096);
  /** The receive interrupts are masked because the ring is full. */
  private throttled = false;

  constructor(
    private readonly mmio: Mmio,
    private readonly base: number,
  ) {}

  init(): void {
    const divider = Math.round((APB_HZ * 16) / BAUD);
    this.mmio.write32(this.base + CLKDIV, ((divider & 0xf) << 20) | (divider >> 4));
    this.mmio.write32(this.base + CONF0, CONF0_8N1 | RXFIFO_RST | TXFIFO_RST);
    this.mmio.write32(this.base + CONF0, CONF0_8N1);
    // Interrupt at one byte, or when the line goes quiet with bytes waiting.
    this.mmio.write32(this.base + CONF1, RX_TOUT_EN | (10 << 9) | 1);
    this.mmio.write32(this.base + INT_CLR, 0xffffffff);
    this.mmio.write32(this.base + INT_ENA, RXFIFO_FULL | RXFIFO_TOUT);
  }

  write(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      for (let polls = 0; polls < MAX_TX_POLLS; polls++) {
        const txCount = (this.mmio.read32(this.base + STATUS) >>> 16) & 0x3ff;
        if (txCount < TX_FIFO_SIZE) break;
      }
      this.mmio.write32(this.base + FIFO, bytes[i]);
    }
  }

  readByte(): number {
    this.drain();
    const byte = this.received.shift();
    if (this.throttled && this.received.length < RING_RESUME) {
      this.throttled = false;
      this.mmio.write32(this.base + INT_ENA, RXFIFO_FULL | RXFIFO_TOUT);
      this.drain();
    }
    return byte;
  }

  handleInterrupt(): void {
    this.drain();
    this.mmio.write32(this.base + INT_CLR, RXFIFO_FULL | RXFIFO_TOUT);
    if (this.received.full && !this.throttled && (this.mmio.read32(this.base + STATUS) & 0x3ff) > 0) {
      // RXFIFO_FULL is a level: it would fire again at once. Masked until
      // readByte() makes room.
      this.throttled = true;
      this.mmio.write32(this.base + INT_ENA, 0);
    }
  }

  /** Moves what the RX FIFO holds into the ring, while it has room. */
  private drain(): void {
    let waiting = this.mmio.read32(this.base + STATUS) & 0x3ff;
    while (waiting-- > 0 && !this.received.full) this.received.push(this.mmio.read32(this.base + FIFO) & 0xff);
  }
}
