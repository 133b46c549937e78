/**
 * `jos run --replay FILE`: rebuilds the recorded machine from the
 * recording's header (the same board, memory, command line, programs and
 * files, checked by hash) and runs it with the recorded inputs only
 * (replayer.ts), printing the console's output as the recorded run did.
 *
 * Status: the recorded run's (the guest's power-off status, or 0 for a run
 * that was stopped); 1 with a report on stderr when the replay diverges;
 * 2 for a file that is not a recording, is damaged, or whose --add files
 * changed.
 */
import * as fs from 'fs';
import { createHash } from 'crypto';
import { assembleBoard } from '../../boards/assemble';
import { findBoard } from '../../boards';
import type { SerialDevice, SerialHost } from '../../platform/serial-wire';
import type { AssembledBoard } from '../../boards/assemble';
import { DisplaySession, openDisplay } from '../display/display-session';
import { buildInitramfs, parseAdd } from '../initramfs';
import { SerialOutput } from '../serial-output';
import { systemErrorText } from '../system-error';
import { UsageError } from '../usage-error';
import { RecordedDisk, RecordingError, parseRecording } from './recording-format';
import * as path from 'path';
import { parseDiskSpec } from '../disk/disk-image';
import { insertDiskInMemory } from '../disk/disk-session';
import { Divergence, Replayer } from './replayer';
import { ReplayGate, startReplayGdb } from './replay-gdb';
import { OutputOnce } from '../gdb/output-once';
import { replayKeys } from '../keyboard/keyboard-session';
import type { Machine } from '../../platform/machine';

export const DIVERGENCE_STATUS = 1;

/** Turns between yields to Node's event loop (output, signals). */
const TURNS_PER_YIELD = 64;

export interface ReplayOptions {
  /** --display: none, png or term (default: term when the recorded run
   * drew its screen in the terminal and stdout is one, else none). */
  display?: string;
  /** --screenshot FILE: the screen at the end of the replay. */
  screenshot?: string;
  /** --gdb PORT: debug the replay, backwards too (replay-gdb.ts). */
  gdb?: string;
  /** -S: with gdb, stop at the first instruction of pid 1. */
  waitGdb?: boolean;
}

export async function replayRecording(path: string, log: (line: string) => void, options: ReplayOptions = {}): Promise<number> {
  if (options.waitGdb && options.gdb === undefined) throw new UsageError('-S/--wait-gdb needs --gdb PORT');
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--replay: cannot read ${path}: ${systemErrorText(error)}`);
  }
  let recording;
  try {
    recording = parseRecording(text, path);
  } catch (error) {
    if (error instanceof RecordingError) throw new UsageError(`--replay: ${error.message}`);
    throw error;
  }
  const h = recording.header;
  const board = findBoard(h.board);
  if (!board) throw new UsageError(`--replay: ${path} was recorded on a board this jos does not have ("${h.board}")`);
  let initrd: Uint8Array | null;
  try {
    initrd = buildInitramfs(board.cpuArch, h.add.map(parseAdd));
  } catch (error) {
    throw new UsageError(`--replay: the recording's --add files: ${(error as Error).message}`);
  }
  if (initrdHash(initrd) !== h.initrdSha256) {
    throw new UsageError(`--replay: the boot archive differs from the recorded one (a program in userland/prebuilt or an --add file changed since ${path} was recorded)`);
  }
  const assembled = assembleBoard(board, {
    memoryBytes: h.memoryBytes,
    cmdline: h.cmdline,
    rtc: h.rtc,
    bootEpochSeconds: h.bootEpochSeconds,
    initrd,
    initArgv: h.initArgv,
    initEnvp: h.initEnvp,
    cpuVendor: (h.cpuVendor ?? undefined) as never,
    jit: h.jit,
  });
  // The boot loader has copied the archive into guest RAM: the host's copy
  // (4-6 MB) is not needed for the rest of the replay.
  initrd = null;
  if (h.disk) {
    try {
      insertDiskInMemory(assembled, readRecordedDisk(h.disk, path), h.disk.readOnly);
    } catch (error) {
      throw new UsageError(`--replay: ${(error as Error).message}`);
    }
  }
  const machine = assembled.machine;
  const out = new SerialOutput(1, (until) => machine.hold(until));
  let gate: ReplayGate | null = null;
  // The output of a past being recomputed (reverse execution), or of a
  // future run again after going back, was printed the first time.
  const once = options.gdb !== undefined ? new OutputOnce() : null;
  // --display term: the console's bytes go to the pane under the picture,
  // as in the recorded run (the display attaches its pane through here).
  let pane: SerialHost | null = null;
  const print = (byte: number) => (pane !== null ? pane.transmit(byte) : out.byte(byte));
  // The keyboard side of the recorded run, for its key events.
  const keys = h.keyboard ? replayKeys(assembled, h.keyboard) : null;
  const consoleHost: SerialHost = { transmit: (byte) => (once !== null ? once.byte(byte, print) : print(byte)), receiveReady: () => keys?.pump() };
  assembled.consoleUart.attachHost(consoleHost);
  const display = openReplayDisplay(assembled, h.display ?? null, options, (host) => (pane = host));
  const replayer = new Replayer(machine, assembled.bus, assembled.consoleUart, recording.events);
  replayer.keys = keys;
  let status: number;
  let clean = false;
  try {
    display.start();
    assembled.kernel.boot();
    if (options.gdb !== undefined) gate = await startReplayGdb(assembled, replayer, { port: options.gdb, waitForGdb: options.waitGdb === true, log, output: once! });
    status = await replayLoop(replayer, machine, h.turnInstructions, gate);
    clean = true;
    if (!gate?.killed) log(`replay: ${recording.events.length} recorded events reproduced, registers and RAM as recorded`);
  } catch (error) {
    if (!(error instanceof Divergence)) throw error;
    await out.close(500);
    log(error.message);
    return DIVERGENCE_STATUS;
  } finally {
    await gate?.close();
    display.close(clean);
  }
  await out.close();
  return status;
}

