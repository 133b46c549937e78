/**
 * JIT templates of the data-movement rows of gen/moves.ts (see
 * jit/templates.ts for the rules every template follows): mov, movzx,
 * movsx, movsxd at every operand size, the widening lowered by
 * gen/js-lower.ts lowerWiden as in the interpreter's generated cases.
 * The operand roles come from the opcode-table operand list: the first
 * is the destination, the second the source (E the ModRM operand,
 * register or memory; G the ModRM register; Z the register in the
 * opcode; I the immediate; a trailing b a byte operand).
 */
import { NO_REG } from '../decoded';
import { lowerWiden } from '../gen/js-lower';
import { moveRowOf } from '../gen/moves';
import type { Template } from './emitter';
import { reg8, regN, setRegN } from './operand-code';

/** The template of opcode-table row `name args` (a move row's). */
export function moveTemplate(name: string, args: string): Template {
  const row = moveRowOf(name, args);
  if (row === undefined) throw new Error(`jit: no move row for ${name} ${args}`);
  const [dstArg, srcArg] = args.split(',');
  const byteDst = dstArg.endsWith('b');
  return (e, i) => {
    const d = e.d;
    const size = byteDst ? 1 : d.osz[i];
    const width = row.from === 'v' ? size : row.from;
    // (movsxd r16 reads 16 bits: the handler's.)
    if (width > size) return false;
    const v = e.v('v');
    // The source, its value alone (a byte or word register masked).
    let lo: string;
    let hi = '0';
    const rm = d.rm[i];
    const srcReg = srcArg[0] === 'G' ? d.reg[i] : srcArg[0] === 'E' ? rm : -1;
    if (srcArg[0] === 'I') {
      lo = String(width === 1 ? d.imm[i] & 0xff : width === 2 ? d.imm[i] & 0xffff : d.imm[i]);
      hi = String(d.immHi[i]);
    } else if (srcReg !== NO_REG) {
      lo = width === 1 ? reg8(srcReg) : width === 2 ? regN(srcReg, 2) : `rl[${srcReg}]`;
      hi = `rh[${srcReg}]`;
    } else {
      const a = e.addr();
      e.load(width, a, `${v}m`);
      lo = `${v}m`;
      hi = `${v}mh`;
    }
    const widened = lowerWiden(width, row.ext, size, v, `${v}h`, true);
    // The source as it is, or in local v when the widening computes
    // (a sign extension: its high half is v >> 31).
    let value = lo;
    const high = widened.hi === `${v}h` ? hi : widened.hi;
    if (widened.fix !== null || widened.hi === `${v} >> 31`) {
      e.emit(`${widened.fix === null ? 'const' : 'let'} ${v} = ${lo};`);
      if (widened.fix !== null) e.emit(widened.fix);
      value = v;
    }
    // The destination: a register (32 bits clear the high half, 8 and 16
    // merge) or memory.
    const dstReg = dstArg[0] === 'G' ? d.reg[i] : rm;
    if (dstReg !== NO_REG) {
      if (size >= 4) e.emit(`rl[${dstReg}] = ${value}; rh[${dstReg}] = ${high};`);
      else e.emit(setRegN(dstReg, size, value));
      return true;
    }
    const a = e.addr();
    e.store(size, a, value, size === 8 ? high : '0');
    return true;
  };
}
