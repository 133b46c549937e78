/**
 * ESP32-C3 GP-SPI2 as a master at 0x6002_4000 (TRM chapter "SPI Controller";
 * offsets from ESP-IDF's soc/esp32c3/include/soc/spi_reg.h).
 *
 * Writing CMD.USR runs one transaction on the bus: the command phase
 * (USER2 value, COMMAND_BITLEN + 1 bits), the address phase (the top
 * ADDR_BITLEN + 1 bits of ADDR, most significant first), a dummy phase, and
 * the data phase of MS_DATA_BITLEN + 1 bits (18-bit field: 32 KiB at most)
 * taken from W0..W15 or, with DMA_CONF.DMA_TX_ENA, pulled from the GDMA
 * channel whose OUT_PERI_SEL is SPI2. The wire is instantaneous: USR clears
 * and DMA_INT_RAW.TRANS_DONE is set before the write returns; INT_RAW &
 * INT_ENA drives interrupt source 19. A MISO phase reads ones (the LCD
 * drives nothing back).
 */
import { AccessSize, MmioDevice } from '../bus/devices';
import { IrqLine } from '../irq';
import { DmaSink, GDMA_PERIPHERAL_SPI2 } from './gdma';

/** Where SPI2 pulls DMA data from (the GDMA's OUT side). */
export interface DmaOutSource {
  pullOut(peripheral: number, max: number, sink: DmaSink): number;
}

export const SPI_CMD = 0x00;
export const SPI_ADDR = 0x04;
export const SPI_CTRL = 0x08;
export const SPI_CLOCK = 0x0c;
export const SPI_USER = 0x10;
export const SPI_USER1 = 0x14;
export const SPI_USER2 = 0x18;
export const SPI_MS_DLEN = 0x1c;
export const SPI_MISC = 0x20;
export const SPI_DMA_CONF = 0x30;
export const SPI_DMA_INT_ENA = 0x34;
export const SPI_DMA_INT_CLR = 0x38;
export const SPI_DMA_INT_RAW = 0x3c;
export const SPI_DMA_INT_ST = 0x40;
export const SPI_W0 = 0x98;
export const SPI_SLAVE = 0xe0;
export const SPI_CLK_GATE = 0xe8;
export const SPI_DATE = 0xf0;

export const SPI_USR = 1 << 24; // CMD
export const SPI_UPDATE = 1 << 23; // CMD
export const SPI_USR_MOSI = 1 << 27; // USER
export const SPI_USR_MISO = 1 << 28;
export const SPI_USR_DUMMY = 1 << 29;
export const SPI_USR_ADDR = 1 << 30;
export const SPI_USR_COMMAND = 1 << 31;
export const SPI_USR_ADDR_BITLEN_S = 27; // USER1 31:27
export const SPI_USR_COMMAND_BITLEN_S = 28; // USER2 31:28
export const SPI_MS_DATA_BITLEN_MASK = 0x3ffff;
export const SPI_DMA_TX_ENA = 1 << 28; // DMA_CONF
export const SPI_DMA_RX_ENA = 1 << 27;
export const SPI_TRANS_DONE_INT = 1 << 12;
export const SPI_BUFFER_BYTES = 64;

const DATE_VALUE = 0x2007220;

/** A device on the SPI bus (chip select asserted around each transaction). */
export interface SpiDevice {
  select(): void;
  /** Bytes clocked out on MOSI, in wire order. */
  transfer(bytes: Uint8Array): void;
  deselect(): void;
}

export class Spi2 implements MmioDevice {
  readonly name = 'spi2';
  private readonly regs = new Uint32Array(0x1000 >>> 2);
  private readonly buffer = new Uint8Array(SPI_BUFFER_BYTES);
  private readonly bufferView = new DataView(this.buffer.buffer);
  private intEna = 0;
  private intRaw = 0;
  private device: SpiDevice | null = null;
  private readonly oneByte = new Uint8Array(1);
  /** Bytes that reached the device: for tests and the tracer. */
  bytesSent = 0;

