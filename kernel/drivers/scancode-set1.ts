/**
 * PC scancode set 1 -> key names of the Keyboard HAL, and the characters
 * the keys type on a US layout. The kernel's own copy: drivers see only
 * the bytes at port 0x60, never the board's tables.
 */

/** Index = make code (0x01-0x58), value = key name. */
export const SET1_KEYS: readonly (string | undefined)[] = (() => {
  const keys: (string | undefined)[] = [];
  const row = (first: number, names: string) => names.split(' ').forEach((n, i) => (keys[first + i] = n));
  row(0x01, 'Escape 1 2 3 4 5 6 7 8 9 0 - = Backspace Tab q w e r t y u i o p [ ] Enter Control a s d f g h j k l ;');
  keys[0x28] = "'";
  row(0x29, '` Shift \\ z x c v b n m , . / ShiftRight NumpadMultiply Alt Space CapsLock F1 F2 F3 F4 F5 F6 F7 F8 F9 F10');
  row(0x45, 'NumLock ScrollLock Numpad7 Numpad8 Numpad9 NumpadSubtract Numpad4 Numpad5 Numpad6 NumpadAdd');
  row(0x4f, 'Numpad1 Numpad2 Numpad3 Numpad0 NumpadDecimal');
  row(0x56, 'IntlBackslash F11 F12');
  return keys;
})();

/** Make codes after an 0xE0 prefix. 0x2A/0x36 after E0 are the fake shifts
 * some keys send around themselves: they are dropped. */
export const SET1_EXTENDED_KEYS: Readonly<Record<number, string>> = {
  0x1c: 'NumpadEnter', 0x1d: 'ControlRight', 0x35: 'NumpadDivide', 0x37: 'PrintScreen', 0x38: 'AltRight',
  0x47: 'Home', 0x48: 'ArrowUp', 0x49: 'PageUp', 0x4b: 'ArrowLeft', 0x4d: 'ArrowRight',
  0x4f: 'End', 0x50: 'ArrowDown', 0x51: 'PageDown', 0x52: 'Insert', 0x53: 'Delete',
  0x5b: 'Meta', 0x5c: 'MetaRight', 0x5d: 'ContextMenu',
};

const SHIFTED: Readonly<Record<string, string>> = {
  '1': '!', '2': '@', '3': '#', '4': '$', '5': '%', '6': '^', '7': '&', '8': '*', '9': '(', '0': ')',
  '-': '_', '=': '+', '[': '{', ']': '}', '\\': '|', ';': ':', "'": '"', '`': '~', ',': '<', '.': '>', '/': '?',
};

const SPECIAL: Readonly<Record<string, string>> = {
  Enter: '\n', NumpadEnter: '\n', Tab: '\t', Backspace: '\b', Escape: '\x1b', Space: ' ',
  NumpadMultiply: '*', NumpadSubtract: '-', NumpadAdd: '+', NumpadDivide: '/',
};

export interface Modifiers {
  shift: boolean;
  control: boolean;
  capsLock: boolean;
  numLock: boolean;
}

/** The character a key types, if any. */
export function charFor(key: string, m: Modifiers): string | undefined {
  if (SPECIAL[key] !== undefined) return SPECIAL[key];
  if (key.startsWith('Numpad')) {
    const rest = key.slice(6);
    if (!m.numLock) return undefined;
    if (/^\d$/.test(rest)) return rest;
    return rest === 'Decimal' ? '.' : undefined;
  }
  if (key.length !== 1) return undefined;
  if (/[a-z]/.test(key)) {
    if (m.control) return String.fromCharCode(key.charCodeAt(0) & 0x1f);
    return m.shift !== m.capsLock ? key.toUpperCase() : key;
  }
  return m.shift ? (SHIFTED[key] ?? key) : key;
}
