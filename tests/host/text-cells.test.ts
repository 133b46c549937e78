import { encodeTextCells, cellCharacter } from '../../host/display/text-cells';
import { TerminalView } from '../../host/display/terminal-view';
import { SerialPane } from '../../host/display/serial-pane';
import type { TextScreenSnapshot } from '../../platform/screen';

const PALETTE = new Uint8Array(48).map((_, i) => i * 5);

function screen(columns: number, rows: number, extra: Partial<TextScreenSnapshot> = {}): TextScreenSnapshot {
  const cells = new Uint16Array(columns * rows).fill(0x0720);
  return { kind: 'text', columns, rows, cells, cursor: { column: 0, row: 0, visible: false }, palette: PALETTE, ...extra };
}

describe('text screens as terminal characters', () => {
  it('shows CP437 codes as their Unicode characters', () => {
    expect([0x41, 0x01, 0xc9, 0xb0, 0xe1, 0x00, 0xff].map(cellCharacter)).toEqual(['A', '☺', '╔', '░', 'ß', ' ', ' ']);
  });

  it('colours each cell from the palette, sends a style only when it changes, and underlines the cursor', () => {
    const s = screen(3, 1, { cursor: { column: 2, row: 0, visible: true } });
    s.cells.set([0x1e41, 0x1e42, 0x9f43]); // A B yellow on blue; C white on bright blue (bit 7 = bright bg)
    const rgb = (i: number) => `${i * 15};${i * 15 + 5};${i * 15 + 10}`;
    expect(encodeTextCells(s, 2, 5)).toBe(
      `\x1b[2;5H\x1b[0;38;2;${rgb(14)};48;2;${rgb(1)}mAB\x1b[0;4;38;2;${rgb(15)};48;2;${rgb(9)}mC\x1b[0m`,
    );
    const blink = encodeTextCells({ ...s, blink: true });
    expect(blink).toContain(`\x1b[0;4;5;38;2;${rgb(15)};48;2;${rgb(1)}mC`); // bit 7 is blink: SGR 5, background stays 1
    expect(encodeTextCells(s)).not.toContain(';5;38');
  });

  it('is what the view draws when the terminal has a cell for each, half blocks otherwise', () => {
    const term = { columns: 100, rows: 40, writes: [] as string[], write(t: string) { this.writes.push(t); } };
    const s = screen(80, 25);
    s.cells[0] = 0x0741;
    const view = new TerminalView({ snapshot: () => s }, term, null);
    view.redraw();
    expect(term.writes.join('')).toContain('A');
    expect(term.writes.join('')).not.toContain('\u2580');
    expect(view.redraw()).toBe(false); // unchanged
    s.cursor = { column: 1, row: 0, visible: true };
    expect(view.redraw()).toBe(true); // the cursor moved
    term.columns = 60; // too narrow for 80 columns: a picture
    view.redraw();
    expect(term.writes[term.writes.length - 1]).toContain('\u2580');
  });
});

describe('terminal view layout', () => {
  it('shrinks the console pane (to 2 lines at least) so that a text screen fits cell for cell', () => {
    const term = { columns: 80, rows: 28, writes: [] as string[], write(t: string) { this.writes.push(t); } };
    const view = new TerminalView({ snapshot: () => screen(80, 25) }, term, new SerialPane());
    view.redraw();
    const out = term.writes.join('');
    expect(out).not.toContain('\u2580'); // characters, not half blocks
    expect(out).toContain('\x1b[26;1H\x1b[0;7m'); // the status line right under the 25 rows
    term.rows = 27; // no room for 2 pane lines: a picture
    view.redraw();
    expect(term.writes[term.writes.length - 1]).toContain('\u2580');
  });
});
