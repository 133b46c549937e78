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
 * those of gen/moves.ts (jit/move-templates.ts). A template returns false
 * for a form it does not cover; the emitter then calls the handler.
 *
 * Templates are keyed by opcode-table row (TEMPLATES[row index]); this
 * file has control flow, the rest of data movement and the table,
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
import { canonCheck, readE, storeDouble } from './operand-code';
import { smallAluTemplate, smallShiftTemplate } from './small-templates';
import { moveTemplate } from './move-templates';
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

const jmpRel: Template = (e, i) => {
  e.emit(`nx = ip + ${e.next + e.d.imm[i]}; ${canonCheck('nx')}`);
  e.nxSet = true;
  return true;
};

const callRel: Template = (e, i) => {
  const t = e.v('t');
  const s = e.v('s');
  e.emit(`const ${t} = ip + ${e.next + e.d.imm[i]}; ${canonCheck(t)}`);
  e.emit(`const ${s} = rh[4] * ${TWO32} + (rl[4] >>> 0) - 8;`);
  e.store(8, s, `((ip + ${e.next}) | 0)`, `(Math.floor((ip + ${e.next}) / ${TWO32}) | 0)`, null);
  e.emit(storeDouble(4, s));
  e.emit(`nx = ${t};`);
  e.nxSet = true;
  e.checkBrk('nx');
  return true;
};

/** call r/m64 (ops/control.ts callE): the target read (and checked)
 * before the return address is pushed. */
const callE: Template = (e, i) => {
  const [lo, hi] = readE(e, i, 8);
  const t = e.v('t');
  const s = e.v('s');
  e.emit(`const ${t} = ${hi} * ${TWO32} + (${lo} >>> 0); ${canonCheck(t)}`);
  e.emit(`const ${s} = rh[4] * ${TWO32} + (rl[4] >>> 0) - 8;`);
  e.store(8, s, `((ip + ${e.next}) | 0)`, `(Math.floor((ip + ${e.next}) / ${TWO32}) | 0)`, null);
  e.emit(storeDouble(4, s));
  e.emit(`nx = ${t};`);
  e.nxSet = true;
  e.checkBrk('nx');
  return true;
};

const ret: Template = (e, i) => {
  if (e.d.imm[i] !== 0) return false;
  const s = e.v('s');
  const lo = e.v('lo');
  const t = e.v('t');
  e.emit(`const ${s} = rh[4] * ${TWO32} + (rl[4] >>> 0);`);
  e.load(8, s, lo);
  e.emit(`const ${t} = ${lo}h * ${TWO32} + (${lo} >>> 0); ${canonCheck(t)}`);
  e.emit(storeDouble(4, `(${s} + 8)`));
  e.emit(`nx = ${t};`);
  e.nxSet = true;
  e.checkBrk('nx');
  return true;
};

const nop: Template = () => true;

const jmpE: Template = (e, i) => {
  const [lo, hi] = readE(e, i, 8);
  e.emit(`nx = ${hi} * ${TWO32} + (${lo} >>> 0); ${canonCheck('nx')}`);
  e.nxSet = true;
  return true;
};

/** 8-bit add/or/and/sub/xor/cmp/test (ops/alu.ts alu() at size 1): the
 * operands masked to a byte, every flag field alu() records. */

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

// ---- push / pop ----

const push: Template = (e, i) => {
  if (e.d.osz[i] !== 8) return false;
  const r = e.d.rm[i];
  const s = e.v('s');
  e.emit(`const ${s} = rh[4] * ${TWO32} + (rl[4] >>> 0) - 8;`);
  e.store(8, s, `rl[${r}]`, `rh[${r}]`, null);
  e.emit(storeDouble(4, s));
  e.checkBrk();
  return true;
};

const pop: Template = (e, i) => {
  if (e.d.osz[i] !== 8) return false;
  const r = e.d.rm[i];
  const s = e.v('s');
  const lo = e.v('lo');
  e.emit(`const ${s} = rh[4] * ${TWO32} + (rl[4] >>> 0);`);
  e.load(8, s, lo);
  e.emit(storeDouble(4, `(${s} + 8)`));
  e.emit(`rl[${r}] = ${lo}; rh[${r}] = ${lo}h;`);
  return true;
};

/** shl/shr/sar r64, imm8 (ops/shift.ts shift() with shl64/shr64/sar64 and
 * bit64 at size 8), the count a constant 1..63. */

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
    case 'call Ev':
      return callE;
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
    case 'push Zv':
      return push;
    case 'pop Zv':
      return pop;
  }
  if (fnIs(control.jcc)) return jcc;
  if (fnIs(control.jmpRel)) return jmpRel;
  if (fnIs(control.callRel)) return callRel;
  if (fnIs(control.ret)) return ret;
  if (fnIs(control.jmpE)) return jmpE;
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
