/**
 * Inline templates of the JIT (jit/emitter.ts): JavaScript for the hot
 * instruction forms, with the decoded operands as constants. Each template
 * computes exactly what the interpreter handler chosen for the same slot
 * computes (ops/fast.ts, ops/fast-control.ts, the generic handlers for
 * memory forms): the same registers, memory accesses in the same order
 * through the same core.read/write paths, and the same lazy flag fields,
 * written before any later access that may fault where the handler does
 * so. A template returns false for a form it does not cover; the emitter
 * then calls the handler.
 *
 * Templates are keyed by opcode-table row (TEMPLATES[row index]).
 */
import { NO_REG } from '../decoded';
import { ROWS } from '../opcode-table';
import * as control from '../ops/control';
import { BlockEmitter, CANON, FlagLocals, Template, TWO32 } from './emitter';

const ALU_NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const F_ADD = 1;
const F_SUB = 3;
const F_LOGIC = 5;
const F_INC = 6;
const F_DEC = 7;
const F_EXPLICIT = 8;

function canonCheck(v: string): string {
  return `if (${v} >= ${CANON} || ${v} < -${CANON}) c.gp(0);`;
}

/** Splits a double address local into register halves. */
function storeDouble(r: number, v: string): string {
  return `rl[${r}] = ${v} | 0; rh[${r}] = Math.floor(${v} / ${TWO32}) | 0;`;
}

/** Reads the E operand (register or memory) of a 4/8-byte slot into
 * locals; returns [lo, hi] expressions (hi is '0' for size 4). */
function readE(e: BlockEmitter, i: number, size: number): [string, string] {
  const r = e.d.rm[i];
  if (r !== NO_REG) return [`rl[${r}]`, size === 8 ? `rh[${r}]` : '0'];
  const a = e.addr();
  const v = e.v('m');
  if (size === 8) {
    e.load(8, a, v);
    return [v, `${v}h`];
  }
  e.load(4, a, v);
  return [v, '0'];
}

// ---- ALU (add, or, and, sub, xor, cmp, test) ----

type AluForm = 'EG' | 'GE' | 'EI';

