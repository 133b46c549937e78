/**
 * WallClock driver for the PC's CMOS RTC (MC146818A register set) through
 * ports 0x70/0x71: the classic careful read. Wait for UIP to clear, read all
 * fields, and read again until two passes agree (an update can land between
 * two register reads); then decode BCD or binary and 12- or 24-hour format
 * as status B says, and take the century from CMOS byte 0x32.
 */
import type { PortIo } from '../../hal/io';
import type { WallClock } from '../../hal/rtc';

const INDEX = 0x70;
const DATA = 0x71;
/** Keep NMIs enabled (bit 7 clear) while selecting registers. */
const SECONDS = 0x00;
const MINUTES = 0x02;
const HOURS = 0x04;
const DAY = 0x07;
const MONTH = 0x08;
const YEAR = 0x09;
const STATUS_A = 0x0a;
const STATUS_B = 0x0b;
const CENTURY = 0x32;
const A_UIP = 0x80;
const B_DM_BINARY = 0x04;
const B_24H = 0x02;
const HOUR_PM = 0x80;
/** A bounded wait: the kernel's own code runs between guest instructions,
 * so a UIP that never clears must not hang it; the second pass catches a
 * torn read anyway. */
const MAX_UIP_POLLS = 1000;
const MAX_PASSES = 5;

export class CmosRtcClock implements WallClock {
  constructor(private readonly io: PortIo) {}

  nowSeconds(): number {
    let previous = this.readRaw();
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const current = this.readRaw();
      if (current.every((v, i) => v === previous[i])) break;
      previous = current;
    }
    return this.decode(previous);
  }

  private register(reg: number): number {
    this.io.out8(INDEX, reg);
    return this.io.in8(DATA);
  }

  private readRaw(): number[] {
    for (let i = 0; i < MAX_UIP_POLLS && this.register(STATUS_A) & A_UIP; i++);
    return [SECONDS, MINUTES, HOURS, DAY, MONTH, YEAR, CENTURY, STATUS_B].map((r) => this.register(r));
  }

  private decode(raw: number[]): number {
    const [s, m, h, day, month, year, century, statusB] = raw;
    const binary = (statusB & B_DM_BINARY) !== 0;
    const value = (v: number) => (binary ? v : (v >> 4) * 10 + (v & 0x0f));
    let hours = value(h & ~HOUR_PM);
    if (!(statusB & B_24H)) {
      hours %= 12;
      if (h & HOUR_PM) hours += 12;
    }
    // Boards without the century byte read 0 (or junk) there: pivot at 1970.
    const c = value(century);
    const fullYear = c >= 19 && c <= 99 ? c * 100 + value(year) : value(year) + (value(year) < 70 ? 2000 : 1900);
    return Date.UTC(fullYear, value(month) - 1, value(day), hours, value(m), value(s)) / 1000;
  }
}
