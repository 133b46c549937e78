/**
 * `jos run --replay FILE --gdb PORT [-S]`: the gdb stub on a replayed run,
 * with reverse execution. The past is recomputed as in a live run
 * (host/gdb/history.ts: checkpoints plus the log of the loop's turns), and
 * the recording is part of it: its position is saved with every
 * checkpoint, its inputs are given again as the past is replayed, and its
 * moves of virtual time are the idle turns. So every clock mode the run
 * was recorded with can be gone back through, input and all.
 *
 * At the end of a recording of a stopped run the machine stops for gdb
 * (`replaylog:end`: gdb says the replay history ended) and waits: gdb can
 * still go back; without a client the replay ends as without --gdb.
 */
import type { AssembledBoard } from '../../boards/assemble';
import type { StepOutcome } from '../../platform/machine';
import { History } from '../gdb/history';
import { parseGdbPort, startGdbStub } from '../gdb/gdb-stub';
import { indexBootedMachine } from '../snapshot/machine-snapshot';
import type { Replayer } from './replayer';
import type { OutputPosition } from '../gdb/output-once';

/** What the replay loop (replay-run.ts) asks of a debugger. */
export interface ReplayGate {
  /** While gdb holds the machine: settles when it may run again. */
  held(): Promise<void> | null;
  /** One turn of the machine loop. */
  step(turn: number): StepOutcome;
  /** The core idles: the recorded move of virtual time, logged. */
  idle(): void;
  /** The recording is used up: true to wait for gdb there. */
  atEnd(): boolean;
  /** gdb killed the run. */
  readonly killed: boolean;
  close(): Promise<void>;
}

export interface ReplayGdbOptions {
  /** --gdb PORT, as typed. */
  port: string;
  /** -S: stop at the first instruction of pid 1. */
  waitForGdb: boolean;
  log: (line: string) => void;
  /** The console output, printed once however often the past is run. */
  output: OutputPosition;
}

/** Right after kernel.boot() of the replayed machine. */
export async function startReplayGdb(assembled: AssembledBoard, replayer: Replayer, options: ReplayGdbOptions): Promise<ReplayGate> {
  const index = indexBootedMachine(assembled);
  let history: History | null = null;
  let killed = false;
  let onKill = (): void => {};
  const killedPromise = new Promise<void>((resolve) => {
    onKill = resolve;
  });
  const stub = await startGdbStub(assembled, {
    port: parseGdbPort(options.port),
    waitForGdb: options.waitForGdb,
    kill: () => {
      killed = true;
      onKill();
    },
    log: options.log,
    output: options.output,
    history: (setPrecise) => {
      history = new History(assembled, index, setPrecise, {
        position: () => replayer.position,
        seek: (position) => replayer.seek(position),
        idle: () => replayer.idle(),
        beforeTurn: () => replayer.beforeTurn(),
      });
      return history;
    },
  });
  const control = stub.control;
  const clock = assembled.machine.clock;
  return {
    held: () => {
      if (killed) return null;
      const held = control.held();
      return held === null ? null : Promise.race([held, killedPromise]);
    },
    step: (turn) => control.step(turn),
    idle: () => {
      // The recorded move itself is replayed from the recording.
      (history as History | null)?.jumped(clock.nextEventNs(), true);
      replayer.idle();
    },
    atEnd: () => control.stopAtEnd(),
    get killed() {
      return killed;
    },
    close: () => stub.close(),
  };
}
