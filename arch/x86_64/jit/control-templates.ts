/**
 * The JIT's templates for the rows of gen/control.ts (jmp, call, ret,
 * push and pop), the steps of the row in its order: the target read and
 * checked, the push (store, then RSP), the pop (load, then RSP), then the
 * transfer into the block's next RIP `nx`. The template checks c.brk
 * after a store (it may have hit code) and after ret's load (a read
 * through a device may end the block), as the handlers' callers do.
 */
import { controlCovers, ControlRow, controlRowOf } from '../gen/control';
import type { Template } from './emitter';
import { TWO32 } from './emitter';
import { canonCheck, readE, storeDouble } from './operand-code';

const RSP = `rh[4] * ${TWO32} + (rl[4] >>> 0)`;

function controlTemplate(row: ControlRow): Template {
  return (e, i) => {
    if (!controlCovers(row, e.d.osz[i], e.d.imm[i])) return false;
    const next = e.next;
    // The target, as an expression (a direct jump writes nx at once).
    let target: string | null = null;
    let s: string | null = null;
    if (row.target === 'rel') target = `ip + ${next + e.d.imm[i]}`;
    else if (row.target === 'E') {
      const [lo, hi] = readE(e, i, 8);
      target = `${hi} * ${TWO32} + (${lo} >>> 0)`;
    } else if (row.target === 'top') {
      s = e.v('s');
      const lo = e.v('lo');
      e.emit(`const ${s} = ${RSP};`);
      e.load(8, s, lo);
      target = `${lo}h * ${TWO32} + (${lo} >>> 0)`;
    }
    let t = 'nx';
    if (target !== null && row.push === null && row.target !== 'top') e.emit(`nx = ${target}; ${canonCheck('nx')}`);
    else if (target !== null) {
      t = e.v('t');
      e.emit(`const ${t} = ${target}; ${canonCheck(t)}`);
    }
    if (s !== null) e.emit(storeDouble(4, `(${s} + 8)`));
    if (row.push !== null) {
      const p = e.v('s');
      e.emit(`const ${p} = ${RSP} - 8;`);
      const r = e.d.rm[i];
      if (row.push === 'next') e.store(8, p, `((ip + ${next}) | 0)`, `(Math.floor((ip + ${next}) / ${TWO32}) | 0)`, null);
      else e.store(8, p, `rl[${r}]`, `rh[${r}]`, null);
      e.emit(storeDouble(4, p));
    }
    if (row.pop) {
      const r = e.d.rm[i];
      const p = e.v('s');
      const lo = e.v('lo');
      e.emit(`const ${p} = ${RSP};`);
      e.load(8, p, lo);
      e.emit(storeDouble(4, `(${p} + 8)`));
      e.emit(`rl[${r}] = ${lo}; rh[${r}] = ${lo}h;`);
    }
    if (target !== null) {
      if (t !== 'nx') e.emit(`nx = ${t};`);
      e.nxSet = true;
    }
    if (row.push !== null || row.target === 'top') e.checkBrk(target !== null ? 'nx' : undefined);
    return true;
  };
}

/** The template of an opcode-table row of gen/control.ts, or null. */
export function controlTemplateOf(name: string, args: string): Template | null {
  const row = controlRowOf(name, args);
  return row === undefined ? null : controlTemplate(row);
}
