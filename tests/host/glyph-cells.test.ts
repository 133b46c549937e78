/**
 * The esp32c3's LCD console read back as characters (host/display/
 * glyph-cells.ts): exact on cells drawn with JOS's font, half blocks for
 * anything else, and what the terminal view shows in an 80x24 terminal.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PNG } from 'pngjs';
import { encodeGlyphCells, readGlyphCells } from '../../host/display/glyph-cells';
import { UPPER_HALF_BLOCK } from '../../host/display/half-blocks';
import type { RgbaImage } from '../../host/display/rgba-image';
import { TerminalView } from '../../host/display/terminal-view';
import { SerialPane } from '../../host/display/serial-pane';
import { FONT_8X16 } from '../../kernel/drivers/font8x16';

const GOLDEN = path.join(__dirname, '..', 'esp32c3', 'golden', 'esp32c3-boot-screen.png');

/** Draws `text` (one row of cells) with the font, as the LCD driver does. */
function drawText(text: string, fg: number[], bg: number[], cursorAt = -1): RgbaImage {
  const width = text.length * 8;
  const rgba = new Uint8Array(width * 16 * 4);
  for (let i = 0; i < text.length; i++) {
    for (let y = 0; y < 16; y++) {
      let bits = FONT_8X16[text.charCodeAt(i) * 16 + y];
      if (i === cursorAt && y >= 14) bits = 0xff;
      for (let x = 0; x < 8; x++) rgba.set([...(bits & (0x80 >>> x) ? fg : bg), 255], (y * width + i * 8 + x) * 4);
    }
  }
  return { width, height: 16, rgba };
}

describe('reading an LCD text console back as characters', () => {
  test('every glyph of a line, its colours, and the cursor cell', () => {
    const image = drawText('ls -l /tmp | wc', [0xff, 0xff, 0x55], [0, 0, 0xaa], 3);
    const grid = readGlyphCells(image)!;
    expect(grid.chars.join('')).toBe('ls -l /tmp | wc');
    expect(grid.glyphCells).toBe(15);
    expect(grid.fg[0]).toBe(0xffff55);
    expect(grid.bg[0]).toBe(0x0000aa);
    expect(grid.cursorCell).toBe(3);
    expect(encodeGlyphCells(grid)).toContain('\x1b[0;4;38;2;255;255;85;48;2;0;0;170m-');
  });

  test('a cell that is no glyph becomes a half block of its halves\' colours', () => {
    const image = drawText('ab', [255, 255, 255], [0, 0, 0]);
    for (let y = 0; y < 16; y++) for (let x = 8; x < 16; x++) image.rgba.set([y < 8 ? 200 : 10, x * 10, 0, 255], (y * 16 + x) * 4);
    const grid = readGlyphCells(image)!;
    expect(grid.chars).toEqual(['a', UPPER_HALF_BLOCK]);
    expect(grid.glyphCells).toBe(1);
    expect(grid.fg[1] >>> 16).toBe(200);
    expect(grid.bg[1] >>> 16).toBe(10);
  });

  test('a size that is not whole cells is not read', () => {
    expect(readGlyphCells({ width: 12, height: 16, rgba: new Uint8Array(12 * 16 * 4) })).toBeNull();
  });

  test("the esp32c3 boot screen: all 40x15 cells are glyphs, and its text reads as written", () => {
    const png = PNG.sync.read(fs.readFileSync(GOLDEN));
    const grid = readGlyphCells({ width: png.width, height: png.height, rgba: new Uint8Array(png.data) })!;
    expect([grid.columns, grid.rows]).toEqual([40, 15]);
    expect(grid.glyphCells).toBe(40 * 15);
    const lines = Array.from({ length: grid.rows }, (_, r) => grid.chars.slice(r * grid.columns, (r + 1) * grid.columns).join(''));
    expect(lines.join('\n')).toMatch(/esp32c3 \(riscv32\)/);
  });

  test('in an 80x24 terminal the view shows the LCD as characters, not half blocks', () => {
    const png = PNG.sync.read(fs.readFileSync(GOLDEN));
    const snapshot = { kind: 'pixels' as const, width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
    const term = { columns: 80, rows: 24, writes: [] as string[], write(t: string) { this.writes.push(t); } };
    new TerminalView({ snapshot: () => snapshot }, term, new SerialPane()).redraw();
    const out = term.writes.join('');
    expect(out).toContain('esp32c3');
    expect(out).not.toContain(UPPER_HALF_BLOCK);
  });
});
