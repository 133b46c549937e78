import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readPng } from '../../host/display/png-file';
import { ScreenshotSeries, seriesPath, takeScreenshot } from '../../host/display/screenshots';
import { Clock } from '../../platform/clock';
import type { ScreenSnapshot } from '../../platform/screen';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-shots-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A 2x1 screen whose red channel counts the snapshots taken. */
function countingSource(): { snapshot(): ScreenSnapshot; taken: number } {
  const source = {
    taken: 0,
    snapshot(): ScreenSnapshot {
      source.taken++;
      return { kind: 'pixels', width: 2, height: 1, rgba: new Uint8Array([source.taken, 0, 0, 255, 0, 0, 0, 255]) };
    },
  };
  return source;
}

describe('screenshots', () => {
  it('names a series FILE-0001.png, ...', () => {
    expect(seriesPath('out/shot.png', 1)).toBe('out/shot-0001.png');
    expect(seriesPath('shot.PNG', 12)).toBe('shot-0012.PNG');
    expect(seriesPath('shot', 3)).toBe('shot-0003.png');
  });

  it('writes one at exit', () => {
    const file = path.join(dir, 'exit.png');
    takeScreenshot(countingSource(), file);
    expect(Array.from(readPng(file).rgba)).toEqual([1, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('takes the series in virtual time, and pauses while the machine has nothing else to do', () => {
    const clock = new Clock(1e9);
    const source = countingSource();
    let busy = true;
    const series = new ScreenshotSeries(source, clock, path.join(dir, 's.png'), 0.5e9, () => busy);
    series.start();
    const runTo = (ns: number) => {
      while (clock.nextEventNs() <= ns) {
        clock.jumpTo(clock.nextEventNs());
        clock.fireDue();
      }
      clock.jumpTo(ns);
    };
    runTo(1.6e9);
    expect(series.written.map((f) => path.basename(f))).toEqual(['s-0001.png', 's-0002.png', 's-0003.png']);
    expect(readPng(series.written[2]).rgba[0]).toBe(3);
    busy = false; // after the next shot, nothing else is scheduled: the series stops ...
    runTo(2.1e9);
    expect(series.written.length).toBe(4);
    expect(clock.nextEventNs()).toBe(Infinity);
    runTo(3.2e9);
    busy = true;
    series.resume(); // ... until input: the next shot lands on the 0.5 s grid
    runTo(3.6e9);
    expect(series.written.length).toBe(5);
    expect(clock.nowNs()).toBe(3.6e9);
    busy = false;
    runTo(4.6e9); // paused again after the shot at 4.0 s
    expect(series.written.length).toBe(6);
    series.resumeIfBusy(); // still idle: stays paused
    expect(clock.nextEventNs()).toBe(Infinity);
    busy = true;
    series.resumeIfBusy(); // work again: the next shot is at 5.0 s
    runTo(5.2e9);
    expect(series.written.length).toBe(7);
    series.stop();
    series.resume();
    runTo(10e9);
    expect(series.written.length).toBe(7);
  });
});
