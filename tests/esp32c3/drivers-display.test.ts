import { DISPLAY, Display } from '../../hal/display';
import { FONT_8X16 } from '../../kernel/drivers/font8x16';
import type { PixelScreenSnapshot } from '../../platform/screen';
import { esp32c3 } from './board-harness';

function setup() {
  const b = esp32c3();
  const display = b.get<Display>(DISPLAY);
  display.init();
  const snap = () => b.screen.snapshot() as PixelScreenSnapshot;
  const rgb = (s: PixelScreenSnapshot, x: number, y: number) => {
    const o = (y * s.width + x) * 4;
    return [s.rgba[o], s.rgba[o + 1], s.rgba[o + 2]];
  };
  return { ...b, display, snap, rgb };
}

/** What RGB565 keeps of an 8-bit colour, as the 18-bit panel shows it:
 * 5 bits widened to 6 (the ST7789's RGB565 -> RGB666 rule), then to 8. */
const to8 = (v6: number) => (v6 << 2) | (v6 >> 4);
const q5 = (v: number) => to8(((v >> 3) << 1) | (v >> 7));
const q6 = (v: number) => to8(v >> 2);

describe('ST7789 display driver on the esp32c3 board', () => {
  test('init leaves a lit, black 320x240 screen with a 40x15 text console', () => {
    const { display, snap, rgb } = setup();
    expect([display.textColumns, display.textRows]).toEqual([40, 15]);
    const s = snap();
    expect([s.kind, s.width, s.height]).toEqual(['pixels', 320, 240]);
    expect(rgb(s, 100, 100)).toEqual([0, 0, 0]);
  });

  test('putCell draws the font glyph in the attribute colours', () => {
    const { display, snap, rgb } = setup();
    display.setCursor(39, 14);
    display.putCell(3, 2, 0x41, 0x1e); // 'A', yellow on blue
    const s = snap();
    const yellow = [q5(0xff), q6(0xff), q5(0x55)];
    const blue = [0, 0, q5(0xaa)];
    for (let row = 0; row < 16; row++) {
      for (let col = 0; col < 8; col++) {
        const on = (FONT_8X16[0x41 * 16 + row] & (0x80 >> col)) !== 0;
        expect(rgb(s, 3 * 8 + col, 2 * 16 + row)).toEqual(on ? yellow : blue);
      }
    }
    expect(rgb(s, 3 * 8 - 1, 2 * 16)).toEqual([0, 0, 0]); // the neighbour is untouched
  });

  test('the cursor is an underline that moves with setCursor', () => {
    const { display, snap, rgb } = setup();
    display.putCell(5, 5, 0x20, 0x07);
    display.setCursor(5, 5);
    const grey = [q5(0xaa), q6(0xaa), q5(0xaa)];
    expect(rgb(snap(), 5 * 8 + 3, 5 * 16 + 15)).toEqual(grey);
    display.setCursor(6, 5);
    expect(rgb(snap(), 5 * 8 + 3, 5 * 16 + 15)).toEqual([0, 0, 0]);
    expect(rgb(snap(), 6 * 8 + 3, 5 * 16 + 15)).toEqual(grey);
  });

  test('a cell already showing what is asked is not sent again', () => {
    const { display, bus } = setup();
    display.setCursor(39, 14);
    display.putCell(2, 2, 0x42, 0x07);
    let writes = 0;
    bus.tracer = (m) => {
      if (m.startsWith('mmio write')) writes++;
    };
    display.putCell(2, 2, 0x42, 0x07);
    display.putCell(9, 9, 0x20, 0x07); // a blank cell on the cleared screen
    expect(writes).toBe(0);
    display.putCell(2, 2, 0x43, 0x07);
    bus.tracer = null;
    expect(writes).toBeGreaterThan(0);
  });

  test('putCells draws what putCell of each cell does, a run of changed cells as one transfer', () => {
    const cells = new Uint16Array(40).map((_, i) => ((i % 3 === 0 ? 0x1e : 0x07) << 8) | (0x41 + (i % 26)));
    const draw = (batched: boolean) => {
      const { display, bus, snap } = setup();
      display.setCursor(5, 3);
      display.putCell(9, 3, cells[7] & 0xff, cells[7] >> 8); // a cell already showing what the run asks
      let writes = 0;
      bus.tracer = (m) => {
        if (m.startsWith('mmio write')) writes++;
      };
      if (batched) display.putCells(2, 3, cells.subarray(0, 38));
      else cells.subarray(0, 38).forEach((cell, i) => display.putCell(2 + i, 3, cell & 0xff, cell >> 8));
      bus.tracer = null;
      return { rgba: Array.from(snap().rgba), writes };
    };
    const one = draw(false);
    const run = draw(true);
    expect(run.rgba).toEqual(one.rgba);
    // Two runs (the cell already drawn splits it) against 37 cells one by one.
    expect(run.writes * 10).toBeLessThan(one.writes);
    // The cursor's underline is drawn inside a run (cell 5: light grey on black).
    const { display, snap, rgb } = setup();
    display.setCursor(5, 3);
    display.putCells(0, 3, cells.subarray(0, 10));
    const s = snap();
    for (let x = 0; x < 8; x++) expect(rgb(s, 5 * 8 + x, 3 * 16 + 15)).toEqual([q5(0xaa), q6(0xaa), q5(0xaa)]);
  });

  test('graphics: an indexed frame through the palette, letterboxed on rows 20..219', () => {
    const { display, snap, rgb } = setup();
    display.setMode('graphics');
    display.setPalette(1, 255, 0, 0);
    display.setPalette(2, 10, 200, 30);
    const frame = new Uint8Array(320 * 200);
    for (let y = 0; y < 200; y++) for (let x = 0; x < 320; x++) frame[y * 320 + x] = x < 160 ? 1 : 2;
    frame[0] = 2;
    display.presentFrame(frame);
    const s = snap();
    expect(rgb(s, 0, 19)).toEqual([0, 0, 0]);
    expect(rgb(s, 0, 20)).toEqual([q5(10), q6(200), q5(30)]);
    expect(rgb(s, 1, 20)).toEqual([255, 0, 0]);
    expect(rgb(s, 159, 219)).toEqual([255, 0, 0]);
    expect(rgb(s, 160, 219)).toEqual([q5(10), q6(200), q5(30)]);
    expect(rgb(s, 319, 220)).toEqual([0, 0, 0]);
  });

  test('a frame is one GDMA descriptor chain, not a register write per pixel', () => {
    const { display, bus, snap } = setup();
    display.setMode('graphics');
    let mmioWrites = 0;
    bus.tracer = (m) => {
      if (m.startsWith('mmio write')) mmioWrites++;
    };
    display.presentFrame(new Uint8Array(320 * 200));
    bus.tracer = null;
    // A handful of SPI commands and one descriptor chain: far below a write per pixel.
    expect(mmioWrites).toBeLessThan(100);
    expect(snap().kind).toBe('pixels');
  });

  test('presenting a frame costs the board a small part of a game frame', () => {
    // Measured in the board's own time, which every register access of the
    // driver advances (the cost model of docs/clock.md), not by the host's
    // clock: a frame sent through GDMA bursts costs a few milliseconds; one
    // written pixel by pixel through the SPI registers would cost tens.
    const { display, clock } = setup();
    display.setMode('graphics');
    const frame = new Uint8Array(320 * 200).map((_, i) => i & 0xff);
    const t0 = clock.nowNs();
    for (let i = 0; i < 20; i++) display.presentFrame(frame);
    const nsPerFrame = (clock.nowNs() - t0) / 20;
    expect(nsPerFrame).toBeLessThan(1e9 / 35 / 5);
  });

  test('a short frame is a clear error; text calls outside the grid are ignored', () => {
    const { display } = setup();
    display.putCell(40, 0, 0x41, 7);
    display.setCursor(-1, 99);
    display.setMode('graphics');
    expect(() => display.presentFrame(new Uint8Array(10))).toThrow(/320x200/);
  });
});
