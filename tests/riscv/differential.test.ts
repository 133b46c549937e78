/**
 * Differential test against Debian's qemu-riscv32 (user mode): generated
 * programs (every RV32IMAC user-level opcode, random operands, edge values,
 * forward branches and jumps, the whole body run LOOPS times by a counted
 * backward branch, so that the JIT tier's regions loop) run on both; the
 * final registers and the
 * scratch memory they wrote are compared byte for byte. Skipped with a
 * message when qemu-riscv32 is not installed. KEEP_DIFF=1 keeps the
 * generated ELFs (a failure names the file) for `jos exec --trace`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildBareMetal } from '../../arch/riscv/bare-metal';
import { TIERS, Tier } from './run-elf';
import { Op } from '../../arch/riscv/opcodes';
import { readImage } from '../../host/exec-command';
import * as E from './encoder';
import { writeElf32 } from './elf-writer';

const BASE = 0x10000;
const DUMP = BASE + 0x8000; // 32 registers
const SCRATCH = DUMP + 0x100; // memory the program loads from and stores to
const SCRATCH_SIZE = 0x900;
const IMAGE_SIZE = SCRATCH + SCRATCH_SIZE - BASE;
const S0 = 8; // base register: SCRATCH
const S1 = 9; // address register for AMOs and jalr
const SP = 2; // SCRATCH + 0x400, for c.lwsp/c.swsp
const COUNTER = 30; // the loop counter
const LOOPS = 4;
const PROGRAMS = 24;
const LENGTH = 220;

const EDGE = [0, 1, -1, 2, 0x7fffffff, -0x80000000, 0x80000001, 0xffff, 0x10000, 31, 32, 0x55555555, 0xaaaaaaaa];

class Rng {
  constructor(private state: number) {}
  next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(n: number): number {
    return this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

const WRITABLE = Array.from({ length: 32 }, (_, k) => k).filter((k) => k !== SP && k !== S0 && k !== S1 && k !== COUNTER);
const COMPRESSED_RD = [10, 11, 12, 13, 14, 15]; // x8..x15 minus the base registers

type Emitter = (rng: Rng, code: number[]) => void;

function w32(code: number[], insn: number): void {
  code.push(insn & 0xffff, insn >>> 16);
}

const R_OPS = [Op.ADD, Op.SUB, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.SRA, Op.OR, Op.AND,
  Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU];
const I_OPS = [Op.ADDI, Op.SLTI, Op.SLTIU, Op.XORI, Op.ORI, Op.ANDI];
const SHIFT_OPS = [Op.SLLI, Op.SRLI, Op.SRAI];
const LOADS = [Op.LB, Op.LH, Op.LW, Op.LBU, Op.LHU];
const STORES = [Op.SB, Op.SH, Op.SW];
const BRANCHES = [Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU];
const AMOS = [Op.AMOSWAP_W, Op.AMOADD_W, Op.AMOXOR_W, Op.AMOAND_W, Op.AMOOR_W, Op.AMOMIN_W, Op.AMOMAX_W, Op.AMOMINU_W, Op.AMOMAXU_W];

function reg(rng: Rng): number {
  return rng.below(32);
}
function rd(rng: Rng): number {
  return rng.pick(WRITABLE);
}
function imm12(rng: Rng): number {
  return rng.below(3) === 0 ? rng.pick([0, 1, -1, 2047, -2048]) : (rng.next() << 20) >> 20;
}

/** Straight-line instructions (no control flow). */
const PLAIN: Emitter[] = [
  (g, c) => w32(c, E.r(g.pick(R_OPS), rd(g), reg(g), reg(g))),
  (g, c) => w32(c, E.r(g.pick(R_OPS), rd(g), reg(g), reg(g))),
  (g, c) => w32(c, E.i(g.pick(I_OPS), rd(g), reg(g), imm12(g))),
  (g, c) => w32(c, E.shift(g.pick(SHIFT_OPS), rd(g), reg(g), g.below(32))),
  (g, c) => w32(c, E.u(Op.LUI, rd(g), g.next())),
  (g, c) => w32(c, E.u(Op.AUIPC, rd(g), g.next())),
  (g, c) => w32(c, E.i(g.pick(LOADS), rd(g), S0, g.below(0x7f0))),
  (g, c) => w32(c, E.s(g.pick(STORES), S0, reg(g), g.below(0x7f0))),
  (g, c) => {
    w32(c, E.i(Op.ADDI, S1, S0, 4 * g.below(0x1fc)));
    w32(c, E.amo(g.pick(AMOS), rd(g), S1, reg(g)));
  },
  (g, c) => {
    // LR then SC to the same word: succeeds on both (no store between).
    w32(c, E.i(Op.ADDI, S1, S0, 4 * g.below(0x1fc)));
    w32(c, E.amo(Op.LR_W, rd(g), S1, 0));
    w32(c, E.amo(Op.SC_W, rd(g), S1, reg(g)));
  },
  (g, c) => w32(c, 0x0ff0000f), // fence iorw, iorw
  // RV32C
  (g, c) => c.push(E.ci(0, rd(g), (g.next() << 26) >> 26)), // c.addi
  (g, c) => c.push(E.ci(2, rd(g), (g.next() << 26) >> 26)), // c.li
  (g, c) => c.push(E.ci(3, g.pick(WRITABLE.filter((k) => k !== 0)), 1 + g.below(31))), // c.lui (nonzero)
  (g, c) => {
    const funct2 = g.below(3); // c.srli, c.srai (shamt[5] = 0 on RV32), c.andi
    c.push(E.cb2(funct2, g.pick(COMPRESSED_RD) - 8, funct2 === 2 ? (g.next() << 26) >> 26 : g.below(32)));
  },
  (g, c) => c.push(E.ca(g.below(4), g.pick(COMPRESSED_RD) - 8, g.below(8))), // c.sub/xor/or/and
  (g, c) => c.push(E.cr(g.below(2) === 1, rd(g), 1 + g.below(31))), // c.mv / c.add
  (g, c) => c.push(E.cslli(rd(g), 1 + g.below(31))),
  (g, c) => c.push(E.clw(g.pick(COMPRESSED_RD) - 8, 0, 4 * g.below(32))),
  (g, c) => c.push(E.csw(g.below(8), 0, 4 * g.below(32))),
  (g, c) => c.push(E.clwsp(g.pick(WRITABLE.filter((k) => k !== 0)), 4 * g.below(64))),
  (g, c) => c.push(E.cswsp(reg(g), 4 * g.below(64))),
  (g, c) => {
    const nz = 4 * (1 + g.below(255)); // c.addi4spn rd', sp, nzuimm
    const v = (((nz >> 4) & 3) << 11) | (((nz >> 6) & 0xf) << 7) | (((nz >> 2) & 1) << 6) | (((nz >> 3) & 1) << 5) | ((g.pick(COMPRESSED_RD) - 8) << 2);
    c.push(v);
  },
];

