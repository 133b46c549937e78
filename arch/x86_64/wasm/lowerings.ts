/**
 * The wasm backend's lowerings, keyed by opcode-table row (as the
 * JavaScript tier's TEMPLATES): control flow (jcc, jmp, call, ret), the
 * stack, lea, and the hot data-movement and ALU forms. Each one computes
 * exactly what the interpreter's handler for the same slot computes: the
 * same registers, memory accesses in the same order through the same
 * paths, the same lazy flags. A lowering returns false for a form it
 * does not cover; the instruction then calls its handler.
 *
 * Providers: functions from a row to its lowering (or null). The
 * generated families' providers (gen/wasm-*.ts) come first in PROVIDERS;
 * the first one that gives a lowering for a row wins.
 */
import { F64, I32, I64, W } from '../../wasm/encoder';
import { NO_REG } from '../decoded';
import { LazyOp } from '../flags';
import { OpcodeRow, ROWS } from '../opcode-table';
import * as control from '../ops/control';
import * as mov from '../ops/mov';
import { aluRow } from '../gen/forms';
import { FF, Lowering, WasmEmitter } from './emitter';

/** Gives the lowering of a row, or null. */
export type Provider = (row: OpcodeRow) => Lowering | null;

// ---- control flow ----

const jcc: Lowering = (e, i) => {
  e.condition(e.d.x[i]);
  e.branch(e.next + e.d.imm[i]);
  return true;
};

const jmpRel: Lowering = (e, i) => {
  const t = e.next + e.d.imm[i];
  e.ripAt(t).setNextRip();
  e.canonCheck(e.nx, t);
  return true;
};

/** Pushes the 8-byte value of i64 local `v`: the store first (it may
 * fault: RSP unchanged), then RSP, then the brk check. */
function push64(e: WasmEmitter, v: number): void {
  const c = e.code;
  const s = e.tmp(I64);
  e.getReg(4);
  c.i64(8).op(W.I64_SUB).set(s);
  e.store(8, s, v, false);
  c.get(s);
  e.setReg(4);
}

/** The next RIP as an i64 local. */
function returnAddress(e: WasmEmitter): number {
  const v = e.tmp(I64);
  e.ripAt(e.next).code.op(W.I64_TRUNC_F64_S).set(v);
  return v;
}

const callRel: Lowering = (e, i) => {
  const t = e.next + e.d.imm[i];
  const target = e.tmp(F64);
  e.ripAt(t).code.set(target);
  e.canonCheck(target, t);
  push64(e, returnAddress(e));
  e.code.get(target);
  e.setNextRip();
  e.checkBrk();
  return true;
};

/** The f64 of an i64 address local (canonical: exact). */
function toRip(e: WasmEmitter, v: number): void {
  e.code.get(v).op(W.F64_CONVERT_I64_S);
}

/** call r/m64: the target read (and checked) before the push. */
const callE: Lowering = (e, i) => {
  if (e.d.osz[i] !== 8) return false;
  const v = e.readE(8);
  const target = e.tmp(F64);
  toRip(e, v);
  e.code.set(target);
  e.canonCheck(target);
  push64(e, returnAddress(e));
  e.code.get(target);
  e.setNextRip();
  e.checkBrk();
  return true;
};

const ret: Lowering = (e, i) => {
  if (e.d.imm[i] !== 0) return false;
  const c = e.code;
  const s = e.tmp(I64);
  const v = e.tmp(I64);
  e.getReg(4);
  c.set(s);
  e.load(8, s).code.set(v);
  const target = e.tmp(F64);
  toRip(e, v);
  c.set(target);
  e.canonCheck(target);
  c.get(s).i64(8).op(W.I64_ADD);
  e.setReg(4);
  c.get(target);
  e.setNextRip();
  return true;
};

const jmpE: Lowering = (e, i) => {
  if (e.d.osz[i] !== 8) return false;
  const v = e.readE(8);
  const target = e.tmp(F64);
  toRip(e, v);
  e.code.set(target);
  e.canonCheck(target);
  e.code.get(target);
  e.setNextRip();
  return true;
};

