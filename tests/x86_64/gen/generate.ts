/**
 * Differential test cases generated from the opcode table: for each row the
 * harness may run (not privileged, not a branch, not I/O), random encodings
 * (operand sizes, REX, register and memory forms incl. SIB and RIP-relative)
 * with random and edge-value operands. Sequences put rows whose flags are
 * partly undefined last, so no later instruction consumes an undefined flag.
 */
import { OpcodeRow, ROWS } from '../../../arch/x86_64/opcode-table';
import { AF, CF, OF, PF, SF, ZF } from '../../../arch/x86_64/flags';

export const CODE_ADDR = 0x100000;
export const DATA_ADDR = 0x180000;
export const DATA_SIZE = 512;
export const STATE_SIZE = 544;
/** The x87 state in fnsave's 108-byte layout (frstor before, fnsave after each case). */
export const X87_AT = 432;
export const STACK_TOP = DATA_ADDR + 0x8000;

export interface TestCase {
  code: Uint8Array;
  /** State block in the runner's layout. */
  state: Uint8Array;
  data: Uint8Array;
  rows: OpcodeRow[];
  /** Arithmetic flags the comparison ignores. */
  undefFlags: number;
  text: string;
}

/** Deterministic PRNG (xorshift32) so failures can be replayed by seed. */
export class Rng {
  constructor(private s: number) {
    if (this.s === 0) this.s = 1;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x;
    return x >>> 0;
  }
  int(n: number): number {
    return this.next() % n;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
}

const EDGE64 = [
  0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x7fffn, 0x8000n, 0xffffn, 0x10000n, 0x7fffffffn, 0x80000000n, 0xffffffffn,
  0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xfffffffffffffffen, 0xffffffff80000000n,
  0x8000000080000000n, 0x123456789abcdef0n,
];

const F32_SPECIAL = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000, 0x00000001,
  0x807fffff, 0x00800000, 0x7f7fffff, 0x3f800000, 0xbf800000, 0x4f000000, 0xcf000000, 0x5f000000];
const F64_SPECIAL_HI = [0, 0x80000000, 0x7ff00000, 0xfff00000, 0x7ff80000, 0xfff80000, 0x7ff40000, 0x00000001, 0x000fffff,
  0x00100000, 0x7fefffff, 0x3ff00000, 0x41e00000, 0xc1e00000, 0x43e00000];
const NICE = [0.5, 1.5, 2.5, -2.5, 3.5, 1e10, -1e-10, 2147483647.5, -2147483648.5, 4294967296, 1 / 3, 0.1, 1e300, 1e-300, 3.4e38, 1e-40];

function randomValue(rng: Rng): bigint {
  const k = rng.int(4);
  if (k === 0) return rng.pick(EDGE64);
  if (k === 1) return BigInt(rng.int(64)) - 32n & 0xffffffffffffffffn;
  return (BigInt(rng.next()) << 32n) | BigInt(rng.next());
}

/** Rows the harness runs (user-level, no control flow, no I/O, no SSE yet). */
export function diffRows(): OpcodeRow[] {
  return ROWS.filter((r) => !r.noDiff && r.name !== '(bad)' && r.name !== '(too long)');
}

