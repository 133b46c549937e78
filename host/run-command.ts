/**
 * `jos run`: assemble a board, connect its console to the host, boot the
 * kernel and drive the machine until power-off, --timeout, Ctrl-C (when
 * stdin is not a terminal) or Ctrl-A X (when it is).
 */
import { assembleBoard } from '../boards/assemble';
import { parseRtcSeed } from '../platform/pc/cmos-rtc';
import { BoardDefinition } from '../boards/board';
import { parseMemorySize } from '../platform/bus';
import { openDisk } from './disk/disk-session';
import { openDisplay } from './display/display-session';
import { openKeyboard } from './keyboard/keyboard-session';
import type { InitrdSource } from '../boards/board';
import { InitramfsError, initramfsSource, initrdBytes, parseAdd } from './initramfs';
import { ClockMode, RunLoop, TURN_INSTRUCTIONS } from './run-loop';
import { resolveCpuVendor } from './host-cpu';
import { UsageError } from './usage-error';
import { FileSerial, NullSerial, SerialBackend, SerialHooks, TerminalSerial } from './serial-backends';
import type { Machine } from '../platform/machine';
import type { SerialDevice } from '../platform/serial-wire';
import { parseTimeoutSeconds, startWallTimer } from './wall-timer';
import type { GdbStub } from './gdb/gdb-stub';
import type { Recorder } from './replay/recorder';
import type { KeyAction } from './replay/recording-format';
import type { SnapshotSession } from './snapshot/snapshot-session';
import type { SnapshotContents } from './snapshot/snapshot-file';

/* eslint-disable @typescript-eslint/no-require-imports */
/** What only some runs use is loaded when they do: a plain run does not
 * evaluate gdb's, the recorder's or the snapshots' modules (start-up time,
 * docs/bench.md). */
