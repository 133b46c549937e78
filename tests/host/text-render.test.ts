import type { TextScreenSnapshot } from '../../platform/screen';
import { renderSnapshot } from '../../host/display/render';
import { CURSOR_FIRST_LINE, CURSOR_LAST_LINE, renderText } from '../../host/display/text-renderer';
import { glyphRow, unicodeToCp437 } from '../../kernel/drivers/font8x16';
import { compareWithGolden } from './golden';

/** The 16 colours of the standard VGA text palette (the BIOS's DAC setup). */
const VGA_PALETTE = new Uint8Array([
  0, 0, 0, 0, 0, 170, 0, 170, 0, 0, 170, 170, 170, 0, 0, 170, 0, 170, 170, 85, 0, 170, 170, 170,
  85, 85, 85, 85, 85, 255, 85, 255, 85, 85, 255, 255, 255, 85, 85, 255, 85, 255, 255, 255, 85, 255, 255, 255,
]);

function textScreen(lines: string[], attribute: number, extra: Partial<TextScreenSnapshot> = {}): TextScreenSnapshot {
  const columns = 80;
  const rows = 25;
  const cells = new Uint16Array(columns * rows).fill(0x20 | (attribute << 8));
  lines.forEach((line, row) =>
    [...line].forEach((ch, column) => {
      cells[row * columns + column] = unicodeToCp437(ch.codePointAt(0)!) | (attribute << 8);
    }),
  );
  return { kind: 'text', columns, rows, cells, cursor: { column: 0, row: 0, visible: false }, palette: VGA_PALETTE, ...extra };
}

function rgbAt(image: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const p = (y * image.width + x) * 4;
  return [image.rgba[p], image.rgba[p + 1], image.rgba[p + 2], image.rgba[p + 3]];
}

describe('text-mode rendering', () => {
  it('renders 80x25 cells to 640x400 pixels through the font and the palette', () => {
    const image = renderText(textScreen(['A'], 0x1e));
    expect([image.width, image.height]).toEqual([640, 400]);
    // Cell (0,0) is 'A' in yellow (14) on blue (1): pixel by pixel the glyph.
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 8; x++) {
        const on = (glyphRow(0x41, y) & (0x80 >> x)) !== 0;
        expect(rgbAt(image, x, y)).toEqual(on ? [255, 255, 85, 255] : [0, 0, 170, 255]);
      }
    }
  });

  it('uses bit 7 as bright background, or as blink (drawn on) when the snapshot says so', () => {
    const bright = renderText(textScreen([' '], 0x9f));
    expect(rgbAt(bright, 0, 0)).toEqual([85, 85, 255, 255]); // background 9: bright blue
    const blink = renderText(textScreen([' '], 0x9f, { blink: true }));
    expect(rgbAt(blink, 0, 0)).toEqual([0, 0, 170, 255]); // background 1: blue
    const blinkingText = renderText(textScreen(['\u2588'], 0x9f, { blink: true }));
    expect(rgbAt(blinkingText, 0, 0)).toEqual([255, 255, 255, 255]); // the glyph, in its "on" phase
  });

  it('draws the cursor as an underline on scan lines 13-14 of its cell, in the foreground colour', () => {
    const image = renderText(textScreen([], 0x07, { cursor: { column: 3, row: 2, visible: true } }));
    for (let y = 0; y < 16; y++) {
      const expected = y >= CURSOR_FIRST_LINE && y <= CURSOR_LAST_LINE ? [170, 170, 170, 255] : [0, 0, 0, 255];
      for (let x = 0; x < 8; x++) expect(rgbAt(image, 3 * 8 + x, 2 * 16 + y)).toEqual(expected);
    }
    const hidden = renderText(textScreen([], 0x07, { cursor: { column: 3, row: 2, visible: false } }));
    expect(rgbAt(hidden, 24, 32 + 13)).toEqual([0, 0, 0, 255]);
  });

  it('rejects a snapshot whose cells or palette are too short', () => {
    expect(() => renderText({ ...textScreen([], 7), cells: new Uint16Array(10) })).toThrow(/cells/);
    expect(() => renderText({ ...textScreen([], 7), palette: new Uint8Array(3) })).toThrow(/palette/);
    expect(() => renderSnapshot({ kind: 'pixels', width: 4, height: 4, rgba: new Uint8Array(8) })).toThrow(/bytes/);
  });

  it('matches the golden picture of a sample screen', () => {
    const body = [
      'JOS text console: 8x16 font, CP437, VGA attributes',
      null,
      '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`',
      'abcdefghijklmnopqrstuvwxyz{|}~ ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑ',
      '☺☻♥♦♣♠•○♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼ αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■',
      '░░▒▒▓▓██ ▄▄▀▀▌▐ ┌─┬─┐ ╔═╦═╗ ╒═╤═╕ ╓─╥─╖ ªº¿⌐¬½¼¡«»',
      '                ├─┼─┤ ╠═╬═╣ ╞═╪═╡ ╟─╫─╢',
      '                └─┴─┘ ╚═╩═╝ ╘═╧═╛ ╙─╨─╜',
    ];
    const screen = textScreen(
      [
        '╔' + '═'.repeat(78) + '╗',
        ...body.map((line) => (line === null ? '╟' + '─'.repeat(78) + '╢' : '║ ' + line.padEnd(77) + '║')),
        '╚' + '═'.repeat(78) + '╝',
      ],
      0x1f,
      { cursor: { column: 2, row: 11, visible: true } },
    );
    // A row of every attribute colour pair, to pin the palette lookup.
    for (let i = 0; i < 80; i++) screen.cells[12 * 80 + i] = 0x4a /* J */ | ((i * 3) & 0xff) << 8;
    screen.cells[11 * 80] = 0x3e /* > */ | (0x0a << 8);
    screen.cells[11 * 80 + 1] = 0x20 | (0x0a << 8);
    expect(compareWithGolden(renderText(screen), 'text-sample')).toBeUndefined();
  });
});
