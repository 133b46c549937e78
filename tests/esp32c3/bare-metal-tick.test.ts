/**
 * End to end on the esp32c3 board: a bare-metal RV32IMC program (bare-metal/
 * tick.S) programs SYSTIMER alarm 0 in period mode and the interrupt
 * matrix, then sleeps in wfi; the hart in its ESP32-C3 interrupt model takes
 * line 1 at mtvec base + 4 and the handler counts ticks. Checks the board's
 * wiring (models, the matrix as the hart's LineInterruptSource, virtual
 * time) without the kernel.
 */
import { assemble, bytesOf, runBareMetal, toolchainInstalled } from './bare-metal/run';

const COUNT = 0x3fc9_0000;
const DONE = COUNT + 4;

/** bare-metal/tick.S, assembled (see run.ts for the command). */
const TICK_PROGRAM = new Uint32Array([
  0x00000297, 0x10028293, 0x0012e293, 0x30529073, 0x600c2537, 0x2a234305, 0x43150865, 0x10652c23,
  0x2a234305, 0x43091865, 0x10652223, 0x600235b7, 0x0005a303, 0xc00003b7, 0x00736333, 0x0065a023,
  0x40004337, 0xe8030313, 0x0265aa23, 0xa8234305, 0xa2230465, 0xa3030665, 0x03b70005, 0x63330100,
  0xa0230073, 0x60730065, 0x0e373004, 0x4f153fc9, 0x10500073, 0x000e2e83, 0xffeecce3, 0x0eb56e99,
  0x01de2223, 0x10500073, 0x0013bff5, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000,
  0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000,
  0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000,
  0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00130000, 0x00010000,
  0x0080006f, 0x0120006f, 0x04136405, 0x04b7bad4, 0xc0c03fc9, 0x3437bfd5, 0x44856002, 0x0437d464,
  0x40043fc9, 0xc0040485, 0x30200073, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
  0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
  0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
]);

describe('bare metal on the esp32c3 board: SYSTIMER and the matrix', () => {
  test('period interrupts reach the hart through the matrix; wfi idles between them', () => {
    const b = runBareMetal(TICK_PROGRAM, DONE);
    expect(b.bus.read32(DONE)).toBe(0x600d);
    expect(b.bus.read32(COUNT)).toBe(5);
    expect(b.elapsedNs / 1e6).toBeGreaterThanOrEqual(5);
    expect(b.elapsedNs / 1e6).toBeLessThan(5.1);
    expect(b.core.halted).toBe(true); // asleep in the final wfi
  });

  (toolchainInstalled ? test : test.skip)('the embedded program is what tick.S assembles to', () => {
    const built = assemble('tick.S');
    expect(bytesOf(TICK_PROGRAM, built.length)).toEqual(built);
  });
});
