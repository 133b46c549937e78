/**
 * The wasm backend's lowerings of the generated families, from the same
 * rows as the interpreter's cases and the JavaScript tier's templates:
 * ALU (gen/forms.ts ALU_ROWS) and single-operand (UNARY_ROWS) forms,
 * moves (gen/moves.ts), shifts by a constant (gen/shifts.ts), lea and the
 * accumulator's sign extensions (gen/lea.ts), jmp/call/ret/push/pop
 * (gen/control.ts, lowered in gen/wasm-control.ts), and setcc/cmovcc, whose
 * conditions come from gen/conditions.ts through the emitter's
 * `condition`. The micro-ops are lowered by gen/wasm-lower.ts; operands,
 * memory, lazy-flag records and conditions go through the emitter's API
 * (arch/x86_64/wasm/emitter.ts).
 *
 * `genWasmProvider` gives a row's lowering (or null); wasm/lowerings.ts
 * lists it first among its providers. Every lowering computes what the
 * row's handler computes: the same registers, memory accesses in the
 * same order, the same lazy flags. It returns false, having emitted
 * nothing, for a form it does not cover (the handler runs).
 */
import { I32, I64, W } from '../../wasm/encoder';
import { AM_GENERAL, BASE_RIP, NO_REG, PFX_ASZ } from '../decoded';
import { LazyOp } from '../flags';
import type { OpcodeRow } from '../opcode-table';
import * as mov from '../ops/mov';
import { FF, Lowering, WasmEmitter } from '../wasm/emitter';
import { aluRow, unaryRow } from './forms';
import { explicitStores, LAZY_OP } from './js-lower';
import { controlRowOf } from './control';
import { accumulatorRowOf } from './lea';
import { divRowOf, imulRowOf } from './muldiv';
import { moveRowOf } from './moves';
import { shiftRowOf } from './shifts';
import { controlLowering } from './wasm-control';
import { maskTo, signedLoad, wasmAccumulator, wasmCarry, wasmDivide, wasmImul, wasmShift, wasmUop, wasmWiden, WasmSize } from './wasm-lower';

// ---- ALU and single-operand rows ----

type AluForm = 'EG' | 'GE' | 'EI';

/** The operand lists of the ALU rows and their forms (E first: the
 * destination; GE: G = G op E; EI: an immediate). */
const ALU_FORMS: Record<string, AluForm> = {
  'Ev,Gv': 'EG',
  'Eb,Gb': 'EG',
  'Gv,Ev': 'GE',
  'Gb,Eb': 'GE',
  'Ev,Iz': 'EI',
  'Ev,Ibs': 'EI',
  'rAX,Iz': 'EI',
  'Eb,Ib': 'EI',
  'AL,Ib': 'EI',
};

/** The lazy record of an operation: at 4 and 8 bytes the fields
 * gen/js-lower.ts lazyFields names (the emitter's lazyFlags), at 1 and 2
 * every field, as ops/alu.ts alu() writes them there. */
function lazyRecord(e: WasmEmitter, op: LazyOp, size: WasmSize, a: number, b: number, r: number, cin = -1): void {
  if (size >= 4 || op === LazyOp.INC || op === LazyOp.DEC) e.lazyFlags(op, size, a, b, r, cin);
  else e.lazyFlagsAll(op, size as 1 | 2, a, b, r);
}

/** An ALU form's operands in two i64 locals [a, b] (dst, src), read in
 * the handler's order: E first, then the register or the immediate. */
function aluOperands(e: WasmEmitter, i: number, form: AluForm, size: WasmSize): [number, number] {
  const d = e.d;
  const c = e.code;
  const g = d.reg[i];
  if (form === 'GE') {
    const b = e.readE(size);
    const a = e.tmp(I64);
    e.getRegN(g, size).code.set(a);
    return [a, b];
  }
  const a = e.readE(size);
  const b = e.tmp(I64);
  if (form === 'EG') e.getRegN(g, size).code.set(b);
  else if (size >= 4) c.i64Halves(d.imm[i], size === 8 ? d.immHi[i] : 0).set(b);
  else c.i64(d.imm[i] & (size === 1 ? 0xff : 0xffff)).set(b);
  return [a, b];
}

