/**
 * Console driver for a 16550 UART reached through port I/O (COM1 on pc),
 * written as a polled-transmit, interrupt-receive C driver would be.
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

export class Uart16550Console implements Console {
  private readonly received = new ByteRing(4096);

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
    return this.received.shift();
  }

  handleInterrupt(): void {
    this.drain();
  }

  /** Moves everything the UART holds into the driver's ring. */
  private drain(): void {
    while (this.io.in8(this.base + LSR) & LSR_DATA_READY) {
      this.received.push(this.io.in8(this.base + RBR));
    }
  }
}
