/**
 * JIT templates of the arithmetic forms (see jit/templates.ts for the
 * rules every template follows): add/or/and/sub/xor/cmp/test at 8, 32 and
 * 64 bits, inc/dec, shl/shr/sar by an immediate, imul r32, div/idiv r32,
 * and the conditions a following jcc can take from their locals.
 */
import { NO_REG } from '../decoded';
import { FlagLocals, Template } from './emitter';
import { LazyOp } from '../flags';
import { readE } from './operand-code';
import { aluRow, unaryRow } from '../gen/forms';
import { explicitStores, Lazy, lazyStores, lowerCompare, lowerDivide32, lowerImul32, lowerImul64, lowerShift, lowerUop, Operands } from '../gen/js-lower';
import { shiftRowOf } from '../gen/shifts';
import { CONDITIONS_BY_CC, Flag } from '../gen/conditions';

// ---- ALU (add, or, and, sub, xor, cmp, test) ----

export type AluForm = 'EG' | 'GE' | 'EI';

/** FlagLocals kind of each lazy-flag record. */
const FLAG_KIND: Record<Lazy, FlagLocals['kind']> = { ADD: 'zs', SUB: 'sub', LOGIC: 'logic', INC: 'zs', DEC: 'zs' };

/** One ALU instruction at 32 or 64 bits (a row of gen/forms.ts: its
 * micro-op and lazy flags lowered by gen/js-lower.ts, as the
 * interpreter's generated cases): operands, result, lazy flags,
 * destination (a register, or memory read-modify-write). */
export function aluTemplate(form: AluForm, name: string): Template {
  const row = aluRow(name);
  if (row === undefined) throw new Error(`jit: no ALU row ${name}`);
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    if (size !== 4 && size !== 8) return false;
    const mem = d.rm[i] === NO_REG;
    const g = d.reg[i];
    let aLo: string;
    let aHi: string;
    let bLo: string;
    let bHi: string;
    if (form === 'GE') {
      [bLo, bHi] = readE(e, i, size);
      aLo = `rl[${g}]`;
      aHi = size === 8 ? `rh[${g}]` : '0';
    } else {
      [aLo, aHi] = readE(e, i, size);
      if (form === 'EG') {
        bLo = `rl[${g}]`;
        bHi = size === 8 ? `rh[${g}]` : '0';
      } else {
        bLo = String(d.imm[i]);
        bHi = String(d.immHi[i]);
      }
    }
    const x = e.v('x');
    const y = e.v('y');
    const r = e.v('r');
    const o: Operands = { size, x, xh: size === 8 ? `${x}h` : '0', y, yh: size === 8 ? `${y}h` : '0', r, tmp: (n) => e.v(n) };
    e.emit(`const ${x} = ${aLo}, ${y} = ${bLo};`);
    if (size === 8) e.emit(`const ${x}h = ${aHi}, ${y}h = ${bHi};`);
    for (const line of lowerUop(row.uop, o)) e.emit(line);
    e.flagWrite(lazyStores(row.lazy, o, false).join(' '));
    const rH = size === 8 ? `${r}h` : '0';
    e.flags = { kind: FLAG_KIND[row.lazy], size, a: x, aH: o.xh, b: y, bH: o.yh, r, rH };
    if (!row.writes) return true;
    if (form === 'GE') {
      e.emit(`rl[${g}] = ${r}; rh[${g}] = ${rH};`);
    } else if (!mem) {
      const dst = d.rm[i];
      e.emit(`rl[${dst}] = ${r}; rh[${dst}] = ${rH};`);
    } else {
      const a = e.v('a');
      e.store(size, a, r, `${r}h`);
    }
    return true;
  };
}

// ---- conditions after a known flag-setting instruction ----

/** The condition `cc` straight from the locals of the last flag-setting
 * instruction of the block, or null (then the predicate P<cc>(c)): a
 * row of gen/conditions.ts, by its comparison after a subtraction, else
 * by the flags the record's locals give (ZF from the result, SF from its
 * sign, CF = OF = 0 after a logic operation). */
