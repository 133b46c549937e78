/**
 * The wasm backend's lowerings of the rows of gen/control.ts (jmp, call,
 * ret, push and pop): the row's steps in its order, as the interpreter's
 * cases and the JavaScript templates take them. The target is an f64
 * local (a canonical address is exact in a double), values on the stack
 * i64 locals; a store may hit code, so the region checks c.brk after a
 * push.
 */
import { F64, I64, W } from '../../wasm/encoder';
import type { Lowering, WasmEmitter } from '../wasm/emitter';
import { controlCovers, ControlRow } from './control';

/** Pushes the 8-byte value of i64 local `v`: the store first (it may
 * fault: RSP unchanged), then RSP. */
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

/** The lowering of a row of gen/control.ts. */
export function controlLowering(row: ControlRow): Lowering {
  return (e, i) => {
    if (!controlCovers(row, e.d.osz[i], e.d.imm[i])) return false;
    const c = e.code;
    if (row.target === 'rel' && row.push === null) {
      // A direct jump: the next RIP is the (checked) target.
      const t = e.next + e.d.imm[i];
      e.ripAt(t).setNextRip();
      e.canonCheck(e.nx, t);
      return true;
    }
    let target = -1;
    let popRsp = -1;
    if (row.target === 'rel') {
      const t = e.next + e.d.imm[i];
      target = e.tmp(F64);
      e.ripAt(t).code.set(target);
      e.canonCheck(target, t);
    } else if (row.target !== null) {
      let v: number;
      if (row.target === 'E') v = e.readE(8);
      else ({ rsp: popRsp, v } = top64(e));
      target = e.tmp(F64);
      c.get(v).op(W.F64_CONVERT_I64_S).set(target);
      e.canonCheck(target);
    }
    if (popRsp >= 0) popped64(e, popRsp);
    if (row.push === 'next') push64(e, returnAddress(e));
    else if (row.push === 'reg') {
      const v = e.tmp(I64);
      e.getReg(e.d.rm[i]).code.set(v);
      push64(e, v);
    }
    if (row.pop) {
      const { rsp, v } = top64(e);
      popped64(e, rsp);
      c.get(v);
      e.setReg(e.d.rm[i]);
    }
    if (target >= 0) {
      c.get(target);
      e.setNextRip();
    }
    if (row.push !== null) e.checkBrk();
    return true;
  };
}
