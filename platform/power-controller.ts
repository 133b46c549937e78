/**
 * The board's power controller: one 32-bit register with the semantics of
 * SiFive's "test finisher" (as QEMU's virt board has it): writing 0x5555
 * powers off with status 0, (status << 16) | 0x3333 powers off with that
 * status. On pc it also answers a 16-bit write of 0x2000 (SLP_EN with S5,
 * as on ACPI's PM1a control port) with a status-0 power-off.
 */
import type { AccessSize, MmioDevice, PortDevice } from './bus/devices';

export const FINISHER_PASS = 0x5555;
export const FINISHER_FAIL = 0x3333;
export const ACPI_S5_SLEEP = 0x2000;

export class PowerController implements MmioDevice, PortDevice {
  readonly name = 'power';
  /** Set by the board once the machine exists. */
  onPowerOff: (status: number) => void = () => {};

  read(): number {
    return 0;
  }

  write(_offset: number, size: AccessSize, value: number): void {
    if (size === 2 && (value & 0x3c00) === ACPI_S5_SLEEP) {
      this.onPowerOff(0);
      return;
    }
    if (size !== 4) return;
    const code = value & 0xffff;
    if (code === FINISHER_PASS) this.onPowerOff(0);
    else if (code === FINISHER_FAIL) this.onPowerOff((value >>> 16) & 0xff);
  }

  in(): number {
    return 0;
  }

  out(offset: number, size: AccessSize, value: number): void {
    this.write(offset, size, value);
  }
}
