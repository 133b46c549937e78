import { Esp32c3Keypad, Ps2Keys, SerialKeys } from '../../host/keyboard/key-targets';
import { parseKeys } from '../../host/keyboard/key-parser';
import { KeyTapper } from '../../host/keyboard/key-tapper';
import { TerminalKeyboard } from '../../host/keyboard/terminal-keyboard';
import { GpioKeypad } from '../../platform/esp32c3/keypad';
import { BUTTON_GPIOS } from '../../boards/esp32c3';
import { Clock } from '../../platform/clock';
import { Ps2Keyboard } from '../../platform/pc/ps2-keyboard';
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

/** A PS/2 keyboard that logs key events, with a buffer of `room` events. */
function fakePs2(clock: Clock, room = Infinity) {
  const fake = {
    log: [] as string[],
    room,
    key(name: string, pressed: boolean): boolean {
      if (fake.room <= 0) return false;
      fake.room--;
      fake.log.push(`${clock.nowNs() / 1e6}ms ${pressed ? '+' : '-'}${name}`);
      return true;
    },
  };
  return fake;
}

describe('PS/2 keys from the terminal', () => {
  it('sends make, then break after a virtual hold, typed keys queued in order', () => {
    const clock = new Clock(1e9);
    const ps2 = fakePs2(clock);
    const keys = new Ps2Keys(ps2, new KeyTapper(clock, 40e6, 10e6));
    press(keys, 'A\x1b[A');
    runTo(clock, 1e9);
    expect(ps2.log).toEqual(['0ms +Shift', '0ms +a', '40ms -a', '40ms -Shift', '50ms +ArrowUp', '90ms -ArrowUp']);
  });

  it('wraps Ctrl and Alt around the key, and drops keys a PC keyboard lacks', () => {
    const clock = new Clock(1e9);
    const ps2 = fakePs2(clock);
    const keys = new Ps2Keys(ps2, new KeyTapper(clock, 40e6, 10e6));
    press(keys, '\x03\x1bx');
    keys.press(parseKeys(Buffer.from('é', 'utf8'))[0]);
    runTo(clock, 1e9);
    expect(ps2.log.map((l) => l.split(' ')[1])).toEqual(['+Control', '+c', '-c', '-Control', '+Alt', '+x', '-x', '-Alt']);
    expect(keys.dropped).toBe(1);
  });

  it('retries in order when the keyboard buffer is full', () => {
    const clock = new Clock(1e9);
    const ps2 = fakePs2(clock, 1);
    const keys = new Ps2Keys(ps2, new KeyTapper(clock, 40e6, 10e6));
    press(keys, 'B');
    runTo(clock, 5e6);
    expect(ps2.log).toEqual(['0ms +Shift']);
    ps2.room = Infinity; // the guest read the buffer
    runTo(clock, 1e9);
    expect(ps2.log).toEqual(['0ms +Shift', '10ms +b', '40ms -b', '40ms -Shift']);
  });

  it('drives the real PS/2 keyboard model: set 1 make and break codes', () => {
    const clock = new Clock(1e9);
    const ps2 = new Ps2Keyboard();
    const keys = new Ps2Keys(ps2, new KeyTapper(clock));
    press(keys, 'a\x1b[B');
    runTo(clock, 1e9);
    const bytes: number[] = [];
    for (let b = ps2.take(); b >= 0; b = ps2.take()) bytes.push(b);
    expect(bytes).toEqual([0x1e, 0x9e, 0xe0, 0x50, 0xe0, 0xd0]);
  });
});

describe('esp32c3 keypad mode', () => {
  function esp32c3Keypad(clock: Clock) {
    const levels = new Map<number, boolean>();
    const gpio = { setInput: (pin: number, level: boolean) => levels.set(pin, level) };
    const keypad = new GpioKeypad(gpio as never, BUTTON_GPIOS);
    const uartBytes: number[] = [];
    const uart: SerialDevice = { name: 'uart1', attachHost: () => {}, canReceive: () => true, receive: (b) => (uartBytes.push(b), true) };
    return { levels, uartBytes, keys: new Esp32c3Keypad(keypad, new SerialKeys(uart), new KeyTapper(clock, 40e6, 10e6)) };
  }
  const pinOf = (name: string) => Number(Object.entries(BUTTON_GPIOS).find(([, key]) => key === name)![0]);

  it('presses the button of a button key (pulled low while held) and sends it nowhere else', () => {
    const clock = new Clock(160e6);
    const { levels, uartBytes, keys } = esp32c3Keypad(clock);
    expect([...levels.values()].every((l) => l)).toBe(true); // pull-ups
    press(keys, '\x1b[B\r');
    runTo(clock, 20e6);
    expect(levels.get(pinOf('ArrowDown'))).toBe(false);
    runTo(clock, 45e6);
    expect(levels.get(pinOf('ArrowDown'))).toBe(true);
    runTo(clock, 60e6);
    expect(levels.get(pinOf('Enter'))).toBe(false);
    runTo(clock, 1e9);
    expect(levels.get(pinOf('Enter'))).toBe(true);
    expect(uartBytes).toEqual([]);
  });

  it('sends other keys, and button keys with modifiers, to the keyboard UART as typed', () => {
    const clock = new Clock(160e6);
    const { uartBytes, keys } = esp32c3Keypad(clock);
    press(keys, 'q\x1b[1;2A');
    expect(uartBytes).toEqual([0x71, 0x1b, 0x5b, 0x31, 0x3b, 0x32, 0x41]);
  });

  it('keeps typed order: bytes after a button wait until its press and release are over', () => {
    const clock = new Clock(160e6);
    const { levels, uartBytes, keys } = esp32c3Keypad(clock);
    const events: string[] = [];
    const space = pinOf('Space');
    // Watch the Space pad and the UART as the clock runs.
    let spaceDown = false;
    const watch = () => {
      const down = levels.get(space) === false;
      if (down !== spaceDown) events.push(down ? 'space-down' : 'space-up');
      spaceDown = down;
      while (uartBytes.length > 0) events.push(String.fromCharCode(uartBytes.shift()!));
    };
    press(keys, 'a b');
    watch();
    for (let ns = 1e6; ns <= 200e6; ns += 1e6) {
      runTo(clock, ns);
      watch();
    }
    expect(events).toEqual(['a', 'space-down', 'space-up', 'b']);
  });
});

describe('serial keys', () => {
  it('holds bytes while the UART FIFO is full and delivers them when it has room', () => {
    const fifo: number[] = [];
    const uart: SerialDevice = {
      name: 'fake',
      attachHost: (_: SerialHost) => {},
      canReceive: () => fifo.length < 2,
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