/** Local r to an ALU form's destination: G, or E (register or memory). */
function writeAluResult(e: WasmEmitter, i: number, form: AluForm, size: WasmSize, r: number): void {
  if (form === 'GE') {
    e.code.get(r);
    e.setRegN(e.d.reg[i], size);
  } else e.writeE(size, r);
}

/** An ALU row at every operand size: dst = dst uop src, its lazy flags,
 * and the destination written (a register, or memory read-modify-write)
 * unless the row only sets flags (cmp, test). */
function aluLowering(name: string, form: AluForm): Lowering {
  const row = aluRow(name)!;
  const lazy = LAZY_OP[row.lazy] as LazyOp;
  return (e, i) => {
    const size = e.d.osz[i] as WasmSize;
    const c = e.code;
    const [a, b] = aluOperands(e, i, form, size);
    const r = e.tmp(I64);
    wasmUop(c, row.uop, size, () => c.get(a), () => c.get(b));
    c.set(r);
    lazyRecord(e, lazy, size, a, b, r);
    if (!row.writes) return true;
    writeAluResult(e, i, form, size, r);
    return true;
  };
}

/** adc and sbb: the ALU rows' add and sub with CF added (subtracted). */
const CARRY_ROWS = new Map<string, { uop: 'add' | 'sub'; lazy: LazyOp }>([
  ['adc', { uop: 'add', lazy: LazyOp.ADC }],
  ['sbb', { uop: 'sub', lazy: LazyOp.SBB }],
]);

/** adc/sbb at 4 and 8 bytes (ops/alu.ts alu() with ADC/SBB): the operands
 * read, CF read, r = a op b op CF, the whole ADC/SBB record (operands,
 * result, fcin), then the destination. */
function carryLowering(name: string, form: AluForm): Lowering {
  const row = CARRY_ROWS.get(name)!;
  return (e, i) => {
    const size = e.d.osz[i] as WasmSize;
    if (size !== 4 && size !== 8) return false;
    const c = e.code;
    const [a, b] = aluOperands(e, i, form, size);
    const cin = e.tmp(I32);
    e.condition(2); // CF (cc 2, b)
    c.set(cin);
    const r = e.tmp(I64);
    wasmCarry(c, row.uop, size, a, b, cin);
    c.set(r);
    const start = e.flagStart();
    e.flagConst(FF.FOP, row.lazy);
    e.flagConst(FF.FSZ, size);
    const pairs: Array<[FF, FF, number]> = [
      [FF.FA, FF.FAH, a],
      [FF.FB, FF.FBH, b],
      [FF.FRES, FF.FRESH, r],
    ];
    for (const [lo, hi, v] of pairs) {
      e.flagWord(lo, v, size, false);
      if (size === 8) e.flagWord(hi, v, size, true);
      else e.flagConst(hi, 0);
    }
    e.flagI32(FF.FCIN, () => c.get(cin));
    e.flagEnd(start);
    writeAluResult(e, i, form, size, r);
    return true;
  };
}

/** A single-operand row (inc, dec, neg, not) at 4 and 8 bytes, of a
 * register or memory (ops/alu.ts incDecE, negE, notE): r = x uop y with
 * x and y the operand or a constant; INC and DEC keep the carry they
 * find (read first, as the handler's getCF); the flags are recorded
 * before the result is written. */
function unaryLowering(name: string): Lowering {
  const row = unaryRow(name)!;
  return (e, i) => {
    const size = e.d.osz[i];
    if (size !== 4 && size !== 8) return false;
    const c = e.code;
    let cin = -1;
    if (row.lazy === 'INC' || row.lazy === 'DEC') {
      cin = e.tmp(I32);
      e.condition(2); // CF (cc 2, b)
      c.set(cin);
    }
    const v = e.readE(size);
    const local = (which: 'dst' | '0' | '1'): number => {
      if (which === 'dst') return v;
      const k = e.tmp(I64);
      c.i64(Number(which)).set(k);
      return k;
    };
    const x = local(row.x);
    const y = local(row.y);
    const r = e.tmp(I64);
    wasmUop(c, row.uop, size, () => c.get(x), () => c.get(y));
    c.set(r);
    // not: the flags (and what the block knows of them) stay.
    if (row.lazy !== null) lazyRecord(e, LAZY_OP[row.lazy] as LazyOp, size, x, y, r, cin);
    e.writeE(size, r);
    return true;
  };
}

