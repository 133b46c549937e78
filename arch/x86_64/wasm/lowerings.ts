/**
 * The wasm backend's lowerings, keyed by opcode-table row (as the
 * JavaScript tier's TEMPLATES): jcc, nop and xchg r, rAX here; the
 * generated families (ALU, moves, shifts, lea, cbw/cwd, inc/dec/neg/not,
 * imul, div/idiv, setcc, cmovcc, jmp/call/ret/push/pop) are
 * gen/wasm-families.ts's, from the rows. Each one computes
 * exactly what the interpreter's handler for the same slot computes: the
 * same registers, memory accesses in the same order through the same
 * paths, the same lazy flags. A lowering returns false for a form it
 * does not cover; the instruction then calls its handler.
 *
 * Providers: functions from a row to its lowering (or null). The
 * generated families' providers (gen/wasm-*.ts) come first in PROVIDERS;
 * the first one that gives a lowering for a row wins.
 */
import { I64 } from '../../wasm/encoder';
import { OpcodeRow, ROWS } from '../opcode-table';
import * as control from '../ops/control';
import { genWasmProvider } from '../gen/wasm-families';
import { sseProvider } from './sse-lowerings';
import type { Lowering } from './emitter';

/** Gives the lowering of a row, or null. */
export type Provider = (row: OpcodeRow) => Lowering | null;

// ---- control flow ----

const jcc: Lowering = (e, i) => {
  e.condition(e.d.x[i]);
  e.branch(e.next + e.d.imm[i]);
  return true;
};

const nop: Lowering = () => true;

/** xchg r, rAX (90+r, ops/mov.ts xchgZ): with rAX itself (90, 66 90) it
 * changes nothing; otherwise the two registers swap at the size (a
 * 4-byte write zero-extends both). */
const xchgZ: Lowering = (e, i) => {
  const r = e.d.rm[i];
  if (r === 0) return true;
  const size = e.d.osz[i];
  const v = e.tmp(I64);
  e.getRegN(r, size).code.set(v);
  e.getRegN(0, size).setRegN(r, size);
  e.code.get(v);
  e.setRegN(0, size);
  return true;
};

// ---- the table ----

/** This file's lowerings (the generated families' are gen/wasm-families.ts's). */
export const baseProvider: Provider = (r) => {
  const args = r.args.join(',');
  switch (`${r.name} ${args}`) {
    case 'xchg Zv,rAX':
      return xchgZ;
  }
  if (r.fn === control.jcc) return jcc;
  if (r.fn === control.nop) return nop;
  return null;
};

/** The providers, first match wins (the generated families' first;
 * the SSE moves and logic are wasm/sse-lowerings.ts'). */
export const PROVIDERS: Provider[] = [genWasmProvider, baseProvider, sseProvider];

/** Lowering per opcode-table row (null: the handler is called;
 * undefined: not looked up yet). Each row's is found at its first use:
 * asking every provider about all 1010 rows at the first compile cost
 * every pc run about 52 M host instructions (cachegrind, node
 * --predictable), where a run meets only a few hundred rows. */
const LOWERINGS: (Lowering | null | undefined)[] = [];

function providedLowering(row: OpcodeRow): Lowering | null {
  let l: Lowering | null = null;
  for (const p of PROVIDERS) if ((l = p(row)) !== null) break;
  return l;
}

/** The lowering of opcode-table row `row` (its index in ROWS), or null:
 * the instruction calls its handler. */
export function loweringOf(row: number): Lowering | null {
  if (row >= LOWERINGS.length) while (LOWERINGS.length < ROWS.length) LOWERINGS.push(undefined);
  let l = LOWERINGS[row];
  if (l === undefined) LOWERINGS[row] = l = providedLowering(ROWS[row]);
  return l;
}

/** Every row's lowering (tests). */
export function loweringsForRows(): (Lowering | null)[] {
  return ROWS.map((_, k) => loweringOf(k));
}

