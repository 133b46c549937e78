/**
 * The kitty keyboard protocol (sw.kovidgoyal.net/kitty/keyboard-protocol),
 * the part JOS's host keyboard uses: terminals that speak it report key
 * releases and repeats, which the legacy byte stream cannot say.
 *
 * - Asking: `CSI ? u` (the current flags) then `CSI c` (primary device
 *   attributes, which every terminal answers). A terminal with the protocol
 *   answers `CSI ? flags u` before its attributes; one without answers only
 *   the attributes.
 * - Turning it on: `CSI > flags u` pushes the flags; `CSI < u` pops them.
 *   JOS asks for 1 (disambiguate), 2 (report event types) and 8 (report all
 *   keys as escape codes, so plain letters and the modifier keys themselves
 *   have press and release events too).
 * - Key events: `CSI code[:alternates] [; modifiers[:type] [; text]] u`, or
 *   `CSI 1 ; modifiers[:type] {ABCDEFHPQS}`, or `CSI number ; modifiers[:type] ~`;
 *   type 1 press (the default), 2 repeat, 3 release. `code` is the key's
 *   unshifted character, or a number from the protocol's table of
 *   functional keys (Private Use Area).
 *
 * Key names are hal/keyboard.ts's (platform/pc/scancodes.ts has them all).
 */

export const KITTY_FLAGS = 1 | 2 | 8;
/** Asks for the flags, then for the device attributes. */
export const KITTY_QUERY = '\x1b[?u\x1b[c';
export const KITTY_PUSH = `\x1b[>${KITTY_FLAGS}u`;
export const KITTY_POP = '\x1b[<u';

export type KittyEventType = 'press' | 'repeat' | 'release';

export interface KittyKeyEvent {
  /** The hal/keyboard.ts name of the key. */
  readonly key: string;
  readonly type: KittyEventType;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly ctrl: boolean;
}

/** What the terminal sent, in order. */
export type KittyInput =
  | { readonly kind: 'key'; readonly event: KittyKeyEvent }
  /** `CSI ? flags u`: the protocol is there. */
  | { readonly kind: 'flags'; readonly flags: number }
  /** `CSI ? ... c`: the device attributes, the end of the answer. */
  | { readonly kind: 'attributes' }
  /** Anything else: bytes as they came (legacy keys, unknown sequences). */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** A key event for a key the PC keyboard does not have (F13, media keys). */
  | { readonly kind: 'ignored' };

const ESC = 0x1b;

/** The functional keys of the `CSI code u` form. */
const CODE_KEYS: Readonly<Record<number, string>> = {
  9: 'Tab', 13: 'Enter', 27: 'Escape', 32: 'Space', 127: 'Backspace',
  57358: 'CapsLock', 57359: 'ScrollLock', 57360: 'NumLock', 57361: 'PrintScreen', 57362: 'Pause', 57363: 'ContextMenu',
  57399: 'Numpad0', 57400: 'Numpad1', 57401: 'Numpad2', 57402: 'Numpad3', 57403: 'Numpad4',
  57404: 'Numpad5', 57405: 'Numpad6', 57406: 'Numpad7', 57407: 'Numpad8', 57408: 'Numpad9',
  57409: 'NumpadDecimal', 57410: 'NumpadDivide', 57411: 'NumpadMultiply', 57412: 'NumpadSubtract',
  57413: 'NumpadAdd', 57414: 'NumpadEnter',
  // The keypad's navigation keys are its digit keys (num lock off).
  57417: 'Numpad4', 57418: 'Numpad6', 57419: 'Numpad8', 57420: 'Numpad2', 57421: 'Numpad9',
  57422: 'Numpad3', 57423: 'Numpad7', 57424: 'Numpad1', 57425: 'Numpad0', 57426: 'NumpadDecimal', 57427: 'Numpad5',
  57441: 'Shift', 57442: 'Control', 57443: 'Alt', 57444: 'Meta',
  57447: 'ShiftRight', 57448: 'ControlRight', 57449: 'AltRight', 57450: 'MetaRight',
};

