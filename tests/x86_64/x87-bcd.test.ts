/**
 * fbld / fbstp against the host CPU: packed BCD values (valid digits and
 * arbitrary nibbles) loaded and stored back, and extended values (integers
 * near 10^18, halves, tiny and negative values, NaN, infinity, denormals)
 * stored as BCD under all four rounding modes. The stored bytes, the stack
 * and the status word are compared.
 */
import { Rng, DATA_SIZE, TestCase } from './gen/generate';
import { runDifferential, runNative } from './harness/diff';
import { CW_AT, M80, OUT, expectNoFailures, mem, put80, rand80, randomCw, x87Case } from './gen/x87-cases';

const CASES = Number(process.env.X86_X87_CASES ?? 400);
const SEED = Number(process.env.X86_DIFF_SEED ?? 12345);

/** An 80-bit value near an interesting BCD boundary. */
function bcdOperand(rng: Rng, data: Uint8Array, at: number): void {
  const k = rng.int(6);
  if (k === 0) {
    rand80(rng, data, at);
    return;
  }
  // An integer of up to 60 bits with a random fraction: exponent 0x3fff + n.
  const n = k === 1 ? 59 : k === 2 ? rng.int(4) : rng.int(61);
  let hi = (rng.next() | 0x80000000) >>> 0;
  let lo = rng.next();
  if (k === 3) {
    // 10^18 - 1 (0x0DE0B6B3A763FFFF) and neighbours, with fraction bits
    hi = 0xde0b6b3a;
    lo = (0x763ffff0 + rng.int(32)) >>> 0;
    put80(data, at, (rng.int(2) << 15) | 0x403a, hi, lo);
    return;
  }
  if (k === 4) lo = (lo & 0xfffff000) | (rng.int(2) ? 0x800 : 0); // ties
  put80(data, at, (rng.int(2) << 15) | (0x3fff + n - (k === 5 ? rng.int(4) : 0)), hi, lo);
}

function makeCase(rng: Rng): TestCase {
  const data = new Uint8Array(DATA_SIZE);
  for (let k = 0; k < 6; k++) bcdOperand(rng, data, M80[k]);
  // Packed BCD operands at 64 and 80: valid digits mostly, arbitrary nibbles sometimes.
  for (const at of [64, 80]) {
    const valid = rng.int(4) !== 0;
    for (let b = 0; b < 9; b++) data[at + b] = valid ? rng.int(10) * 16 + rng.int(10) : rng.int(256);
    if (rng.int(4) === 0) for (let b = 0; b < 9; b++) data[at + b] = 0;
    data[at + 9] = rng.int(256);
  }
  new DataView(data.buffer).setUint16(CW_AT, randomCw(rng), true);
  const body: number[] = [];
  const form = rng.int(3);
  if (form === 0) {
    // store: fld m80; fbstp [OUT+80]
    body.push(...mem(0xdb, 5, M80[rng.int(6)]));
    body.push(...mem(0xdf, 6, OUT + 80));
  } else if (form === 1) {
    // load, then store back and keep a copy on the stack
    body.push(...mem(0xdf, 4, rng.int(2) ? 64 : 80));
    body.push(0xd9, 0xc0); // fld st(0)
    body.push(...mem(0xdf, 6, OUT + 80));
  } else {
    // stack faults: fbstp of an empty stack, fbld onto a full one
    if (rng.int(2)) body.push(...mem(0xdf, 6, OUT + 80));
    else {
      for (let k = 0; k < 8; k++) body.push(...mem(0xdb, 5, M80[k % 6]));
      body.push(...mem(0xdf, 4, 64));
    }
  }
  return x87Case(rng, data, body, 'x87 bcd');
}

describe('x87 fbld/fbstp vs the host CPU', () => {
  it(`matches on ${CASES} generated BCD sequences`, () => {
    const rng = new Rng(SEED + 880);
    const cases: TestCase[] = [];
    for (let k = 0; k < CASES; k++) cases.push(makeCase(rng));
    expectNoFailures(runDifferential(cases), cases.length);
    expect(runNative(cases).filter((o) => o.status !== 0).length).toBe(0);
  });
});
