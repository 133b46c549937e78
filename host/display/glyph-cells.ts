/**
 * Reading text back from a pixel screen drawn with JOS's 8x16 font, so
 * that the terminal view can show it as characters instead of shrinking
 * it into a blur of half blocks.
 *
 * The esp32c3's LCD is 320x240 pixels; its kernel driver draws a text
 * console on it as 40x15 cells of JOS's font (kernel/drivers/font8x16.ts),
 * each in two colours, the cursor as the cell's bottom two lines in the
 * foreground colour. Every such cell is exactly one glyph's bit pattern, so
 * the host can tell which character it shows — exactly, as both sides use
 * the same font. A cell that is not a glyph (a picture) becomes one half
 * block of its upper and lower halves' mean colours.
 */
import { CP437_TO_UNICODE, FONT_8X16, GLYPH_HEIGHT, GLYPH_WIDTH } from '../../kernel/drivers/font8x16';
import { UPPER_HALF_BLOCK } from './half-blocks';
import type { RgbaImage } from './rgba-image';

/** The cursor's lines at the bottom of a cell, as the LCD driver draws it. */
const CURSOR_ROWS = 2;
const ESC = '\x1b';

/** A screen read as character cells: colours as 0xRRGGBB. */
export interface GlyphGrid {
  readonly columns: number;
  readonly rows: number;
  readonly chars: string[];
  readonly fg: Uint32Array;
  readonly bg: Uint32Array;
  /** The cell drawn with the cursor, or -1. */
  readonly cursorCell: number;
  /** How many cells were glyphs (the rest are half blocks). */
  readonly glyphCells: number;
}

/** Glyph bit patterns (16 rows as a latin1 string) -> CP437 code, with and
 * without the cursor's lines; printable ASCII wins where two codes look
 * alike (the space over NUL and 0xFF). */
let patterns: { plain: Map<string, number>; cursor: Map<string, number> } | null = null;

function glyphPatterns(): { plain: Map<string, number>; cursor: Map<string, number> } {
  if (patterns) return patterns;
  const plain = new Map<string, number>();
  const cursor = new Map<string, number>();
  const codes = [...Array(0x5f).keys()].map((i) => 0x20 + i);
  for (let code = 0; code < 256; code++) if (code < 0x20 || code > 0x7e) codes.push(code);
  for (const code of codes) {
    const rows = FONT_8X16.subarray(code * GLYPH_HEIGHT, (code + 1) * GLYPH_HEIGHT);
    const key = String.fromCharCode(...rows);
    if (!plain.has(key)) plain.set(key, code);
    const withCursor = String.fromCharCode(...rows.subarray(0, GLYPH_HEIGHT - CURSOR_ROWS)) + '\xff'.repeat(CURSOR_ROWS);
    if (!cursor.has(withCursor)) cursor.set(withCursor, code);
  }
  patterns = { plain, cursor };
  return patterns;
}

function pixel(image: RgbaImage, x: number, y: number): number {
  const p = (y * image.width + x) * 4;
  return (image.rgba[p] << 16) | (image.rgba[p + 1] << 8) | image.rgba[p + 2];
}

/** The cell's rows as bits (bit 7 = leftmost pixel) where the pixel is `fg`. */
function cellBits(image: RgbaImage, x0: number, y0: number, fg: number): string {
  let key = '';
  for (let y = 0; y < GLYPH_HEIGHT; y++) {
    let bits = 0;
    for (let x = 0; x < GLYPH_WIDTH; x++) if (pixel(image, x0 + x, y0 + y) === fg) bits |= 0x80 >>> x;
    key += String.fromCharCode(bits);
  }
  return key;
}

function meanColor(image: RgbaImage, x0: number, y0: number, height: number): number {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let y = y0; y < y0 + height; y++) {
    for (let x = x0; x < x0 + GLYPH_WIDTH; x++) {
      const c = pixel(image, x, y);
      r += c >>> 16;
      g += (c >>> 8) & 0xff;
      b += c & 0xff;
    }
  }
  const n = GLYPH_WIDTH * height;
  return (Math.round(r / n) << 16) | (Math.round(g / n) << 8) | Math.round(b / n);
}

/** The screen as cells of the 8x16 font, or null when its size is not a
 * whole number of cells. */
export function readGlyphCells(image: RgbaImage): GlyphGrid | null {
  if (image.width % GLYPH_WIDTH !== 0 || image.height % GLYPH_HEIGHT !== 0) return null;
  const { plain, cursor } = glyphPatterns();
  const columns = image.width / GLYPH_WIDTH;
  const rows = image.height / GLYPH_HEIGHT;
  const count = columns * rows;
  const chars = new Array<string>(count);
  const fg = new Uint32Array(count);
  const bg = new Uint32Array(count);
  let cursorCell = -1;
  let glyphCells = 0;
  for (let cell = 0; cell < count; cell++) {
    const x0 = (cell % columns) * GLYPH_WIDTH;
    const y0 = Math.floor(cell / columns) * GLYPH_HEIGHT;
    // The cell's colours, by how often they occur: the commoner is taken
    // as the background first (text is mostly background).
    const seen = new Map<number, number>();
    for (let y = 0; y < GLYPH_HEIGHT && seen.size <= 2; y++) {
      for (let x = 0; x < GLYPH_WIDTH; x++) {
        const c = pixel(image, x0 + x, y0 + y);
        seen.set(c, (seen.get(c) ?? 0) + 1);
      }
    }
    let found = false;
    if (seen.size === 1) {
      const only = seen.keys().next().value as number;
      chars[cell] = ' ';
      fg[cell] = only;
      bg[cell] = only;
      found = true;
    } else if (seen.size === 2) {
      const [a, b] = [...seen.entries()].sort((x, y) => y[1] - x[1]).map(([c]) => c);
      for (const [back, fore] of [[a, b], [b, a]]) {
        const key = cellBits(image, x0, y0, fore);
        let code = plain.get(key);
        if (code === undefined) {
          code = cursor.get(key);
          if (code !== undefined) cursorCell = cell;
        }
        if (code === undefined) continue;
        chars[cell] = code === 0 || code === 0xff ? ' ' : CP437_TO_UNICODE[code];
        fg[cell] = fore;
        bg[cell] = back;
        found = true;
        break;
      }
    }
    if (found) {
      glyphCells++;
    } else {
      chars[cell] = UPPER_HALF_BLOCK;
      fg[cell] = meanColor(image, x0, y0, GLYPH_HEIGHT / 2);
      bg[cell] = meanColor(image, x0, y0 + GLYPH_HEIGHT / 2, GLYPH_HEIGHT / 2);
    }
  }
  return { columns, rows, chars, fg, bg, cursorCell, glyphCells };
}

/** The grid as terminal output at (top, left), 24-bit colours, the cursor
 * cell underlined. */
export function encodeGlyphCells(grid: GlyphGrid, top = 1, left = 1): string {
  const rgb = (c: number) => `${c >>> 16};${(c >>> 8) & 0xff};${c & 0xff}`;
  const out: string[] = [];
  for (let row = 0; row < grid.rows; row++) {
    out.push(`${ESC}[${top + row};${left}H`);
    let last = '';
    for (let column = 0; column < grid.columns; column++) {
      const cell = row * grid.columns + column;
      const style = `${ESC}[0;${cell === grid.cursorCell ? '4;' : ''}38;2;${rgb(grid.fg[cell])};48;2;${rgb(grid.bg[cell])}m`;
      if (style !== last) {
        out.push(style);
        last = style;
      }
      out.push(grid.chars[cell]);
    }
    out.push(`${ESC}[0m`);
  }
  return out.join('');
}
