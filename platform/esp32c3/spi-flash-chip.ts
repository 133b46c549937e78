/**
 * A SPI NOR flash chip of the kind ESP32-C3 modules carry (GigaDevice
 * GD25Q-class; command set per its datasheet, section "Commands"), 16 MiB
 * by default, backed by an in-memory image the host loads from a file.
 *
 * Commands: WREN 06, WRDI 04, RDSR 05 / RDSR2 35, WRSR 01, READ 03,
 * FAST_READ 0B, PP 02 (within one 256-byte page; programming only clears
 * bits), SE 20 (4 KiB), BE32 52, BE64 D8, CE 60/C7 (erase sets 0xFF), RDID 9F,
 * DP B9 / RDP AB. Program and erase need WEL (cleared after), set WIP for
 * their duration (zero by default: the host is as fast as any flash, as the
 * UART wire is), and are refused while WIP is set or the block-protect bits
 * are non-zero (the model protects the whole array for any BP value rather
 * than decoding partial ranges). A read-only image is the chip with BP set
 * and its status register hardware-locked (SRP0 with WP# low), so software
 * sees exactly why writes do nothing.
 *
 * The bytes a program or erase changed are reported to `sink` (the host's
 * image file) as the command completes: flash keeps no cache, so what the
 * guest was told is written is in the file, even if the host is killed.
 */
import type { Clock } from '../clock';

export const FLASH_WRSR = 0x01;
export const FLASH_PP = 0x02;
export const FLASH_READ = 0x03;
export const FLASH_WRDI = 0x04;
export const FLASH_RDSR = 0x05;
export const FLASH_WREN = 0x06;
export const FLASH_FAST_READ = 0x0b;
export const FLASH_SE = 0x20;
export const FLASH_RDSR2 = 0x35;
export const FLASH_BE32 = 0x52;
export const FLASH_CE = 0x60;
export const FLASH_RDID = 0x9f;
export const FLASH_RDP = 0xab;
export const FLASH_DP = 0xb9;
export const FLASH_CE_ALT = 0xc7;
export const FLASH_BE64 = 0xd8;

export const STATUS_WIP = 1 << 0;
export const STATUS_WEL = 1 << 1;
export const STATUS_BP_MASK = 0x7c; // BP0..BP4
export const STATUS_SRP0 = 1 << 7;

export const FLASH_PAGE_SIZE = 256;
export const FLASH_SECTOR_SIZE = 4096;
const MANUFACTURER_GIGADEVICE = 0xc8;
const MEMORY_TYPE = 0x40;

export interface FlashTiming {
  pageProgramNs: number;
  sectorEraseNs: number;
  blockEraseNs: number;
  chipEraseNs: number;
}

const INSTANT: FlashTiming = { pageProgramNs: 0, sectorEraseNs: 0, blockEraseNs: 0, chipEraseNs: 0 };

/** Told of every byte range a program or erase has just changed. */
export interface FlashWriteSink {
  changed(offset: number, length: number): void;
}

export class SpiFlashChip {
  /** The chip's bytes once something needed them (see `image`). */
  private contents: Uint8Array | null = null;
  private status = 0;
  private busyUntilNs = 0;
  private locked = false;
  /** Where changed bytes go (the host's image file); null: nowhere. */
  sink: FlashWriteSink | null = null;
  /** Programs and erases carried out since power-on (tests, statistics). */
  writes = 0;

  constructor(
    readonly sizeBytes: number = 16 << 20,
    private readonly clock: Clock | null = null,
    readOnly = false,
    private readonly timing: FlashTiming = INSTANT,
  ) {
    if (sizeBytes < FLASH_SECTOR_SIZE || (sizeBytes & (sizeBytes - 1)) !== 0) {
      throw new Error(`flash size ${sizeBytes} is not a power of two of at least 4 KiB`);
    }
    this.setReadOnly(readOnly);
  }

  /** The chip's bytes, erased (0xFF) until written or loaded. They are
   * made when first needed: erasing 16 MiB at power-on cost every
   * esp32c3 start-up several milliseconds, and a run without a disk image
   * never reads them (start-up time, docs/bench.md). */
  get image(): Uint8Array {
    if (this.contents === null) this.contents = new Uint8Array(this.sizeBytes).fill(0xff);
    return this.contents;
  }

  get readOnly(): boolean {
    return this.locked;
  }

  /** Read-only: block-protected with the status register locked. */
  setReadOnly(readOnly: boolean): void {
    this.locked = readOnly;
    this.status = readOnly ? STATUS_BP_MASK | STATUS_SRP0 : 0;
  }

