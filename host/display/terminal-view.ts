/**
 * `--display term`: the board's screen live in the terminal, on the
 * alternate screen: a text screen as characters, cell for cell
 * (text-cells.ts) — cropped to the part around the cursor, with a status
 * line that says so, when the terminal is too small for all of it (80x24
 * for the pc's 80x25) — and pixel screens as a picture in half blocks
 * (half-blocks.ts), except that a picture of text in JOS's font (the
 * esp32c3's LCD console) is read back and shown as characters
 * (glyph-cells.ts). At most `fps` redraws a second (15 by default), and
 * only when the picture, the terminal size or the serial pane changed.
 * The console UART's output goes to a pane of the last lines under the
 * picture, with a status line between them.
 */
import type { ScreenSource } from '../../platform/screen';
import { downscale, encodeHalfBlocks, fitSize } from './half-blocks';
import { encodeGlyphCells, readGlyphCells } from './glyph-cells';
import { renderSnapshot } from './render';
import type { RgbaImage } from './rgba-image';
import type { SerialPane } from './serial-pane';
import { TextWindow, cropText, cursorWindow, encodeTextCells } from './text-cells';
import type { ScreenSnapshot } from '../../platform/screen';

const ESC = '\x1b';
/** The share of a picture's 8x16 cells that must be glyphs for it to be
 * shown as characters (glyph-cells.ts); a game's frame falls far short. */
const GLYPH_SHARE = 0.9;
/** Half-block pictures are drawn in full every this many drawings, and
 * only their changed cells in between. */
