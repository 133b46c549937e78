/**
 * A text console on the Display HAL: characters in cells with a colour
 * attribute, a cursor, line wrap and scrolling, the way a VGA text console
 * works (VGA text on pc, the LCD's text mode on esp32c3). It keeps its own
 * copy of the cells, so scrolling redraws from memory rather than reading
 * the screen back. Text without an explicit attribute goes through a
 * Linux-console escape parser (vt-parser.ts): colours, cursor movement and
 * erasing work as programs expect on a VT.
 */
import type { Display } from '../../hal/display';
import { ANSI_TO_VGA, VtAction, VtParser } from './vt-parser';

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
  /** The screen as the console means it... */
  private readonly cells: Uint16Array;
  /** ...and as the device shows it: write() updates `cells`, then sends
   * only the cells that differ, so a burst of output that scrolls many
   * times costs one screenful of device traffic, not one per line. */
  private readonly shown: Uint16Array;
  private readonly parser = new VtParser();
  private saved: [number, number] = [0, 0];
  private bold = false;
  private reverse = false;
  private foreground = ATTR_LIGHT_GREY & 0x0f;
  private background = 0;
  attribute = ATTR_LIGHT_GREY;
  private suspended = false;

  constructor(private readonly display: Display) {
    this.cells = new Uint16Array(display.textColumns * display.textRows);
    this.shown = new Uint16Array(this.cells.length);
  }

  /** Initialises the display: text mode, blank (as both boards' drivers
   * leave it), so only what is written later costs register traffic. */
  start(): void {
    this.display.init();
    this.cells.fill(0x20 | (this.attribute << 8));
    this.shown.set(this.cells);
    this.column = 0;
    this.row = 0;
  }

  clear(): void {
    this.cells.fill(0x20 | (this.attribute << 8));
    this.shown.fill(0xffff); // everything is sent again
    this.sync();
    this.column = 0;
    this.row = 0;
    if (!this.suspended) this.display.setCursor(0, 0);
  }

  /** Writes text; with an explicit attribute the text is literal, without
   * one it may carry escape sequences and uses the current colours. */
  write(text: string, attribute?: number): void {
    if (attribute !== undefined) {
      for (const char of text) this.putChar(char, attribute);
    } else {
      for (const char of text) {
        const action = this.parser.feed(char);
        if (action) this.apply(action);
      }
    }
    this.sync();
    if (!this.suspended) this.display.setCursor(this.column, this.row);
  }

  /** A program has the screen (/dev/fb0): the console keeps its cells up
   * to date but leaves the device alone until resume(). */
  suspend(): void {
    this.suspended = true;
  }

  /** The screen is back in text mode: everything is drawn again. */
  resume(): void {
    this.suspended = false;
    this.shown.fill(0xffff);
    this.sync();
    this.display.setCursor(this.column, this.row);
  }

  /** Sends the device the cells that changed since the last sync: each
   * run of them along a row by one putCells. */
  private sync(): void {
    if (this.suspended) return;
    const columns = this.display.textColumns;
    const cells = this.cells;
    const shown = this.shown;
    for (let i = 0; i < cells.length; ) {
      if (cells[i] === shown[i]) {
        i++;
        continue;
      }
      const rowEnd = i - (i % columns) + columns;
      let end = i + 1;
      while (end < rowEnd && cells[end] !== shown[end]) end++;
      shown.set(cells.subarray(i, end), i);
      this.display.putCells(i % columns, Math.floor(i / columns), cells.subarray(i, end));
      i = end;
    }
  }

  private apply(action: VtAction): void {
    switch (action.kind) {
      case 'print':
        this.putChar(action.char, this.attribute);
        return;
      case 'save':
        this.saved = [this.column, this.row];
        return;
      case 'restore':
        [this.column, this.row] = this.saved;
        return;
      case 'reset':
        this.setGraphicRendition([0]);
        this.clear();
        return;
      default:
        if (!action.private) this.control(action.final, action.params);
        return;
    }
  }

  /** CSI sequences (console_codes(4)). */
  private control(final: string, params: number[]): void {
    const columns = this.display.textColumns;
    const rows = this.display.textRows;
    const n = Math.max(1, params[0] ?? 1);
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        return;
      case 'B':
        this.row = Math.min(rows - 1, this.row + n);
        return;
      case 'C':
        this.column = Math.min(columns - 1, this.column + n);
        return;
      case 'D':
        this.column = Math.max(0, this.column - n);
        return;
      case 'G':
        this.column = Math.min(columns - 1, n - 1);
        return;
      case 'H':
      case 'f':
        this.row = Math.min(rows - 1, Math.max(1, params[0] || 1) - 1);
        this.column = Math.min(columns - 1, Math.max(1, params[1] || 1) - 1);
        return;
      case 'J': {
        const here = this.row * columns + this.column;
        const mode = params[0] ?? 0;
        if (mode === 0) this.erase(here, columns * rows);
        else if (mode === 1) this.erase(0, here + 1);
        else this.erase(0, columns * rows);
        return;
      }
      case 'K': {
        const start = this.row * columns;
        const mode = params[0] ?? 0;
        if (mode === 0) this.erase(start + this.column, start + columns);
        else if (mode === 1) this.erase(start, start + this.column + 1);
        else this.erase(start, start + columns);
        return;
      }
      case 'm':
        this.setGraphicRendition(params.length === 0 ? [0] : params);
        return;
      case 's':
        this.saved = [this.column, this.row];
        return;
      case 'u':
        [this.column, this.row] = this.saved;
        return;
      default:
        return;
    }
  }

  private setGraphicRendition(params: number[]): void {
    for (const p of params) {
      if (p === 0) {
        this.bold = false;
        this.reverse = false;
        this.foreground = ATTR_LIGHT_GREY;
        this.background = 0;
      } else if (p === 1) this.bold = true;
      else if (p === 22) this.bold = false;
      else if (p === 7) this.reverse = true;
      else if (p === 27) this.reverse = false;
      else if (p >= 30 && p <= 37) this.foreground = ANSI_TO_VGA[p - 30];
      else if (p === 39) this.foreground = ATTR_LIGHT_GREY;
      else if (p >= 40 && p <= 47) this.background = ANSI_TO_VGA[p - 40];
      else if (p === 49) this.background = 0;
      else if (p >= 90 && p <= 97) this.foreground = ANSI_TO_VGA[p - 90] | 8;
      else if (p >= 100 && p <= 107) this.background = ANSI_TO_VGA[p - 100];
    }
    let fg = this.foreground | (this.bold ? 8 : 0);
    let bg = this.background & 7; // bit 7 of the attribute is blink on VGA
    if (this.reverse) [fg, bg] = [bg, fg & 7];
    this.attribute = (bg << 4) | fg;
  }

  /** Blanks cells [from, to) with the current background. */
  private erase(from: number, to: number): void {
    const blank = 0x20 | (this.attribute << 8);
    for (let i = from; i < to && i < this.cells.length; i++) this.cells[i] = blank;
  }

  /**
   * The boot screen: the logo (as kernel/log/logo.ts renders it without
   * colours) with a colour per row, then the lines after it in white.
   * The whole logo is one write: its cells go to the device by one sync
   * and the cursor moves once, to below it (a cursor moved after each line
   * was most of the LCD's traffic for the logo: each move redraws two
   * cells, each a window command and a DMA transfer).
   */
  showLogo(plainLogo: string): void {
    let logoRow = 0;
    for (const line of plainLogo.split(/\r?\n/)) {
      const isArt = /[█╗╔╚╝║═]/.test(line);
      const attribute = isArt ? LOGO_ATTRIBUTES[Math.min(logoRow++, LOGO_ATTRIBUTES.length - 1)] : ATTR_WHITE;
      for (const char of line.replace(/\r/g, '') + '\n') this.putChar(char, attribute);
    }
    this.sync();
    if (!this.suspended) this.display.setCursor(this.column, this.row);
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
    if (char < ' ' || char === '\x7f') return; // other controls (BEL, ...) print nothing
    if (this.column >= columns) {
      this.column = 0;
      this.newLine();
    }
    this.cells[this.row * columns + this.column] = toCp437(char) | (attribute << 8);
    this.column++;
  }

  private newLine(): void {
    if (this.row + 1 < this.display.textRows) {
      this.row++;
      return;
    }
    const columns = this.display.textColumns;
    // Only cells whose content changed cost device traffic at the next sync
    // (blank areas and repeated lines stay put): an LCD redraws a glyph per
    // cell.
    this.cells.copyWithin(0, columns);
    this.cells.fill(0x20 | (this.attribute << 8), this.cells.length - columns);
  }
}
