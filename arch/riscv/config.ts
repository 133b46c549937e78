/**
 * What a board chooses about its RISC-V hart: extensions (reflected in
 * misa), privilege modes, the interrupt model, and where `time` comes from.
 */
import type { LineInterruptSource } from '../../platform/irq';

/** 'standard': mip/mie with CLINT/PLIC-style setters (privileged spec 3.1.9).
 * 'esp32c3': vectored mtvec only, CPU lines 1..31 from the interrupt matrix,
 * no mie/mip (ESP32-C3 TRM, chapter 8; docs/boards/esp32c3.md). */
export type InterruptModel = 'standard' | 'esp32c3';

export interface RiscvConfig {
  /** Extension letters beyond I, e.g. 'mac' or 'mc'. */
  readonly extensions: string;
  readonly supervisor: boolean;
  readonly user: boolean;
  readonly interruptModel: InterruptModel;
  readonly hartId?: number;
  readonly resetPc?: number;
  /** mvendorid / marchid / mimpid (0 = not implemented). */
  readonly vendorId?: number;
  readonly archId?: number;
  readonly implId?: number;
  /** The `time` CSR: a 64-bit tick count (CLINT mtime or the board's
   * timer). Defaults to the retired-instruction count. */
  readonly readTime?: () => number;
  readonly lineSource?: LineInterruptSource;
  /** The JIT tier (jit.ts): compile hot blocks to JavaScript (default on);
   * false interprets only. */
  readonly jit?: boolean;
  /** What the JIT tier compiles regions to: WebAssembly modules (wasm/,
   * the default) or JavaScript functions (jit.ts). */
  readonly jitBackend?: 'js' | 'wasm';
  /** Runs of a block before the JIT compiles it (default JIT_THRESHOLD; 1
   * compiles every block at its first run, which the tests use). */
  readonly jitThreshold?: number;
}

/** misa (privileged spec 3.1.1): MXL = 1 (32-bit) and one bit per letter. */
export function misaFor(config: RiscvConfig): number {
  let misa = 0x40000000 | letterBit('I');
  for (const letter of config.extensions.toUpperCase()) {
    if (!/[A-Z]/.test(letter)) throw new Error(`invalid extension letter "${letter}"`);
    if (!'MAC'.includes(letter)) throw new Error(`extension ${letter} is not implemented (RV32I + M, A, C)`);
    misa |= letterBit(letter);
  }
  if (config.supervisor) misa |= letterBit('S');
  if (config.user) misa |= letterBit('U');
  if (config.supervisor && !config.user) throw new Error('S-mode requires U-mode (privileged spec 1.2)');
  return misa >>> 0;
}

function letterBit(letter: string): number {
  return 1 << (letter.charCodeAt(0) - 65);
}