/** The replay's display: the recorded run's --display term by default
 * (on a terminal), or what --display and --screenshot ask for. The view
 * takes the console's output for its pane through `setPane`. */
function openReplayDisplay(assembled: AssembledBoard, recorded: 'term' | null, options: ReplayOptions, setPane: (host: SerialHost) => void): DisplaySession {
  const display = options.display ?? (recorded === 'term' && process.stdout.isTTY === true ? 'term' : undefined);
  const consoleUart: SerialDevice = {
    name: assembled.consoleUart.name,
    attachHost: setPane,
    canReceive: () => false,
    receive: () => false,
  };
  return openDisplay({ ...assembled, consoleUart }, { display, screenshot: options.screenshot, serial: 'stdio' });
}

/** --record with --disk: the image as it is before the run, copied next
 * to the recording as FILE.disk (the run changes the image itself). */
export function copyDiskForRecording(spec: string, recording: string): RecordedDisk {
  const { path: image, readOnly } = parseDiskSpec(spec);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(image);
  } catch (error) {
    throw new UsageError(`--disk ${image}: ${systemErrorText(error)}`);
  }
  const copy = `${recording}.disk`;
  try {
    fs.writeFileSync(copy, bytes);
  } catch (error) {
    throw new UsageError(`--record: cannot write the disk's copy ${copy}: ${systemErrorText(error)}`);
  }
  return { copy: path.basename(copy), bytes: bytes.length, sha256: initrdHash(bytes), readOnly };
}

/** The recording's copy of its disk, checked by size and hash. */
function readRecordedDisk(disk: RecordedDisk, recording: string): Uint8Array {
  const file = path.join(path.dirname(recording), disk.copy);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(`the recording's disk image ${file}: ${systemErrorText(error)}`);
  }
  if (bytes.length !== disk.bytes || initrdHash(bytes) !== disk.sha256) throw new Error(`the recording's disk image ${file} is not the one recorded (size or SHA-256 differs)`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

export function initrdHash(initrd: Uint8Array): string {
  return createHash('sha256').update(initrd).digest('hex');
}

async function replayLoop(replayer: Replayer, machine: Machine, turn: number, gate: ReplayGate | null): Promise<number> {
  let turns = 0;
  for (;;) {
    if (gate?.killed) return 0;
    if (machine.poweredOff) {
      replayer.finish();
      return machine.powerOffStatus ?? 0;
    }
    const held = gate?.held() ?? null;
    if (held !== null) {
      await held;
      continue;
    }
    if (replayer.exhausted || replayer.endsHere()) {
      if (gate?.atEnd()) continue;
      return 0;
    }
    replayer.beforeTurn();
    const outcome = gate !== null ? gate.step(turn) : machine.step(turn);
    if (outcome === 'host-work') await machine.hostWorkSettled();
    else if (outcome === 'idle' || outcome === 'stopped') {
      if (!machine.poweredOff && !replayer.exhausted && !replayer.endsHere() && gate?.held() == null) {
        if (gate !== null) gate.idle();
        else replayer.idle();
      }
    } else if (outcome === 'input-wait') {
      throw new Divergence('replay diverged: the machine waits for input the recording does not have');
    }
    if (++turns % TURNS_PER_YIELD === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
