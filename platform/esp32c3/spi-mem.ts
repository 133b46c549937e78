/**
 * ESP32-C3 SPI1, the flash's SPI memory controller as software drives it,
 * at 0x6000_2000 (TRM chapter "SPI Controller"; offsets from ESP-IDF's
 * soc/esp32c3/include/soc/spi_mem_struct.h).
 *
 * Two ways to run a flash command, both as ESP-IDF's spi_flash HAL does:
 *  - the command bits of CMD (FLASH_READ 31, WREN 30, WRDI 29, RDID 28,
 *    RDSR 27, WRSR 26, PP 25, SE 24, BE 23, CE 22): PP and SE take the flash
 *    address from ADDR 23:0 and PP its byte count from ADDR 31:24, data in
 *    W0..W15; RDSR and RDID answer in RD_STATUS;
 *  - USR (bit 18): the command from USER2 (COMMAND_BITLEN + 1 bits), the
 *    address phase from the top USR_ADDR_BITLEN + 1 bits of ADDR, MOSI data
 *    (MOSI_DLEN + 1 bits) from W0.., MISO data (MISO_DLEN + 1 bits) into W0...
 * A command completes before the write returns: the CMD bits read back 0.
 */
import { AccessSize, MmioDevice } from '../bus/devices';
import { FLASH_CE, FLASH_PP, FLASH_RDID, FLASH_RDSR, FLASH_READ, FLASH_SE, FLASH_BE64, FLASH_WRDI, FLASH_WREN, FLASH_WRSR, SpiFlashChip } from './spi-flash-chip';

export const SPI_MEM_CMD = 0x00;
export const SPI_MEM_ADDR = 0x04;
export const SPI_MEM_CTRL = 0x08;
export const SPI_MEM_CTRL1 = 0x0c;
export const SPI_MEM_CTRL2 = 0x10;
export const SPI_MEM_CLOCK = 0x14;
export const SPI_MEM_USER = 0x18;
export const SPI_MEM_USER1 = 0x1c;
export const SPI_MEM_USER2 = 0x20;
export const SPI_MEM_MOSI_DLEN = 0x24;
export const SPI_MEM_MISO_DLEN = 0x28;
export const SPI_MEM_RD_STATUS = 0x2c;
export const SPI_MEM_MISC = 0x34;
export const SPI_MEM_W0 = 0x58;
export const SPI_MEM_DATE = 0x3fc;

export const SPI_MEM_FLASH_READ = 1 << 31;
export const SPI_MEM_FLASH_WREN = 1 << 30;
export const SPI_MEM_FLASH_WRDI = 1 << 29;
export const SPI_MEM_FLASH_RDID = 1 << 28;
export const SPI_MEM_FLASH_RDSR = 1 << 27;
export const SPI_MEM_FLASH_WRSR = 1 << 26;
export const SPI_MEM_FLASH_PP = 1 << 25;
export const SPI_MEM_FLASH_SE = 1 << 24;
export const SPI_MEM_FLASH_BE = 1 << 23;
export const SPI_MEM_FLASH_CE = 1 << 22;
export const SPI_MEM_USR = 1 << 18;

export const SPI_MEM_USR_MOSI = 1 << 27; // USER
export const SPI_MEM_USR_MISO = 1 << 28;
export const SPI_MEM_USR_DUMMY = 1 << 29;
export const SPI_MEM_USR_ADDR = 1 << 30;
export const SPI_MEM_USR_COMMAND = 1 << 31;
export const SPI_MEM_USR_ADDR_BITLEN_S = 26; // USER1 31:26
export const SPI_MEM_USR_COMMAND_BITLEN_S = 28; // USER2 31:28
export const SPI_MEM_BUFFER_BYTES = 64;

const DATE_VALUE = 0x2007130;

export class SpiMem implements MmioDevice {
  readonly name = 'spi1';
  private readonly regs = new Uint32Array(0x400 >>> 2);
  private readonly buffer = new Uint8Array(SPI_MEM_BUFFER_BYTES);
  private readonly bufferView = new DataView(this.buffer.buffer);

  constructor(readonly chip: SpiFlashChip) {}

