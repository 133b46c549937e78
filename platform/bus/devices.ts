/**
 * What a device model offers the bus: register reads and writes at an offset
 * inside the region (or port range) the board mapped it at.
 */

/** Access width in bytes. 64-bit accesses reach devices as two 32-bit ones,
 * low half first, as on a 32-bit interconnect. */
export type AccessSize = 1 | 2 | 4;

export interface MmioDevice {
  /** Register name prefix used in traces, e.g. "uart0". */
  readonly name: string;
  read(offset: number, size: AccessSize): number;
  write(offset: number, size: AccessSize, value: number): void;
  /** Optional: what write(offset + 4k, 4, word k) of each little-endian
   * 32-bit word of `from` does, in one call (Bus.write32Copy). */
  write32Copy?(offset: number, from: Uint8Array): void;
}

export interface PortDevice {
  readonly name: string;
  /** `offset` is relative to the first port of the mapped range. */
  in(offset: number, size: AccessSize): number;
  out(offset: number, size: AccessSize, value: number): void;
}
