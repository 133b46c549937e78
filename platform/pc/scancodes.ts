/**
 * Host key names -> PC scancode set 1 (the codes an AT keyboard's set 2
 * output becomes after the 8042's translation, which is what PC software
 * reads at port 0x60). A key's break code is its make code with bit 7 set;
 * extended keys carry an 0xE0 prefix on both. Print Screen and Pause have
 * their own multi-byte sequences (Pause has no break code).
 *
 * Key names are those of the Keyboard HAL (hal/keyboard.ts): the unshifted
 * character for printable keys ('a', '1', '-', ...), 'Space', and DOM-style
 * names for the rest ('Enter', 'ArrowUp', 'Shift', 'ShiftRight', ...).
 */

const E0 = 0xe0;

/** One-byte (non-extended) make codes. */
const BASIC: Record<string, number> = {
  Escape: 0x01,
  '1': 0x02, '2': 0x03, '3': 0x04, '4': 0x05, '5': 0x06, '6': 0x07, '7': 0x08, '8': 0x09, '9': 0x0a, '0': 0x0b,
  '-': 0x0c, '=': 0x0d, Backspace: 0x0e, Tab: 0x0f,
  q: 0x10, w: 0x11, e: 0x12, r: 0x13, t: 0x14, y: 0x15, u: 0x16, i: 0x17, o: 0x18, p: 0x19,
  '[': 0x1a, ']': 0x1b, Enter: 0x1c, Control: 0x1d,
  a: 0x1e, s: 0x1f, d: 0x20, f: 0x21, g: 0x22, h: 0x23, j: 0x24, k: 0x25, l: 0x26,
  ';': 0x27, "'": 0x28, '`': 0x29, Shift: 0x2a, '\\': 0x2b,
  z: 0x2c, x: 0x2d, c: 0x2e, v: 0x2f, b: 0x30, n: 0x31, m: 0x32, ',': 0x33, '.': 0x34, '/': 0x35,
  ShiftRight: 0x36, NumpadMultiply: 0x37, Alt: 0x38, Space: 0x39, CapsLock: 0x3a,
  F1: 0x3b, F2: 0x3c, F3: 0x3d, F4: 0x3e, F5: 0x3f, F6: 0x40, F7: 0x41, F8: 0x42, F9: 0x43, F10: 0x44,
  NumLock: 0x45, ScrollLock: 0x46,
  Numpad7: 0x47, Numpad8: 0x48, Numpad9: 0x49, NumpadSubtract: 0x4a,
  Numpad4: 0x4b, Numpad5: 0x4c, Numpad6: 0x4d, NumpadAdd: 0x4e,
  Numpad1: 0x4f, Numpad2: 0x50, Numpad3: 0x51, Numpad0: 0x52, NumpadDecimal: 0x53,
  IntlBackslash: 0x56, F11: 0x57, F12: 0x58,
};

/** Make codes that follow an 0xE0 prefix. */
const EXTENDED: Record<string, number> = {
  NumpadEnter: 0x1c, ControlRight: 0x1d, NumpadDivide: 0x35, AltRight: 0x38,
  Home: 0x47, ArrowUp: 0x48, PageUp: 0x49, ArrowLeft: 0x4b, ArrowRight: 0x4d,
  End: 0x4f, ArrowDown: 0x50, PageDown: 0x51, Insert: 0x52, Delete: 0x53,
  Meta: 0x5b, MetaRight: 0x5c, ContextMenu: 0x5d,
};

const PRINT_SCREEN_MAKE = [E0, 0x2a, E0, 0x37];
const PRINT_SCREEN_BREAK = [E0, 0xb7, E0, 0xaa];
const PAUSE_MAKE = [0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5];

/** Every key name this table knows. */
export const KEY_NAMES: readonly string[] = [...Object.keys(BASIC), ...Object.keys(EXTENDED), 'PrintScreen', 'Pause'];

/** The set 1 bytes for pressing (make) or releasing (break) a key, or null
 * for a key name the table does not know. */
export function scancodesFor(key: string, pressed: boolean): number[] | null {
  if (key === 'PrintScreen') return pressed ? [...PRINT_SCREEN_MAKE] : [...PRINT_SCREEN_BREAK];
  if (key === 'Pause') return pressed ? [...PAUSE_MAKE] : [];
  const basic = BASIC[key];
  if (basic !== undefined) return [pressed ? basic : basic | 0x80];
  const extended = EXTENDED[key];
  if (extended !== undefined) return [E0, pressed ? extended : extended | 0x80];
  return null;
}

/** US layout: shifted characters -> the key that types them. */
const SHIFTED: Record<string, string> = {
  '!': '1', '@': '2', '#': '3', $: '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0',
  _: '-', '+': '=', '{': '[', '}': ']', '|': '\\', ':': ';', '"': "'", '~': '`', '<': ',', '>': '.', '?': '/',
};

/** The key (and whether Shift is needed) that types `char` on a US layout,
 * or null. For hosts that receive characters rather than key events. */
export function keyForChar(char: string): { key: string; shift: boolean } | null {
  if (char === ' ') return { key: 'Space', shift: false };
  if (char === '\r' || char === '\n') return { key: 'Enter', shift: false };
  if (char === '\t') return { key: 'Tab', shift: false };
  if (char === '\b' || char === '\x7f') return { key: 'Backspace', shift: false };
  if (char === '\x1b') return { key: 'Escape', shift: false };
  if (/^[a-z]$/.test(char)) return { key: char, shift: false };
  if (/^[A-Z]$/.test(char)) return { key: char.toLowerCase(), shift: true };
  if (SHIFTED[char]) return { key: SHIFTED[char], shift: true };
  if (BASIC[char] !== undefined) return { key: char, shift: false };
  return null;
}