/** Control flow: forward over 1-3 plain instructions. */
const FLOW: ((g: Rng, c: number[], skipped: number[]) => void)[] = [
  (g, c, k) => w32(c, E.b(g.pick(BRANCHES), reg(g), reg(g), 4 + 2 * k.length)),
  (g, c, k) => w32(c, E.j(rd(g), 4 + 2 * k.length)),
  (g, c, k) => {
    w32(c, E.u(Op.AUIPC, S1, 0));
    w32(c, E.i(Op.JALR, rd(g), S1, 8 + 2 * k.length + (g.below(2) ? 1 : 0))); // bit 0 is ignored
  },
  (g, c, k) => c.push(E.cbz(g.below(2) === 1, g.below(8), 2 + 2 * k.length)),
  (g, c, k) => c.push(E.cj(2 + 2 * k.length)),
];

function generate(seed: number): Uint8Array {
  const g = new Rng(seed);
  const code: number[] = [];
  for (const x of E.li(S0, SCRATCH)) w32(code, x);
  for (const x of E.li(SP, SCRATCH + 0x400)) w32(code, x);
  for (const k of WRITABLE) if (k !== 0) for (const x of E.li(k, g.below(2) ? g.pick(EDGE) : g.next())) w32(code, x);
  for (const x of E.li(COUNTER, LOOPS)) w32(code, x);
  const top = code.length;
  for (let n = 0; n < LENGTH; n++) {
    if (g.below(6) === 0) {
      const skipped: number[] = [];
      for (let s = 0, count = 1 + g.below(3); s < count; s++) g.pick(PLAIN)(g, skipped);
      g.pick(FLOW)(g, code, skipped);
      code.push(...skipped);
    } else {
      g.pick(PLAIN)(g, code);
    }
  }
  w32(code, E.i(Op.ADDI, COUNTER, COUNTER, -1));
  const back = 2 * (top - code.length);
  if (back < -4096) throw new Error('loop body too long for a branch');
  w32(code, E.b(Op.BNE, COUNTER, 0, back));
  // Dump x1..x31, then write(1, DUMP, ...) and exit(0).
  for (let k = 1; k < 32; k++) w32(code, E.s(Op.SW, S0, k, DUMP - SCRATCH + 4 * k));
  for (const x of [...E.li(10, 1), ...E.li(11, DUMP), ...E.li(12, 0x100 + SCRATCH_SIZE), ...E.li(17, 64)]) w32(code, x);
  w32(code, E.ECALL);
  for (const x of [...E.li(10, 0), ...E.li(17, 93)]) w32(code, x);
  w32(code, E.ECALL);
  if (code.length * 2 > DUMP - BASE) throw new Error('generated program too long');
  const image = new Uint8Array(IMAGE_SIZE);
  new Uint16Array(image.buffer, 0, code.length).set(code);
  for (let k = 0; k < SCRATCH_SIZE; k++) image[SCRATCH - BASE + k] = (k * 37 + seed) & 0xff;
  return writeElf32(BASE, image, BASE);
}

