/**
 * The bytes a terminal in raw mode sends, as key presses. Printable ASCII
 * becomes the key that types it on a US layout (with shift for capitals and
 * the upper symbols), C0 controls become Ctrl+letter, and the escape
 * sequences of xterm-compatible terminals (VT100 cursor keys, SS3 and CSI
 * forms, `CSI n ~` editing and function keys, the Linux console's `CSI [ A`
 * F1-F5, and the `;m` modifier parameter) become named keys. ESC followed by
 * a character (or by a whole sequence) is Alt+that key; an ESC that ends
 * the input is the Escape key. KeyReader joins reads, so a sequence cut
 * between two reads still makes one key; a lone ESC waits 25 ms for more.
 *
 * Key names follow hal/keyboard.ts: 'a', '1', '-', 'Enter', 'Escape',
 * 'Backspace', 'Tab', 'Space', 'ArrowUp', 'Home', 'F1', ...
 */
export interface HostKey {
  readonly key: string;
  readonly shift: boolean;
  readonly ctrl: boolean;
  readonly alt: boolean;
  /** The bytes the terminal sent for this key (what a serial line gets). */
  readonly bytes: Uint8Array;
}

const ESC = 0x1b;

/** US layout: the shifted symbol -> the key it is on. */
const SHIFTED: Record<string, string> = {
  '!': '1', '@': '2', '#': '3', $: '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0',
  _: '-', '+': '=', '{': '[', '}': ']', '|': '\\', ':': ';', '"': "'", '<': ',', '>': '.', '?': '/', '~': '`',
};

/** Final bytes of CSI / SS3 sequences without a number. */
const LETTER_KEYS: Record<string, string> = {
  A: 'ArrowUp', B: 'ArrowDown', C: 'ArrowRight', D: 'ArrowLeft', H: 'Home', F: 'End', E: 'Begin',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4', Z: 'Tab',
};

/** `CSI n ~` (VT220 / xterm). */
const TILDE_KEYS: Record<number, string> = {
  1: 'Home', 2: 'Insert', 3: 'Delete', 4: 'End', 5: 'PageUp', 6: 'PageDown', 7: 'Home', 8: 'End',
  11: 'F1', 12: 'F2', 13: 'F3', 14: 'F4', 15: 'F5', 17: 'F6', 18: 'F7', 19: 'F8', 20: 'F9', 21: 'F10', 23: 'F11', 24: 'F12',
};

/** The Linux console's F1-F5: `CSI [ A` .. `CSI [ E`. */
const LINUX_F_KEYS: Record<string, string> = { A: 'F1', B: 'F2', C: 'F3', D: 'F4', E: 'F5' };

/** A plain key with no modifiers pressed. */
function key(name: string, bytes: Uint8Array, mods: Partial<Pick<HostKey, 'shift' | 'ctrl' | 'alt'>> = {}): HostKey {
  return { key: name, shift: mods.shift ?? false, ctrl: mods.ctrl ?? false, alt: mods.alt ?? false, bytes };
}

/** One byte that is not ESC. */
function singleByte(byte: number, bytes: Uint8Array): HostKey | null {
  if (byte === 0x0d || byte === 0x0a) return key('Enter', bytes);
  if (byte === 0x09) return key('Tab', bytes);
  if (byte === 0x7f || byte === 0x08) return key('Backspace', bytes);
  if (byte === 0x20) return key('Space', bytes);
  if (byte === 0x00) return key('Space', bytes, { ctrl: true });
  if (byte >= 0x01 && byte <= 0x1a) return key(String.fromCharCode(0x60 + byte), bytes, { ctrl: true });
  if (byte >= 0x1c && byte <= 0x1f) return key('\\]6-'[byte - 0x1c], bytes, { ctrl: true, shift: byte >= 0x1e });
  if (byte >= 0x61 && byte <= 0x7a) return key(String.fromCharCode(byte), bytes);
  if (byte >= 0x41 && byte <= 0x5a) return key(String.fromCharCode(byte + 0x20), bytes, { shift: true });
  if (byte > 0x20 && byte < 0x7f) {
    const ch = String.fromCharCode(byte);
    const base = SHIFTED[ch];
    return base ? key(base, bytes, { shift: true }) : key(ch, bytes);
  }
  return null;
}

/** xterm's modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4). */
function modifiers(param: number | undefined): Pick<HostKey, 'shift' | 'ctrl' | 'alt'> {
  const m = param === undefined || param < 1 ? 0 : param - 1;
  return { shift: (m & 1) !== 0, alt: (m & 2) !== 0, ctrl: (m & 4) !== 0 };
}

/** Length of a UTF-8 sequence from its lead byte (1 for a stray byte). */
function utf8Length(lead: number): number {
  if (lead >= 0xf0 && lead < 0xf8) return 4;
  if (lead >= 0xe0) return lead < 0xf0 ? 3 : 1;
  if (lead >= 0xc0) return 2;
  return 1;
}

