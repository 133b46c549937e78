/**
 * procfs, mounted at /proc: a directory per process (and "self", a link to
 * the caller's), and the system-wide files. It reads the kernel's state
 * through ProcContext when a file is read; nothing is kept.
 */
import type { Process } from '../../proc/process';
import type { ProcessTable } from '../../proc/process-table';
import { FileSystem, FsStats, PROC_SUPER_MAGIC } from '../file-system';
import type { FileSystemTypes } from '../fs-types';
import type { Inode } from '../inode';
import type { Vfs } from '../vfs';
import type { CpuStats } from '../../sched/cpu-stats';
import { ProcDirectory, ProcFile, ProcLink } from './proc-nodes';
import { mapsText, nulList, statLine, statusText } from './process-files';
import { cpuinfo, loadavg, meminfo, mounts, uptime, version } from './system-files';
import { statText } from './stat-file';

export interface ProcContext {
  processes: ProcessTable;
  /** The process making the current system call ("self"). */
  current(): Process | null;
  vfs: Vfs;
  filesystems: FileSystemTypes;
  abi: 'x86_64' | 'riscv32';
  uname: { sysname: string; release: string; version: string };
  totalFrames(): number;
  freeFrames(): number;
  /** Bytes in file-system buffer caches. */
  bufferBytes(): number;
  monotonicNs(): number;
  realtimeNs(): number;
  /** CPU time spent in processes since boot. */
  busyNs(): number;
  loadAverages(): [number, number, number];
  /** Where the CPU's time went since boot, and switch counts. */
  cpuStats: CpuStats;
  lastPid(): number;
  foregroundGroup(): number;
  /** tty_nr of the console (major 5, minor 1). */
  ttyNr: number;
  maxProcesses: number;
}

const PROCESS_FILES = ['stat', 'status', 'cmdline', 'environ', 'maps', 'fd', 'cwd', 'exe'] as const;

export class ProcFs implements FileSystem {
  readonly type = 'proc';
  readonly readOnly = false;
  openFiles = 0;
  openWriters = 0;
  readonly root: ProcDirectory;

  constructor(
    private readonly ctx: ProcContext,
    private readonly parent: () => Inode,
  ) {
    const now = () => ctx.realtimeNs();
    const file = (ino: number, text: () => string) => () => new ProcFile(ino, this, now, text);
    const system = new Map<string, () => Inode>([
      ['meminfo', file(2, () => meminfo(ctx))],
      ['uptime', file(3, () => uptime(ctx))],
      ['loadavg', file(4, () => loadavg(ctx))],
      ['mounts', file(5, () => mounts(ctx))],
      ['cpuinfo', file(6, () => cpuinfo(ctx))],
      ['version', file(7, () => version(ctx))],
      ['filesystems', file(8, () => ctx.filesystems.describe())],
      ['stat', file(10, () => statText(ctx))],
      ['self', () => new ProcLink(9, this, now, () => String(ctx.current()?.tgid ?? 0))],
    ]);
    this.root = new ProcDirectory(1, this, now, this.parent, () => {
      const children = new Map(system);
      for (const p of ctx.processes.all().sort((a, b) => a.pid - b.pid)) children.set(String(p.pid), () => this.processDirectory(p));
      return children;
    });
  }

  statfs(): FsStats {
    return { type: PROC_SUPER_MAGIC, blockSize: 4096, blocks: 0, freeBlocks: 0, availableBlocks: 0, files: 0, freeFiles: 0, nameMax: 255 };
  }

  sync(): void {}

  /** /proc/<pid>: inode numbers pid << 8 | entry. */
  private processDirectory(p: Process): Inode {
    const now = () => this.ctx.realtimeNs();
    const base = p.pid * 256;
    const ctx = this.ctx;
    const entries = new Map<string, () => Inode>();
    const makers: Record<(typeof PROCESS_FILES)[number], () => Inode> = {
      stat: () => new ProcFile(base + 1, this, now, () => statLine(ctx, p)),
      status: () => new ProcFile(base + 2, this, now, () => statusText(ctx, p)),
      cmdline: () => new ProcFile(base + 3, this, now, () => (p.state === 'zombie' ? '' : nulList(p.image.argv))),
      environ: () => new ProcFile(base + 4, this, now, () => (p.state === 'zombie' ? '' : nulList(p.image.envp))),
      maps: () => new ProcFile(base + 5, this, now, () => mapsText(p)),
      fd: () => this.fdDirectory(p, base + 6, dir),
      cwd: () => new ProcLink(base + 7, this, now, () => p.cwd),
      exe: () => new ProcLink(base + 8, this, now, () => p.image.path),
    };
    for (const name of PROCESS_FILES) entries.set(name, makers[name]);
    const dir: Inode = new ProcDirectory(base, this, now, () => this.root, () => entries);
    return dir;
  }

  /** /proc/<pid>/fd: a link per open descriptor to the path it was opened by. */
  private fdDirectory(p: Process, ino: number, parent: Inode): Inode {
    const now = () => this.ctx.realtimeNs();
    return new ProcDirectory(ino, this, now, () => parent, () => {
      const links = new Map<string, () => Inode>();
      if (p.state === 'zombie') return links;
      for (let fd = 0; fd < 1024; fd++) {
        if (!p.fds.has(fd)) continue;
        const file = p.fds.get(fd);
        const target = file.inode.kind === 'fifo' ? `pipe:[${file.inode.ino}]` : file.path;
        links.set(String(fd), () => new ProcLink(ino * 1024 + fd, this, now, () => target));
      }
      return links;
    });
  }
}
