/**
 * x87 against the host CPU: generated sequences (fninit; fldcw with random
 * precision and rounding control; loads of random and edge-case operands
 * from the data block; the instruction under test; stores of the results,
 * the status word into AX, the control word) run natively and on the core
 * through the differential harness, which compares GPRs, flags and the data
 * block. X86_X87_CASES / X86_DIFF_SEED scale and replay it.
 */
import { Rng, CODE_ADDR, DATA_ADDR, DATA_SIZE, STACK_TOP, STATE_SIZE, TestCase } from './gen/generate';
import { runDifferential, runNative } from './harness/diff';

const CASES = Number(process.env.X86_X87_CASES ?? 300);
const SEED = Number(process.env.X86_DIFF_SEED ?? 12345);
const OUT = 256; // results area in the data block

/** op m (memory operand at [rsi + disp32]); ModRM mod=10, rm=110 (RSI). */
function mem(op: number, reg: number, disp: number): number[] {
  return [op, 0x80 | (reg << 3) | 6, disp & 0xff, (disp >>> 8) & 0xff, 0, 0];
}

/** A random 80-bit operand: normals around 1, wide exponents, edge significands, specials. */
function rand80(rng: Rng, out: Uint8Array, at: number): void {
  const kind = rng.int(20);
  let e = 0x3fff - 8 + rng.int(17);
  let hi = (rng.next() | 0x80000000) >>> 0;
  let lo = rng.next();
  const sign = rng.int(2);
  if (kind === 0) e = rng.int(0x7fff);
  else if (kind === 1) {
    e = 0;
    hi = 0;
    lo = 0;
  } else if (kind === 2) {
    e = 0x7fff;
    hi = 0x80000000;
    lo = 0;
  } else if (kind === 3) {
    e = 0x7fff;
    hi = (0xc0000000 | rng.next()) >>> 0; // QNaN
  } else if (kind === 4) {
    e = 0x7fff;
    hi = ((rng.next() & 0x3fffffff) | 0x80000001) >>> 0; // SNaN
  } else if (kind === 5) {
    e = 0;
    hi = rng.next() & 0x7fffffff; // denormal
  } else if (kind === 6) {
    e = 1 + rng.int(70);
  } else if (kind === 7) {
    e = 0x7ffe - rng.int(70);
  } else if (kind === 8) {
    hi = 0xffffffff;
    lo = rng.int(2) ? 0xffffffff : rng.next() | 0xfffff000;
  } else if (kind === 9) {
    lo = rng.int(2) ? 0 : 0x400;
    hi = (0x80000000 | (rng.next() & 0xfffff800)) >>> 0;
  } else if (kind === 10) {
    // an exact integer
    e = 0x3fff + rng.int(64);
  }
  const v = new DataView(out.buffer, out.byteOffset);
  v.setUint32(at, lo >>> 0, true);
  v.setUint32(at + 4, hi >>> 0, true);
  v.setUint16(at + 8, (sign << 15) | e, true);
}

function randomData(rng: Rng): Uint8Array {
  const data = new Uint8Array(DATA_SIZE);
  for (let k = 0; k < 64; k += 10) rand80(rng, data, k);
  for (let k = 64; k < 128; k++) data[k] = rng.int(256);
  // Some doubles and floats that are ordinary values.
  const v = new DataView(data.buffer);
  v.setFloat64(64, (rng.next() / 65536 - 32768) * (rng.int(2) ? 1e-3 : 1e6), true);
  v.setFloat32(72, (rng.next() / 65536 - 32768) / 7, true);
  if (rng.int(3) === 0) v.setUint32(76, rng.int(2) ? 0x7f800001 : 0x00000123, true);
  if (rng.int(3) === 0) v.setUint32(84, rng.int(2) ? 0x7ff00000 : 0x00001234, true);
  // Control word: all exceptions masked, random PC and RC.
  const pc = [0, 2, 3][rng.int(3)];
  v.setUint16(120, 0x007f | (pc << 8) | (rng.int(4) << 10), true);
  return data;
}

// Operand slots: m80 at 0,10,20,30,40,50; m64 at 64, 80; m32 at 72, 76; m16 at 88, 90.
const M80 = [0, 10, 20, 30, 40, 50];