export function fusedCondition(f: FlagLocals | null, cc: number): string | null {
  if (f === null) return null;
  const cond = CONDITIONS_BY_CC[cc];
  const row = cond.row;
  const zero = f.size === 8 ? `${f.r} === 0 && ${f.rH} === 0` : `${f.r} === 0`;
  const sign = f.size === 8 ? `${f.rH} < 0` : `${f.r} < 0`;
  const zeroOnly = row.flags.length === 1 && row.flags[0] === 'ZF';
  if (f.kind === 'sub' && row.sub !== null && !zeroOnly) return `(${lowerCompare(row.sub, cond.negated, f.size, f.a, f.aH, f.b, f.bH)})`;
  const known: Partial<Record<Flag, string>> = { ZF: zero };
  if (f.kind !== 'z') known.SF = sign;
  if (f.kind === 'logic') Object.assign(known, { CF: 'false', OF: 'false', 'SF^OF': sign });
  if (!row.flags.every((flag) => known[flag] !== undefined)) return null;
  const terms = row.flags.map((flag) => known[flag]!).filter((t) => t !== 'false');
  if (terms.length === 0) return cond.negated ? 'true' : 'false';
  const any = terms.map((t) => `(${t})`).join(' || ');
  return cond.negated ? `!(${any})` : `(${any})`;
}

// ---- inc / dec, shifts ----

/** inc, dec, neg, not on a 32/64-bit register (a single-operand row of
 * gen/forms.ts, lowered as the interpreter's generated cases). */
export function unaryTemplate(name: string): Template {
  const row = unaryRow(name);
  if (row === undefined) throw new Error(`jit: no single-operand row ${name}`);
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    const reg = d.rm[i];
    if ((size !== 4 && size !== 8) || reg === NO_REG) return false;
    const v = e.v('x');
    const r = e.v('r');
    const cf = e.v('cf');
    const at = (which: string, high: boolean): string => (which !== 'dst' ? (high ? '0' : which) : high ? (size === 8 ? `${v}h` : '0') : v);
    const o: Operands = { size, x: at(row.x, false), xh: at(row.x, true), y: at(row.y, false), yh: at(row.y, true), r, tmp: (n) => e.v(n), cf };
    if (row.lazy === 'INC' || row.lazy === 'DEC') {
      // They keep CF: 0 after a logic operation of this block, else read.
      const f = e.flags;
      if (f === null || f.kind !== 'logic') e.barrier(); // GETCF reads the flag fields
      e.emit(`const ${cf} = ${f !== null && f.kind === 'logic' ? '0' : 'GETCF(c)'};`);
    }
    e.emit(`const ${v} = rl[${reg}];`);
    if (size === 8) e.emit(`const ${v}h = rh[${reg}];`);
    for (const line of lowerUop(row.uop, o)) e.emit(line);
    const rH = size === 8 ? `${r}h` : '0';
    e.emit(`rl[${reg}] = ${r}; rh[${reg}] = ${rH};`);
    if (row.lazy === null) return true; // not: the flags (and what the block knows of them) stay
    e.flagWrite(lazyStores(row.lazy, o, false).join(' '));
    e.flags = { kind: FLAG_KIND[row.lazy], size, a: o.x, aH: o.xh, b: o.y, bH: o.yh, r, rH };
    return true;
  };
}

/** shl/sal, shr, sar of a 32/64-bit register by a constant count (a
 * row of gen/shifts.ts, lowered as the interpreter's generated cases):
 * a count of 0 (after the mask) changes no flags but still zero-extends
 * a 32-bit register. */
export function shiftTemplate(name: string): Template {
  const row = shiftRowOf(name);
  if (row === undefined) throw new Error(`jit: no shift row ${name}`);
  return (e, i) => {
    const d = e.d;
    const r = d.rm[i];
    const size = d.osz[i];
    if ((size !== 4 && size !== 8) || r === NO_REG) return false;
    const n = d.imm[i] & (size * 8 - 1);
    if (n === 0) {
      if (size === 4) e.emit(`rh[${r}] = 0;`);
      return true;
    }
    const x = e.v('x');
    const res = e.v('r');
    e.emit(`const ${x} = rl[${r}];`);
    if (size === 8) e.emit(`const ${x}h = rh[${r}];`);
    for (const line of lowerShift(row.op, size, x, `${x}h`, n, res)) e.emit(line);
    const rH = size === 8 ? `${res}h` : '0';
    e.emit(`rl[${r}] = ${res}; rh[${r}] = ${rH};`);
    e.flagWrite(explicitStores(size, res, rH, `${res}c`, `${res}o`, false).join(' '));
    e.flags = null;
    return true;
  };
}

