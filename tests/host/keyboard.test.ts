import { Ps2Keys, GpioButtons, ESP32C3_BUTTON_PINS, SerialKeys } from '../../host/keyboard/key-targets';
import { parseKeys } from '../../host/keyboard/key-parser';
import { KeyTapper } from '../../host/keyboard/key-tapper';
import { TerminalKeyboard } from '../../host/keyboard/terminal-keyboard';
import { breakCode, makeCode } from '../../host/keyboard/pc-scancodes';
import { Clock } from '../../platform/clock';
import type { SerialDevice, SerialHost } from '../../platform/serial-wire';

/** Runs a clock's events up to `ns`, recording when each fired. */
function runTo(clock: Clock, ns: number): void {
  while (clock.nextEventNs() <= ns) {
    clock.jumpTo(clock.nextEventNs());
    clock.fireDue();
  }
  clock.jumpTo(ns);
}

const press = (target: { press(k: ReturnType<typeof parseKeys>[0]): void }, text: string) => {
  for (const k of parseKeys(Buffer.from(text, 'latin1'))) target.press(k);
};

describe('scancode set 1', () => {
  it('has make codes for letters, the editing block (extended) and break = make | 0x80', () => {
    expect(makeCode('a')).toEqual([0x1e]);
    expect(breakCode('a')).toEqual([0x9e]);
    expect(makeCode('Enter')).toEqual([0x1c]);
    expect(makeCode('ArrowUp')).toEqual([0xe0, 0x48]);
    expect(breakCode('ArrowUp')).toEqual([0xe0, 0xc8]);
    expect(makeCode('F12')).toEqual([0x58]);
    expect(makeCode('é')).toBeNull();
  });
});

describe('PS/2 keys from the terminal', () => {
  it('sends make, then break after a virtual hold, typed keys queued in order', () => {
    const clock = new Clock(1e9);
    const log: string[] = [];
    const keys = new Ps2Keys({ sendScancodes: (b) => log.push(`${clock.nowNs() / 1e6}ms ${b.map((x) => x.toString(16)).join(' ')}`) }, new KeyTapper(clock, 40e6, 10e6));
    press(keys, 'A\x1b[A');
    runTo(clock, 1e9);
    expect(log).toEqual([
      '0ms 2a 1e', // shift down, a down
      '40ms 9e aa', // a up, shift up
      '50ms e0 48', // arrow up (extended)
      '90ms e0 c8',
    ]);
  });

  it('wraps Ctrl and Alt around the key, and drops keys a PC keyboard lacks', () => {
    const clock = new Clock(1e9);
    const sent: number[][] = [];
    const keys = new Ps2Keys({ sendScancodes: (b) => sent.push([...b]) }, new KeyTapper(clock));
    press(keys, '\x03\x1bx');
    keys.press(parseKeys(Buffer.from('é', 'utf8'))[0]);
    runTo(clock, 1e9);
    expect(sent).toEqual([[0x1d, 0x2e], [0xae, 0x9d], [0x38, 0x2d], [0xad, 0xb8]]);
    expect(keys.dropped).toBe(1);
  });
});

describe('esp32c3 GPIO buttons', () => {
  it('pulls the pads up, and pulls a button low while pressed', () => {
    const clock = new Clock(160e6);
    const levels = new Map<number, boolean>();
    const changes: string[] = [];
    const gpio = {
      setInput(pin: number, level: boolean) {
        levels.set(pin, level);
        changes.push(`${pin}${level ? 'H' : 'L'}`);
      },
    };
    const buttons = new GpioButtons(gpio, new KeyTapper(clock, 40e6, 10e6));
    expect([...levels.values()].every((l) => l)).toBe(true);
    changes.length = 0;
    press(buttons, '\x1b[B\rq');
    runTo(clock, 20e6);
    expect(levels.get(ESP32C3_BUTTON_PINS.ArrowDown)).toBe(false);
    runTo(clock, 1e9);
    expect(changes).toEqual([`${ESP32C3_BUTTON_PINS.ArrowDown}L`, `${ESP32C3_BUTTON_PINS.ArrowDown}H`, `${ESP32C3_BUTTON_PINS.Enter}L`, `${ESP32C3_BUTTON_PINS.Enter}H`]);
  });
});

describe('serial keys', () => {
  it('holds bytes while the UART FIFO is full and delivers them when it has room', () => {
    const fifo: number[] = [];
    const uart: SerialDevice = {
      name: 'fake',
      attachHost: (_: SerialHost) => {},
      receive: (b) => (fifo.length < 2 ? (fifo.push(b), true) : false),
    };
    const keys = new SerialKeys(uart);
    keys.sendBytes(Buffer.from('abcd'));
    expect(fifo).toEqual([0x61, 0x62]);
    fifo.length = 0;
    keys.pump();
    expect(fifo).toEqual([0x63, 0x64]);
  });
});

describe('terminal keyboard', () => {
  function fakeStdin(isTTY: boolean) {
    return { isTTY, raw: false, setRawMode(r: boolean) { this.raw = r; }, on() {}, off() {}, resume() {}, pause() {} };
  }

  it('on a terminal: Ctrl-A X quits, Ctrl-A Ctrl-A sends Ctrl-A, the rest is delivered', () => {
    const got: number[][] = [];
    let quits = 0;
    let wakes = 0;
    const stdin = fakeStdin(true);
    const kb = new TerminalKeyboard(stdin, (b) => got.push([...b]), () => quits++, () => wakes++);
    kb.start();
    expect(stdin.raw).toBe(true);
    kb.handle(Buffer.from([0x61, 0x01, 0x01, 0x62]));
    kb.handle(Buffer.from([0x01, 0x78, 0x63]));
    expect(got).toEqual([[0x61, 0x01, 0x62]]);
    expect(quits).toBe(1);
    expect(wakes).toBe(1);
    kb.close();
    expect(stdin.raw).toBe(false);
  });

  it('from a pipe: every byte is delivered, Ctrl-A included', () => {
    const got: number[][] = [];
    const kb = new TerminalKeyboard(fakeStdin(false), (b) => got.push([...b]), () => {
      throw new Error('no quit from a pipe');
    });
    kb.handle(Buffer.from([0x01, 0x78]));
    expect(got).toEqual([[0x01, 0x78]]);
  });
});
