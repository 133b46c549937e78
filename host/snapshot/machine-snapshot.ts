/**
 * Saving and restoring a whole assembled board: which objects are the
 * roots, the boot index, the graph. (host/snapshot/snapshot-file.ts writes
 * and reads the file.)
 */
import type { AssembledBoard } from '../../boards/assemble';
import { kernelCounters } from '../../kernel/lib/counters';
import { BootIndex } from './boot-index';
import { machinePolicy } from './machine-classes';
import { SavedGraph, restoreGraph, saveGraph } from './object-graph';
import { SnapshotError, SnapshotPolicy } from './policy';

export interface MachineIndex {
  readonly policy: SnapshotPolicy;
  readonly boot: BootIndex;
}

function rootsOf(board: AssembledBoard): Record<string, unknown> {
  return { machine: board.machine, kernel: board.kernel, bus: board.bus, clock: board.clock, counters: kernelCounters };
}

/** Right after kernel.boot(), before the machine runs: the boot index. */
export function indexBootedMachine(board: AssembledBoard): MachineIndex {
  const policy = machinePolicy();
  const boot = BootIndex.build(rootsOf(board), policy);
  for (const obj of boot.objects) if (typeof obj === 'object') policy.learnFrom(obj);
  return { policy, boot };
}

/** The machine's state as a graph (between two turns of the loop). */
export function saveMachine(board: AssembledBoard, index: MachineIndex, problems?: string[]): { graph: SavedGraph; blobs: Uint8Array[] } {
  if (board.machine.hostWorkPending) throw new SnapshotError('host work is in flight');
  return saveGraph(rootsOf(board), index.boot, index.policy, problems);
}

/** Writes a saved graph into a freshly booted machine (same options). */
export function restoreMachine(board: AssembledBoard, index: MachineIndex, graph: SavedGraph, blobs: Uint8Array[]): void {
  const roots = restoreGraph(graph, blobs, index.boot, index.policy);
  // The fresh boot handed over the first program's load: the snapshot's
  // machine had none in flight.
  board.machine.discardHostWork();
  const expected = rootsOf(board);
  for (const name of Object.keys(expected)) {
    if (roots[name] !== expected[name]) throw new SnapshotError(`the snapshot's ${name} is not this machine's`);
  }
}