// Registers for operands: no RSP (the runner's stack); A/X are reserved per
// case for addressing and never written.
const ADDR_CANDIDATES = [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

interface Ctx {
  rng: Rng;
  addrReg: number;
  idxReg: number;
  free: number[];
  bytes: number[];
  lastOsz: number;
  lastReg: number;
}

const FLAG_READERS = /^(adc|sbb|set|cmov|lahf|rcl|rcr|cmc|inc|dec)/;

function sizeOf(row: OpcodeRow, rng: Rng): { osz: number; p66: boolean; w: boolean } {
  switch (row.size) {
    case 'b':
      return { osz: 1, p66: false, w: false };
    case 'v': {
      const k = rng.int(3);
      return k === 0 ? { osz: 2, p66: true, w: false } : k === 1 ? { osz: 4, p66: false, w: false } : { osz: 8, p66: false, w: true };
    }
    case 'y':
      return rng.int(2) === 0 ? { osz: 4, p66: false, w: false } : { osz: 8, p66: false, w: true };
    case 'w':
      return { osz: 2, p66: false, w: false };
    case 'd':
      return { osz: 4, p66: false, w: false };
    case 'q':
      return { osz: 8, p66: false, w: false };
    default:
      return { osz: 16, p66: false, w: false };
  }
}

function immBytes(v: number, n: number, out: number[]): void {
  for (let k = 0; k < n; k++) out.push((v >>> (8 * k)) & 0xff);
}

function randomImm(rng: Rng, n: number, shiftRow: boolean, osz: number, double16 = false): number {
  // shld/shrd of 16-bit operands: counts 17..31 give vendor-specific
  // results (arch/x86_64/cpu-model.ts); the core follows the host's vendor.
  if (double16) return rng.int(32);
  if (shiftRow) return rng.pick([0, 1, 2, osz * 8 - 1, osz * 8, 31, 32, 63, rng.int(256)]);
  const k = rng.int(3);
  if (k === 0) return rng.pick([0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fffffff, -0x80000000]);
  return n === 1 ? rng.int(256) : n === 2 ? rng.int(65536) : rng.next() | 0;
}

/** Encodes one row; returns the undefined-flag mask it contributes. */
function encodeRow(ctx: Ctx, row: OpcodeRow, startOffset: number, regs: bigint[]): number {
  const { rng } = ctx;
  const out: number[] = [];
  const { osz, p66, w } = sizeOf(row, rng);
  const isShift = /^(rol|ror|rcl|rcr|shl|shr|sal|sar|shld|shrd)$/.test(row.name);
  let rex = w ? 0x48 : 0;
  if (row.size === 'b' && rng.int(2) === 0) rex |= 0x40;
  const pickReg = (): number => {
    // Without REX, byte registers 4-7 are AH-BH (fine); with REX they are
    // SPL.. (SPL must be avoided), and 8-15 need REX.
    const byteNoRex = rex === 0 && row.size === 'b';
    // AH..BH (4-7 without REX) alias registers 0-3: keep addressing registers intact.
    const choices = ctx.free.filter((r) => (byteNoRex ? r < 8 && !(r >= 4 && (r - 4 === ctx.addrReg || r - 4 === ctx.idxReg)) : true));
    if (byteNoRex) choices.push(4); // AH
    return rng.pick(choices);
  };
  const regIsXmm = row.args.some((a) => a[0] === 'V');
  const rmIsXmm = row.args.some((a) => a[0] === 'W' || a[0] === 'U');
  let reg = row.ext >= 0 ? row.ext : regIsXmm ? rng.int(16) : pickReg();
  if (row.opReg >= 0) reg = 0;
  let modrm = -1;
  let sib = -1;
  let disp: number[] = [];
  let ripRel = false;
  let ripTarget = 0;
  const wantsMem = row.args.some((a) => a === 'M' || a.startsWith('M')) || row.mod === 'mem';
  const allowsMem = row.mod !== 'reg' && row.args.some((a) => /^[EMW]/.test(a));
  let rm = 0;
  let opRegNum = -1;
  if (row.opReg >= 0) {
    opRegNum = pickReg();
    if (row.size !== 'b' || rex !== 0) {
      // Low bits in the opcode, high bit in REX.B.
    }
  }
  if (row.modrm >= 0) modrm = row.modrm; // fixed ModRM byte (x87 register forms)
  else if (row.hasModrm) {
    const useMem = wantsMem || (allowsMem && rng.int(2) === 0);
    if (!useMem) {
      rm = rmIsXmm ? rng.int(16) : pickReg();
      modrm = 0xc0 | ((reg & 7) << 3) | (rm & 7);
      if (rm >= 8) rex |= 0x41;
    } else {
      let target = DATA_ADDR + rng.int(DATA_SIZE - 32);
      if (row.size === 'x' && rng.int(8) !== 0) target &= ~15; // SSE: mostly aligned
      const form = rng.int(4);
      if (form === 0) {
        ripRel = true;
        ripTarget = target;
        modrm = ((reg & 7) << 3) | 5;
        disp = [0, 0, 0, 0];
      } else {
        // [base + disp] or [base + index*scale + disp], disp8 when it fits.
        const withIndex = form === 1;
        const scale = rng.int(4);
        const baseVal = Number(regs[ctx.addrReg]);
        const idxVal = Number(regs[ctx.idxReg]);
        const d = target - baseVal - (withIndex ? idxVal * (1 << scale) : 0);
        const mod = d >= -128 && d < 128 && rng.int(4) !== 0 ? 1 : 2;
        if (withIndex) {
          modrm = (mod << 6) | ((reg & 7) << 3) | 4;
          sib = (scale << 6) | ((ctx.idxReg & 7) << 3) | (ctx.addrReg & 7);
          if (ctx.idxReg >= 8) rex |= 0x42;
        } else {
          modrm = (mod << 6) | ((reg & 7) << 3) | (ctx.addrReg & 7);
          if ((ctx.addrReg & 7) === 4) sib = 0x24;
        }
        if (ctx.addrReg >= 8) rex |= 0x41;
        disp = mod === 1 ? [d & 0xff] : [d & 0xff, (d >> 8) & 0xff, (d >> 16) & 0xff, (d >> 24) & 0xff];
      }
    }
    if (reg >= 8) rex |= 0x44;
  }
  if (opRegNum >= 8) rex |= 0x41;
  // Prefixes.
  if (p66) out.push(0x66);
  if (row.pfx > 0) out.push(row.pfx);
  if (rex !== 0) out.push(rex);
  if (row.map >= 1) out.push(0x0f);
  if (row.map === 2) out.push(0x38);
  if (row.map === 3) out.push(0x3a);
  out.push(row.opReg >= 0 ? (row.code & ~7) | (opRegNum & 7) : row.code);
  if (modrm >= 0) out.push(modrm);
  if (sib >= 0) out.push(sib);
  const dispAt = out.length;
  out.push(...disp);
  for (const a of row.args) {
    switch (a) {
      case 'Ib':
      case 'Ibs':
        immBytes(randomImm(rng, 1, isShift, osz, osz === 2 && /^sh[lr]d$/.test(row.name)), 1, out);
        break;
      case 'Iw':
        immBytes(randomImm(rng, 2, false, osz), 2, out);
        break;
      case 'Iz':
        immBytes(randomImm(rng, osz === 2 ? 2 : 4, false, osz), osz === 2 ? 2 : 4, out);
        break;
      case 'Iv':
        immBytes(randomImm(rng, 4, false, osz), 4, out);
        if (osz === 8) immBytes(randomImm(rng, 4, false, osz), 4, out);
        if (osz === 2) out.splice(out.length - 2, 2);
        break;
    }
  }
  if (ripRel) {
    const rel = ripTarget - (CODE_ADDR + startOffset + out.length);
    out[dispAt] = rel & 0xff;
    out[dispAt + 1] = (rel >> 8) & 0xff;
    out[dispAt + 2] = (rel >> 16) & 0xff;
    out[dispAt + 3] = (rel >> 24) & 0xff;
  }
  ctx.bytes.push(...out);
  ctx.lastOsz = osz;
  ctx.lastReg = reg;
  let undef = row.undef ?? 0;
  if (row.ofCount1 && row.imm !== 1) undef |= OF;
  if (isShift && (osz <= 2)) undef |= CF | OF; // counts beyond the width
  return undef;
}

function isSequenceSafe(row: OpcodeRow): boolean {
  const isShift = /^(rol|ror|rcl|rcr|shl|shr|sal|sar|shld|shrd)$/.test(row.name);
  const faults = /^(div|idiv|cmpxchg8b)$/.test(row.name);
  return !row.undef && !row.ofCount1 && !isShift && !faults;
}

/** Builds one case: 1-3 instructions, the last one from `lastRow`. */
export function makeCase(rng: Rng, lastRow: OpcodeRow, pool: OpcodeRow[]): TestCase {
  const shuffled = ADDR_CANDIDATES.slice();
  const addrReg = shuffled.splice(rng.int(shuffled.length), 1)[0];
  const idxReg = shuffled.splice(rng.int(shuffled.length), 1)[0];
  const free = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].filter((r) => r !== addrReg && r !== idxReg);
  const ctx: Ctx = { rng, addrReg, idxReg, free, bytes: [], lastOsz: 0, lastReg: 0 };
  const regs: bigint[] = [];
  for (let r = 0; r < 16; r++) regs.push(randomValue(rng));
  regs[4] = BigInt(STACK_TOP);
  regs[addrReg] = BigInt(DATA_ADDR + 128 + rng.int(128));
  regs[idxReg] = BigInt(rng.int(8));
  // Keep the shift count / small divisors interesting.
  if (rng.int(2) === 0) regs[1] = BigInt(rng.pick([0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65]));
  if (/^(div|idiv)$/.test(lastRow.name) && rng.int(3) !== 0) {
    regs[2] = rng.int(2) === 0 ? 0n : (regs[0] >> 63n) !== 0n ? 0xffffffffffffffffn : 0n;
  }
  const rows: OpcodeRow[] = [];
  const lastIsCl = lastRow.args.includes('CL');
  const btReg = /^bt/.test(lastRow.name) && lastRow.args[1] === 'Gv';
  const before = lastIsCl || btReg ? 0 : rng.int(3);
  const safe = pool.filter(isSequenceSafe);
  let undef = 0;
  for (let k = 0; k < before; k++) {
    const r = rng.pick(safe);
    rows.push(r);
    undef |= encodeRow(ctx, r, ctx.bytes.length, regs);
  }
  rows.push(lastRow);
  undef |= encodeRow(ctx, lastRow, ctx.bytes.length, regs);
  if (lastIsCl && ctx.lastOsz === 2 && /^sh[lr]d$/.test(lastRow.name)) regs[1] = BigInt(rng.int(17));
  if (/^bt/.test(lastRow.name) && lastRow.args[1] === 'Gv') {
    // Keep register bit offsets within the data block.
    regs[ctx.lastReg] = BigInt(rng.int(256));
  }
  const state = new Uint8Array(STATE_SIZE);
  const view = new DataView(state.buffer);
  for (let r = 0; r < 16; r++) view.setBigUint64(r * 8, regs[r] & 0xffffffffffffffffn, true);
  const flags = (rng.next() & (CF | PF | AF | ZF | SF | OF)) | 0x202;
  view.setBigUint64(128, BigInt(flags), true);
  for (let k = 160; k < 416; k++) state[k] = rng.int(256);
  // Special floating-point values in some lanes.
  for (let lane = 0; lane < 64; lane++) {
    const pick = rng.int(6);
    if (pick === 0) view.setUint32(160 + lane * 4, rng.pick(F32_SPECIAL), true);
    else if (pick === 1 && lane % 2 === 1) view.setUint32(160 + lane * 4, rng.pick(F64_SPECIAL_HI), true);
    else if (pick === 2) view.setFloat32(160 + lane * 4, rng.pick(NICE), true);
    else if (pick === 3 && lane % 2 === 0) view.setFloat64(160 + lane * 4, rng.pick(NICE), true);
  }
  // Rounding control and DAZ/FTZ sometimes; exceptions stay masked.
  let mxcsr = 0x1f80;
  if (rng.int(4) === 0) mxcsr |= rng.int(4) << 13;
  if (rng.int(8) === 0) mxcsr |= 0x40;
  if (rng.int(8) === 0) mxcsr |= 0x8000;
  view.setUint32(416, mxcsr, true);
  randomX87(rng, view);
  const data = new Uint8Array(DATA_SIZE);
  for (let k = 0; k < DATA_SIZE; k++) data[k] = rng.int(256);
  if (FLAG_READERS.test(lastRow.name)) {
    // fine: earlier rows never leave flags undefined
  }
  return {
    code: Uint8Array.from(ctx.bytes),
    state,
    data,
    rows,
    undefFlags: undef,
    text: rows.map((r) => `${r.name} ${r.args.join(',')}`).join('; '),
  };
}

