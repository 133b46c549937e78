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

/** Lowering per opcode-table row (null: the handler is called). */
const LOWERINGS: (Lowering | null)[] = [];

/** Fills LOWERINGS for the rows present now (at the first compile, after
 * every module has added its rows). */
export function loweringsForRows(): (Lowering | null)[] {
  for (let k = LOWERINGS.length; k < ROWS.length; k++) {
    let l: Lowering | null = null;
    for (const p of PROVIDERS) if ((l = p(ROWS[k])) !== null) break;
    LOWERINGS.push(l);
  }
  return LOWERINGS;
}

