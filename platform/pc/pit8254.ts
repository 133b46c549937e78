/**
 * The Intel 8254 programmable interval timer (8254 datasheet) at ports
 * 0x40-0x43, clocked at 1.193182 MHz from virtual time, plus the PC's
 * system control port B (0x61), which gates channel 2 and reads its OUT.
 *
 * Counter values and OUT levels are computed from the clock tick count
 * since the count was loaded, so reads are exact at any instant; the only
 * clock events are OUT transitions of a channel whose OUT is wired to
 * something (channel 0 -> IRQ 0).
 *
 * Modelled: control words (channel, RW lobyte/hibyte/both, modes 0-5 with
 * 6/7 aliasing 2/3), the counter latch command, the read-back command
 * (count and status latches), the null-count flag, gates (channel 0 and 1
 * tied high, channel 2 from port 0x61 bit 0) with mode 1/5 triggers and
 * mode 0/2/3/4 suspension, reload at the end of each period in modes 2/3.
 * Not modelled: BCD counting (the BCD bit is stored and reported, counting
 * stays binary), channel 1 (DRAM refresh on real PCs: it counts but is
 * wired to nothing), the speaker's sound.
 */
import { Clock, ClockEvent } from '../clock';
import { AccessSize, PortDevice } from '../bus/devices';
import { IrqLine, UNCONNECTED_IRQ } from '../irq';

export const PIT_FREQUENCY_HZ = 1_193_182;
const NS_PER_S = 1e9;

// Port offsets from 0x40.
export const PIT_CHANNEL0 = 0;
export const PIT_CHANNEL2 = 2;
export const PIT_MODE_COMMAND = 3;

// Control word fields.
const SC_SHIFT = 6;
const SC_READ_BACK = 3;
const RW_SHIFT = 4;
export const RW_LATCH = 0;
export const RW_LOBYTE = 1;
export const RW_HIBYTE = 2;
export const RW_LOHI = 3;
const MODE_SHIFT = 1;
const BCD = 0x01;

// Read-back command bits.
const RB_NOT_COUNT = 0x20;
const RB_NOT_STATUS = 0x10;

// Status byte.
const STATUS_OUT = 0x80;
const STATUS_NULL_COUNT = 0x40;

// System control port B (0x61).
export const PORTB_GATE2 = 0x01;
export const PORTB_SPEAKER_DATA = 0x02;
export const PORTB_REFRESH = 0x10;
export const PORTB_OUT2 = 0x20;
/** The refresh request toggles every 15.085 us on AT-class boards. */
const REFRESH_HALF_PERIOD_NS = 15_085;

function tickAt(ns: number): number {
  return Math.floor((ns * PIT_FREQUENCY_HZ) / NS_PER_S);
}

function nsOfTick(tick: number): number {
  return Math.ceil((tick * NS_PER_S) / PIT_FREQUENCY_HZ);
}

export class PitChannel {
  rw = RW_LOHI;
  mode = 0;
  bcd = false;
  /** The count register as written (0 means 65536). */
  reload = 0;
  programmed = false;
  /** Counting started (count written and, in modes 1/5, triggered). */
  running = false;
  /** Tick at which the current count started. */
  startTick = 0;
  gate: boolean;
  /** Ticks already counted when the gate suspended a mode 0/4 count. */
  suspendedTicks = -1;
  nullCount = true;
  private previousPeriod = 0x10000;
  private writeLow = true;
  private pendingLow = 0;
  private readLow = true;
  private countLatch: number | null = null;
  private latchReadLow = true;
  private statusLatch: number | null = null;
  private outLevel = false;
  private event: ClockEvent | null = null;

  constructor(
    readonly index: number,
    private readonly clock: Clock,
    private readonly out: IrqLine,
    gate: boolean,
  ) {
    this.gate = gate;
  }

  private get period(): number {
    return this.reload === 0 ? 0x10000 : this.reload;
  }

  private nowTick(): number {
    return tickAt(this.clock.nowNs());
  }

  /** Ticks counted since the start of the current count. */
  private elapsed(): number {
    if (!this.running) return Number.NEGATIVE_INFINITY;
    if (this.suspendedTicks >= 0) return this.suspendedTicks;
    return this.nowTick() - this.startTick;
  }

  control(word: number): void {
    const rw = (word >> RW_SHIFT) & 3;
    if (rw === RW_LATCH) {
      if (this.countLatch === null) {
        this.countLatch = this.count();
        this.latchReadLow = true;
      }
      return;
    }
    this.rw = rw;
    let mode = (word >> MODE_SHIFT) & 7;
    if (mode >= 6) mode -= 4;
    this.mode = mode;
    this.bcd = (word & BCD) !== 0;
    this.writeLow = true;
    this.readLow = true;
    this.countLatch = null;
    this.statusLatch = null;
    this.running = false;
    this.programmed = false;
    this.nullCount = true;
    // A control word sets OUT low in mode 0, high in every other mode.
    this.setOut(mode !== 0);
    this.reschedule();
  }

