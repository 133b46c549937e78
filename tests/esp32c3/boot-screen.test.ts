/**
 * The esp32c3 board's boot screen: the kernel draws the logo through the
 * Display HAL (ST7789 driver -> SPI2, GPIO D/C and GDMA -> the LCD model),
 * and the LCD's RGBA snapshot is compared pixel for pixel with
 * tests/esp32c3/golden/esp32c3-boot-screen.png. After reviewing a
 * deliberate change:
 *
 *   UPDATE_GOLDEN=1 npx jest tests/esp32c3/boot-screen
 */
import * as fs from 'fs';
import * as path from 'path';
import { assembleBoard } from '../../boards/assemble';
import { esp32c3Board } from '../../boards/esp32c3';
import { readPng, writePng } from '../../host/display/png-file';
import { PixelScreenSnapshot, SCREEN, ScreenSource } from '../../platform/screen';

const GOLDEN = path.join(__dirname, 'golden', 'esp32c3-boot-screen.png');

test('the esp32c3 boot screen shows the logo on the LCD and matches the golden picture', () => {
  const board = assembleBoard(esp32c3Board, { memoryBytes: 4 << 20, cmdline: 'loglevel=error', bootEpochSeconds: 1767225600 });
  board.consoleUart.attachHost({ transmit: () => {}, receiveReady: () => {} });
  board.kernel.boot();
  const snapshot = board.container.get<ScreenSource>(SCREEN).snapshot() as PixelScreenSnapshot;
  expect([snapshot.kind, snapshot.width, snapshot.height]).toEqual(['pixels', 320, 240]);
  // The logo's top rows are yellow (VGA attribute 0x0E through RGB565).
  let yellow = 0;
  for (let i = 0; i < 320 * 48 * 4; i += 4) if (snapshot.rgba[i] > 240 && snapshot.rgba[i + 1] > 240 && snapshot.rgba[i + 2] < 100) yellow++;
  expect(yellow).toBeGreaterThan(500);

  const image = { width: snapshot.width, height: snapshot.height, rgba: snapshot.rgba };
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(GOLDEN)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`no golden ${GOLDEN}: review, then UPDATE_GOLDEN=1 npx jest tests/esp32c3/boot-screen`);
    writePng(GOLDEN, image);
    return;
  }
  const golden = readPng(GOLDEN);
  expect([image.width, image.height]).toEqual([golden.width, golden.height]);
  let differing = 0;
  for (let i = 0; i < image.rgba.length; i++) if (image.rgba[i] !== golden.rgba[i]) differing++;
  if (differing > 0) writePng(GOLDEN.replace(/\.png$/, '.actual.png'), image);
  expect(differing).toBe(0);
});