const nop: Lowering = () => true;

// ---- stack ----

const push: Lowering = (e, i) => {
  if (e.d.osz[i] !== 8) return false;
  const v = e.tmp(I64);
  e.getReg(e.d.rm[i]).code.set(v);
  push64(e, v);
  e.checkBrk();
  return true;
};

const pop: Lowering = (e, i) => {
  if (e.d.osz[i] !== 8) return false;
  const c = e.code;
  const s = e.tmp(I64);
  const v = e.tmp(I64);
  e.getReg(4);
  c.set(s);
  e.load(8, s).code.set(v);
  c.get(s).i64(8).op(W.I64_ADD);
  e.setReg(4);
  c.get(v);
  e.setReg(e.d.rm[i]);
  return true;
};

// ---- data movement ----

/** lea with base (+ index) or RIP-relative addressing, 4 or 8 bytes. */
const lea: Lowering = (e, i) => {
  const d = e.d;
  const size = d.osz[i];
  if ((size !== 4 && size !== 8) || d.amode[i] === 0) return false;
  const a = e.addr();
  e.code.get(a);
  e.setRegN(d.reg[i], size);
  return true;
};

/** mov, movzx, movsx, movsxd: the source at its width, widened to the
 * destination's (operand sizes 4 and 8; mov also 1 and 2). */
function move(from: number | 'v', ext: 'zero' | 'sign', dir: 'EG' | 'GE' | 'EI'): Lowering {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    if (size !== 4 && size !== 8 && from !== 'v') return false;
    const width = from === 'v' ? size : from;
    const c = e.code;
    if (dir === 'EI') {
      const v = e.tmp(I64);
      c.i64Halves(d.imm[i], size === 8 ? d.immHi[i] : 0).set(v);
      e.writeE(size, v);
      return true;
    }
    if (dir === 'EG') {
      const v = e.tmp(I64);
      e.getRegN(d.reg[i], size).code.set(v);
      e.writeE(size, v);
      return true;
    }
    // G = widen(E)
    const rm = d.rm[i];
    if (rm !== NO_REG) {
      e.getRegN(rm, width);
      if (ext === 'sign' && width < size) c.op(width === 1 ? W.I64_EXTEND8_S : width === 2 ? W.I64_EXTEND16_S : W.I64_EXTEND32_S);
    } else {
      e.load(width, e.addr(), ext === 'sign' && width < size);
    }
    e.setRegN(d.reg[i], size);
    return true;
  };
}

// ---- ALU ----

/** add/or/and/sub/xor/cmp/test at 1, 2, 4 and 8 bytes: operands,
 * result, lazy flags, destination (a register, or memory
 * read-modify-write). At 1 and 2 bytes every flag field is written, as
 * ops/alu.ts alu() does there. */
function alu(name: string, form: 'EG' | 'GE' | 'EI'): Lowering {
  const row = aluRow(name);
  if (row === undefined) throw new Error(`wasm: no ALU row ${name}`);
  const op = { add: W.I64_ADD, sub: W.I64_SUB, and: W.I64_AND, or: W.I64_OR, xor: W.I64_XOR }[row.uop];
  const lazy = { ADD: LazyOp.ADD, SUB: LazyOp.SUB, LOGIC: LazyOp.LOGIC, INC: LazyOp.INC, DEC: LazyOp.DEC }[row.lazy];
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i] as 1 | 2 | 4 | 8;
    const c = e.code;
    const g = d.reg[i];
    let a: number;
    let b: number;
    if (form === 'GE') {
      b = e.readE(size);
      a = e.tmp(I64);
      e.getRegN(g, size).code.set(a);
    } else {
      a = e.readE(size);
      b = e.tmp(I64);
      if (form === 'EG') e.getRegN(g, size).code.set(b);
      else if (size >= 4) c.i64Halves(d.imm[i], size === 8 ? d.immHi[i] : 0).set(b);
      else c.i64(d.imm[i] & (size === 1 ? 0xff : 0xffff)).set(b);
    }
    const r = e.tmp(I64);
    c.get(a).get(b).op(op);
    if (size !== 8) c.i64(size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff).op(W.I64_AND);
    c.set(r);
    if (size >= 4) e.lazyFlags(lazy, size, a, b, r);
    else e.lazyFlagsAll(lazy, size as 1 | 2, a, b, r);
    if (!row.writes) return true;
    if (form === 'GE') {
      c.get(r);
      e.setRegN(g, size);
    } else e.writeE(size, r);
    return true;
  };
}

