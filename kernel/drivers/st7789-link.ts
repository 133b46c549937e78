/**
 * The path from the kernel to the ST7789 LCD on the ESP32-C3, through MMIO
 * only: GP-SPI2 as master (ESP-IDF's spi_ll sequences), the panel's D/C line
 * on a GPIO, and GDMA channel 0 moving pixels from internal SRAM.
 *
 * Commands and their few parameter bytes go through SPI2's CPU buffer
 * (W0..W15). Pixel data goes by DMA: one descriptor chain per transfer
 * (each descriptor at most 4092 bytes), which SPI2 clocks out in
 * transactions of at most 32 KiB (MS_DATA_BITLEN is 18 bits); the chain's
 * OUT_TOTAL_EOF says the transfer is done. The driver polls for completion:
 * the display HAL is synchronous.
 */
import type { Mmio } from '../../hal/io';

// GP-SPI2 (ESP-IDF soc/esp32c3 spi_reg.h)
const SPI_CMD = 0x00;
const SPI_CLOCK = 0x0c;
const SPI_USER = 0x10;
const SPI_USER1 = 0x14;
const SPI_USER2 = 0x18;
const SPI_MS_DLEN = 0x1c;
const SPI_DMA_CONF = 0x30;
const SPI_DMA_INT_ENA = 0x34;
const SPI_DMA_INT_CLR = 0x38;
const SPI_W0 = 0x98;
const SPI_USR = 1 << 24;
const SPI_USR_MOSI = 1 << 27;
const SPI_DMA_TX_ENA = 1 << 28;
const SPI_CLOCK_40MHZ = (1 << 12) | 1; // CLKCNT_N 1, CLKCNT_L 1: 80 MHz / 2
const SPI_MAX_TRANSACTION = 32768;
const SPI_BUFFER_BYTES = 64;

// GDMA (ESP-IDF soc/esp32c3 gdma_reg.h), channel 0
const GDMA_INT_RAW_CH0 = 0x00;
const GDMA_INT_ENA_CH0 = 0x08;
const GDMA_INT_CLR_CH0 = 0x0c;
const GDMA_OUT_CONF0_CH0 = 0xd0;
const GDMA_OUT_CONF1_CH0 = 0xd4;
const GDMA_OUT_LINK_CH0 = 0xe0;
const GDMA_OUT_PERI_SEL_CH0 = 0x100;
const GDMA_OUT_RST = 1 << 0;
const GDMA_OUT_CHECK_OWNER = 1 << 12;
const GDMA_OUTLINK_START = 1 << 21;
const GDMA_OUTLINK_ADDR_MASK = 0xfffff;
const GDMA_OUT_DSCR_ERR = 1 << 6;
const GDMA_OUT_TOTAL_EOF = 1 << 8;
const GDMA_PERIPHERAL_SPI2 = 0;
const DESCRIPTOR_BYTES = 12;
const DESCRIPTOR_MAX = 4092;
const DESCRIPTOR_SUC_EOF = 1 << 30;
const DESCRIPTOR_OWNER_DMA = 1 << 31;

// GPIO
const GPIO_OUT_W1TS = 0x08;
const GPIO_OUT_W1TC = 0x0c;
const GPIO_ENABLE_W1TS = 0x24;

// ST7789 column/row address set and memory write
const CASET = 0x2a;
const RASET = 0x2b;
const RAMWR = 0x2c;

const MAX_POLLS = 100_000;

export interface LcdLinkConfig {
  readonly spiBase: number;
  readonly gdmaBase: number;
  readonly gpioBase: number;
  /** The GPIO wired to the panel's D/C input. */
  readonly dcPin: number;
  /** Internal SRAM for descriptors (DMA-capable, 4-byte aligned). */
  readonly descriptorBase: number;
  readonly descriptorBytes: number;
}

export class St7789Link {
  constructor(
    private readonly mmio: Mmio,
    private readonly config: LcdLinkConfig,
  ) {}

  init(): void {
    const { gpioBase, dcPin, gdmaBase, spiBase } = this.config;
    this.mmio.write32(gpioBase + GPIO_ENABLE_W1TS, 1 << dcPin);
    this.mmio.write32(gdmaBase + GDMA_OUT_CONF0_CH0, GDMA_OUT_RST);
    this.mmio.write32(gdmaBase + GDMA_OUT_CONF0_CH0, 0);
    this.mmio.write32(gdmaBase + GDMA_OUT_CONF1_CH0, GDMA_OUT_CHECK_OWNER);
    this.mmio.write32(gdmaBase + GDMA_OUT_PERI_SEL_CH0, GDMA_PERIPHERAL_SPI2);
    this.mmio.write32(gdmaBase + GDMA_INT_ENA_CH0, 0);
    this.mmio.write32(gdmaBase + GDMA_INT_CLR_CH0, 0xffffffff);
    this.mmio.write32(spiBase + SPI_CLOCK, SPI_CLOCK_40MHZ);
    this.mmio.write32(spiBase + SPI_USER, SPI_USR_MOSI); // data phase only: D/C frames commands
    this.mmio.write32(spiBase + SPI_USER1, 0);
    this.mmio.write32(spiBase + SPI_USER2, 0);
    this.mmio.write32(spiBase + SPI_DMA_INT_ENA, 0);
    this.mmio.write32(spiBase + SPI_DMA_INT_CLR, 0xffffffff);
  }

