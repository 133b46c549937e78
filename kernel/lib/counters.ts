/**
 * The kernel's few numbering counters that are not a field of one object
 * (address-space ids, tmpfs device numbers, pipe and anonymous inode
 * numbers): named data in one place, so that a snapshot saves them with
 * the rest of the kernel's state (docs/snapshots.md).
 */
export const kernelCounters = {
  nextSpaceId: 1,
  nextRamFsDevice: 1,
  nextPipeIno: 1,
  nextAnonIno: 1,
};
