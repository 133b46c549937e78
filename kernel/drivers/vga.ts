/**
 * Display driver for the VGA through port I/O and its memory window: mode 3
 * text (80x25 cells at 0xB8000) and mode 13h (320x200x8 at 0xA0000),
 * switched by programming every register as a BIOS would (FreeVGA, "VGA
 * Programming"): misc output, the sequencer under synchronous reset, the
 * CRTC after lifting its write protection, the graphics controller, then
 * the attribute controller through its flip-flop (reset by reading input
 * status 1) and finally PAS to turn the display back on.
 */
import type { Display, DisplayMode } from '../../hal/display';
import type { Mmio, PortIo } from '../../hal/io';
import { VGA_MODE_13H, VGA_MODE_TEXT_80X25, VgaModeRegisters, egaColor } from './vga-modes';

const AC_INDEX = 0x3c0;
const MISC_WRITE = 0x3c2;
const SEQ_INDEX = 0x3c4;
const SEQ_DATA = 0x3c5;
const DAC_PEL_MASK = 0x3c6;
const DAC_WRITE_INDEX = 0x3c8;
const DAC_DATA = 0x3c9;
const GC_INDEX = 0x3ce;
const GC_DATA = 0x3cf;
const CRTC_INDEX = 0x3d4;
const CRTC_DATA = 0x3d5;
const INPUT_STATUS1 = 0x3da;

const SEQ_RESET = 0x00;
const SEQ_RESET_SYNC = 0x01;
const SEQ_RESET_RUN = 0x03;
const CRTC_HBLANK_END = 0x03;
const CRTC_VRETRACE_END = 0x11;
const CRTC_CURSOR_START = 0x0a;
const CRTC_CURSOR_END = 0x0b;
const CRTC_CURSOR_HIGH = 0x0e;
const CRTC_CURSOR_LOW = 0x0f;
const CRTC_PROTECT = 0x80;
const CRTC_HBLANK_END_BIT7 = 0x80; // must be 1 on a VGA
const AC_PAS = 0x20;

const TEXT_BUFFER = 0xb_8000;
const GRAPHICS_BUFFER = 0xa_0000;
const TEXT_COLUMNS = 80;
const TEXT_ROWS = 25;
const WIDTH = 320;
const HEIGHT = 200;
const BLANK_CELL = 0x0720; // space, light grey on black
const CURSOR_SCANLINES = [0x0d, 0x0e];

export class VgaDisplay implements Display {
  readonly textColumns = TEXT_COLUMNS;
  readonly textRows = TEXT_ROWS;
  readonly graphicsWidth = WIDTH;
  readonly graphicsHeight = HEIGHT;
  private mode: DisplayMode = 'text';

  constructor(
    private readonly io: PortIo,
    private readonly mmio: Mmio,
  ) {}

  get currentMode(): DisplayMode {
    return this.mode;
  }

  init(): void {
    this.setMode('text');
  }

  setMode(mode: DisplayMode): void {
    this.mode = mode;
    if (mode === 'text') {
      this.program(VGA_MODE_TEXT_80X25);
      this.loadTextPalette();
      this.setCursorShape(CURSOR_SCANLINES[0], CURSOR_SCANLINES[1]);
      for (let i = 0; i < TEXT_COLUMNS * TEXT_ROWS; i++) this.mmio.write16(TEXT_BUFFER + i * 2, BLANK_CELL);
      this.setCursor(0, 0);
    } else {
      this.program(VGA_MODE_13H);
      this.loadGraphicsPalette();
      for (let i = 0; i < WIDTH * HEIGHT; i += 4) this.mmio.write32(GRAPHICS_BUFFER + i, 0);
    }
  }

  putCell(column: number, row: number, code: number, attribute: number): void {
    if (this.mode !== 'text' || column < 0 || row < 0 || column >= TEXT_COLUMNS || row >= TEXT_ROWS) return;
    this.mmio.write16(TEXT_BUFFER + (row * TEXT_COLUMNS + column) * 2, (code & 0xff) | ((attribute & 0xff) << 8));
  }

  putCells(column: number, row: number, cells: Uint16Array): void {
    for (let i = 0; i < cells.length; i++) this.putCell(column + i, row, cells[i] & 0xff, cells[i] >>> 8);
  }

  setCursor(column: number, row: number): void {
    const position = row * TEXT_COLUMNS + column;
    this.crtcWrite(CRTC_CURSOR_HIGH, (position >> 8) & 0xff);
    this.crtcWrite(CRTC_CURSOR_LOW, position & 0xff);
  }

