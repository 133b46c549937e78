/**
 * The Bochs/QEMU debug console at port 0xE9: a byte written there is
 * printed; reading returns 0xE9 (Bochs' "port E9 hack" presence check).
 */
import type { AccessSize, PortDevice } from '../../../platform/bus/devices';

export const DEBUG_PORT = 0xe9;

export class DebugPort implements PortDevice {
  readonly name = 'debug-e9';
  constructor(private readonly putChar: (byte: number) => void) {}

  in(_offset: number, _size: AccessSize): number {
    return DEBUG_PORT;
  }

  out(_offset: number, _size: AccessSize, value: number): void {
    this.putChar(value & 0xff);
  }
}
