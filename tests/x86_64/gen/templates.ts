/**
 * Differential cases for the rows the per-row generator cannot place alone:
 * branches (jcc, jmp, call, ret, loop, jrcxz), the stack (push, pop, pushf,
 * popf, enter, leave), string instructions with rep prefixes and DF, xlat,
 * ud2 and int3. Each template builds a short self-contained code sequence
 * with registers pointing into the compared data block (the stack too).
 */
import { CODE_ADDR, DATA_ADDR, DATA_SIZE, Rng, STATE_SIZE, TestCase } from './generate';
import { ROWS } from '../../../arch/x86_64/opcode-table';

const FREE = [0, 2, 3, 5, 8, 9, 10, 11, 12, 13, 14, 15]; // no RCX/RSP/RSI/RDI

function movImm32(r: number, v: number): number[] {
  const out: number[] = [];
  if (r >= 8) out.push(0x41);
  out.push(0xb8 + (r & 7), v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  return out;
}

function rel32(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff];
}

type Template = (rng: Rng, regs: bigint[], data: Uint8Array) => number[];

const jcc: Template = (rng) => {
  const cc = rng.int(16);
  const skip = movImm32(rng.pick(FREE), rng.next());
  const body = rng.int(2) === 0 ? [0x70 + cc, skip.length] : [0x0f, 0x80 + cc, ...rel32(skip.length)];
  return [...body, ...skip, ...movImm32(rng.pick(FREE), rng.next())];
};

const jmp: Template = (rng) => {
  const skip = movImm32(rng.pick(FREE), rng.next());
  return [...(rng.int(2) === 0 ? [0xeb, skip.length] : [0xe9, ...rel32(skip.length)]), ...skip];
};

const loop: Template = (rng, regs) => {
  const kind = rng.int(4); // loopne, loope, loop, jrcxz
  // RCX = 0 would loop 2^64 times; jrcxz tests 0 and non-zero.
  regs[1] = BigInt(kind === 3 ? rng.int(3) : 1 + rng.int(5));
  if (kind === 3) {
    const skip = movImm32(rng.pick(FREE), rng.next());
    return [0xe3, skip.length, ...skip];
  }
  // L: add edx, imm8 (sets ZF sometimes); loopcc L
  const imm = rng.pick([0, 1, 0xff]);
  return [0x83, 0xc2, imm, 0xe0 + kind, 0xfb];
};

const callRet: Template = (rng, regs, data) => {
  const r1 = movImm32(rng.pick(FREE), rng.next());
  const r2 = movImm32(rng.pick(FREE), rng.next());
  const withImm = rng.int(3) === 0;
  const ret = withImm ? [0xc2, 0x08, 0x00] : [0xc3];
  const pre = withImm ? [0x6a, rng.int(128)] : [];
  const form = rng.int(3);
  const afterCall = [...r1, 0xeb, r2.length + ret.length];
  let call: number[];
  if (form === 0) call = [0xe8, ...rel32(afterCall.length)];
  else {
    // call r/m64 with an absolute target.
    const start = pre.length + (form === 1 ? 10 + 3 : 6);
    const target = CODE_ADDR + start + afterCall.length;
    if (form === 1) call = [0x49, 0xbb, ...rel32(target), 0, 0, 0, 0, 0x41, 0xff, 0xd3]; // mov r11, imm64; call r11
    else {
      const off = 8 * rng.int(8);
      new DataView(data.buffer).setBigUint64(off, BigInt(target), true);
      regs[3] = BigInt(DATA_ADDR + off);
      call = [0xff, 0x13, 0x90, 0x90, 0x90, 0x90]; // call [rbx]; nop padding
    }
  }
  return [...pre, ...call, ...afterCall, ...r2, ...ret];
};

