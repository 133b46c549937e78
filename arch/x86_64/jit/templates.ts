/**
 * Inline templates of the JIT (jit/emitter.ts): JavaScript for the hot
 * instruction forms, with the decoded operands as constants. Each template
 * computes exactly what the interpreter handler chosen for the same slot
 * computes (the generic handlers; ops/fast-control.ts's for branches and
 * lea): the same registers, memory accesses in the same order through the
 * same core.read/write paths, and the same lazy flags (the LazyOp kind and
 * every field it reads), written before any later access that may fault
 * where the handler does so. The ALU and single-operand templates lower
 * the rows of gen/forms.ts (jit/alu-templates.ts), the move templates
 * those of gen/moves.ts (jit/move-templates.ts), jmp/call/ret/push/pop
 * those of gen/control.ts (jit/control-templates.ts). A template returns
 * false for a form it does not cover; the emitter then calls the handler.
 *
 * Templates are keyed by opcode-table row (TEMPLATES[row index]); this
 * file has jcc, the rest of data movement and the table,
 * jit/alu-templates.ts the arithmetic.
 */
import { ROWS } from '../opcode-table';
import * as control from '../ops/control';
import * as mov from '../ops/mov';
import * as sseMove from '../ops/sse-move';
import type { Template } from './emitter';
import { TWO32 } from './emitter';
import { aluTemplate, carryTemplate, divTemplate, fusedCondition, imulTemplate, imul64Template, unaryTemplate, shiftClTemplate, shiftTemplate } from './alu-templates';
import { cmov, setcc } from './cond-templates';
import { canonCheck, storeDouble } from './operand-code';
import { smallAluTemplate, smallShiftTemplate } from './small-templates';
import { moveTemplate } from './move-templates';
import { controlTemplateOf } from './control-templates';
import { movLoad128, movStore128 } from './sse-templates';
import { moveRowOf } from '../gen/moves';
import { accumulatorRowOf } from '../gen/lea';
import { leaInexact, lowerAccumulator, lowerLea32, lowerLea64 } from '../gen/js-lower';

const ALU_NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];

// ---- control flow ----

const jcc: Template = (e, i) => {
  const cc = e.d.x[i];
  const fused = fusedCondition(e.flags, cc);
  if (fused === null) e.barrier(); // P<cc> reads the flag fields
  const cond = fused ?? `P${cc}(c)`;
  e.emit(`if (${cond}) { nx = ip + ${e.next + e.d.imm[i]}; ${canonCheck('nx')} } else nx = ip + ${e.next};`);
  e.nxSet = true;
  return true;
};

const nop: Template = () => true;

// ---- data movement ----

/** xchg r, rAX (90+r): with rAX itself (90, 66 90) it changes nothing. */
const xchgZ: Template = (e, i) => e.d.rm[i] === 0;

/** cbw/cwde/cdqe and cwd/cdq/cqo (ops/mov.ts cbw, cwd): the rows of
 * gen/lea.ts at every operand size, lowered as the interpreter's cases. */
function accumulatorTemplate(name: string): Template {
  const row = accumulatorRowOf(name);
  if (row === undefined) throw new Error(`jit: no accumulator row ${name}`);
  return (e, i) => {
    const size = e.d.osz[i] as 2 | 4 | 8;
    const d = row.dst;
    const { lo, hi } = lowerAccumulator(row.op, size, 'rl[0]', 'rh[0]', `rl[${d}]`);
    // (A fill reads rAX, never its destination rDX: the order is free.)
    if (lo !== null) e.emit(`rl[${d}] = ${lo};`);
    if (hi !== null) e.emit(`rh[${d}] = ${hi === lo ? `rl[${d}]` : hi};`);
    return true;
  };
}

/** lea with base (+index) or rip-relative addressing (ops/mov.ts lea;
 * gen/lea.ts, lowered as the interpreter's cases). */
