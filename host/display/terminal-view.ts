/**
 * `--display term`: the board's screen live in the terminal, on the
 * alternate screen: a text screen as characters when the terminal has a
 * cell for each of its cells (text-cells.ts), otherwise - and for pixel
 * screens - as a picture in half blocks (half-blocks.ts). At most `fps` redraws a
 * second (15 by default), and only when the picture, the terminal size or
 * the serial pane changed. The console UART's output goes to a pane of the
 * last lines under the picture, with a status line between them.
 */
import type { ScreenSource } from '../../platform/screen';
import { downscale, encodeHalfBlocks, fitSize } from './half-blocks';
import { renderSnapshot } from './render';
import type { RgbaImage } from './rgba-image';
import type { SerialPane } from './serial-pane';
import { encodeTextCells } from './text-cells';
import type { ScreenSnapshot } from '../../platform/screen';

const ESC = '\x1b';
const ENTER_ALTERNATE = `${ESC}[?1049h${ESC}[?25l${ESC}[2J`;
const LEAVE_ALTERNATE = `${ESC}[0m${ESC}[?25h${ESC}[?1049l`;

/** Where the view draws: a terminal of some size. */
export interface TerminalScreen {
  readonly columns: number;
  readonly rows: number;
  /** True while earlier output is still queued (the view then skips a frame). */
  readonly busy?: boolean;
  write(text: string): void;
}

export interface TerminalViewOptions {
  fps?: number;
  /** The status line's text (the board and how to quit). */
  title?: string;
}

export class TerminalView {
  private timer: NodeJS.Timeout | null = null;
  private lastPicture: RgbaImage | null = null;
  private lastLayout = '';
  private lastPaneVersion = -1;
  private lastText = '';
  private lastError = '';
  private shownError = '';

  constructor(
    private readonly source: ScreenSource,
    private readonly term: TerminalScreen,
    private readonly pane: SerialPane | null,
    private readonly options: TerminalViewOptions = {},
  ) {}

  start(): void {
    this.term.write(ENTER_ALTERNATE);
    this.redraw();
    const fps = this.options.fps ?? 15;
    this.timer = setInterval(() => this.redraw(), Math.ceil(1000 / fps));
  }

  /** Forces a full redraw at the next tick (after a terminal resize). */
  invalidate(): void {
    this.lastLayout = '';
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.term.write(LEAVE_ALTERNATE);
  }

  /** One tick: draws what changed. Returns whether anything was written. */
  redraw(): boolean {
    if (this.term.busy === true) return false;
    const { columns, rows } = this.term;
    let snapshot: ScreenSnapshot | null = null;
    try {
      snapshot = this.source.snapshot();
      this.lastError = '';
    } catch (error) {
      this.lastError = (error as Error).message;
    }
    const { paneRows, pictureRows } = this.layout(columns, rows, snapshot);
    const layout = `${columns}x${rows}/${paneRows}`;
    const fresh = layout !== this.lastLayout;
    let out = fresh ? `${ESC}[0m${ESC}[2J` : '';

    let picture: RgbaImage | null = null;
    const asCells = snapshot?.kind === 'text' && snapshot.columns <= columns && snapshot.rows <= pictureRows;
    if (snapshot && !asCells) {
      try {
        picture = renderSnapshot(snapshot);
      } catch (error) {
        snapshot = null;
        this.lastError = (error as Error).message;
      }
    }
    if (snapshot?.kind === 'text' && !picture) {
      const key = textKey(snapshot);
      if (fresh || key !== this.lastText) {
        out += encodeTextCells(snapshot, 1, Math.floor((columns - snapshot.columns) / 2) + 1);
        this.lastText = key;
        this.lastPicture = null;
      }
    } else if (picture && (fresh || !samePicture(picture, this.lastPicture))) {
      const size = fitSize(picture.width, picture.height, columns, pictureRows);
      const left = Math.floor((columns - size.width) / 2) + 1;
      out += encodeHalfBlocks(downscale(picture, size.width, size.height), 1, left);
      this.lastPicture = { width: picture.width, height: picture.height, rgba: picture.rgba.slice() };
      this.lastText = '';
    }
    if (this.pane && (fresh || this.pane.version !== this.lastPaneVersion || this.lastError !== this.shownError)) {
      out += this.drawPane(columns, pictureRows + 1, paneRows);
      this.lastPaneVersion = this.pane.version;
      this.shownError = this.lastError;
    }
    this.lastLayout = layout;
    if (out.length === 0) return false;
    this.term.write(out);
    return true;
  }

  /**
   * Rows for the picture and for the console pane (plus its status line).
   * The pane takes a quarter of the terminal (2 to 8 lines), but gives up
   * lines, down to 2, so that a text screen fits cell for cell.
   */
  private layout(columns: number, rows: number, snapshot: ScreenSnapshot | null): { paneRows: number; pictureRows: number } {
    if (!this.pane) return { paneRows: 0, pictureRows: rows };
    let paneRows = Math.min(8, Math.max(2, Math.floor(rows / 4)));
    if (snapshot?.kind === 'text' && snapshot.columns <= columns && rows - 1 - paneRows < snapshot.rows) {
      const room = rows - 1 - snapshot.rows;
      if (room >= 2) paneRows = room;
    }
    return { paneRows, pictureRows: Math.max(1, rows - paneRows - 1) };
  }

  private drawPane(columns: number, statusRow: number, paneRows: number): string {
    const status = ` ${this.lastError ? `screen: ${this.lastError}` : this.options.title ?? 'serial console'} `;
    let out = `${ESC}[${statusRow};1H${ESC}[0;7m${clip(status, columns).padEnd(columns)}${ESC}[0m`;
    const lines = this.pane!.tail(paneRows);
    for (let i = 0; i < paneRows; i++) out += `${ESC}[${statusRow + 1 + i};1H${clip(lines[i] ?? '', columns)}${ESC}[K`;
    return out;
  }
}

function clip(text: string, columns: number): string {
  const chars = [...text];
  return chars.length <= columns ? text : chars.slice(0, columns).join('');
}

/** Everything that decides how a text screen looks, as one comparable string. */
function textKey(screen: Extract<ScreenSnapshot, { kind: 'text' }>): string {
  const { cursor } = screen;
  return `${screen.columns}x${screen.rows} ${cursor.column},${cursor.row},${cursor.visible} ${screen.blink === true} ${screen.palette.join(',')} ${Buffer.from(screen.cells.buffer, screen.cells.byteOffset, screen.cells.byteLength).toString('latin1')}`;
}

function samePicture(a: RgbaImage, b: RgbaImage | null): boolean {
  if (!b || a.width !== b.width || a.height !== b.height) return false;
  return Buffer.from(a.rgba.buffer, a.rgba.byteOffset, a.rgba.length).equals(Buffer.from(b.rgba.buffer, b.rgba.byteOffset, b.rgba.length));
}
