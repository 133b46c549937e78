/**
 * The run loops' warm-up: once per process, before the first core runs, a
 * small program on a core of its own (192 KiB of RAM, machine mode) goes
 * through every case of the interpreter's switch with small and large
 * operands, the division corner cases, loads and stores that hit the TLB,
 * miss it, are misaligned or fault, branches taken and not, the tight-loop
 * path, traps and their return, an interrupt taken, a host entry point
 * (as the kernel's trap host registers), a block found second in its hash
 * chain; on the JIT tier, with one region compiled (compiling
 * all the program's regions cost 190 ms), which traps and ends at an
 * interrupt.
 *
 * Why: V8 optimizes a function with the type feedback its paths have
 * gathered, and an optimized function that reaches a path which never ran
 * is thrown away and compiled again ("insufficient type feedback"). The
 * interpreter's 500-line loop cost 150-400 ms of V8's compiler each time,
 * and a real program met 4-10 such paths one after the other (a first
 * `divu`, a first misaligned load...), all on the host's second core, where
 * they competed with the emulator itself (docs/cores/riscv.md, "Compile
 * cost"). With every path seen first, the loop is compiled once or twice.
 *
 * The warm-up core shares nothing with the machine: its own bus, RAM and
 * block cache; only V8's feedback for the shared functions remains.
 */
import { Bus } from '../../platform/bus';
import {
  INTERRUPT_CORE0_CPU_INT_ENABLE, INTERRUPT_CORE0_CPU_INT_PRI_0, InterruptMatrix,
} from '../../platform/esp32c3/intmatrix';
import type { RiscvConfig } from './config';
import type { RiscvCore } from './core';
import { CYCLE, CYCLEH, INSTRET, INSTRETH, MCAUSE, MEPC, MIE, MIP, MIP_SSIP, MSTATUS, MSTATUS_MIE, MTVEC, TIME, TIMEH } from './csr-numbers';
import { ECALL, b, csr, i, j, li, r, s, shift, u } from './encoder';
import { Op } from './opcodes';

const RAM = 192 << 10;
const CODE = 0x1000;
/** Two one-instruction subroutines (`jalr x0, 0(x20)`) whose RAM offsets
 * share a slot of the block cache's hash (block-cache.ts's hashKey: an
 * offset XOR 0x20008 has the same hash), so the run loops' lookups walk a
 * hash chain: without it the walk was a path V8's optimized `execute` and
 * `dispatch` had never seen, and lua's first hash collision threw both away
 * (two extra compiles of `execute`, 270 ms each on V8's thread). */
const SUB_A = 0x2800;
const SUB_B = SUB_A ^ 0x2_0008;
/** A host entry point: its handler returns to x21. */
const HOST_ENTRY = 0x2c00;
/** A host entry point the interrupt handler calls (returning to x22): on
 * the ESP32-C3 model it lowers the interrupt matrix's source. */
const HOST_ACK = 0x2c80;
/** ESP32-C3 model: the matrix source the host entry raises, and the CPU
 * line it is routed to. */
const WARM_SOURCE = 37;
const WARM_LINE = 7;
const HANDLER = 0x3000;
const DATA = 0x8000; // 5 pages
/** Not on the bus: accesses fault. */
const HOLE = 0x0010_0000;
const MRET = 0x30200073;
const WFI = 0x10500073;
/** Only the head of the two-block loop runs this often: one small region
 * is compiled, so the run loops' JIT paths have run too. */
const WARM_JIT_THRESHOLD = 100;
/** Rounds of the program's body (the branches go both ways). */
const ROUNDS = 6;
/** The warm-up core's retired count at its start: above V8's small-integer
 * range (2^30), which a long run passes (Doom after some seconds). A count
 * that starts small gives `core.retired` (and the wasm runtime's `entry`)
 * an integer field representation and the run loops small-integer compare
 * feedback; passing 2^30 then made the field a double, which deprecated
 * the core's map and threw away every optimized function that touched a
 * core ("not a Smi" in dispatch, execute and the region wrapper, "wrong
 * map" in some 40 others), all compiled again. Started here, the field is
 * a double before anything is optimized. */