const lea: Template = (e, i) => {
  const d = e.d;
  const size = d.osz[i];
  const m = d.amode[i];
  if ((size !== 4 && size !== 8) || m === 0) return false;
  const g = d.reg[i];
  const a = e.v('a');
  if (m === 3) {
    e.emit(`const ${a} = ip + ${e.next + d.disp[i]};`);
    e.emit(size === 8 ? storeDouble(g, a) : `rl[${g}] = ${a} | 0; rh[${g}] = 0;`);
    return true;
  }
  const b = d.base[i];
  const x = d.index[i];
  if (size === 4) {
    e.emit(`rl[${g}] = ${lowerLea32(String(d.disp[i]), `rl[${b}]`, m === 2 ? `rl[${x}]` : null, d.scale[i])}; rh[${g}] = 0;`);
    return true;
  }
  e.emit(`const ${a} = ${lowerLea64(String(d.disp[i]), [`rl[${b}]`, `rh[${b}]`], m === 2 ? [`rl[${x}]`, `rh[${x}]`] : null, 1 << d.scale[i], String(TWO32))};`);
  // A term or the sum beyond 2^52: the handler's exact path.
  const name = e.handlerOfSlot(i);
  e.emit(`if (${leaInexact(a, m === 2 ? [`rh[${b}]`, `rh[${x}]`] : [`rh[${b}]`])}) { c.nextRip = ip + ${e.next}; ${name}(c, ${i}); }`);
  e.emit(`else { ${storeDouble(g, a)} }`);
  return true;
};

// ---- the table ----

const SHIFT_NAMES = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];

/** The first of two templates that takes the slot (each declines the
 * operand sizes it does not cover). */
function either(a: Template, b: Template | null): Template {
  return b === null ? a : (e, i) => a(e, i) || b(e, i);
}

/** Template per opcode-table row (null: the handler is called). */
export const TEMPLATES: (Template | null)[] = [];

function templateFor(name: string, args: string, fnIs: (f: unknown) => boolean): Template | null {
  const op = ALU_NAMES.indexOf(name);
  if (op >= 0) {
    const form = args === 'Ev,Gv' || args === 'Eb,Gb' ? 'EG' : args === 'Gv,Ev' || args === 'Gb,Eb' ? 'GE' : 'EI';
    const big = op === 2 || op === 3 ? carryTemplate(form, op === 2) : aluTemplate(form, name);
    return either(smallAluTemplate(form, op), big);
  }
  const shiftOp = SHIFT_NAMES.indexOf(name);
  if (shiftOp >= 4 && (args === 'Ev,1' || args === 'Eb,1' || args === 'Eb,Ib' || args === 'Ev,Ib' || args === 'Ev,CL')) {
    const big = args === 'Ev,Ib' || args === 'Ev,1' ? shiftTemplate(name) : null;
    if (args === 'Ev,CL') return shiftClTemplate(name);
    return either(smallShiftTemplate(shiftOp), big);
  }
  if (moveRowOf(name, args) !== undefined) return moveTemplate(name, args);
  const transfer = controlTemplateOf(name, args);
  if (transfer !== null) return transfer;
  if (name.startsWith('cmov') && args === 'Gv,Ev') return cmov;
  if (name.startsWith('set') && args === 'Eb' && fnIs(mov.setcc)) return setcc;
  switch (`${name} ${args}`) {
    case 'test Eb,Gb':
    case 'test Ev,Gv':
      return either(smallAluTemplate('EG', 8), aluTemplate('EG', 'test'));
    case 'test AL,Ib':
    case 'test Eb,Ib':
    case 'test rAX,Iz':
    case 'test Ev,Iz':
      return either(smallAluTemplate('EI', 8), aluTemplate('EI', 'test'));
    case 'xchg Zv,rAX':
      return xchgZ;
    case 'cbw ':
    case 'cwd ':
      return accumulatorTemplate(name);
    case 'neg Ev':
    case 'not Ev':
    case 'inc Ev':
    case 'dec Ev':
      return unaryTemplate(name);
    case 'div Ev':
      return divTemplate(false);
    case 'idiv Ev':
      return divTemplate(true);
    case 'imul Gv,Ev':
      return either(imulTemplate(false), imul64Template(false));
    case 'imul Gv,Ev,Iz':
    case 'imul Gv,Ev,Ibs':
      return either(imulTemplate(true), imul64Template(true));
    case 'lea Gv,M':
      return lea;
  }
  if (fnIs(control.jcc)) return jcc;
  if (fnIs(control.nop)) return nop;
  if (fnIs(sseMove.movLoad128)) return movLoad128;
  if (fnIs(sseMove.movStore128)) return movStore128;
  return null;
}

/** Fills TEMPLATES for the rows present now (called when the first block is
 * compiled, after every module has added its rows). */
export function templatesForRows(): (Template | null)[] {
  for (let k = TEMPLATES.length; k < ROWS.length; k++) {
    const r = ROWS[k];
    TEMPLATES.push(templateFor(r.name, r.args.join(','), (f) => r.fn === f));
  }
  return TEMPLATES;
}
