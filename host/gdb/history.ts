/**
 * Reverse execution for the gdb stub (docs/debugging.md, "Reverse
 * execution"): the machine's past, kept as checkpoints (in-memory
 * snapshots of the whole machine, host/snapshot) plus the log of every
 * turn the run loop took since the oldest one. A turn is a function of
 * the machine's state and its budget (and the core's precise mode), so
 * restoring a checkpoint and taking the same turns again arrives at
 * exactly the same state: the past is recomputed, not stored.
 *
 * Going back to position P (a turn of the log, before it runs): restore
 * the last checkpoint at or before P, replay the turns up to P. Finding P
 * for reverse-stepi (the debugged thread's previous instruction) or
 * reverse-continue (the last breakpoint hit) replays the interval once
 * more, looking.
 *
 * The past is only as deterministic as the run: outside input delivered
 * while recording history (a typed byte) ends the history before it, and
 * the clock must not follow the wall clock (`--clock virtual`). Under
 * `--replay` the inputs are a recording's (RecordedPast): they stay
 * attached while the past is recomputed, the recording's position is part
 * of every checkpoint, and idle moves of the clock are the recording's.
 */
import type { Machine, StepOutcome } from '../../platform/machine';
import { MachineIndex, restoreMachine, saveMachine } from '../snapshot/machine-snapshot';
import type { SavedGraph } from '../snapshot/object-graph';
import type { AssembledBoard } from '../../boards/assemble';
import { SnapshotError } from '../snapshot/policy';
import type { OutputPosition } from './output-once';

/** A run of equal turns: machine steps with one budget and precise mode,
 * or an idle jump of the clock (count 1). */
type Turns =
  | { kind: 'step'; budget: number; precise: boolean; waited: boolean; count: number }
  | { kind: 'jump'; toNs: number; fire: boolean; count: number };

interface Checkpoint {
  /** Index of the next turn in the log when it was taken. */
  readonly at: number;
  /** The recording's position then (--replay), or 0. */
  readonly recordedAt: number;
  /** The console output's position then (output-once.ts), or 0. */
  readonly outputAt: number;
  readonly retired: number;
  readonly graph: SavedGraph;
  /** Each ArrayBuffer's bytes; big ones (RAM) as pages, shared with the
   * previous checkpoint where equal. */
  readonly blobs: (Uint8Array | Uint8Array[])[];
}

/** Instructions between checkpoints while the machine runs forward... */
export const CHECKPOINT_INSTRUCTIONS = 16_000_000;
/** ...or turns (precise mode runs one instruction per turn, slower: a
 * reverse step replays at most this many turns twice). */
export const CHECKPOINT_TURNS = 500_000;
/** Checkpoints kept: the oldest are thinned out beyond this. */
const MAX_CHECKPOINTS = 16;
/** Turns remembered as the debugged thread's instructions (reverse-stepi
 * goes back through them without searching). */
const MAX_LIVE_STEPS = 4096;
/** RAM pages compared with the previous checkpoint's: equal ones shared. */
const PAGE = 4096;

export interface TurnObserver {
  /** Before turn `i` of an interval being replayed (`precise`: a
   * one-instruction step of the core in precise mode). */
  before(i: number, precise: boolean): void;
  /** After it. */
  after(i: number, retiredBefore: number): void;
}

/** `jos run --replay FILE --gdb PORT`: the recording the inputs come from
 * (host/replay/replayer.ts). */
export interface RecordedPast {
  /** The next recorded event's index. */
  position(): number;
  /** Goes back (or forward) to a position a checkpoint saved. */
  seek(position: number): void;
  /** The core idles: the recorded move of virtual time. */
  idle(): void;
  /** Before a turn: the recorded keys given between turns here. */
  beforeTurn(): void;
}

export class History {
  private readonly runs: Turns[] = [];
  /** Turns in the log (the runs' counts added up). */
  private total = 0;
  private readonly checkpoints: Checkpoint[] = [];
  private inputsSeen: number;
  /** The last turns that ran an instruction of the debugged thread
   * (RunControl marks them), newest last. */
  private readonly liveSteps: number[] = [];
  private replaying = false;
  /** Why there is no history (a checkpoint could not be taken), or null. */
  disabled: string | null = null;
  /** The console output, printed once (output-once.ts): its position is
   * part of every checkpoint. */
  output: OutputPosition | null = null;

  constructor(
    private readonly board: AssembledBoard,
    private readonly index: MachineIndex,
    private readonly setPrecise: (on: boolean) => void,
    private readonly recorded: RecordedPast | null = null,
  ) {
    this.inputsSeen = board.machine.inputDeliveries;
  }

