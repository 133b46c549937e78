/**
 * Each board's boot screen, taken the way `jos run --screenshot FILE` takes
 * it (the display session, the renderer, the PNG writer), right after the
 * kernel has booted, compared pixel for pixel with
 * tests/host/golden/boot-<board>.png. The RTC is fixed so the run is the
 * same every time. After reviewing a deliberate change:
 *
 *   UPDATE_GOLDEN=1 npx jest tests/host
 */
import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findBoard } from '../../boards';
import { assembleBoard } from '../../boards/assemble';
import { openDisplay } from '../../host/display/display-session';
import { readPng } from '../../host/display/png-file';
import { compareWithGolden } from './golden';
import { DISPLAY, Display } from '../../hal/display';

const EXPECTED_SIZE: Record<string, [number, number]> = { pc: [640, 400], esp32c3: [320, 240] };

describe.each(['pc', 'esp32c3'])('the %s boot screen', (name) => {
  it('matches its golden picture', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-boot-'));
    try {
      const board = assembleBoard(findBoard(name)!, { cmdline: 'loglevel=error color=0', rtc: '2026-01-01T00:00:00', bootEpochSeconds: 1767225600 });
      board.consoleUart.attachHost({ transmit: () => {}, receiveReady: () => {} });
      const file = path.join(dir, 'boot.png');
      const display = openDisplay(board, { screenshot: file, serial: 'none' });
      display.start();
      board.kernel.boot();
      display.close(true);
      const image = readPng(file);
      expect([image.width, image.height]).toEqual(EXPECTED_SIZE[name]);
      // Not a blank screen: the logo has at least a few colours.
      const colours = new Set<number>();
      for (let p = 0; p < image.rgba.length; p += 4) colours.add((image.rgba[p] << 16) | (image.rgba[p + 1] << 8) | image.rgba[p + 2]);
      expect(colours.size).toBeGreaterThanOrEqual(4);
      expect(compareWithGolden(image, `boot-${name}`)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(['pc', 'esp32c3'])('a %s graphics frame', (name) => {
  it('reaches a screenshot through the Display driver and matches its golden picture', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-gfx-'));
    try {
      const board = assembleBoard(findBoard(name)!, { cmdline: 'loglevel=error color=0', rtc: '2026-01-01T00:00:00', bootEpochSeconds: 1767225600 });
      board.consoleUart.attachHost({ transmit: () => {}, receiveReady: () => {} });
      board.kernel.boot();
      const display = board.container.get<Display>(DISPLAY);
      display.setMode('graphics');
      // A palette of ramps (red, green, blue, grey) and a frame of diagonal bands.
      for (let i = 0; i < 256; i++) {
        const level = (i & 63) * 4 + 3;
        const ramp = i >> 6;
        display.setPalette(i, ramp === 0 || ramp === 3 ? level : 0, ramp === 1 || ramp === 3 ? level : 0, ramp === 2 || ramp === 3 ? level : 0);
      }
      const { graphicsWidth: width, graphicsHeight: height } = display;
      const frame = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) frame[y * width + x] = (x + y * 2) & 0xff;
      display.presentFrame(frame);
      const file = path.join(dir, 'frame.png');
      const session = openDisplay(board, { screenshot: file, serial: 'none' });
      session.close(true);
      const image = readPng(file);
      expect(image.width).toBeGreaterThanOrEqual(width);
      expect(compareWithGolden(image, `graphics-${name}`)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
