/**
 * JIT templates of the 128-bit SSE moves (see jit/templates.ts for the
 * rules every template follows): movups/movupd/movaps/movapd/movdqa/movdqu
 * between registers and to or from memory (ops/sse-move.ts movLoad128,
 * movStore128), the moves C compilers use for struct copies and memcpy.
 *
 * The common case runs inline: SSE enabled (CR4.OSFXSR set, CR0.EM and
 * CR0.TS clear), an aligned address where the form requires one, and the
 * 16 bytes on one RAM page that the TLB maps for this access (for a store:
 * a page holding no decoded code). Anything else calls the handler, which
 * raises #UD, #NM, #GP or #PF, or goes through core.read32/write32, exactly
 * as the interpreter does; nothing is read or written before that choice.
 * The lanes are the core's `xmm` Int32Array, four per register.
 */
import { NO_REG } from '../decoded';
import { CR0_EM, CR0_TS, CR4_OSFXSR } from '../registers';
import type { BlockEmitter, Template } from './emitter';

/** SSE instructions run (ops/sse-state.ts checkSse passes). */
const SSE_ON = `(c.cr4 & ${CR4_OSFXSR}) !== 0 && (c.cr0 & ${CR0_EM | CR0_TS}) === 0`;

function copyLanes(dst: number, src: number): string {
  return [0, 1, 2, 3].map((k) => `X[${dst * 4 + k}] = X[${src * 4 + k}];`).join(' ');
}

/** The memory operand's address local, the page-offset local and the TLB
 * index local, and the test that the access is aligned when required. */
function operand(e: BlockEmitter, i: number, tag: string): { a: string; o: string; t: string; aligned: string } {
  const a = e.addr();
  const t = e.v(tag);
  const o = e.v(`${tag}o`);
  e.emit(`const ${t}l = ${a} | 0, ${o} = ${t}l & 4095, ${t} = (${t}l >>> 12) & 1023;`);
  return { a, o, t, aligned: e.d.x[i] === 1 ? ` && (${t}l & 15) === 0` : '' };
}

/** The handler on the slow path, then the brk check (a handler may have
 * delivered an event or written a code page). */
function slow(e: BlockEmitter, i: number): string {
  return `so = 1; c.nextRip = ${e.nextRip()}; ${e.handlerOfSlot(i)}(c, ${i}); if (c.brk) { c.rip = ${e.nextRip()}; c.retired += ${e.kb + 1}; return null; }`;
}

/** movups/movaps/movdqu/movdqa... xmm, xmm/m128 (movLoad128). */
export const movLoad128: Template = (e, i) => {
  const d = e.d;
  const dst = d.reg[i];
  const rm = d.rm[i];
  if (rm !== NO_REG) {
    e.emit(`if (${SSE_ON}) { const X = c.xmm; ${copyLanes(dst, rm)} } else { ${slow(e, i)} }`);
    return true;
  }
  const { a, o, t, aligned } = operand(e, i, '$x');
  e.barrier();
  e.emit(`if (${SSE_ON} && c.rdPage[${t}] === ${a} - ${o} && ${o} <= 4080${aligned}) {`);
  e.emit(`const X = c.xmm, p = TR[${t}] + ${o};`);
  e.emit([0, 1, 2, 3].map((k) => `X[${dst * 4 + k}] = DV.getInt32(p + ${k * 4}, true);`).join(' '));
  e.emit(`} else { ${slow(e, i)} }`);
  return true;
};

/** movups/movaps/movdqu/movdqa... xmm/m128, xmm (movStore128). */
export const movStore128: Template = (e, i) => {
  const d = e.d;
  const src = d.reg[i];
  const rm = d.rm[i];
  if (rm !== NO_REG) {
    e.emit(`if (${SSE_ON}) { const X = c.xmm; ${copyLanes(rm, src)} } else { ${slow(e, i)} }`);
    return true;
  }
  const { a, o, t, aligned } = operand(e, i, '$y');
  e.barrier();
  e.emit(`if (${SSE_ON} && c.wrPage[${t}] === ${a} - ${o} && ${o} <= 4080${aligned} && CP[TR[${t}] >>> 12] === 0) {`);
  e.emit(`const X = c.xmm, p = TR[${t}] + ${o};`);
  e.emit([0, 1, 2, 3].map((k) => `DV.setInt32(p + ${k * 4}, X[${src * 4 + k}], true);`).join(' '));
  e.emit(`} else { ${slow(e, i)} }`);
  return true;
};
