/**
 * Keyboard driver for the esp32c3 board, through MMIO only. Two sources:
 *  - UART1 receives the keyboard's bytes. A keyboard that reports key
 *    transitions sends each press, repeat and release as the kitty keyboard
 *    protocol's explicit key-event sequence (`ESC [ 97;1:3 u`: 'a'
 *    released; kitty-keys.ts): real key events, as the PS/2 keyboard's
 *    make and break codes. Anything else is what a terminal sends for typed
 *    keys: a byte has no release, so each key becomes a press and a
 *    release, with Shift or Control around it where the byte implies one
 *    (US layout, the names of hal/keyboard.ts). xterm escape sequences
 *    (ESC [ A.., ESC O A.., ESC [ n ~, ESC [ 1;5 A) become named keys; an
 *    ESC that ends what the FIFO held is Escape.
 *  - GPIO buttons, active low with pull-ups, interrupting on any edge: real
 *    presses and releases. Which GPIO is which key is the board's wiring,
 *    given in the config (boards/esp32c3.ts, docs/boards/esp32c3.md).
 */
import type { Mmio } from '../../hal/io';
import type { KeyEvent, Keyboard } from '../../hal/keyboard';
import { KittyKey, kittyKey } from './kitty-keys';
import { charFor } from './scancode-set1';

// UART (ESP-IDF soc/esp32c3 uart_reg.h)
const UART_FIFO = 0x00;
const UART_INT_ENA = 0x0c;
const UART_INT_CLR = 0x10;
const UART_CLKDIV = 0x14;
const UART_STATUS = 0x1c;
const UART_CONF0 = 0x20;
const UART_CONF1 = 0x24;
const UART_RXFIFO_FULL = 1 << 0;
const UART_RXFIFO_TOUT = 1 << 8;
const UART_RXFIFO_OVF = 1 << 4;
const UART_RXFIFO_RST = 1 << 17;
const UART_RX_TOUT_EN = 1 << 21;
const UART_CONF0_8N1 = 0x1000001c;
const APB_HZ = 80_000_000;
const BAUD = 115200;

// GPIO (ESP-IDF soc/esp32c3 gpio_reg.h)
const GPIO_ENABLE_W1TC = 0x28;
const GPIO_IN = 0x3c;
const GPIO_STATUS = 0x44;
const GPIO_STATUS_W1TC = 0x4c;
const GPIO_PIN0 = 0x74;
const GPIO_INTR_ANYEDGE = 3 << 7;
const GPIO_PIN_INT_ENA_CPU = 1 << 13;

const BUTTON_CHARS: Readonly<Record<string, string>> = { Enter: '\r', Escape: '\x1b', Space: ' ' };

/** US layout: shifted symbol -> the key it is on. */
const SHIFTED: Readonly<Record<string, string>> = {
  '!': '1', '@': '2', '#': '3', $: '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0',
  _: '-', '+': '=', '{': '[', '}': ']', '|': '\\', ':': ';', '"': "'", '<': ',', '>': '.', '?': '/', '~': '`',
};
const ESC = 0x1b;

export interface KeyboardConfig {
  readonly uartBase: number;
  readonly gpioBase: number;
  /** GPIO number -> key name. */
  readonly buttons: Readonly<Record<number, string>>;
}

export class Esp32c3Keyboard implements Keyboard {
  private readonly buttons: Readonly<Record<number, string>>;
  private buttonMask = 0;
  /** Buttons seen pressed, as a bit per GPIO. */
  private pressed = 0;
  private pending: number[] = [];

  constructor(
    private readonly mmio: Mmio,
    private readonly config: KeyboardConfig,
  ) {
    this.buttons = config.buttons;
    for (const pin of Object.keys(this.buttons)) this.buttonMask |= 1 << Number(pin);
  }

  init(): void {
    const { uartBase, gpioBase } = this.config;
    const divider = Math.round((APB_HZ * 16) / BAUD);
    this.mmio.write32(uartBase + UART_CLKDIV, ((divider & 0xf) << 20) | (divider >> 4));
    this.mmio.write32(uartBase + UART_CONF0, UART_CONF0_8N1 | UART_RXFIFO_RST);
    this.mmio.write32(uartBase + UART_CONF0, UART_CONF0_8N1);
    this.mmio.write32(uartBase + UART_CONF1, UART_RX_TOUT_EN | (10 << 9) | 1);
    this.mmio.write32(uartBase + UART_INT_CLR, 0xffffffff);
    this.mmio.write32(uartBase + UART_INT_ENA, UART_RXFIFO_FULL | UART_RXFIFO_TOUT);
    this.mmio.write32(gpioBase + GPIO_ENABLE_W1TC, this.buttonMask);
    for (const pin of Object.keys(this.buttons)) {
      this.mmio.write32(gpioBase + GPIO_PIN0 + 4 * Number(pin), GPIO_INTR_ANYEDGE | GPIO_PIN_INT_ENA_CPU);
    }
    this.mmio.write32(gpioBase + GPIO_STATUS_W1TC, this.buttonMask);
    this.pressed = ~this.mmio.read32(gpioBase + GPIO_IN) & this.buttonMask;
  }

  handleInterrupt(): KeyEvent[] {
    const events: KeyEvent[] = [];
    this.readButtons(events);
    this.readUart(events);
    return events;
  }

