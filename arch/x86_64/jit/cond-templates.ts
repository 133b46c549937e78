/**
 * JIT templates of the instructions that read a condition (see
 * jit/templates.ts for the rules every template follows): cmovcc r32/r64
 * and setcc r/m8 (ops/mov.ts cmov, setcc). The condition comes from the
 * locals of the block's last flag-setting template when it can
 * (alu-templates.ts fusedCondition), else from the predicate P<cc>, which
 * reads the lazy flag fields.
 */
import { NO_REG } from '../decoded';
import { fusedCondition } from './alu-templates';
import type { BlockEmitter, Template } from './emitter';
import { readE, setReg8 } from './operand-code';

function condition(e: BlockEmitter, cc: number): string {
  const fused = fusedCondition(e.flags, cc);
  if (fused !== null) return fused;
  e.barrier(); // P<cc> reads the flag fields
  return `P${cc}(c)`;
}

/** cmovcc G, E: the source is read (and may fault) whatever the
 * condition; a 32-bit destination is zero-extended either way. */
export const cmov: Template = (e, i) => {
  const d = e.d;
  const size = d.osz[i];
  if (size !== 4 && size !== 8) return false;
  const [lo, hi] = readE(e, i, size);
  const g = d.reg[i];
  const v = e.v('cv');
  e.emit(`const ${v} = ${lo};`);
  if (size === 8) e.emit(`const ${v}h = ${hi};`);
  const cond = condition(e, d.x[i]);
  if (size === 8) e.emit(`if (${cond}) { rl[${g}] = ${v}; rh[${g}] = ${v}h; }`);
  else e.emit(`if (${cond}) rl[${g}] = ${v}; rh[${g}] = 0;`);
  return true;
};

/** setcc E8: 1 or 0 into a byte register or memory. */
export const setcc: Template = (e, i) => {
  const d = e.d;
  const cond = condition(e, d.x[i]);
  const v = e.v('sv');
  e.emit(`const ${v} = ${cond} ? 1 : 0;`);
  const rm = d.rm[i];
  if (rm !== NO_REG) {
    e.emit(setReg8(rm, v));
    return true;
  }
  const a = e.addr();
  e.store(1, a, v, '0');
  return true;
};