function body(rng: Rng): number[] {
  const c: number[] = [];
  const fld80 = (k: number): void => void c.push(...mem(0xdb, 5, M80[k]));
  const kind = rng.int(14);
  const a = rng.int(6);
  const b = rng.int(6);
  switch (kind) {
    case 0: {
      // register arithmetic: D8 (st0 op sti), DC (sti op st0), DE (...p)
      fld80(a);
      fld80(b);
      const n = rng.int(8);
      const op = [0xd8, 0xdc, 0xde][rng.int(3)];
      if (op !== 0xd8 && (n === 2 || n === 3)) c.push(0xde, 0xd9); // fcompp
      else c.push(op, 0xc0 + n * 8 + 1);
      break;
    }
    case 1: {
      // memory arithmetic with m32/m64 reals and m32/m16 integers
      fld80(a);
      const n = rng.int(8);
      const f = rng.int(4);
      const disp = [72 + 4 * rng.int(2), 64 + 16 * rng.int(2), 92 + 4 * rng.int(4), 88 + 2 * rng.int(2)][f];
      c.push(...mem([0xd8, 0xdc, 0xda, 0xde][f], n, disp));
      break;
    }
    case 2: {
      fld80(a);
      c.push(0xd9, [0xfa, 0xfc, 0xe0, 0xe1, 0xe4, 0xe5][rng.int(6)]);
      break;
    }
    case 3: {
      // stores with rounding: m32, m64, integers, fisttp
      fld80(a);
      const forms = [
        [0xd9, 3], [0xdd, 3], [0xd9, 2], [0xdd, 2], [0xdf, 3], [0xdb, 3], [0xdf, 7], [0xdf, 1], [0xdb, 1], [0xdd, 1], [0xdf, 2], [0xdb, 2],
      ];
      const [op, reg] = forms[rng.int(forms.length)];
      c.push(...mem(op, reg, OUT + 80));
      break;
    }
    case 4: {
      // loads of m32/m64/integers
      const forms = [[0xd9, 0, 72 + 4 * rng.int(2)], [0xdd, 0, 64 + 16 * rng.int(2)], [0xdf, 0, 88], [0xdb, 0, 92], [0xdf, 5, 96]];
      const [op, reg, disp] = forms[rng.int(forms.length)];
      c.push(...mem(op, reg, disp));
      break;
    }
    case 5: {
      // compares into EFLAGS and the status word
      fld80(a);
      fld80(b);
      const forms = [[0xdb, 0xf1], [0xdb, 0xe9], [0xdf, 0xf1], [0xdf, 0xe9], [0xd8, 0xd1], [0xd8, 0xd9], [0xdd, 0xe1], [0xdd, 0xe9], [0xda, 0xe9]];
      c.push(...forms[rng.int(forms.length)]);
      break;
    }
    case 6: {
      c.push(0xd9, 0xe8 + rng.int(7));
      break;
    }
    case 7: {
      // fcmovcc after an integer compare
      fld80(a);
      fld80(b);
      c.push(0x39, 0xc8 + rng.int(3)); // cmp eax/ecx/edx, ecx
      c.push(rng.int(2) ? 0xda : 0xdb, 0xc1 + rng.int(4) * 8);
      break;
    }
    case 8: {
      // fxch, fst st(i), ffree, fincstp/fdecstp and stack faults
      fld80(a);
      fld80(b);
      const forms = [[0xd9, 0xc9], [0xd9, 0xcb], [0xdd, 0xd1], [0xdd, 0xd9], [0xdd, 0xc1], [0xd9, 0xf7], [0xd9, 0xf6], [0xd9, 0xc3], [0xdd, 0xda]];
      c.push(...forms[rng.int(forms.length)]);
      break;
    }
    case 9: {
      // chains: a op b op c with the control word's precision
      fld80(a);
      fld80(b);
      c.push(0xde, 0xc1 + 8 * [0, 1, 4, 5, 6, 7][rng.int(6)]);
      c.push(...mem(0xdc, rng.int(2) ? 0 : 1, 64));
      c.push(0xd9, 0xfa);
      break;
    }
    case 10: {
      // environment: fnstenv / fldenv, fnsave / frstor (the code selector cleared afterwards)
      fld80(a);
      fld80(b);
      if (rng.int(2)) {
        c.push(...mem(0xd9, 6, OUT + 120));
        c.push(...mem(0xd9, 4, OUT + 120));
      } else {
        c.push(...mem(0xdd, 6, OUT + 120));
        c.push(0xd9, 0xee);
        c.push(...mem(0xdd, 4, OUT + 120));
      }
      // FCS (0x33 natively; the harness core's CS is 0) and empty registers' stale contents (undefined) are cleared.
      const clear = (k: number): void => void c.push(0xc7, 0x86, (OUT + 120 + k) & 0xff, (OUT + 120 + k) >>> 8, 0, 0, 0, 0, 0, 0);
      c.push(0x66, 0xc7, 0x86, (OUT + 136) & 0xff, (OUT + 136) >>> 8, 0, 0, 0, 0); // mov word [FCS], 0
      for (let k = 48; k < 108; k += 4) clear(k);
      break;
    }
    case 11: {
      // fprem, fprem1 (repeated for large exponent differences), fscale, fxtract
      fld80(a);
      fld80(b);
      const k = rng.int(4);
      if (k < 2) for (let n = 0; n < 1 + rng.int(3); n++) c.push(0xd9, k ? 0xf5 : 0xf8);
      else c.push(0xd9, k === 2 ? 0xfd : 0xf4);
      break;
    }
    case 12: {
      // fxsave / fninit / fxrstor round trip; FCW, FSW and the abridged tag copied out
      fld80(a);
      fld80(b);
      if (rng.int(2)) c.push(0xd8, 0xc1);
      const d = (disp: number): number[] => [disp & 0xff, (disp >>> 8) & 0xff, 0, 0];
      c.push(0x0f, 0xae, 0x86, ...d(0x4000)); // fxsave [rsi+0x4000]
      c.push(0x8b, 0x86, ...d(0x4000), 0x89, 0x86, ...d(OUT + 240)); // FCW, FSW
      c.push(0x66, 0x8b, 0x86, ...d(0x4004), 0x66, 0x89, 0x86, ...d(OUT + 244)); // FTW (abridged)
      c.push(0xdb, 0xe3, 0x0f, 0xae, 0x8e, ...d(0x4000)); // fninit; fxrstor [rsi+0x4000]
      break;
    }
    default: {
      // stack overflow / underflow
      for (let k = 0; k < 7 + rng.int(3); k++) fld80(rng.int(6));
      c.push(0xd8, 0xc0 + rng.int(8));
    }
  }
  return c;
}

