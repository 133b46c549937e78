/**
 * The disk side of `jos run`: `--disk IMAGE` / `--disk IMAGE,ro` backs the
 * board's block device with an image file.
 *
 * - a device that binds a DiskSlot under DISK_SLOT (platform/pc/sector-store.ts;
 *   the pc's ATA primary master) gets the image's bytes as a DiskMedium,
 *   reads and writes them in place and reports its writes; the changed
 *   sectors reach the file when the guest flushes (ATA FLUSH CACHE) and at
 *   a clean shutdown.
 * - esp32c3: the SPI flash chip (platform/esp32c3/spi-flash-chip.ts) is
 *   loaded from the image (FlashImageFile); flash has no cache to flush - a
 *   program or erase is done when the chip says so - so each one is
 *   written to the file as the chip carries it out.
 *
 * A read-only image is opened read-only, the device refuses writes to it
 * (ATA: ERR+ABRT; flash: block-protected), and the file is never written.
 * After an emulator error nothing more is written, and a warning says what
 * was dropped (pc; the flash's writes are already in the file).
 */
import type { AssembledBoard } from '../../boards/assemble';
import { ESP32C3_FLASH } from '../../boards/esp32c3-tokens';
import { FlashImageFile } from '../../platform/esp32c3/flash-image-file';
import { FLASH_SECTOR_SIZE, SpiFlashChip } from '../../platform/esp32c3/spi-flash-chip';
import { DISK_SLOT, DiskSlot, memoryMedium } from '../../platform/pc/sector-store';
import { UsageError } from '../usage-error';
import { DiskImage, DiskSpec, checkImageFile, parseDiskSpec } from './disk-image';

export interface DiskSession {
  /** Writes what changed to the file now; returns the sectors written. */
  save(): number;
  /** Until resume(): the guest's writes do not reach the file (a snapshot's
   * machine booting afresh before its state is restored). */
  suspend(): void;
  /** The disk is the file again, as it was at suspend(), and writes go on
   * reaching it. */
  resume(): void;
  /** Clean shutdown: write back; after an error: drop unwritten sectors, with a warning. */
  close(clean: boolean): void;
}

export function openDisk(board: AssembledBoard, spec: string | undefined): DiskSession {
  if (spec === undefined) return { save: () => 0, suspend: () => {}, resume: () => {}, close: () => {} };
  let parsed: DiskSpec;
  try {
    parsed = parseDiskSpec(spec);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { container } = board;
  if (container.isBound(DISK_SLOT)) return insertInSlot(container.get<DiskSlot>(DISK_SLOT), parsed);
  if (container.isBound(ESP32C3_FLASH)) return attachFlash(container.get<SpiFlashChip>(ESP32C3_FLASH), parsed);
  throw new UsageError(`the ${board.definition.name} board has no block device yet, so --disk is not available on it`);
}

/** A disk held only in memory (a replay's copy of the recorded image):
 * the guest reads and writes it, no file is ever written. */
export function insertDiskInMemory(board: AssembledBoard, data: Uint8Array, readOnly: boolean): void {
  const { container } = board;
  if (container.isBound(DISK_SLOT)) {
    container.get<DiskSlot>(DISK_SLOT).insert(memoryMedium(data, readOnly));
    return;
  }
  if (container.isBound(ESP32C3_FLASH)) {
    container.get<SpiFlashChip>(ESP32C3_FLASH).load(data, readOnly);
    return;
  }
  throw new Error(`the ${board.definition.name} board has no block device`);
}

function insertInSlot(slot: DiskSlot, spec: DiskSpec): DiskSession {
  const image = DiskImage.open(spec, slot.geometry);
  slot.insert({
    data: image.data,
    readOnly: image.readOnly,
    written: (offset, length) => image.written(offset, length),
    flush: () => {
      image.flush();
    },
  });
  return {
    save: () => image.flush(),
    suspend: () => image.hold(),
    resume: () => image.revert(),
    close(clean: boolean) {
      if (clean) image.close();
      else warnDropped(spec, image.abandon());
    },
  };
}

function attachFlash(chip: SpiFlashChip, spec: DiskSpec): DiskSession {
  checkImageFile(spec, { sectorSize: FLASH_SECTOR_SIZE, capacityBytes: chip.sizeBytes, deviceName: `${chip.sizeBytes >> 20} MiB SPI flash` });
  const file = FlashImageFile.open(chip, spec.path, spec.readOnly);
  return {
    save: () => 0,
    // The chip's contents come back with the snapshot; only the file's
    // writes are held off meanwhile.
    suspend: () => {
      chip.sink = null;
    },
    resume: () => {
      if (!spec.readOnly) chip.sink = file;
    },
    close: (clean: boolean) => file.close(clean),
  };
}

function warnDropped(spec: DiskSpec, sectors: number): void {
  if (sectors > 0) process.stderr.write(`jos: ${spec.path}: ${sectors} changed sectors not written back after the error\n`);
}
