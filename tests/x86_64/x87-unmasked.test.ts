/**
 * Unmasked x87 exceptions against the host CPU (SDM vol. 1, 8.5 and 8.7):
 * a random control word with some exceptions unmasked, then one operation
 * (arithmetic, loads, stores to registers and memory, stack faults,
 * compares); fnsave (which does not wait) captures the whole state
 * (status word with ES/B, stack, destination left alone or bias-adjusted)
 * and reinitialises, so the epilogue runs on a clean FPU. A second variant
 * lets the next waiting instruction raise #MF (SIGFPE natively).
 */
import { Rng, DATA_SIZE, TestCase } from './gen/generate';
import { runNative } from './harness/diff';
import { CW_AT, M80, OUT, expectNoFailures, mem, put80, rand80, runX87Differential, x87Case } from './gen/x87-cases';

const CASES = Number(process.env.X86_X87_CASES ?? 800);
const SEED = Number(process.env.X86_DIFF_SEED ?? 12345);
const ENV = OUT + 120;

function makeCase(rng: Rng, wait: boolean): TestCase {
  const data = new Uint8Array(DATA_SIZE);
  for (let k = 0; k < 6; k++) rand80(rng, data, M80[k]);
  // Overflow/underflow candidates for stores and products.
  if (rng.int(2)) put80(data, M80[rng.int(6)], (rng.int(2) << 15) | (rng.int(2) ? 0x7ff0 + rng.int(14) : 1 + rng.int(16)), 0x80000000 | rng.next(), rng.next());
  if (rng.int(2)) put80(data, M80[rng.int(6)], (rng.int(2) << 15) | (rng.int(2) ? 0x3fff + 1000 + rng.int(200) : 0x3fff - 1000 - rng.int(200)), 0x80000000 | rng.next(), rng.next());
  const v = new DataView(data.buffer);
  v.setFloat64(64, (rng.next() / 65536 - 32768) * (rng.int(2) ? 1e-300 : 1e300), true);
  if (rng.int(3) === 0) v.setUint32(68, rng.int(2) ? 0x7ff00000 | rng.int(16) : 0x00000001, true);
  v.setUint32(72, rng.pick([0x7f800001, 0x00000123, 0x3f800000, 0x7f7fffff, 0]), true);
  v.setUint16(CW_AT, 0x0040 | (rng.next() & 0x3f) | (rng.pick([0, 2, 3]) << 8) | (rng.int(4) << 10), true);
  const body: number[] = [];
  const a = rng.int(6);
  const b = rng.int(6);
  const fld80 = (k: number): void => void body.push(...mem(0xdb, 5, M80[k]));
  body.push(0xdb, 0xe3); // fninit (masked) to load operands without exceptions
  fld80(a);
  fld80(b);
  body.push(...mem(0xd9, 5, CW_AT)); // now the control word under test
  const k = rng.int(9);
  if (k === 0) body.push(rng.pick([0xd8, 0xdc, 0xde]), 0xc1 + 8 * rng.pick([0, 1, 4, 5, 6, 7])); // register arithmetic
  else if (k === 1) body.push(...mem(rng.pick([0xd8, 0xdc]), rng.pick([0, 1, 2, 4, 6]), rng.int(2) ? 64 : 72)); // m64/m32 arithmetic
  else if (k === 2) body.push(...mem(rng.pick([0xd9, 0xdd]), rng.pick([2, 3]), OUT + 80)); // fst/fstp m32/m64
  else if (k === 3) {
    if (rng.int(3) === 0) body.push(...mem(0xdf, 6, OUT + 80)); // fbstp
    else body.push(...mem(rng.pick([0xdf, 0xdb]), rng.pick([2, 3]), OUT + 80)); // fist/fistp
  }
  else if (k === 4) body.push(...mem(rng.pick([0xd9, 0xdd]), 0, rng.int(2) ? 64 : 72)); // fld m64/m32 (SNaN, denormal)
  else if (k === 5) body.push(0xd9, rng.pick([0xfa, 0xfc, 0xfd, 0xf8, 0xf4])); // fsqrt, frndint, fscale, fprem, fxtract (transcendentals: x87-transcendental.test.ts)
  else if (k === 6) body.push(rng.pick([0xd8, 0xdd]), rng.pick([0xd9, 0xe9, 0xd1])); // fcomp, fucomp, fcom
  else if (k === 7) {
    // stack faults: overflow by pushes, underflow by an op on an empty register
    if (rng.int(2)) for (let n = 0; n < 7; n++) fld80(n % 6);
    else body.push(0xdd, 0xc1, 0xdd, 0xc0); // ffree st1; ffree st0
    body.push(0xd8, 0xc1);
  } else body.push(0xdb, rng.pick([0xf1, 0xe9]), 0xdd, 0xd9); // fcomi/fucomi; fstp st1
  if (wait) body.push(0x9b); // fwait: #MF if an unmasked exception is pending
  body.push(...mem(0xdd, 6, ENV)); // fnsave: state, then fninit
  // FCS (0x33 natively) cleared.
  body.push(0x66, 0xc7, 0x86, (ENV + 16) & 0xff, (ENV + 16) >>> 8, 0, 0, 0, 0);
  return x87Case(rng, data, body, wait ? 'x87 unmasked + fwait' : 'x87 unmasked');
}

describe('unmasked x87 exceptions vs the host CPU', () => {
  it(`leaves the same state on ${CASES} generated operations (saved by fnsave without waiting)`, () => {
    const rng = new Rng(SEED + 1616);
    const cases: TestCase[] = [];
    for (let k = 0; k < CASES; k++) cases.push(makeCase(rng, false));
    expectNoFailures(runX87Differential(cases), cases.length);
    // The operation under test itself may wait on a flag the fldcw unmasked (#MF on both sides).
    expect(runNative(cases).filter((o) => o.status !== 0).length).toBeLessThan(CASES / 10);
  });

  it('raises #MF (SIGFPE) at the next waiting instruction exactly when the host does', () => {
    const rng = new Rng(SEED + 1617);
    const cases: TestCase[] = [];
    for (let k = 0; k < CASES / 2; k++) cases.push(makeCase(rng, true));
    expectNoFailures(runX87Differential(cases), cases.length);
    const faults = runNative(cases).filter((o) => o.status !== 0).length;
    expect(faults).toBeGreaterThan(CASES / 20);
    expect(faults).toBeLessThan(cases.length);
  });
});
