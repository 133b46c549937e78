/**
 * An ST7789-class TFT controller on SPI (Sitronix ST7789V datasheet, section
 * 9 "Command"), mounted as a 320x240 landscape panel.
 *
 * The controller's frame memory is native portrait: 240 columns x 320 rows,
 * 18 bits per pixel. Bytes arrive over SPI with the D/C line (a GPIO) low
 * for a command and high for its parameters or pixel data. Modelled
 * commands: NOP, SWRESET, SLPIN/SLPOUT, INVOFF/INVON, DISPOFF/DISPON,
 * CASET/RASET (start and end, high byte first, inclusive), RAMWR and
 * RAMWRC (pixels fill the window along the column address, then the next
 * row, wrapping to the window start), MADCTL (MY 0x80, MX 0x40, MV 0x20,
 * BGR 0x08) and COLMOD (0x55 RGB565 in two bytes, high first; 0x66 RGB666
 * in three bytes, colour in the top 6 bits).
 *
 * Address mapping: the window's (column, row) counter is exchanged by MV,
 * then mirrored by MX (memory column 239 - x) and MY (memory row 319 - y).
 * The glass is turned a quarter so that with MADCTL = MV | MX (0x60) the
 * picture is upright: screen pixel (x, y) shows memory column 239 - y,
 * row x. The host reads it through snapshot() as a 320x240 RGBA image: black
 * while asleep or with the display off, colours inverted after INVON and
 * red/blue exchanged with BGR.
 */
import type { ScreenSnapshot, ScreenSource } from '../screen';
import type { SpiDevice } from './spi2';

export const ST7789_NOP = 0x00;
export const ST7789_SWRESET = 0x01;
export const ST7789_SLPIN = 0x10;
export const ST7789_SLPOUT = 0x11;
export const ST7789_INVOFF = 0x20;
export const ST7789_INVON = 0x21;
export const ST7789_DISPOFF = 0x28;
export const ST7789_DISPON = 0x29;
export const ST7789_CASET = 0x2a;
export const ST7789_RASET = 0x2b;
export const ST7789_RAMWR = 0x2c;
export const ST7789_MADCTL = 0x36;
export const ST7789_COLMOD = 0x3a;
export const ST7789_RAMWRC = 0x3c;

export const MADCTL_MY = 0x80;
export const MADCTL_MX = 0x40;
export const MADCTL_MV = 0x20;
export const MADCTL_BGR = 0x08;
export const COLMOD_RGB565 = 0x55;
export const COLMOD_RGB666 = 0x66;

/** Frame memory, native orientation. */
export const ST7789_COLUMNS = 240;
export const ST7789_ROWS = 320;
/** The screen as mounted (landscape). */
export const SCREEN_WIDTH = 320;
export const SCREEN_HEIGHT = 240;

const PARAMETER_COUNT: Record<number, number> = {
  [ST7789_CASET]: 4,
  [ST7789_RASET]: 4,
  [ST7789_MADCTL]: 1,
  [ST7789_COLMOD]: 1,
};

