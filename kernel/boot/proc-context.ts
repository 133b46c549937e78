/**
 * What procfs reads, gathered from the running kernel's parts.
 */
import type { BufferCache } from '../fs/block/buffer-cache';
import type { FileSystemTypes } from '../fs/fs-types';
import { LoadAverage } from '../fs/procfs/load-average';
import type { ProcContext } from '../fs/procfs/procfs';
import type { Vfs } from '../fs/vfs';
import type { FrameAllocator } from '../mm/frame-allocator';
import type { ProcessTable } from '../proc/process-table';
import type { Scheduler } from '../sched/scheduler';
import { UTS_RELEASE } from '../syscall/sys-info';
import type { Tty } from '../tty/tty';
import { KERNEL_NAME, KERNEL_RELEASE } from '../version';

export interface ProcSources {
  processes: ProcessTable;
  scheduler: Scheduler;
  vfs: Vfs;
  filesystems: FileSystemTypes;
  abi: 'x86_64' | 'riscv32';
  frames: FrameAllocator;
  clockNs: () => number;
  realtimeNs: () => number;
  tty: Tty;
  caches: () => BufferCache | null;
}

export function newProcContext(s: ProcSources): ProcContext {
  const load = new LoadAverage();
  return {
    processes: s.processes,
    current: () => s.scheduler.current,
    vfs: s.vfs,
    filesystems: s.filesystems,
    abi: s.abi,
    uname: { sysname: KERNEL_NAME, release: UTS_RELEASE, version: `#1 ${KERNEL_NAME} ${KERNEL_RELEASE}` },
    totalFrames: () => s.frames.totalFrames,
    freeFrames: () => s.frames.freeFrames,
    bufferBytes: () => {
      const c = s.caches();
      return c ? c.cachedBlocks * c.blockSize : 0;
    },
    monotonicNs: s.clockNs,
    realtimeNs: s.realtimeNs,
    busyNs: () => s.processes.tasks().reduce((sum, p) => sum + p.cpuTimeNs, 0),
    loadAverages: () => load.sample(s.clockNs(), s.processes.tasks().filter((p) => p.state === 'runnable' && !p.stopped).length),
    lastPid: () => Math.max(0, ...s.processes.tasks().map((p) => p.pid)),
    cpuStats: s.scheduler.stats,
    foregroundGroup: () => s.tty.foregroundGroup,
    ttyNr: (5 << 8) | 1,
    maxProcesses: 256,
  };
}
