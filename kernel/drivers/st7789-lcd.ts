/**
 * Display driver for the esp32c3 board's ST7789 LCD (320x240 landscape,
 * RGB565), offering the same Display HAL as VGA:
 *  - text mode: a 40x15 console of CP437 cells with VGA attributes, drawn
 *    with JOS's 8x16 font; a run of cells of one row (putCells: a scroll
 *    redraws whole rows) goes to its 8n x 16 window by one DMA transfer
 *    from the frame buffer, unused in text mode; the cursor is an underline;
 *  - graphics mode: a 320x200 8-bit indexed frame, converted through the
 *    256-entry palette to RGB565 (high byte first, as the panel takes it)
 *    in a DMA buffer and sent as one transfer, letterboxed on rows 20..219.
 * The DMA buffers are internal SRAM, which the kernel fills through its
 * view of RAM (PhysicalMemory), as a C driver would with stores or memcpy:
 * they are memory, not device registers, so no register access is charged
 * for them; the SPI and GDMA registers go through Mmio.
 * Init follows the panel's usual sequence (ST7789V datasheet, "Power On
 * Sequence"): SWRESET, SLPOUT, COLMOD 0x55, MADCTL MV|MX (landscape on
 * this board's mounting), DISPON.
 */
import type { Display, DisplayMode } from '../../hal/display';
import type { Mmio } from '../../hal/io';
import type { PhysicalMemory } from '../../hal/physical-memory';
import { FONT_8X16, GLYPH_HEIGHT, GLYPH_WIDTH } from './font8x16';
import { LcdLinkConfig, St7789Link } from './st7789-link';

/** Typed arrays use the host's byte order. */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SWRESET = 0x01;
const SLPOUT = 0x11;
const DISPON = 0x29;
const MADCTL = 0x36;
const COLMOD = 0x3a;
const MADCTL_MX = 0x40;
const MADCTL_MV = 0x20;
const COLMOD_RGB565 = 0x55;

const SCREEN_WIDTH = 320;
const SCREEN_HEIGHT = 240;
const FRAME_WIDTH = 320;
const FRAME_HEIGHT = 200;
const FRAME_TOP = (SCREEN_HEIGHT - FRAME_HEIGHT) / 2;
const CELL_BYTES = GLYPH_WIDTH * GLYPH_HEIGHT * 2;
const BLANK = 0x0720; // space, light grey on black
const CURSOR_ROWS = 2;
const CURSOR_DRAWN = 0x10000;

/** The VGA text palette (attribute colours 0..15) as RGB. */
const VGA_COLOURS = [
  0x000000, 0x0000aa, 0x00aa00, 0x00aaaa, 0xaa0000, 0xaa00aa, 0xaa5500, 0xaaaaaa,
  0x555555, 0x5555ff, 0x55ff55, 0x55ffff, 0xff5555, 0xff55ff, 0xffff55, 0xffffff,
];

export interface LcdConfig extends LcdLinkConfig {
  /** DMA-capable SRAM: a zeroed fill buffer, and a 320x200x2-byte frame
   * buffer (in text mode, a row's run of cells). */
  readonly fillBuffer: number;
  readonly fillBytes: number;
  readonly frameBuffer: number;
}

/** Bytes of DMA memory LcdConfig's buffers need beyond the descriptors. */
export const LCD_FRAME_BYTES = FRAME_WIDTH * FRAME_HEIGHT * 2;

export class St7789Display implements Display {
  readonly textColumns = SCREEN_WIDTH / GLYPH_WIDTH;
  readonly textRows = SCREEN_HEIGHT / GLYPH_HEIGHT;
  readonly graphicsWidth = FRAME_WIDTH;
  readonly graphicsHeight = FRAME_HEIGHT;
  private readonly link: St7789Link;
  private readonly cells: Uint16Array;
  /** What each cell on the glass shows (cell | CURSOR_DRAWN), so that an
   * unchanged cell is not sent again (a scroll rewrites every cell). */
  private readonly drawn: Int32Array;
  private readonly palette565 = new Uint16Array(256);
  /** The palette as the wire takes each pixel (high byte, then low byte),
   * as a 16-bit word in the host's byte order, in the low half of each
   * entry, and (paletteWireHigh) in the high half: two pixels are one
   * 32-bit store. */
  private readonly paletteWire = new Uint32Array(256);
  private readonly paletteWireHigh = new Uint32Array(256);
  /** A frame converted, before it is copied to the DMA buffer. */
  private readonly frameBytes = new Uint8Array(LCD_FRAME_BYTES);
  private readonly framePairs = new Uint32Array(this.frameBytes.buffer);
  /** A run of text cells drawn, before it is copied to the DMA buffer. */
  private readonly runBytes = new Uint8Array((SCREEN_WIDTH / GLYPH_WIDTH) * CELL_BYTES);
  /** The same, four bytes (two pixels on the wire) a word. */
  private readonly runWords = new Uint32Array(this.runBytes.buffer);
  /** Per text attribute (made when first drawn, see nibbleWords): the two
   * words on the wire of each 4-pixel half of a glyph row, indexed by
   * attribute * 32 + nibble * 2. */
  private readonly nibbleTable = new Uint32Array(256 * 32);
  private readonly nibbleReady = new Uint8Array(256);
  private readonly textPalette = VGA_COLOURS.map(rgb565);
  private mode: DisplayMode = 'text';
  private cursorColumn = 0;
  private cursorRow = 0;

