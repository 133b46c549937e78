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
const SIZES = [1, 2, 4, 8, 16];
/** Specialised handler per (row, size, memory form): index + 1, or 0. */
export const SPEC_INDEX = new Uint16Array(ROWS.length * 10);

/** The handler index for a decoded row at operand size `osz`. */
export function handlerFor(rowIndex: number, osz: number, mem: boolean): number {
  const k = osz === 1 ? 0 : osz === 2 ? 1 : osz === 4 ? 2 : osz === 8 ? 3 : 4;
  const s = SPEC_INDEX[rowIndex * 10 + k * 2 + (mem ? 1 : 0)];
  return s !== 0 ? s - 1 : HANDLER_INDEX[rowIndex];
}
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
    if (r.spec) {
      SIZES.forEach((osz, k) => {
        for (const mem of [false, true]) {
          const h = r.spec!(osz, mem);
          if (h === undefined) continue;
          let m = seen.get(h);
          if (m === undefined) {
            m = HANDLERS.length;
            HANDLERS.push(h);
            seen.set(h, m);
          }
          SPEC_INDEX[r.index * 10 + k * 2 + (mem ? 1 : 0)] = m + 1;
        }
      });
    }
  }
}
