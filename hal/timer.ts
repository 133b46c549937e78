/**
 * The kernel's clock and tick: monotonic nanoseconds since the timer was
 * started, and alarms (HPET on pc, SYSTIMER on esp32c3).
 */
export const TIMER = Symbol.for('jos.hal.Timer');

export interface Timer {
  /** Starts the counter. Called once at boot, before nowNs() is meaningful. */
  init(): void;

  /** Monotonic nanoseconds since init(), read from the hardware counter.
   * Resolution is the counter's (10 ns on HPET, 62.5 ns on SYSTIMER). */
  nowNs(): number;

  /** Arms a periodic interrupt every `periodNs`; the interrupt controller
   * line is the board's timer line. */
  startPeriodic(periodNs: number): void;

  /** Stops the periodic interrupt (the kernel's tickless idle); a timer
   * whose tick also keeps time (the PIT) may leave it running. */
  stopPeriodic?(): void;

  /** Arms a one-shot interrupt at absolute time `atNs` (nowNs() scale). An
   * alarm already in the past fires at once. */
  setAlarm(atNs: number): void;

  /** Acknowledges the timer's interrupt at the device. */
  handleInterrupt(): void;
}