export function makeX87Case(rng: Rng): TestCase {
  const data = randomData(rng);
  const code: number[] = [0xdb, 0xe3]; // fninit
  code.push(...mem(0xd9, 5, 120)); // fldcw
  code.push(...body(rng));
  code.push(0xdf, 0xe0); // fnstsw ax
  code.push(...mem(0xd9, 7, OUT + 76)); // fnstcw
  // Spill three stack entries as m80 (empty ones store the indefinite with IE).
  for (let k = 0; k < 3; k++) code.push(...mem(0xdb, 7, OUT + k * 10));
  code.push(0x89, 0xc3); // mov ebx, eax: status word after the test
  code.push(0xdf, 0xe0);
  const state = new Uint8Array(STATE_SIZE);
  const view = new DataView(state.buffer);
  view.setBigUint64(4 * 8, BigInt(STACK_TOP), true);
  view.setBigUint64(6 * 8, BigInt(DATA_ADDR), true); // rsi
  view.setBigUint64(0, BigInt(rng.next()), true);
  view.setBigUint64(8, BigInt(rng.next()), true);
  view.setBigUint64(16, BigInt(rng.next()), true);
  view.setBigUint64(128, 0x202n, true);
  view.setUint32(416, 0x1f80, true);
  return { code: new Uint8Array(code), state, data, rows: [], undefFlags: 0, text: 'x87' };
}

describe('x87 vs the host CPU', () => {
  it(`matches on ${CASES} generated x87 sequences`, () => {
    const rng = new Rng(SEED + 87);
    const cases: TestCase[] = [];
    for (let k = 0; k < CASES; k++) cases.push(makeX87Case(rng));
    const failures = runDifferential(cases);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of ${cases.length} cases differ; first ones:\n${failures.slice(0, 10).join('\n')}`);
    }
    // Every sequence runs to the end natively (all exceptions are masked), so no case passes by faulting on both sides.
    expect(runNative(cases).filter((o) => o.status !== 0).length).toBe(0);
  });
});

void CODE_ADDR;