/** One ALU instruction: operands, result, lazy flags, destination. */
function aluTemplate(form: AluForm, op: number): Template {
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
    const rH = size === 8 ? `${r}h` : '0';
    e.emit(`const ${x} = ${aLo}, ${y} = ${bLo};`);
    if (size === 8) e.emit(`const ${x}h = ${aHi}, ${y}h = ${bHi};`);
    const xh = size === 8 ? `${x}h` : '0';
    const yh = size === 8 ? `${y}h` : '0';
    let kind: FlagLocals['kind'];
    if (op === 0 || op === 5 || op === 7) {
      const sub = op !== 0;
      if (size === 8) {
        const lo = e.v('lo');
        e.emit(`const ${lo} = (${x} >>> 0) ${sub ? '-' : '+'} (${y} >>> 0);`);
        e.emit(`const ${r} = ${lo} | 0;`);
        e.emit(sub
          ? `const ${r}h = (${x}h - ${y}h - (${lo} < 0 ? 1 : 0)) | 0;`
          : `const ${r}h = (${x}h + ${y}h + (${lo} > 0xffffffff ? 1 : 0)) | 0;`);
        e.flagWrite(`c.fop = ${sub ? F_SUB : F_ADD}; c.fsz = 8; c.fa = ${x}; c.faH = ${x}h; c.fb = ${y}; c.fbH = ${y}h; c.fres = ${r}; c.fresH = ${r}h;`);
      } else {
        e.emit(`const ${r} = (${x} ${sub ? '-' : '+'} ${y}) | 0;`);
        e.flagWrite(`c.fop = ${sub ? F_SUB : F_ADD}; c.fsz = 4; c.fa = ${x}; c.fb = ${y}; c.fres = ${r};`);
        if (mem) e.emit(`c.faH = 0; c.fbH = 0; c.fresH = 0; c.fcin = 0;`);
      }
      kind = sub ? 'sub' : 'zs';
    } else {
      const sym = op === 1 ? '|' : op === 4 || op === 8 ? '&' : '^';
      e.emit(`const ${r} = ${x} ${sym} ${y};`);
      if (size === 8) {
        e.emit(`const ${r}h = ${x}h ${sym} ${y}h;`);
        e.flagWrite(`c.fop = ${F_LOGIC}; c.fsz = 8; c.fres = ${r}; c.fresH = ${r}h;`);
      } else e.flagWrite(`c.fop = ${F_LOGIC}; c.fsz = 4; c.fres = ${r};`);
      if (mem) e.emit(`c.fa = ${x}; c.faH = ${xh}; c.fb = ${y}; c.fbH = ${yh}; c.fcin = 0;${size === 4 ? ' c.fresH = 0;' : ''}`);
      kind = 'logic';
    }
    if (mem && size === 8 && (op === 0 || op === 5 || op === 7)) e.emit(`c.fcin = 0;`);
    e.flags = { kind, size, a: x, aH: xh, b: y, bH: yh, r, rH };
    if (op === 7 || op === 8) return true; // cmp, test: no destination
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
 * instruction of the block, or null (then the predicate P<cc>(c)). */
function fusedCondition(f: FlagLocals | null, cc: number): string | null {
  if (f === null) return null;
  const inv = (cc & 1) !== 0;
  const not = (s: string): string => (inv ? `!(${s})` : `(${s})`);
  const zero = f.size === 8 ? `(${f.r} === 0 && ${f.rH} === 0)` : `(${f.r} === 0)`;
  const sign = f.size === 8 ? `(${f.rH} < 0)` : `(${f.r} < 0)`;
  const kind = cc >> 1;
  if (kind === 2) return not(zero);
  if (f.kind === 'z') return null;
  if (kind === 4) return not(sign);
  if (f.kind === 'zs') return null;
  if (f.kind === 'logic') {
    // CF = OF = 0.
    switch (kind) {
      case 1:
        return inv ? 'true' : 'false';
      case 3:
        return not(zero);
      case 6:
        return not(sign);
      case 7:
        return not(`${zero} || ${sign}`);
      default:
        return null;
    }
  }
  const { a, aH, b, bH } = f;
  const below = f.size === 8 ? `(${aH} !== ${bH} ? (${aH} >>> 0) < (${bH} >>> 0) : (${a} >>> 0) < (${b} >>> 0))` : `((${a} >>> 0) < (${b} >>> 0))`;
  const less = f.size === 8 ? `(${aH} !== ${bH} ? ${aH} < ${bH} : (${a} >>> 0) < (${b} >>> 0))` : `(${a} < ${b})`;
  const equal = f.size === 8 ? `(${a} === ${b} && ${aH} === ${bH})` : `(${a} === ${b})`;
  switch (kind) {
    case 1:
      return not(below);
    case 3:
      return not(`${below} || ${equal}`);
    case 6:
      return not(less);
    case 7:
      return not(`${less} || ${equal}`);
    default:
      return null;
  }
}

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

// ---- data movement ----

function movTemplate(form: 'EG' | 'GE' | 'EI'): Template {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    if (size !== 4 && size !== 8) return false;
    const g = d.reg[i];
    const rm = d.rm[i];
    if (form === 'GE') {
      const [lo, hi] = readE(e, i, size);
      e.emit(`rl[${g}] = ${lo}; rh[${g}] = ${hi};`);
      return true;
    }
    const lo = form === 'EG' ? `rl[${g}]` : String(d.imm[i]);
    const hi = size === 4 ? '0' : form === 'EG' ? `rh[${g}]` : String(d.immHi[i]);
    if (rm !== NO_REG) {
      e.emit(`rl[${rm}] = ${lo}; rh[${rm}] = ${hi};`);
      return true;
    }
    const a = e.addr();
    e.store(size, a, lo, hi);
    return true;
  };
}