  /** A command byte (D/C low), then its parameters (D/C high). */
  command(code: number, params: readonly number[] = []): void {
    this.setDataMode(false);
    this.cpuTransfer([code]);
    if (params.length > 0) {
      this.setDataMode(true);
      this.cpuTransfer(params);
    }
  }

  /** CASET/RASET (inclusive) then RAMWR: the panel waits for pixels. */
  openWindow(x0: number, y0: number, x1: number, y1: number): void {
    this.command(CASET, [x0 >> 8, x0 & 0xff, x1 >> 8, x1 & 0xff]);
    this.command(RASET, [y0 >> 8, y0 & 0xff, y1 >> 8, y1 & 0xff]);
    this.command(RAMWR);
  }

  /** Sends `bytes` bytes from `buffer` (physical, internal SRAM) as pixel
   * data. With `repeat`, every descriptor points at the start of a
   * `repeat`-byte buffer instead (fills). One DMA transfer either way. */
  sendPixels(buffer: number, bytes: number, repeat = 0): void {
    const { gdmaBase, spiBase, descriptorBase, descriptorBytes } = this.config;
    const chunk = repeat > 0 ? Math.min(repeat, DESCRIPTOR_MAX) & ~3 : DESCRIPTOR_MAX;
    const count = Math.ceil(bytes / chunk);
    if (count * DESCRIPTOR_BYTES > descriptorBytes) throw new Error(`LCD transfer of ${bytes} bytes needs more descriptors than fit`);
    for (let i = 0; i < count; i++) {
      const at = descriptorBase + i * DESCRIPTOR_BYTES;
      const length = Math.min(chunk, bytes - i * chunk);
      const last = i === count - 1;
      const word0 = length | (length << 12) | (last ? DESCRIPTOR_SUC_EOF : 0) | DESCRIPTOR_OWNER_DMA;
      this.mmio.write32(at, word0 >>> 0);
      this.mmio.write32(at + 4, repeat > 0 ? buffer : buffer + i * chunk);
      this.mmio.write32(at + 8, last ? 0 : at + DESCRIPTOR_BYTES);
    }
    this.setDataMode(true);
    this.mmio.write32(gdmaBase + GDMA_INT_CLR_CH0, 0xffffffff);
    this.mmio.write32(gdmaBase + GDMA_OUT_LINK_CH0, ((descriptorBase & GDMA_OUTLINK_ADDR_MASK) | GDMA_OUTLINK_START) >>> 0);
    this.mmio.write32(spiBase + SPI_DMA_CONF, SPI_DMA_TX_ENA);
    for (let left = bytes; left > 0; left -= SPI_MAX_TRANSACTION) {
      const n = Math.min(left, SPI_MAX_TRANSACTION);
      this.mmio.write32(spiBase + SPI_MS_DLEN, n * 8 - 1);
      this.startAndWait();
    }
    this.mmio.write32(spiBase + SPI_DMA_CONF, 0);
    const status = this.waitDma();
    this.mmio.write32(gdmaBase + GDMA_INT_CLR_CH0, status);
  }

  private setDataMode(data: boolean): void {
    const { gpioBase, dcPin } = this.config;
    this.mmio.write32(gpioBase + (data ? GPIO_OUT_W1TS : GPIO_OUT_W1TC), 1 << dcPin);
  }

  /** Up to 64 bytes through W0..W15. */
  private cpuTransfer(bytes: readonly number[]): void {
    const { spiBase } = this.config;
    if (bytes.length > SPI_BUFFER_BYTES) throw new Error('SPI CPU transfer over 64 bytes');
    for (let i = 0; i < bytes.length; i += 4) {
      const word = (bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>> 0;
      this.mmio.write32(spiBase + SPI_W0 + i, word);
    }
    this.mmio.write32(spiBase + SPI_DMA_CONF, 0);
    this.mmio.write32(spiBase + SPI_MS_DLEN, bytes.length * 8 - 1);
    this.startAndWait();
  }

  private startAndWait(): void {
    const { spiBase } = this.config;
    this.mmio.write32(spiBase + SPI_CMD, SPI_USR);
    for (let polls = 0; this.mmio.read32(spiBase + SPI_CMD) & SPI_USR; polls++) {
      if (polls >= MAX_POLLS) throw new Error('SPI2: transaction never finished');
    }
  }

  private waitDma(): number {
    const { gdmaBase } = this.config;
    for (let polls = 0; polls < MAX_POLLS; polls++) {
      const raw = this.mmio.read32(gdmaBase + GDMA_INT_RAW_CH0);
      if (raw & GDMA_OUT_DSCR_ERR) throw new Error('GDMA: descriptor error on the LCD transfer');
      if (raw & GDMA_OUT_TOTAL_EOF) return raw;
    }
    throw new Error('GDMA: the LCD transfer never finished');
  }
}