  private dma: DmaOutSource | null = null;

  constructor(private readonly irq: IrqLine) {}

  attach(device: SpiDevice): void {
    this.device = device;
  }

  /** The GDMA, connected once the bus it masters exists. */
  attachDma(dma: DmaOutSource): void {
    this.dma = dma;
  }

  read(offset: number, _size: AccessSize): number {
    if (offset >= SPI_W0 && offset < SPI_W0 + SPI_BUFFER_BYTES) return this.bufferView.getUint32(offset - SPI_W0, true);
    switch (offset) {
      case SPI_DMA_INT_ENA:
        return this.intEna;
      case SPI_DMA_INT_RAW:
        return this.intRaw;
      case SPI_DMA_INT_ST:
        return this.intRaw & this.intEna;
      case SPI_DATE:
        return DATE_VALUE;
      case SPI_CMD:
        return this.regs[SPI_CMD >>> 2] & ~(SPI_USR | SPI_UPDATE);
      default:
        return this.regs[offset >>> 2] ?? 0;
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    value >>>= 0;
    if (offset >= SPI_W0 && offset < SPI_W0 + SPI_BUFFER_BYTES) {
      this.bufferView.setUint32(offset - SPI_W0, value, true);
      return;
    }
    switch (offset) {
      case SPI_DMA_INT_ENA:
        this.intEna = value;
        break;
      case SPI_DMA_INT_CLR:
        this.intRaw &= ~value;
        break;
      case SPI_CMD:
        this.regs[SPI_CMD >>> 2] = value;
        if (value & SPI_USR) this.transaction();
        break;
      default:
        if (offset >>> 2 < this.regs.length) this.regs[offset >>> 2] = value;
        return;
    }
    this.irq.set((this.intRaw & this.intEna) !== 0);
  }

  private reg(offset: number): number {
    return this.regs[offset >>> 2] ?? 0;
  }

  private transaction(): void {
    const user = this.reg(SPI_USER);
    const device = this.device;
    if (device) device.select();
    if (user & SPI_USR_COMMAND) {
      const bits = ((this.reg(SPI_USER2) >>> SPI_USR_COMMAND_BITLEN_S) & 0xf) + 1;
      const value = this.reg(SPI_USER2) & 0xffff;
      // ESP-IDF stores a 16-bit command byte-swapped: the low byte goes first.
      for (let i = 0; i < bits >>> 3; i++) this.sendByte((value >>> (8 * i)) & 0xff);
    }
    if (user & SPI_USR_ADDR) {
      const bits = ((this.reg(SPI_USER1) >>> SPI_USR_ADDR_BITLEN_S) & 0x1f) + 1;
      const addr = this.reg(SPI_ADDR);
      for (let i = 0; i < bits >>> 3; i++) this.sendByte((addr >>> (24 - 8 * i)) & 0xff);
    }
    const dataBytes = ((this.reg(SPI_MS_DLEN) & SPI_MS_DATA_BITLEN_MASK) + 1) >>> 3;
    if (user & SPI_USR_MOSI) {
      if (this.reg(SPI_DMA_CONF) & SPI_DMA_TX_ENA) {
        if (this.dma) this.dma.pullOut(GDMA_PERIPHERAL_SPI2, dataBytes, (chunk) => this.sendBytes(chunk));
      } else {
        this.sendBytes(this.buffer.subarray(0, Math.min(dataBytes, SPI_BUFFER_BYTES)));
      }
    } else if (user & SPI_USR_MISO) {
      this.buffer.fill(0xff, 0, Math.min(dataBytes, SPI_BUFFER_BYTES));
    }
    if (device) device.deselect();
    this.intRaw |= SPI_TRANS_DONE_INT;
  }

  private sendByte(byte: number): void {
    this.oneByte[0] = byte;
    this.sendBytes(this.oneByte);
  }

  private sendBytes(bytes: Uint8Array): void {
    this.bytesSent += bytes.length;
    if (this.device) this.device.transfer(bytes);
  }
}
