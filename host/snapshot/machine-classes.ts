/**
 * The snapshot rules for the machine's classes (docs/snapshots.md): the
 * caches a restore drops, the host's objects it never saves, and the
 * classes made after boot that a restore creates by name.
 */
import { RiscvCore } from '../../arch/riscv/core';
import { X86Core } from '../../arch/x86_64/core';
import { Mmu } from '../../arch/x86_64/mmu';
import { Machine } from '../../platform/machine';
import { Uart16550 } from '../../platform/pc/uart16550';
import { Esp32c3Uart } from '../../platform/esp32c3/uart';
import { SectorStore } from '../../platform/pc/sector-store';
import { SpiFlashChip } from '../../platform/esp32c3/spi-flash-chip';
import { X87 } from '../../arch/x86_64/ops/x87-state';
import { X86UserContext } from '../../arch/x86_64/supervisor/user-context';
import { RiscvUserContext } from '../../arch/riscv/supervisor/user-context';
import { UserMemory } from '../../kernel/mm/user-memory';
import { KERNEL_CLASSES } from './kernel-classes';
import { SnapshotPolicy } from './policy';

export function machinePolicy(): SnapshotPolicy {
  const policy = new SnapshotPolicy();
  policy.register(...KERNEL_CLASSES, X87, X86UserContext, RiscvUserContext);
  // The host's side of the machine: its input sources and the work in
  // flight (a snapshot waits until there is none), the far end of the
  // console wire, the disk image's medium (checked by size and hash).
  policy.rule(Machine, { transient: ['inputs', 'hostJobs', 'inputDeliveries'] });
  policy.rule(Uart16550, { transient: ['host'] });
  policy.rule(Esp32c3Uart, { transient: ['host'] });
  policy.rule(SectorStore, { transient: ['medium'] });
  // The flash's contents are the chip's (saved); the file it writes to is
  // the host's.
  policy.rule(SpiFlashChip, { transient: ['sink'] });
  // Decoded blocks and compiled code are caches: not saved, and emptied
  // after a restore (the restored machine decodes and compiles again; where
  // turns end does not depend on them). A debugger's hooks on the core
  // (host/gdb) are the debugger's, not the machine's.
  policy.rule(X86Core, { transient: ['cache', 'd', 'jit', 'trace', 'hostEntryObserver', 'accessObserver'], afterRestore: (obj) => (obj as X86Core).cache.flush() });
  policy.rule(Mmu, { transient: ['watchedPages'] });
  policy.rule(RiscvCore, { transient: ['cache', 'jitContext', 'hostEntryObserver'], afterRestore: (obj) => (obj as RiscvCore).cache.flush() });
  // The same for its hook on the kernel's copies to and from user memory.
  policy.rule(UserMemory, { transient: ['copyObserver'] });
  return policy;
}