/** cbw / cwde / cdqe (ops/mov.ts cbw): rAX from its lower half, sign-extended. */
const cbw: Lowering = (e, i) => {
  const size = e.d.osz[i];
  const c = e.code;
  e.getReg(0);
  c.op(size === 2 ? W.I64_EXTEND8_S : size === 4 ? W.I64_EXTEND16_S : W.I64_EXTEND32_S);
  e.setRegN(0, size);
  return true;
};

/** cwd / cdq / cqo (ops/mov.ts cwd): rDX all copies of rAX's sign bit. */
const cwd: Lowering = (e, i) => {
  const size = e.d.osz[i];
  const c = e.code;
  e.getReg(0);
  if (size !== 8) c.op(size === 2 ? W.I64_EXTEND16_S : W.I64_EXTEND32_S);
  c.i64(63).op(W.I64_SHR_S);
  e.setRegN(2, size);
  return true;
};

/** setcc E8 (ops/mov.ts setcc): 1 or 0. */
const setcc: Lowering = (e, i) => {
  const v = e.tmp(I64);
  e.condition(e.d.x[i]).code.op(W.I64_EXTEND_I32_U).set(v);
  e.writeE(1, v);
  return true;
};

/** cmovcc G, E at 4 and 8 bytes (ops/mov.ts cmov): the source read (and
 * its fault taken) whatever the condition; a 4-byte destination is
 * zero-extended either way. */
const cmov: Lowering = (e, i) => {
  const d = e.d;
  const size = d.osz[i];
  if (size !== 4 && size !== 8) return false;
  const c = e.code;
  const v = e.readE(size);
  const cond = e.tmp(I32);
  e.condition(d.x[i]).code.set(cond);
  c.get(v);
  e.getReg(d.reg[i]);
  c.get(cond).op(W.SELECT);
  e.setRegN(d.reg[i], size);
  return true;
};

// ---- single-operand arithmetic ----

/** inc, dec, neg, not E at 4 and 8 bytes (ops/alu.ts incDecE, negE,
 * notE): the lazy flags of gen/forms.ts's unary rows (inc/dec keep the
 * carry they find). */
function unary(name: 'inc' | 'dec' | 'neg' | 'not'): Lowering {
  return (e, i) => {
    const size = e.d.osz[i];
    if (size !== 4 && size !== 8) return false;
    const c = e.code;
    let cin = -1;
    if (name === 'inc' || name === 'dec') {
      cin = e.tmp(I32);
      e.condition(2).code.set(cin); // CF, read first as the handler does
    }
    const x = e.readE(size);
    const r = e.tmp(I64);
    const mask = (): void => void (size === 4 && c.i64(0xffffffff).op(W.I64_AND));
    if (name === 'not') {
      c.get(x).i64(-1).op(W.I64_XOR);
      mask();
      c.set(r);
      e.writeE(size, r);
      return true;
    }
    const a = e.tmp(I64);
    const b = e.tmp(I64);
    if (name === 'neg') {
      c.i64(0).set(a);
      c.get(x).set(b);
    } else {
      c.get(x).set(a);
      c.i64(1).set(b);
    }
    c.get(a).get(b).op(name === 'inc' ? W.I64_ADD : W.I64_SUB);
    mask();
    c.set(r);
    e.lazyFlags(name === 'inc' ? LazyOp.INC : name === 'dec' ? LazyOp.DEC : LazyOp.SUB, size, a, b, r, cin);
    e.writeE(size, r);
    return true;
  };
}

