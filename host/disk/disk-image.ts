/**
 * A disk image file behind a board's block device (pc ATA disk, esp32c3 SPI
 * flash). The whole image is loaded into memory, where the device model
 * reads and writes it; the device reports the bytes it changed, and the
 * changed sectors go back to the file on flush (the guest's FLUSH CACHE, or
 * flush()) and on a clean shutdown (close()). A read-only image (`,ro`) is
 * opened read-only and never written, whatever the guest does.
 *
 * A device with a fixed capacity (a flash chip) takes an image up to that
 * size; a shorter image is padded in memory with the device's erased value
 * and grows on the first write-back past its end.
 */
import * as fs from 'fs';

export interface DiskSpec {
  readonly path: string;
  readonly readOnly: boolean;
}

export interface DiskGeometry {
  /** Bytes per sector: the unit of dirty tracking and write-back. */
  readonly sectorSize: number;
  /** The device's fixed size in bytes; absent: the image's size is the disk's. */
  readonly capacityBytes?: number;
  /** What memory past a short image holds (0xFF for erased flash). */
  readonly fill?: number;
  /** For messages: 'ATA disk', 'SPI flash'. */
  readonly deviceName?: string;
}

/** `IMAGE`, `IMAGE,rw` or `IMAGE,ro`. */
export function parseDiskSpec(spec: string): DiskSpec {
  const comma = spec.lastIndexOf(',');
  const mode = comma >= 0 ? spec.slice(comma + 1) : '';
  if (comma >= 0 && (mode === 'ro' || mode === 'rw')) {
    if (comma === 0) throw new Error(`--disk "${spec}": no image file before ",${mode}"`);
    return { path: spec.slice(0, comma), readOnly: mode === 'ro' };
  }
  if (spec.length === 0) throw new Error('--disk needs an image file (IMAGE or IMAGE,ro)');
  return { path: spec, readOnly: false };
}

export class DiskImage {
  /** The disk's contents: the device reads and writes here. */
  readonly data: Uint8Array;
  readonly sectorSize: number;
  private readonly dirty: Uint8Array;
  private dirtyCount = 0;
  private held = false;
  private fd: number | null;
  /** Bytes the file holds now (grows when a padded image is written past its end). */
  private fileBytes: number;

  private constructor(
    readonly spec: DiskSpec,
    fd: number,
    fileBytes: number,
    data: Uint8Array,
    sectorSize: number,
  ) {
    this.fd = fd;
    this.fileBytes = fileBytes;
    this.data = data;
    this.sectorSize = sectorSize;
    this.dirty = new Uint8Array(Math.ceil(data.length / sectorSize));
  }

  static open(spec: DiskSpec, geometry: DiskGeometry): DiskImage {
    const { fd, size } = openChecked(spec, geometry);
    try {
      const length = geometry.capacityBytes ?? size;
      const data = new Uint8Array(length);
      if (length > size) data.fill(geometry.fill ?? 0, size);
      let read = 0;
      while (read < size) {
        const n = fs.readSync(fd, data, read, size - read, read);
        if (n === 0) throw new Error(`the file ended after ${read} of ${size} bytes`);
        read += n;
      }
      return new DiskImage(spec, fd, size, data, geometry.sectorSize);
    } catch (error) {
      fs.closeSync(fd);
      throw new Error(`disk image ${spec.path}: ${(error as Error).message}`);
    }
  }

  get readOnly(): boolean {
    return this.spec.readOnly;
  }

  get sectorCount(): number {
    return Math.floor(this.data.length / this.sectorSize);
  }

  /** Sectors changed since the last write-back. */
  get pendingSectors(): number {
    return this.dirtyCount;
  }

  /** The device changed `length` bytes at `offset` of `data`. */
  written(offset: number, length: number): void {
    if (this.readOnly || length <= 0) return;
    if (offset < 0 || offset + length > this.data.length) throw new RangeError(`write of ${length} bytes at ${offset} is outside the ${this.data.length}-byte disk`);
    const first = Math.floor(offset / this.sectorSize);
    const last = Math.floor((offset + length - 1) / this.sectorSize);
    for (let s = first; s <= last; s++) {
      if (!this.dirty[s]) {
        this.dirty[s] = 1;
        this.dirtyCount++;
      }
    }
  }

