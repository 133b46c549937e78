/**
 * Snapshots in `jos run` (docs/snapshots.md): `--save-snapshot FILE` saves
 * the machine when the run ends and on Ctrl-A S, `--snapshot-at N` ends the
 * run (saving it) at the first turn boundary at or after N instructions,
 * and `--restore FILE` boots the snapshot's machine afresh and writes the
 * saved state into it before it runs.
 *
 * A save happens between two turns of the machine loop, with no host work
 * in flight (else it waits for the next turn that has none).
 */
import * as fs from 'fs';
import type { AssembledBoard } from '../../boards/assemble';
import type { StepOutcome } from '../../platform/machine';
import type { DiskSession } from '../disk/disk-session';
import { parseDiskSpec } from '../disk/disk-image';
import { systemErrorText } from '../system-error';
import { UsageError } from '../usage-error';
import { MachineIndex, indexBootedMachine, restoreMachine, saveMachine } from './machine-snapshot';
import { SnapshotError } from './policy';
import { SnapshotContents, SnapshotDisk, SnapshotHeader, decodeSnapshot, encodeSnapshot, sha256, writeSnapshotFile } from './snapshot-file';

/** What a snapshot's header needs to say how to boot the machine again. */
export type BootParameters = Pick<SnapshotHeader, 'board' | 'memoryBytes' | 'cmdline' | 'rtc' | 'bootEpochSeconds' | 'initArgv' | 'initEnvp' | 'cpuVendor' | 'jit'>;

export interface SaveTarget {
  readonly path: string;
  /** --snapshot-at: end the run here. */
  readonly atInstruction: number | null;
}

export class SnapshotSession {
  private saveRequested = false;
  private savedAt = -1;
  /** Wraps every save (a debugger takes its hooks off the core for it:
   * host/gdb/run-control.ts withoutDebugger). */
  aroundSave: (<T>(save: () => T) => T) | null = null;

  private constructor(
    private readonly board: AssembledBoard,
    private readonly index: MachineIndex,
    private readonly boot: BootParameters,
    private readonly initrd: Uint8Array,
    private readonly target: SaveTarget | null,
    private readonly disk: { session: DiskSession; spec: string } | null,
    private readonly log: (line: string) => void,
  ) {}

  /** Right after kernel.boot(): indexes the booted machine; with a
   * snapshot to restore, writes it in. */
  static start(board: AssembledBoard, boot: BootParameters, initrd: Uint8Array, target: SaveTarget | null, disk: { session: DiskSession; spec: string } | null, restore: SnapshotContents | null, log: (line: string) => void): SnapshotSession {
    const index = indexBootedMachine(board);
    if (restore) {
      try {
        restoreMachine(board, index, restore.graph, restore.blobs);
      } catch (error) {
        if (error instanceof SnapshotError) throw new UsageError(`--restore: ${error.message}`);
        throw error;
      }
    }
    return new SnapshotSession(board, index, boot, initrd, target, disk, log);
  }

  /** The booted machine's index (for a debugger's history). */
  get bootIndex(): MachineIndex {
    return this.index;
  }

  /** `monitor savesnapshot FILE` from gdb, while gdb holds the machine
   * (between two turns): saves now; the message for gdb. */
  saveFromDebugger(path: string): string {
    if (this.board.machine.hostWorkPending) return 'the machine is waiting for host work (an ELF being read): step once and save again';
    try {
      this.save(path);
      return `snapshot saved to ${path} at instruction ${this.board.machine.cpu?.retired ?? 0}`;
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      return `cannot save: ${error.message}`;
    }
  }

  /** Ctrl-A S: save at the next turn boundary. */
  requestSave(): void {
    this.saveRequested = true;
  }

  /** Between two turns: saves if asked to; true ends the run (--snapshot-at). */
  afterTurn(outcome: StepOutcome): boolean {
    if (outcome !== 'ran' && outcome !== 'stopped') return false;
    const machine = this.board.machine;
    if (machine.hostWorkPending) return false;
    const at = this.target?.atInstruction ?? null;
    if (at !== null && (machine.cpu?.retired ?? 0) >= at) return true;
    if (this.saveRequested) {
      this.saveRequested = false;
      this.trySave();
    }
    return false;
  }