  latchStatus(): void {
    if (this.statusLatch !== null) return;
    let status = (this.rw << RW_SHIFT) | (this.mode << MODE_SHIFT) | (this.bcd ? BCD : 0);
    if (this.output()) status |= STATUS_OUT;
    if (this.nullCount) status |= STATUS_NULL_COUNT;
    this.statusLatch = status;
  }

  latchCount(): void {
    if (this.countLatch === null) {
      this.countLatch = this.count();
      this.latchReadLow = true;
    }
  }

  write(value: number): void {
    switch (this.rw) {
      case RW_LOBYTE:
        this.load(value);
        break;
      case RW_HIBYTE:
        this.load(value << 8);
        break;
      default:
        if (this.writeLow) {
          this.pendingLow = value;
          this.writeLow = false;
          // Mode 0: writing the first byte stops the count (datasheet).
          if (this.mode === 0 && this.running) {
            this.suspendedTicks = this.elapsed();
          }
        } else {
          this.writeLow = true;
          this.load(this.pendingLow | (value << 8));
        }
        break;
    }
  }

  read(): number {
    if (this.statusLatch !== null) {
      const status = this.statusLatch;
      this.statusLatch = null;
      return status;
    }
    let value: number;
    let low: boolean;
    if (this.countLatch !== null) {
      value = this.countLatch;
      low = this.rw === RW_LOHI ? this.latchReadLow : this.rw === RW_LOBYTE;
      if (this.rw === RW_LOHI && this.latchReadLow) this.latchReadLow = false;
      else this.countLatch = null;
    } else {
      value = this.count();
      low = this.rw === RW_LOHI ? this.readLow : this.rw === RW_LOBYTE;
      if (this.rw === RW_LOHI) this.readLow = !this.readLow;
    }
    return low ? value & 0xff : (value >> 8) & 0xff;
  }

  private load(count: number): void {
    const oldPeriod = this.period;
    this.reload = count & 0xffff;
    this.programmed = true;
    this.nullCount = false;
    if ((this.mode === 2 || this.mode === 3) && this.running && this.suspendedTicks < 0) {
      // Modes 2/3 take a new count at the end of the current period.
      const k = this.nowTick() - this.startTick;
      if (k >= 0) {
        this.previousPeriod = oldPeriod;
        this.startTick += (Math.floor(k / oldPeriod) + 1) * oldPeriod;
      }
    } else if (this.mode === 1 || this.mode === 5) {
      this.running = false; // wait for a gate trigger
    } else {
      this.start();
    }
    this.reschedule();
  }

  /** The period in force and the ticks into the count: while a new mode 2/3
   * count waits for the end of the current period, the old one. */
  private position(): { n: number; k: number; base: number } {
    const k = this.elapsed();
    if (k < 0 && this.running && this.suspendedTicks < 0) {
      const n = this.previousPeriod;
      return { n, k: k + n, base: this.startTick - n };
    }
    return { n: this.period, k, base: this.startTick };
  }

  private start(): void {
    this.running = true;
    this.startTick = this.nowTick();
    this.suspendedTicks = this.gate || this.mode === 1 || this.mode === 5 ? -1 : 0;
  }

  setGate(level: boolean): void {
    if (level === this.gate) return;
    this.gate = level;
    if (!this.programmed) return;
    if (level) {
      // Rising edge: triggers modes 1/5, restarts 2/3, resumes 0/4.
      if (this.mode === 0 || this.mode === 4) {
        if (this.running && this.suspendedTicks >= 0) {
          this.startTick = this.nowTick() - this.suspendedTicks;
          this.suspendedTicks = -1;
        }
      } else {
        this.start();
      }
    } else if (this.running && (this.mode === 0 || this.mode === 4 || this.mode === 2 || this.mode === 3)) {
      this.suspendedTicks = this.elapsed();
    }
    this.reschedule();
  }

  /** The counting element's value now. */
  count(): number {
    const { n, k } = this.position();
    if (k === Number.NEGATIVE_INFINITY) return this.reload;
    switch (this.mode) {
      case 2:
        return n - (k % n);
      case 3: {
        // Decrements by two each tick; the odd count loses one in each half.
        const half = Math.ceil(n / 2);
        const p = k % n;
        const phase = p < half ? p : p - half;
        return ((n & ~1) - 2 * phase) & 0xffff;
      }
      default:
        return (n - k) & 0xffff; // modes 0, 1, 4, 5 wrap after terminal count
    }
  }

