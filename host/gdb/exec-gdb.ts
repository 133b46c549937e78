/**
 * `jos exec FILE.elf --gdb PORT [-S]`: a bare-metal program under gdb. The
 * core is the one thread; the run ends when the program writes `tohost`
 * (gdb hears the exit status), at gdb's `kill`, or on Ctrl-C.
 */
import type { Bus } from '../../platform/bus';
import type { Machine } from '../../platform/machine';
import { RunLoop, RunGate } from '../run-loop';
import { UsageError } from '../usage-error';
import { BareGuest } from './bare-guest';
import { adaptCore } from './core-adapter';
import { GdbServer } from './gdb-server';
import { RunControl } from './run-control';

export interface BareMachineParts {
  readonly machine: Machine;
  readonly bus: Bus;
  /** The program's exit status once it has written tohost. */
  readonly exitStatus: () => number | null;
}

/** The status of a run that gdb killed or Ctrl-C ended. */
const STATUS_ENDED_BY_HOST = 130;
const CLOSE_GRACE_MS = 2000;

export async function runBareMetalUnderGdb(
  parts: BareMachineParts,
  options: { port: number; waitForGdb: boolean; name: string; log: (line: string) => void },
): Promise<number> {
  const { machine, bus } = parts;
  if (machine.cpu === null) throw new Error('no core');
  const guest = new BareGuest(adaptCore(machine.cpu), bus, options.name, parts.exitStatus);
  const control = new RunControl(machine, guest);
  let loop: RunLoop | null = null;
  const server = new GdbServer(
    control,
    {
      kill: () => loop?.stop(),
      detach: () => control.detach(),
      setLogLevel: () => 'jos exec runs no kernel: there is no log level',
    },
    options.log,
  );
  let port: number;
  try {
    port = await server.listen(options.port);
  } catch (error) {
    throw new UsageError(`--gdb ${options.port}: cannot listen on 127.0.0.1 (${(error as Error).message})`);
  }
  options.log(`gdb: listening on 127.0.0.1:${port}${options.waitForGdb ? ', stopped at the entry point (-S)' : ''}`);
  if (options.waitForGdb) control.stopAtStart();
  const gate: RunGate = {
    held: () => control.held(),
    wantsAttention: () => control.wantsAttention(),
    step: (turn) => {
      const outcome = control.step(turn);
      const status = parts.exitStatus();
      if (status !== null && !machine.poweredOff) machine.powerOff(status);
      return outcome;
    },
  };
  loop = new RunLoop(machine, { clock: 'virtual', gate });
  const running = loop;
  control.poke = () => running.poke();
  const onSigint = () => running.stop();
  process.on('SIGINT', onSigint);
  try {
    await loop.run();
  } finally {
    process.off('SIGINT', onSigint);
    await server.close(CLOSE_GRACE_MS);
  }
  return machine.powerOffStatus ?? STATUS_ENDED_BY_HOST;
}
