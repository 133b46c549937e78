/**
 * Kernel work in virtual time. The kernel runs as host code, outside the
 * core's instruction count; so that time since boot means something (and a
 * busy kernel is not free), it charges its own work at fixed, documented
 * rates (docs/clock.md): a charge per entry into the kernel, on top of the
 * per-access cost the board puts on device registers.
 */
export const WORK_METER = Symbol.for('jos.hal.WorkMeter');

export interface WorkMeter {
  /** Kernel work taking `ns` of virtual time. */
  charge(ns: number): void;
}
