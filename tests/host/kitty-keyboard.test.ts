/**
 * The kitty keyboard protocol on the host: parsing what such a terminal
 * sends (host/keyboard/kitty-protocol.ts), asking for it and falling back
 * (kitty-keyboard.ts), and real presses, repeats and releases reaching the
 * pc's PS/2 keyboard and the esp32c3's keyboard UART (keyboard-session.ts).
 */
import 'reflect-metadata';
import { findBoard } from '../../boards';
import { assembleBoard } from '../../boards/assemble';
import { openKeyboard } from '../../host/keyboard/keyboard-session';
import { KittyKeyboard } from '../../host/keyboard/kitty-keyboard';
import { KITTY_POP, KITTY_PUSH, KITTY_QUERY, KittyInput, parseKittyInput } from '../../host/keyboard/kitty-protocol';
import { KEYBOARD, KeyEvent, Keyboard } from '../../hal/keyboard';
import { kittyKey, kittySequence } from '../../kernel/drivers/kitty-keys';
import { PS2_DATA_PORT, PS2_STATUS_PORT, STATUS_OBF } from '../../platform/pc/ps2-controller';
import { KEY_NAMES } from '../../platform/pc/scancodes';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Items as short strings: "press a", "flags 0", "bytes xy"... */
function describeItems(items: KittyInput[]): string[] {
  return items.map((item) => {
    if (item.kind === 'key') {
      const e = item.event;
      return `${e.type} ${[e.ctrl ? 'ctrl+' : '', e.alt ? 'alt+' : '', e.shift ? 'shift+' : ''].join('')}${e.key}`;
    }
    if (item.kind === 'flags') return `flags ${item.flags}`;
    if (item.kind === 'attributes') return 'attributes';
    if (item.kind === 'ignored') return 'ignored';
    return `bytes ${Buffer.from(item.bytes).toString('latin1')}`;
  });
}

describe('parseKittyInput', () => {
  it('reads the three forms of key event with their modifiers and event types', () => {
    const { items, unfinished } = parseKittyInput(
      bytes('\x1b[97u\x1b[97;1:2u\x1b[97;1:3u\x1b[97;5u\x1b[A\x1b[1;2:3D\x1b[15;1:3~\x1b[57441;2u\x1b[57442;5:3u\x1b[13u\x1b[32;1:1u'),
    );
    expect(unfinished).toBe(0);
    expect(describeItems(items)).toEqual([
      'press a', 'repeat a', 'release a', 'press ctrl+a', 'press ArrowUp', 'release shift+ArrowLeft',
      'release F5', 'press shift+Shift', 'release ctrl+Control', 'press Enter', 'press Space',
    ]);
  });

  it('tells the answers to its questions from keys, and keeps other bytes as they are', () => {
    const { items } = parseKittyInput(bytes('ab\x1b[?11u\x1b[?62;22c\x1b[Ax'));
    expect(describeItems(items)).toEqual(['bytes ab', 'flags 11', 'attributes', 'press ArrowUp', 'bytes x']);
  });

  it('swallows keys the PC keyboard does not have, and leaves unknown sequences as bytes', () => {
    const { items } = parseKittyInput(bytes('\x1b[57376u\x1b[2J'));
    expect(describeItems(items)).toEqual(['ignored', 'bytes \x1b[2J']);
  });

  it('reports a sequence cut at the end of a read as unfinished', () => {
    const { items, unfinished } = parseKittyInput(bytes('\x1b[97u\x1b[97;1:'));
    expect(describeItems(items)).toEqual(['press a']);
    expect(unfinished).toBe('\x1b[97;1:'.length);
    expect(parseKittyInput(bytes('q\x1b')).unfinished).toBe(1);
  });
});

function fakeTerminal(answerMs = 1000) {
  const written: string[] = [];
  const legacy: string[] = [];
  const keys: string[] = [];
  let quit = false;
  const keyboard = new KittyKeyboard(
    {
      write: (text) => written.push(text),
      legacy: (b) => legacy.push(Buffer.from(b).toString('latin1')),
      onKey: (e) => keys.push(`${e.type} ${e.key}`),
      quit: () => (quit = true),
    },
    answerMs,
  );
  keyboard.start();
  return { keyboard, written, legacy, keys, quitted: () => quit, type: (text: string) => keyboard.push(bytes(text)) };
}

