/**
 * The x87 environment as software sees it, against the host CPU: fnstenv /
 * fnsave in the 32-bit (28/108-byte) and 16-bit (66 prefix, 14/94-byte)
 * layouts, fldenv / frstor round trips, and fxsave / fxsave64, after random
 * mixes of memory, register and control instructions, so the stored tag
 * word (computed from the register contents), the last instruction pointer
 * and opcode (which control instructions leave alone), the last data
 * pointer (which register-only instructions leave alone) and the host's
 * fxsave rule for them (stored only while an exception is pending) are
 * compared byte for byte. The code selector fields (FCS: 0x33 natively,
 * the harness core's CS is 0) are cleared before the comparison.
 */
import { Rng, CODE_ADDR, DATA_ADDR, DATA_SIZE, TestCase } from './gen/generate';
import { CoreRunner, runNative } from './harness/diff';
import { CW_AT, M80, OUT, expectNoFailures, mem, rand80, randomCw, runX87Differential, x87Case } from './gen/x87-cases';

const CASES = Number(process.env.X86_X87_CASES ?? 600);
const SEED = Number(process.env.X86_DIFF_SEED ?? 12345);
const ENV = OUT + 120; // environment / fnsave image
const FX = 0x4000; // fxsave area (16-aligned, beyond the compared block)

/** mov word [rsi + disp], 0 */
function clear16(disp: number): number[] {
  return [0x66, 0xc7, 0x86, disp & 0xff, (disp >>> 8) & 0xff, 0, 0, 0, 0];
}

/** mov eax, [rsi + from]; mov [rsi + to], eax */
function copy32(from: number, to: number): number[] {
  const d = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, 0];
  return [0x8b, 0x86, ...d(from), 0x89, 0x86, ...d(to)];
}

/** One random x87 instruction: memory operands, register forms, control instructions. */
function filler(rng: Rng, c: number[]): void {
  const k = rng.int(12);
  const pfx = rng.int(5) === 0 ? [rng.pick([0x3e, 0x40, 0x2e])] : [];
  if (k < 3) c.push(...pfx, ...mem(0xdb, 5, M80[rng.int(6)])); // fld m80
  else if (k === 3) c.push(...pfx, ...mem(0xdc, rng.int(2) ? 0 : 1, 64)); // fadd/fmul m64
  else if (k === 4) c.push(...pfx, ...mem(0xdf, 0, 88)); // fild m16
  else if (k === 5) c.push(...pfx, 0xd9, rng.pick([0xe8, 0xee, 0xc0, 0xc9, 0xe0, 0xe1, 0xd0, 0xf7, 0xf6])); // consts, fld st, fxch, fchs, fabs, fnop, fincstp, fdecstp
  else if (k === 6) c.push(...pfx, 0xdd, 0xc0 + rng.int(8)); // ffree
  else if (k === 7) c.push(0xd8, 0xc0 + rng.int(8) + 8 * rng.pick([0, 1, 4, 6])); // arithmetic st0, sti
  else if (k === 8) c.push(...mem(0xd9, 7, OUT + 100)); // fnstcw (control)
  else if (k === 9) c.push(rng.pick([0x9b, 0xdf]), ...(c[c.length - 1] === 0xdf ? [] : [])); // fwait
  else if (k === 10) c.push(0xdb, 0xe2); // fnclex (control)
  else c.push(...mem(0xdd, 7, OUT + 102)); // fnstsw m16 (control)
  if (c[c.length - 1] === 0xdf) c.push(0xe0); // the fnstsw ax completion of a 0xdf pick
}

