/**
 * Where the one CPU's time went since boot, and how often it switched, for
 * /proc/stat: user time (in processes), system time (in the kernel, as
 * charged in virtual time: docs/clock.md), idle time (waiting for an
 * interrupt with nothing runnable). Plain counters, kept by the trap
 * dispatcher and the scheduler.
 */
export class CpuStats {
  userNs = 0;
  systemNs = 0;
  idleNs = 0;
  /** Times the scheduler handed the CPU to another process (or to idle). */
  contextSwitches = 0;
  /** Device interrupts taken. */
  interrupts = 0;
}