  /** At the end of the run. Returns false when the machine could not be saved. */
  finish(): boolean {
    if (!this.target) return true;
    return this.trySave();
  }

  private trySave(): boolean {
    if (!this.target) {
      this.log('no --save-snapshot FILE: nothing saved');
      return false;
    }
    try {
      this.save(this.target.path);
      return true;
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      this.log(`--save-snapshot: ${error.message}`);
      return false;
    }
  }

  save(path: string): void {
    const machine = this.board.machine;
    const retired = machine.cpu?.retired ?? 0;
    if (this.savedAt === retired && fs.existsSync(path)) return;
    const { graph, blobs } = this.aroundSave !== null ? this.aroundSave(() => saveMachine(this.board, this.index)) : saveMachine(this.board, this.index);
    const header = {
      build: buildFingerprint(),
      ...this.boot,
      retired,
      virtualNs: this.board.clock.nowNs(),
      ramSha256: sha256(this.board.bus.u8),
      disk: this.diskState(),
    };
    try {
      writeSnapshotFile(path, encodeSnapshot(header, graph, this.initrd, blobs));
    } catch (error) {
      throw new SnapshotError(`cannot write ${path}: ${systemErrorText(error)}`);
    }
    this.savedAt = retired;
    this.log(`snapshot saved to ${path} at instruction ${retired}`);
  }

  /** The disk image as the guest sees it now: written back, then hashed. */
  private diskState(): SnapshotDisk | null {
    if (!this.disk) return null;
    this.disk.session.save();
    const spec = parseDiskSpec(this.disk.spec);
    const bytes = fs.readFileSync(spec.path);
    return { path: spec.path, readOnly: spec.readOnly, bytes: bytes.length, sha256: sha256(bytes) };
  }
}

/** Reads and checks a snapshot file; a bad one is a usage error (status 2). */
export function readSnapshot(path: string): SnapshotContents {
  let file: Buffer;
  try {
    file = fs.readFileSync(path);
  } catch (error) {
    throw new UsageError(`--restore: cannot read ${path}: ${systemErrorText(error)}`);
  }
  let contents: SnapshotContents;
  try {
    contents = decodeSnapshot(file, path);
  } catch (error) {
    if (error instanceof SnapshotError) throw new UsageError(`--restore: ${error.message}`);
    throw error;
  }
  if (contents.header.build !== buildFingerprint()) {
    throw new UsageError(`--restore: ${path} was saved by another build of jos (its classes and fields may differ); restore it with the jos that saved it`);
  }
  return contents;
}

/** The disk image a restore runs with: the one the snapshot names (or
 * `--disk`), checked by size and hash against the snapshot's. */
export function checkRestoreDisk(contents: SnapshotContents, diskOption: string | undefined, path: string): string | undefined {
  const saved = contents.header.disk;
  if (!saved) {
    if (diskOption !== undefined) throw new UsageError(`--restore: ${path} was saved without a disk; --disk cannot be added`);
    return undefined;
  }
  const spec = diskOption ?? `${saved.path}${saved.readOnly ? ',ro' : ''}`;
  const imagePath = parseDiskSpec(spec).path;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(imagePath);
  } catch (error) {
    throw new UsageError(`--restore: the snapshot's disk image ${imagePath}: ${systemErrorText(error)}`);
  }
  if (bytes.length !== saved.bytes || sha256(bytes) !== saved.sha256) {
    throw new UsageError(`--restore: the disk image ${imagePath} is not the one the snapshot was saved with (${bytes.length} bytes, sha256 ${sha256(bytes).slice(0, 12)}; saved: ${saved.bytes} bytes, sha256 ${saved.sha256.slice(0, 12)})`);
  }
  return spec;
}

let fingerprint: string | null = null;

/** The running jos's code (the bundle, or this module under ts-jest). */
export function buildFingerprint(): string {
  if (fingerprint === null) {
    try {
      fingerprint = sha256(fs.readFileSync(__filename)).slice(0, 32);
    } catch {
      fingerprint = 'unknown';
    }
  }
  return fingerprint;
}
