/**
 * Code fragments the JIT's templates share (jit/templates.ts,
 * jit/alu-templates.ts): register and memory operands as JavaScript
 * expressions over the core's arrays (`rl`, `rh`) and the emitter's inline
 * loads, the canonical-address check of branch targets, byte registers.
 */
import { NO_REG } from '../decoded';
import { BlockEmitter, CANON, TWO32 } from './emitter';

export function canonCheck(v: string): string {
  return `if (${v} >= ${CANON} || ${v} < -${CANON}) c.gp(0);`;
}

/** Splits a double address local into register halves. */
export function storeDouble(r: number, v: string): string {
  return `rl[${r}] = ${v} | 0; rh[${r}] = Math.floor(${v} / ${TWO32}) | 0;`;
}

/** Reads the E operand (register or memory) of a 4/8-byte slot into
 * locals; returns [lo, hi] expressions (hi is '0' for size 4). */
export function readE(e: BlockEmitter, i: number, size: number): [string, string] {
  const r = e.d.rm[i];
  if (r !== NO_REG) return [`rl[${r}]`, size === 8 ? `rh[${r}]` : '0'];
  const a = e.addr();
  const v = e.v('m');
  if (size === 8) {
    e.load(8, a, v);
    return [v, `${v}h`];
  }
  e.load(4, a, v);
  return [v, '0'];
}

export function reg8(r: number): string {
  return r < 16 ? `(rl[${r}] & 0xff)` : `((rl[${r - 16}] >> 8) & 0xff)`;
}

export function setReg8(r: number, v: string): string {
  return r < 16 ? `rl[${r}] = (rl[${r}] & ~0xff) | (${v} & 0xff);` : `rl[${r - 16}] = (rl[${r - 16}] & ~0xff00) | ((${v} & 0xff) << 8);`;
}

/** Register r of 1 or 2 bytes (operands.ts getReg), as an expression. */
export function regN(r: number, size: number): string {
  return size === 1 ? reg8(r) : `(rl[${r}] & 0xffff)`;
}

/** Writes the low 1 or 2 bytes of register r (operands.ts setReg). */
export function setRegN(r: number, size: number, v: string): string {
  return size === 1 ? setReg8(r, v) : `rl[${r}] = (rl[${r}] & ~0xffff) | (${v} & 0xffff);`;
}