/** Parses a chunk of terminal input into key presses, in order. Bytes that
 * make no key (a stray continuation byte, an unknown sequence) are skipped. */
export function parseKeys(data: Uint8Array): HostKey[] {
  const keys: HostKey[] = [];
  let i = 0;
  while (i < data.length) {
    const start = i;
    const byte = data[i];
    if (byte === ESC) {
      i = parseEscape(data, i, keys);
      continue;
    }
    if (byte >= 0x80) {
      const n = utf8Length(byte);
      i += Math.min(n, data.length - i);
      if (n > 1) keys.push(key(Buffer.from(data.subarray(start, i)).toString('utf8'), data.slice(start, i)));
      continue;
    }
    i++;
    const k = singleByte(byte, data.slice(start, i));
    if (k) keys.push(k);
  }
  return keys;
}

/** Parses the sequence starting with ESC at `at`; returns the index after it. */
function parseEscape(data: Uint8Array, at: number, keys: HostKey[]): number {
  const next = data[at + 1];
  if (next === undefined) {
    keys.push(key('Escape', data.slice(at, at + 1)));
    return at + 1;
  }
  if (next === 0x5b /* [ */ || next === 0x4f /* O */) {
    // CSI: parameters 0x30-0x3F, then a final byte 0x40-0x7E.
    let j = at + 2;
    if (next === 0x5b && data[j] === 0x5b && data[j + 1] !== undefined) {
      const name = LINUX_F_KEYS[String.fromCharCode(data[j + 1])];
      if (name) keys.push(key(name, data.slice(at, j + 2)));
      return j + 2;
    }
    while (j < data.length && data[j] >= 0x30 && data[j] <= 0x3f) j++;
    if (j >= data.length) return data.length; // a cut sequence: drop it
    const params = Buffer.from(data.subarray(at + 2, j)).toString('latin1').split(';').map((p) => (p === '' ? undefined : Number(p)));
    const final = String.fromCharCode(data[j]);
    const bytes = data.slice(at, j + 1);
    if (final === '~') {
      const name = TILDE_KEYS[params[0] ?? -1];
      if (name) keys.push(key(name, bytes, modifiers(params[1])));
    } else if (LETTER_KEYS[final]) {
      const mods = modifiers(params[1] ?? (next === 0x4f ? params[0] : undefined));
      keys.push(key(LETTER_KEYS[final], bytes, final === 'Z' ? { ...mods, shift: true } : mods));
    }
    return j + 1;
  }
  // ESC + a whole sequence (Alt+arrow in terminals that prefix ESC): Alt held.
  if (next === ESC && (data[at + 2] === 0x5b || data[at + 2] === 0x4f)) {
    const inner: HostKey[] = [];
    const end = parseEscape(data, at + 1, inner);
    for (const k of inner) keys.push({ ...k, alt: true, bytes: data.slice(at, end) });
    return end;
  }
  // ESC + a character: Alt held (the meta-sends-escape convention).
  const inner = parseKeys(data.subarray(at + 1, at + 1 + (next >= 0x80 ? utf8Length(next) : 1)));
  const end = at + 1 + (next >= 0x80 ? utf8Length(next) : 1);
  for (const k of inner) keys.push({ ...k, alt: true, bytes: data.slice(at, end) });
  return end;
}

/**
 * How many bytes at the end of `data` may be an escape sequence that the
 * next read completes (ESC, ESC [, ESC [ 1 ; ...): a reader holds them back
 * briefly (the ESC delay) instead of taking them for the Escape key.
 */
export function unfinishedTail(data: Uint8Array): number {
  const at = data.lastIndexOf(ESC);
  if (at < 0) return 0;
  if (at === data.length - 1) return 1;
  const next = data[at + 1];
  if (next !== 0x5b && next !== 0x4f) return 0;
  let j = at + 2;
  if (next === 0x5b && data[j] === 0x5b) return j + 1 < data.length ? 0 : data.length - at;
  while (j < data.length && data[j] >= 0x30 && data[j] <= 0x3f) j++;
  return j >= data.length ? data.length - at : 0;
}

/**
 * Joins terminal reads so that an escape sequence cut between two reads
 * still parses as one key: an unfinished tail waits up to `delayMs` for the
 * rest, then goes as it is.
 */
export class KeyReader {
  private held = new Uint8Array(0);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onKeys: (keys: HostKey[]) => void,
    private readonly delayMs = 25,
  ) {}

  push(data: Uint8Array): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const all = new Uint8Array(this.held.length + data.length);
    all.set(this.held);
    all.set(data, this.held.length);
    const tail = unfinishedTail(all);
    this.held = all.slice(all.length - tail);
    if (all.length > tail) this.onKeys(parseKeys(all.subarray(0, all.length - tail)));
    if (tail > 0) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Parses whatever is held (the delay ran out, or the input ends). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rest = this.held;
    this.held = new Uint8Array(0);
    if (rest.length > 0) this.onKeys(parseKeys(rest));
  }
}