// ---- moves ----

/** A move row at every operand size (gen/moves.ts: dst = widen(src)):
 * E = G and E = imm (a register or a store), G = widen(E) (a register or
 * a load). A source wider than the destination is left to the handler. */
function moveLowering(name: string, args: string): Lowering {
  const row = moveRowOf(name, args)!;
  const dir: AluForm = args.startsWith('G') ? 'GE' : args.includes(',I') ? 'EI' : 'EG';
  return (e, i) => {
    const d = e.d;
    // Byte forms (a b destination) take their size from the opcode.
    const size = args[1] === 'b' ? 1 : d.osz[i];
    const from = row.from === 'v' ? size : row.from;
    if (from > size) return false;
    const c = e.code;
    if (dir === 'EI') {
      const v = e.tmp(I64);
      if (size >= 4) c.i64Halves(d.imm[i], size === 8 ? d.immHi[i] : 0).set(v);
      else c.i64(d.imm[i] & (size === 1 ? 0xff : 0xffff)).set(v);
      e.writeE(size, v);
      return true;
    }
    if (dir === 'EG') {
      const v = e.tmp(I64);
      e.getRegN(d.reg[i], size).code.set(v);
      e.writeE(size, v);
      return true;
    }
    const rm = d.rm[i];
    if (rm !== NO_REG) {
      e.getRegN(rm, from);
      wasmWiden(c, from, row.ext, size);
    } else {
      e.load(from, e.addr(), signedLoad(from, row.ext, size));
    }
    e.setRegN(d.reg[i], size);
    return true;
  };
}

// ---- shifts ----

/** The EXPLICIT record of gen/js-lower.ts explicitStores, field by field
 * (the same fields, in its order): the result, CF, OF, AF = 0. */
function explicitRecord(e: WasmEmitter, size: WasmSize, r: number, cf: number, of: number): void {
  const c = e.code;
  const start = e.flagStart();
  for (const line of explicitStores(size, 'r', 'rh', 'cf', 'of', false)) {
    const field = /^c\.(\w+) = /.exec(line)![1];
    switch (field) {
      case 'fop':
        e.flagConst(FF.FOP, LazyOp.EXPLICIT);
        break;
      case 'fsz':
        e.flagConst(FF.FSZ, size);
        break;
      case 'fres':
        e.flagWord(FF.FRES, r, size, false);
        break;
      case 'fresH':
        if (size === 8) e.flagWord(FF.FRESH, r, size, true);
        else e.flagConst(FF.FRESH, 0);
        break;
      case 'fcf':
        e.flagI32(FF.FCF, () => c.get(cf));
        break;
      case 'fof':
        e.flagI32(FF.FOF, () => c.get(of));
        break;
      case 'faf':
        e.flagConst(FF.FAF, 0);
        break;
      default:
        throw new Error(`wasm: no lowering of the EXPLICIT field ${field}`);
    }
  }
  e.flagEnd(start);
}

/** A shift row by a constant count (Ev,Ib, Ev,1, Eb,Ib, Eb,1) at every
 * size, of a register or memory: a masked count of 0 changes no flags (a
 * 32-bit register is still zero-extended; memory is left to the
 * handler); at 1 and 2 bytes a count of the operand's width or more is
 * the handler's too. */
function shiftLowering(name: string, one: boolean): Lowering {
  const row = shiftRowOf(name)!;
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i] as WasmSize;
    const n = (one ? 1 : d.imm[i]) & (size === 8 ? 63 : 31);
    const c = e.code;
    if (n >= size * 8) return false;
    if (n === 0) {
      if (d.rm[i] === NO_REG) return false;
      if (size === 4) {
        e.getRegN(d.rm[i], 4);
        e.setRegN(d.rm[i], 4);
      }
      return true;
    }
    const x = e.readE(size);
    const r = e.tmp(I64);
    const cf = e.tmp(I32);
    const of = e.tmp(I32);
    wasmShift(c, row.op, size, x, n, r, cf, of, e.tmp(I64));
    explicitRecord(e, size, r, cf, of);
    e.writeE(size, r);
    return true;
  };
}

