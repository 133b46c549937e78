/**
 * The file behind the esp32c3 board's SPI flash (`--disk IMAGE[,ro]`): the
 * image is read into the chip at start, and the 4 KiB sectors the guest
 * programmed or erased are written back by save(), which the host calls
 * when the guest flushes and at a clean shutdown. A read-only image is
 * loaded into a write-protected chip and never written.
 */
import * as fs from 'fs';
import { FLASH_SECTOR_SIZE, SpiFlashChip } from './spi-flash-chip';

export class FlashImageFile {
  private constructor(
    private readonly chip: SpiFlashChip,
    readonly path: string,
    readonly readOnly: boolean,
    private fileBytes: number,
  ) {}

  /** Loads `path` into `chip`; a missing or unreadable file, or one larger
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
    return new FlashImageFile(chip, path, readOnly, contents.length);
  }

  /** Writes the changed sectors back; returns how many writes it made.
   * A sector written past the end of a short image extends the file with
   * the flash's contents up to it (erased bytes read back as 0xFF). */
  save(): number {
    if (this.readOnly || !this.chip.dirty) return 0;
    const image = this.chip.image;
    const dirty = this.chip.dirtySectors;
    let newEnd = this.fileBytes;
    for (let s = 0; s < dirty.length; s++) {
      const start = s * FLASH_SECTOR_SIZE;
      const end = start + FLASH_SECTOR_SIZE;
      if (dirty[s] && end > newEnd && !image.subarray(Math.max(start, this.fileBytes), end).every((b) => b === 0xff)) newEnd = end;
    }
    const fd = fs.openSync(this.path, 'r+');
    let written = 0;
    try {
      for (let s = 0; s < dirty.length; s++) {
        if (!dirty[s]) continue;
        dirty[s] = 0;
        const start = s * FLASH_SECTOR_SIZE;
        const end = Math.min(start + FLASH_SECTOR_SIZE, this.fileBytes);
        if (end > start) {
          fs.writeSync(fd, image, start, end - start, start);
          written++;
        }
      }
      if (newEnd > this.fileBytes) {
        fs.writeSync(fd, image, this.fileBytes, newEnd - this.fileBytes, this.fileBytes);
        this.fileBytes = newEnd;
        written++;
      }
    } finally {
      fs.closeSync(fd);
    }
    this.chip.dirty = false;
    return written;
  }
}
