/**
 * The interpreter: runs blocks from the block cache until the instruction
 * budget is spent, the hart halts (wfi) or a stop is requested. Interrupts
 * and host entry points are checked between blocks.
 *
 * Hot path rules (docs/design.md, principle 6): every array the loop touches is a
 * local, dispatch is one switch on a const-enum op id, loads and stores go
 * straight to RAM's typed arrays when the software TLB hits, and nothing is
 * allocated. Anything unusual (TLB miss, MMIO, misaligned, traps, CSRs)
 * calls into core.ts with `retired` made exact first, so devices reading
 * the clock mid-block see the right time and traps are precise.
 */
import { SCRATCH_BLOCK, hashKey } from './block-cache';
import { AMO_ADD, AMO_AND, AMO_LR, AMO_MAX, AMO_MAXU, AMO_MIN, AMO_MINU, AMO_OR, AMO_SC, AMO_SWAP, AMO_XOR } from './amo';
import type { RiscvCore } from './core';
import { csrAccessible, csrStatus, readCsr, writeCsr } from './csr';
import {
  CAUSE_BREAKPOINT, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_MISALIGNED_FETCH, MSTATUS_TSR, MSTATUS_TVM, MSTATUS_TW, PRIV_M,
  PRIV_S, PRIV_U,
} from './csr-numbers';
import { wakeable } from './interrupts';
import { JitContext, compileBlock } from './jit';
import { TLB_MASK } from './mmu';
import { compileWasm } from './wasm';
import { Op } from './opcodes';

const MRET_BITS = 0x30200073;
const SRET_BITS = 0x10200073;
const WFI_BITS = 0x10500073;

/** Blocks per execute() call: short enough that V8 optimizes execute() as
 * a normal function (entered often) rather than through on-stack
 * replacement, whose code is markedly slower for this loop. */
const BLOCKS_PER_CALL = 4096;