/** imul r32, r/m32 (and , imm): gen/muldiv.ts's row at 4 bytes, the
 * product and its overflow from gen/js-lower.ts lowerImul32. */
export function imulTemplate(withImm: boolean): Template {
  return (e, i) => {
    const d = e.d;
    if (d.osz[i] !== 4) return false;
    const g = d.reg[i];
    const [src] = readE(e, i, 4);
    const x = e.v('x');
    const y = e.v('y');
    const r = e.v('r');
    const of = e.v('of');
    if (withImm) e.emit(`const ${x} = ${src}, ${y} = ${d.imm[i]};`);
    else e.emit(`const ${y} = ${src}, ${x} = rl[${g}];`);
    for (const line of lowerImul32(x, y, r, of)) e.emit(line);
    e.flagWrite(`c.fop = ${LazyOp.EXPLICIT}; c.fsz = 4; c.fres = ${r}; c.fresH = 0; c.fcf = ${of}; c.fof = ${of}; c.faf = 0;`);
    e.emit(`rl[${g}] = ${r}; rh[${g}] = 0;`);
    e.flags = null;
    return true;
  };
}

/** div / idiv r32 (ops/muldiv.ts divE): its two exact double paths inline
 * (a zero-extended or sign-extended 32-bit dividend); a zero divisor, a
 * wide dividend or INT_MIN / -1 go to the handler, which recomputes from
 * the registers and raises #DE where due (gen/js-lower.ts lowerDivide32). */
export function divTemplate(signed: boolean): Template {
  return (e, i) => {
    const d = e.d;
    const rm = d.rm[i];
    if (d.osz[i] !== 4 || rm === NO_REG) return false;
    const h = e.handlerOfSlot(i);
    e.barrier();
    const dv = e.v('dv');
    const n = e.v('n');
    const q = e.v('q');
    const call = `{ c.nextRip = ip + ${e.next}; ${h}(c, ${i}); }`;
    e.emit(`const ${dv} = rl[${rm}], ${n} = rl[0];`);
    const div = lowerDivide32(signed, n, dv, 'rl[2]', q);
    e.emit(`if (${div.defined}) { const ${q} = ${div.q}; rl[0] = ${q} | 0; rh[0] = 0; rl[2] = (${div.m}) | 0; rh[2] = 0; }`);
    e.emit(`else ${call}`);
    return true;
  };
}

/** adc / sbb at 32 and 64 bits (ops/alu.ts alu() with ADC/SBB): CF read
 * first, then every lazy flag field alu() records. */
export function carryTemplate(form: AluForm, adc: boolean): Template {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    if (size !== 4 && size !== 8) return false;
    const g = d.reg[i];
    let a: [string, string];
    let b: [string, string];
    const gReg: [string, string] = [`rl[${g}]`, size === 8 ? `rh[${g}]` : '0'];
    if (form === 'GE') {
      b = readE(e, i, size);
      a = gReg;
    } else {
      a = readE(e, i, size);
      b = form === 'EG' ? gReg : [String(d.imm[i]), size === 8 ? String(d.immHi[i]) : '0'];
    }
    e.barrier(); // GETCF reads the flag fields
    const cin = e.v('ci');
    const x = e.v('x');
    const y = e.v('y');
    const r = e.v('r');
    const op = adc ? '+' : '-';
    e.emit(`const ${cin} = GETCF(c), ${x} = ${a[0]}, ${y} = ${b[0]}, ${x}h = ${a[1]}, ${y}h = ${b[1]};`);
    if (size === 8) {
      e.emit(`const ${r}l = (${x} >>> 0) ${op} (${y} >>> 0) ${op} ${cin};`);
      e.emit(`const ${r} = ${r}l | 0, ${r}h = (${x}h ${op} ${y}h ${op} (${r}l ${adc ? '>= 4294967296' : '< 0'} ? 1 : 0)) | 0;`);
    } else e.emit(`const ${r} = (${x} ${op} ${y} ${op} ${cin}) | 0, ${r}h = 0;`);
    e.flagWrite(`c.fop = ${adc ? LazyOp.ADC : LazyOp.SBB}; c.fsz = ${size}; c.fa = ${x}; c.faH = ${x}h; c.fb = ${y}; c.fbH = ${y}h; c.fres = ${r}; c.fresH = ${r}h; c.fcin = ${cin};`);
    e.flags = null;
    if (form === 'GE') e.emit(`rl[${g}] = ${r}; rh[${g}] = ${r}h;`);
    else if (d.rm[i] !== NO_REG) e.emit(`rl[${d.rm[i]}] = ${r}; rh[${d.rm[i]}] = ${r}h;`);
    else e.store(size, e.v('a'), r, `${r}h`);
    return true;
  };
}

