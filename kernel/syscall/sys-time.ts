/** Clocks and sleeping: clock_gettime/getres, nanosleep, clock_nanosleep,
 * gettimeofday, time. MONOTONIC comes from the board's timer (HPET or
 * SYSTIMER); REALTIME adds the boot time. */
import type { UserContext } from '../../hal/trap';
import type { Process } from '../proc/process';
import { Blocked } from '../sched/wait-queue';
import { readTimespec, timespecBytes, u64Bytes } from './args';
import { EINVAL } from './errno';
import type { KernelServices, SyscallResult } from './services';

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME_ID = 2;
const CLOCK_THREAD_CPUTIME_ID = 3;
const CLOCK_MONOTONIC_RAW = 4;
const CLOCK_REALTIME_COARSE = 5;
const CLOCK_MONOTONIC_COARSE = 6;
const CLOCK_BOOTTIME = 7;
const TIMER_ABSTIME = 1;

function clockNow(k: KernelServices, p: Process, clock: number): number | null {
  switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
      return k.realtimeNs();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
      return k.monotonicNs();
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
      return p.cpuTimeNs;
    default:
      return null;
  }
}

export function sysClockGettime(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const now = clockNow(k, p, c.argInt(0));
  if (now === null) return -EINVAL;
  p.memory.write(c.argWord(1), timespecBytes(now));
  return 0;
}

export function sysClockGetres(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  if (clockNow(k, p, c.argInt(0)) === null) return -EINVAL;
  if (c.argWord(1) !== 0) p.memory.write(c.argWord(1), timespecBytes(1)); // hrtimer resolution, as Linux reports
  return 0;
}

/** Sleeps until `deadline` (monotonic ns), surviving restarts. */
function sleepUntil(k: KernelServices, p: Process, deadline: number): SyscallResult {
  if (p.sleepDeadlineNs === null) p.sleepDeadlineNs = deadline;
  if (k.monotonicNs() >= p.sleepDeadlineNs) {
    p.sleepDeadlineNs = null;
    return 0;
  }
  return Blocked.until(p.sleepDeadlineNs);
}

function durationNs(k: KernelServices, p: Process, address: number): number | null {
  const { seconds, nanoseconds } = readTimespec(k, p, address);
  if (seconds < 0 || nanoseconds < 0 || nanoseconds >= 1e9) return null;
  return seconds * 1e9 + nanoseconds;
}

export function sysNanosleep(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  if (p.sleepDeadlineNs !== null) return sleepUntil(k, p, p.sleepDeadlineNs);
  const ns = durationNs(k, p, c.argWord(0));
  if (ns === null) return -EINVAL;
  return sleepUntil(k, p, k.monotonicNs() + ns);
}

export function sysClockNanosleep(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  if (p.sleepDeadlineNs !== null) return sleepUntil(k, p, p.sleepDeadlineNs);
  const clock = c.argInt(0);
  const now = clockNow(k, p, clock);
  if (now === null || clock === CLOCK_PROCESS_CPUTIME_ID || clock === CLOCK_THREAD_CPUTIME_ID) return -EINVAL;
  const ns = durationNs(k, p, c.argWord(2));
  if (ns === null) return -EINVAL;
  const relative = c.argInt(1) & TIMER_ABSTIME ? ns - now : ns;
  return sleepUntil(k, p, k.monotonicNs() + Math.max(0, relative));
}

export function sysGettimeofday(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const now = k.realtimeNs();
  if (c.argWord(0) !== 0) {
    const tv = new Uint8Array(16);
    tv.set(u64Bytes(Math.floor(now / 1e9)), 0);
    tv.set(u64Bytes(Math.floor((now % 1e9) / 1000)), 8);
    p.memory.write(c.argWord(0), tv);
  }
  if (c.argWord(1) !== 0) p.memory.write(c.argWord(1), new Uint8Array(8));
  return 0;
}

export function sysTime(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const seconds = Math.floor(k.realtimeNs() / 1e9);
  if (c.argWord(0) !== 0) p.memory.write(c.argWord(0), u64Bytes(seconds));
  return seconds;
}