export function execute(core: RiscvCore, limit: number): void {
  const cache = core.cache;
  const wordA = cache.word;
  const immA = cache.imm;
  const offA = cache.pageOff;
  const bKey = cache.key;
  const bFirst = cache.first;
  const bEnd = cache.end;
  const bEndOff = cache.endOff;
  const hashHead = cache.hashHead;
  const hashNext = cache.hashNext;
  const x = core.regs;
  const mmu = core.mmu;
  const rTag = mmu.rTag;
  const rOff = mmu.rOff;
  const wTag = mmu.wTag;
  const wOff = mmu.wOff;
  const xTag = mmu.xTag;
  const xOff = mmu.xOff;
  const u8 = core.bus.u8;
  const u16 = core.bus.u16;
  const i8 = core.i8;
  const i16 = core.i16;
  const i32 = core.i32;
  const alignMask = core.features.c ? 0 : 2;
  const compiled = cache.compiled;
  const runs = cache.runs;
  // The JIT tier, unless it is off or the tracer wants one-instruction blocks.
  const jitThreshold = core.maxBlockInsns > 1 ? core.jitThreshold : 0;

  // pc and retired live in locals; core.pcReg/core.retired are written
  // before every call out and read back after a trap.
  let pc = core.pcReg;
  let retired = core.retired;
  let blocks = BLOCKS_PER_CALL;
  outer: while (--blocks >= 0 && retired < limit && !core.stopRequested) {
    if (core.irqPoll) {
      core.pcReg = pc;
      core.retired = retired;
      if (core.pollInterrupts()) {
        pc = core.pcReg;
        continue;
      }
    }
    if (core.hostEntryCount !== 0 && core.isHostEntry(pc)) {
      core.pcReg = pc;
      core.retired = retired;
      if (core.callHostEntry(pc)) {
        pc = core.pcReg;
        retired = core.retired;
        continue;
      }
    }
    const vpn = pc >>> 12;
    const ti = mmu.fetchCtx + (vpn & TLB_MASK);
    let key: number;
    if (xTag[ti] === vpn) {
      key = xOff[ti] + (pc & 0xfff);
    } else {
      core.retired = retired;
      key = core.translateFetch(pc);
      if (key < 0) {
        pc = core.pcReg;
        continue;
      }
    }
    let b = hashHead[hashKey(key)];
    while (b >= 0 && bKey[b] !== key) b = hashNext[b];
    if (b < 0) {
      core.retired = retired;
      b = cache.build(core, pc, key);
      if (b < 0) {
        pc = core.pcReg;
        continue;
      }
    }
    core.lastBlock = b;
    core.lastBlockPc = pc;
    // With the JIT tier, dispatch.ts calls compiled regions: the
    // interpreter hands a block that has one (or just got one) back to it.
    // The first block of a call is interpreted even when it has a region:
    // the run loop found none at pc (it may have had no TLB entry to look
    // it up by), so handing it back could loop without progress.
    if (jitThreshold !== 0 && b !== SCRATCH_BLOCK) {
      if (compiled[b] === null && ++runs[b] === jitThreshold) compileRegion(core, b, alignMask, pc);
      if (compiled[b] !== null && blocks !== BLOCKS_PER_CALL - 1) break;
    }
    const first = bFirst[b];
    const end = bEnd[b];
    const pageBase = pc & ~0xfff;
    const fallThrough = (pageBase + bEndOff[b]) | 0;
    let next = fallThrough;
    let base = retired;
    const dctx = mmu.dataCtx;

    // A block that branches back to its own start (a tight loop) runs
    // again right here, skipping the lookup, until something needs the
    // outer loop's attention.
    for (;;) {
      for (let i = first; i < end; i++) {
        const w = wordA[i];
        switch (w & 0x7f) {
          case Op.ADDI:
            x[(w >> 7) & 63] = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            break;
          case Op.ADD:
            x[(w >> 7) & 63] = (x[(w >> 13) & 31] + x[(w >> 18) & 31]) | 0;
            break;
          case Op.LW: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (rTag[t] === (a & ~0xffc)) {
              x[(w >> 7) & 63] = i32[(a + rOff[t]) >> 2];
            } else {
              core.retired = base + (i - first);
              const v = core.load(a, 4, true, (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
              x[(w >> 7) & 63] = v;
            }
            break;
          }
          case Op.SW: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (wTag[t] === (a & ~0xffc)) {
              i32[(a + wOff[t]) >> 2] = x[(w >> 7) & 63];
            } else {
              core.retired = base + (i - first);
              core.store(a, 4, x[(w >> 7) & 63], (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
            }
            break;
          }
          case Op.BEQ:
            if (x[(w >> 13) & 31] === x[(w >> 7) & 63]) next = (pageBase + (w >> 18)) | 0;
            break;
          case Op.BNE:
            if (x[(w >> 13) & 31] !== x[(w >> 7) & 63]) next = (pageBase + (w >> 18)) | 0;
            break;
          case Op.BLT:
            if (x[(w >> 13) & 31] < x[(w >> 7) & 63]) next = (pageBase + (w >> 18)) | 0;
            break;
          case Op.BGE:
            if (x[(w >> 13) & 31] >= x[(w >> 7) & 63]) next = (pageBase + (w >> 18)) | 0;
            break;
          case Op.BLTU:
            if (x[(w >> 13) & 31] >>> 0 < x[(w >> 7) & 63] >>> 0) next = (pageBase + (w >> 18)) | 0;
            break;
          case Op.BGEU:
            if (x[(w >> 13) & 31] >>> 0 >= x[(w >> 7) & 63] >>> 0) next = (pageBase + (w >> 18)) | 0;
            break;
          case Op.LUI:
            x[(w >> 7) & 63] = immA[i];
            break;
          case Op.AUIPC:
            x[(w >> 7) & 63] = (pageBase + immA[i]) | 0;
            break;
          case Op.JAL: {
            const here = (pageBase + offA[i]) | 0;
            const target = (pageBase + immA[i]) | 0;
            if ((target & alignMask) !== 0) {
              core.retired = base + (i - first);
              core.raiseException(CAUSE_MISALIGNED_FETCH, target, here);
              pc = core.pcReg;
              retired = core.retired;
              continue outer;
            }
            x[(w >> 7) & 63] = (here + (((w >> 18) & 3) << 1)) | 0;
            next = target;
            break;
          }
          case Op.JALR: {
            const here = (pageBase + offA[i]) | 0;
            const target = (x[(w >> 13) & 31] + (w >> 20)) & ~1;
            if ((target & alignMask) !== 0) {
              core.retired = base + (i - first);
              core.raiseException(CAUSE_MISALIGNED_FETCH, target, here);
              pc = core.pcReg;
              retired = core.retired;
              continue outer;
            }
            x[(w >> 7) & 63] = (here + (((w >> 18) & 3) << 1)) | 0;
            next = target;
            break;
          }
          case Op.LB: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (rTag[t] === (a & ~0xfff)) {
              x[(w >> 7) & 63] = i8[(a + rOff[t]) | 0];
            } else {
              core.retired = base + (i - first);
              const v = core.load(a, 1, true, (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
              x[(w >> 7) & 63] = v;
            }
            break;
          }
          case Op.LBU: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (rTag[t] === (a & ~0xfff)) {
              x[(w >> 7) & 63] = u8[(a + rOff[t]) | 0];
            } else {
              core.retired = base + (i - first);
              const v = core.load(a, 1, false, (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
              x[(w >> 7) & 63] = v;
            }
            break;
          }
          case Op.LH: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (rTag[t] === (a & ~0xffe)) {
              x[(w >> 7) & 63] = i16[(a + rOff[t]) >> 1];
            } else {
              core.retired = base + (i - first);
              const v = core.load(a, 2, true, (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
              x[(w >> 7) & 63] = v;
            }
            break;
          }
          case Op.LHU: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (rTag[t] === (a & ~0xffe)) {
              x[(w >> 7) & 63] = u16[(a + rOff[t]) >> 1];
            } else {
              core.retired = base + (i - first);
              const v = core.load(a, 2, false, (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
              x[(w >> 7) & 63] = v;
            }
            break;
          }
          case Op.SB: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (wTag[t] === (a & ~0xfff)) {
              u8[(a + wOff[t]) | 0] = x[(w >> 7) & 63];
            } else {
              core.retired = base + (i - first);
              core.store(a, 1, x[(w >> 7) & 63], (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
            }
            break;
          }
          case Op.SH: {
            const a = (x[(w >> 13) & 31] + (w >> 20)) | 0;
            const t = dctx + ((a >>> 12) & TLB_MASK);
            if (wTag[t] === (a & ~0xffe)) {
              u16[(a + wOff[t]) >> 1] = x[(w >> 7) & 63];
            } else {
              core.retired = base + (i - first);
              core.store(a, 2, x[(w >> 7) & 63], (pageBase + offA[i]) | 0);
              if (core.trapTaken) {
                pc = core.pcReg;
                retired = core.retired;
                continue outer;
              }
            }
            break;
          }
          case Op.SLTI:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] < (w >> 20) ? 1 : 0;
            break;
          case Op.SLTIU:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] >>> 0 < (w >> 20) >>> 0 ? 1 : 0;
            break;
          case Op.XORI:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] ^ (w >> 20);
            break;
          case Op.ORI:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] | (w >> 20);
            break;
          case Op.ANDI:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] & (w >> 20);
            break;
          case Op.SLLI:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] << (w >> 20);
            break;
          case Op.SRLI:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] >>> (w >> 20);
            break;
          case Op.SRAI:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] >> (w >> 20);
            break;
          case Op.SUB:
            x[(w >> 7) & 63] = (x[(w >> 13) & 31] - x[(w >> 18) & 31]) | 0;
            break;
          case Op.SLL:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] << (x[(w >> 18) & 31] & 31);
            break;
          case Op.SLT:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] < x[(w >> 18) & 31] ? 1 : 0;
            break;
          case Op.SLTU:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] >>> 0 < x[(w >> 18) & 31] >>> 0 ? 1 : 0;
            break;
          case Op.XOR:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] ^ x[(w >> 18) & 31];
            break;
          case Op.SRL:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] >>> (x[(w >> 18) & 31] & 31);
            break;
          case Op.SRA:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] >> (x[(w >> 18) & 31] & 31);
            break;
          case Op.OR:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] | x[(w >> 18) & 31];
            break;
          case Op.AND:
            x[(w >> 7) & 63] = x[(w >> 13) & 31] & x[(w >> 18) & 31];
            break;
          case Op.MUL:
            x[(w >> 7) & 63] = Math.imul(x[(w >> 13) & 31], x[(w >> 18) & 31]);
            break;
          case Op.DIV: {
            const a = x[(w >> 13) & 31];
            const c = x[(w >> 18) & 31];
            // Division by zero gives -1, overflow gives the dividend (M, table 7.1).
            x[(w >> 7) & 63] = c === 0 ? -1 : c === -1 ? -a | 0 : (a / c) | 0;
            break;
          }
          case Op.DIVU: {
            const c = x[(w >> 18) & 31] >>> 0;
            x[(w >> 7) & 63] = c === 0 ? -1 : ((x[(w >> 13) & 31] >>> 0) / c) | 0;
            break;
          }
          case Op.REM: {
            const a = x[(w >> 13) & 31];
            const c = x[(w >> 18) & 31];
            x[(w >> 7) & 63] = c === 0 ? a : c === -1 ? 0 : a % c | 0;
            break;
          }
          case Op.REMU: {
            const a = x[(w >> 13) & 31];
            const c = x[(w >> 18) & 31] >>> 0;
            x[(w >> 7) & 63] = c === 0 ? a : ((a >>> 0) % c) | 0;
            break;
          }
          default: {
            // Everything rare lives in slowOp, so this function stays small
            // and its type feedback complete (no deopts on a first csrr).
            core.retired = base + (i - first);
            const r = slowOp(core, w & 0x7f, (w >> 7) & 63, (w >> 13) & 31, (w >> 18) & 31, immA[i], (pageBase + offA[i]) | 0);
            if (r === SLOW_TRAP) {
              pc = core.pcReg;
              retired = core.retired;
              continue outer;
            }
            if (r === SLOW_JUMP) next = core.pcReg;
            break;
          }
        }
      }
      retired = base + (end - first);
      if (next !== pc || retired >= limit || core.irqPoll || core.stopRequested || --blocks < 0) break;
      // Each round of the tight loop is a run of the block: a loop entered
      // rarely but long (a copy, a count) is compiled like any other.
      if (jitThreshold !== 0 && b !== SCRATCH_BLOCK && compiled[b] === null && ++runs[b] === jitThreshold) {
        compileRegion(core, b, alignMask, pc);
        break;
      }
      base = retired;
      next = fallThrough;
    }
    pc = next;
    if (core.halted) break;
  }
  core.pcReg = pc;
  core.retired = retired;
}