// ---- shifts ----

/** shl/shr/sar E, imm8 (and E, 1) (ops/shift.ts shift() with a constant
 * count, the explicit flags setExplicit records); a masked count of 0 (no
 * flags changed), and at 1 and 2 bytes one of the operand's width or
 * more, are left to the handler. */
function shiftImm(kind: 'shl' | 'shr' | 'sar', one: boolean): Lowering {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i] as 1 | 2 | 4 | 8;
    const bits = size * 8;
    const n = (one ? 1 : d.imm[i]) & (size === 8 ? 63 : 31);
    if (n === 0 || n >= bits) return false;
    const c = e.code;
    const x = e.readE(size);
    const sx = e.tmp(I64);
    c.get(x);
    if (size !== 8) c.op(size === 4 ? W.I64_EXTEND32_S : size === 2 ? W.I64_EXTEND16_S : W.I64_EXTEND8_S);
    c.set(sx);
    const r = e.tmp(I64);
    const cf = e.tmp(I32);
    const of = e.tmp(I32);
    const mask = (): void => void (size !== 8 && c.i64(size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff).op(W.I64_AND));
    const msb = (v: number): void => void c.get(v).i64(bits - 1).op(W.I64_SHR_U).i64(1).op(W.I64_AND).op(W.I32_WRAP_I64);
    if (kind === 'shl') {
      c.get(x).i64(n).op(W.I64_SHL);
      mask();
      c.set(r);
      c.get(x).i64(bits - n).op(W.I64_SHR_U).i64(1).op(W.I64_AND).op(W.I32_WRAP_I64).set(cf);
      msb(r);
      c.get(cf).op(W.I32_XOR).set(of);
    } else if (kind === 'shr') {
      c.get(x).i64(n).op(W.I64_SHR_U).set(r);
      c.get(x).i64(n - 1).op(W.I64_SHR_U).i64(1).op(W.I64_AND).op(W.I32_WRAP_I64).set(cf);
      msb(x);
      c.set(of);
    } else {
      c.get(sx).i64(n).op(W.I64_SHR_S);
      mask();
      c.set(r);
      c.get(sx).i64(n - 1).op(W.I64_SHR_S).i64(1).op(W.I64_AND).op(W.I32_WRAP_I64).set(cf);
      c.i32(0).set(of);
    }
    const start = e.flagStart();
    e.flagConst(FF.FOP, LazyOp.EXPLICIT);
    e.flagConst(FF.FSZ, size);
    e.flagWord(FF.FRES, r, size, false);
    if (size === 8) e.flagWord(FF.FRESH, r, size, true);
    else e.flagConst(FF.FRESH, 0);
    e.flagI32(FF.FCF, () => c.get(cf));
    e.flagI32(FF.FOF, () => c.get(of));
    e.flagConst(FF.FAF, 0);
    e.flagEnd(start);
    e.writeE(size, r);
    return true;
  };
}

// ---- multiplication ----

/** imul r32, r/m32 (and , imm): ops/muldiv.ts imulTrunc at 4 bytes: the
 * low half of the exact product, CF = OF = whether it lost bits. */