/** shl/sal, shr, sar r32 by CL (ops/shift.ts shiftECL at size 4; the
 * rows of gen/shifts.ts with the count a local): a count of 0 changes no
 * flags but still zero-extends. */
export function shiftClTemplate(name: string): Template {
  const row = shiftRowOf(name);
  if (row === undefined) throw new Error(`jit: no shift row ${name}`);
  return (e, i) => {
    const d = e.d;
    const r = d.rm[i];
    if (d.osz[i] !== 4 || r === NO_REG) return false;
    const n = e.v('n');
    const x = e.v('x');
    const res = e.v('r');
    e.emit(`const ${n} = rl[1] & 31, ${x} = rl[${r}];`);
    for (const line of lowerShift(row.op, 4, x, '0', n, res)) e.emit(line);
    e.emit(`rl[${r}] = ${res}; rh[${r}] = 0;`);
    // Written only for a non-zero count: earlier flag stores stay live,
    // and this one is never dropped by a later one.
    e.barrier();
    e.emit(`if (${n} !== 0) { ${explicitStores(4, res, '0', `${res}c`, `${res}o`, false).join(' ')} }`);
    e.flags = null;
    return true;
  };
}

/** imul r64, r64 (and , imm): gen/js-lower.ts lowerImul64, the row of
 * gen/muldiv.ts at 8 bytes (the product's low half from 16-bit pieces,
 * each exact in a double; the overflow from the double product's
 * magnitude). A product within 2^-50 of 2^63, which the doubles do not
 * decide, goes to the handler, which recomputes from the registers. */
export function imul64Template(withImm: boolean): Template {
  return (e, i) => {
    const d = e.d;
    const rm = d.rm[i];
    if (d.osz[i] !== 8 || rm === NO_REG) return false;
    const g = d.reg[i];
    const h = e.handlerOfSlot(i);
    e.barrier();
    const x = e.v('x');
    const y = e.v('y');
    const r = e.v('r');
    if (withImm) e.emit(`const ${x} = rl[${rm}], ${x}h = rh[${rm}], ${y} = ${d.imm[i]}, ${y}h = ${d.immHi[i]};`);
    else e.emit(`const ${x} = rl[${g}], ${x}h = rh[${g}], ${y} = rl[${rm}], ${y}h = rh[${rm}];`);
    const of = e.v('of');
    const l = lowerImul64(x, `${x}h`, y, `${y}h`, r, of);
    for (const line of l.magnitude) e.emit(line);
    e.emit(`if (!(${l.decided})) { c.nextRip = ip + ${e.next}; ${h}(c, ${i}); }`);
    e.emit(`else {`);
    for (const line of l.product) e.emit(line);
    e.emit(`c.fop = ${LazyOp.EXPLICIT}; c.fsz = 8; c.fres = ${r}; c.fresH = ${r}h; c.fcf = ${of}; c.fof = ${of}; c.faf = 0;`);
    e.emit(`rl[${g}] = ${r}; rh[${g}] = ${r}h; }`);
    e.flags = null;
    return true;
  };
}
