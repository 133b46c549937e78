/**
 * `jos run --gdb PORT [-S]`: the gdb stub attached to an assembled board.
 * Returns the run loop's gate and what the run needs at its end.
 */
import type { AssembledBoard } from '../../boards/assemble';
import { LOG_LEVELS, LogLevel } from '../../kernel/log/levels';
import { UsageError } from '../usage-error';
import { adaptCore } from './core-adapter';
import { GdbServer } from './gdb-server';
import { KernelGuest } from './kernel-guest';
import { RunControl } from './run-control';
import type { History } from './history';
import type { OutputPosition } from './output-once';

export interface GdbStub {
  readonly control: RunControl;
  readonly port: number;
  /** Wakes the run loop (set once it exists). */
  setPoke(poke: () => void): void;
  /** After the run: give a connected gdb a moment to read the last reply. */
  close(): Promise<void>;
}

/** How long a connected gdb may take to leave after the machine stopped. */
const CLOSE_GRACE_MS = 2000;

export function parseGdbPort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--gdb "${text}": expected a TCP port number (0-65535; 0 picks a free one)`);
  return port;
}

export async function startGdbStub(
  board: AssembledBoard,
  options: {
    port: number;
    waitForGdb: boolean;
    kill: () => void;
    log: (line: string) => void;
    history?: (setPrecise: (on: boolean) => void) => History | null;
    /** The console output, printed once however often the past is run. */
    output?: OutputPosition;
    /** `monitor savesnapshot FILE`. */
    saveSnapshot?: (path: string) => string;
  },
): Promise<GdbStub> {
  const cpu = board.machine.cpu;
  if (cpu === null) throw new UsageError(`--gdb: the ${board.definition.name} board has no core to debug`);
  const view = new KernelGuest(board.kernel, board.bus, adaptCore(cpu));
  const control = new RunControl(board.machine, view);
  control.history = options.history?.((on) => view.core.setPrecise(on)) ?? null;
  if (control.history !== null && options.output !== undefined) control.history.output = options.output;
  const server = new GdbServer(
    control,
    {
      kill: options.kill,
      detach: () => control.detach(),
      log: options.log,
      setLogLevel: (level) => {
        if (!(LOG_LEVELS as readonly string[]).includes(level)) return `unknown level "${level}" (${LOG_LEVELS.join(', ')})`;
        const services = board.kernel.services;
        if (services === null) return 'the kernel has not booted';
        services.log.level = level as LogLevel;
        return `kernel log level: ${level}`;
      },
      saveSnapshot: options.saveSnapshot,
    },
    options.log,
  );
  let port: number;
  try {
    port = await server.listen(options.port);
  } catch (error) {
    throw new UsageError(`--gdb ${options.port}: cannot listen on 127.0.0.1 (${(error as Error).message})`);
  }
  options.log(`gdb: listening on 127.0.0.1:${port}${options.waitForGdb ? ', the machine stops at the first instruction of pid 1 (-S)' : ''}`);
  if (options.waitForGdb) control.stopAtStart();
  return {
    control,
    port,
    setPoke: (poke) => {
      control.poke = poke;
    },
    close: () => server.close(CLOSE_GRACE_MS),
  };
}
