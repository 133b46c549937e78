/**
 * Console driver for a 16550 UART reached through port I/O (COM1 on pc),
 * written as a polled-transmit, interrupt-receive C driver would be.
 *
 * Receive is flow-controlled end to end: bytes move from the UART's FIFO
 * to the driver's ring only while the ring has room; when it is full the
 * driver masks the receive interrupt (the bytes wait in the FIFO, and the
 * far end waits for FIFO room) until the terminal has taken some.
 */
import type { Console } from '../../hal/console';
import type { PortIo } from '../../hal/io';
import { ByteRing } from './byte-ring';

const THR = 0;
const RBR = 0;
const DLL = 0;
const IER = 1;
const DLM = 1;
const FCR = 2;
const LCR = 3;
const MCR = 4;
const LSR = 5;

const LCR_8N1 = 0x03;
const LCR_DLAB = 0x80;
const FCR_ENABLE_CLEAR_TRIGGER14 = 0xc7;
const MCR_DTR_RTS_OUT2 = 0x0b;
const IER_RX_AVAILABLE = 0x01;
const LSR_DATA_READY = 0x01;
const LSR_THR_EMPTY = 0x20;
const BAUD = 115200;
/** A bounded wait: a transmitter that never empties is a dead UART. */
const MAX_THRE_POLLS = 100_000;
/** Ring fill below which a throttled receive interrupt is unmasked. */
const RING_RESUME = 2048;

export class Uart16550Console implements Console {
  private readonly received = new ByteRing(4096);
  /** The receive interrupt is masked because the ring is full. */
  private throttled = false;

  constructor(
    private readonly io: PortIo,
    private readonly base: number,
  ) {}

  init(): void {
    const divisor = 115200 / BAUD;
    this.io.out8(this.base + IER, 0);
    this.io.out8(this.base + LCR, LCR_DLAB);
    this.io.out8(this.base + DLL, divisor & 0xff);
    this.io.out8(this.base + DLM, divisor >> 8);
    this.io.out8(this.base + LCR, LCR_8N1);
    this.io.out8(this.base + FCR, FCR_ENABLE_CLEAR_TRIGGER14);
    this.io.out8(this.base + MCR, MCR_DTR_RTS_OUT2);
    this.io.out8(this.base + IER, IER_RX_AVAILABLE);
  }

  write(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      for (let polls = 0; polls < MAX_THRE_POLLS; polls++) {
        if (this.io.in8(this.base + LSR) & LSR_THR_EMPTY) break;
      }
      this.io.out8(this.base + THR, bytes[i]);
    }
  }

  readByte(): number {
    this.drain();
    const byte = this.received.shift();
    if (this.throttled && this.received.length < RING_RESUME) {
      this.throttled = false;
      this.io.out8(this.base + IER, IER_RX_AVAILABLE);
      this.drain();
    }
    return byte;
  }

  handleInterrupt(): void {
    this.drain();
    if (this.received.full && !this.throttled) {
      // Data is still waiting in the FIFO: stop its interrupt until
      // readByte() makes room, or it would fire again and again.
      this.throttled = true;
      this.io.out8(this.base + IER, 0);
    }
  }

  /** Moves what the UART holds into the driver's ring, while it has room. */
  private drain(): void {
    while (!this.received.full && this.io.in8(this.base + LSR) & LSR_DATA_READY) {
      this.received.push(this.io.in8(this.base + RBR));
    }
  }
}