const stack: Template = (rng, regs) => {
  const out: number[] = [];
  let depth = 0;
  for (let k = 0; k < 6; k++) {
    const r = rng.pick(FREE);
    const rex = r >= 8 ? [0x41] : [];
    const o16 = rng.int(5) === 0;
    const size = o16 ? 2 : 8;
    const p = o16 ? [0x66] : [];
    const choice = rng.int(depth >= 16 ? 7 : 5);
    if (choice === 0) out.push(...p, ...rex, 0x50 + (r & 7));
    else if (choice === 1) out.push(...p, 0x6a, rng.int(256));
    else if (choice === 2) out.push(...p, 0x68, ...(o16 ? [rng.int(256), rng.int(256)] : rel32(rng.next())));
    else if (choice === 3) out.push(...p, 0xff, 0xb7, ...rel32(rng.int(64) * 2)); // push [rdi + d]
    else if (choice === 4) out.push(...p, 0x9c); // pushf
    else if (choice === 5) out.push(...p, ...rex, 0x58 + (r & 7));
    else out.push(...p, 0x8f, 0x87, ...rel32(rng.int(64) * 2)); // pop [rdi + d]
    depth += choice <= 4 ? size : -size;
  }
  regs[7] = BigInt(DATA_ADDR + 320);
  return out;
};

const popf: Template = (rng) => {
  const flags = (rng.next() & 0x8d5) | 0x202;
  return [0x68, ...rel32(flags), 0x9d];
};

const enterLeave: Template = (rng, regs) => {
  regs[5] = BigInt(DATA_ADDR + 400);
  const level = rng.int(4);
  const size = rng.int(64);
  const r = rng.pick(FREE.filter((x) => x !== 5)); // leave needs the frame pointer
  return [0xc8, size, 0, level, ...movImm32(r, rng.next()), 0xc9];
};

const STRING_OPS = [0xa4, 0xa6, 0xaa, 0xac, 0xae];
const string: Template = (rng, regs) => {
  const op = rng.pick(STRING_OPS);
  const size = rng.int(4); // b, w, d, q
  const down = rng.int(3) === 0;
  const rep = rng.pick([[], [0xf3], [0xf2]]);
  const count = rng.int(9);
  regs[1] = BigInt(count);
  const span = count * 8 + 8;
  regs[6] = BigInt(DATA_ADDR + (down ? span + rng.int(64) : rng.int(64)));
  regs[7] = BigInt(DATA_ADDR + (down ? 256 + span : 256) + rng.int(64));
  const pfx = size === 1 ? [0x66] : [];
  const rex = size === 3 ? [0x48] : [];
  const code = op + (size === 0 ? 0 : 1);
  return [...(down ? [0xfd] : []), ...pfx, ...rep, ...rex, code, 0xfc];
};

const xlat: Template = (rng, regs) => {
  regs[3] = BigInt(DATA_ADDR + rng.int(256));
  return [0xd7];
};

const faults: Template = (rng) => (rng.int(2) === 0 ? [0x0f, 0x0b] : [0xcc]);

export const TEMPLATES: [string, Template][] = [
  ['jcc', jcc], ['jmp', jmp], ['loop', loop], ['call/ret', callRet], ['push/pop', stack], ['popf', popf],
  ['enter/leave', enterLeave], ['string', string], ['xlat', xlat], ['ud2/int3', faults],
];

/** Rows the templates exercise (for coverage reports). */
export const TEMPLATE_ROWS = new Set(
  ROWS.filter((r) => /^(j|loop|call|ret|push|pop|enter|leave|movs|cmps|stos|lods|scas|xlat|ud2|int3|std|cld)/.test(r.name)),
);

export function makeTemplateCase(rng: Rng, name: string, t: Template): TestCase {
  const regs: bigint[] = [];
  for (let r = 0; r < 16; r++) regs.push((BigInt(rng.next()) << 32n) | BigInt(rng.next()));
  regs[4] = BigInt(DATA_ADDR + 256);
  const data = new Uint8Array(DATA_SIZE);
  for (let k = 0; k < DATA_SIZE; k++) data[k] = rng.int(256);
  const code = t(rng, regs, data);
  const state = new Uint8Array(STATE_SIZE);
  const view = new DataView(state.buffer);
  for (let r = 0; r < 16; r++) view.setBigUint64(r * 8, regs[r] & 0xffffffffffffffffn, true);
  view.setBigUint64(128, BigInt((rng.next() & 0x8d5) | 0x202), true);
  view.setUint32(416, 0x1f80, true);
  return { code: Uint8Array.from(code), state, data, rows: [], undefFlags: 0, text: name };
}
