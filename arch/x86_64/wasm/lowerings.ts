/**
 * The wasm backend's lowerings, keyed by opcode-table row (as the
 * JavaScript tier's TEMPLATES): control flow (jcc, jmp, call, ret) and
 * the stack; the generated families (ALU, moves, shifts, lea, cbw/cwd,
 * inc/dec/neg/not, imul, div/idiv, setcc, cmovcc) are
 * gen/wasm-families.ts's, from the rows. Each one computes
 * exactly what the interpreter's handler for the same slot computes: the
 * same registers, memory accesses in the same order through the same
 * paths, the same lazy flags. A lowering returns false for a form it
 * does not cover; the instruction then calls its handler.
 *
 * Providers: functions from a row to its lowering (or null). The
 * generated families' providers (gen/wasm-*.ts) come first in PROVIDERS;
 * the first one that gives a lowering for a row wins.
 */
import { F64, I64, W } from '../../wasm/encoder';
import { OpcodeRow, ROWS } from '../opcode-table';
import * as control from '../ops/control';
import { genWasmProvider } from '../gen/wasm-families';
import { sseProvider } from './sse-lowerings';
import { Lowering, WasmEmitter } from './emitter';

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

/** Loads the 8 bytes at RSP into a new i64 local (it may fault: RSP
 * unchanged); the RSP it read is in `rsp` for popped64. */
function top64(e: WasmEmitter): { rsp: number; v: number } {
  const rsp = e.tmp(I64);
  const v = e.tmp(I64);
  e.getReg(4);
  e.code.set(rsp);
  e.load(8, rsp).code.set(v);
  return { rsp, v };
}

/** RSP past the value top64 read (after anything else that may fault). */
function popped64(e: WasmEmitter, rsp: number): void {
  e.code.get(rsp).i64(8).op(W.I64_ADD);
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
  const { rsp, v } = top64(e);
  const target = e.tmp(F64);
  toRip(e, v);
  c.set(target);
  e.canonCheck(target);
  popped64(e, rsp);
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

/** xchg r, rAX (90+r, ops/mov.ts xchgZ): with rAX itself (90, 66 90) it
 * changes nothing; otherwise the two registers swap at the size (a
 * 4-byte write zero-extends both). */
const xchgZ: Lowering = (e, i) => {
  const r = e.d.rm[i];
  if (r === 0) return true;
  const size = e.d.osz[i];
  const v = e.tmp(I64);
  e.getRegN(r, size).code.set(v);
  e.getRegN(0, size).setRegN(r, size);
  e.code.get(v);
  e.setRegN(0, size);
  return true;
};

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
  const { rsp, v } = top64(e);
  popped64(e, rsp);
  e.code.get(v);
  e.setReg(e.d.rm[i]);
  return true;
};

// ---- the table ----

/** This file's lowerings (the generated families' are gen/wasm-families.ts's). */
export const baseProvider: Provider = (r) => {
  const args = r.args.join(',');
  switch (`${r.name} ${args}`) {
    case 'push Zv':
      return push;
    case 'pop Zv':
      return pop;
    case 'call Ev':
      return callE;
    case 'xchg Zv,rAX':
      return xchgZ;
  }
  if (r.fn === control.jcc) return jcc;
  if (r.fn === control.jmpRel) return jmpRel;
  if (r.fn === control.callRel) return callRel;
  if (r.fn === control.ret) return ret;
  if (r.fn === control.jmpE) return jmpE;
  if (r.fn === control.nop) return nop;
  return null;
};

/** The providers, first match wins (the generated families' first;
 * the SSE moves and logic are wasm/sse-lowerings.ts'). */
export const PROVIDERS: Provider[] = [genWasmProvider, baseProvider, sseProvider];

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

