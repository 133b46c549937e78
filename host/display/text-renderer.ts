/**
 * Text mode to pixels, the way a VGA card's character generator does it:
 * each cell is an 8x16 glyph of its CP437 code, foreground = attribute bits
 * 3-0, background = bits 6-4 plus, unless the snapshot says bit 7 means
 * blink (the attribute controller's "blink enable", `blink: true`), bit 7
 * as the background's intensity. A snapshot is a still picture: blinking
 * characters and the cursor are drawn in their "on" phase, so a screenshot
 * is the same on every run.
 *
 * The cursor is an underline on the cell's scan lines 13-14 (the BIOS
 * default cursor shape for 16-line characters), in the cell's foreground.
 */
import { FONT_8X16, GLYPH_HEIGHT, GLYPH_WIDTH } from '../../kernel/drivers/font8x16';
import type { ScreenSnapshot } from '../../platform/screen';
import type { RgbaImage } from './rgba-image';

export type TextSnapshot = Extract<ScreenSnapshot, { kind: 'text' }>;

export const CURSOR_FIRST_LINE = 13;
export const CURSOR_LAST_LINE = 14;
const FG_MASK = 0x0f;
const BG_SHIFT = 4;
const BG_MASK_BLINK = 0x07;
const BG_MASK_BRIGHT = 0x0f;

/** The palette indexes (0-15) of a cell's foreground and background. */
export function cellColors(attribute: number, blink: boolean | undefined): [number, number] {
  return [attribute & FG_MASK, (attribute >> BG_SHIFT) & (blink === true ? BG_MASK_BLINK : BG_MASK_BRIGHT)];
}

export function renderText(screen: TextSnapshot): RgbaImage {
  const { columns, rows, cells, palette, cursor } = screen;
  if (cells.length < columns * rows) throw new Error(`text snapshot has ${cells.length} cells for ${columns}x${rows}`);
  if (palette.length < 48) throw new Error(`text snapshot palette has ${palette.length} bytes, expected 16 RGB triples`);
  const width = columns * GLYPH_WIDTH;
  const height = rows * GLYPH_HEIGHT;
  const rgba = new Uint8Array(width * height * 4);
  const bgMask = screen.blink === true ? BG_MASK_BLINK : BG_MASK_BRIGHT;
  const cursorOn = cursor.visible && cursor.column >= 0 && cursor.column < columns && cursor.row >= 0 && cursor.row < rows;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = cells[row * columns + column];
      const code = cell & 0xff;
      const attribute = cell >> 8;
      const fg = (attribute & FG_MASK) * 3;
      const bg = ((attribute >> BG_SHIFT) & bgMask) * 3;
      const underline = cursorOn && cursor.column === column && cursor.row === row;
      for (let line = 0; line < GLYPH_HEIGHT; line++) {
        let bits = FONT_8X16[code * GLYPH_HEIGHT + line];
        if (underline && line >= CURSOR_FIRST_LINE && line <= CURSOR_LAST_LINE) bits = 0xff;
        let p = ((row * GLYPH_HEIGHT + line) * width + column * GLYPH_WIDTH) * 4;
        for (let x = 0; x < GLYPH_WIDTH; x++, p += 4) {
          const c = bits & (0x80 >> x) ? fg : bg;
          rgba[p] = palette[c];
          rgba[p + 1] = palette[c + 1];
          rgba[p + 2] = palette[c + 2];
          rgba[p + 3] = 0xff;
        }
      }
    }
  }
  return { width, height, rgba };
}