/** A random x87 state: all exceptions masked, random PC/RC and TOP, some empty registers, edge values. */
function randomX87(rng: Rng, view: DataView): void {
  const cw = 0x007f | ([0, 2, 3][rng.int(3)] << 8) | (rng.int(4) << 10);
  const top = rng.int(8);
  view.setUint16(X87_AT, cw, true);
  view.setUint16(X87_AT + 4, top << 11, true);
  let tw = 0;
  for (let p = 0; p < 8; p++) if (rng.int(4) === 0) tw |= 3 << (p * 2);
  view.setUint16(X87_AT + 8, tw, true);
  for (let k = 0; k < 8; k++) {
    const o = X87_AT + 28 + k * 10;
    const pick = rng.int(8);
    let se = rng.int(2) << 15;
    let hi = (rng.next() | 0x80000000) >>> 0;
    let lo = rng.next();
    if (pick === 0) se |= rng.int(0x8000);
    else if (pick === 1) [se, hi, lo] = [se, 0, 0];
    else if (pick === 2) [se, hi, lo] = [se | 0x7fff, 0x80000000, 0];
    else if (pick === 3) [se, hi] = [se | 0x7fff, (hi | 0x40000000) >>> 0];
    else if (pick === 4) hi &= 0x7fffffff; // denormal (exponent 0)
    else se |= 0x3fff - 20 + rng.int(41);
    view.setUint32(o, lo >>> 0, true);
    view.setUint32(o + 4, hi >>> 0, true);
    view.setUint16(o + 8, se, true);
  }
}