  /** Cursor scan lines within the 16-line cell; start > 15 hides it. */
  setCursorShape(start: number, end: number): void {
    this.crtcWrite(CRTC_CURSOR_START, start & 0x3f);
    this.crtcWrite(CRTC_CURSOR_END, end & 0x1f);
  }

  setPalette(index: number, r: number, g: number, b: number): void {
    this.io.out8(DAC_WRITE_INDEX, index & 0xff);
    this.io.out8(DAC_DATA, r >> 2); // the DAC takes 6 bits per component
    this.io.out8(DAC_DATA, g >> 2);
    this.io.out8(DAC_DATA, b >> 2);
  }

  presentFrame(pixels: Uint8Array): void {
    if (this.mode !== 'graphics') return;
    const count = Math.min(pixels.length, WIDTH * HEIGHT) & ~3;
    this.mmio.write32Copy(GRAPHICS_BUFFER, pixels.subarray(0, count));
  }

  private program(m: VgaModeRegisters): void {
    this.io.out8(MISC_WRITE, m.misc);
    this.seqWrite(SEQ_RESET, SEQ_RESET_SYNC);
    for (let i = 1; i < m.sequencer.length; i++) this.seqWrite(i, m.sequencer[i]);
    this.seqWrite(SEQ_RESET, SEQ_RESET_RUN);
    // Lift the CRTC's write protection of registers 0-7 first.
    this.crtcWrite(CRTC_HBLANK_END, this.crtcRead(CRTC_HBLANK_END) | CRTC_HBLANK_END_BIT7);
    this.crtcWrite(CRTC_VRETRACE_END, this.crtcRead(CRTC_VRETRACE_END) & ~CRTC_PROTECT);
    for (let i = 0; i < m.crtc.length; i++) {
      let value = m.crtc[i];
      if (i === CRTC_HBLANK_END) value |= CRTC_HBLANK_END_BIT7;
      if (i === CRTC_VRETRACE_END) value &= ~CRTC_PROTECT;
      this.crtcWrite(i, value);
    }
    for (let i = 0; i < m.graphics.length; i++) {
      this.io.out8(GC_INDEX, i);
      this.io.out8(GC_DATA, m.graphics[i]);
    }
    this.io.in8(INPUT_STATUS1); // attribute flip-flop to "index"
    for (let i = 0; i < m.attribute.length; i++) {
      this.io.out8(AC_INDEX, i);
      this.io.out8(AC_INDEX, m.attribute[i]);
    }
    this.io.in8(INPUT_STATUS1);
    this.io.out8(AC_INDEX, AC_PAS); // palette done: display on
  }

  /** DAC 0-63 = the EGA palette the text attribute registers index. */
  private loadTextPalette(): void {
    this.io.out8(DAC_PEL_MASK, 0xff);
    this.io.out8(DAC_WRITE_INDEX, 0);
    for (let i = 0; i < 64; i++) for (const c of egaColor(i)) this.io.out8(DAC_DATA, c);
  }

  /** JOS's default 256-colour palette: the 16 CGA colours, a 16-step grey
   * ramp, then a 6x6x6 colour cube; programs load their own. */
  private loadGraphicsPalette(): void {
    const cga = [0, 1, 2, 3, 4, 5, 0x14, 7, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f];
    this.io.out8(DAC_PEL_MASK, 0xff);
    this.io.out8(DAC_WRITE_INDEX, 0);
    for (let i = 0; i < 256; i++) {
      let rgb: [number, number, number];
      if (i < 16) rgb = egaColor(cga[i]);
      else if (i < 32) {
        const v = Math.round(((i - 16) * 63) / 15);
        rgb = [v, v, v];
      } else if (i < 32 + 216) {
        const n = i - 32;
        const level = (k: number) => Math.round((k * 63) / 5);
        rgb = [level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6)];
      } else rgb = [0, 0, 0];
      for (const c of rgb) this.io.out8(DAC_DATA, c);
    }
  }

  private seqWrite(index: number, value: number): void {
    this.io.out8(SEQ_INDEX, index);
    this.io.out8(SEQ_DATA, value);
  }

  private crtcWrite(index: number, value: number): void {
    this.io.out8(CRTC_INDEX, index);
    this.io.out8(CRTC_DATA, value);
  }

  private crtcRead(index: number): number {
    this.io.out8(CRTC_INDEX, index);
    return this.io.in8(CRTC_DATA);
  }
}
