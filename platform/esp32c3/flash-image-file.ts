/**
 * The file behind the esp32c3 board's SPI flash (`--disk IMAGE[,ro]`): the
 * image is read into the chip at start, and every program or erase the
 * guest makes is written to the file as the chip carries it out (the chip
 * reports the bytes it changed). Flash has no cache, so a driver that saw
 * its write complete may rely on it: killing the host right after loses
 * nothing. A read-only image is loaded into a write-protected chip and
 * never written.
 */
import * as fs from 'fs';
import { FLASH_SECTOR_SIZE, FlashWriteSink, SpiFlashChip } from './spi-flash-chip';

export class FlashImageFile implements FlashWriteSink {
  private fd: number | null;

  private constructor(
    private readonly chip: SpiFlashChip,
    readonly path: string,
    readonly readOnly: boolean,
    private fileBytes: number,
  ) {
    this.fd = readOnly ? null : fs.openSync(path, 'r+');
  }

  /** Loads `path` into `chip` and, unless read-only, writes the chip's
   * changes to it from now on; a missing or unreadable file, or one larger
   * than the flash, is a clear error. */
  static open(chip: SpiFlashChip, path: string, readOnly: boolean): FlashImageFile {
    let contents: Buffer;
    try {
      contents = fs.readFileSync(path);
    } catch (e) {
      throw new Error(`cannot read flash image ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!readOnly) {
      try {
        fs.accessSync(path, fs.constants.W_OK);
      } catch {
        throw new Error(`flash image ${path} is not writable (use ${path},ro for a read-only disk)`);
      }
    }
    chip.load(new Uint8Array(contents.buffer, contents.byteOffset, contents.length), readOnly);
    const file = new FlashImageFile(chip, path, readOnly, contents.length);
    if (!readOnly) chip.sink = file;
    return file;
  }

  /** The chip changed [offset, offset+length). Inside the file's length the
   * bytes are written in place. Past the end of a short image, the file
   * grows with the flash's contents up to the end of the change's 4 KiB
   * sector, only when the change holds programmed bytes (erased flash
   * reads 0xFF, as the missing tail is loaded). */
  changed(offset: number, length: number): void {
    if (this.fd === null) return;
    const image = this.chip.image;
    const end = offset + length;
    const inside = Math.min(end, this.fileBytes);
    if (inside > offset) this.writeRange(offset, inside);
    if (end > this.fileBytes && !image.subarray(Math.max(offset, this.fileBytes), end).every((b) => b === 0xff)) {
      const sectorEnd = Math.min(Math.ceil(end / FLASH_SECTOR_SIZE) * FLASH_SECTOR_SIZE, image.length);
      this.writeRange(this.fileBytes, sectorEnd);
      this.fileBytes = sectorEnd;
    }
  }

  /** Bytes the file holds now. */
  get size(): number {
    return this.fileBytes;
  }

  /** Stops writing: the chip's later changes stay in memory only. With
   * `durable`, asks the host's kernel to put the file on its disk first. */
  close(durable: boolean): void {
    if (this.fd === null) return;
    if (this.chip.sink === this) this.chip.sink = null;
    try {
      if (durable) fs.fdatasyncSync(this.fd);
    } finally {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }

  private writeRange(from: number, to: number): void {
    let at = from;
    while (at < to) at += fs.writeSync(this.fd!, this.chip.image, at, to - at, at);
  }
}