  /** OUT now. */
  output(): boolean {
    if (!this.programmed) return this.mode !== 0;
    const { n, k } = this.position();
    switch (this.mode) {
      case 0:
        return k >= n;
      case 1:
        return k < 0 || k >= n;
      case 2:
        if (k < 0 || (this.suspendedTicks >= 0 && !this.gate)) return true;
        return k % n !== n - 1;
      case 3:
        if (k < 0 || (this.suspendedTicks >= 0 && !this.gate)) return true;
        return k % n < Math.ceil(n / 2);
      default:
        return k !== n; // modes 4 and 5: one tick low at terminal count
    }
  }

  /** Tick (absolute) of the next OUT change, or -1 when OUT stays put. */
  private nextChangeTick(): number {
    if (!this.programmed || !this.running || this.suspendedTicks >= 0) return -1;
    const { n, k, base } = this.position();
    // A count of 1 is illegal in modes 2 and 3 (8254 datasheet): OUT then
    // never toggles here, rather than flooding the clock with events.
    if (n < 2 && (this.mode === 2 || this.mode === 3)) return -1;
    let at: number;
    switch (this.mode) {
      case 0:
      case 1:
        if (k >= n) return -1;
        at = n;
        break;
      case 2: {
        const p = k % n;
        at = k - p + (p < n - 1 ? n - 1 : n);
        break;
      }
      case 3: {
        const p = k % n;
        const half = Math.ceil(n / 2);
        at = k - p + (p < half ? half : n);
        break;
      }
      default:
        if (k > n) return -1;
        at = k < n ? n : n + 1;
        break;
    }
    return base + at;
  }

  private setOut(level: boolean): void {
    if (level === this.outLevel) return;
    this.outLevel = level;
    this.out.set(level);
  }

  /** Puts OUT at its current level and schedules the next transition, but
   * only when something listens to OUT. */
  reschedule(): void {
    this.clock.cancel(this.event);
    this.event = null;
    if (this.programmed) this.setOut(this.output());
    if (this.out === UNCONNECTED_IRQ) return;
    const tick = this.nextChangeTick();
    if (tick < 0) return;
    this.event = this.clock.scheduleCall(nsOfTick(tick), this, 'outputChanges');
  }

  /** The clock event: OUT changes now. */
  outputChanges(): void {
    this.event = null;
    this.reschedule();
  }
}

export class Pit8254 implements PortDevice {
  readonly name = 'pit';
  private readonly channels: PitChannel[];
  private portB = 0;

  /** The system control port B at 0x61, a separate port device. */
  readonly systemControl: PortDevice = {
    name: 'port-b',
    in: () => this.readPortB(),
    out: (_offset, _size, value) => this.writePortB(value),
  };

  constructor(
    private readonly clock: Clock,
    irq0: IrqLine,
  ) {
    this.channels = [
      new PitChannel(0, clock, irq0, true),
      new PitChannel(1, clock, UNCONNECTED_IRQ, true),
      new PitChannel(2, clock, UNCONNECTED_IRQ, false),
    ];
  }

  in(offset: number, _size: AccessSize): number {
    if (offset === PIT_MODE_COMMAND) return 0xff; // the control register is write-only
    return this.channels[offset].read();
  }

  out(offset: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    if (offset !== PIT_MODE_COMMAND) {
      this.channels[offset].write(value);
      return;
    }
    const select = value >> SC_SHIFT;
    if (select !== SC_READ_BACK) {
      this.channels[select].control(value);
      return;
    }
    for (let i = 0; i < 3; i++) {
      if (!(value & (2 << i))) continue;
      if (!(value & RB_NOT_STATUS)) this.channels[i].latchStatus();
      if (!(value & RB_NOT_COUNT)) this.channels[i].latchCount();
    }
  }

  /** OUT of a channel (tests; channel 2 is also readable at 0x61 bit 5). */
  output(channel: number): boolean {
    return this.channels[channel].output();
  }

  private readPortB(): number {
    let value = this.portB & (PORTB_GATE2 | PORTB_SPEAKER_DATA);
    if (Math.floor(this.clock.nowNs() / REFRESH_HALF_PERIOD_NS) & 1) value |= PORTB_REFRESH;
    if (this.channels[2].output()) value |= PORTB_OUT2;
    return value;
  }

  private writePortB(value: number): void {
    this.portB = value & 0x0f;
    this.channels[2].setGate((value & PORTB_GATE2) !== 0);
  }
}
