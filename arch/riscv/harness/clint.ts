/**
 * A CLINT-like timer for the bare-metal harness (the layout SiFive's CLINT,
 * Spike and QEMU's virt/spike machines use): msip at 0x0000, mtimecmp at
 * 0x4000, mtime at 0xBFF8. mtime counts at MTIME_HZ of virtual time; the
 * hart's MTIP follows mtime >= mtimecmp, MSIP follows msip bit 0.
 */
import type { AccessSize, MmioDevice } from '../../../platform/bus/devices';
import type { Clock } from '../../../platform/clock';
import type { ClockEvent } from '../../../platform/clock/event-queue';

export const CLINT_BASE = 0x0200_0000;
export const CLINT_SIZE = 0x1_0000;
export const MSIP = 0x0000;
export const MTIMECMP = 0x4000;
export const MTIME = 0xbff8;
export const MTIME_HZ = 10_000_000;

/** The hart's interrupt inputs the CLINT drives. */
export interface ClintTarget {
  setInterruptPending(bit: number, level: boolean): void;
}

const MSIP_BIT = 3;
const MTIP_BIT = 7;
const NS_PER_TICK = 1e9 / MTIME_HZ;

export class Clint implements MmioDevice {
  readonly name = 'clint';
  private msip = 0;
  // Two words: a 64-bit compare value does not fit a double exactly.
  private cmpLo = 0xffffffff;
  private cmpHi = 0xffffffff;
  private event: ClockEvent | null = null;
  target: ClintTarget | null = null;

  constructor(private readonly clock: Clock) {}

  /** mtime: virtual nanoseconds at MTIME_HZ. */
  mtime(): number {
    return Math.floor(this.clock.nowNs() / NS_PER_TICK);
  }

  read(offset: number, size: AccessSize): number {
    const word = this.readWord(offset & ~3);
    const shift = (offset & 3) * 8;
    return size === 4 ? word : (word >>> shift) & (size === 1 ? 0xff : 0xffff);
  }

  write(offset: number, size: AccessSize, value: number): void {
    const aligned = offset & ~3;
    const shift = (offset & 3) * 8;
    const mask = size === 4 ? 0xffffffff : ((size === 1 ? 0xff : 0xffff) << shift) >>> 0;
    const word = ((this.readWord(aligned) & ~mask) | ((value << shift) & mask)) >>> 0;
    if (aligned === MSIP) {
      this.msip = word & 1;
      this.target?.setInterruptPending(MSIP_BIT, this.msip === 1);
    } else if (aligned === MTIMECMP) {
      this.cmpLo = word;
      this.rearm();
    } else if (aligned === MTIMECMP + 4) {
      this.cmpHi = word;
      this.rearm();
    }
    // mtime is read-only here (virtual time is the retired count).
  }

  private readWord(offset: number): number {
    switch (offset) {
      case MSIP:
        return this.msip;
      case MTIMECMP:
        return this.cmpLo;
      case MTIMECMP + 4:
        return this.cmpHi;
      case MTIME:
        return this.mtime() % 2 ** 32 >>> 0;
      case MTIME + 4:
        return Math.floor(this.mtime() / 2 ** 32) >>> 0;
      default:
        return 0;
    }
  }

  /** MTIP is level: high while mtime >= mtimecmp; an event raises it later. */
  private rearm(): void {
    this.clock.cancel(this.event);
    this.event = null;
    // mtime stays far below 2^53, so the rounded sum still compares right.
    const mtimecmp = this.cmpHi * 2 ** 32 + this.cmpLo;
    const due = this.mtime() >= mtimecmp;
    this.target?.setInterruptPending(MTIP_BIT, due);
    if (!due && mtimecmp < Number.MAX_SAFE_INTEGER / NS_PER_TICK) {
      this.event = this.clock.scheduleCall(mtimecmp * NS_PER_TICK, this, 'timerDue');
    }
  }

  /** The clock event: mtime reaches mtimecmp. */
  timerDue(): void {
    this.event = null;
    this.rearm();
  }
}
