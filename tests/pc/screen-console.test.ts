import type { Display, DisplayMode } from '../../hal/display';
import { ScreenConsole, toCp437 } from '../../kernel/console/screen-console';

/** A Display that keeps cells in memory, as init() leaves a blank screen. */
class FakeDisplay implements Display {
  readonly textColumns = 20;
  readonly textRows = 4;
  readonly graphicsWidth = 320;
  readonly graphicsHeight = 200;
  cells = new Uint16Array(20 * 4);
  cursor = [0, 0];
  puts = 0;
  init(): void {
    this.cells.fill(0x0720);
  }
  setMode(_mode: DisplayMode): void {}
  putCell(column: number, row: number, code: number, attribute: number): void {
    this.puts++;
    this.cells[row * this.textColumns + column] = code | (attribute << 8);
  }
  putCells(column: number, row: number, cells: Uint16Array): void {
    cells.forEach((cell, i) => this.putCell(column + i, row, cell & 0xff, cell >> 8));
  }
  setCursor(column: number, row: number): void {
    this.cursor = [column, row];
  }
  setPalette(): void {}
  presentFrame(): void {}
  row(r: number): string {
    return Array.from(this.cells.slice(r * 20, r * 20 + 20), (c) => String.fromCharCode(c & 0xff)).join('').trimEnd();
  }
}

describe('ScreenConsole', () => {
  test('writes, wraps long lines, scrolls at the bottom and moves the cursor', () => {
    const display = new FakeDisplay();
    const screen = new ScreenConsole(display);
    screen.start();
    screen.write('one\ntwo\nthree\n');
    expect(display.puts).toBe(11); // only the characters written, no full redraw
    screen.write('a line longer than twenty columns');
    expect([display.row(0), display.row(1), display.row(2), display.row(3)]).toEqual([
      'two',
      'three',
      'a line longer than t',
      'wenty columns',
    ]);
    expect(display.cursor).toEqual([13, 3]);
    // Scrolling rewrites only the cells that change.
    const puts = display.puts;
    screen.write('\n');
    expect(display.puts - puts).toBeLessThan(80);
    expect(display.row(3)).toBe('');
    expect(display.row(0)).toBe('three');
  });

  test('tabs, carriage return, backspace and colours', () => {
    const display = new FakeDisplay();
    const screen = new ScreenConsole(display);
    screen.start();
    screen.write('ab\tc\rX', 0x1e);
    expect(display.row(0)).toBe('Xb      c');
    expect(display.cells[0] >> 8).toBe(0x1e);
    screen.write('\b\bY');
    expect(display.cursor).toEqual([1, 0]);
  });

  test('box drawing and the logo map to code page 437; unknown characters to ?', () => {
    expect(['█', '╔', '═', '╗', '║', '╚', '╝', '·'].map(toCp437)).toEqual([0xdb, 0xc9, 0xcd, 0xbb, 0xba, 0xc8, 0xbc, 0xfa]);
    expect(toCp437('€')).toBe(0x3f);
    const display = new FakeDisplay();
    const screen = new ScreenConsole(display);
    screen.start();
    screen.showLogo('██╗\n██║\nhello');
    expect(display.cells[0]).toBe(0xdb | (0x0e << 8));
    expect(display.cells[20] & 0xff).toBe(0xdb);
    expect(display.cells[40]).toBe(0x68 | (0x0f << 8));
  });

  test('escape sequences: colours, cursor addressing, erasing; split across writes; junk dropped', () => {
    const display = new FakeDisplay();
    const screen = new ScreenConsole(display);
    screen.start();
    screen.write('\x1b[1;31mred\x1b[0m ok');
    expect(display.cells[0]).toBe(0x72 | (0x0c << 8)); // bright red on black
    expect(display.cells[4]).toBe(0x6f | (0x07 << 8));
    screen.write('\x1b[3;5Hx\x1b[');
    screen.write('44;97my');
    expect(display.cells[2 * 20 + 4]).toBe(0x78 | (0x07 << 8));
    expect(display.cells[2 * 20 + 5]).toBe(0x79 | (0x1f << 8)); // white on blue
    screen.write('\x1b[7mr\x1b[27m');
    expect(display.cells[2 * 20 + 6] >> 8).toBe(0xf1 & 0x7f); // reversed: blue on white (no blink bit)
    screen.write('\x1b[0m\x1b[1;1H\x1b[K');
    expect(display.row(0)).toBe('');
    screen.write('\x1b[2J\x1b[H');
    expect([0, 1, 2, 3].map((r) => display.row(r))).toEqual(['', '', '', '']);
    expect(display.cursor).toEqual([0, 0]);
    screen.write('\x1b[?25lA\x1b]0;a title\x07B\x1bZ\x07C');
    expect(display.row(0)).toBe('ABC'); // private modes, OSC strings and unknown escapes leave no trace
  });
});
