/**
 * What the VGA's CRT controller would scan out now, as a ScreenSnapshot
 * (platform/screen.ts). The geometry comes from the registers, not from a
 * mode number: a program that programs the registers itself gets what it
 * programmed.
 *
 *   text (GC misc bit 0 clear): columns = CR01 + 1, rows = vertical display
 *     end / (CR09 max scan line + 1); cell n at plane offset
 *     2 * (start address + n) (word mode), character in plane 0, attribute
 *     in plane 1; colours through the attribute palette and the DAC.
 *   256-colour (attribute mode control bit 6): width = (CR01 + 1) * 4,
 *     height = vertical display end / scan-line repeats; pixels are bytes of
 *     the interleaved memory from start address * 4, CR13 * 8 bytes a line
 *     (the doubleword/chain-4 layout), through the pixel mask and the DAC.
 *   16-colour planar: width = (CR01 + 1) * 8, one bit per plane per pixel,
 *     CR13 * 2 bytes a line, through colour plane enable, the attribute
 *     palette and the DAC.
 *
 * The screen is black when the sequencer's screen-off bit is set or the
 * attribute controller's PAS bit is clear (palette being programmed).
 */
import { ScreenSnapshot } from '../screen';
import type { Vga } from './vga';

const CR_HDISPLAY_END = 0x01;
const CR_OVERFLOW = 0x07;
const CR_MAX_SCAN = 0x09;
const CR_CURSOR_START = 0x0a;
const CR_CURSOR_END = 0x0b;
const CR_START_HIGH = 0x0c;
const CR_START_LOW = 0x0d;
const CR_CURSOR_HIGH = 0x0e;
const CR_CURSOR_LOW = 0x0f;
const CR_VDISPLAY_END = 0x12;
const CR_OFFSET = 0x13;
const CURSOR_DISABLE = 0x20;
const SEQ_CLOCKING = 1;
const SEQ_SCREEN_OFF = 0x20;
const GC_MISC = 6;
const GC_GRAPHICS = 0x01;
const AC_MODE = 0x10;
const AC_MODE_BLINK = 0x08;
const AC_MODE_8BIT = 0x40;
const AC_MODE_P54S = 0x80;
const AC_PLANE_ENABLE = 0x12;
const AC_COLOR_SELECT = 0x14;

function displayLines(vga: Vga): number {
  const c = vga.crtc;
  const ov = c[CR_OVERFLOW];
  const lines = c[CR_VDISPLAY_END] + ((ov & 0x02) << 7) + ((ov & 0x40) << 3) + 1;
  return c[CR_MAX_SCAN] & 0x80 ? lines >> 1 : lines; // double scan
}

function startAddress(vga: Vga): number {
  return (vga.crtc[CR_START_HIGH] << 8) | vga.crtc[CR_START_LOW];
}

/** 6-bit DAC component -> 8 bits, full scale to full scale. */
function expand(v: number): number {
  return ((v << 2) | (v >> 4)) & 0xff;
}

/** The DAC index an attribute-controller colour (0-15) selects. */
function attributeToDac(vga: Vga, color: number): number {
  const ac = vga.ac;
  const palette = ac[color & 0x0f] & 0x3f;
  const select = ac[AC_COLOR_SELECT];
  const high = (select & 0x0c) << 4; // bits 7:6 of the DAC index
  if (ac[AC_MODE] & AC_MODE_P54S) return high | ((select & 0x03) << 4) | (palette & 0x0f);
  return high | palette;
}

export function renderSnapshot(vga: Vga): ScreenSnapshot {
  const blank = (vga.seq[SEQ_CLOCKING] & SEQ_SCREEN_OFF) !== 0 || !vga.paletteEnabled;
  if (!(vga.gc[GC_MISC] & GC_GRAPHICS)) return renderText(vga, blank);
  if (vga.ac[AC_MODE] & AC_MODE_8BIT) return render256(vga, blank);
  return renderPlanar(vga, blank);
}

