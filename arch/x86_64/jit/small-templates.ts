/**
 * JIT templates of the 8- and 16-bit forms (see jit/templates.ts for the
 * rules every template follows): add/or/adc/sbb/and/sub/xor/cmp/test with
 * register, memory and immediate operands (ops/alu.ts alu() at size 1 and
 * 2: operands masked to the size, every lazy flag field recorded), and
 * shl/shr/sar by a constant count (ops/shift.ts shift(): the explicit
 * flags). Register operands merge into the low bits as operands.ts setReg
 * does; byte registers 16-19 are AH, CH, DH, BH.
 */
import { NO_REG } from '../decoded';
import { LazyOp } from '../flags';
import type { AluForm } from './alu-templates';
import type { Template } from './emitter';
import { regN, setRegN } from './operand-code';

/** ALU op numbers (opcode bits 5:3; 8 is test). */
const ADD = 0;
const OR = 1;
const ADC = 2;
const SBB = 3;
const SUB = 5;
const XOR = 6;
const CMP = 7;
const TEST = 8;

/** One 8/16-bit ALU instruction: operands, result, flags, destination. */
export function smallAluTemplate(form: AluForm, op: number): Template {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    if (size !== 1 && size !== 2) return false;
    const m = size === 1 ? 0xff : 0xffff;
    const rm = d.rm[i];
    const g = d.reg[i];
    let addr = '';
    const readRm = (): string => {
      if (rm !== NO_REG) return regN(rm, size);
      addr = e.addr();
      const v = e.v('m');
      e.load(size, addr, v);
      return v;
    };
    let a: string;
    let b: string;
    if (form === 'GE') {
      b = readRm();
      a = regN(g, size);
    } else {
      a = readRm();
      b = form === 'EG' ? regN(g, size) : String(d.imm[i] & m);
    }
    const x = e.v('x');
    const y = e.v('y');
    const r = e.v('r');
    let cin = '0';
    if (op === ADC || op === SBB) {
      // alu() reads CF before anything else it records.
      e.barrier();
      cin = e.v('ci');
      e.emit(`const ${cin} = GETCF(c);`);
    }
    e.emit(`const ${x} = ${a}, ${y} = ${b};`);
    const sub = op === SUB || op === CMP || op === SBB;
    if (op === ADD || op === ADC || sub) {
      const carry = cin === '0' ? '' : ` ${sub ? '-' : '+'} ${cin}`;
      e.emit(`const ${r} = (${x} ${sub ? '-' : '+'} ${y}${carry}) & ${m};`);
    } else e.emit(`const ${r} = ${x} ${op === OR ? '|' : op === XOR ? '^' : '&'} ${y};`);
    const kind = op === ADD ? LazyOp.ADD : op === ADC ? LazyOp.ADC : op === SBB ? LazyOp.SBB : sub ? LazyOp.SUB : LazyOp.LOGIC;
    const write = `c.fop = ${kind}; c.fsz = ${size}; c.fa = ${x}; c.faH = 0; c.fb = ${y}; c.fbH = 0; c.fres = ${r}; c.fresH = 0; c.fcin = ${cin};`;
    e.flagWrite(write);
    // Only ZF can be read from the masked result's locals.
    e.flags = cin === '0' ? { kind: 'z', size: 4, a: x, aH: '0', b: y, bH: '0', r, rH: '0' } : null;
    if (op === CMP || op === TEST) return true;
    if (form === 'GE') e.emit(setRegN(g, size, r));
    else if (rm !== NO_REG) e.emit(setRegN(rm, size, r));
    else e.store(size, addr, r, '0');
    return true;
  };
}

/** shl/sal (4, 6), shr (5), sar (7) of an 8/16-bit operand by the row's
 * constant count (an immediate, or 1): ops/shift.ts shiftEI. */
export function smallShiftTemplate(op: number): Template {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i];
    if (size !== 1 && size !== 2) return false;
    const bits = size * 8;
    const m = size === 1 ? 0xff : 0xffff;
    const n = d.imm[i] & 0x1f;
    const rm = d.rm[i];
    let addr = '';
    const v = e.v('v');
    if (rm !== NO_REG) e.emit(`const ${v} = ${regN(rm, size)};`);
    else {
      addr = e.addr();
      e.load(size, addr, v);
    }
    // A count of 0 changes no flags and writes the operand back unchanged
    // (no effect on a register or RAM; through core.write* the store still
    // checks the page, as writeBackE does).
    const r = e.v('r');
    let res: string;
    let cf: string;
    let of: string;
    if (n === 0) res = v;
    else if (op === 4 || op === 6) {
      res = n >= 32 ? '0' : `(${v} << ${n}) & ${m}`;
      cf = n > bits ? '0' : `(${v} >>> ${bits - n}) & 1`;
      of = `((${r} >>> ${bits - 1}) & 1) ^ ${r}c`;
    } else if (op === 5) {
      res = `${v} >>> ${n}`;
      cf = n > bits ? '0' : `(${v} >>> ${n - 1}) & 1`;
      of = `(${v} >>> ${bits - 1}) & 1`;
    } else if (op === 7) {
      const s = `((${v} << ${32 - bits}) >> ${32 - bits})`;
      const k = n > 31 ? 31 : n;
      res = `(${s} >> ${k}) & ${m}`;
      cf = n > bits ? `(${s} >>> 31) & 1` : `(${s} >> ${k - 1}) & 1`;
      of = '0';
    } else return false;
    if (n !== 0) {
      e.emit(`const ${r} = ${res}, ${r}c = ${cf!};`);
      e.flagWrite(`c.fop = ${LazyOp.EXPLICIT}; c.fsz = ${size}; c.fres = ${r}; c.fresH = 0; c.fcf = ${r}c; c.fof = ${of!}; c.faf = 0;`);
    } else e.emit(`const ${r} = ${v};`);
    e.flags = null;
    if (rm !== NO_REG) {
      if (n !== 0) e.emit(setRegN(rm, size, r));
    } else e.store(size, addr, r, '0');
    return true;
  };
}
