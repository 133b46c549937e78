/**
 * Pictures on a terminal: each character cell shows two pixels stacked,
 * as an upper half block '▀' whose foreground is the upper pixel and whose
 * background is the lower one, in 24-bit color (SGR 38;2 / 48;2). The
 * picture is shrunk to fit (area averaging, never enlarged), keeping its
 * aspect ratio: a cell is about twice as tall as wide, so a half cell is
 * about square.
 */
import type { RgbaImage } from './rgba-image';

export const UPPER_HALF_BLOCK = '\u2580';
const ESC = '\x1b';

/** The pixel grid (at most columns x 2*rows) a width x height picture shrinks to. */
export function fitSize(width: number, height: number, columns: number, rows: number): { width: number; height: number } {
  const scale = Math.min(1, columns / width, (2 * rows) / height);
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

/** Area-averaging downscale: each target pixel is the mean of the source
 * pixels it covers (at least one). */
export function downscale(image: RgbaImage, width: number, height: number): RgbaImage {
  if (width === image.width && height === image.height) return image;
  const rgba = new Uint8Array(width * height * 4);
  const src = image.rgba;
  for (let ty = 0; ty < height; ty++) {
    const y0 = Math.floor((ty * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * image.height) / height));
    for (let tx = 0; tx < width; tx++) {
      const x0 = Math.floor((tx * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * image.width) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const p = (y * image.width + x) * 4;
          r += src[p];
          g += src[p + 1];
          b += src[p + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const q = (ty * width + tx) * 4;
      rgba[q] = Math.round(r / n);
      rgba[q + 1] = Math.round(g / n);
      rgba[q + 2] = Math.round(b / n);
      rgba[q + 3] = 0xff;
    }
  }
  return { width, height, rgba };
}

/**
 * The escape sequences that draw `image` with its top-left corner at
 * terminal cell (top, left), both 1-based. A color is sent only when it
 * changes (both in one SGR when both do); an odd last pixel row gets a black lower half. Given the image
 * drawn there last time (`previous`, the same size), only the cells whose
 * two pixels changed are drawn, each run of them after a cursor move: a
 * game's next frame often leaves much of the screen as it was, and the
 * terminal then reads a fraction of the bytes.
 */
export function encodeHalfBlocks(image: RgbaImage, top = 1, left = 1, previous: RgbaImage | null = null): string {
  const out: string[] = [];
  const { width, height, rgba } = image;
  const old = previous && previous.width === width && previous.height === height ? previous.rgba : null;
  for (let y = 0; y < height; y += 2) {
    let fg = -1;
    let bg = -1;
    let placed = false; // the cursor is at cell x (after the last drawn cell)
    let drawn = false;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      const upper = (rgba[p] << 16) | (rgba[p + 1] << 8) | rgba[p + 2];
      const q = p + width * 4;
      const hasLower = y + 1 < height;
      const lower = hasLower ? (rgba[q] << 16) | (rgba[q + 1] << 8) | rgba[q + 2] : 0;
      if (old !== null) {
        const oldUpper = (old[p] << 16) | (old[p + 1] << 8) | old[p + 2];
        const oldLower = hasLower ? (old[q] << 16) | (old[q + 1] << 8) | old[q + 2] : 0;
        if (upper === oldUpper && lower === oldLower) {
          placed = false;
          continue;
        }
      }
      if (!placed) {
        out.push(`${ESC}[${top + y / 2};${left + x}H`);
        placed = true;
      }
      // Both colours in one SGR when both change (the usual case in a
      // game's picture): 5 bytes a cell fewer than two sequences.
      if (upper !== fg && lower !== bg) {
        out.push(`${ESC}[38;2;${upper >> 16};${(upper >> 8) & 0xff};${upper & 0xff};48;2;${lower >> 16};${(lower >> 8) & 0xff};${lower & 0xff}m`);
      } else if (upper !== fg) {
        out.push(`${ESC}[38;2;${upper >> 16};${(upper >> 8) & 0xff};${upper & 0xff}m`);
      } else if (lower !== bg) {
        out.push(`${ESC}[48;2;${lower >> 16};${(lower >> 8) & 0xff};${lower & 0xff}m`);
      }
      fg = upper;
      bg = lower;
      out.push(UPPER_HALF_BLOCK);
      drawn = true;
    }
    if (drawn) out.push(`${ESC}[0m`);
  }
  return out.join('');
}