  constructor(
    mmio: Mmio,
    private readonly memory: PhysicalMemory,
    private readonly config: LcdConfig,
  ) {
    this.link = new St7789Link(mmio, config);
    this.cells = new Uint16Array(this.textColumns * this.textRows).fill(BLANK);
    this.drawn = new Int32Array(this.cells.length).fill(-1);
    for (let i = 0; i < 16; i++) this.storePaletteEntry(i, this.textPalette[i]);
  }

  init(): void {
    this.link.init();
    this.memory.fill(this.config.fillBuffer, this.config.fillBytes, 0);
    this.link.command(SWRESET);
    this.link.command(SLPOUT);
    this.link.command(COLMOD, [COLMOD_RGB565]);
    this.link.command(MADCTL, [MADCTL_MV | MADCTL_MX]);
    this.link.command(DISPON);
    this.setMode('text');
  }

  setMode(mode: DisplayMode): void {
    this.mode = mode;
    this.clearScreen();
    // A blank cell is all background: black, as the cleared glass is.
    this.drawn.fill(BLANK);
    if (mode === 'text') {
      this.cells.fill(BLANK);
      this.cursorColumn = 0;
      this.cursorRow = 0;
      this.drawCell(0, 0);
    }
  }

  putCell(column: number, row: number, code: number, attribute: number): void {
    if (!this.inText(column, row)) return;
    this.cells[row * this.textColumns + column] = ((attribute & 0xff) << 8) | (code & 0xff);
    if (this.mode === 'text') this.drawCell(column, row);
  }

  putCells(column: number, row: number, cells: Uint16Array): void {
    if (row < 0 || row >= this.textRows) return;
    const from = Math.max(0, column);
    const to = Math.min(this.textColumns, column + cells.length);
    for (let c = from; c < to; c++) this.cells[row * this.textColumns + c] = cells[c - column];
    if (this.mode === 'text' && from < to) this.drawRow(row, from, to);
  }

  setCursor(column: number, row: number): void {
    const oldColumn = this.cursorColumn;
    const oldRow = this.cursorRow;
    this.cursorColumn = column;
    this.cursorRow = row;
    if (this.mode !== 'text') return;
    if (this.inText(oldColumn, oldRow)) this.drawCell(oldColumn, oldRow);
    if (this.inText(column, row)) this.drawCell(column, row);
  }

