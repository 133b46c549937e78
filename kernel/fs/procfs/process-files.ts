/**
 * /proc/<pid>/: stat, status, cmdline, environ, maps, fd/, cwd and exe, in
 * Linux's formats (Documentation/filesystems/proc.rst), so that ps, top
 * and friends written for Linux read them unchanged.
 */
import type { Process } from '../../proc/process';
import type { ProcContext } from './procfs';

/** USER_HZ: the unit of the times in stat. */
export const USER_HZ = 100;
const PAGE = 4096;

export function stateLetter(p: Process): string {
  if (p.state === 'zombie') return 'Z';
  if (p.stopped) return 'T';
  return p.state === 'sleeping' ? 'S' : 'R';
}

function stateName(p: Process): string {
  return { R: 'R (running)', S: 'S (sleeping)', Z: 'Z (zombie)', T: 'T (stopped)' }[stateLetter(p)]!;
}

function vmBytes(p: Process): number {
  if (p.state === 'zombie') return 0;
  return p.vm.areaList.reduce((sum, a) => sum + (a.end - a.start), 0);
}

function rssPages(p: Process): number {
  return p.state === 'zombie' ? 0 : p.vm.residentPages;
}

function ticks(ns: number): number {
  return Math.floor((ns * USER_HZ) / 1e9);
}

function sigMask(bits: bigint): string {
  return (bits >> 1n).toString(16).padStart(16, '0');
}

function handledSignals(p: Process, handler: (h: number) => boolean): bigint {
  let mask = 0n;
  for (const [sig, action] of p.signalActions) if (handler(action.handler)) mask |= 1n << BigInt(sig);
  return mask;
}

export function statLine(ctx: ProcContext, p: Process): string {
  const utime = ticks(p.cpuTimeNs);
  const heap = p.state === 'zombie' ? undefined : p.vm.areaList.find((a) => a.name === 'heap');
  const fields = [
    p.pid,
    `(${p.name.slice(0, 15)})`,
    stateLetter(p),
    p.ppid,
    p.pgid,
    p.sid,
    ctx.ttyNr, // tty_nr: the console
    ctx.foregroundGroup(),
    0, // flags
    0,
    0,
    0,
    0, // minflt cminflt majflt cmajflt
    utime,
    0, // utime stime
    0,
    0, // cutime cstime
    20,
    0, // priority nice
    1, // num_threads
    0,
    ticks(p.startNs),
    vmBytes(p),
    rssPages(p),
    '18446744073709551615', // rsslim: unlimited
    0,
    0,
    0,
    0,
    0, // startcode endcode startstack kstkesp kstkeip
    (p.pendingSignals >> 1n).toString(),
    (p.blockedSignals >> 1n).toString(),
    (handledSignals(p, (h) => h === 1) >> 1n).toString(),
    (handledSignals(p, (h) => h > 1) >> 1n).toString(),
    0,
    0,
    0, // wchan nswap cnswap
    17, // exit_signal: SIGCHLD
    0,
    0,
    0,
    0,
    0,
    0, // processor rt_priority policy blkio guest_time cguest_time
    0,
    0,
    heap?.start ?? 0,
    0,
    0,
    0,
    0,
    p.state === 'zombie' ? p.waitStatus : 0,
  ];
  return fields.join(' ') + '\n';
}

export function statusText(ctx: ProcContext, p: Process): string {
  const kb = (bytes: number) => `${String(Math.ceil(bytes / 1024)).padStart(8)} kB`;
  const lines = [
    `Name:\t${p.name.slice(0, 15)}`,
    `Umask:\t${p.umask.toString(8).padStart(4, '0')}`,
    `State:\t${stateName(p)}`,
    `Tgid:\t${p.pid}`,
    `Ngid:\t0`,
    `Pid:\t${p.pid}`,
    `PPid:\t${p.ppid}`,
    `TracerPid:\t0`,
    `Uid:\t0\t0\t0\t0`,
    `Gid:\t0\t0\t0\t0`,
    `FDSize:\t64`,
    `Groups:\t`,
    `VmPeak:\t${kb(vmBytes(p))}`,
    `VmSize:\t${kb(vmBytes(p))}`,
    `VmRSS:\t${kb(rssPages(p) * PAGE)}`,
    `Threads:\t1`,
    `SigQ:\t0/${ctx.maxProcesses}`,
    `SigPnd:\t${sigMask(p.pendingSignals)}`,
    `ShdPnd:\t${sigMask(0n)}`,
    `SigBlk:\t${sigMask(p.blockedSignals)}`,
    `SigIgn:\t${sigMask(handledSignals(p, (h) => h === 1))}`,
    `SigCgt:\t${sigMask(handledSignals(p, (h) => h > 1))}`,
  ];
  return lines.join('\n') + '\n';
}

/** NUL-terminated strings, as cmdline and environ hold them. */
export function nulList(items: readonly string[]): string {
  return items.map((s) => s + '\0').join('');
}

export function mapsText(p: Process): string {
  if (p.state === 'zombie') return '';
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return p.vm.areaList
    .map((a) => {
      const perms = `${a.prot & 1 ? 'r' : '-'}${a.prot & 2 ? 'w' : '-'}${a.prot & 4 ? 'x' : '-'}${a.shared ? 's' : 'p'}`;
      const name = a.shared ? a.shared.object.name : a.name === 'heap' ? '[heap]' : a.name === 'stack' ? '[stack]' : a.name === 'mmap' ? '' : p.image.path;
      const head = `${hex(a.start)}-${hex(a.end)} ${perms} 00000000 00:00 0`;
      return name ? `${head.padEnd(73)}${name}\n` : `${head}\n`;
    })
    .join('');
}
