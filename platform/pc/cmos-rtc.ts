/**
 * The PC's CMOS real-time clock (Motorola MC146818A register set) behind
 * index port 0x70 (bit 7 = NMI disable, bits 6:0 = register) and data port
 * 0x71, with 128 bytes of CMOS RAM.
 *
 * The date advances with virtual time from a seed (the host's clock, or a
 * fixed instant for reproducible runs). Modelled: seconds..year and the
 * century byte (0x32), BCD or binary (status B DM), 24- or 12-hour (status B
 * 24/12, PM in hour bit 7), SET inhibiting updates and taking the written
 * time when cleared, UIP in status A for the 244 us before each update,
 * status C flags (UF each second, AF on an alarm match with 0xC0-0xFF as
 * "don't care", PF at the status A rate) cleared by reading, IRQ 8 when an
 * enabled flag is set, status D VRT. Not modelled: daylight saving (DSE),
 * the square-wave pin, divider chain reset states other than "stopped".
 */
import { Clock, ClockEvent } from '../clock';
import { AccessSize, PortDevice } from '../bus/devices';
import { IrqLine } from '../irq';

// Port offsets from 0x70.
export const RTC_INDEX = 0;
export const RTC_DATA = 1;
const NMI_DISABLE = 0x80;

// Registers (MC146818A datasheet, "Address map").
export const RTC_SECONDS = 0x00;
export const RTC_SECONDS_ALARM = 0x01;
export const RTC_MINUTES = 0x02;
export const RTC_MINUTES_ALARM = 0x03;
export const RTC_HOURS = 0x04;
export const RTC_HOURS_ALARM = 0x05;
export const RTC_DAY_OF_WEEK = 0x06;
export const RTC_DAY_OF_MONTH = 0x07;
export const RTC_MONTH = 0x08;
export const RTC_YEAR = 0x09;
export const RTC_STATUS_A = 0x0a;
export const RTC_STATUS_B = 0x0b;
export const RTC_STATUS_C = 0x0c;
export const RTC_STATUS_D = 0x0d;
/** The century, where the PC's CMOS map (and ACPI's FADT default) puts it. */
export const RTC_CENTURY = 0x32;
// BIOS data in CMOS RAM.
export const CMOS_BASE_MEMORY = 0x15;
export const CMOS_EXTENDED_MEMORY = 0x17;
const CMOS_CHECKSUM_FIRST = 0x10;
const CMOS_CHECKSUM_LAST = 0x2d;
export const CMOS_CHECKSUM = 0x2e;
export const CMOS_EXTENDED_MEMORY_POST = 0x30;
export const CMOS_MEMORY_ABOVE_16M = 0x34;

export const A_UIP = 0x80;
const A_DIVIDER_MASK = 0x70;
const A_DIVIDER_NORMAL = 0x20; // 32.768 kHz time base, running
const A_RATE_MASK = 0x0f;
export const B_SET = 0x80;
export const B_PIE = 0x40;
export const B_AIE = 0x20;
export const B_UIE = 0x10;
export const B_DM_BINARY = 0x04;
export const B_24H = 0x02;
export const C_IRQF = 0x80;
export const C_PF = 0x40;
export const C_AF = 0x20;
export const C_UF = 0x10;
const D_VRT = 0x80;
const ALARM_DONT_CARE = 0xc0;

const NS_PER_S = 1_000_000_000;
const UIP_NS = 244_000;
const CMOS_SIZE = 128;

/** Broken-down UTC time. */
interface DateFields {
  year: number;
  month: number; // 1-12
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  weekday: number; // 1 = Sunday
}

function fieldsOf(epochSeconds: number): DateFields {
  const d = new Date(epochSeconds * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hours: d.getUTCHours(),
    minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
    weekday: d.getUTCDay() + 1,
  };
}

function epochOf(f: DateFields): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hours, f.minutes, f.seconds) / 1000;
}

/** Parses the board's `rtc` option: an ISO 8601 date-time, UTC when no
 * zone is given. Returns epoch seconds. */
export function parseRtcSeed(text: string): number {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text + 'Z';
  const ms = Date.parse(withZone);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(ms)) {
    throw new Error(`invalid RTC time "${text}" (expected ISO 8601, e.g. 2026-01-01T00:00:00)`);
  }
  return Math.floor(ms / 1000);
}

