/**
 * The wall clock: the date and time of day from the board's battery-backed
 * clock (the CMOS RTC on pc), for timestamps the outside world understands
 * (file times, `date`). Monotonic timing is the Timer's job, not this.
 */
export const RTC = Symbol.for('jos.hal.Rtc');

export interface WallClock {
  /** Seconds since 1970-01-01T00:00:00Z, read from the hardware. */
  nowSeconds(): number;
}