export const WARM_UP_RETIRED = 2 ** 33;

let warm = false;

/** Runs the warm-up unless done already in this process: the program once,
 * with the ESP32-C3 board's interrupt model (the only RISC-V board; a
 * machine with the standard model, as `jos exec` makes, meets its first
 * interrupt without feedback: one more compile of the run loops there).
 * Its cost is every esp32c3 boot's: a second pass with the standard
 * model cost a hello run 6.5 % more host instructions. Not with
 * JOS_NO_WARM_UP=1 in the environment. */
export function warmUp(makeCore: (bus: Bus, config: RiscvConfig) => RiscvCore): void {
  if (warm) return;
  warm = true;
  // Left out to measure it (docs/cores/x86_64.md, "Session 15: what the
  // warm-ups cost a boot").
  if (process.env.JOS_NO_WARM_UP === '1') return;
  runWarmUpProgram(makeCore, 'esp32c3');
}

/** What a run of the warm-up program did (tests). */
export interface WarmUpRun {
  core: RiscvCore;
  /** Calls of the host entry point. */
  hostCalls: number;
  /** Calls of the interrupt handler's host entry point (one per interrupt
   * taken). */
  acks: number;
}

/** The warm-up's rounds, its subroutines' addresses (tests). */
export const WARM_UP_ROUNDS = ROUNDS;
export const WARM_UP_SUBROUTINES = [SUB_A, SUB_B];

/** The index slot of links.ts's linkSlot is the same for a RAM offset and
 * that offset XOR this. */
export const LINK_SLOT_TWIN = 0x1004;

/** Runs the warm-up program on a core of its own, to its wfi. With the
 * ESP32-C3 interrupt model the core takes its interrupts from an interrupt
 * matrix (the board's class), whose source the host entry point raises
 * once per round. */
export function runWarmUpProgram(
  makeCore: (bus: Bus, config: RiscvConfig) => RiscvCore,
  interruptModel: 'standard' | 'esp32c3' = 'standard',
): WarmUpRun {
  const bus = new Bus(RAM, 'fault');
  bus.mapRam('ram', 0, RAM, 0);
  const { code, twinLoop } = program();
  for (let k = 0; k < code.length; k++) bus.view.setUint32(CODE + 4 * k, code[k], true);
  for (let k = 0; k < twinLoop.words.length; k++) bus.view.setUint32(twinLoop.at + 4 * k, twinLoop.words[k], true);
  // Exceptions return past the instruction; the interrupt (a software
  // interrupt the program raises) is cleared, counted in x29, and returns
  // to where it hit.
  const handler = [
    csr(Op.CSRRS, 30, MCAUSE, 0), b(Op.BLT, 30, 0, 20),
    csr(Op.CSRRS, 31, MEPC, 0), i(Op.ADDI, 31, 31, 4), csr(Op.CSRRW, 0, MEPC, 31), MRET,
    csr(Op.CSRRCI, 0, MIP, MIP_SSIP), i(Op.ADDI, 29, 29, 1), j(22, HOST_ACK - (HANDLER + 4 * 8)), MRET,
  ];
  for (let k = 0; k < handler.length; k++) bus.view.setUint32(HANDLER + 4 * k, handler[k], true);
  for (const sub of [SUB_A, SUB_B]) bus.view.setUint32(sub, i(Op.JALR, 0, 20, 0), true);
  // The data pages hold words beyond V8's small integers (both signs once
  // sign-extended), so that the loads the slow path makes (a TLB miss, a
  // misaligned word) return such values: a first one in bzbench threw the
  // optimized execute() away ("not a Smi" in core.load's `v | 0`).
  for (let a = DATA; a < DATA + 5 * 0x1000; a += 4) bus.view.setUint32(a, (a & 4) !== 0 ? 0x9abc_def0 : 0x6543_2100 | (a & 0xff), true);
  const matrix = interruptModel === 'esp32c3' ? new InterruptMatrix() : null;
  const core = makeCore(bus, {
    extensions: 'mc', supervisor: true, user: true, interruptModel, lineSource: matrix ?? undefined,
    resetPc: CODE, jitThreshold: WARM_JIT_THRESHOLD,
  });
  if (matrix !== null) {
    matrix.write(4 * WARM_SOURCE, 4, WARM_LINE);
    matrix.write(INTERRUPT_CORE0_CPU_INT_PRI_0 + 4 * WARM_LINE, 4, 1);
    matrix.write(INTERRUPT_CORE0_CPU_INT_ENABLE, 4, 1 << WARM_LINE);
    matrix.connect(core);
  }
  // Machines run with host entry points (the kernel's trap host): their
  // checks run at every block, and a first call of one threw the
  // optimized run loops away.
  const run: WarmUpRun = { core, hostCalls: 0, acks: 0 };
  core.setHostEntry(HOST_ENTRY, () => {
    run.hostCalls++;
    matrix?.source(WARM_SOURCE).set(true);
    core.pcReg = core.x[21];
  });
  core.setHostEntry(HOST_ACK, () => {
    run.acks++;
    matrix?.source(WARM_SOURCE).set(false);
    core.pcReg = core.x[22];
  });
  core.retired = WARM_UP_RETIRED;
  core.run(100_000);
  if (!core.halted) throw new Error('riscv warm-up: the program did not reach its wfi');
  return run;
}