const load = {
  gdb: () => require('./gdb/gdb-stub') as typeof import('./gdb/gdb-stub'),
  history: () => require('./gdb/history') as typeof import('./gdb/history'),
  recorder: () => require('./replay/recorder') as typeof import('./replay/recorder'),
  recordingFormat: () => require('./replay/recording-format') as typeof import('./replay/recording-format'),
  replay: () => require('./replay/replay-run') as typeof import('./replay/replay-run'),
  outputOnce: () => require('./gdb/output-once') as typeof import('./gdb/output-once'),
  snapshots: () => require('./snapshot/snapshot-session') as typeof import('./snapshot/snapshot-session'),
  machineSnapshot: () => require('./snapshot/machine-snapshot') as typeof import('./snapshot/machine-snapshot'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface RunOptions {
  memory?: string;
  serial: string;
  logLevel: string;
  color: 'auto' | 'always' | 'never';
  clock: ClockMode;
  timeout?: string;
  traceBus?: boolean;
  append?: string;
  /** host/display, host/keyboard, host/disk: see docs/host.md. */
  display?: string;
  screenshot?: string;
  screenshotEvery?: string;
  keyboard?: string;
  disk?: string;
  rtc?: string;
  /** --cpu-vendor: amd, intel or host (pc only). */
  cpuVendor?: string;
  /** --no-jit: the x86_64 core only interprets (pc only). */
  jit?: boolean;
  /** --jit-backend js|wasm: what the JIT tier compiles to. */
  jitBackend?: 'js' | 'wasm';
  /** --add HOSTFILE:/GUEST/PATH, repeatable. */
  add?: string[];
  /** The first program and its arguments (after --). */
  program?: string[];
  /** --env NAME=VALUE, repeatable: the first program's environment. */
  env?: string[];
  /** --gdb PORT: the gdb remote stub (host/gdb, docs/debugging.md). */
  gdb?: string;
  /** -S / --wait-gdb: hold the machine until gdb continues it. */
  waitGdb?: boolean;
  /** --record FILE: every outside input, for --replay (host/replay). */
  record?: string;
  /** --save-snapshot FILE: the machine at the end of the run and on
   * Ctrl-A S (host/snapshot, docs/snapshots.md). */
  saveSnapshot?: string;
  /** --snapshot-at N: end the run (saving it) after N instructions. */
  snapshotAt?: string;
  /** --restore FILE, read: boot that machine and resume it. */
  restoreFrom?: { path: string; contents: SnapshotContents };
}

export async function runBoard(board: BoardDefinition, options: RunOptions): Promise<number> {
  const saved = options.restoreFrom?.contents.header;
  if (saved) {
    // A restored machine boots as the snapshot's did: its options win.
    options = { ...options, rtc: saved.rtc, program: saved.initArgv, env: saved.initEnvp, cpuVendor: saved.cpuVendor ?? undefined, jit: saved.jit };
  }
  const memoryBytes = saved ? saved.memoryBytes : options.memory ? parseMemory(options.memory, board) : board.defaultMemoryBytes;
  const color = options.color === 'always' || (options.color === 'auto' && options.serial === 'stdio' && process.stdout.isTTY === true);
  const cmdline = saved ? saved.cmdline : [`loglevel=${options.logLevel}`, `color=${color ? 1 : 0}`, options.append ?? ''].join(' ').trim();
  const timeoutSeconds = options.timeout === undefined ? undefined : parseTimeoutSeconds(options.timeout);
  const gdbPort = options.gdb === undefined ? undefined : load.gdb().parseGdbPort(options.gdb);
  if (options.waitGdb && gdbPort === undefined) throw new UsageError('-S/--wait-gdb needs --gdb PORT');

  if (options.record !== undefined) checkRecordable(options);
  if (options.snapshotAt !== undefined && options.saveSnapshot === undefined) throw new UsageError('--snapshot-at needs --save-snapshot FILE');
  const snapshotAt = options.snapshotAt === undefined ? null : parseInstructionCount(options.snapshotAt);
  if ((options.saveSnapshot !== undefined || options.restoreFrom) && options.record !== undefined) {
    // A recording starts at power-on (its replay boots the machine the
    // header describes): docs/record-replay.md.
    throw new UsageError('snapshots cannot be combined with --record (a recording starts at power-on)');
  }
  if ((options.record !== undefined || options.saveSnapshot !== undefined || gdbPort !== undefined) && options.rtc === undefined) {
    // The host's clock at power-on is an input: fixed, so it is recorded
    // (or saved: under gdb, `monitor savesnapshot`).
    options = { ...options, rtc: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z') };
  }
  let bootEpochSeconds: number | undefined;
  if (options.rtc !== undefined) {
    // A fixed RTC also fixes the kernel's boot time: reproducible runs.
    try {
      bootEpochSeconds = parseRtcSeed(options.rtc);
    } catch (error) {
      throw new UsageError((error as Error).message.replace('RTC time', '--rtc'));
    }
  }
  const cpuVendor = resolveCpuVendor(options.cpuVendor);
  if (cpuVendor !== undefined && board.cpuArch !== 'x86_64') throw new UsageError(`--cpu-vendor applies to x86_64 boards, not ${board.name}`);
  // The boot loader reads the archive straight into guest RAM; the host
  // has bytes of its own (4-6 MB, or the added files' size) only for what
  // needs them: a snapshot's file holds them, a recording their hash.
  let initrd: Uint8Array | InitrdSource | null;
  try {
    initrd = initramfsSource(board.cpuArch, (options.add ?? []).map(parseAdd));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const restore = options.restoreFrom ?? null;
  if (restore) {
    // The machine is the snapshot's, booted with what it was booted with.
    initrd = restore.contents.initrd;
    options = { ...options, disk: load.snapshots().checkRestoreDisk(restore.contents, options.disk, restore.path) };
  } else if (options.record !== undefined || options.saveSnapshot !== undefined || gdbPort !== undefined) {
    try {
      initrd = initrdBytes(initrd);
    } catch (error) {
      throw error instanceof InitramfsError ? new UsageError(error.message) : error;
    }
  }
  let assembled: ReturnType<typeof assembleBoard>;
  try {
    assembled = assembleBoard(board, { memoryBytes, cmdline, rtc: options.rtc, bootEpochSeconds, initrd, initArgv: options.program ?? [], initEnvp: checkEnv(options.env ?? []), cpuVendor, jit: options.jit !== false, jitBackend: options.jitBackend });
  } catch (error) {
    // The guest's RAM is one host allocation (reserved, touched lazily): a
    // host that cannot reserve it says so rather than with V8's words.
    if (error instanceof InitramfsError) throw new UsageError(error.message);
    if (error instanceof RangeError && /allocation failed/i.test(error.message)) {
      throw new Error(`this host cannot reserve ${memoryBytes / 2 ** 20} MiB for the guest's RAM (--memory); try a smaller size`);
    }
    throw error;
  }
  // The boot loader has put the archive into the guest's RAM, where the
  // kernel reads it.
  const recordedInitrdHash = options.record === undefined ? '' : load.replay().initrdHash(initrdBytes(initrd));
  const snapshotInitrd = options.saveSnapshot !== undefined || restore || gdbPort !== undefined ? initrdBytes(initrd) : null;
  initrd = null;
  if (options.traceBus) assembled.bus.tracer = (line) => process.stderr.write(`[bus] ${line}\n`);

  let loop: RunLoop | null = null;
  const quit = () => loop?.stop();
  const disk = openDisk(assembled, options.disk);
  let snapshots: SnapshotSession | null = null;
  const log = (line: string) => process.stderr.write(`jos: ${line}\n`);
  const startSnapshots = () => {
    // Under gdb too: `monitor savesnapshot FILE`.
    if (options.saveSnapshot === undefined && !restore && gdbPort === undefined) return null;
    return load.snapshots().SnapshotSession.start(
      assembled,
      { board: board.name, memoryBytes, cmdline, rtc: options.rtc!, bootEpochSeconds: bootEpochSeconds!, initArgv: options.program ?? [], initEnvp: checkEnv(options.env ?? []), cpuVendor: cpuVendor ?? null, jit: options.jit !== false },
      snapshotInitrd!,
      options.saveSnapshot === undefined ? null : { path: options.saveSnapshot, atInstruction: snapshotAt },
      options.disk === undefined ? null : { session: disk, spec: options.disk },
      restore ? restore.contents : null,
      log,
    );
  };
  if (restore) {
    // Booted afresh without a console (its boot messages were printed
    // when the snapshot's machine booted), then the saved state goes in.
    try {
      // What the fresh boot writes to the disk is not the snapshot's.
      disk.suspend();
      assembled.kernel.boot();
      snapshots = startSnapshots();
      disk.resume();
    } catch (error) {
      disk.close(false);
      throw error;
    }
  }
  // Reverse execution runs the past again: what it prints was printed.
  const outputOnce = gdbPort !== undefined && options.clock === 'virtual' ? new (load.outputOnce().OutputOnce)() : null;
  const hostSide = outputOnce === null ? assembled : { ...assembled, consoleUart: outputOnce.device(assembled.consoleUart) };
  const display = openDisplay(hostSide, options);
  let recorder: Recorder | null = null;
  const keyLog = options.record === undefined ? undefined : (action: KeyAction) => recorder?.key(action);
  const keyboard = openKeyboard(hostSide, { ...options, displayMode: display.mode, pane: display.pane, quit, wake: () => loop?.poke(), inputArrived: () => display.inputArrived(), snapshot: () => snapshots?.requestSave(), keyLog });
  const serial = display.console ?? keyboard.console ?? openSerial(options.serial, hostSide, { quit, wake: () => loop?.poke(), snapshot: () => snapshots?.requestSave() });
  if (options.record !== undefined) {
    const recordedDisk = options.disk === undefined ? null : load.replay().copyDiskForRecording(options.disk, options.record);
    const { RECORDING_FORMAT, RECORDING_VERSION } = load.recordingFormat();
    recorder = new (load.recorder().Recorder)(assembled.machine, assembled.bus, options.record, {
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      board: board.name,
      memoryBytes,
      cmdline,
      initArgv: options.program ?? [],
      initEnvp: checkEnv(options.env ?? []),
      rtc: options.rtc!,
      bootEpochSeconds: bootEpochSeconds!,
      cpuVendor: cpuVendor ?? null,
      jit: options.jit !== false,
      initrdSha256: recordedInitrdHash,
      add: options.add ?? [],
      turnInstructions: TURN_INSTRUCTIONS,
      disk: recordedDisk,
      // Keys that go to the machine through host/keyboard, not the serial
      // console's terminal: recorded as key events.
      keyboard: keyboard.mode === 'serial' && display.mode !== 'term' ? null : keyboard.mode,
      display: display.mode === 'term' ? 'term' : null,
    });
    if (serial instanceof TerminalSerial) recorder.watch(serial.input);
  }
  display.start();
  keyboard.start();
  let clean = false;
  let snapshotFailed = false;
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    quit();
  };
  let terminated = false;
  const onSigterm = () => {
    interrupted = true;
    terminated = true;
    quit();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  let timedOut = false;
  const timer = timeoutSeconds === undefined ? null : startWallTimer(timeoutSeconds, () => {
    timedOut = true;
    quit();
  });
  let gdb: GdbStub | null = null;
  try {
    if (!restore) {
      assembled.kernel.boot();
      snapshots = startSnapshots();
    }
    if (gdbPort !== undefined) {
      // Reverse execution recomputes the past: only a run whose idle time
      // does not follow the wall clock has one (docs/debugging.md).
      // (The index of the machine as booted: a restored one has more.)
      const index = snapshots?.bootIndex ?? load.machineSnapshot().indexBootedMachine(assembled);
      const history = options.clock === 'virtual' ? (setPrecise: (on: boolean) => void) => new (load.history().History)(assembled, index, setPrecise) : undefined;
      const snap = snapshots;
      gdb = await load.gdb().startGdbStub(assembled, {
        port: gdbPort,
        waitForGdb: options.waitGdb === true,
        kill: () => loop?.stop(),
        log: (line) => process.stderr.write(`jos: ${line}\n`),
        history,
        output: outputOnce ?? undefined,
        saveSnapshot: snap === null ? undefined : (path) => snap.saveFromDebugger(path),
      });
      if (snap !== null) {
        const control = gdb.control;
        snap.aroundSave = (save) => control.withoutDebugger(save);
      }
    }
    const rec = recorder;
    const snap = snapshots;
    loop = new RunLoop(assembled.machine, { clock: options.clock ?? 'auto', gate: gdb?.control, onClockMove: rec ? (to, fire) => rec.clockMove(to, fire) : gdb?.control.history ? (to, fire) => gdb?.control.history?.jumped(to, fire) : undefined, afterTurn: snap ? (outcome) => snap.afterTurn(outcome) : undefined });
    const running = loop;
    gdb?.setPoke(() => running.poke());
    await loop.run();
    clean = true;
    if (snapshots && !snapshots.finish()) snapshotFailed = true;
  } finally {
    recorder?.finish();
    await gdb?.close();
    keyboard.close();
    display.close(clean);
    disk.close(clean);
    timer?.cancel();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    // Output still on its way goes out; after --timeout or a signal the host
    // gets a moment to take it, not forever.
    await serial.close(timedOut || interrupted ? CLOSE_DEADLINE_MS : undefined);
  }
  // Power-off gives the guest's status; --timeout, like timeout(1), 124;
  // SIGTERM, as a process it kills, 128 + 15; Ctrl-C or Ctrl-A X, a clean 0.
  if (snapshotFailed) return 1;
  return assembled.machine.powerOffStatus ?? (terminated ? SIGTERM_STATUS : timedOut ? TIMEOUT_STATUS : 0);
}

/** --snapshot-at: a whole number of instructions. */
function parseInstructionCount(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`--snapshot-at "${text}": expected a number of instructions`);
  return n;
}

/** The exit status when --timeout ends a run, as timeout(1) has it. */
export const TIMEOUT_STATUS = 124;
/** The exit status of a run ended by SIGTERM: a signalled process's. */
export const SIGTERM_STATUS = 128 + 15;

/** How long an interrupted run waits for the host to take its last output. */
const CLOSE_DEADLINE_MS = 500;


/** What --record cannot capture yet is refused, not recorded wrong. */
function checkRecordable(options: RunOptions): void {
  const refuse = (what: string) => {
    throw new UsageError(`--record: ${what} cannot be recorded yet (docs/record-replay.md)`);
  };
  if (options.gdb !== undefined) refuse('a run under --gdb');
}

function checkEnv(entries: string[]): string[] {
  for (const e of entries) if (!/^[^=]+=/.test(e)) throw new UsageError(`--env "${e}": expected NAME=VALUE`);
  return entries;
}

function parseMemory(text: string, board: BoardDefinition): number {
  let bytes: number;
  try {
    bytes = parseMemorySize(text);
  } catch (error) {
    throw new UsageError(`--memory: ${(error as Error).message}`);
  }
  const { minBytes, maxBytes, reason } = board.memoryRange;
  if (!(bytes >= minBytes && bytes <= maxBytes)) {
    throw new UsageError(`--memory ${text}: the ${board.name} board supports ${minBytes / 2 ** 20}M to ${maxBytes / 2 ** 20}M (${reason})`);
  }
  return bytes;
}

function openSerial(spec: string, board: { consoleUart: SerialDevice; machine: Machine }, hooks: SerialHooks): SerialBackend {
  if (spec === 'stdio') return new TerminalSerial(board.consoleUart, board.machine, hooks);
  if (spec === 'none') return new NullSerial(board.consoleUart);
  if (spec.startsWith('file:') && spec.length > 5) return new FileSerial(board.consoleUart, board.machine, spec.slice(5));
  throw new UsageError(`invalid --serial "${spec}" (expected stdio, none or file:PATH)`);
}
