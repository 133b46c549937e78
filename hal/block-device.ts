/**
 * Sector storage (ATA PIO on pc, SPI flash on esp32c3). Requests complete
 * through a callback, normally from the device's interrupt.
 */
export const BLOCK_DEVICE = Symbol.for('jos.hal.BlockDevice');

export type BlockCallback = (error: string | null) => void;

export interface BlockDevice {
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
