/**
 * A text console on the Display HAL: characters in cells with a colour
 * attribute, a cursor, line wrap and scrolling, the way a VGA text console
 * works (VGA text on pc, the LCD's text mode on esp32c3). It keeps its own
 * copy of the cells, so scrolling redraws from memory rather than reading
 * the screen back.
 */
import type { Display } from '../../hal/display';

/** VGA attribute colours (foreground in bits 3:0, background 6:4). */
export const ATTR_LIGHT_GREY = 0x07;
export const ATTR_WHITE = 0x0f;

/** Unicode characters the kernel prints -> code page 437. */
const CP437: Readonly<Record<string, number>> = {
  '█': 0xdb, '▀': 0xdf, '▄': 0xdc, '░': 0xb0, '▒': 0xb1, '▓': 0xb2,
  '═': 0xcd, '║': 0xba, '╔': 0xc9, '╗': 0xbb, '╚': 0xc8, '╝': 0xbc, '╠': 0xcc, '╣': 0xb9, '╦': 0xcb, '╩': 0xca, '╬': 0xce,
  '─': 0xc4, '│': 0xb3, '┌': 0xda, '┐': 0xbf, '└': 0xc0, '┘': 0xd9,
  '·': 0xfa, '•': 0x07, '°': 0xf8, '±': 0xf1, 'é': 0x82, 'è': 0x8a, 'à': 0x85, 'ü': 0x81, 'ö': 0x94, 'ä': 0x84,
};
const UNKNOWN = 0x3f; // '?'

/** The logo's rows, top to bottom: a sunrise from yellow to magenta. */
const LOGO_ATTRIBUTES = [0x0e, 0x0e, 0x06, 0x0c, 0x0d, 0x05];

export function toCp437(char: string): number {
  const code = char.codePointAt(0) ?? UNKNOWN;
  if (code >= 0x20 && code < 0x7f) return code;
  return CP437[char] ?? UNKNOWN;
}

export class ScreenConsole {
  private column = 0;
  private row = 0;
  private readonly cells: Uint16Array;
  attribute = ATTR_LIGHT_GREY;

  constructor(private readonly display: Display) {
    this.cells = new Uint16Array(display.textColumns * display.textRows);
  }

  /** Initialises the display: text mode, blank (as both boards' drivers
   * leave it), so only what is written later costs register traffic. */
  start(): void {
    this.display.init();
    this.cells.fill(0x20 | (this.attribute << 8));
    this.column = 0;
    this.row = 0;
  }

  clear(): void {
    this.cells.fill(0x20 | (this.attribute << 8));
    this.redraw();
    this.column = 0;
    this.row = 0;
    this.display.setCursor(0, 0);
  }

  write(text: string, attribute = this.attribute): void {
    for (const char of text) this.putChar(char, attribute);
    this.display.setCursor(this.column, this.row);
  }

  /**
   * The boot screen: the logo (as kernel/log/logo.ts renders it without
   * colours) with a colour per row, then the lines after it in white.
   */
  showLogo(plainLogo: string): void {
    let logoRow = 0;
    for (const line of plainLogo.split(/\r?\n/)) {
      const isArt = /[█╗╔╚╝║═]/.test(line);
      const attribute = isArt ? LOGO_ATTRIBUTES[Math.min(logoRow++, LOGO_ATTRIBUTES.length - 1)] : ATTR_WHITE;
      this.write(line.replace(/\r/g, '') + '\n', attribute);
    }
  }

  private putChar(char: string, attribute: number): void {
    const columns = this.display.textColumns;
    if (char === '\n') {
      this.column = 0;
      this.newLine();
      return;
    }
    if (char === '\r') {
      this.column = 0;
      return;
    }
    if (char === '\t') {
      const next = Math.min(columns, (this.column + 8) & ~7);
      while (this.column < next) this.putChar(' ', attribute);
      return;
    }
    if (char === '\b') {
      if (this.column > 0) this.column--;
      return;
    }
    if (this.column >= columns) {
      this.column = 0;
      this.newLine();
    }
    const cell = toCp437(char) | (attribute << 8);
    this.cells[this.row * columns + this.column] = cell;
    this.display.putCell(this.column, this.row, cell & 0xff, attribute);
    this.column++;
  }

  private newLine(): void {
    if (this.row + 1 < this.display.textRows) {
      this.row++;
      return;
    }
    const columns = this.display.textColumns;
    this.cells.copyWithin(0, columns);
    this.cells.fill(0x20 | (this.attribute << 8), this.cells.length - columns);
    this.redraw();
  }

  private redraw(): void {
    const columns = this.display.textColumns;
    for (let i = 0; i < this.cells.length; i++) {
      this.display.putCell(i % columns, Math.floor(i / columns), this.cells[i] & 0xff, this.cells[i] >> 8);
    }
  }
}
