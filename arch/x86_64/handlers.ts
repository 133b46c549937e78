/**
 * The handler array the interpreter dispatches through (d.op[slot] indexes
 * it), built once from the opcode table, plus the rows for undecodable
 * instructions.
 */
import type { X86Core } from './core';
import { ENDS_BLOCK, Handler, OpcodeRow, ROWS } from './opcode-table';
import { EXC_UD } from './registers';

function undefinedOpcode(c: X86Core, _i: number): void {
  c.raise(EXC_UD);
}

function tooLong(c: X86Core, _i: number): void {
  c.gp(0);
}

function extraRow(name: string, fn: Handler): OpcodeRow {
  const r: OpcodeRow = {
    map: 0, code: 0, ext: -1, modrm: -1, pfx: -1, name, args: [], fn, size: 'v', hasModrm: false, opReg: -1,
    index: ROWS.length, end: true, noDiff: true,
  };
  ROWS.push(r);
  ENDS_BLOCK[r.index] = 1;
  return r;
}

export const UD_ROW = extraRow('(bad)', undefinedOpcode);
export const TOO_LONG_ROW = extraRow('(too long)', tooLong);

export const HANDLERS: Handler[] = [];
export const HANDLER_INDEX = new Uint16Array(ROWS.length);
{
  const seen = new Map<Handler, number>();
  for (const r of ROWS) {
    let n = seen.get(r.fn);
    if (n === undefined) {
      n = HANDLERS.length;
      HANDLERS.push(r.fn);
      seen.set(r.fn, n);
    }
    HANDLER_INDEX[r.index] = n;
  }
}
