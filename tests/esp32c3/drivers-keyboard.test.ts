import { INTERRUPT_CONTROLLER, InterruptController } from '../../hal/interrupts';
import { KEYBOARD, KeyEvent, Keyboard } from '../../hal/keyboard';
import { esp32c3 } from './board-harness';

function setup() {
  const b = esp32c3();
  const ic = b.get<InterruptController>(INTERRUPT_CONTROLLER);
  const keyboard = b.get<Keyboard>(KEYBOARD);
  ic.init();
  keyboard.init();
  ic.enable('keyboard');
  const type = (text: string) => {
    for (const byte of Buffer.from(text, 'latin1')) expect(b.keyboardUart.receive(byte)).toBe(true);
  };
  const show = (events: KeyEvent[]) => events.map((e) => `${e.pressed ? '+' : '-'}${e.key}${e.char !== undefined ? `(${JSON.stringify(e.char)})` : ''}`);
  return { ...b, ic, keyboard, type, show };
}

describe('esp32c3 keyboard driver (UART1 + GPIO buttons)', () => {
  test('typed bytes interrupt on line 3 and become press/release pairs', () => {
    const { matrix, ic, keyboard, type, show } = setup();
    type('a1 ');
    expect(matrix.highestPendingLine()).toBe(3);
    expect(ic.acknowledge(3)).toBe('keyboard');
    expect(show(keyboard.handleInterrupt())).toEqual(['+a("a")', '-a', '+1("1")', '-1', '+Space(" ")', '-Space']);
    expect(matrix.highestPendingLine()).toBe(0);
  });

  test('capitals and shifted symbols come with Shift, control bytes with Control', () => {
    const { keyboard, type, show } = setup();
    type('A!\x03');
    expect(show(keyboard.handleInterrupt())).toEqual([
      '+Shift', '+a("A")', '-a', '-Shift',
      '+Shift', '+1("!")', '-1', '-Shift',
      '+Control', '+c("\\u0003")', '-c', '-Control',
    ]);
  });

  test('Enter, Backspace, Tab and escape sequences are named keys', () => {
    const { keyboard, type, show } = setup();
    type('\r\x7f\t\x1b[A\x1b[D\x1b[3~\x1bOP');
    expect(show(keyboard.handleInterrupt()).filter((e) => e.startsWith('+'))).toEqual([
      '+Enter("\\r")', '+Backspace("\\b")', '+Tab("\\t")', '+ArrowUp', '+ArrowLeft', '+Delete', '+F1',
    ]);
  });

  test('a lone ESC is Escape; ESC and a key is Alt', () => {
    const { keyboard, type, show } = setup();
    type('\x1bx');
    expect(show(keyboard.handleInterrupt())).toEqual(['+Alt', '+x("x")', '-x', '-Alt']);
    type('\x1b');
    expect(show(keyboard.handleInterrupt())).toEqual(['+Escape("\\u001b")', '-Escape']);
  });

  test('a sequence split across interrupts is completed by the next one', () => {
    const { keyboard, type, show } = setup();
    type('\x1b[1');
    expect(keyboard.handleInterrupt()).toEqual([]);
    type('5~');
    expect(show(keyboard.handleInterrupt())).toEqual(['+F5', '-F5']);
  });

  test('kitty key-event sequences are real presses, repeats and releases, with the characters they type', () => {
    const { keyboard, type, show } = setup();
    // 'a' pressed, repeating, released: no made-up release.
    type('\x1b[97;1:1u\x1b[97;1:2u\x1b[97;1:3u');
    const events = keyboard.handleInterrupt();
    expect(show(events)).toEqual(['+a("a")', '+a("a")', '-a']);
    expect(events.some((e) => e.synthetic)).toBe(false);
    // Shift held around 'a' (its code stays 97; the modifiers say shifted),
    // Up held with Control, F5 and Enter.
    type('\x1b[57441;2:1u\x1b[97;2:1u\x1b[97;2:3u\x1b[57441;1:3u');
    type('\x1b[57442;5:1u\x1b[1;5:1A\x1b[1;5:3A\x1b[57442;1:3u\x1b[15;1:1~\x1b[15;1:3~\x1b[13;1:1u\x1b[13;1:3u');
    expect(show(keyboard.handleInterrupt())).toEqual([
      '+Shift', '+a("A")', '-a', '-Shift',
      '+Control', '+ArrowUp', '-ArrowUp', '-Control', '+F5', '-F5', '+Enter("\\n")', '-Enter',
    ]);
  });

  test('a kitty sequence split across interrupts is completed by the next one; unknown keys and sequences are dropped', () => {
    const { keyboard, type, show } = setup();
    type('\x1b[97;1');
    expect(keyboard.handleInterrupt()).toEqual([]);
    type(':3u\x1b[57376;1:1u\x1b[?1;2cq');
    // The release of 'a' (never pressed: evdev ignores it), F13 (no such
    // key here) and a terminal's answer skipped, then 'q' typed.
    expect(show(keyboard.handleInterrupt())).toEqual(['-a', '+q("q")', '-q']);
  });

  test('legacy modified keys (CSI 1;5A) and kitty keys without an event type are taps inside their modifiers', () => {
    const { keyboard, type, show } = setup();
    type('\x1b[1;5A\x1b[97;3u');
    const events = keyboard.handleInterrupt();
    expect(show(events)).toEqual(['+Control', '+ArrowUp', '-ArrowUp', '-Control', '+Alt', '+a("a")', '-a', '-Alt']);
    expect(events.filter((e) => !e.pressed).every((e) => e.synthetic)).toBe(true);
  });

  test('GPIO buttons: real presses and releases, through the matrix', () => {
    const { matrix, ic, keyboard, keypad, show } = setup();
    expect(keypad.setKey('ArrowUp', true)).toBe(true);
    expect(matrix.highestPendingLine()).toBe(3);
    expect(ic.acknowledge(3)).toBe('keyboard');
    expect(show(keyboard.handleInterrupt())).toEqual(['+ArrowUp']);
    expect(matrix.highestPendingLine()).toBe(0);
    keypad.setKey('Enter', true);
    keypad.setKey('ArrowUp', false);
    expect(show(keyboard.handleInterrupt())).toEqual(['-ArrowUp', '+Enter("\\r")']);
    keypad.setKey('Enter', false);
    expect(show(keyboard.handleInterrupt())).toEqual(['-Enter']);
    expect(keypad.setKey('q', true)).toBe(false); // not a button: typed over UART1
  });

  test('the board documents its buttons', () => {
    const { keypad } = setup();
    expect(keypad.keys.sort()).toEqual(['ArrowDown', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'Control', 'Enter', 'Escape', 'Space']);
  });
});