/** Typed arrays use the host's byte order. */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class St7789 implements SpiDevice, ScreenSource {
  /** The 18-bit pixels (r 17:12, g 11:6, b 5:0), each kept as it arrived:
   * an RGB666 one as its value with STORED_666 set; an RGB565 one as its
   * two wire bytes read as a host-order 16-bit word, the 18-bit value being
   * wireTable of it (pixel() derives it when the memory is read), so a
   * run of RGB565 pixels is stored by one copy. Column by column (index
   * column * ST7789_ROWS + row): a landscape (MV) window row is one
   * frame-memory column, so it lands in consecutive words, and the
   * landscape screen reads back row by row. */
  private readonly memory = new Uint32Array(ST7789_COLUMNS * ST7789_ROWS);
  private sleeping = true;
  private displayOn = false;
  private inverted = false;
  private madctl = 0;
  private colmod = COLMOD_RGB666;
  private xs = 0;
  private xe = ST7789_COLUMNS - 1;
  private ys = 0;
  private ye = ST7789_ROWS - 1;
  private x = 0;
  private y = 0;
  private command = -1;
  private readonly params: number[] = [];
  private writingPixels = false;
  private pixelBytes: number[] = [];
  private readonly unknown = new Set<number>();
  /** Commands received, for tests and traces. */
  commandsSeen = 0;

  /** `dataMode` reads the D/C line: true = data. */
  constructor(
    private readonly dataMode: () => boolean,
    private readonly log: (message: string) => void = () => {},
  ) {}

  select(): void {}
  deselect(): void {}

  transfer(bytes: Uint8Array): void {
    if (!this.dataMode()) {
      for (let i = 0; i < bytes.length; i++) this.beginCommand(bytes[i]);
      return;
    }
    if (this.writingPixels) {
      this.writePixels(bytes);
      return;
    }
    for (let i = 0; i < bytes.length; i++) this.parameter(bytes[i]);
  }

  snapshot(): ScreenSnapshot {
    const rgba = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT * 4);
    const visible = !this.sleeping && this.displayOn;
    if (!visible) {
      for (let o = 3; o < rgba.length; o += 4) rgba[o] = 255;
      return { kind: 'pixels', width: SCREEN_WIDTH, height: SCREEN_HEIGHT, rgba };
    }
    const swap = (this.madctl & MADCTL_BGR) !== 0;
    const invert = this.inverted ? 0xff : 0;
    const memory = this.memory;
    wireTo666();
    for (let y = 0; y < SCREEN_HEIGHT; y++) {
      // Screen row y is frame-memory column 239 - y, rows 0..319.
      const from = (ST7789_COLUMNS - 1 - y) * ST7789_ROWS;
      for (let x = 0, o = y * SCREEN_WIDTH * 4; x < SCREEN_WIDTH; x++, o += 4) {
        const p = pixel(memory[from + x]);
        const r = expand6((p >>> 12) & 0x3f);
        const g = expand6((p >>> 6) & 0x3f);
        const b = expand6(p & 0x3f);
        rgba[o] = (swap ? b : r) ^ invert;
        rgba[o + 1] = g ^ invert;
        rgba[o + 2] = (swap ? r : b) ^ invert;
        rgba[o + 3] = 255;
      }
    }
    return { kind: 'pixels', width: SCREEN_WIDTH, height: SCREEN_HEIGHT, rgba };
  }

  /** The 18-bit pixel at native (column, row) of the frame memory, for tests. */
  pixelAt(column: number, row: number): number {
    wireTo666();
    return pixel(this.memory[column * ST7789_ROWS + row]);
  }

  private beginCommand(code: number): void {
    this.commandsSeen++;
    this.command = code;
    this.params.length = 0;
    this.writingPixels = false;
    this.pixelBytes = [];
    switch (code) {
      case ST7789_NOP:
        break;
      case ST7789_SWRESET:
        this.reset();
        break;
      case ST7789_SLPIN:
        this.sleeping = true;
        break;
      case ST7789_SLPOUT:
        this.sleeping = false;
        break;
      case ST7789_INVOFF:
        this.inverted = false;
        break;
      case ST7789_INVON:
        this.inverted = true;
        break;
      case ST7789_DISPOFF:
        this.displayOn = false;
        break;
      case ST7789_DISPON:
        this.displayOn = true;
        break;
      case ST7789_RAMWR:
        this.x = this.xs;
        this.y = this.ys;
        this.writingPixels = true;
        break;
      case ST7789_RAMWRC:
        this.writingPixels = true;
        break;
      default:
        if (PARAMETER_COUNT[code] === undefined && !this.unknown.has(code)) {
          this.unknown.add(code);
          this.log(`st7789: command 0x${code.toString(16)} not modelled; ignored`);
        }
    }
  }

  private parameter(byte: number): void {
    const needed = PARAMETER_COUNT[this.command];
    if (needed === undefined) return;
    this.params.push(byte);
    if (this.params.length < needed) return;
    const p = this.params;
    switch (this.command) {
      case ST7789_CASET:
        this.xs = (p[0] << 8) | p[1];
        this.xe = (p[2] << 8) | p[3];
        break;
      case ST7789_RASET:
        this.ys = (p[0] << 8) | p[1];
        this.ye = (p[2] << 8) | p[3];
        break;
      case ST7789_MADCTL:
        this.madctl = p[0];
        break;
      case ST7789_COLMOD:
        this.colmod = p[0];
        break;
    }
    this.params.length = 0; // further bytes start a new parameter set
  }

  private writePixels(bytes: Uint8Array): void {
    const pending = this.pixelBytes;
    let i = 0;
    if (this.colmod === COLMOD_RGB565) {
      if (pending.length === 1 && bytes.length > 0) {
        this.storePixel((rgb565To666((pending[0] << 8) | bytes[0]) | STORED_666) >>> 0);
        pending.length = 0;
        i = 1;
      }
      i = this.writeRgb565Run(bytes, i);
      if (i < bytes.length) pending.push(bytes[i]);
      return;
    }
    for (; i < bytes.length; i++) {
      pending.push(bytes[i]);
      if (pending.length === 3) {
        this.storePixel((((pending[0] >>> 2) << 12) | ((pending[1] >>> 2) << 6) | (pending[2] >>> 2) | STORED_666) >>> 0);
        pending.length = 0;
      }
    }
  }

  /** The RGB565 fast path of storePixel for a run of whole pixels (a DMA
   * chunk): the address counter lives in locals. Returns the index after
   * the last whole pixel. */
  private writeRgb565Run(bytes: Uint8Array, start: number): number {
    const memory = this.memory;
    const mv = (this.madctl & MADCTL_MV) !== 0;
    const mx = (this.madctl & MADCTL_MX) !== 0;
    const my = (this.madctl & MADCTL_MY) !== 0;
    const { xs, xe, ys, ye } = this;
    let x = this.x;
    let y = this.y;
    let i = start;
    if (mv && mx && !my) {
      // Landscape (MV|MX, what JOS's driver sets): a window row is one
      // frame-memory column, consecutive words from row x on: a long run
      // (a frame's row) is one copy of its 16-bit words when aligned.
      const aligned = ((bytes.byteOffset + i) & 1) === 0;
      const first = i;
      let words: Uint16Array | null = null;
      while (i + 1 < bytes.length) {
        const column = ST7789_COLUMNS - 1 - y;
        const n = Math.min(Math.max(1, xe - x + 1), (bytes.length - i) >> 1);
        if (column >= 0 && column < ST7789_COLUMNS) {
          // Rows x .. x + n - 1, of which those inside the memory are stored.
          const lo = Math.max(0, -x);
          const hi = Math.min(n, ST7789_ROWS - x);
          const base = column * ST7789_ROWS + x;
          if (aligned && hi - lo >= COPY_RUN) {
            words ??= new Uint16Array(bytes.buffer, bytes.byteOffset + first, (bytes.length - first) >> 1);
            const w = (i - first) >> 1;
            memory.set(words.subarray(w + lo, w + hi), base + lo);
          } else {
            for (let k = lo; k < hi; k++) memory[base + k] = wireWord(bytes, i + 2 * k);
          }
        }
        i += 2 * n;
        x += n;
        if (x > xe) {
          x = xs;
          y = y < ye ? y + 1 : ys;
        }
      }
      this.x = x;
      this.y = y;
      return i;
    }
    for (; i + 1 < bytes.length; i += 2) {
      let column = mv ? y : x;
      let row = mv ? x : y;
      if (mx) column = ST7789_COLUMNS - 1 - column;
      if (my) row = ST7789_ROWS - 1 - row;
      if (column >= 0 && column < ST7789_COLUMNS && row >= 0 && row < ST7789_ROWS) {
        memory[column * ST7789_ROWS + row] = wireWord(bytes, i);
      }
      if (x < xe) {
        x++;
      } else {
        x = xs;
        y = y < ye ? y + 1 : ys;
      }
    }
    this.x = x;
    this.y = y;
    return i;
  }

  /** Stores a frame-memory word (see memory) at the address counter. */
  private storePixel(value: number): void {
    const mv = (this.madctl & MADCTL_MV) !== 0;
    let column = mv ? this.y : this.x;
    let row = mv ? this.x : this.y;
    if (this.madctl & MADCTL_MX) column = ST7789_COLUMNS - 1 - column;
    if (this.madctl & MADCTL_MY) row = ST7789_ROWS - 1 - row;
    if (column >= 0 && column < ST7789_COLUMNS && row >= 0 && row < ST7789_ROWS) {
      this.memory[column * ST7789_ROWS + row] = value;
    }
    if (this.x < this.xe) {
      this.x++;
    } else {
      this.x = this.xs;
      this.y = this.y < this.ye ? this.y + 1 : this.ys;
    }
  }

  /** SWRESET: the datasheet's reset values (frame memory is kept). */
  private reset(): void {
    this.sleeping = true;
    this.displayOn = false;
    this.inverted = false;
    this.madctl = 0;
    this.colmod = COLMOD_RGB666;
    this.xs = 0;
    this.xe = ST7789_COLUMNS - 1;
    this.ys = 0;
    this.ye = ST7789_ROWS - 1;
  }
}