/** movzx / movsx / movsxd to a 4/8-byte register (ops/fast.ts extSpec). */
function extTemplate(from: number, signed: boolean): Template {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    if (size !== 4 && size !== 8) return false;
    const shift = 32 - from * 8;
    const v = e.v('v');
    const r = d.rm[i];
    if (r === NO_REG) {
      const a = e.addr();
      e.load(from, a, `${v}m`);
      e.emit(`let ${v} = ${v}m;`);
      if (signed && shift !== 0) e.emit(`${v} = (${v} << ${shift}) >> ${shift};`);
    } else {
      e.emit(`let ${v} = ${r < 16 ? `rl[${r}]` : `rl[${r - 16}] >> 8`};`);
      if (shift !== 0) e.emit(`${v} = (${v} << ${shift}) ${signed ? '>>' : '>>>'} ${shift};`);
    }
    const g = d.reg[i];
    e.emit(`rl[${g}] = ${v}; rh[${g}] = ${size === 8 && signed ? `${v} >> 31` : '0'};`);
    return true;
  };
}

/** lea with base (+index) or rip-relative addressing (ops/fast-control.ts). */
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
    const idx = m === 2 ? ` + (rl[${x}] << ${d.scale[i]})` : '';
    e.emit(`rl[${g}] = (${d.disp[i]} + rl[${b}]${idx}) | 0; rh[${g}] = 0;`);
    return true;
  }
  let sum = `${d.disp[i]} + rh[${b}] * ${TWO32} + (rl[${b}] >>> 0)`;
  if (m === 2) sum += ` + (rh[${x}] * ${TWO32} + (rl[${x}] >>> 0)) * ${1 << d.scale[i]}`;
  e.emit(`const ${a} = ${sum};`);
  // Beyond 2^53 the double sum is inexact: the handler's BigInt path.
  const name = e.handlerOfSlot(i);
  e.emit(`if (${a} >= 9007199254740992 || ${a} <= -9007199254740992) { c.nextRip = ip + ${e.next}; ${name}(c, ${i}); }`);
  e.emit(`else { ${storeDouble(g, a)} }`);
  return true;
};

// ---- inc / dec, push / pop, shifts ----

function incDec(dec: boolean): Template {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    const r = d.rm[i];
    if ((size !== 4 && size !== 8) || r === NO_REG) return false;
    const f = e.flags;
    const cf = e.v('cf');
    const x = e.v('x');
    const res = e.v('r');
    let cfExpr = 'GETCF(c)';
    if (f !== null && f.kind === 'logic') cfExpr = '0';
    else e.barrier(); // GETCF reads the flag fields
    e.emit(`const ${cf} = ${cfExpr};`);
    e.emit(`const ${x} = rl[${r}];`);
    e.emit(`const ${res} = (${x} ${dec ? '-' : '+'} 1) | 0;`);
    if (size === 8) {
      e.emit(`const ${x}h = rh[${r}];`);
      e.emit(`const ${res}h = ${dec ? `${x} === 0 ? (${x}h - 1) | 0` : `${res} === 0 ? (${x}h + 1) | 0`} : ${x}h;`);
      e.emit(`rl[${r}] = ${res}; rh[${r}] = ${res}h;`);
      e.flagWrite(`c.fop = ${dec ? F_DEC : F_INC}; c.fsz = 8; c.fcin = ${cf}; c.fa = ${x}; c.faH = ${x}h; c.fb = 1; c.fbH = 0; c.fres = ${res}; c.fresH = ${res}h;`);
    } else {
      e.emit(`rl[${r}] = ${res}; rh[${r}] = 0;`);
      e.flagWrite(`c.fop = ${dec ? F_DEC : F_INC}; c.fsz = 4; c.fcin = ${cf}; c.fa = ${x}; c.fb = 1; c.fres = ${res};`);
    }
    e.flags = { kind: 'zs', size, a: x, aH: '0', b: '1', bH: '0', r: res, rH: size === 8 ? `${res}h` : '0' };
    return true;
  };
}

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
function shift64(e: BlockEmitter, op: number, r: number, n: number): void {
  const lo = e.v('sl');
  const hi = e.v('sh');
  e.emit(`const ${lo} = rl[${r}], ${hi} = rh[${r}];`);
  let res: string;
  let resH: string;
  let cf: string;
  let of: string;
  if (op === 5 || op === 7) {
    const sar = op === 7;
    if (n < 32) {
      res = `(${lo} >>> ${n}) | (${hi} << ${32 - n})`;
      resH = sar ? `${hi} >> ${n}` : `${hi} >>> ${n}`;
    } else {
      res = n === 32 ? hi : `${hi} ${sar ? '>>' : '>>>'} ${n - 32}`;
      resH = sar ? `${hi} >> 31` : '0';
    }
    cf = n - 1 >= 32 ? `(${hi} >>> ${n - 33}) & 1` : `(${lo} >>> ${n - 1}) & 1`;
    of = sar ? '0' : `${hi} >>> 31`;
  } else {
    if (n < 32) {
      res = `${lo} << ${n}`;
      resH = `(${hi} << ${n}) | (${lo} >>> ${32 - n})`;
    } else {
      res = '0';
      resH = n === 32 ? lo : `${lo} << ${n - 32}`;
    }
    const k = 64 - n;
    cf = k >= 32 ? `(${hi} >>> ${k - 32}) & 1` : `(${lo} >>> ${k}) & 1`;
    of = '';
  }
  const v = e.v('r');
  e.emit(`const ${v} = ${res}, ${v}h = ${resH}, ${v}c = ${cf};`);
  if (of === '') of = `(${v}h >>> 31) ^ ${v}c`;
  e.emit(`rl[${r}] = ${v}; rh[${r}] = ${v}h;`);
  e.flagWrite(`c.fop = ${F_EXPLICIT}; c.fsz = 8; c.fres = ${v}; c.fresH = ${v}h; c.fcf = ${v}c; c.fof = ${of}; c.faf = 0;`);
  e.flags = null;
}

