/**
 * When an address (or lea) summed from 64-bit registers in doubles is
 * exact. A register's value is its high half times 2^32 plus its
 * unsigned low half; while it is below 2^52 in magnitude (the high half
 * in [-2^20, 2^20)) that double is exact, so is the index's product with
 * its scale (a power of two), and the double sum of such terms is the
 * exact sum correctly rounded: exact below 2^53, 2^53 or more otherwise,
 * which the callers' range checks (canonical, or 2^53 for lea) send to
 * their exact paths. Terms beyond it can round before they cancel: base
 * 2^62 + 1 and index -2^62 would sum to 0, not 1. One check for every
 * site: operands.ts ea(), runBlocks' address prologue, the JIT's
 * addresses (jit/emitter.ts addr) and lea (ops/mov.ts, ops/fast-control.ts,
 * gen/js-lower.ts leaInexact).
 */

/** Whether base and index, given their high halves (0 for a missing
 * one), are both below 2^52 in magnitude. */
export function termsFit(bh: number, xh: number): boolean {
  return ((bh + 0x100000) | (xh + 0x100000)) >>> 21 === 0;
}

/** The negation of termsFit as JavaScript source over high-half
 * expressions (generated code: runBlocks' cases, the JIT's). */
export function termsWideCode(highs: string[]): string {
  return `(${highs.map((h) => `(${h} + 0x100000)`).join(' | ')}) >>> 21 !== 0`;
}