function renderText(vga: Vga, blank: boolean): ScreenSnapshot {
  const c = vga.crtc;
  const columns = c[CR_HDISPLAY_END] + 1;
  const rows = Math.max(1, Math.floor(displayLines(vga) / ((c[CR_MAX_SCAN] & 0x1f) + 1)));
  const cells = new Uint16Array(columns * rows);
  const start = startAddress(vga);
  if (!blank) {
    for (let n = 0; n < cells.length; n++) {
      const base = (((start + n) * 2) & 0xffff) * 4;
      cells[n] = vga.vram[base] | (vga.vram[base + 1] << 8);
    }
  }
  const palette = new Uint8Array(48);
  for (let i = 0; i < 16; i++) {
    const d = attributeToDac(vga, i) * 3;
    palette[i * 3] = expand(vga.dac[d]);
    palette[i * 3 + 1] = expand(vga.dac[d + 1]);
    palette[i * 3 + 2] = expand(vga.dac[d + 2]);
  }
  const location = ((c[CR_CURSOR_HIGH] << 8) | c[CR_CURSOR_LOW]) - start;
  const cursorStart = c[CR_CURSOR_START] & 0x1f;
  const cursorEnd = c[CR_CURSOR_END] & 0x1f;
  // The VGA draws no cursor when it is disabled or its start is below its end line.
  const visible = !blank && !(c[CR_CURSOR_START] & CURSOR_DISABLE) && cursorStart <= cursorEnd && location >= 0 && location < columns * rows;
  return {
    kind: 'text',
    columns,
    rows,
    cells,
    cursor: {
      column: location >= 0 ? location % columns : 0,
      row: location >= 0 ? Math.floor(location / columns) : 0,
      visible,
    },
    palette,
    blink: (vga.ac[AC_MODE] & AC_MODE_BLINK) !== 0,
  };
}

function fillRgba(vga: Vga, width: number, height: number, blank: boolean, dacIndexAt: (x: number, y: number) => number): ScreenSnapshot {
  const rgba = new Uint8Array(width * height * 4);
  // Convert the DAC once: 256 entries of 8-bit r, g, b.
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 768; i++) lut[i] = expand(vga.dac[i]);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = blank ? 0 : dacIndexAt(x, y) * 3;
      rgba[o] = blank ? 0 : lut[d];
      rgba[o + 1] = blank ? 0 : lut[d + 1];
      rgba[o + 2] = blank ? 0 : lut[d + 2];
      rgba[o + 3] = 255;
      o += 4;
    }
  }
  return { kind: 'pixels', width, height, rgba };
}

function render256(vga: Vga, blank: boolean): ScreenSnapshot {
  const c = vga.crtc;
  const width = (c[CR_HDISPLAY_END] + 1) * 4;
  const height = Math.max(1, Math.floor(displayLines(vga) / ((c[CR_MAX_SCAN] & 0x1f) + 1)));
  const start = startAddress(vga) * 4;
  const lineBytes = c[CR_OFFSET] * 8;
  const vram = vga.vram;
  const mask = vga.pelMask;
  return fillRgba(vga, width, height, blank, (x, y) => vram[(start + y * lineBytes + x) % vram.length] & mask);
}

function renderPlanar(vga: Vga, blank: boolean): ScreenSnapshot {
  const c = vga.crtc;
  const width = (c[CR_HDISPLAY_END] + 1) * 8;
  const height = Math.max(1, Math.floor(displayLines(vga) / ((c[CR_MAX_SCAN] & 0x1f) + 1)));
  const start = startAddress(vga);
  const lineBytes = c[CR_OFFSET] * 2;
  const enable = vga.ac[AC_PLANE_ENABLE] & 0x0f;
  const vram = vga.vram;
  const dacOf = new Uint8Array(16);
  for (let i = 0; i < 16; i++) dacOf[i] = attributeToDac(vga, i) & vga.pelMask;
  return fillRgba(vga, width, height, blank, (x, y) => {
    const base = (((start + y * lineBytes + (x >> 3)) & 0xffff) * 4) | 0;
    const bit = 7 - (x & 7);
    let color = 0;
    for (let p = 0; p < 4; p++) color |= ((vram[base + p] >> bit) & 1) << p;
    return dacOf[color & enable];
  });
}
