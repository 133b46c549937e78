/**
 * PNG screenshots: one at exit (`--screenshot FILE`) and a numbered series
 * in virtual time (`--screenshot-every SECONDS`: FILE-0001.png, ...), taken
 * by an event on the board's clock, so the same run gives the same series.
 *
 * The series does not keep an otherwise idle machine busy: when the machine
 * has nothing else to do (no other event, a halted or absent core) the
 * series pauses instead of making virtual time race ahead, and resumes on
 * its time grid once the machine has work again (after outside input).
 */
import * as path from 'path';
import type { Clock } from '../../platform/clock';
import type { ScreenSource } from '../../platform/screen';
import { writePng } from './png-file';
import { renderSnapshot } from './render';

/** 'shot.png', 7 -> 'shot-0007.png'; a name without .png gets it appended. */
export function seriesPath(file: string, index: number): string {
  const ext = path.extname(file).toLowerCase() === '.png' ? path.extname(file) : '';
  const stem = ext ? file.slice(0, -ext.length) : file;
  return `${stem}-${String(index).padStart(4, '0')}${ext || '.png'}`;
}

export function takeScreenshot(source: ScreenSource, file: string): void {
  writePng(file, renderSnapshot(source.snapshot()));
}

export class ScreenshotSeries {
  private index = 0;
  private event: ReturnType<Clock['schedule']> | null = null;
  private stopped = false;
  private nextNs: number;
  /** Files written so far. */
  readonly written: string[] = [];

  constructor(
    private readonly source: ScreenSource,
    private readonly clock: Clock,
    private readonly file: string,
    private readonly periodNs: number,
    /** Whether the machine has work of its own (another event, a running core). */
    private readonly machineBusy: () => boolean,
  ) {
    if (!(periodNs > 0)) throw new Error('the screenshot period must be positive');
    this.nextNs = clock.nowNs() + periodNs;
  }

  start(): void {
    this.arm();
  }

  /** Resumes a paused series once the machine has work again (the host
   * polls this; outside input is what makes an idle machine busy). */
  resumeIfBusy(): void {
    if (!this.event && this.machineBusy()) this.resume();
  }

  /** Resumes a paused series (after outside input). */
  resume(): void {
    if (this.event || this.stopped) return;
    const now = this.clock.nowNs();
    // Skip the periods that passed while paused: the series stays on its grid.
    if (this.nextNs <= now) this.nextNs += Math.ceil((now - this.nextNs + 1) / this.periodNs) * this.periodNs;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.clock.cancel(this.event);
    this.event = null;
  }

  private arm(): void {
    this.event = this.clock.schedule(this.nextNs, () => this.fire());
  }

  private fire(): void {
    this.event = null;
    this.index++;
    const file = seriesPath(this.file, this.index);
    takeScreenshot(this.source, file);
    this.written.push(file);
    this.nextNs += this.periodNs;
    if (this.machineBusy()) this.arm();
  }
}
