/**
 * The function every region module holds beside `run`: condition `cc`
 * from the lazy flag fields (the runtime's flag block), as flags.ts
 * testCC computes it, for the records it has fast paths for (a
 * subtraction: below, equal, below-or-equal, less, less-or-equal and
 * their inverses; a logic record: every condition but parity; any other
 * record: equal, sign and their inverses); anything else calls the interpreter's predicate through the COND import.
 *
 * The fields are read as the interpreter reads the JavaScript numbers:
 * `x >>> 0` is i64.trunc & 0xffffffff, `x | 0` its wrap to i32, and the
 * comparisons flags.ts makes on the numbers themselves (`c.fa < c.fb` at
 * 4 bytes, the high halves at 8) are f64 comparisons of the stored values.
 */
import { Code, I32, I64, W } from '../../wasm/encoder';
import { LazyOp } from '../flags';
import { CoreLayout, FF, Imp } from './emitter';

/** Parameters: cc, k (passed on to the import). */
export function condFieldsFunction(at: CoreLayout): Code {
  const c = new Code(2);
  const CC = 0;
  const K = 1;
  const fop = c.local(I32);
  const fsz = c.local(I32);
  const pair = c.local(I32);
  const r = c.local(I32);
  const sh = c.local(I32);
  const field = (f: FF): Code => c.i32(0).mem(W.F64_LOAD, 3, at.flags + 8 * f);
  /** ToUint32 of a field, as i64. */
  const u32 = (f: FF): Code => field(f).op(W.I64_TRUNC_F64_S).i64(0xffffffff).op(W.I64_AND);
  /** isZero: fres === 0 && (fsz !== 8 || fresH === 0). */
  const isZero = (): void => {
    field(FF.FRES).f64(0).op(W.F64_EQ);
    c.get(fsz).i32(8).op(W.I32_NE);
    field(FF.FRESH).f64(0).op(W.F64_EQ).op(W.I32_OR);
    c.op(W.I32_AND);
  };
  /** ult(fa, faH, fb, fbH). */
  const ult = (): void => {
    c.get(fsz).i32(8).op(W.I32_EQ);
    field(FF.FAH);
    field(FF.FBH).op(W.F64_NE).op(W.I32_AND);
    c.begin(W.IF, I32);
    u32(FF.FAH);
    u32(FF.FBH).op(W.I64_LT_U);
    c.op(W.ELSE);
    u32(FF.FA);
    u32(FF.FB).op(W.I64_LT_U);
    c.end();
  };
  /** slt(). */
  const slt = (): void => {
    c.get(fsz).i32(8).op(W.I32_EQ);
    c.begin(W.IF, I32);
    field(FF.FAH);
    field(FF.FBH).op(W.F64_LT);
    field(FF.FAH);
    field(FF.FBH).op(W.F64_EQ);
    u32(FF.FA);
    u32(FF.FB).op(W.I64_LT_U).op(W.I32_AND).op(W.I32_OR);
    c.op(W.ELSE);
    c.get(fsz).i32(4).op(W.I32_EQ);
    c.begin(W.IF, I32);
    field(FF.FA);
    field(FF.FB).op(W.F64_LT);
    c.op(W.ELSE);
    c.i32(32).get(fsz).i32(3).op(W.I32_SHL).op(W.I32_SUB).set(sh);
    field(FF.FA).op(W.I64_TRUNC_F64_S, W.I32_WRAP_I64).get(sh).op(W.I32_SHL).get(sh).op(W.I32_SHR_S);
    field(FF.FB).op(W.I64_TRUNC_F64_S, W.I32_WRAP_I64).get(sh).op(W.I32_SHL).get(sh).op(W.I32_SHR_S);
    c.op(W.I32_LT_S);
    c.end();
    c.end();
  };
  /** signOf(fres, fresH): bit 31 of fresH at 8 bytes, else the size's
   * top bit of fres. */
  const sign = (): void => {
    c.get(fsz).i32(8).op(W.I32_EQ);
    c.begin(W.IF, I32);
    u32(FF.FRESH).i64(31).op(W.I64_SHR_U).op(W.I32_WRAP_I64);
    c.op(W.ELSE);
    u32(FF.FRES).get(fsz).i32(3).op(W.I32_SHL).i32(1).op(W.I32_SUB).op(W.I64_EXTEND_I32_U).op(W.I64_SHR_U);
    c.op(W.I32_WRAP_I64).i32(1).op(W.I32_AND);
    c.end();
  };
  const ret = (): void => void c.get(r).get(CC).i32(1).op(W.I32_AND).op(W.I32_XOR).op(W.RETURN);

  field(FF.FOP).op(W.I32_TRUNC_F64_S).set(fop);
  field(FF.FSZ).op(W.I32_TRUNC_F64_S).set(fsz);
  c.get(CC).i32(1).op(W.I32_SHR_U).set(pair);
  c.get(fop).i32(LazyOp.SUB).op(W.I32_EQ);
  /** If the condition pair is `p`: return body's value (xor the cc's
   * negation bit). */
  const when = (p: number, body: () => void): void => {
    c.get(pair).i32(p).op(W.I32_EQ).begin(W.IF);
    body();
    c.set(r);
    ret();
    c.end();
  };
  c.begin(W.IF);
  {
    when(1, ult);
    when(2, isZero);
    when(3, () => {
      ult();
      isZero();
      c.op(W.I32_OR);
    });
    when(6, slt);
    when(7, () => {
      slt();
      isZero();
      c.op(W.I32_OR);
    });
  }
  c.end();
  // ZF and SF are the recorded result's for every record (flags.ts getZF,
  // getSF).
  c.get(fop).i32(LazyOp.NONE).op(W.I32_NE);
  c.begin(W.IF);
  when(2, isZero);
  when(4, sign);
  c.end();
  // A logic record: CF = OF = 0 (flags.ts getCF, getOF), so B and O are
  // false, BE is ZF, L is SF and LE is ZF or SF.
  c.get(fop).i32(LazyOp.LOGIC).op(W.I32_EQ);
  c.begin(W.IF);
  {
    c.get(pair).i32(1).op(W.I32_LE_U).begin(W.IF);
    c.i32(0).set(r);
    ret();
    c.end();
    when(3, isZero);
    when(6, sign);
    when(7, () => {
      isZero();
      sign();
      c.op(W.I32_OR);
    });
  }
  c.end();
  c.get(CC).get(K).call(Imp.COND);
  return c;
}
