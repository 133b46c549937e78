/**
 * PS/2 scancode set 1 (the XT set the keyboard controller delivers with
 * translation on), US layout: make codes per key name; break = make | 0x80;
 * the extended keys (cursor block, editing block) are prefixed with 0xE0.
 * Source: the IBM PC/AT Technical Reference keyboard tables, as also
 * listed on the OSDev wiki ("PS/2 Keyboard", scan code set 1).
 */
export const EXTENDED_PREFIX = 0xe0;
export const BREAK_BIT = 0x80;

const MAKE: Record<string, number> = {
  Escape: 0x01, '1': 0x02, '2': 0x03, '3': 0x04, '4': 0x05, '5': 0x06, '6': 0x07, '7': 0x08, '8': 0x09, '9': 0x0a,
  '0': 0x0b, '-': 0x0c, '=': 0x0d, Backspace: 0x0e, Tab: 0x0f,
  q: 0x10, w: 0x11, e: 0x12, r: 0x13, t: 0x14, y: 0x15, u: 0x16, i: 0x17, o: 0x18, p: 0x19, '[': 0x1a, ']': 0x1b,
  Enter: 0x1c, Control: 0x1d,
  a: 0x1e, s: 0x1f, d: 0x20, f: 0x21, g: 0x22, h: 0x23, j: 0x24, k: 0x25, l: 0x26, ';': 0x27, "'": 0x28, '`': 0x29,
  Shift: 0x2a, '\\': 0x2b,
  z: 0x2c, x: 0x2d, c: 0x2e, v: 0x2f, b: 0x30, n: 0x31, m: 0x32, ',': 0x33, '.': 0x34, '/': 0x35,
  ShiftRight: 0x36, Alt: 0x38, Space: 0x39, CapsLock: 0x3a,
  F1: 0x3b, F2: 0x3c, F3: 0x3d, F4: 0x3e, F5: 0x3f, F6: 0x40, F7: 0x41, F8: 0x42, F9: 0x43, F10: 0x44,
  NumLock: 0x45, ScrollLock: 0x46, F11: 0x57, F12: 0x58,
};

const EXTENDED: Record<string, number> = {
  Home: 0x47, ArrowUp: 0x48, PageUp: 0x49, ArrowLeft: 0x4b, ArrowRight: 0x4d, End: 0x4f, ArrowDown: 0x50,
  PageDown: 0x51, Insert: 0x52, Delete: 0x53,
};

/** The make sequence of a key, or null for a key the PC keyboard lacks. */
export function makeCode(key: string): number[] | null {
  if (key in MAKE) return [MAKE[key]];
  if (key in EXTENDED) return [EXTENDED_PREFIX, EXTENDED[key]];
  return null;
}

/** The break sequence of a key, or null. */
export function breakCode(key: string): number[] | null {
  const make = makeCode(key);
  if (!make) return null;
  return make.map((b, i) => (i === make.length - 1 ? b | BREAK_BIT : b));
}
