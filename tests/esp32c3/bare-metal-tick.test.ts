/**
 * End to end on the esp32c3 board: a bare-metal RV32IMC program (bare-metal/
 * tick.S) programs SYSTIMER alarm 0 in period mode and the interrupt
 * matrix, then sleeps in wfi; the RISC-V core in its ESP32-C3 interrupt
 * model takes line 1 at mtvec base + 4 and the handler counts ticks. Checks
 * the board's wiring (models, the matrix as the hart's LineInterruptSource,
 * virtual time) without the kernel.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RiscvCore } from '../../arch/riscv/core';
import { CPU } from '../../hal/cpu';
import { esp32c3 } from './board-harness';

const LOAD = 0x4038_0000;
const COUNT = 0x3fc9_0000;
const DONE = COUNT + 4;

/** tick.S assembled with riscv64-unknown-elf-gcc -march=rv32imc_zicsr
 * -mabi=ilp32 -nostdlib -Ttext=0x40380000, objcopy -O binary -j .text. */
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

describe('bare metal on the esp32c3 board', () => {
  test('SYSTIMER period interrupts reach the core through the matrix', () => {
    const b = esp32c3();
    const bytes = new Uint8Array(TICK_PROGRAM.buffer);
    b.bus.u8.set(bytes, b.bus.ramOffset(LOAD));
    // The board's own hart, wired to the matrix by boards/esp32c3.ts.
    const core = b.get<RiscvCore>(CPU);
    core.pc = LOAD;
    const machine = b.machine;
    const t0 = b.clock.nowNs();
    for (let turns = 0; turns < 10_000 && b.bus.read32(DONE) === 0; turns++) {
      if (machine.step(1 << 16) === 'idle') machine.jumpToNextEvent();
      if (b.clock.nowNs() - t0 > 50e6) break;
    }
    expect(b.bus.read32(DONE)).toBe(0x600d);
    expect(b.bus.read32(COUNT)).toBe(5);
    const elapsedMs = (b.clock.nowNs() - t0) / 1e6;
    expect(elapsedMs).toBeGreaterThanOrEqual(5);
    expect(elapsedMs).toBeLessThan(5.1);
    expect(core.halted).toBe(true); // asleep in wfi between ticks
  });

  const gcc = '/usr/bin/riscv64-unknown-elf-gcc';
  (fs.existsSync(gcc) ? test : test.skip)('the embedded program is what tick.S assembles to', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-tick-'));
    const elf = path.join(dir, 'tick.elf');
    const bin = path.join(dir, 'tick.bin');
    execFileSync(gcc, ['-march=rv32imc_zicsr', '-mabi=ilp32', '-nostdlib', '-Ttext=0x40380000', '-o', elf, path.join(__dirname, 'bare-metal', 'tick.S')]);
    execFileSync('/usr/bin/riscv64-unknown-elf-objcopy', ['-O', 'binary', '-j', '.text', elf, bin]);
    const built = fs.readFileSync(bin);
    expect(new Uint8Array(TICK_PROGRAM.buffer).subarray(0, built.length)).toEqual(new Uint8Array(built));
  });
});