/** shl/shr/sar r32, imm8 (ops/fast.ts shl32i/shr32i/sar32i) and r64. */
function shiftTemplate(op: number): Template {
  return (e, i) => {
    const d = e.d;
    const r = d.rm[i];
    if (d.osz[i] === 8 && r !== NO_REG) {
      const n = d.imm[i] & 63;
      if (n !== 0) shift64(e, op, r, n);
      return true;
    }
    if (d.osz[i] !== 4 || r === NO_REG) return false;
    const n = d.imm[i] & 31;
    if (n === 0) {
      e.emit(`rh[${r}] = 0;`);
      return true;
    }
    const v = e.v('v');
    const res = e.v('r');
    e.emit(`const ${v} = rl[${r}];`);
    let cf: string;
    let of: string;
    if (op === 5) {
      e.emit(`const ${res} = (${v} >>> ${n}) | 0;`);
      cf = `(${v} >>> ${n - 1}) & 1`;
      of = `${v} >>> 31`;
    } else if (op === 7) {
      e.emit(`const ${res} = ${v} >> ${n};`);
      cf = `(${v} >> ${n - 1}) & 1`;
      of = '0';
    } else {
      e.emit(`const ${res} = ${v} << ${n};`);
      e.emit(`const ${res}c = (${v} >>> ${32 - n}) & 1;`);
      cf = `${res}c`;
      of = `(${res} >>> 31) ^ ${res}c`;
    }
    e.emit(`rl[${r}] = ${res}; rh[${r}] = 0;`);
    e.flagWrite(`c.fop = ${F_EXPLICIT}; c.fsz = 4; c.fres = ${res}; c.fresH = 0; c.fcf = ${cf}; c.fof = ${of}; c.faf = 0;`);
    e.flags = null;
    return true;
  };
}

/** Byte register r (0..15 low bytes, 16..19 AH CH DH BH) as an expression. */
function reg8(r: number): string {
  return r < 16 ? `(rl[${r}] & 0xff)` : `((rl[${r - 16}] >> 8) & 0xff)`;
}

function setReg8(r: number, v: string): string {
  return r < 16 ? `rl[${r}] = (rl[${r}] & ~0xff) | (${v} & 0xff);` : `rl[${r - 16}] = (rl[${r - 16}] & ~0xff00) | ((${v} & 0xff) << 8);`;
}