  read(offset: number, _size: AccessSize): number {
    if (offset >= SPI_MEM_W0 && offset < SPI_MEM_W0 + SPI_MEM_BUFFER_BYTES) return this.bufferView.getUint32(offset - SPI_MEM_W0, true);
    if (offset === SPI_MEM_CMD) return 0; // every command has completed
    if (offset === SPI_MEM_DATE) return DATE_VALUE;
    return this.regs[offset >>> 2] ?? 0;
  }

  write(offset: number, _size: AccessSize, value: number): void {
    value >>>= 0;
    if (offset >= SPI_MEM_W0 && offset < SPI_MEM_W0 + SPI_MEM_BUFFER_BYTES) {
      this.bufferView.setUint32(offset - SPI_MEM_W0, value, true);
      return;
    }
    if (offset === SPI_MEM_CMD) {
      this.runCommandBits(value);
      return;
    }
    if (offset >>> 2 < this.regs.length) this.regs[offset >>> 2] = value;
  }

  private runCommandBits(cmd: number): void {
    const addr = this.regs[SPI_MEM_ADDR >>> 2];
    const chip = this.chip;
    const none = new Uint8Array(0);
    if (cmd & SPI_MEM_USR) this.userCommand();
    if (cmd & SPI_MEM_FLASH_WREN) chip.command(FLASH_WREN, null, none, 0);
    if (cmd & SPI_MEM_FLASH_WRDI) chip.command(FLASH_WRDI, null, none, 0);
    if (cmd & SPI_MEM_FLASH_RDSR) this.regs[SPI_MEM_RD_STATUS >>> 2] = chip.command(FLASH_RDSR, null, none, 1)[0];
    if (cmd & SPI_MEM_FLASH_RDID) {
      const id = chip.command(FLASH_RDID, null, none, 3);
      this.regs[SPI_MEM_RD_STATUS >>> 2] = id[0] | (id[1] << 8) | (id[2] << 16);
    }
    if (cmd & SPI_MEM_FLASH_WRSR) chip.command(FLASH_WRSR, null, this.buffer.subarray(0, 1), 0);
    if (cmd & SPI_MEM_FLASH_READ) {
      const length = Math.min(addr >>> 24, SPI_MEM_BUFFER_BYTES);
      this.buffer.set(chip.command(FLASH_READ, addr & 0xffffff, none, length));
    }
    if (cmd & SPI_MEM_FLASH_PP) {
      const length = Math.min(addr >>> 24, SPI_MEM_BUFFER_BYTES);
      chip.command(FLASH_PP, addr & 0xffffff, this.buffer.subarray(0, length), 0);
    }
    if (cmd & SPI_MEM_FLASH_SE) chip.command(FLASH_SE, addr & 0xffffff, none, 0);
    if (cmd & SPI_MEM_FLASH_BE) chip.command(FLASH_BE64, addr & 0xffffff, none, 0);
    if (cmd & SPI_MEM_FLASH_CE) chip.command(FLASH_CE, null, none, 0);
  }

  /** USR: command, address, MOSI and MISO phases as USER configures. */
  private userCommand(): void {
    const user = this.regs[SPI_MEM_USER >>> 2];
    if (!(user & SPI_MEM_USR_COMMAND)) return; // a flash needs an opcode
    const user2 = this.regs[SPI_MEM_USER2 >>> 2];
    const opcode = user2 & 0xff;
    let address: number | null = null;
    if (user & SPI_MEM_USR_ADDR) {
      const bits = ((this.regs[SPI_MEM_USER1 >>> 2] >>> SPI_MEM_USR_ADDR_BITLEN_S) & 0x3f) + 1;
      address = bits >= 32 ? this.regs[SPI_MEM_ADDR >>> 2] : this.regs[SPI_MEM_ADDR >>> 2] >>> (32 - bits);
    }
    const mosiBytes = user & SPI_MEM_USR_MOSI ? Math.min(((this.regs[SPI_MEM_MOSI_DLEN >>> 2] & 0x3ff) + 1) >>> 3, SPI_MEM_BUFFER_BYTES) : 0;
    const misoBytes = user & SPI_MEM_USR_MISO ? Math.min(((this.regs[SPI_MEM_MISO_DLEN >>> 2] & 0x3ff) + 1) >>> 3, SPI_MEM_BUFFER_BYTES) : 0;
    const mosi = this.buffer.slice(0, mosiBytes);
    const miso = this.chip.command(opcode, address, mosi, misoBytes);
    this.buffer.set(miso);
  }
}
