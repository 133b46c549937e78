/**
 * Synchronous sector access, what the buffer cache and ext2 are written
 * against: the kernel's PolledBlockIo over a board's BlockDevice, or a host
 * image file (`jos disk`). Failures throw BlockIoError with the device's
 * message; the cache turns them into EIO.
 */
export interface BlockIo {
  readonly sectorSize: number;
  readonly sectorCount: number;
  /** The medium refuses writes (a `,ro` image, a write-protected chip). */
  readonly readOnly: boolean;
  read(lba: number, count: number, into: Uint8Array): void;
  write(lba: number, count: number, from: Uint8Array): void;
  /** Makes written sectors durable (ATA FLUSH CACHE). */
  flush(): void;
}

export class BlockIoError extends Error {}
