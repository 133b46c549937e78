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
