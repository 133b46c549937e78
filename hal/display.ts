/**
 * The screen: an 80x25-style text console and a 320x200 8-bit indexed
 * framebuffer with a 256-entry palette (VGA text / mode 13h on pc; the SPI
 * LCD on esp32c3, which draws text with a font and converts to RGB565).
 */
export const DISPLAY = Symbol.for('jos.hal.Display');

export type DisplayMode = 'text' | 'graphics';

export interface Display {
  init(): void;
  readonly textColumns: number;
  readonly textRows: number;
  readonly graphicsWidth: number;
  readonly graphicsHeight: number;

  /** Switches modes the way the hardware requires (register programming). */
  setMode(mode: DisplayMode): void;

  /** Text mode: puts a character cell (CP437 code, VGA attribute byte). */
  putCell(column: number, row: number, code: number, attribute: number): void;
  /** Text mode: putCell of each of `cells` (code | attribute << 8) in
   * turn, from (column, row) along the row: a run a driver may send as one
   * transfer. */
  putCells(column: number, row: number, cells: Uint16Array): void;
  setCursor(column: number, row: number): void;

  /** Graphics mode: 8-bit palette entries (r, g, b in 0..255). */
  setPalette(index: number, r: number, g: number, b: number): void;

  /** Graphics mode: copies a width*height indexed frame to the screen. */
  presentFrame(pixels: Uint8Array): void;
}