/** Compiles the region headed by block `b` (at virtual `pc`) with the JIT
 * tier's backend (config.jitBackend; wasm unless 'js'): the one place the
 * interpreter hands a hot block to the JIT tier. */
function compileRegion(core: RiscvCore, b: number, alignMask: number, pc: number): void {
  const compile = core.config.jitBackend === 'js' ? compileBlock : compileWasm;
  compile(jitContext(core), b, alignMask, pc);
}

/** The values compiled blocks are bound to (made once per core). */
function jitContext(core: RiscvCore): JitContext {
  if (core.jitContext === null) core.jitContext = { core, slowOp, slowTrap: SLOW_TRAP, slowJump: SLOW_JUMP };
  return core.jitContext;
}

const SLOW_NEXT = 0;
const SLOW_TRAP = 1;
const SLOW_JUMP = 2;

/** The rare instructions: M's high products, fences, CSRs, system
 * instructions, atomics and illegal encodings. Returns SLOW_NEXT, SLOW_TRAP
 * (a trap was taken: pc is the handler) or SLOW_JUMP (pc was set). */
function slowOp(core: RiscvCore, op: number, rd: number, rs1: number, rs2: number, imm: number, pc: number): number {
  const x = core.regs;
  switch (op) {
    case Op.MULH: {
      const a = x[rs1];
      const c = x[rs2];
      x[rd] = (mulhu(a >>> 0, c >>> 0) - (a < 0 ? c : 0) - (c < 0 ? a : 0)) | 0;
      return SLOW_NEXT;
    }
    case Op.MULHSU: {
      const a = x[rs1];
      x[rd] = (mulhu(a >>> 0, x[rs2] >>> 0) - (a < 0 ? x[rs2] : 0)) | 0;
      return SLOW_NEXT;
    }
    case Op.MULHU:
      x[rd] = mulhu(x[rs1] >>> 0, x[rs2] >>> 0);
      return SLOW_NEXT;
    case Op.FENCE:
      return SLOW_NEXT;
    case Op.FENCE_I:
      core.cache.flush();
      return SLOW_NEXT;
    case Op.CSRRW:
    case Op.CSRRS:
    case Op.CSRRC:
    case Op.CSRRWI:
    case Op.CSRRSI:
    case Op.CSRRCI: {
      const v = csrInstruction(core, op, imm, rs1, rd, pc);
      if (core.trapTaken) return SLOW_TRAP;
      x[rd] = v;
      return SLOW_NEXT;
    }
    case Op.ECALL:
      core.raiseException(8 + core.priv, 0, pc); // 8 U, 9 S, 11 M
      return SLOW_TRAP;
    case Op.EBREAK:
      core.raiseException(CAUSE_BREAKPOINT, pc, pc);
      return SLOW_TRAP;
    case Op.MRET:
      if (core.priv < PRIV_M) return illegal(core, MRET_BITS, pc);
      core.mret();
      return SLOW_JUMP;
    case Op.SRET:
      if (core.priv < PRIV_S || (core.priv === PRIV_S && (core.mstatus & MSTATUS_TSR) !== 0)) return illegal(core, SRET_BITS, pc);
      core.sret();
      return SLOW_JUMP;
    case Op.WFI:
      // TW traps wfi below M; in U-mode it always traps when S exists (3.1.6.5).
      if ((core.priv < PRIV_M && (core.mstatus & MSTATUS_TW) !== 0) || (core.priv === PRIV_U && core.config.supervisor)) {
        return illegal(core, WFI_BITS, pc);
      }
      if (!wakeable(core)) core.halted = true;
      return SLOW_NEXT;
    case Op.SFENCE_VMA:
      if (core.priv === PRIV_U || (core.priv === PRIV_S && (core.mstatus & MSTATUS_TVM) !== 0)) {
        return illegal(core, 0x12000073 | (rs1 << 15) | (rs2 << 20), pc);
      }
      core.mmu.flush();
      return SLOW_NEXT;
    case Op.LR_W:
    case Op.SC_W:
    case Op.AMOSWAP_W:
    case Op.AMOADD_W:
    case Op.AMOXOR_W:
    case Op.AMOAND_W:
    case Op.AMOOR_W:
    case Op.AMOMIN_W:
    case Op.AMOMAX_W:
    case Op.AMOMINU_W:
    case Op.AMOMAXU_W: {
      const v = core.atomic(AMO_KIND[op - Op.LR_W], x[rs1], x[rs2], pc);
      if (core.trapTaken) return SLOW_TRAP;
      x[rd] = v;
      return SLOW_NEXT;
    }
    default:
      // Op.ILLEGAL: imm holds the instruction bits for mtval (3.1.16).
      return illegal(core, imm, pc);
  }
}

