/**
 * Sector storage (ATA PIO on pc, SPI flash on esp32c3). Requests complete
 * through a callback, normally from the device's interrupt.
 */
export const BLOCK_DEVICE = Symbol.for('jos.hal.BlockDevice');

export type BlockCallback = (error: string | null) => void;

export interface BlockDevice {
  /** Its name in /dev, as Linux names such a device (hda, mtdblock0). */
  readonly name: string;
  /** Its device number, major << 8 | minor (3:0 for hda, 31:0 for mtdblock0). */
  readonly rdev: number;
  /** True when the medium is known to refuse writes (a write-protected chip). */
  readonly readOnly?: boolean;
  init(): void;
  readonly sectorSize: number;
  readonly sectorCount: number;
  read(lba: number, count: number, into: Uint8Array, done: BlockCallback): void;
  write(lba: number, count: number, from: Uint8Array, done: BlockCallback): void;
  flush(done: BlockCallback): void;
  /** Called by interrupt dispatch on the disk's line (IRQ 14 on pc) for
   * devices whose requests complete by interrupt. */
  handleInterrupt?(): void;
}