  setPalette(index: number, r: number, g: number, b: number): void {
    if (index < 0 || index > 255) return;
    this.storePaletteEntry(index, rgb565(((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff)));
  }

  private storePaletteEntry(index: number, colour: number): void {
    this.palette565[index] = colour;
    const wire = HOST_LITTLE_ENDIAN ? ((colour & 0xff) << 8) | (colour >>> 8) : colour;
    // The first pixel of a pair is the low half of its 32-bit word on a
    // little-endian host, the high half on a big-endian one.
    this.paletteWire[index] = HOST_LITTLE_ENDIAN ? wire : wire << 16;
    this.paletteWireHigh[index] = (HOST_LITTLE_ENDIAN ? wire << 16 : wire) >>> 0;
  }

  presentFrame(pixels: Uint8Array): void {
    if (this.mode !== 'graphics') return;
    if (pixels.length < FRAME_WIDTH * FRAME_HEIGHT) throw new RangeError(`a frame is ${FRAME_WIDTH}x${FRAME_HEIGHT} bytes`);
    const first = this.paletteWire;
    const second = this.paletteWireHigh;
    const out = this.framePairs;
    for (let i = 0, j = 0; j < (FRAME_WIDTH * FRAME_HEIGHT) / 2; i += 2, j++) out[j] = first[pixels[i]] | second[pixels[i + 1]];
    const base = this.config.frameBuffer;
    this.memory.write(base, this.frameBytes);
    this.link.openWindow(0, FRAME_TOP, FRAME_WIDTH - 1, FRAME_TOP + FRAME_HEIGHT - 1);
    this.link.sendPixels(base, LCD_FRAME_BYTES);
  }

  private inText(column: number, row: number): boolean {
    return column >= 0 && column < this.textColumns && row >= 0 && row < this.textRows;
  }

  private clearScreen(): void {
    this.link.openWindow(0, 0, SCREEN_WIDTH - 1, SCREEN_HEIGHT - 1);
    this.link.sendPixels(this.config.fillBuffer, SCREEN_WIDTH * SCREEN_HEIGHT * 2, this.config.fillBytes);
  }

  private drawCell(column: number, row: number): void {
    this.drawRow(row, column, column + 1);
  }

  /** Draws the cells of `row` in columns [from, to) that the glass does
   * not show yet, each run of them by one window and one DMA transfer. */
  private drawRow(row: number, from: number, to: number): void {
    const columns = this.textColumns;
    for (let column = from; column < to; ) {
      if (this.drawn[row * columns + column] === this.shownCell(column, row)) {
        column++;
        continue;
      }
      let end = column + 1;
      while (end < to && this.drawn[row * columns + end] !== this.shownCell(end, row)) end++;
      this.drawRun(row, column, end);
      column = end;
    }
  }

  /** The cell as it should look: cell | CURSOR_DRAWN under the cursor. */
  private shownCell(column: number, row: number): number {
    const cursor = column === this.cursorColumn && row === this.cursorRow;
    return this.cells[row * this.textColumns + column] | (cursor ? CURSOR_DRAWN : 0);
  }

  /** Sends the cells of `row` in columns [from, to) as one 8n x 16 window. */
  private drawRun(row: number, from: number, to: number): void {
    const out = this.runWords;
    const table = this.nibbleTable;
    // A glyph row is 8 pixels, 16 bytes on the wire: 4 words; a row of
    // the run is (to - from) of them.
    const stride = (to - from) * (GLYPH_WIDTH / 2);
    for (let column = from; column < to; column++) {
      const shown = this.shownCell(column, row);
      this.drawn[row * this.textColumns + column] = shown;
      const glyph = (shown & 0xff) * GLYPH_HEIGHT;
      const words = this.nibbleWords((shown >>> 8) & 0xff);
      const cursor = (shown & CURSOR_DRAWN) !== 0;
      for (let y = 0, o = (column - from) * (GLYPH_WIDTH / 2); y < GLYPH_HEIGHT; y++, o += stride) {
        const bits = cursor && y >= GLYPH_HEIGHT - CURSOR_ROWS ? 0xff : FONT_8X16[glyph + y];
        const left = words + (bits >>> 4) * 2;
        const right = words + (bits & 0xf) * 2;
        out[o] = table[left];
        out[o + 1] = table[left + 1];
        out[o + 2] = table[right];
        out[o + 3] = table[right + 1];
      }
    }
    const bytes = (to - from) * CELL_BYTES;
    const at = this.config.frameBuffer;
    this.memory.write(at, this.runBytes.subarray(0, bytes));
    const y0 = row * GLYPH_HEIGHT;
    this.link.openWindow(from * GLYPH_WIDTH, y0, to * GLYPH_WIDTH - 1, y0 + GLYPH_HEIGHT - 1);
    this.link.sendPixels(at, bytes);
  }

  /** Where `attribute`'s words start in nibbleTable: for each 4-pixel
   * pattern (bit 3 the leftmost pixel) the foreground and background
   * pixels as the wire takes them (high byte first), two to a word. */
  private nibbleWords(attribute: number): number {
    const at = attribute * 32;
    if (this.nibbleReady[attribute]) return at;
    const fg = wireOrder(this.textPalette[attribute & 0xf]);
    const bg = wireOrder(this.textPalette[(attribute >>> 4) & 0xf]);
    for (let nibble = 0; nibble < 16; nibble++) {
      for (let pair = 0; pair < 2; pair++) {
        const first = nibble & (8 >>> (pair * 2)) ? fg : bg;
        const second = nibble & (4 >>> (pair * 2)) ? fg : bg;
        // The first pixel of a pair is the low half of its word on a
        // little-endian host, the high half on a big-endian one.
        this.nibbleTable[at + nibble * 2 + pair] = (HOST_LITTLE_ENDIAN ? first | (second << 16) : (first << 16) | second) >>> 0;
      }
    }
    this.nibbleReady[attribute] = 1;
    return at;
  }
}

/** An RGB565 colour as a host-order 16-bit word whose bytes are the
 * wire's (high byte first). */
function wireOrder(colour: number): number {
  return HOST_LITTLE_ENDIAN ? ((colour & 0xff) << 8) | (colour >>> 8) : colour;
}

function rgb565(rgb: number): number {
  const r = (rgb >>> 16) & 0xff;
  const g = (rgb >>> 8) & 0xff;
  const b = rgb & 0xff;
  return ((r >>> 3) << 11) | ((g >>> 2) << 5) | (b >>> 3);
}