/** `CSI 1 ; modifiers X`. */
const LETTER_KEYS: Readonly<Record<string, string>> = {
  A: 'ArrowUp', B: 'ArrowDown', C: 'ArrowRight', D: 'ArrowLeft', E: 'Numpad5', F: 'End', H: 'Home',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4',
};

/** `CSI number ; modifiers ~`. */
const TILDE_KEYS: Readonly<Record<number, string>> = {
  2: 'Insert', 3: 'Delete', 5: 'PageUp', 6: 'PageDown', 7: 'Home', 8: 'End',
  11: 'F1', 12: 'F2', 13: 'F3', 14: 'F4', 15: 'F5', 17: 'F6', 18: 'F7', 19: 'F8', 20: 'F9', 21: 'F10', 23: 'F11', 24: 'F12',
  57427: 'Numpad5',
};

const TYPES: Readonly<Record<number, KittyEventType>> = { 1: 'press', 2: 'repeat', 3: 'release' };

/** The key name for a `CSI code u` code, or null (a key with no PC key). */
function codeKey(code: number): string | null {
  const named = CODE_KEYS[code];
  if (named) return named;
  if (code > 32 && code < 127) {
    const ch = String.fromCharCode(code);
    return ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : ch;
  }
  return null;
}

/**
 * Splits terminal input into kitty key events, the protocol's answers and
 * the bytes around them. Returns the items and how many bytes at the end
 * are an unfinished sequence (to be joined with the next read).
 */
export function parseKittyInput(data: Uint8Array): { items: KittyInput[]; unfinished: number } {
  const items: KittyInput[] = [];
  let plainStart = 0;
  let i = 0;
  const flushPlain = (end: number) => {
    if (end > plainStart) items.push({ kind: 'bytes', bytes: data.slice(plainStart, end) });
  };
  while (i < data.length) {
    if (data[i] !== ESC || data[i + 1] !== 0x5b /* [ */) {
      if (data[i] === ESC && i + 1 === data.length) {
        flushPlain(i);
        return { items, unfinished: 1 };
      }
      i++;
      continue;
    }
    // CSI: parameter bytes 0x30-0x3F, then the final byte 0x40-0x7E.
    let j = i + 2;
    while (j < data.length && data[j] >= 0x30 && data[j] <= 0x3f) j++;
    if (j >= data.length) {
      flushPlain(i);
      return { items, unfinished: data.length - i };
    }
    const params = Buffer.from(data.subarray(i + 2, j)).toString('latin1');
    const item = sequence(params, String.fromCharCode(data[j]));
    if (item) {
      flushPlain(i);
      items.push(item);
      plainStart = j + 1;
    }
    i = j + 1;
  }
  flushPlain(data.length);
  return { items, unfinished: 0 };
}

/** One CSI sequence's meaning, or null when it is not the protocol's. */
function sequence(params: string, final: string): KittyInput | null {
  if (params.startsWith('?')) {
    if (final === 'u' && /^\?\d+$/.test(params)) return { kind: 'flags', flags: Number(params.slice(1)) };
    if (final === 'c') return { kind: 'attributes' };
    return null;
  }
  if (!/^[\d:;]*$/.test(params)) return null;
  const fields = params.split(';').map((f) => f.split(':').map((n) => (n === '' ? undefined : Number(n))));
  const number = fields[0]?.[0];
  let key: string | null;
  if (final === 'u') key = number === undefined ? null : codeKey(number);
  else if (final === '~') key = number === undefined ? null : (TILDE_KEYS[number] ?? null);
  else if (LETTER_KEYS[final] && (number === undefined || number === 1)) key = LETTER_KEYS[final];
  else return null;
  const modifiers = Math.max((fields[1]?.[0] ?? 1) - 1, 0);
  const type = TYPES[fields[1]?.[1] ?? 1];
  if (!type) return null;
  if (key === null) return { kind: 'ignored' };
  return { kind: 'key', event: { key, type, shift: (modifiers & 1) !== 0, alt: (modifiers & 2) !== 0, ctrl: (modifiers & 4) !== 0 } };
}