function imul32(withImm: boolean): Lowering {
  return (e, i) => {
    const d = e.d;
    if (d.osz[i] !== 4) return false;
    const c = e.code;
    const g = d.reg[i];
    const src = e.readE(4);
    const p = e.tmp(I64);
    const of = e.tmp(I32);
    const r = e.tmp(I64);
    c.get(src).op(W.I64_EXTEND32_S);
    if (withImm) c.i64(d.imm[i]);
    else e.getReg(g).code.op(W.I64_EXTEND32_S);
    c.op(W.I64_MUL).set(p);
    c.get(p).op(W.I64_EXTEND32_S).get(p).op(W.I64_NE).set(of);
    c.get(p).i64(0xffffffff).op(W.I64_AND).set(r);
    const start = e.flagStart();
    e.flagConst(FF.FOP, LazyOp.EXPLICIT);
    e.flagConst(FF.FSZ, 4);
    e.flagWord(FF.FRES, r, 4, false);
    e.flagConst(FF.FRESH, 0);
    e.flagI32(FF.FCF, () => c.get(of));
    e.flagI32(FF.FOF, () => c.get(of));
    e.flagConst(FF.FAF, 0);
    e.flagEnd(start);
    c.get(r);
    e.setReg(g);
    return true;
  };
}

// ---- the table ----

const ALU_NAMES = ['add', 'or', 'and', 'sub', 'xor', 'cmp', 'test'];

/** This file's lowerings. */
export const baseProvider: Provider = (r) => {
  const args = r.args.join(',');
  if (ALU_NAMES.includes(r.name)) {
    if (args === 'Ev,Gv' || args === 'Eb,Gb') return alu(r.name, 'EG');
    if (args === 'Gv,Ev' || args === 'Gb,Eb') return alu(r.name, 'GE');
    if (args === 'Ev,Iz' || args === 'Ev,Ibs' || args === 'rAX,Iz' || args === 'Eb,Ib' || args === 'AL,Ib') return alu(r.name, 'EI');
    return null;
  }
  if ((r.name === 'shl' || r.name === 'sal' || r.name === 'shr' || r.name === 'sar') && ['Ev,Ib', 'Ev,1', 'Eb,Ib', 'Eb,1'].includes(args)) {
    return shiftImm(r.name === 'sal' ? 'shl' : r.name, args.endsWith(',1'));
  }
  switch (`${r.name} ${args}`) {
    case 'mov Ev,Gv':
    case 'mov Eb,Gb':
      return move('v', 'zero', 'EG');
    case 'mov Gv,Ev':
    case 'mov Gb,Eb':
      return move('v', 'zero', 'GE');
    case 'mov Ev,Iz':
    case 'mov Eb,Ib':
    case 'mov Zv,Iv':
    case 'mov Zb,Ib':
      return move('v', 'zero', 'EI');
    case 'movzx Gv,Eb':
      return move(1, 'zero', 'GE');
    case 'movzx Gv,Ew':
      return move(2, 'zero', 'GE');
    case 'movsx Gv,Eb':
      return move(1, 'sign', 'GE');
    case 'movsx Gv,Ew':
      return move(2, 'sign', 'GE');
    case 'movsxd Gv,Ed':
      return move(4, 'sign', 'GE');
    case 'lea Gv,M':
      return lea;
    case 'imul Gv,Ev':
      return imul32(false);
    case 'imul Gv,Ev,Iz':
    case 'imul Gv,Ev,Ibs':
      return imul32(true);
    case 'cbw ':
      return cbw;
    case 'cwd ':
      return cwd;
    case 'inc Ev':
    case 'dec Ev':
    case 'neg Ev':
    case 'not Ev':
      return unary(r.name as 'inc' | 'dec' | 'neg' | 'not');
    case 'push Zv':
      return push;
    case 'pop Zv':
      return pop;
    case 'call Ev':
      return callE;
  }
  if (r.fn === mov.setcc && args === 'Eb') return setcc;
  if (r.fn === mov.cmov && args === 'Gv,Ev') return cmov;
  if (r.fn === control.jcc) return jcc;
  if (r.fn === control.jmpRel) return jmpRel;
  if (r.fn === control.callRel) return callRel;
  if (r.fn === control.ret) return ret;
  if (r.fn === control.jmpE) return jmpE;
  if (r.fn === control.nop) return nop;
  return null;
};

/** The providers, first match wins (the generated families' first). */
export const PROVIDERS: Provider[] = [baseProvider];

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