const FULL_EVERY = 30;
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
  /** The half-block image last drawn and where ("top,left"): the next
   * frame at the same place draws only the cells that changed. */
  private lastCells: { image: RgbaImage; at: string } | null = null;
  private sinceFull = 0;
  private lastLayout = '';
  private lastPaneVersion = -1;
  private lastText = '';
  private lastError = '';
  private shownError = '';
  private shownNotice = '';

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
    const { paneRows, pictureRows, statusLine } = this.layout(columns, rows, snapshot);
    const layout = `${columns}x${rows}/${paneRows}`;
    const fresh = layout !== this.lastLayout;
    let out = fresh ? `${ESC}[0m${ESC}[2J` : '';

    let picture: RgbaImage | null = null;
    let notice = '';
    if (snapshot && snapshot.kind !== 'text') {
      try {
        picture = renderSnapshot(snapshot);
      } catch (error) {
        snapshot = null;
        this.lastError = (error as Error).message;
      }
    }
    if (snapshot?.kind === 'text') {
      // Text is always drawn as characters: shrunk into half blocks it
      // would be unreadable. What does not fit is cropped, and said so.
      const window = cursorWindow(snapshot, pictureRows, columns);
      const cropped = window.rows < snapshot.rows || window.columns < snapshot.columns;
      if (cropped) notice = cropNotice(window, snapshot.rows, snapshot.columns, snapshot.rows + (this.pane ? 1 : 0));
      const key = `${window.row},${window.column} ${textKey(snapshot)}`;
      if (fresh || key !== this.lastText) {
        const shown = cropped ? cropText(snapshot, window) : snapshot;
        out += encodeTextCells(shown, 1, Math.floor((columns - shown.columns) / 2) + 1);
        this.lastText = key;
        this.lastPicture = null;
        this.lastCells = null;
      }
    } else if (picture && (fresh || !samePicture(picture, this.lastPicture))) {
      // A picture that is mostly text in JOS's font (the esp32c3's LCD
      // console) is read back as characters: legible where half blocks
      // would shrink 320x240 pixels into a blur.
      const grid = readGlyphCells(picture);
      if (grid && grid.columns <= columns && grid.rows <= pictureRows && grid.glyphCells >= GLYPH_SHARE * grid.columns * grid.rows) {
        out += encodeGlyphCells(grid, 1, Math.floor((columns - grid.columns) / 2) + 1);
        this.lastCells = null;
      } else {
        const size = fitSize(picture.width, picture.height, columns, pictureRows);
        const left = Math.floor((columns - size.width) / 2) + 1;
        const cells = downscale(picture, size.width, size.height);
        const at = `1,${left}`;
        // Every FULL_EVERY drawings in full, in case something else wrote
        // over the picture (a host warning on stderr).
        const full = fresh || this.lastCells?.at !== at || ++this.sinceFull >= FULL_EVERY;
        if (full) this.sinceFull = 0;
        const previous = full ? null : this.lastCells!.image;
        out += encodeHalfBlocks(cells, 1, left, previous);
        // downscale returns the picture itself when it fits: keep a copy.
        this.lastCells = { image: cells === picture ? { ...cells, rgba: cells.rgba.slice() } : cells, at };
      }
      this.lastPicture = { width: picture.width, height: picture.height, rgba: picture.rgba.slice() };
      this.lastText = '';
    }
    const paneChanged = this.pane !== null && this.pane.version !== this.lastPaneVersion;
    if (statusLine && (fresh || paneChanged || this.lastError !== this.shownError || notice !== this.shownNotice)) {
      out += this.drawPane(columns, pictureRows + 1, paneRows, notice);
      this.lastPaneVersion = this.pane?.version ?? -1;
      this.shownError = this.lastError;
      this.shownNotice = notice;
    }
    this.lastLayout = layout;
    if (out.length === 0) return false;
    this.term.write(out);
    return true;
  }

  /**
   * Rows for the picture, for the console pane, and whether there is a
   * status line above the pane. The pane takes a quarter of the terminal
   * (2 to 8 lines), but gives up lines — all of them if need be, keeping
   * the status line — so that a text screen fits cell for cell. A text
   * screen that still does not fit is cropped, and the status line (there
   * is one then even without a pane) says so.
   */
  private layout(columns: number, rows: number, snapshot: ScreenSnapshot | null): { paneRows: number; pictureRows: number; statusLine: boolean } {
    const text = snapshot?.kind === 'text' ? snapshot : null;
    if (!this.pane) {
      const fits = !text || (text.columns <= columns && text.rows <= rows);
      return fits ? { paneRows: 0, pictureRows: rows, statusLine: false } : { paneRows: 0, pictureRows: Math.max(1, rows - 1), statusLine: true };
    }
    let paneRows = Math.min(8, Math.max(2, Math.floor(rows / 4)));
    if (text && rows - 1 - paneRows < text.rows) paneRows = Math.min(paneRows, Math.max(0, rows - 1 - text.rows));
    return { paneRows, pictureRows: Math.max(1, rows - paneRows - 1), statusLine: true };
  }

  private drawPane(columns: number, statusRow: number, paneRows: number, notice: string): string {
    const title = this.lastError ? `screen: ${this.lastError}` : this.options.title ?? (this.pane ? 'serial console' : 'screen');
    const status = ` ${title}${notice ? ` | ${notice}` : ''} `;
    let out = `${ESC}[${statusRow};1H${ESC}[0;7m${clip(status, columns).padEnd(columns)}${ESC}[0m`;
    const lines = this.pane?.tail(paneRows) ?? [];
    for (let i = 0; i < paneRows; i++) out += `${ESC}[${statusRow + 1 + i};1H${clip(lines[i] ?? '', columns)}${ESC}[K`;
    return out;
  }
}

/** "cropped: rows 3-25 of 25 (80x26 shows all)" and the like: short enough
 * for an 80-column status line after the title. */
function cropNotice(window: TextWindow, rows: number, columns: number, neededRows: number): string {
  const parts: string[] = [];
  if (window.rows < rows) parts.push(`rows ${window.row + 1}-${window.row + window.rows} of ${rows}`);
  if (window.columns < columns) parts.push(`columns ${window.column + 1}-${window.column + window.columns} of ${columns}`);
  return `cropped: ${parts.join(', ')} (${columns}x${neededRows} shows all)`;
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