  /** The host fills the chip from an image file (shorter images leave the
   * rest erased). */
  load(contents: Uint8Array, readOnly = this.locked): void {
    if (contents.length > this.sizeBytes) {
      throw new Error(`flash image of ${contents.length} bytes does not fit the ${this.sizeBytes}-byte flash`);
    }
    this.image.fill(0xff);
    this.image.set(contents);
    this.setReadOnly(readOnly);
  }

  statusRegister(): number {
    return (this.status & ~STATUS_WIP) | (this.busy() ? STATUS_WIP : 0);
  }

  /** One chip-select cycle: opcode, its address (or null), bytes the host
   * sends after it, and how many bytes it reads back. */
  command(opcode: number, address: number | null, mosi: Uint8Array, misoLength: number): Uint8Array {
    const miso = new Uint8Array(misoLength).fill(0xff);
    if (this.busy() && opcode !== FLASH_RDSR && opcode !== FLASH_RDSR2) return miso;
    const addr = (address ?? 0) & (this.sizeBytes - 1);
    switch (opcode) {
      case FLASH_WREN:
        this.status |= STATUS_WEL;
        break;
      case FLASH_WRDI:
        this.status &= ~STATUS_WEL;
        break;
      case FLASH_RDSR:
        miso.fill(this.statusRegister() & 0xff);
        break;
      case FLASH_RDSR2:
        miso.fill(0);
        break;
      case FLASH_WRSR:
        if (this.status & STATUS_WEL && !this.locked && mosi.length > 0) {
          this.status = (this.status & (STATUS_WIP | STATUS_WEL)) | (mosi[0] & (STATUS_BP_MASK | STATUS_SRP0));
        }
        this.status &= ~STATUS_WEL;
        break;
      case FLASH_READ:
      case FLASH_FAST_READ:
        if (this.contents === null) miso.fill(0xff, 0, misoLength);
        else for (let i = 0; i < misoLength; i++) miso[i] = this.contents[(addr + i) & (this.sizeBytes - 1)];
        break;
      case FLASH_PP:
        if (this.writable()) {
          const page = addr & ~(FLASH_PAGE_SIZE - 1);
          const image = this.image;
          for (let i = 0; i < mosi.length; i++) {
            const at = page + ((addr + i) & (FLASH_PAGE_SIZE - 1));
            image[at] &= mosi[i];
          }
          // Past the page's end the address wraps to its start: the whole page changed.
          const inPage = addr - page + mosi.length <= FLASH_PAGE_SIZE;
          this.finishWrite(this.timing.pageProgramNs, inPage ? addr : page, inPage ? mosi.length : FLASH_PAGE_SIZE);
        }
        break;
      case FLASH_SE:
        this.erase(addr, FLASH_SECTOR_SIZE, this.timing.sectorEraseNs);
        break;
      case FLASH_BE32:
        this.erase(addr, 32 << 10, this.timing.blockEraseNs);
        break;
      case FLASH_BE64:
        this.erase(addr, 64 << 10, this.timing.blockEraseNs);
        break;
      case FLASH_CE:
      case FLASH_CE_ALT:
        this.erase(0, this.sizeBytes, this.timing.chipEraseNs);
        break;
      case FLASH_RDID: {
        const id = [MANUFACTURER_GIGADEVICE, MEMORY_TYPE, Math.log2(this.sizeBytes)];
        for (let i = 0; i < misoLength; i++) miso[i] = id[i % 3];
        break;
      }
      case FLASH_DP:
      case FLASH_RDP:
        break;
      default:
        break;
    }
    return miso;
  }

  private busy(): boolean {
    return this.clock !== null && this.clock.nowNs() < this.busyUntilNs;
  }

  private writable(): boolean {
    const ok = (this.status & STATUS_WEL) !== 0 && (this.status & STATUS_BP_MASK) === 0;
    if (!ok) this.status &= ~STATUS_WEL;
    return ok;
  }

  private erase(addr: number, size: number, durationNs: number): void {
    if (!this.writable()) return;
    const start = addr & ~(size - 1);
    this.contents?.fill(0xff, start, start + size); // an image not made yet is erased
    this.finishWrite(durationNs, start, size);
  }

  private finishWrite(durationNs: number, offset: number, length: number): void {
    this.status &= ~STATUS_WEL;
    this.writes++;
    if (this.clock && durationNs > 0) this.busyUntilNs = this.clock.nowNs() + durationNs;
    if (length > 0) this.sink?.changed(offset, length);
  }
}