function expand6(v: number): number {
  return (v << 2) | (v >>> 4);
}

/** Pixels from which a landscape run is copied rather than stored one by
 * one (a text cell's rows are 8, a frame's 320). */
const COPY_RUN = 64;

/** Marks a frame-memory word holding an 18-bit (RGB666) value. */
const STORED_666 = 0x8000_0000;

/** The 18-bit pixel a frame-memory word holds (after wireTo666()). */
function pixel(stored: number): number {
  return stored & STORED_666 ? stored & 0x3ffff : wireTable[stored];
}

/** rgb565To666 of every RGB565 pixel, indexed by its two wire bytes (high
 * byte first) read as one 16-bit word in the host's byte order. Built by
 * wireTo666() when the frame memory is first read (a screenshot, the
 * display): a run that never looks at the screen does not pay for its
 * 65,536 entries at start-up. */
let wireTable = new Uint32Array(0);

function wireTo666(): void {
  if (wireTable.length !== 0) return;
  const table = new Uint32Array(0x10000);
  for (let p = 0; p < 0x10000; p++) table[HOST_LITTLE_ENDIAN ? ((p & 0xff) << 8) | (p >>> 8) : p] = rgb565To666(p);
  wireTable = table;
}

/** The two wire bytes at `i` as wireTable indexes them. */
function wireWord(bytes: Uint8Array, i: number): number {
  return HOST_LITTLE_ENDIAN ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
}

function rgb565To666(p: number): number {
  const r5 = p >>> 11;
  const g6 = (p >>> 5) & 0x3f;
  const b5 = p & 0x1f;
  return (((r5 << 1) | (r5 >>> 4)) << 12) | (g6 << 6) | ((b5 << 1) | (b5 >>> 4));
}
