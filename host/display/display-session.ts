/**
 * The display side of `jos run`: `--display none|png|term`, `--screenshot
 * FILE`, `--screenshot-every SECONDS`. Reads the board's ScreenSource (the
 * SCREEN token); a board without one gets a clear error, not a blank file.
 *
 * With `--display term` and `--serial stdio`, the console UART's output
 * goes to a pane under the picture (serial-pane.ts): the console stays
 * visible without scrolling the picture away. `--serial file:PATH` still
 * sends it to the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AssembledBoard } from '../../boards/assemble';
import { SCREEN, ScreenSource } from '../../platform/screen';
import { UsageError } from '../usage-error';
import type { SerialPane } from './serial-pane';
import type { TerminalView } from './terminal-view';

/* eslint-disable @typescript-eslint/no-require-imports */
/** Loaded only when a run shows its screen: a run without a display does
 * not evaluate the renderers, the font and the PNG encoder (start-up time). */
const load = {
  screenshots: () => require('./screenshots') as typeof import('./screenshots'),
  pane: () => require('./serial-pane') as typeof import('./serial-pane'),
  view: () => require('./terminal-view') as typeof import('./terminal-view'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type DisplayMode = 'none' | 'png' | 'term';
export const DISPLAY_MODES: readonly DisplayMode[] = ['none', 'png', 'term'];

export interface DisplayOptions {
  display?: string;
  screenshot?: string;
  screenshotEvery?: string;
  serial: string;
}

export interface DisplaySession {
  readonly mode: DisplayMode;
  /** The console's host when the display took it (the pane), else null. */
  readonly console: { close(): void } | null;
  readonly pane: SerialPane | null;
  /** Takes the terminal (the live view) and starts the screenshot series. */
  start(): void;
  /** Outside input arrived: a paused screenshot series resumes. */
  inputArrived(): void;
  /** Restores the terminal and writes the exit screenshot (--screenshot FILE). */
  close(clean: boolean): void;
}

/** The mode the options ask for: --display, else png when --screenshot is given. */
export function displayMode(options: Pick<DisplayOptions, 'display' | 'screenshot'>): DisplayMode {
  const mode = options.display ?? (options.screenshot ? 'png' : 'none');
  if (!(DISPLAY_MODES as readonly string[]).includes(mode)) throw new UsageError(`invalid --display "${mode}" (expected none, png or term)`);
  return mode as DisplayMode;
}

export function openDisplay(board: AssembledBoard, options: DisplayOptions): DisplaySession {
  const mode = displayMode(options);
  const everySeconds = options.screenshotEvery === undefined ? undefined : Number(options.screenshotEvery);
  if (everySeconds !== undefined && !(everySeconds > 0)) throw new UsageError(`invalid --screenshot-every "${options.screenshotEvery}" (expected seconds of virtual time, e.g. 1 or 0.5)`);
  if (everySeconds !== undefined && !options.screenshot) throw new UsageError('--screenshot-every needs --screenshot FILE (the series is FILE-0001.png, ...)');
  if (mode === 'png' && !options.screenshot) throw new UsageError('--display png needs --screenshot FILE');
  if (mode === 'none' && options.screenshot) throw new UsageError('--screenshot cannot be used with --display none');
  if (mode === 'none') return inert(mode);
  if (options.screenshot) checkWritableDirectory(options.screenshot);

  const source = screenOf(board);
  if (mode === 'term' && process.stdout.isTTY !== true) throw new UsageError('--display term needs a terminal on stdout');

  let pane: SerialPane | null = null;
  let view: TerminalView | null = null;
  if (mode === 'term') {
    pane = options.serial === 'stdio' ? new (load.pane().SerialPane)() : null;
    pane?.attach(board.consoleUart);
    const stdout = process.stdout;
    const terminal = {
      get columns() {
        return stdout.columns ?? 80;
      },
      get rows() {
        return stdout.rows ?? 24;
      },
      get busy() {
        return stdout.writableNeedDrain;
      },
      write: (text: string) => {
        stdout.write(text);
      },
    };
    view = new (load.view().TerminalView)(source, terminal, pane, { title: `JOS ${board.definition.name}: Ctrl-A X quits` });
  }
  const onResize = () => view?.invalidate();

  const machine = board.machine;
  const busy = () => machine.clock.nextEventNs() !== Infinity || (machine.cpu !== null && !machine.cpu.halted);
  let resumePoll: NodeJS.Timeout | null = null;
  const series = everySeconds === undefined ? null : new (load.screenshots().ScreenshotSeries)(source, board.clock, options.screenshot!, everySeconds * 1e9, busy);

  return {
    mode,
    console: pane ? { close: () => {} } : null,
    pane,
    start() {
      view?.start();
      if (view) process.stdout.on('resize', onResize);
      if (series) {
        series.start();
        // A paused series picks up again once the machine has work (after input).
        resumePoll = setInterval(() => series.resumeIfBusy(), 100);
        resumePoll.unref();
      }
    },
    inputArrived: () => series?.resume(),
    close(clean: boolean) {
      if (resumePoll) clearInterval(resumePoll);
      series?.stop();
      process.stdout.off('resize', onResize);
      view?.close();
      if (options.screenshot) {
        try {
          load.screenshots().takeScreenshot(source, options.screenshot);
        } catch (error) {
          if (clean) throw error; // after a failure, that failure is the one to report
        }
      }
      if (pane) {
        // Leave the last console lines on the normal screen, so they are not lost with the view.
        const tail = pane.tail(20).join('\n').replace(/\s+$/, '');
        if (tail) process.stdout.write(tail + '\n');
      }
    },
  };
}

function screenOf(board: AssembledBoard): ScreenSource {
  if (!board.container.isBound(SCREEN)) {
    throw new UsageError(`the ${board.definition.name} board has no screen yet (no display device is bound to SCREEN), so --display and --screenshot are not available on it`);
  }
  return board.container.get<ScreenSource>(SCREEN);
}

/** A screenshot is written at the end of the run: a bad path is reported now, not then. */
function checkWritableDirectory(file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    if (!fs.statSync(dir).isDirectory()) throw new Error('not a directory');
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'not writable' : (error as Error).message;
    throw new UsageError(`--screenshot ${file}: cannot write into ${dir} (${why})`);
  }
}

function inert(mode: DisplayMode): DisplaySession {
  return { mode, console: null, pane: null, start: () => {}, inputArrived: () => {}, close: () => {} };
}
