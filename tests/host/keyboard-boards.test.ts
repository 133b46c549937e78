/**
 * Host terminal bytes through `--keyboard device` into the real boards'
 * hardware, read back at register level as a driver would.
 */
import 'reflect-metadata';
import { findBoard } from '../../boards';
import { assembleBoard } from '../../boards/assemble';
import { BUTTON_GPIOS, GPIO_BASE, UART1_BASE } from '../../boards/esp32c3';
import { openKeyboard } from '../../host/keyboard/keyboard-session';
import { GPIO_IN } from '../../platform/esp32c3/gpio';
import { UART_FIFO } from '../../platform/esp32c3/uart';
import { PS2_DATA_PORT, PS2_STATUS_PORT, STATUS_OBF } from '../../platform/pc/ps2-controller';

const UART_STATUS = 0x1c; // RXFIFO_CNT in bits 9:0 (ESP32-C3 TRM, UART_STATUS_REG)

function fakeStdin() {
  const stdin = {
    isTTY: true,
    listener: null as ((data: Buffer) => void) | null,
    setRawMode: () => {},
    on: (_: 'data', l: (data: Buffer) => void) => (stdin.listener = l),
    off: () => {},
    resume: () => {},
    pause: () => {},
    type: (text: string) => stdin.listener!(Buffer.from(text, 'latin1')),
  };
  return stdin;
}

/** Runs the board's clock through its events up to `ns` (no core needed). */
function runTo(board: ReturnType<typeof assembleBoard>, ns: number): void {
  const clock = board.clock;
  while (clock.nextEventNs() <= ns) {
    clock.jumpTo(clock.nextEventNs());
    clock.fireDue();
  }
  clock.jumpTo(ns);
}

function session(name: string, mode: 'device' | 'keypad' = 'device') {
  const board = assembleBoard(findBoard(name)!, { cmdline: 'loglevel=error', rtc: '2026-01-01T00:00:00', bootEpochSeconds: 1767225600 });
  board.consoleUart.attachHost({ transmit: () => {}, receiveReady: () => {} });
  const stdin = fakeStdin();
  let quit = false;
  const keyboard = openKeyboard(board, { keyboard: mode, serial: 'none', displayMode: 'none', pane: null, quit: () => (quit = true), wake: () => {}, input: stdin });
  keyboard.start();
  return { board, stdin, keyboard, quitted: () => quit };
}

describe('--keyboard device on the pc board', () => {
  it('delivers make and break codes of scancode set 1 at port 0x60', () => {
    const { board, stdin, keyboard } = session('pc');
    stdin.type('a\x1b[A');
    runTo(board, 1e9);
    const bytes: number[] = [];
    while (board.bus.in8(PS2_STATUS_PORT) & STATUS_OBF) bytes.push(board.bus.in8(PS2_DATA_PORT));
    expect(bytes).toEqual([0x1e, 0x9e, 0xe0, 0x48, 0xe0, 0xc8]);
    keyboard.close();
  });

  it('still quits on Ctrl-A X', () => {
    const { stdin, keyboard, quitted } = session('pc');
    stdin.type('\x01x');
    expect(quitted()).toBe(true);
    keyboard.close();
  });
});

describe('--keyboard device and keypad on the esp32c3 board', () => {
  const pinOf = (key: string) => Number(Object.entries(BUTTON_GPIOS).find(([, k]) => k === key)![0]);
  const uart1Bytes = (board: ReturnType<typeof assembleBoard>) => {
    const bytes: number[] = [];
    while (board.bus.read32(UART1_BASE + UART_STATUS) & 0x3ff) bytes.push(board.bus.read32(UART1_BASE + UART_FIFO) & 0xff);
    return Buffer.from(bytes).toString('latin1');
  };

  it('device: typed and pasted text, Space, Enter and arrows included, reaches UART1 in order and presses no button', () => {
    const { board, stdin, keyboard } = session('esp32c3');
    const gpioIn = () => board.bus.read32(GPIO_BASE + GPIO_IN);
    const buttons = Object.keys(BUTTON_GPIOS).reduce((mask, pin) => mask | (1 << Number(pin)), 0);
    const released = gpioIn() & buttons;
    stdin.type('echo a b c\r\x1b[A\x1b[D');
    let sawPress = false;
    for (let ns = 1e6; ns <= 200e6; ns += 1e6) {
      runTo(board, ns);
      if ((gpioIn() & buttons) !== released) sawPress = true;
    }
    expect(sawPress).toBe(false);
    expect(uart1Bytes(board)).toBe('echo a b c\r\x1b[A\x1b[D');
    keyboard.close();
  });

  it('keypad: holds a button pad low while the key is down, and sends other keys to UART1', () => {
    const { board, stdin, keyboard } = session('esp32c3', 'keypad');
    const gpioIn = () => board.bus.read32(GPIO_BASE + GPIO_IN);
    const up = pinOf('ArrowUp');
    expect((gpioIn() >> up) & 1).toBe(1); // pulled up
    stdin.type('\x1b[Aq');
    runTo(board, 1e6);
    expect((gpioIn() >> up) & 1).toBe(0); // pressed
    runTo(board, 1e9);
    expect((gpioIn() >> up) & 1).toBe(1); // released
    expect(uart1Bytes(board)).toBe('q');
    keyboard.close();
  });

  it('keypad is refused on the pc, which has no buttons', () => {
    expect(() => session('pc', 'keypad')).toThrow(/--keyboard keypad: the pc board has no keypad/);
  });
});