/** The program: set-up, ROUNDS rounds of the body, wfi; and a loop on
 * another page (`twinLoop`, called from the body) whose head's links index
 * slot is that of the body's compiled loop. */
function program(): { code: number[]; twinLoop: { at: number; words: number[] } } {
  const out: number[] = [];
  const emit = (...w: number[]) => out.push(...w);
  emit(...li(5, HANDLER), csr(Op.CSRRW, 0, MTVEC, 5));
  emit(csr(Op.CSRRSI, 0, MIE, MIP_SSIP), csr(Op.CSRRSI, 0, MSTATUS, MSTATUS_MIE));
  emit(...li(7, ROUNDS), ...li(6, DATA), ...li(9, HOLE));
  const top = out.length;
  // Operands: large positive, large negative, small, -1, 0, and one that
  // changes every round (x8 = round count).
  emit(...li(1, 0x7fff_1234), ...li(2, -0x7000_0001), i(Op.ADDI, 3, 0, 5), i(Op.ADDI, 4, 0, -1), i(Op.ADDI, 5, 0, 0), i(Op.ADDI, 8, 7, 0));
  const alu = [Op.ADD, Op.SUB, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.SRA, Op.OR, Op.AND, Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU];
  const pairs = [[1, 3], [2, 4], [1, 5], [2, 1], [8, 3], [3, 8]];
  for (const op of alu) for (const [a, c] of pairs) emit(r(op, 10, a, c));
  const imm = [Op.ADDI, Op.SLTI, Op.SLTIU, Op.XORI, Op.ORI, Op.ANDI];
  for (const op of imm) for (const a of [1, 2, 8]) emit(i(op, 11, a, -7), i(op, 11, a, 0x3ff));
  for (const op of [Op.SLLI, Op.SRLI, Op.SRAI]) for (const a of [1, 2, 8]) emit(shift(op, 12, a, 3), shift(op, 12, a, 31));
  emit(u(Op.LUI, 13, 0x80000), u(Op.AUIPC, 13, 0x12345));
  // The counters, read from a retired count beyond 32 bits.
  for (const c of [CYCLE, CYCLEH, INSTRET, INSTRETH, TIME, TIMEH]) emit(csr(Op.CSRRS, 13, c, 0));
  // Stores and loads: aligned (the first round misses the TLB), misaligned
  // (slow path), and into the hole (access faults, skipped by the handler).
  // Each pair on a page of its own, so that both miss the TLB once and
  // return (no trap) through the slow path.
  const pairs2 = [[Op.SW, Op.LW], [Op.SH, Op.LH], [Op.SH, Op.LHU], [Op.SB, Op.LB], [Op.SB, Op.LBU]];
  pairs2.forEach(([store, load], k) => {
    emit(...li(6, DATA + k * 0x1000));
    for (const off of [0, 4, 1, 2, 4094]) emit(i(load, 14, 6, off), s(store, 6, 2, off));
    emit(s(store, 9, 1, 0), i(load, 14, 9, 0));
  });
  // Branches both ways (x8 counts down, x5 is 0), each ending a block.
  for (const op of [Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU]) {
    for (const [a, c] of [[8, 3], [3, 8], [5, 5], [2, 1]]) emit(b(op, a, c, 8), i(Op.ADDI, 15, 15, 1));
  }
  // A tight loop (a block branching to its own start), calls and returns.
  emit(i(Op.ADDI, 16, 0, 20), i(Op.ADDI, 16, 16, -1), b(Op.BNE, 16, 0, -4));
  // A loop of two blocks, whose head runs WARM_JIT_THRESHOLD times in all,
  // so that it is compiled; after it, in its region, an ecall traps (the
  // region's trap exit) and a CSR write raises an interrupt, which the run
  // loop takes as the region returns (the first trap in a region and the
  // first interrupt taken threw V8's optimized run loop and interpreter
  // away: two more compiles of execute() on lua and Doom).
  const loopEntry = CODE + 4 * out.length;
  emit(i(Op.ADDI, 16, 0, 20), i(Op.ADDI, 16, 16, -1), b(Op.BEQ, 0, 0, 4), b(Op.BNE, 16, 0, -8));
  emit(ECALL, csr(Op.CSRRSI, 0, MIP, MIP_SSIP), i(Op.ADDI, 15, 15, 1));
  // The same loop on another page, its first block (where the run loop
  // enters its region) in the same slot of the links' index: both are
  // compiled in the same round, so that in the next the run loop finds
  // each one's pair taken by the other and puts it back (RegionLinks.relink;
  // without it lua's and Doom's first such call threw the optimized
  // dispatch() away).
  const twinLoop = {
    at: loopEntry ^ LINK_SLOT_TWIN,
    words: [i(Op.ADDI, 23, 0, 20), i(Op.ADDI, 23, 23, -1), b(Op.BEQ, 0, 0, 4), b(Op.BNE, 23, 0, -8), i(Op.JALR, 0, 24, 0)],
  };
  emit(j(24, twinLoop.at - (CODE + 4 * out.length)));
  emit(j(17, 8), i(Op.ADDI, 15, 15, 1), i(Op.JALR, 18, 17, 8), i(Op.ADDI, 15, 15, 1), i(Op.ADDI, 15, 15, 1));
  emit(ECALL, csr(Op.CSRRS, 19, MEPC, 0));
  emit(j(21, HOST_ENTRY - (CODE + 4 * out.length)));
  // The subroutines: from the second round on, the one decoded first is
  // found behind the other in its hash chain.
  for (const sub of [SUB_A, SUB_B]) emit(j(20, sub - (CODE + 4 * out.length)));
  emit(i(Op.ADDI, 7, 7, -1));
  emit(b(Op.BNE, 7, 0, (top - out.length) * 4));
  emit(WFI);
  if (CODE + 4 * out.length > SUB_A) throw new Error('riscv warm-up: the program overlaps its subroutines');
  if (twinLoop.at + 4 * twinLoop.words.length > CODE) throw new Error('riscv warm-up: the twin loop overlaps the program');
  return { code: out, twinLoop };
}
