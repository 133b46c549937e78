/**
 * The key-event sequences of the kitty keyboard protocol
 * (sw.kovidgoyal.net/kitty/keyboard-protocol), read in two places: by the
 * host from a terminal that speaks it (host/keyboard/kitty-protocol.ts),
 * and by the esp32c3's keyboard driver from its keyboard UART, where the
 * keyboard reports each press, repeat and release in the same form
 * (esp32c3-keyboard.ts). The host writes that form with `kittySequence`.
 *
 *   CSI code[:alternates] [; modifiers[:type] [; text]] u
 *   CSI [1 ; modifiers[:type]] {A B C D E F H P Q R S}
 *   CSI number [; modifiers[:type]] ~
 *
 * `code` is the key's unshifted character or a number from the protocol's
 * table of functional keys (Private Use Area); `modifiers` is 1 plus a bit
 * set (1 Shift, 2 Alt, 4 Control); `type` is 1 press (the default), 2
 * repeat, 3 release. The letter and tilde forms without modifiers are
 * also what legacy terminals send for the arrows, Home, End, F1-F12 and
 * the editing keys (xterm's `CSI 1 ~` / `CSI 4 ~` for Home / End too).
 *
 * Key names are hal/keyboard.ts's.
 */

export type KittyEventType = 'press' | 'repeat' | 'release';

export interface KittyKey {
  /** The hal/keyboard.ts name of the key. */
  readonly key: string;
  readonly type: KittyEventType;
  /** The sequence gave its event type (`;modifiers:type`): the source
   * reports releases. Without it, a legacy key or a terminal that reports
   * presses only. */
  readonly typed: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly ctrl: boolean;
}

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

/** `CSI 1 ; modifiers X` (or `CSI X`; `ESC O X` in legacy terminals). */
const LETTER_KEYS: Readonly<Record<string, string>> = {
  A: 'ArrowUp', B: 'ArrowDown', C: 'ArrowRight', D: 'ArrowLeft', E: 'Numpad5', F: 'End', H: 'Home',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4',
};

/** `CSI number ; modifiers ~`. */
const TILDE_KEYS: Readonly<Record<number, string>> = {
  1: 'Home', 2: 'Insert', 3: 'Delete', 4: 'End', 5: 'PageUp', 6: 'PageDown', 7: 'Home', 8: 'End',
  11: 'F1', 12: 'F2', 13: 'F3', 14: 'F4', 15: 'F5', 17: 'F6', 18: 'F7', 19: 'F8', 20: 'F9', 21: 'F10', 23: 'F11', 24: 'F12',
  57427: 'Numpad5',
};

const TYPES: Readonly<Record<number, KittyEventType>> = { 1: 'press', 2: 'repeat', 3: 'release' };
const TYPE_NUMBERS: Readonly<Record<KittyEventType, number>> = { press: 1, repeat: 2, release: 3 };

/** The key name for a `CSI code u` code, or null (no such key here). */
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
 * One CSI sequence (its parameter bytes and final byte) as a key event;
 * 'ignored' for a well-formed key event of a key JOS has no name for (F13,
 * media keys); null when it is not a key event at all.
 */
export function kittyKey(params: string, final: string): KittyKey | 'ignored' | null {
  if (!/^[\d:;]*$/.test(params)) return null;
  const fields = params.split(';').map((f) => f.split(':').map((n) => (n === '' ? undefined : Number(n))));
  const number = fields[0]?.[0];
  let key: string | null;
  if (final === 'u') key = number === undefined ? null : codeKey(number);
  else if (final === '~') key = number === undefined ? null : (TILDE_KEYS[number] ?? null);
  else if (LETTER_KEYS[final] && (number === undefined || number === 1)) key = LETTER_KEYS[final];
  else return null;
  const modifiers = Math.max((fields[1]?.[0] ?? 1) - 1, 0);
  const typeNumber = fields[1]?.[1];
  const type = TYPES[typeNumber ?? 1];
  if (!type) return null;
  if (key === null) return 'ignored';
  return { key, type, typed: typeNumber !== undefined, shift: (modifiers & 1) !== 0, alt: (modifiers & 2) !== 0, ctrl: (modifiers & 4) !== 0 };
}

/** Key name -> how `kittySequence` writes it. */
const SEQUENCE_FORMS: ReadonlyMap<string, { readonly number: number; readonly final: string }> = (() => {
  const forms = new Map<string, { number: number; final: string }>();
  const add = (key: string, number: number, final: string) => {
    if (!forms.has(key)) forms.set(key, { number, final });
  };
  for (const [letter, key] of Object.entries(LETTER_KEYS)) add(key, 1, letter);
  for (const [number, key] of Object.entries(TILDE_KEYS)) add(key, Number(number), '~');
  for (const [code, key] of Object.entries(CODE_KEYS)) add(key, Number(code), 'u');
  return forms;
})();

/**
 * The explicit form of a key event, with its modifiers and event type
 * always given (`CSI 97;1:1u` for 'a' pressed), so that a reader can tell
 * it from a legacy key; null for a key with no form (a name JOS does not
 * know, or a character outside ASCII).
 */
export function kittySequence(event: Omit<KittyKey, 'typed'>): string | null {
  const form = SEQUENCE_FORMS.get(event.key) ?? (/^[!-~]$/.test(event.key) && !/[A-Z]/.test(event.key) ? { number: event.key.charCodeAt(0), final: 'u' } : null);
  if (!form) return null;
  const modifiers = 1 + (event.shift ? 1 : 0) + (event.alt ? 2 : 0) + (event.ctrl ? 4 : 0);
  return `\x1b[${form.number};${modifiers}:${TYPE_NUMBERS[event.type]}${form.final}`;
}