  /** Writes the changed sectors to the file (runs of them, one write each);
   * returns how many sectors were written. Never touches a read-only image. */
  flush(): number {
    if (this.readOnly || this.fd === null || this.dirtyCount === 0 || this.held) return 0;
    let written = 0;
    for (let s = 0; s < this.dirty.length; ) {
      if (!this.dirty[s]) {
        s++;
        continue;
      }
      let end = s;
      while (end < this.dirty.length && this.dirty[end]) this.dirty[end++] = 0;
      // A run past the end of a short (padded) image starts at the file's end,
      // so the gap gets the padding the device saw, not a hole of zeros.
      const from = Math.min(s * this.sectorSize, this.fileBytes);
      const to = Math.min(end * this.sectorSize, this.data.length);
      this.writeAll(from, to);
      written += end - s;
      s = end;
    }
    this.dirtyCount = 0;
    fs.fsyncSync(this.fd);
    return written;
  }

  /** Until revert(): nothing reaches the file, whatever the guest flushes. */
  hold(): void {
    this.flush();
    this.held = true;
  }

  /** Forgets every change since the file was last written: the bytes are
   * the file's again (a restored snapshot's machine booted afresh and wrote
   * to the disk; the snapshot's disk is the file). */
  revert(): void {
    this.held = false;
    if (this.fd === null) return;
    let read = 0;
    while (read < this.fileBytes) {
      const n = fs.readSync(this.fd, this.data, read, this.fileBytes - read, read);
      if (n === 0) throw new Error(`disk image ${this.spec.path}: the file ended after ${read} of ${this.fileBytes} bytes`);
      read += n;
    }
    this.dirty.fill(0);
    this.dirtyCount = 0;
  }

  /** Clean shutdown: write back, then release the file. */
  close(): void {
    if (this.fd === null) return;
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }

  /** After an error: release the file without writing; returns the sectors dropped. */
  abandon(): number {
    const dropped = this.dirtyCount;
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    return dropped;
  }

  private writeAll(from: number, to: number): void {
    let at = from;
    while (at < to) at += fs.writeSync(this.fd!, this.data, at, to - at, at);
    if (to > this.fileBytes) this.fileBytes = to;
  }
}

/** Checks that an image file can back the device (exists, opens in the
 * wanted mode, is a non-empty regular file of a size that fits); returns
 * its size. Every problem is an Error naming the file. */
export function checkImageFile(spec: DiskSpec, geometry: DiskGeometry): number {
  const { fd, size } = openChecked(spec, geometry);
  fs.closeSync(fd);
  return size;
}

function openChecked(spec: DiskSpec, geometry: DiskGeometry): { fd: number; size: number } {
  const device = geometry.deviceName ?? 'disk';
  let fd: number;
  try {
    fd = fs.openSync(spec.path, spec.readOnly ? 'r' : 'r+');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file'
      : code === 'EACCES' || code === 'EPERM' ? `permission denied${spec.readOnly ? '' : ' (read-write; add ,ro to open it read-only)'}`
      : code === 'EISDIR' ? 'it is a directory'
      : (error as Error).message;
    throw new Error(`disk image ${spec.path}: ${why}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    const size = stat.size;
    if (size === 0) throw new Error('the file is empty');
    if (geometry.capacityBytes !== undefined && size > geometry.capacityBytes) {
      throw new Error(`${size} bytes do not fit the ${device} (${geometry.capacityBytes} bytes)`);
    }
    if (geometry.capacityBytes === undefined && size % geometry.sectorSize !== 0) {
      throw new Error(`${size} bytes is not a whole number of ${geometry.sectorSize}-byte sectors`);
    }
    if ((geometry.capacityBytes ?? size) > 2 ** 31) throw new Error(`${size} bytes is larger than JOS loads into memory (2 GiB)`);
    return { fd, size };
  } catch (error) {
    fs.closeSync(fd);
    throw new Error(`disk image ${spec.path}: ${(error as Error).message}`);
  }
}
