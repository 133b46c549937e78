/**
 * The medium behind a disk model: the image's bytes in memory, which the
 * host loads from and writes back to a file (host/disk). The model reads
 * and writes the bytes in place, reports what it changed, and passes the
 * guest's cache flush on, so the host persists writes on FLUSH CACHE and
 * on a clean shutdown; a read-only medium refuses writes.
 *
 * The shapes match host/disk/disk-session.ts's DiskMedium and DiskSlot
 * (bound under DISK_SLOT), declared here so platform/ does not import host/.
 */
export const SECTOR_SIZE = 512;

export interface DiskMedium {
  readonly data: Uint8Array;
  readonly readOnly: boolean;
  written(offset: number, length: number): void;
  flush(): void;
}

export interface DiskSlot {
  readonly geometry: { readonly sectorSize: number; readonly capacityBytes?: number; readonly fill?: number; readonly deviceName?: string };
  insert(medium: DiskMedium): void;
}

export const DISK_SLOT = Symbol.for('jos.platform.DiskSlot');

/** A medium held only in memory (tests, a scratch disk). */
export function memoryMedium(data: Uint8Array, readOnly = false): DiskMedium & { readonly writes: [number, number][]; flushes: number } {
  const medium = {
    data,
    readOnly,
    writes: [] as [number, number][],
    flushes: 0,
    written(offset: number, length: number) {
      medium.writes.push([offset, length]);
    },
    flush() {
      medium.flushes++;
    },
  };
  return medium;
}

export class SectorStore {
  readonly sectorCount: number;

  constructor(readonly medium: DiskMedium) {
    if (medium.data.length % SECTOR_SIZE !== 0) {
      throw new Error(`disk image size ${medium.data.length} is not a multiple of ${SECTOR_SIZE} bytes`);
    }
    this.sectorCount = medium.data.length / SECTOR_SIZE;
  }

  get readOnly(): boolean {
    return this.medium.readOnly;
  }

  read(lba: number, into: Uint8Array, intoOffset = 0): void {
    into.set(this.medium.data.subarray(lba * SECTOR_SIZE, (lba + 1) * SECTOR_SIZE), intoOffset);
  }

  /** Returns false (and writes nothing) on a read-only medium. */
  write(lba: number, from: Uint8Array, fromOffset = 0): boolean {
    if (this.medium.readOnly) return false;
    this.medium.data.set(from.subarray(fromOffset, fromOffset + SECTOR_SIZE), lba * SECTOR_SIZE);
    this.medium.written(lba * SECTOR_SIZE, SECTOR_SIZE);
    return true;
  }

  flush(): void {
    this.medium.flush();
  }
}
