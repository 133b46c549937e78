/**
 * The keyboard side of `jos run`: `--keyboard serial|device|keypad` says
 * where the host terminal's keys go.
 *
 * - serial: the bytes go to the console UART, as typed (the default without
 *   the terminal view; then host/serial-backends.ts's terminal does it).
 * - device: the board's keyboard hardware (the default with `--display
 *   term`): on pc the PS/2 keyboard (make and break codes, IRQ 1); on
 *   esp32c3 its keyboard UART (UART1), every key as typed, in order, or
 *   as kitty key-event sequences (key-targets.ts UartKeyboardKeys).
 * - keypad (esp32c3): the arrows, Enter, Escape and Space press the
 *   board's GPIO buttons; the other keys go to UART1 (key-targets.ts).
 *
 * A terminal sends key presses, not releases: each typed key becomes a tap
 * (key-tapper.ts). Where the target takes real key events (the PS/2
 * keyboard, the esp32c3's keyboard UART) and stdin and stdout are a
 * terminal, the session asks the terminal for the kitty keyboard protocol
 * (kitty-keyboard.ts); one that has it reports every press, repeat and
 * release, and the keyboard gets them as they happen.
 *
 * Ctrl-A X quits in every mode.
 */
import type { AssembledBoard } from '../../boards/assemble';
import { ESP32C3_KEYBOARD_UART, ESP32C3_KEYPAD } from '../../boards/esp32c3-tokens';
import type { SerialDevice } from '../../platform/serial-wire';
import { StdoutSerial } from '../display/stdout-serial';
import type { SerialPane } from '../display/serial-pane';
import { UsageError } from '../usage-error';
import { KeyReader } from './key-parser';
import { ButtonInput, Esp32c3Keypad, KeyInput, KeyTarget, Ps2Keys, SerialKeys, UartKeyboardKeys } from './key-targets';
import { KeyTapper } from './key-tapper';
import { KittyKeyboard } from './kitty-keyboard';
import { KeyInputStream, TerminalKeyboard } from './terminal-keyboard';
import { KeyLog, KeyReplay, loggedTarget } from './key-log';

export type KeyboardMode = 'serial' | 'device' | 'keypad';
export const KEYBOARD_MODES: readonly KeyboardMode[] = ['serial', 'device', 'keypad'];

/** The pc's PS/2 keyboard, as the host feeds it (the 8042 model, boards/pc.ts:
 * key(name, pressed), false while its buffer is full). */
export const KEYBOARD_SCANCODES = Symbol.for('jos.platform.KeyboardScancodes');

export interface KeyboardOptions {
  keyboard?: string;
  serial: string;
  displayMode: 'none' | 'png' | 'term';
  /** The console pane of the terminal view, when it has one. */
  pane: SerialPane | null;
  quit: () => void;
  /** Wakes a machine loop waiting for input. */
  wake: () => void;
  /** Ctrl-A S: save a snapshot (--save-snapshot). */
  snapshot?: () => void;
  /** Told about every input (a paused screenshot series resumes). */
  inputArrived?: () => void;
  /** Where keys come from (default: process.stdin). */
  input?: KeyInputStream;
  /** The terminal, for the kitty keyboard protocol's questions (default:
   * process.stdout). The protocol is used only when both are terminals. */
  output?: { readonly isTTY?: boolean; write(text: string): unknown };
  /** --record: told every key before the machine's side gets it (key-log.ts). */
  keyLog?: KeyLog;
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
  if (!(KEYBOARD_MODES as readonly string[]).includes(mode)) throw new UsageError(`invalid --keyboard "${mode}" (expected serial, device or keypad)`);
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
  let flushKeys = () => {};
  let kitty: KittyKeyboard | null = null;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const record = options.keyLog;
  if (mode === 'serial') {
    deliver = (bytes) => {
      record?.({ how: 'bytes', bytes: Uint8Array.from(bytes) });
      uartKeys.sendBytes(bytes);
    };
  } else {
    const device = deviceTarget(board, mode === 'keypad');
    const target = record ? loggedTarget(device, record) : device;
    const reader = new KeyReader((keys) => {
      for (const key of keys) target.press(key);
      options.wake();
    });
    deliver = (bytes) => reader.push(bytes);
    flushKeys = () => reader.flush();
    const event = target.event?.bind(target);
    if (event && input.isTTY === true && output.isTTY === true) {
      const keys = new KittyKeyboard({
        write: (text) => output.write(text),
        legacy: (bytes) => reader.push(bytes),
        onKey: (key) => {
          event(key);
          options.wake();
        },
        quit: options.quit,
      });
      kitty = keys;
      deliver = (bytes) => keys.push(bytes);
    }
  }
  const terminal = new TerminalKeyboard(
    input,
    (bytes) => {
      deliver(bytes);
      uartKeys.pump();
      options.inputArrived?.();
    },
    options.quit,
    options.wake,
    options.snapshot,
  );
  let started = false;
  return {
    mode,
    console: stdoutConsole,
    start: () => {
      terminal.start();
      kitty?.start();
      started = true;
    },
    close: () => {
      kitty?.close();
      if (started) terminal.close();
      flushKeys();
    },
  };
}

/** `--replay`: the keyboard side of the recorded run (`mode`: its
 * --keyboard), taking the recorded keys instead of a terminal's. */
export function replayKeys(board: AssembledBoard, mode: KeyboardMode): KeyReplay {
  const uartKeys = new SerialKeys(board.consoleUart);
  const target = mode === 'serial' ? null : deviceTarget(board, mode === 'keypad');
  const refuse = (what: string): never => {
    throw new Error(`the recording has ${what} for --keyboard ${mode}, which has none (the file is damaged)`);
  };
  return {
    apply: (action) => {
      if (action.how === 'bytes') uartKeys.sendBytes(action.bytes);
      else if (action.how === 'press') (target ?? refuse('a key press')).press({ key: action.key, ctrl: action.ctrl, shift: action.shift, alt: action.alt, bytes: action.bytes });
      else {
        const t = target ?? refuse('a key event');
        if (t.event === undefined) refuse('a key event');
        t.event!({ key: action.key, type: action.type, ctrl: action.ctrl, shift: action.shift, alt: action.alt });
      }
      // As the terminal's callback does after every delivery.
      uartKeys.pump();
    },
    pump: () => uartKeys.pump(),
  };
}

/** The board's keyboard hardware: the PS/2 keyboard, or the keyboard UART
 * (and, as a keypad, the buttons). */
function deviceTarget(board: AssembledBoard, keypad: boolean): KeyTarget {
  const { container } = board;
  const name = board.definition.name;
  const tapper = new KeyTapper(board.clock);
  if (keypad && !container.isBound(ESP32C3_KEYPAD)) throw new UsageError(`--keyboard keypad: the ${name} board has no keypad (its buttons are the esp32c3's); use --keyboard device`);
  if (container.isBound(KEYBOARD_SCANCODES)) return new Ps2Keys(container.get<KeyInput>(KEYBOARD_SCANCODES), tapper);
  if (container.isBound(ESP32C3_KEYBOARD_UART)) {
    const device = container.get<SerialDevice>(ESP32C3_KEYBOARD_UART);
    const uart = new SerialKeys(device);
    // UART1 only receives keys: its host drops what it sends and refills its FIFO.
    device.attachHost({ transmit: () => {}, receiveReady: () => uart.pump() });
    return keypad ? new Esp32c3Keypad(container.get<ButtonInput>(ESP32C3_KEYPAD), uart, tapper) : new UartKeyboardKeys(uart);
  }
  throw new UsageError(`the ${name} board has no keyboard device yet: use --keyboard serial`);
}