describe('KittyKeyboard', () => {
  it('asks, turns the protocol on when the terminal has it, and off at close', () => {
    const t = fakeTerminal();
    expect(t.written).toEqual([KITTY_QUERY]);
    t.type('\x1b[?0u\x1b[?62;22c');
    expect(t.keyboard.state).toBe('kitty');
    expect(t.written).toEqual([KITTY_QUERY, KITTY_PUSH]);
    t.type('\x1b[97u\x1b[97;1:2u');
    t.type('\x1b[97;1:3u');
    expect(t.keys).toEqual(['press a', 'repeat a', 'release a']);
    expect(t.legacy).toEqual([]);
    t.keyboard.close();
    expect(t.written).toEqual([KITTY_QUERY, KITTY_PUSH, KITTY_POP]);
  });

  it('falls back when the terminal answers only its attributes: the bytes go the legacy way, nothing is pushed or popped', () => {
    const t = fakeTerminal();
    t.type('a\x1b[?62;22cb');
    expect(t.keyboard.state).toBe('legacy');
    t.type('\x1b[A');
    expect(t.legacy.join('')).toBe('ab\x1b[A');
    t.keyboard.close();
    expect(t.written).toEqual([KITTY_QUERY]);
  });

  it('falls back when the terminal does not answer in time, and takes the protocol when its answer comes late', async () => {
    const t = fakeTerminal(20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(t.keyboard.state).toBe('legacy');
    t.type('a\x1b[A');
    expect(t.legacy.join('')).toBe('a\x1b[A');
    // The answer read late (a busy host): the protocol goes on, and what
    // follows the answer is its input.
    t.type('b\x1b[?0u\x1b[?62c\x1b[97;1:3u');
    expect(t.keyboard.state).toBe('kitty');
    expect(t.legacy.join('')).toBe('a\x1b[Ab');
    expect(t.written).toEqual([KITTY_QUERY, KITTY_PUSH]);
    expect(t.keys).toEqual(['release a']);
  });

  it('a late answer of the device attributes alone ends the wait: legacy for good', async () => {
    const t = fakeTerminal(20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    t.type('\x1b[?62;22c');
    t.type('\x1b[?0u');
    expect(t.keyboard.state).toBe('legacy');
    expect(t.legacy.join('')).toBe('\x1b[?0u');
    expect(t.written).toEqual([KITTY_QUERY]);
  });

  it('joins a key event cut between two reads', () => {
    const t = fakeTerminal();
    t.type('\x1b[?1u');
    t.type('\x1b[1;1:');
    t.type('3A');
    expect(t.keys).toEqual(['release ArrowUp']);
  });

  it('quits on Ctrl-A X, passing neither on; Ctrl-A then another key passes that key', () => {
    const t = fakeTerminal();
    t.type('\x1b[?1u');
    t.type('\x1b[57442;5u\x1b[97;5u\x1b[97;5:3u\x1b[57442;1:3u'); // Control down, a, up; Control up
    t.type('\x1b[98u\x1b[98;1:3u');
    expect(t.keys).toEqual(['press Control', 'release Control', 'press b', 'release b']);
    expect(t.quitted()).toBe(false);
    t.type('\x1b[97;5u\x1b[97;5:3u\x1b[120u');
    expect(t.quitted()).toBe(true);
  });
});

describe('the protocol into the pc board\'s PS/2 keyboard', () => {
  function session() {
    const board = assembleBoard(findBoard('pc')!, { cmdline: 'loglevel=error', rtc: '2026-01-01T00:00:00', bootEpochSeconds: 1767225600 });
    board.consoleUart.attachHost({ transmit: () => {}, receiveReady: () => {} });
    let listener: ((data: Buffer) => void) | null = null;
    const written: string[] = [];
    const input = { isTTY: true, setRawMode: () => {}, on: (_: 'data', l: (data: Buffer) => void) => (listener = l), off: () => {}, resume: () => {}, pause: () => {} };
    const output = { isTTY: true, write: (text: string) => written.push(text) };
    const keyboard = openKeyboard(board, { keyboard: 'device', serial: 'none', displayMode: 'none', pane: null, quit: () => {}, wake: () => {}, input, output });
    keyboard.start();
    const type = (text: string) => listener!(Buffer.from(text, 'latin1'));
    const run = (ns: number) => {
      const clock = board.clock;
      while (clock.nextEventNs() <= ns) {
        clock.jumpTo(clock.nextEventNs());
        clock.fireDue();
      }
      clock.jumpTo(ns);
    };
    const port60 = () => {
      const out: number[] = [];
      while (board.bus.in8(PS2_STATUS_PORT) & STATUS_OBF) out.push(board.bus.in8(PS2_DATA_PORT));
      return out;
    };
    return { keyboard, type, run, port60, written, board };
  }

  it('a key held in the terminal is held on the keyboard: make, typematic makes, then break when it is let go', () => {
    const s = session();
    s.type('\x1b[?0u');
    expect(s.written).toContain(KITTY_PUSH);
    s.type('\x1b[97u');
    s.run(1e9);
    // A second of virtual time later the key is still down: no break code
    // (the fallback would have released it after 40 ms).
    expect(s.port60()).toEqual([0x1e]);
    s.type('\x1b[97;1:2u\x1b[97;1:2u');
    s.run(2e9);
    expect(s.port60()).toEqual([0x1e, 0x1e]);
    s.type('\x1b[97;1:3u\x1b[1;1:1A\x1b[1;1:3A');
    s.run(3e9);
    expect(s.port60()).toEqual([0x9e, 0xe0, 0x48, 0xe0, 0xc8]);
    s.keyboard.close();
    expect(s.written[s.written.length - 1]).toBe(KITTY_POP);
  });

  it('without the protocol, keys are taps as before', () => {
    const s = session();
    s.type('\x1b[?62c');
    s.type('a');
    s.run(1e9);
    expect(s.port60()).toEqual([0x1e, 0x9e]);
    s.keyboard.close();
    expect(s.written).toEqual([KITTY_QUERY]);
  });
});

describe('kittySequence, the explicit key-event form the esp32c3 keyboard UART carries', () => {
  it('writes every PC key with its modifiers and event type, and kittyKey reads it back', () => {
    const types = ['press', 'repeat', 'release'] as const;
    // The ISO key left of Z has no code of its own in the protocol.
    for (const [n, key] of KEY_NAMES.filter((k) => k !== 'IntlBackslash').entries()) {
      const event = { key, type: types[n % 3], shift: (n & 1) !== 0, alt: (n & 2) !== 0, ctrl: (n & 4) !== 0 };
      const sequence = kittySequence(event);
      expect(sequence).toMatch(/^\x1b\[\d+;\d+:[123][A-Z~u]$/);
      const m = /^\x1b\[([\d;:]*)(.)$/.exec(sequence!)!;
      expect(kittyKey(m[1], m[2])).toEqual({ ...event, typed: true });
    }
    expect(kittySequence({ key: 'a', type: 'release', shift: false, alt: false, ctrl: false })).toBe('\x1b[97;1:3u');
    for (const key of ['é', 'IntlBackslash']) expect(kittySequence({ key, type: 'press', shift: false, alt: false, ctrl: false })).toBeNull();
  });
});

describe('the protocol into the esp32c3 board\'s keyboard UART', () => {
  it('a key held in the terminal is held on the board: the driver reads press, repeats and release from UART1', () => {
    const board = assembleBoard(findBoard('esp32c3')!, { cmdline: 'loglevel=error', rtc: '2026-01-01T00:00:00', bootEpochSeconds: 1767225600 });
    board.consoleUart.attachHost({ transmit: () => {}, receiveReady: () => {} });
    let listener: ((data: Buffer) => void) | null = null;
    const written: string[] = [];
    const input = { isTTY: true, setRawMode: () => {}, on: (_: 'data', l: (data: Buffer) => void) => (listener = l), off: () => {}, resume: () => {}, pause: () => {} };
    const output = { isTTY: true, write: (text: string) => written.push(text) };
    const session = openKeyboard(board, { keyboard: 'device', serial: 'none', displayMode: 'none', pane: null, quit: () => {}, wake: () => {}, input, output });
    const driver = board.container.get<Keyboard>(KEYBOARD);
    driver.init();
    session.start();
    const type = (text: string) => listener!(Buffer.from(text, 'latin1'));
    const show = (events: KeyEvent[]) => events.map((e) => `${e.pressed ? '+' : '-'}${e.key}${e.synthetic ? '*' : ''}`);
    // Before the terminal answers, keys go the legacy way: a tap.
    type('x');
    expect(show(driver.handleInterrupt())).toEqual(['+x', '-x*']);
    type('\x1b[?0u');
    expect(written).toContain(KITTY_PUSH);
    type('\x1b[97u\x1b[97;1:2u');
    expect(show(driver.handleInterrupt())).toEqual(['+a', '+a']);
    type('\x1b[97;1:3u\x1b[57441;2u\x1b[1;2A\x1b[1;2:3A\x1b[57441;1:3u');
    expect(show(driver.handleInterrupt())).toEqual(['-a', '+Shift', '+ArrowUp', '-ArrowUp', '-Shift']);
    session.close();
    expect(written[written.length - 1]).toBe(KITTY_POP);
  });
});
