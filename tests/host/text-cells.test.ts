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

  it('is what the view draws for a text screen, whatever the terminal size', () => {
    const term = { columns: 100, rows: 40, writes: [] as string[], write(t: string) { this.writes.push(t); } };
    const s = screen(80, 25);
    s.cells[0] = 0x0741;
    const view = new TerminalView({ snapshot: () => s }, term, null);
    view.redraw();
    expect(term.writes.join('')).toContain('A');
    expect(term.writes.join('')).not.toContain('\u2580');
    expect(view.redraw()).toBe(false); // unchanged
    (s as { cursor: TextScreenSnapshot['cursor'] }).cursor = { column: 1, row: 0, visible: true };
    expect(view.redraw()).toBe(true); // the cursor moved
    term.columns = 60; // too narrow for 80 columns: cropped, never half blocks
    view.redraw();
    const out = term.writes[term.writes.length - 1];
    expect(out).not.toContain('\u2580');
    expect(out).toContain('A');
    expect(out).toContain('cropped: columns 1-60 of 80 (80x25 shows all)');
  });
});

describe('terminal view layout', () => {
  const terminal = (columns: number, rows: number) => ({ columns, rows, writes: [] as string[], write(t: string) { this.writes.push(t); } });
  /** The rows of the terminal that show text rows, from the cursor
   * positioning sequences of encodeTextCells: row -> its first character. */
  const drawnRows = (out: string) => [...out.matchAll(/\x1b\[(\d+);1H\x1b\[0;[0-9;]*m(.)/g)].map((m) => [Number(m[1]), m[2]] as const);

  it('shrinks the console pane (to 2 lines at least) so that a text screen fits cell for cell', () => {
    const term = terminal(80, 28);
    const view = new TerminalView({ snapshot: () => screen(80, 25) }, term, new SerialPane());
    view.redraw();
    const out = term.writes.join('');
    expect(out).not.toContain('\u2580'); // characters, not half blocks
    expect(out).toContain('\x1b[26;1H\x1b[0;7m'); // the status line right under the 25 rows
    expect(out).not.toContain('cropped');
  });

  it('in 80x24, shows the 23 rows around the cursor above a status line that says the screen is cropped', () => {
    const term = terminal(80, 24);
    const s = screen(80, 25, { cursor: { column: 3, row: 24, visible: true } });
    for (let row = 0; row < 25; row++) s.cells[row * 80] = 0x0700 | (0x41 + row); // 'A' on row 0, 'Y' on row 24
    const view = new TerminalView({ snapshot: () => s }, term, new SerialPane(), { title: 'JOS pc' });
    view.redraw();
    let out = term.writes.join('');
    expect(out).not.toContain('\u2580');
    const rows = drawnRows(out).filter(([at]) => at <= 23);
    expect(rows).toHaveLength(23);
    expect(rows[0]).toEqual([1, 'C']); // rows 3-25: the latest lines, with the cursor
    expect(rows[22]).toEqual([23, 'Y']);
    expect(out).toContain('\x1b[24;1H\x1b[0;7m JOS pc | cropped: rows 3-25 of 25 (80x26 shows all) ');
    // After a clear, the cursor is at the top: the top rows are shown.
    (s as { cursor: TextScreenSnapshot['cursor'] }).cursor = { column: 0, row: 0, visible: true };
    term.writes.length = 0;
    view.redraw();
    out = term.writes.join('');
    expect(drawnRows(out)[0]).toEqual([1, 'A']);
    expect(out).toContain('cropped: rows 1-23 of 25 ');
  });

  it('crops without a console pane too, with a status line of its own', () => {
    const term = terminal(80, 24);
    const view = new TerminalView({ snapshot: () => screen(80, 25) }, term, null);
    view.redraw();
    const out = term.writes.join('');
    expect(drawnRows(out).filter(([at]) => at <= 23)).toHaveLength(23);
    expect(out).toContain('\x1b[24;1H\x1b[0;7m screen | cropped: rows 1-23 of 25 (80x25 shows all)');
  });
});