  private get machine(): Machine {
    return this.board.machine;
  }

  get length(): number {
    return this.total;
  }

  /** Where the past begins: the oldest checkpoint's turn. */
  get begin(): number {
    return this.checkpoints.length > 0 ? this.checkpoints[0].at : this.total;
  }

  private append(turn: Turns): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.kind === 'step' && turn.kind === 'step' && last.budget === turn.budget && last.precise === turn.precise && last.waited === turn.waited) last.count++;
    else this.runs.push(turn);
    this.total++;
  }

  /** A turn the run loop takes (forward). */
  step(budget: number, precise: boolean): StepOutcome {
    this.recorded?.beforeTurn();
    if (this.disabled !== null) return this.machine.step(budget);
    if (!this.replaying) this.maybeCheckpoint();
    const outcome = this.machine.step(budget);
    if (!this.replaying && this.disabled === null) {
      // A turn that found host work in flight ran nothing: a replay waits
      // for the work instead (host work settles when the host says).
      this.append({ kind: 'step', budget, precise, waited: outcome === 'host-work', count: 1 });
      if (this.recorded === null) this.noteInputs();
    }
    return outcome;
  }

  /** An idle jump the run loop makes (forward). */
  jumped(toNs: number, fire: boolean): void {
    if (!this.replaying && this.disabled === null) this.append({ kind: 'jump', toNs, fire, count: 1 });
  }

  /** Takes a checkpoint now if the last one is far enough behind. A
   * machine that cannot be saved (docs/snapshots.md) runs on without a
   * past: reverse execution then says why. */
  maybeCheckpoint(force = false): void {
    if (this.disabled !== null || this.machine.hostWorkPending) return;
    const retired = this.machine.cpu?.retired ?? 0;
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last && last.at === this.total) return;
    if (!force && last && retired - last.retired < CHECKPOINT_INSTRUCTIONS && this.total - last.at < CHECKPOINT_TURNS) return;
    let saved: ReturnType<typeof saveMachine>;
    try {
      saved = saveMachine(this.board, this.index);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      this.disabled = error.message;
      this.checkpoints.length = 0;
      this.runs.length = 0;
      this.total = 0;
      return;
    }
    const { graph, blobs } = saved;
    this.checkpoints.push({ at: this.total, recordedAt: this.recorded?.position() ?? 0, outputAt: this.output?.position() ?? 0, retired, graph, blobs: this.copyBlobs(blobs, last) });
    if (this.checkpoints.length > MAX_CHECKPOINTS) this.checkpoints.splice(1, 1); // keep the first: where history begins
  }

  /** The debugger changed the machine between two turns (memory, a
   * register, a page faulted in by reading it): the turns from here on
   * replay from a checkpoint taken now, with the change. */
  changedOutside(): void {
    if (this.replaying || this.disabled !== null) return;
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last && last.at === this.total) this.checkpoints.pop();
    this.maybeCheckpoint(true);
  }

  /** Turn `turn` (the one just taken, or an earlier one whose trap has
   * just returned) ran an instruction of the debugged thread. */
  markLiveStep(turn: number): void {
    const last = this.liveSteps[this.liveSteps.length - 1];
    if (this.replaying || turn < 0 || turn >= this.total || (last !== undefined && last >= turn)) return;
    this.liveSteps.push(turn);
    if (this.liveSteps.length > MAX_LIVE_STEPS) this.liveSteps.splice(0, this.liveSteps.length - MAX_LIVE_STEPS);
  }

  /** The debugged thread changed: the marks were another's. */
  forgetLiveSteps(): void {
    this.liveSteps.length = 0;
  }

  /** The last marked turn before `end` still in history, or -1. */
  lastLiveStep(end: number): number {
    for (let i = this.liveSteps.length - 1; i >= 0; i--) {
      const turn = this.liveSteps[i];
      if (turn < end) return turn >= this.begin ? turn : -1;
    }
    return -1;
  }

  /** The past cannot be recomputed before here: it begins again. */
  restart(): void {
    this.liveSteps.length = 0;
    this.checkpoints.length = 0;
    this.runs.length = 0;
    this.total = 0;
    this.maybeCheckpoint(true);
  }

  /** Outside input reached the machine: the past before it cannot be
   * recomputed; history starts again here. */
  private noteInputs(): void {
    const seen = this.machine.inputDeliveries;
    if (seen === this.inputsSeen) return;
    this.inputsSeen = seen;
    this.restart();
  }

  /**
   * Replays from the checkpoint before `upTo` to `upTo` (exclusive),
   * telling `observer` about each turn. Returns the turn index the replay
   * started from.
   */
  async replay(upTo: number, observer: TurnObserver | null, from?: number): Promise<number> {
    const cp = this.checkpointAtOrBefore(from ?? upTo);
    if (cp === null) throw new Error('no checkpoint before that point');
    this.restore(cp);
    this.replaying = true;
    const machine = this.machine;
    // A recording's inputs are part of the past; live ones are not.
    const inputs = this.recorded === null ? machine.detachInputs() : null;
    try {
      let precise: boolean | null = null;
      let i = 0;
      for (const run of this.runs) {
        if (i + run.count <= cp.at) {
          i += run.count;
          continue;
        }
        for (let k = 0; k < run.count; k++, i++) {
          if (i < cp.at) continue;
          if (i >= upTo) return cp.at;
          observer?.before(i, run.kind === 'step' && run.precise);
          const before = machine.cpu?.retired ?? 0;
          while (machine.hostWorkPending) await machine.hostWorkSettled();
          if (run.kind === 'step') {
            if (run.precise !== precise) {
              this.forcePrecise(run.precise);
              precise = run.precise;
            }
            this.recorded?.beforeTurn();
            if (!run.waited) machine.step(run.budget);
          } else if (this.recorded !== null) this.recorded.idle();
          else if (run.fire) machine.jumpToNextEvent();
          else machine.clock.jumpTo(run.toNs);
          observer?.after(i, before);
        }
      }
    } finally {
      if (inputs !== null) machine.attachInputs(inputs);
      this.replaying = false;
    }
    return cp.at;
  }

  /** The future after turn `at` is forgotten (a new one follows). */
  truncate(at: number): void {
    while (this.liveSteps.length > 0 && this.liveSteps[this.liveSteps.length - 1] >= at) this.liveSteps.pop();
    let i = 0;
    let keep = 0;
    for (; keep < this.runs.length && i + this.runs[keep].count <= at; keep++) i += this.runs[keep].count;
    if (keep < this.runs.length && i < at) {
      this.runs[keep].count = at - i;
      keep++;
    }
    this.runs.length = keep;
    this.total = at;
    while (this.checkpoints.length > 1 && this.checkpoints[this.checkpoints.length - 1].at > at) this.checkpoints.pop();
  }

  /** The checkpoint just before `checkpoint` (searching further back). */
  checkpointBefore(at: number): number | null {
    for (let i = this.checkpoints.length - 1; i >= 0; i--) if (this.checkpoints[i].at < at) return this.checkpoints[i].at;
    return null;
  }

  private checkpointAtOrBefore(at: number): Checkpoint | null {
    for (let i = this.checkpoints.length - 1; i >= 0; i--) if (this.checkpoints[i].at <= at) return this.checkpoints[i];
    return null;
  }

  private restore(cp: Checkpoint): void {
    // (The cores' caches of decoded and compiled code are emptied by the
    // restore: host/snapshot/machine-classes.ts.)
    restoreMachine(this.board, this.index, cp.graph, cp.blobs.map(joinPages));
    this.recorded?.seek(cp.recordedAt);
    this.output?.seek(cp.outputAt);
  }

  /** The core's precise mode as the turn had it (a fresh set either way). */
  private forcePrecise(on: boolean): void {
    this.setPrecise(!on);
    this.setPrecise(on);
  }

  /** The blobs as they are now (saveGraph's are views on live memory):
   * big ones page by page, sharing the pages equal to the last checkpoint's. */
  private copyBlobs(blobs: Uint8Array[], last: Checkpoint | undefined): (Uint8Array | Uint8Array[])[] {
    return blobs.map((blob, i) => {
      const previous = last?.blobs[i];
      if (blob.length < 16 * PAGE || blob.length % PAGE !== 0) {
        // Small, or not in pages: shared whole when unchanged.
        if (previous instanceof Uint8Array && previous.length === blob.length && Buffer.compare(blob, previous) === 0) return previous;
        return blob.slice();
      }
      const before = Array.isArray(previous) && previous.length === blob.length / PAGE ? previous : null;
      const pages: Uint8Array[] = [];
      for (let n = 0, off = 0; off < blob.length; n++, off += PAGE) {
        const page = blob.subarray(off, off + PAGE);
        const old = before ? before[n] : ZERO_PAGE;
        pages.push(Buffer.compare(page, old) === 0 ? old : page.slice());
      }
      return pages;
    });
  }
}

const ZERO_PAGE = new Uint8Array(PAGE);

function joinPages(blob: Uint8Array | Uint8Array[]): Uint8Array {
  if (!Array.isArray(blob)) return blob;
  const whole = new Uint8Array(blob.length * PAGE);
  for (let n = 0; n < blob.length; n++) whole.set(blob[n], n * PAGE);
  return whole;
}
