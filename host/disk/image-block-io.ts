/**
 * A disk image file as a BlockIo, for the kernel's ext2 code running on the
 * host (`jos disk`, tests, the bench's host figures): 512-byte sectors read
 * and written in place with positioned file I/O; flush is fsync.
 */
import * as fs from 'fs';
import { BlockIo, BlockIoError } from '../../kernel/fs/block/block-io';

export class ImageBlockIo implements BlockIo {
  readonly sectorSize = 512;
  readonly sectorCount: number;
  private fd: number | null;

  constructor(
    readonly path: string,
    readonly readOnly: boolean,
  ) {
    this.fd = fs.openSync(path, readOnly ? 'r' : 'r+');
    this.sectorCount = Math.floor(fs.fstatSync(this.fd).size / this.sectorSize);
  }

  read(lba: number, count: number, into: Uint8Array): void {
    this.check(lba, count);
    const length = count * this.sectorSize;
    const n = fs.readSync(this.open(), into, 0, length, lba * this.sectorSize);
    if (n < length) into.fill(0, n, length);
  }

  write(lba: number, count: number, from: Uint8Array): void {
    if (this.readOnly) throw new BlockIoError(`${this.path} is read-only`);
    this.check(lba, count);
    fs.writeSync(this.open(), from, 0, count * this.sectorSize, lba * this.sectorSize);
  }

  flush(): void {
    if (!this.readOnly) fs.fsyncSync(this.open());
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd === null) throw new BlockIoError(`${this.path} is closed`);
    return this.fd;
  }

  private check(lba: number, count: number): void {
    if (!(lba >= 0 && count >= 0 && lba + count <= this.sectorCount)) {
      throw new BlockIoError(`sectors ${lba}+${count} are past the end of ${this.path} (${this.sectorCount} sectors)`);
    }
  }
}
