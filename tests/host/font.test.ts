import {
  CP437_TO_UNICODE,
  FONT_8X16,
  GLYPH_HEIGHT,
  glyphRow,
  unicodeToCp437,
} from '../../kernel/drivers/font8x16';

function glyph(code: number): number[] {
  return Array.from(FONT_8X16.subarray(code * GLYPH_HEIGHT, (code + 1) * GLYPH_HEIGHT));
}
function pixel(code: number, x: number, y: number): boolean {
  return (glyphRow(code, y) & (0x80 >> x)) !== 0;
}
function litCount(code: number): number {
  return glyph(code).reduce((n, row) => n + row.toString(2).split('1').length - 1, 0);
}
const PRINTABLE = Array.from({ length: 0x7f - 0x21 }, (_, i) => 0x21 + i);

describe('8x16 CP437 font', () => {
  it('has 256 glyphs of 16 rows', () => {
    expect(FONT_8X16).toBeInstanceOf(Uint8Array);
    expect(FONT_8X16.length).toBe(256 * 16);
  });

  it('draws every printable ASCII character, and leaves space, NUL and 0xFF blank', () => {
    for (const code of PRINTABLE) expect([String.fromCharCode(code), litCount(code) > 0]).toEqual([String.fromCharCode(code), true]);
    for (const code of [0x00, 0x20, 0xff]) expect(litCount(code)).toBe(0);
  });

  it('gives distinct characters distinct glyphs (all but the three blanks)', () => {
    const seen = new Map<string, number>();
    for (let code = 0; code < 256; code++) {
      if (code === 0x00 || code === 0x20 || code === 0xff) continue;
      const key = glyph(code).join(',');
      const other = seen.get(key);
      if (other !== undefined) throw new Error(`0x${code.toString(16)} draws the same as 0x${other.toString(16)}`);
      seen.set(key, code);
    }
  });

  it('keeps a blank column on the right of printable ASCII (except _, which joins up), so text never touches', () => {
    for (const code of PRINTABLE) {
      if (code === 0x5f) continue;
      for (let y = 0; y < GLYPH_HEIGHT; y++) expect([code, y, pixel(code, 7, y)]).toEqual([code, y, false]);
    }
  });

  it('puts capitals and digits on the same rows (3-11) and descenders below the baseline', () => {
    const rows = (code: number) => glyph(code).flatMap((bits, y) => (bits ? [y] : []));
    for (const ch of 'ABEHKMNXZ0123456789') expect([ch, Math.min(...rows(ch.charCodeAt(0))), Math.max(...rows(ch.charCodeAt(0)))]).toEqual([ch, 3, 11]);
    for (const ch of 'acemnorsuvwxz') expect([ch, Math.min(...rows(ch.charCodeAt(0))), Math.max(...rows(ch.charCodeAt(0)))]).toEqual([ch, 5, 11]);
    for (const ch of 'gjpqy') expect([ch, Math.max(...rows(ch.charCodeAt(0))) > 11]).toEqual([ch, true]);
  });

  it('composes accented letters from their base letter', () => {
    // é keeps e's body; Ä keeps A's body; the accent is extra pixels above.
    for (const [accented, base, firstBodyRow] of [[0x82, 0x65, 5], [0x8e, 0x41, 3], [0xa4, 0x6e, 5]] as const) {
      for (let y = firstBodyRow; y < GLYPH_HEIGHT; y++) expect(glyphRow(accented, y)).toBe(glyphRow(base, y));
      expect(glyph(accented).slice(0, firstBodyRow).some((bits) => bits !== 0)).toBe(true);
    }
  });

  describe('line drawing 0xB3-0xDA', () => {
    // The arms of each glyph, read back from its edges: the lit pixels on the
    // top row / bottom row (columns) and left / right column (rows).
    const edges = (code: number) => ({
      up: [0, 1, 2, 3, 4, 5, 6, 7].filter((x) => pixel(code, x, 0)),
      down: [0, 1, 2, 3, 4, 5, 6, 7].filter((x) => pixel(code, x, GLYPH_HEIGHT - 1)),
      left: glyph(code).flatMap((_, y) => (pixel(code, 0, y) ? [y] : [])),
      right: glyph(code).flatMap((_, y) => (pixel(code, 7, y) ? [y] : [])),
    });
    const BOX = Array.from({ length: 0xda - 0xb3 + 1 }, (_, i) => 0xb3 + i);

    it('draws arms that are a single or a double line at the edges', () => {
      const single = (n: number[]) => n.length === 1;
      const double = (n: number[]) => n.length === 2 && n[1] - n[0] === 2;
      for (const code of BOX) {
        const e = edges(code);
        for (const arm of [e.up, e.down, e.left, e.right]) expect(arm.length === 0 || single(arm) || double(arm)).toBe(true);
        expect([e.up, e.down, e.left, e.right].filter((a) => a.length > 0).length).toBeGreaterThanOrEqual(2);
      }
    });

    it('continues every line into the neighbouring cell, for every pair of glyphs that meet', () => {
      let pairs = 0;
      for (const a of BOX) {
        for (const b of BOX) {
          const ea = edges(a);
          const eb = edges(b);
          // a left of b: a's right arm and b's left arm, when both exist and are the same kind.
          if (ea.right.length > 0 && ea.right.length === eb.left.length) {
            expect([a, b, ea.right]).toEqual([a, b, eb.left]);
            pairs++;
          }
          // a above b.
          if (ea.down.length > 0 && ea.down.length === eb.up.length) {
            expect([a, b, ea.down]).toEqual([a, b, eb.up]);
            pairs++;
          }
        }
      }
      expect(pairs).toBeGreaterThan(500);
    });

    it('matches the shapes their Unicode names say', () => {
      const arms = (ch: string) => {
        const e = edges(unicodeToCp437(ch.codePointAt(0)!));
        return [e.up.length, e.down.length, e.left.length, e.right.length].join('');
      };
      expect(arms('─')).toBe('0011');
      expect(arms('│')).toBe('1100');
      expect(arms('┼')).toBe('1111');
      expect(arms('╔')).toBe('0202');
      expect(arms('╝')).toBe('2020');
      expect(arms('╬')).toBe('2222');
      expect(arms('╤')).toBe('0122');
      expect(arms('╟')).toBe('2201');
      // A double corner is two nested corners: ╔ has no pixel at its centre column / row crossing.
      const corner = unicodeToCp437('╔'.codePointAt(0)!);
      expect(pixel(corner, 3, 7)).toBe(false);
      expect(pixel(corner, 2, 6)).toBe(true);
      expect(pixel(corner, 4, 8)).toBe(true);
    });
  });

  it('fills shades and blocks as their names say', () => {
    const [light, medium, dark, full, lower, left, right, upper] = '░▒▓█▄▌▐▀'.split('').map((c) => unicodeToCp437(c.codePointAt(0)!));
    expect(litCount(light)).toBe(32);
    expect(litCount(medium)).toBe(64);
    expect(litCount(dark)).toBe(96);
    expect(litCount(full)).toBe(128);
    expect(glyph(lower)).toEqual([...Array(8).fill(0), ...Array(8).fill(0xff)]);
    expect(glyph(upper)).toEqual([...Array(8).fill(0xff), ...Array(8).fill(0)]);
    expect(glyph(left)).toEqual(Array(16).fill(0xf0));
    expect(glyph(right)).toEqual(Array(16).fill(0x0f));
  });

  it('maps Unicode to CP437 and back for all 255 non-NUL codes', () => {
    expect([...CP437_TO_UNICODE].length).toBe(256);
    for (let code = 1; code < 256; code++) expect(unicodeToCp437(CP437_TO_UNICODE.codePointAt(code)!)).toBe(code);
    expect(unicodeToCp437('A'.codePointAt(0)!)).toBe(0x41);
    expect(unicodeToCp437('é'.codePointAt(0)!)).toBe(0x82);
    expect(unicodeToCp437('€'.codePointAt(0)!)).toBe(0x3f);
    expect(unicodeToCp437('€'.codePointAt(0)!, -1)).toBe(-1);
  });
});
