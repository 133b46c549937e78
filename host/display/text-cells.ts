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
