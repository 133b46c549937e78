/**
 * The snapshot rules for the machine's classes (docs/snapshots.md): the
 * caches a restore drops, the host's objects it never saves, and the
 * classes made after boot that a restore creates by name.
 */
import { JitTier } from '../../arch/x86_64/jit/jit-tier';
import { BlockCache as RiscvBlockCache } from '../../arch/riscv/block-cache';
import { RiscvCore } from '../../arch/riscv/core';
import { Machine } from '../../platform/machine';
import { Uart16550 } from '../../platform/pc/uart16550';
import { Esp32c3Uart } from '../../platform/esp32c3/uart';
import { SectorStore } from '../../platform/pc/sector-store';
import { X87 } from '../../arch/x86_64/ops/x87-state';
import { X86UserContext } from '../../arch/x86_64/supervisor/user-context';
import { RiscvUserContext } from '../../arch/riscv/supervisor/user-context';
import { KERNEL_CLASSES } from './kernel-classes';
import { SnapshotPolicy } from './policy';

export function machinePolicy(): SnapshotPolicy {
  const policy = new SnapshotPolicy();
  policy.register(...KERNEL_CLASSES, X87, X86UserContext, RiscvUserContext);
  // The host's side of the machine: its input sources and the work in
  // flight (a snapshot waits until there is none), the far end of the
  // console wire, the disk image's medium (checked by size and hash).
  policy.rule(Machine, { transient: ['inputs', 'hostJobs'] });
  policy.rule(Uart16550, { transient: ['host'] });
  policy.rule(Esp32c3Uart, { transient: ['host'] });
  policy.rule(SectorStore, { transient: ['medium'] });
  // Compiled code: functions made from the blocks, made again after a
  // restore. x86_64: a block whose hit count passed the threshold compiles
  // at its next run. RISC-V: a region compiles when a block's run count
  // reaches the threshold, so those past it count again from just below.
  policy.rule(JitTier, { transient: ['fns'] });
  policy.rule(RiscvBlockCache, { transient: ['compiled'] });
  policy.rule(RiscvCore, { transient: ['jitContext'], afterRestore: (obj) => recountRiscvRuns(obj as RiscvCore) });
  return policy;
}

function recountRiscvRuns(core: RiscvCore): void {
  const threshold = core.jitThreshold;
  if (threshold <= 1) return;
  const runs = core.cache.runs;
  for (let b = 0; b < runs.length; b++) if (runs[b] >= threshold) runs[b] = threshold - 1;
}