/** mov Eb,Gb / Gb,Eb / Eb,Ib / Zb,Ib (ops/mov.ts movEG, movGE, movEI at size 1). */
function mov8Template(form: 'EG' | 'GE' | 'EI'): Template {
  return (e, i) => {
    const d = e.d;
    const rm = d.rm[i];
    const g = d.reg[i];
    if (form === 'GE') {
      if (rm !== NO_REG) {
        e.emit(setReg8(g, reg8(rm)));
        return true;
      }
      const a = e.addr();
      const v = e.v('m');
      e.load(1, a, v);
      e.emit(setReg8(g, v));
      return true;
    }
    const v = form === 'EG' ? e.v('b') : String(d.imm[i] & 0xff);
    if (form === 'EG') e.emit(`const ${v} = ${reg8(g)};`);
    if (rm !== NO_REG) {
      e.emit(setReg8(rm, v));
      return true;
    }
    const a = e.addr();
    e.store(1, a, v, '0');
    return true;
  };
}

/** imul r32, r/m32 (and , imm): ops/muldiv.ts imulTrunc at size 4. The
 * double product is exact below 2^53, and beyond it cannot equal the
 * 32-bit result, so comparing the two finds the overflow. */
function imulTemplate(withImm: boolean): Template {
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
    e.emit(`const ${r} = Math.imul(${x}, ${y}), ${of} = ${x} * ${y} !== ${r} ? 1 : 0;`);
    e.flagWrite(`c.fop = ${F_EXPLICIT}; c.fsz = 4; c.fres = ${r}; c.fresH = 0; c.fcf = ${of}; c.fof = ${of}; c.faf = 0;`);
    e.emit(`rl[${g}] = ${r}; rh[${g}] = 0;`);
    e.flags = null;
    return true;
  };
}

/** jmp r/m64 (FF /4): ops/control.ts jmpE; the register form as fast-control's jmpReg. */
const jmpE: Template = (e, i) => {
  const [lo, hi] = readE(e, i, 8);
  e.emit(`nx = ${hi} * ${TWO32} + (${lo} >>> 0); ${canonCheck('nx')}`);
  e.nxSet = true;
  return true;
};

/** 8-bit add/or/and/sub/xor/cmp/test (ops/alu.ts alu() at size 1): the
 * operands masked to a byte, every flag field alu() records. */
function alu8Template(form: AluForm, op: number): Template {
  return (e, i) => {
    const d = e.d;
    const rm = d.rm[i];
    const g = d.reg[i];
    let a: string;
    let b: string;
    let addr = '';
    const readRm = (): string => {
      if (rm !== NO_REG) return reg8(rm);
      addr = e.addr();
      const m = e.v('m');
      e.load(1, addr, m);
      return m;
    };
    if (form === 'GE') {
      b = readRm();
      a = reg8(g);
    } else {
      a = readRm();
      b = form === 'EG' ? reg8(g) : String(d.imm[i] & 0xff);
    }
    const x = e.v('x');
    const y = e.v('y');
    const r = e.v('r');
    e.emit(`const ${x} = ${a}, ${y} = ${b};`);
    const sub = op === 5 || op === 7;
    if (op === 0 || sub) e.emit(`const ${r} = (${x} ${sub ? '-' : '+'} ${y}) & 0xff;`);
    else e.emit(`const ${r} = ${x} ${op === 1 ? '|' : op === 6 ? '^' : '&'} ${y};`);
    const kind = op === 0 ? F_ADD : sub ? F_SUB : F_LOGIC;
    e.flagWrite(`c.fop = ${kind}; c.fsz = 1; c.fa = ${x}; c.faH = 0; c.fb = ${y}; c.fbH = 0; c.fres = ${r}; c.fresH = 0; c.fcin = 0;`);
    e.flags = { kind: 'z', size: 4, a: x, aH: '0', b: y, bH: '0', r, rH: '0' };
    if (op === 7 || op === 8) return true;
    if (form === 'GE') e.emit(setReg8(g, r));
    else if (rm !== NO_REG) e.emit(setReg8(rm, r));
    else e.store(1, addr, r, '0');
    return true;
  };
}

/** div / idiv r32 (ops/muldiv.ts divE): its two exact double paths inline
 * (a zero-extended or sign-extended 32-bit dividend); a zero divisor, a
 * wide dividend or INT_MIN / -1 go to the handler, which recomputes from
 * the registers and raises #DE where due. */