function illegal(core: RiscvCore, bits: number, pc: number): number {
  core.raiseException(CAUSE_ILLEGAL_INSTRUCTION, bits, pc);
  return SLOW_TRAP;
}

const AMO_KIND = [AMO_LR, AMO_SC, AMO_SWAP, AMO_ADD, AMO_XOR, AMO_AND, AMO_OR, AMO_MIN, AMO_MAX, AMO_MINU, AMO_MAXU];
const CSR_FUNCT3 = [1, 2, 3, 5, 6, 7];

/** High word of the unsigned 64-bit product, in 16-bit pieces (exact in doubles). */
function mulhu(a: number, b: number): number {
  const aL = a & 0xffff;
  const aH = a >>> 16;
  const bL = b & 0xffff;
  const bH = b >>> 16;
  const lh = aL * bH;
  const hl = aH * bL;
  const mid = ((aL * bL) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aH * bH + Math.floor(lh / 65536) + Math.floor(hl / 65536) + Math.floor(mid / 65536)) | 0;
}

/** csrrw/csrrs/csrrc and the immediate forms (Zicsr, chapter 9): the old
 * value, or illegal instruction when the CSR is absent or not allowed. */
function csrInstruction(core: RiscvCore, op: number, csr: number, rs1: number, rd: number, epc: number): number {
  core.trapTaken = false;
  const index = op - Op.CSRRW;
  const kind = index % 3; // 0 write, 1 set, 2 clear
  const operand = index >= 3 ? rs1 : core.regs[rs1];
  const writes = kind === 0 || rs1 !== 0;
  const old = readCsr(core, csr);
  if (!csrStatus.exists || !csrAccessible(core, csr, core.priv, writes)) {
    const raw = (csr << 20) | (rs1 << 15) | (CSR_FUNCT3[index] << 12) | ((rd & 31) << 7) | 0x73;
    core.raiseException(CAUSE_ILLEGAL_INSTRUCTION, raw, epc);
    return 0;
  }
  if (writes) writeCsr(core, csr, kind === 0 ? operand : kind === 1 ? old | operand : old & ~operand);
  return old | 0;
}
