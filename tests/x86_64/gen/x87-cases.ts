/**
 * Building blocks for x87 differential sequences (used by the x87-*.test.ts
 * files): a data block with random and edge-case operands, a prologue that
 * loads the control word, and an epilogue that spills the stack and the
 * status/control words into the compared data block.
 */
import { Rng, DATA_ADDR, DATA_SIZE, STACK_TOP, STATE_SIZE, TestCase } from './generate';
import { CoreRunner, compare, runNative } from '../harness/diff';
import { CR0_NE, EXC_MF } from '../../../arch/x86_64/registers';

/** Results area in the data block. */
export const OUT = 256;
/** Control word slot (m16) in the data block. */
export const CW_AT = 120;
/** m80 operand slots. */
export const M80 = [0, 10, 20, 30, 40, 50];

/** op m (memory operand at [rsi + disp32]); ModRM mod=10, rm=110 (RSI). */
export function mem(op: number, reg: number, disp: number): number[] {
  return [op, 0x80 | (reg << 3) | 6, disp & 0xff, (disp >>> 8) & 0xff, 0, 0];
}

/** Writes an 80-bit value. */
export function put80(data: Uint8Array, at: number, se: number, hi: number, lo: number): void {
  const v = new DataView(data.buffer, data.byteOffset);
  v.setUint32(at, lo >>> 0, true);
  v.setUint32(at + 4, hi >>> 0, true);
  v.setUint16(at + 8, se & 0xffff, true);
}

/** A random 80-bit operand: normals near 1, wide exponents, edge significands, specials. */
export function rand80(rng: Rng, data: Uint8Array, at: number): void {
  const kind = rng.int(16);
  let e = 0x3fff - 8 + rng.int(17);
  let hi = (rng.next() | 0x80000000) >>> 0;
  let lo = rng.next();
  const sign = rng.int(2);
  if (kind === 0) e = rng.int(0x7fff);
  else if (kind === 1) [e, hi, lo] = [0, 0, 0];
  else if (kind === 2) [e, hi, lo] = [0x7fff, 0x80000000, 0];
  else if (kind === 3) [e, hi] = [0x7fff, (0xc0000000 | rng.next()) >>> 0];
  else if (kind === 4) [e, hi] = [0x7fff, ((rng.next() & 0x3fffffff) | 0x80000001) >>> 0];
  else if (kind === 5) [e, hi] = [0, rng.next() & 0x7fffffff];
  else if (kind === 6) e = 1 + rng.int(70);
  else if (kind === 7) e = 0x7ffe - rng.int(70);
  put80(data, at, (sign << 15) | e, hi, lo);
}

/** A control word with all exceptions masked and random precision and rounding control. */
export function randomCw(rng: Rng, pcs: readonly number[] = [0, 2, 3]): number {
  return 0x007f | (rng.pick(pcs) << 8) | (rng.int(4) << 10);
}

/**
 * A case: fninit; fldcw [CW_AT]; body; then fnstsw ax -> ebx, fnstcw, three
 * m80 spills of the stack (empty entries store the indefinite with IE) and
 * the final status word in ax.
 */
export function x87Case(rng: Rng, data: Uint8Array, body: number[], text: string, spills = 3): TestCase {
  const code: number[] = [0xdb, 0xe3];
  code.push(...mem(0xd9, 5, CW_AT));
  code.push(...body);
  code.push(0xdf, 0xe0); // fnstsw ax
  code.push(...mem(0xd9, 7, OUT + 76)); // fnstcw
  for (let k = 0; k < spills; k++) code.push(...mem(0xdb, 7, OUT + k * 10));
  code.push(0x89, 0xc3); // mov ebx, eax
  code.push(0xdf, 0xe0);
  const state = new Uint8Array(STATE_SIZE);
  const view = new DataView(state.buffer);
  view.setBigUint64(4 * 8, BigInt(STACK_TOP), true);
  view.setBigUint64(6 * 8, BigInt(DATA_ADDR), true); // rsi
  view.setBigUint64(0, BigInt(rng.next()), true);
  view.setBigUint64(128, 0x202n, true);
  view.setUint32(416, 0x1f80, true);
  void DATA_SIZE;
  return { code: new Uint8Array(code), state, data, rows: [], undefFlags: 0, text };
}

/** Throws with the first failures if any. */
export function expectNoFailures(failures: string[], total: number): void {
  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${total} cases differ; first ones:\n${failures.slice(0, 10).join('\n')}`);
  }
}

/**
 * runDifferential with CR0.NE set on the core (native x87 error reporting,
 * as Linux runs it: an unmasked exception raises #MF at the next waiting
 * instruction), #MF counting as the SIGFPE Linux turns it into.
 */
export function runX87Differential(cases: TestCase[]): string[] {
  const native = runNative(cases);
  const runner = new CoreRunner();
  runner.core.cr0 |= CR0_NE;
  const failures: string[] = [];
  cases.forEach((c, k) => {
    const emu = runner.run(c);
    if (emu.status === 100 + EXC_MF) emu.status = 100; // SIGFPE's fault class
    const d = compare(c, native[k], emu);
    if (d) failures.push(d);
  });
  return failures;
}
