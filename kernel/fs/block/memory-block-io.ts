/**
 * A BlockIo over bytes in memory: the image a host tool builds before
 * writing it out, and the fuzz tests' mutated images.
 */
import { BlockIo, BlockIoError } from './block-io';

export class MemoryBlockIo implements BlockIo {
  readonly sectorSize = 512;
  constructor(
    readonly bytes: Uint8Array,
    readonly readOnly = false,
  ) {}

  get sectorCount(): number {
    return Math.floor(this.bytes.length / this.sectorSize);
  }

  read(lba: number, count: number, into: Uint8Array): void {
    this.check(lba, count);
    into.set(this.bytes.subarray(lba * this.sectorSize, (lba + count) * this.sectorSize));
  }

  write(lba: number, count: number, from: Uint8Array): void {
    if (this.readOnly) throw new BlockIoError('read-only');
    this.check(lba, count);
    this.bytes.set(from.subarray(0, count * this.sectorSize), lba * this.sectorSize);
  }

  flush(): void {}

  private check(lba: number, count: number): void {
    if (!(lba >= 0 && count >= 0 && lba + count <= this.sectorCount)) throw new BlockIoError(`sectors ${lba}+${count} are past the end (${this.sectorCount})`);
  }
}
