/**
 * The system-wide files of /proc in Linux's formats: meminfo, uptime,
 * loadavg, mounts, cpuinfo, version, filesystems.
 */
import type { ProcContext } from './procfs';

function kbLine(name: string, kb: number): string {
  return `${(name + ':').padEnd(15)}${String(Math.floor(kb)).padStart(9)} kB\n`;
}

export function meminfo(ctx: ProcContext): string {
  const total = (ctx.totalFrames() * 4096) / 1024;
  const free = (ctx.freeFrames() * 4096) / 1024;
  return (
    kbLine('MemTotal', total) +
    kbLine('MemFree', free) +
    kbLine('MemAvailable', free) +
    kbLine('Buffers', ctx.bufferBytes() / 1024) +
    kbLine('Cached', 0) +
    kbLine('SwapCached', 0) +
    kbLine('Active', 0) +
    kbLine('Inactive', 0) +
    kbLine('SwapTotal', 0) +
    kbLine('SwapFree', 0) +
    kbLine('Shmem', 0)
  );
}

/** Seconds since boot, and the idle time summed over CPUs. */
export function uptime(ctx: ProcContext): string {
  const up = ctx.monotonicNs() / 1e9;
  const idle = Math.max(0, up - ctx.busyNs() / 1e9);
  return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
}

export function loadavg(ctx: ProcContext): string {
  const all = ctx.processes.all();
  const running = all.filter((p) => p.state === 'runnable' && !p.stopped).length;
  const [one, five, fifteen] = ctx.loadAverages();
  return `${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} ${running}/${all.length} ${ctx.lastPid()}\n`;
}

/** Spaces and the like in fields are octal escapes, as Linux writes them. */
function escapeField(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0'));
}

export function mounts(ctx: ProcContext): string {
  return ctx.vfs
    .mounts()
    .map((m) => `${escapeField(m.source)} ${escapeField(m.path)} ${m.fs.type} ${m.fs.readOnly ? 'ro' : 'rw'} 0 0\n`)
    .join('');
}

export function cpuinfo(ctx: ProcContext): string {
  if (ctx.abi === 'x86_64') {
    return [
      'processor\t: 0',
      'vendor_id\t: AuthenticAMD',
      'cpu family\t: 15',
      'model\t\t: 0',
      'model name\t: JOS emulated x86_64',
      'cpu MHz\t\t: 0.000',
      'fpu\t\t: yes',
      'flags\t\t: fpu tsc cx8 cmov mmx fxsr sse sse2 syscall lm',
      'address sizes\t: 40 bits physical, 48 bits virtual',
      '',
      '',
    ].join('\n');
  }
  return ['processor\t: 0', 'hart\t\t: 0', 'isa\t\t: rv32imc', 'mmu\t\t: sv32', 'uarch\t\t: jos,esp32c3', '', ''].join('\n');
}

export function version(ctx: ProcContext): string {
  return `${ctx.uname.sysname} version ${ctx.uname.release} (jos@jos) (TypeScript) ${ctx.uname.version}\n`;
}
