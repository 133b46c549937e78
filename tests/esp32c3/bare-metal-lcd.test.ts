/**
 * End to end on the esp32c3 board: a bare-metal RV32IMC program (bare-metal/
 * lcd.S) brings the ST7789 up over GP-SPI2 with D/C on GPIO2, builds a
 * 38-descriptor GDMA chain in internal SRAM and fills the screen green in
 * one DMA transfer, clocked out by SPI2 in 32 KiB transactions — the LCD
 * path driven by guest code, not by the kernel's driver.
 */
import type { PixelScreenSnapshot } from '../../platform/screen';
import { assemble, bytesOf, runBareMetal, toolchainInstalled } from './bare-metal/run';

const DONE = 0x3fca_3000;
const DESCRIPTORS = 0x3fca_2000;

/** bare-metal/lcd.S, assembled (see run.ts for the command). */
const LCD_PROGRAM = new Uint32Array([
  0x60004437, 0x600244b7, 0x6003f937, 0x22234291, 0x02b70254, 0xa8230800, 0x45050054, 0x45452209,
  0x051328fd, 0x28e503a0, 0x05500513, 0x22094585, 0x03600513, 0x051320ed, 0x45850600, 0x051328d5,
  0x28f10290, 0x02a00513, 0x053728d9, 0x45913f01, 0x051320c5, 0x20e102b0, 0xef000537, 0x28c94591,
  0x02c00513, 0x02b7286d, 0x03133fca, 0xe3b73ff0, 0x039de007, 0x0072a023, 0x137d0291, 0xfe031ce3,
  0x3fca22b7, 0x02500313, 0x80ffd3b7, 0x0e3713f1, 0xa0233fca, 0xa2230072, 0x8e9301c2, 0xa42300c2,
  0x82f601d2, 0x16e3137d, 0x53b7fe03, 0x8393c089, 0xa0238943, 0xa2230072, 0xa42301c2, 0x42910002,
  0x00542423, 0x10092023, 0x002a22b7, 0x0e592023, 0x100002b7, 0x0254a823, 0x000269b7, 0x80098993,
  0x82ce6a21, 0x0142e363, 0x89b382d2, 0x028e4059, 0xae2312fd, 0x20b90054, 0xfe0995e3, 0x0204a823,
  0x10000313, 0x00092283, 0x0062f2b3, 0xfe028ce3, 0x3fca32b7, 0x03356319, 0x0062a023, 0x4291a001,
  0x00542623, 0x08a4ac23, 0xae23429d, 0xa8190054, 0x24234291, 0xac230054, 0x929308a4, 0x12fd0035,
  0x0054ae23, 0x010002b7, 0x0054a023, 0x0004a303, 0x00537333, 0xfe031ce3, 0x00008082,
]);

describe('bare metal on the esp32c3 board: SPI2, GDMA and the LCD', () => {
  test('a guest-built descriptor chain fills the whole screen', () => {
    const b = runBareMetal(LCD_PROGRAM, DONE);
    expect(b.bus.read32(DONE)).toBe(0x600d);
    const snap = b.screen.snapshot() as PixelScreenSnapshot;
    const green = [0, 255, 0, 255];
    for (const [x, y] of [[0, 0], [319, 0], [0, 239], [319, 239], [160, 120]]) {
      const o = (y * 320 + x) * 4;
      expect([...snap.rgba.subarray(o, o + 4)]).toEqual(green);
    }
    let notGreen = 0;
    for (let i = 0; i < snap.rgba.length; i += 4) if (snap.rgba[i + 1] !== 255 || snap.rgba[i] !== 0) notGreen++;
    expect(notGreen).toBe(0);
    // Without OUT_AUTO_WRBACK the DMA leaves the owner bits as they were.
    expect(b.bus.read32(DESCRIPTORS) >>> 31).toBe(1);
  });

  (toolchainInstalled ? test : test.skip)('the embedded program is what lcd.S assembles to', () => {
    const built = assemble('lcd.S');
    expect(bytesOf(LCD_PROGRAM, built.length)).toEqual(built);
  });
});