/** A shift row by CL (Ev,CL) at 4 and 8 bytes, of a register or memory:
 * the count masked to 5 or 6 bits; a count of 0 changes no flags (the
 * operand is written back as it was: a 32-bit register zero-extended),
 * so the flag record is conditional and is neither removed by a later
 * record nor removes an earlier one. */
function shiftClLowering(name: string): Lowering {
  const row = shiftRowOf(name)!;
  return (e, i) => {
    const size = e.d.osz[i] as WasmSize;
    if (size !== 4 && size !== 8) return false;
    const c = e.code;
    const n = e.tmp(I64);
    e.getRegN(1, 1).code.i64(size === 8 ? 63 : 31).op(W.I64_AND).set(n);
    const x = e.readE(size);
    const r = e.tmp(I64);
    const cf = e.tmp(I32);
    const of = e.tmp(I32);
    c.get(x).set(r);
    e.barrier();
    c.get(n).i64(0).op(W.I64_NE);
    e.begin(W.IF);
    wasmShift(c, row.op, size, x, { local: n }, r, cf, of, e.tmp(I64));
    explicitRecord(e, size, r, cf, of);
    e.end();
    e.barrier();
    e.flags = null;
    e.writeE(size, r);
    return true;
  };
}

// ---- multiplication and division ----

/** imul G, E and imul G, E, imm (gen/muldiv.ts IMUL_ROWS) at 2, 4 and 8
 * bytes: E read first (it may fault), the EXPLICIT record, then G. */
function imulLowering(factors: 'GE' | 'EI'): Lowering {
  return (e, i) => {
    const d = e.d;
    const size = d.osz[i] as WasmSize;
    if (size === 1) return false;
    const c = e.code;
    const g = d.reg[i];
    const ev = e.readE(size);
    const other = e.tmp(I64);
    if (factors === 'GE') e.getRegN(g, size);
    else if (size === 8) c.i64Halves(d.imm[i], d.immHi[i]);
    else c.i64(d.imm[i] & (size === 4 ? 0xffffffff : 0xffff));
    c.set(other);
    const r = e.tmp(I64);
    const of = e.tmp(I32);
    wasmImul(c, size, ev, other, r, of, e.tmp(I64));
    explicitRecord(e, size, r, of, of);
    c.get(r);
    e.setRegN(g, size);
    return true;
  };
}

/** div/idiv E (gen/muldiv.ts DIV_ROWS) at 4 and 8 bytes: rAX and rDX
 * from the quotient and the remainder when wasmDivide defines them, the
 * handler otherwise (#DE, or a 128-bit dividend; it reads a memory
 * divisor again, RAM having no side effects on a read). Flags stay. */
function divLowering(signed: boolean): Lowering {
  return (e, i) => {
    const size = e.d.osz[i];
    if (size !== 4 && size !== 8) return false;
    const c = e.code;
    const dv = e.readE(size);
    const rax = e.tmp(I64);
    const rdx = e.tmp(I64);
    e.getReg(0).code.set(rax);
    e.getReg(2).code.set(rdx);
    const q = e.tmp(I64);
    const r = e.tmp(I64);
    const ok = e.tmp(I32);
    wasmDivide(c, size, signed, rax, rdx, dv, q, r, ok, e.tmp(I64), e.tmp(I64));
    c.get(ok);
    e.begin(W.IF);
    c.get(q);
    e.setRegN(0, size);
    c.get(r);
    e.setRegN(2, size);
    // (A block's last instruction: the handler's path leaves nx too.)
    if (e.last) e.ripAt(e.next).code.set(e.nx);
    e.else();
    e.callHandler();
    e.end();
    return true;
  };
}

// ---- lea, the accumulator ----

/** lea at 4 and 8 bytes: the address itself, summed in i64 (exact,
 * wrapping), truncated by the register write. A base (+ index) or
 * RIP-relative address is the emitter's; the other forms (an index
 * alone, a displacement alone, a segment override, which lea ignores)
 * are summed here. 0x67: the handler. */