function makeCase(rng: Rng): TestCase {
  const data = new Uint8Array(DATA_SIZE);
  for (let k = 0; k < 6; k++) rand80(rng, data, M80[k]);
  const v = new DataView(data.buffer);
  v.setFloat64(64, (rng.next() / 65536 - 32768) / 3, true);
  v.setInt16(88, rng.next() & 0xffff, true);
  v.setUint16(CW_AT, randomCw(rng), true);
  const body: number[] = [];
  for (let n = 1 + rng.int(6); n > 0; n--) filler(rng, body);
  const form = rng.int(7);
  let text = '';
  if (form === 0 || form === 1) {
    // fnstenv (maybe 16-bit), copied out; then fldenv of a modified image and fnstenv again
    const short = form === 1;
    const p = short ? [0x66] : [];
    body.push(...p, ...mem(0xd9, 6, ENV));
    body.push(...clear16(ENV + (short ? 8 : 16)));
    // Change the status/tag words, then load it back and store it again next to it.
    body.push(0x66, 0xc7, 0x86, ...le(ENV + (short ? 4 : 8)), rng.int(256), rng.int(256));
    body.push(...p, ...mem(0xd9, 4, ENV));
    body.push(...p, ...mem(0xd9, 6, ENV + 30));
    body.push(...clear16(ENV + 30 + (short ? 8 : 16)));
    text = short ? 'fnstenv16' : 'fnstenv';
  } else if (form === 2 || form === 3) {
    const short = form === 3;
    const p = short ? [0x66] : [];
    body.push(...p, ...mem(0xdd, 6, ENV)); // fnsave
    body.push(...clear16(ENV + (short ? 8 : 16)));
    body.push(0xd9, 0xe8); // fld1 on the reinitialised FPU
    body.push(...p, ...mem(0xdd, 4, ENV)); // frstor
    text = short ? 'fnsave16' : 'fnsave';
  } else {
    // fxsave / fxsave64, with an unmasked exception pending in form 6
    if (form === 6) {
      body.push(...mem(0xd9, 5, CW_AT + 2)); // fldcw with IE/ZE unmasked
      v.setUint16(CW_AT + 2, 0x037f & ~(rng.int(2) ? 0x01 : 0x04), true);
      body.push(0xd9, 0xee, 0xd9, 0xee, 0xde, 0xf9); // fldz; fldz; fdivp: 0/0 -> IE (and ES when unmasked)
    }
    const w = rng.int(2) ? [0x48] : [];
    body.push(...w, 0x0f, 0xae, 0x86, ...le(FX)); // fxsave [rsi+FX]
    for (let k = 0; k < 24; k += 4) body.push(...copy32(FX + k, ENV + k)); // the x87 part (MXCSR and its mask follow)
    if (!w.length) body.push(...clear16(ENV + 12));
    if (form === 6) body.push(0xdb, 0xe2, ...mem(0xd9, 5, CW_AT)); // fnclex; back to the masked control word
    text = w.length ? 'fxsave64' : 'fxsave';
  }
  return x87Case(rng, data, body, `x87 env ${text}`);
}

function le(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

describe('x87 environment images vs the host CPU', () => {
  it(`matches on ${CASES} generated fnstenv/fnsave/fxsave sequences (both operand sizes)`, () => {
    const rng = new Rng(SEED + 1087);
    const cases: TestCase[] = [];
    for (let k = 0; k < CASES; k++) cases.push(makeCase(rng));
    expectNoFailures(runX87Differential(cases), cases.length);
    // Unmasking a flag an earlier instruction set raises #MF at the next waiting instruction (compared
    // as a fault on both sides); nearly all cases run to the end and compare the whole state.
    expect(runNative(cases).filter((o) => o.status !== 0).length).toBeLessThan(CASES / 20);
  });

  it('sees nonzero instruction pointers in the stored images (the comparison covers them)', () => {
    const rng = new Rng(SEED + 1087);
    const cases: TestCase[] = [];
    for (let k = 0; k < 200; k++) cases.push(makeCase(rng));
    const native = runNative(cases);
    let withIp = 0;
    cases.forEach((c, k) => {
      const d = new DataView(native[k].data.buffer, native[k].data.byteOffset);
      if (c.text.endsWith('x87 env fnstenv') && d.getUint32(ENV + 12, true) !== 0) withIp++;
    });
    expect(withIp).toBeGreaterThan(10);
  });
});

describe('fxsave pointer fields by vendor', () => {
  it('stores FIP/FOP/FDP with ES clear on intel, zero on amd (the host\'s rule, compared above)', () => {
    const rng = new Rng(SEED + 1090);
    const data = new Uint8Array(DATA_SIZE);
    const v = new DataView(data.buffer);
    v.setFloat64(64, 2.5, true);
    v.setUint16(CW_AT, 0x037f, true);
    // fldl [rsi+64] (at CODE_ADDR + 8 after fninit and fldcw); fxsave64 [rsi+FX]; copy the pointer fields
    const body = [...mem(0xdd, 0, 64), 0x48, 0x0f, 0xae, 0x86, ...le(FX)];
    for (let k = 0; k < 24; k += 4) body.push(...copy32(FX + k, ENV + k));
    const c = x87Case(rng, data, body, 'fxsave vendor');
    const fields = (vendor: 'amd' | 'intel'): number[] => {
      const runner = new CoreRunner();
      runner.core.vendor = vendor;
      const d = new DataView(runner.run(c).data.buffer);
      return [d.getUint16(ENV + 6, true), d.getUint32(ENV + 8, true), d.getUint32(ENV + 16, true)];
    };
    expect(fields('intel')).toEqual([0x0586, CODE_ADDR + 8, DATA_ADDR + 64]); // FOP dd 86, the fldl's address, its operand
    expect(fields('amd')).toEqual([0, 0, 0]);
  });
});