function divTemplate(signed: boolean): Template {
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
    e.emit(`const ${dv} = rl[${rm}];`);
    if (signed) {
      e.emit(`const ${n} = rl[0], ${q} = ${dv} === 0 ? 0 : Math.trunc(${n} / ${dv});`);
      e.emit(`if (${dv} === 0 || rl[2] !== ${n} >> 31 || ${q} > 2147483647) ${call}`);
      e.emit(`else { rl[0] = ${q} | 0; rh[0] = 0; rl[2] = (${n} - ${q} * ${dv}) | 0; rh[2] = 0; }`);
    } else {
      e.emit(`const ${n} = rl[0] >>> 0, ${q} = ${dv} === 0 ? 0 : Math.floor(${n} / (${dv} >>> 0));`);
      e.emit(`if (${dv} === 0 || rl[2] !== 0) ${call}`);
      e.emit(`else { rl[0] = ${q} | 0; rh[0] = 0; rl[2] = (${n} - ${q} * (${dv} >>> 0)) | 0; rh[2] = 0; }`);
    }
    return true;
  };
}

// ---- the table ----

/** Template per opcode-table row (null: the handler is called). */
export const TEMPLATES: (Template | null)[] = [];

function templateFor(name: string, args: string, fnIs: (f: unknown) => boolean): Template | null {
  const op = ALU_NAMES.indexOf(name);
  if (op >= 0 && op !== 2 && op !== 3) {
    if (args === 'Ev,Gv') return aluTemplate('EG', op);
    if (args === 'Gv,Ev') return aluTemplate('GE', op);
    if (args === 'rAX,Iz' || args === 'Ev,Iz' || args === 'Ev,Ibs') return aluTemplate('EI', op);
  }
  if (op >= 0 && op !== 2 && op !== 3) {
    if (args === 'Eb,Gb') return alu8Template('EG', op);
    if (args === 'Gb,Eb') return alu8Template('GE', op);
    if (args === 'AL,Ib' || args === 'Eb,Ib') return alu8Template('EI', op);
  }
  switch (`${name} ${args}`) {
    case 'test Eb,Gb':
      return alu8Template('EG', 8);
    case 'test AL,Ib':
    case 'test Eb,Ib':
      return alu8Template('EI', 8);
    case 'div Ev':
      return divTemplate(false);
    case 'idiv Ev':
      return divTemplate(true);
    case 'test Ev,Gv':
      return aluTemplate('EG', 8);
    case 'test rAX,Iz':
    case 'test Ev,Iz':
      return aluTemplate('EI', 8);
    case 'mov Ev,Gv':
      return movTemplate('EG');
    case 'mov Gv,Ev':
      return movTemplate('GE');
    case 'mov Ev,Iz':
    case 'mov Zv,Iv':
      return movTemplate('EI');
    case 'movzx Gv,Eb':
      return extTemplate(1, false);
    case 'movzx Gv,Ew':
      return extTemplate(2, false);
    case 'movsx Gv,Eb':
      return extTemplate(1, true);
    case 'movsx Gv,Ew':
      return extTemplate(2, true);
    case 'movsxd Gv,Ed':
      return extTemplate(4, true);
    case 'mov Eb,Gb':
      return mov8Template('EG');
    case 'mov Gb,Eb':
      return mov8Template('GE');
    case 'mov Eb,Ib':
    case 'mov Zb,Ib':
      return mov8Template('EI');
    case 'imul Gv,Ev':
      return imulTemplate(false);
    case 'imul Gv,Ev,Iz':
    case 'imul Gv,Ev,Ibs':
      return imulTemplate(true);
    case 'lea Gv,M':
      return lea;
    case 'inc Ev':
      return incDec(false);
    case 'dec Ev':
      return incDec(true);
    case 'push Zv':
      return push;
    case 'pop Zv':
      return pop;
    case 'shl Ev,Ib':
    case 'sal Ev,Ib':
      return shiftTemplate(4);
    case 'shr Ev,Ib':
      return shiftTemplate(5);
    case 'sar Ev,Ib':
      return shiftTemplate(7);
  }
  if (fnIs(control.jcc)) return jcc;
  if (fnIs(control.jmpRel)) return jmpRel;
  if (fnIs(control.callRel)) return callRel;
  if (fnIs(control.ret)) return ret;
  if (fnIs(control.jmpE)) return jmpE;
  if (fnIs(control.nop)) return nop;
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