const leaLowering: Lowering = (e, i) => {
  const d = e.d;
  const size = d.osz[i];
  if ((size !== 4 && size !== 8) || (d.pfx[i] & PFX_ASZ) !== 0) return false;
  const c = e.code;
  if (d.amode[i] !== AM_GENERAL) c.get(e.addr());
  else {
    const b = d.base[i];
    const x = d.index[i];
    if (b === BASE_RIP) return false;
    c.i64(d.disp[i]);
    if (b !== NO_REG) e.getReg(b).code.op(W.I64_ADD);
    if (x !== NO_REG) {
      e.getReg(x);
      if (d.scale[i] !== 0) c.i64(d.scale[i]).op(W.I64_SHL);
      c.op(W.I64_ADD);
    }
  }
  e.setRegN(d.reg[i], size);
  return true;
};

/** cbw/cwde/cdqe and cwd/cdq/cqo at every operand size. */
function accumulatorLowering(name: string): Lowering {
  const row = accumulatorRowOf(name)!;
  return (e, i) => {
    const size = e.d.osz[i] as 2 | 4 | 8;
    const rax = e.tmp(I64);
    e.getReg(0).code.set(rax);
    wasmAccumulator(e.code, row.op, size, rax);
    e.setRegN(row.dst, size);
    return true;
  };
}

// ---- conditions: setcc, cmovcc ----

/** setcc E8: 1 or 0 into a byte register or memory. */
const setccLowering: Lowering = (e, i) => {
  const v = e.tmp(I64);
  e.condition(e.d.x[i]);
  e.code.op(W.I64_EXTEND_I32_U).set(v);
  e.writeE(1, v);
  return true;
};

/** cmovcc G, E at 4 and 8 bytes: the source is read (and may fault)
 * whatever the condition; a 32-bit destination is zero-extended either
 * way. */
const cmovLowering: Lowering = (e, i) => {
  const d = e.d;
  const size = d.osz[i];
  if (size !== 4 && size !== 8) return false;
  const c = e.code;
  const v = e.readE(size);
  const g = d.reg[i];
  c.get(v);
  e.getRegN(g, size);
  e.condition(d.x[i]);
  c.op(W.SELECT);
  maskTo(c, size);
  e.setRegN(g, size);
  return true;
};

// ---- the provider ----

const SHIFT_ARGS = ['Ev,Ib', 'Ev,1', 'Eb,Ib', 'Eb,1'];

/** The lowering of an opcode-table row from the generated families, or
 * null. */
export function genWasmProvider(r: OpcodeRow): Lowering | null {
  const args = r.args.join(',');
  if (aluRow(r.name) !== undefined) return ALU_FORMS[args] !== undefined ? aluLowering(r.name, ALU_FORMS[args]) : null;
  if (CARRY_ROWS.has(r.name)) return ALU_FORMS[args] !== undefined ? carryLowering(r.name, ALU_FORMS[args]) : null;
  if (unaryRow(r.name) !== undefined) return args === 'Ev' ? unaryLowering(r.name) : null;
  if (moveRowOf(r.name, args) !== undefined) return moveLowering(r.name, args);
  if (shiftRowOf(r.name) !== undefined) {
    if (args === 'Ev,CL') return shiftClLowering(r.name);
    return SHIFT_ARGS.includes(args) ? shiftLowering(r.name, args.endsWith(',1')) : null;
  }
  const imul = imulRowOf(r.name, args);
  if (imul !== undefined) return imulLowering(imul.factors);
  const div = divRowOf(r.name, args);
  if (div !== undefined) return divLowering(div.signed);
  if (r.name === 'lea' && args === 'Gv,M') return leaLowering;
  if (accumulatorRowOf(r.name) !== undefined && args === '') return accumulatorLowering(r.name);
  if (r.fn === mov.setcc && args === 'Eb') return setccLowering;
  if (r.fn === mov.cmov && args === 'Gv,Ev') return cmovLowering;
  const control = controlRowOf(r.name, args);
  if (control !== undefined) return controlLowering(control);
  return null;
}
