/**
 * /proc/stat in Linux's format (proc(5)): the CPU's time in USER_HZ (100)
 * ticks, for the machine ("cpu", two spaces) and for its one CPU ("cpu0"):
 * user nice system idle iowait irq softirq steal guest guest_nice; then
 * interrupts taken, context switches, the boot time in seconds since the
 * epoch, processes created since boot, and those runnable and blocked.
 * JOS has no nice levels, no I/O wait (block I/O is polled inside the
 * call), no softirqs and no guests: those columns are 0, as Linux prints
 * them on such a machine.
 */
import type { ProcContext } from './procfs';

const USER_HZ_NS = 10_000_000;

const ticks = (ns: number) => Math.floor(ns / USER_HZ_NS);

export function statText(ctx: ProcContext): string {
  const s = ctx.cpuStats;
  const times = [ticks(s.userNs), 0, ticks(s.systemNs), ticks(s.idleNs), 0, 0, 0, 0, 0, 0].join(' ');
  const all = ctx.processes.all();
  const running = all.filter((p) => p.state === 'runnable' && !p.stopped).length;
  const bootSeconds = Math.floor((ctx.realtimeNs() - ctx.monotonicNs()) / 1e9);
  return (
    `cpu  ${times}\n` +
    `cpu0 ${times}\n` +
    `intr ${s.interrupts}\n` +
    `ctxt ${s.contextSwitches}\n` +
    `btime ${bootSeconds}\n` +
    `processes ${ctx.processes.created}\n` +
    `procs_running ${running}\n` +
    `procs_blocked 0\n` +
    `softirq 0 0 0 0 0 0 0 0 0 0 0\n`
  );
}
