/**
 * The disk side of `jos run`: `--disk IMAGE` / `--disk IMAGE,ro` puts an
 * image file into the board's block device (pc: the ATA primary master;
 * esp32c3: the SPI flash). The device model binds a DiskSlot under the
 * DISK_SLOT token; the slot says its geometry and takes the medium.
 */
import type { AssembledBoard } from '../../boards/assemble';
import { UsageError } from '../run-command';
import { DiskGeometry, DiskImage, parseDiskSpec } from './disk-image';

/** What a block device model offers the host. */
export interface DiskSlot {
  readonly geometry: DiskGeometry;
  /** Puts the medium in, before the guest boots. */
  insert(medium: DiskMedium): void;
}

/** What the device model gets: the contents it reads and writes in place,
 * and where to report writes and the guest's flushes. */
export interface DiskMedium {
  readonly data: Uint8Array;
  readonly readOnly: boolean;
  written(offset: number, length: number): void;
  flush(): void;
}

export const DISK_SLOT = Symbol.for('jos.platform.DiskSlot');

export interface DiskSession {
  readonly image: DiskImage | null;
  /** Clean shutdown: write back; after an error: drop unwritten sectors, with a warning. */
  close(clean: boolean): void;
}

export function openDisk(board: AssembledBoard, spec: string | undefined): DiskSession {
  if (spec === undefined) return { image: null, close: () => {} };
  let parsed;
  try {
    parsed = parseDiskSpec(spec);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!board.container.isBound(DISK_SLOT)) {
    throw new UsageError(`the ${board.definition.name} board has no block device yet (nothing is bound to DiskSlot), so --disk is not available on it`);
  }
  const slot = board.container.get<DiskSlot>(DISK_SLOT);
  const image = DiskImage.open(parsed, slot.geometry);
  slot.insert({
    data: image.data,
    readOnly: image.readOnly,
    written: (offset, length) => image.written(offset, length),
    flush: () => {
      image.flush();
    },
  });
  return {
    image,
    close(clean: boolean) {
      if (clean) {
        image.close();
        return;
      }
      const dropped = image.abandon();
      if (dropped > 0) process.stderr.write(`jos: ${parsed.path}: ${dropped} changed sectors not written back after the error\n`);
    },
  };
}