  private readButtons(events: KeyEvent[]): void {
    const { gpioBase } = this.config;
    const status = this.mmio.read32(gpioBase + GPIO_STATUS) & this.buttonMask;
    if (status === 0) return;
    this.mmio.write32(gpioBase + GPIO_STATUS_W1TC, status);
    const down = ~this.mmio.read32(gpioBase + GPIO_IN) & this.buttonMask;
    const changed = down ^ this.pressed;
    this.pressed = down;
    for (const [pin, key] of Object.entries(this.buttons)) {
      const bit = 1 << Number(pin);
      if (!(changed & bit)) continue;
      const pressed = (down & bit) !== 0;
      const char = BUTTON_CHARS[key];
      events.push(pressed && char !== undefined ? { key, pressed, char } : { key, pressed });
    }
  }

  private readUart(events: KeyEvent[]): void {
    const { uartBase } = this.config;
    let waiting = this.mmio.read32(uartBase + UART_STATUS) & 0x3ff;
    while (waiting-- > 0) this.pending.push(this.mmio.read32(uartBase + UART_FIFO) & 0xff);
    this.mmio.write32(uartBase + UART_INT_CLR, UART_RXFIFO_FULL | UART_RXFIFO_TOUT | UART_RXFIFO_OVF);
    const bytes = this.pending;
    this.pending = [];
    let i = 0;
    while (i < bytes.length) i = this.decode(bytes, i, events);
  }

  /** Decodes one key starting at bytes[i]; returns the next index. */
  private decode(bytes: number[], i: number, events: KeyEvent[]): number {
    const b = bytes[i];
    if (b !== ESC) {
      this.typed(b, events);
      return i + 1;
    }
    const next = bytes[i + 1];
    if (next === undefined) {
      tap(events, 'Escape', '\x1b');
      return i + 1;
    }
    if (next === 0x5b /* [ */) {
      // CSI: parameter bytes 0x30-0x3F, then the final byte 0x40-0x7E.
      let j = i + 2;
      while (j < bytes.length && bytes[j] >= 0x30 && bytes[j] <= 0x3f) j++;
      if (j >= bytes.length) {
        // A sequence cut by the FIFO: keep it for the next interrupt.
        this.pending = bytes.slice(i);
        return bytes.length;
      }
      if (bytes[j] < 0x40 || bytes[j] > 0x7e) return j; // malformed: dropped
      const key = kittyKey(String.fromCharCode(...bytes.slice(i + 2, j)), String.fromCharCode(bytes[j]));
      if (key !== null && key !== 'ignored') sequenceKey(key, events);
      return j + 1;
    }
    if (next === 0x4f /* O */) {
      const final = bytes[i + 2];
      if (final === undefined) {
        this.pending = bytes.slice(i);
        return bytes.length;
      }
      const key = kittyKey('', String.fromCharCode(final));
      if (key !== null && key !== 'ignored') sequenceKey(key, events);
      return i + 3;
    }
    // ESC and a character: Alt+key.
    events.push({ key: 'Alt', pressed: true });
    this.typed(next, events);
    events.push({ key: 'Alt', pressed: false, synthetic: true });
    return i + 2;
  }

  /** One typed byte as key events. */
  private typed(b: number, events: KeyEvent[]): void {
    const ch = String.fromCharCode(b);
    if (b === 0x0d || b === 0x0a) tap(events, 'Enter', '\r');
    else if (b === 0x09) tap(events, 'Tab', '\t');
    else if (b === 0x7f || b === 0x08) tap(events, 'Backspace', '\b');
    else if (b === 0x20) tap(events, 'Space', ' ');
    else if (b >= 0x01 && b <= 0x1a) withModifier(events, 'Control', String.fromCharCode(0x60 + b), ch);
    else if (b >= 0x41 && b <= 0x5a) withModifier(events, 'Shift', ch.toLowerCase(), ch);
    else if (SHIFTED[ch] !== undefined) withModifier(events, 'Shift', SHIFTED[ch], ch);
    else if (b > 0x20 && b < 0x7f) tap(events, ch, ch);
    else if (b >= 0x80) tap(events, 'Unidentified', ch);
  }
}

/** A key from a CSI or SS3 sequence. With its event type given (the
 * keyboard reports releases): that press, repeat (a press again) or
 * release, with the character it types. Without (a legacy terminal's
 * arrows and function keys, `CSI 1;5A` for Ctrl+Up): a tap, inside its
 * modifiers. */
function sequenceKey(key: KittyKey, events: KeyEvent[]): void {
  const char = charFor(key.key, { shift: key.shift, control: key.ctrl, capsLock: false, numLock: true });
  if (key.typed) {
    const pressed = key.type !== 'release';
    events.push(pressed && char !== undefined ? { key: key.key, pressed, char } : { key: key.key, pressed });
    return;
  }
  const modifiers = [key.ctrl ? 'Control' : '', key.alt ? 'Alt' : '', key.shift ? 'Shift' : ''].filter((m) => m);
  for (const m of modifiers) events.push({ key: m, pressed: true });
  tap(events, key.key, char);
  for (const m of modifiers.reverse()) events.push({ key: m, pressed: false, synthetic: true });
}

function tap(events: KeyEvent[], key: string, char?: string): void {
  events.push(char === undefined ? { key, pressed: true } : { key, pressed: true, char });
  events.push({ key, pressed: false, synthetic: true });
}

function withModifier(events: KeyEvent[], modifier: string, key: string, char: string): void {
  events.push({ key: modifier, pressed: true });
  tap(events, key, char);
  events.push({ key: modifier, pressed: false, synthetic: true });
}
