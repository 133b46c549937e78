/**
 * The keyboard side of `jos run`: `--keyboard serial|device` says where the
 * host terminal's keys go.
 *
 * - serial: the bytes go to the console UART, as typed (the default without
 *   the terminal view; then host/serial-backends.ts's terminal does it).
 * - device: the board's keyboard hardware (the default with `--display
 *   term`): on pc the PS/2 keyboard, as scancode set 1 make and break codes;
 *   on esp32c3, whose keyboard source is UART0, the bytes go to UART0 and
 *   the arrows, Enter and Escape also press the GPIO buttons
 *   (ESP32C3_BUTTON_PINS in key-targets.ts).
 *
 * Ctrl-A X quits in every mode.
 */
import type { AssembledBoard } from '../../boards/assemble';
import { StdoutSerial } from '../display/stdout-serial';
import type { SerialPane } from '../display/serial-pane';
import { UsageError } from '../run-command';
import { parseKeys } from './key-parser';
import { BothTargets, GpioButtons, KeyTarget, PadInput, Ps2Keys, ScancodeInput, SerialKeys } from './key-targets';
import { KeyTapper } from './key-tapper';
import { TerminalKeyboard } from './terminal-keyboard';

export type KeyboardMode = 'serial' | 'device';
export const KEYBOARD_MODES: readonly KeyboardMode[] = ['serial', 'device'];

/** The pc's PS/2 keyboard, as the host feeds it (a ScancodeInput). */
export const KEYBOARD_SCANCODES = Symbol.for('jos.platform.KeyboardScancodes');
/** The esp32c3's GPIO pads the buttons drive (a PadInput). */
export const BUTTON_PADS = Symbol.for('jos.platform.ButtonPads');

export interface KeyboardOptions {
  keyboard?: string;
  serial: string;
  displayMode: 'none' | 'png' | 'term';
  /** The console pane of the terminal view, when it has one. */
  pane: SerialPane | null;
  quit: () => void;
  /** Wakes a machine loop waiting for input. */
  wake: () => void;
  /** Told about every input (a paused screenshot series resumes). */
  inputArrived?: () => void;
}

export interface KeyboardSession {
  readonly mode: KeyboardMode;
  /** The console's host when the keyboard session took stdout, else null. */
  readonly console: { close(): void } | null;
  /** Takes stdin (raw mode on a terminal). */
  start(): void;
  close(): void;
}

export function keyboardMode(option: string | undefined, displayMode: string): KeyboardMode {
  const mode = option ?? (displayMode === 'term' ? 'device' : 'serial');
  if (!(KEYBOARD_MODES as readonly string[]).includes(mode)) throw new UsageError(`invalid --keyboard "${mode}" (expected serial or device)`);
  return mode as KeyboardMode;
}

export function openKeyboard(board: AssembledBoard, options: KeyboardOptions): KeyboardSession {
  const mode = keyboardMode(options.keyboard, options.displayMode);
  // Serial keys without the terminal view: the serial console's own terminal handles stdin.
  if (mode === 'serial' && options.displayMode !== 'term') return { mode, console: null, start: () => {}, close: () => {} };

  const uartKeys = new SerialKeys(board.consoleUart);
  let stdoutConsole: StdoutSerial | null = null;
  if (options.pane) options.pane.onReceiveReady = () => uartKeys.pump();
  else if (options.serial === 'stdio') {
    stdoutConsole = new StdoutSerial(board.consoleUart);
    stdoutConsole.onReceiveReady = () => uartKeys.pump();
  }

  let deliver: (bytes: Uint8Array) => void;
  if (mode === 'serial') {
    deliver = (bytes) => uartKeys.sendBytes(bytes);
  } else {
    const target = deviceTarget(board, uartKeys);
    deliver = (bytes) => {
      if (target.rawBytes) uartKeys.sendBytes(bytes);
      for (const key of parseKeys(bytes)) target.keys.press(key);
    };
  }
  const terminal = new TerminalKeyboard(
    process.stdin,
    (bytes) => {
      deliver(bytes);
      uartKeys.pump();
      options.inputArrived?.();
    },
    options.quit,
    options.wake,
  );
  let started = false;
  return {
    mode,
    console: stdoutConsole,
    start: () => {
      terminal.start();
      started = true;
    },
    close: () => {
      if (started) terminal.close();
    },
  };
}

/** The board's keyboard hardware: PS/2 scancodes, or UART bytes plus buttons. */
function deviceTarget(board: AssembledBoard, uartKeys: SerialKeys): { keys: KeyTarget; rawBytes: boolean } {
  const { container } = board;
  const tapper = new KeyTapper(board.clock);
  if (container.isBound(KEYBOARD_SCANCODES)) {
    return { keys: new Ps2Keys(container.get<ScancodeInput>(KEYBOARD_SCANCODES), tapper), rawBytes: false };
  }
  if (board.definition.name === 'pc') {
    throw new UsageError('the pc board has no PS/2 keyboard yet (nothing is bound to KeyboardScancodes): use --keyboard serial');
  }
  const targets: KeyTarget[] = [];
  if (container.isBound(BUTTON_PADS)) targets.push(new GpioButtons(container.get<PadInput>(BUTTON_PADS), tapper));
  return { keys: new BothTargets(targets), rawBytes: true };
}