export class CmosRtc implements PortDevice {
  readonly name = 'cmos-rtc';
  private index = 0;
  private readonly ram = new Uint8Array(CMOS_SIZE);
  /** Epoch seconds the RTC showed at virtual time `baseNs`. */
  private baseSeconds: number;
  private baseNs: number;
  /** Time frozen while SET is on (or the divider is stopped). */
  private frozenSeconds: number | null = null;
  private flags = 0;
  /** Virtual time up to which status C flags have been accounted. */
  private flagsNs: number;
  private irqLevel = false;
  private event: ClockEvent | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly irq: IrqLine,
    seedEpochSeconds: number,
  ) {
    this.baseSeconds = Math.floor(seedEpochSeconds);
    this.baseNs = clock.nowNs();
    this.flagsNs = this.baseNs;
    this.ram[RTC_STATUS_A] = A_DIVIDER_NORMAL | 0x06; // 1024 Hz periodic rate
    this.ram[RTC_STATUS_B] = B_24H; // BCD, 24-hour: what a PC BIOS leaves
    this.ram[RTC_STATUS_D] = D_VRT;
  }

  /**
   * What a PC BIOS records in CMOS RAM about memory (IBM AT Technical
   * Reference, CMOS map): base memory in KiB at 0x15/0x16, extended memory
   * above 1 MiB in KiB at 0x17/0x18 and again at 0x30/0x31 (capped at
   * 65535), memory above 16 MiB in 64 KiB blocks at 0x34/0x35, and the
   * checksum of 0x10-0x2D at 0x2E (high)/0x2F (low).
   */
  recordMemory(baseKiB: number, totalBytes: number): void {
    const extendedKiB = Math.min(0xffff, Math.max(0, Math.floor(totalBytes / 1024) - 1024));
    const above16M = Math.min(0xffff, Math.max(0, Math.floor((totalBytes - (16 << 20)) / (64 << 10))));
    const put16 = (reg: number, value: number) => {
      this.ram[reg] = value & 0xff;
      this.ram[reg + 1] = (value >> 8) & 0xff;
    };
    put16(CMOS_BASE_MEMORY, baseKiB);
    put16(CMOS_EXTENDED_MEMORY, extendedKiB);
    put16(CMOS_EXTENDED_MEMORY_POST, extendedKiB);
    put16(CMOS_MEMORY_ABOVE_16M, above16M);
    let sum = 0;
    for (let r = CMOS_CHECKSUM_FIRST; r <= CMOS_CHECKSUM_LAST; r++) sum += this.ram[r];
    this.ram[CMOS_CHECKSUM] = (sum >> 8) & 0xff;
    this.ram[CMOS_CHECKSUM + 1] = sum & 0xff;
  }

  /** NMI mask bit written with the index (the NMI itself is not modelled). */
  get nmiDisabled(): boolean {
    return (this.index & NMI_DISABLE) !== 0;
  }

  /** Epoch seconds the clock shows now. */
  nowSeconds(): number {
    if (this.frozenSeconds !== null) return this.frozenSeconds;
    return this.baseSeconds + Math.floor((this.clock.nowNs() - this.baseNs) / NS_PER_S);
  }

  in(offset: number, _size: AccessSize): number {
    if (offset === RTC_INDEX) return 0xff; // the index port is write-only
    return this.readRegister(this.index & 0x7f);
  }

  out(offset: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    if (offset === RTC_INDEX) this.index = value;
    else this.writeRegister(this.index & 0x7f, value);
  }

  private get running(): boolean {
    return this.frozenSeconds === null;
  }

  private readRegister(reg: number): number {
    const status = this.ram[RTC_STATUS_B];
    const f = fieldsOf(this.nowSeconds());
    switch (reg) {
      case RTC_SECONDS:
        return this.encode(f.seconds);
      case RTC_MINUTES:
        return this.encode(f.minutes);
      case RTC_HOURS:
        return this.encodeHours(f.hours);
      case RTC_DAY_OF_WEEK:
        return this.encode(f.weekday);
      case RTC_DAY_OF_MONTH:
        return this.encode(f.day);
      case RTC_MONTH:
        return this.encode(f.month);
      case RTC_YEAR:
        return this.encode(f.year % 100);
      case RTC_CENTURY:
        return this.encode(Math.floor(f.year / 100));
      case RTC_STATUS_A:
        return (this.ram[RTC_STATUS_A] & ~A_UIP) | (this.updateInProgress() ? A_UIP : 0);
      case RTC_STATUS_B:
        return status;
      case RTC_STATUS_C: {
        this.accountFlags();
        const value = this.flags | (this.irqLevel ? C_IRQF : 0);
        this.flags = 0; // reading C clears the flags and IRQF
        this.updateIrq();
        return value;
      }
      case RTC_STATUS_D:
        return D_VRT;
      default:
        return this.ram[reg];
    }
  }

  private writeRegister(reg: number, value: number): void {
    switch (reg) {
      case RTC_SECONDS:
      case RTC_MINUTES:
      case RTC_HOURS:
      case RTC_DAY_OF_WEEK:
      case RTC_DAY_OF_MONTH:
      case RTC_MONTH:
      case RTC_YEAR:
      case RTC_CENTURY:
        this.setField(reg, value);
        return;
      case RTC_STATUS_A:
        this.accountFlags();
        this.ram[RTC_STATUS_A] = value & 0x7f; // UIP is read-only
        this.setRunning((this.ram[RTC_STATUS_B] & B_SET) === 0 && (value & A_DIVIDER_MASK) === A_DIVIDER_NORMAL);
        this.reschedule();
        return;
      case RTC_STATUS_B:
        this.accountFlags();
        // Setting SET also clears UIE (MC146818A, register B bit 7).
        this.ram[RTC_STATUS_B] = value & B_SET ? value & ~B_UIE : value;
        this.setRunning((value & B_SET) === 0 && (this.ram[RTC_STATUS_A] & A_DIVIDER_MASK) === A_DIVIDER_NORMAL);
        this.updateIrq();
        this.reschedule();
        return;
      case RTC_STATUS_C:
      case RTC_STATUS_D:
        return; // read-only
      default:
        this.ram[reg] = value; // alarms and the rest of CMOS RAM
        if (reg === RTC_SECONDS_ALARM || reg === RTC_MINUTES_ALARM || reg === RTC_HOURS_ALARM) this.reschedule();
        return;
    }
  }

  private setRunning(run: boolean): void {
    if (run && !this.running) {
      this.baseSeconds = this.frozenSeconds!;
      this.baseNs = this.clock.nowNs();
      this.flagsNs = this.baseNs;
      this.frozenSeconds = null;
    } else if (!run && this.running) {
      this.frozenSeconds = this.nowSeconds();
    }
  }

  private setField(reg: number, value: number): void {
    this.accountFlags();
    const f = fieldsOf(this.nowSeconds());
    switch (reg) {
      case RTC_SECONDS:
        f.seconds = this.decode(value);
        break;
      case RTC_MINUTES:
        f.minutes = this.decode(value);
        break;
      case RTC_HOURS:
        f.hours = this.decodeHours(value);
        break;
      case RTC_DAY_OF_WEEK:
        return; // derived from the date here
      case RTC_DAY_OF_MONTH:
        f.day = this.decode(value);
        break;
      case RTC_MONTH:
        f.month = this.decode(value);
        break;
      case RTC_YEAR:
        f.year = Math.floor(f.year / 100) * 100 + this.decode(value);
        break;
      default:
        f.year = this.decode(value) * 100 + (f.year % 100);
        break;
    }
    const seconds = epochOf(f);
    if (Number.isNaN(seconds)) return;
    if (this.running) {
      this.baseSeconds = seconds;
      this.baseNs = this.clock.nowNs();
      this.flagsNs = this.baseNs;
      this.reschedule();
    } else {
      this.frozenSeconds = seconds;
    }
  }

  private get binary(): boolean {
    return (this.ram[RTC_STATUS_B] & B_DM_BINARY) !== 0;
  }

  private encode(value: number): number {
    return this.binary ? value : ((Math.floor(value / 10) << 4) | value % 10) & 0xff;
  }

  private decode(value: number): number {
    return this.binary ? value : (value >> 4) * 10 + (value & 0x0f);
  }

  private encodeHours(hours: number): number {
    if (this.ram[RTC_STATUS_B] & B_24H) return this.encode(hours);
    const pm = hours >= 12;
    const h12 = hours % 12 === 0 ? 12 : hours % 12;
    return this.encode(h12) | (pm ? 0x80 : 0);
  }

  private decodeHours(value: number): number {
    if (this.ram[RTC_STATUS_B] & B_24H) return this.decode(value & 0x7f);
    const h12 = this.decode(value & 0x7f) % 12;
    return value & 0x80 ? h12 + 12 : h12;
  }

  /** UIP: high during the 244 us before each second's update. */
  private updateInProgress(): boolean {
    if (!this.running) return false;
    const intoSecond = (this.clock.nowNs() - this.baseNs) % NS_PER_S;
    return intoSecond >= NS_PER_S - UIP_NS;
  }

  /** Periodic interrupt period from status A's rate (0 = off). */
  private periodicNs(): number {
    const rate = this.ram[RTC_STATUS_A] & A_RATE_MASK;
    if (rate === 0 || !this.running) return 0;
    const shift = rate <= 2 ? rate + 7 : rate - 1; // rates 1, 2 alias 8, 9
    return (NS_PER_S * (1 << shift)) / 32768;
  }

  /** Sets UF/AF/PF for every update and period between flagsNs and now. */
  private accountFlags(): void {
    const now = this.clock.nowNs();
    if (!this.running || now <= this.flagsNs) {
      this.flagsNs = Math.max(this.flagsNs, now);
      return;
    }
    const secondsBefore = this.baseSeconds + Math.floor((this.flagsNs - this.baseNs) / NS_PER_S);
    const secondsNow = this.nowSeconds();
    if (secondsNow > secondsBefore) {
      this.flags |= C_UF;
      // Check each new second for an alarm match (at most a day's worth).
      const first = Math.max(secondsBefore + 1, secondsNow - 86_399);
      for (let s = first; s <= secondsNow; s++) {
        if (this.alarmMatches(s)) {
          this.flags |= C_AF;
          break;
        }
      }
    }
    const period = this.periodicNs();
    if (period > 0 && Math.floor((now - this.baseNs) / period) > Math.floor((this.flagsNs - this.baseNs) / period)) this.flags |= C_PF;
    this.flagsNs = now;
  }

  private alarmMatches(epochSeconds: number): boolean {
    const f = fieldsOf(epochSeconds);
    const match = (reg: number, value: number, encoded: number) => {
      const alarm = this.ram[reg];
      return (alarm & ALARM_DONT_CARE) === ALARM_DONT_CARE || alarm === encoded || (reg !== RTC_HOURS_ALARM && this.decode(alarm) === value);
    };
    return (
      match(RTC_SECONDS_ALARM, f.seconds, this.encode(f.seconds)) &&
      match(RTC_MINUTES_ALARM, f.minutes, this.encode(f.minutes)) &&
      match(RTC_HOURS_ALARM, f.hours, this.encodeHours(f.hours))
    );
  }

  private updateIrq(): void {
    const enabled = this.ram[RTC_STATUS_B] & (B_PIE | B_AIE | B_UIE);
    const level = (this.flags & enabled) !== 0;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq.set(level);
    }
  }

  /** Schedules the next instant an enabled flag can be set. */
  private reschedule(): void {
    this.clock.cancel(this.event);
    this.event = null;
    if (!this.running) return;
    const b = this.ram[RTC_STATUS_B];
    const now = this.clock.nowNs();
    let at = Infinity;
    if (b & (B_UIE | B_AIE)) {
      at = this.baseNs + (Math.floor((now - this.baseNs) / NS_PER_S) + 1) * NS_PER_S;
    }
    const period = this.periodicNs();
    if (b & B_PIE && period > 0) at = Math.min(at, this.baseNs + (Math.floor((now - this.baseNs) / period) + 1) * period);
    if (at === Infinity) return;
    this.event = this.clock.scheduleCall(at, this, 'eventDue');
  }

  /** The clock event reschedule() set. */
  eventDue(): void {
    this.event = null;
    this.accountFlags();
    this.updateIrq();
    this.reschedule();
  }
}
