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
 * The key-event grammar and its tables are the kernel's (the esp32c3's
 * keyboard driver reads the same sequences): kernel/drivers/kitty-keys.ts.
 */
import { KittyEventType, kittyKey } from '../../kernel/drivers/kitty-keys';

export const KITTY_FLAGS = 1 | 2 | 8;
/** Asks for the flags, then for the device attributes. */
export const KITTY_QUERY = '\x1b[?u\x1b[c';
export const KITTY_PUSH = `\x1b[>${KITTY_FLAGS}u`;
export const KITTY_POP = '\x1b[<u';

export type { KittyEventType };

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
  const key = kittyKey(params, final);
  if (key === null) return null;
  if (key === 'ignored') return { kind: 'ignored' };
  return { kind: 'key', event: { key: key.key, type: key.type, shift: key.shift, alt: key.alt, ctrl: key.ctrl } };
}
