/**
 * A text-mode screen drawn on the terminal as characters, cell for cell:
 * each CP437 code as its Unicode character, in the cell's palette colours
 * (24-bit SGR), the cursor cell underlined, blinking cells (attribute
 * bit 7 when the snapshot says it means blink) with the terminal's own blink
 * attribute (SGR 5). Exact and readable where half
 * blocks (half-blocks.ts) would shrink 640x400 pixels into a few hundred
 * character cells; the terminal view uses it when the terminal has room
 * for every cell.
 */
import { CP437_TO_UNICODE } from '../../kernel/drivers/font8x16';
import { TextSnapshot, cellColors } from './text-renderer';

const ESC = '\x1b';

/** The character a CP437 code shows as on a Unicode terminal (NUL and the
 * no-break space as plain spaces). */
export function cellCharacter(code: number): string {
  if (code === 0x00 || code === 0xff) return ' ';
  return CP437_TO_UNICODE[code];
}

export function encodeTextCells(screen: TextSnapshot, top = 1, left = 1): string {
  const { columns, rows, cells, palette, cursor } = screen;
  const rgb = (index: number) => `${palette[index * 3]};${palette[index * 3 + 1]};${palette[index * 3 + 2]}`;
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    out.push(`${ESC}[${top + row};${left}H`);
    let last = '';
    for (let column = 0; column < columns; column++) {
      const cell = cells[row * columns + column];
      const [fg, bg] = cellColors(cell >> 8, screen.blink);
      const underline = cursor.visible && cursor.row === row && cursor.column === column;
      const blinking = screen.blink === true && (cell & 0x8000) !== 0;
      const style = `${ESC}[0;${underline ? '4;' : ''}${blinking ? '5;' : ''}38;2;${rgb(fg)};48;2;${rgb(bg)}m`;
      if (style !== last) {
        out.push(style);
        last = style;
      }
      out.push(cellCharacter(cell & 0xff));
    }
    out.push(`${ESC}[0m`);
  }
  return out.join('');
}

/** The rows and columns of a text screen that a terminal too small for it
 * shows: the window of the given size that holds the cursor, as far up
 * and left as it can be (so a console's latest lines stay in sight). */
export interface TextWindow {
  readonly row: number;
  readonly rows: number;
  readonly column: number;
  readonly columns: number;
}

export function cursorWindow(screen: TextSnapshot, rows: number, columns: number): TextWindow {
  const place = (at: number, size: number, total: number) => Math.min(Math.max(0, at - size + 1), total - size);
  const shownRows = Math.min(rows, screen.rows);
  const shownColumns = Math.min(columns, screen.columns);
  return {
    row: place(screen.cursor.row, shownRows, screen.rows),
    rows: shownRows,
    column: place(screen.cursor.column, shownColumns, screen.columns),
    columns: shownColumns,
  };
}

/** The part of a text screen inside `window`, as a screen of its own. */
export function cropText(screen: TextSnapshot, window: TextWindow): TextSnapshot {
  const cells = new Uint16Array(window.rows * window.columns);
  for (let r = 0; r < window.rows; r++) {
    const from = (window.row + r) * screen.columns + window.column;
    cells.set(screen.cells.subarray(from, from + window.columns), r * window.columns);
  }
  const { cursor } = screen;
  const inside = cursor.row >= window.row && cursor.row < window.row + window.rows && cursor.column >= window.column && cursor.column < window.column + window.columns;
  return {
    ...screen,
    columns: window.columns,
    rows: window.rows,
    cells,
    cursor: { row: cursor.row - window.row, column: cursor.column - window.column, visible: cursor.visible && inside },
  };
}