const qemu = spawnSync('qemu-riscv32', ['--version'], { stdio: 'ignore' }).status === 0;
if (!qemu) {
  // eslint-disable-next-line no-console
  console.warn('differential tests skipped: qemu-riscv32 is not installed (apt-get install qemu-user)');
}
const maybe = qemu ? test : test.skip;

describe('riscv differential vs qemu-riscv32', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-diff-'));
  afterAll(() => { if (!process.env.KEEP_DIFF) fs.rmSync(dir, { recursive: true, force: true }); });

  const cases = Array.from({ length: PROGRAMS }, (_, k) => 0x9e3779b9 * (k + 1) >>> 0).flatMap((seed) => (Object.keys(TIERS) as Tier[]).map((tier) => [seed, tier] as const));
  maybe.each(cases)('program seed %d (%s)', async (seed, tier) => {
    const file = path.join(dir, `p${seed}-${tier}.elf`);
    fs.writeFileSync(file, generate(seed), { mode: 0o755 });
    const q = spawnSync('qemu-riscv32', [file], { maxBuffer: 1 << 20, timeout: 10_000 });
    expect({ status: q.status, signal: q.signal }).toEqual({ status: 0, signal: null });
    const expected = new Uint8Array(q.stdout);

    const { image } = await readImage(file);
    const m = buildBareMetal(image, undefined, TIERS[tier]);
    // Run to the first ecall (the write): jos's M-mode traps where Linux would write.
    while (m.core.traps === 0 && m.core.retired < 1e6) m.machine.step(1000);
    const actual = m.bus.u8.slice(DUMP - BASE, DUMP - BASE + 0x100 + SCRATCH_SIZE);
    if (!Buffer.from(actual).equals(Buffer.from(expected))) {
      const diffs: string[] = [];
      for (let k = 0; k < expected.length && diffs.length < 8; k += 4) {
        const a = new DataView(actual.buffer).getUint32(k, true);
        const e = new DataView(expected.buffer, expected.byteOffset).getUint32(k, true);
        if (a !== e) diffs.push(k < 0x80 ? `x${k / 4}: jos 0x${a.toString(16)} qemu 0x${e.toString(16)}` : `mem +0x${(k - 0x100).toString(16)}: jos 0x${a.toString(16)} qemu 0x${e.toString(16)}`);
      }
      throw new Error(`seed ${seed} differs:\n${diffs.join('\n')}\n(ELF kept at ${file})`);
    }
  });
});
