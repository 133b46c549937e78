/**
 * BlockIo over a board's BlockDevice (hal/block-device.ts). Requests are
 * submitted as usual and then polled to completion inside the call: the
 * boards' disks complete a request at once (the ATA model with no latency
 * raises DRQ as the command is written; the SPI flash driver finishes
 * before returning), and where a device would complete from its interrupt
 * the poll calls its interrupt handler, as a polled-mode driver does. So a
 * file system above runs synchronously, inside one system call, without
 * the restart of a sleeping call half-way through a metadata update.
 */
import type { BlockDevice } from '../../../hal/block-device';
import { BlockIo, BlockIoError } from './block-io';

const MAX_POLLS = 1_000_000;
/** The most sectors one request moves (an ATA command's limit is 256). */
const MAX_SECTORS_PER_REQUEST = 256;

export class PolledBlockIo implements BlockIo {
  constructor(
    private readonly device: BlockDevice,
    readonly readOnly: boolean,
  ) {}

  get sectorSize(): number {
    return this.device.sectorSize;
  }

  get sectorCount(): number {
    return this.device.sectorCount;
  }

  read(lba: number, count: number, into: Uint8Array): void {
    for (let done = 0; done < count; done += MAX_SECTORS_PER_REQUEST) {
      const n = Math.min(MAX_SECTORS_PER_REQUEST, count - done);
      const part = into.subarray(done * this.sectorSize, (done + n) * this.sectorSize);
      this.wait((cb) => this.device.read(lba + done, n, part, cb));
    }
  }

  write(lba: number, count: number, from: Uint8Array): void {
    if (this.readOnly) throw new BlockIoError('the device is read-only');
    for (let done = 0; done < count; done += MAX_SECTORS_PER_REQUEST) {
      const n = Math.min(MAX_SECTORS_PER_REQUEST, count - done);
      const part = from.subarray(done * this.sectorSize, (done + n) * this.sectorSize);
      this.wait((cb) => this.device.write(lba + done, n, part, cb));
    }
  }

  flush(): void {
    this.wait((cb) => this.device.flush(cb));
  }

  private wait(start: (done: (error: string | null) => void) => void): void {
    let finished = false;
    let failure: string | null = null;
    start((error) => {
      finished = true;
      failure = error;
    });
    for (let i = 0; !finished && i < MAX_POLLS; i++) this.device.handleInterrupt?.();
    if (!finished) throw new BlockIoError('the device did not complete the request');
    if (failure !== null) throw new BlockIoError(failure);
  }
}
