/**
 * The pc board's boot screen: the kernel draws the logo through the Display
 * HAL (VGA driver -> VGA registers and memory), the model's snapshot is
 * rendered by the host's renderer and compared pixel for pixel with
 * tests/pc/golden/pc-boot-screen.png. After reviewing a deliberate change:
 *
 *   UPDATE_GOLDEN=1 npx jest tests/pc/boot-screen
 */
import * as fs from 'fs';
import * as path from 'path';
import { assembleBoard } from '../../boards/assemble';
import { findBoard } from '../../boards';
import { readPng, writePng } from '../../host/display/png-file';
import { renderSnapshot } from '../../host/display/render';
import { SCREEN, ScreenSource, TextScreenSnapshot } from '../../platform/screen';

const GOLDEN = path.join(__dirname, 'golden', 'pc-boot-screen.png');

test('the pc boot screen shows the logo in colour and matches the golden picture', () => {
  const board = assembleBoard(findBoard('pc')!, { cmdline: 'loglevel=error', rtc: '2026-01-01T00:00:00', bootEpochSeconds: 1767225600 });
  board.consoleUart.attachHost({ transmit: () => {}, receiveReady: () => {} });
  board.kernel.boot();
  const snapshot = board.container.get<ScreenSource>(SCREEN).snapshot() as TextScreenSnapshot;
  expect(snapshot.kind).toBe('text');
  const rows: string[] = [];
  for (let r = 0; r < snapshot.rows; r++) {
    let line = '';
    for (let c = 0; c < snapshot.columns; c++) line += String.fromCharCode(snapshot.cells[r * snapshot.columns + c] & 0xff);
    rows.push(line.trimEnd());
  }
  const text = rows.join('\n');
  expect(text).toContain('one kernel, two machines');
  expect(text).toContain('pc (x86_64)');
  // The block letters are CP437 full blocks (0xDB), coloured per row.
  const block = snapshot.cells.findIndex((cell) => (cell & 0xff) === 0xdb);
  expect(block).toBeGreaterThanOrEqual(0);
  expect(snapshot.cells[block] >> 8).toBe(0x0e);

  const image = renderSnapshot(snapshot);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(GOLDEN)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`no golden ${GOLDEN}: review, then UPDATE_GOLDEN=1 npx jest tests/pc/boot-screen`);
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
