/**
 * Runs hand-written bare-metal programs (tests/esp32c3/bare-metal/*.S) on
 * the esp32c3 board's own hart, and checks the machine code a test embeds
 * against its source when the RISC-V toolchain is installed.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RiscvCore } from '../../../arch/riscv/core';
import { CPU } from '../../../hal/cpu';
import { esp32c3 } from '../board-harness';

export const LOAD = 0x4038_0000;
const GCC = '/usr/bin/riscv64-unknown-elf-gcc';
const OBJCOPY = '/usr/bin/riscv64-unknown-elf-objcopy';

export const toolchainInstalled = fs.existsSync(GCC) && fs.existsSync(OBJCOPY);

/** Loads `program` at LOAD and runs the board until `done` holds a non-zero
 * word or `maxVirtualNs` pass; returns the board. */
export function runBareMetal(program: Uint32Array, done: number, maxVirtualNs = 50e6) {
  const b = esp32c3();
  b.bus.u8.set(new Uint8Array(program.buffer), b.bus.ramOffset(LOAD));
  const core = b.get<RiscvCore>(CPU);
  core.pc = LOAD;
  const t0 = b.clock.nowNs();
  for (let turns = 0; turns < 100_000 && b.bus.read32(done) === 0; turns++) {
    if (b.machine.step(1 << 16) === 'idle') b.machine.jumpToNextEvent();
    if (b.clock.nowNs() - t0 > maxVirtualNs) break;
  }
  return { ...b, core, elapsedNs: b.clock.nowNs() - t0 };
}

/** The .text of `source` (in bare-metal/) as riscv64-unknown-elf-gcc
 * -march=rv32imc_zicsr -mabi=ilp32 -nostdlib -Ttext=0x40380000 builds it. */
export function assemble(source: string): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-bare-'));
  const elf = path.join(dir, 'prog.elf');
  const bin = path.join(dir, 'prog.bin');
  execFileSync(GCC, ['-march=rv32imc_zicsr', '-mabi=ilp32', '-nostdlib', '-Ttext=0x40380000', '-o', elf, path.join(__dirname, source)]);
  execFileSync(OBJCOPY, ['-O', 'binary', '-j', '.text', elf, bin]);
  return new Uint8Array(fs.readFileSync(bin));
}

/** The first `length` bytes of an embedded program. */
export function bytesOf(program: Uint32Array, length: number): Uint8Array {
  return new Uint8Array(program.buffer).subarray(0, length);
}
