/**
 * The interpreter: runs cached blocks back to back until the budget is
 * spent or something needs X86Core.run's attention (a stop, a halt, an
 * interrupt window, a host entry point).
 *
 * Hot path rules (docs/design.md, principle 6): the hottest forms (fast-kinds.ts)
 * run inline in one switch over the slot's packed word, with every array
 * the loop touches held in a local and loads/stores going straight to
 * RAM's DataView on a TLB hit; every other slot calls its handler
 * (handlers.ts). RIP and the retired count live in locals inside a block:
 * a fault (core.raise throws FAULT) publishes the faulting instruction's
 * RIP and the count retired before it, and run() delivers the exception.
 *
 * Blocks with a compiled function (jit/) run that instead; traced runs
 * (--trace) go through the handlers one instruction at a time.
 */
import type { X86Core } from './core';
import { getCF, testCC, LazyOp } from './flags';
import { HANDLERS } from './handlers';
import { ea } from './operands';
import { termsFit } from './exact-sum';
import { K, Paired } from './fast-kinds';
import type { BlockFn } from './jit/emitter';

/** The numbers of the hot path, as a const enum so that tsc writes them in
 * place: a module-level const (or an import) is a context slot, which V8's
 * optimized code loads and checks for the hole at every use. */
const enum N {
  TWO32 = 4294967296,
  /** 2^47: canonical addresses are in [-2^47, 2^47). */
  CANON = 140737488355328,
  L_IF = 0x200,
  TLB_MASK = 1023,
  /** JUMP_CACHE_SIZE - 1. */
  JUMP_MASK = 4095,
  /** Blocks per runBlocks() call: short enough that V8 optimizes it as a
   * normal function (entered often) rather than through on-stack
   * replacement, whose code is slower for this loop. */
  BLOCKS_PER_CALL = 4096,
}


/** Runs blocks from core.rip; see the file comment. */
export function runBlocks(c: X86Core, target: number): void {
  const cache = c.cache;
  const d = c.d;
  const succRip0 = cache.succRip0;
  const succId0 = cache.succId0;
  const succRip1 = cache.succRip1;
  const succId1 = cache.succId1;
  const succGen = cache.succGen;
  const jumpRip = cache.jumpRip;
  const jumpId = cache.jumpId;
  const jumpGen = cache.jumpGen;
  const blkPhys = cache.blkPhys;
  const blkFirst = cache.blkFirst;
  const blkCount = cache.blkCount;
  const jit = c.jit;
  const handlers = HANDLERS;
  const opA = d.op;
  const lenA = d.len;
  const endOffA = d.endOff;
  const retiredAtA = d.retiredAt;
  const wordA = d.word;
  const dispA = d.disp;
  const immA = d.imm;
  const immHiA = d.immHi;
  const tlbVpn = c.tlbVpn;
  const tlbVpnLow = c.mmu.tlbVpnLow;
  const tlbRam = c.tlbRam;
  const tlbPerm = c.tlbPerm;
  const u8 = c.u8;
  const dv = c.view;
  const codePages = c.codePages;
  c.runTarget = target;
  let prev = -1;
  for (let blocks = N.BLOCKS_PER_CALL; blocks > 0; blocks--) {
    const rip = c.rip;
    // The block at RIP: one of the previous block's two remembered
    // successors or the jump cache while the chain generation holds, else
    // a lookup by physical address.
    let id = -1;
    if (prev >= 0 && succGen[prev] === c.chainGen) {
      if (succRip0[prev] === rip) id = succId0[prev];
      else if (succRip1[prev] === rip) id = succId1[prev];
      if (id >= 0 && blkPhys[id] < 0) id = -1;
    }
    if (id < 0) {
      const h = (rip ^ (rip >>> 12)) & N.JUMP_MASK;
      if (jumpRip[h] === rip && jumpGen[h] === c.chainGen && blkPhys[jumpId[h]] >= 0) id = jumpId[h];
      else {
        const phys = c.mmu.fetchPhys(rip);
        id = cache.lookup(phys);
        if (id < 0) id = cache.build(rip, phys);
        jumpRip[h] = rip;
        jumpId[h] = id;
        jumpGen[h] = c.chainGen;
      }
      if (prev >= 0) {
        if (succGen[prev] !== c.chainGen) {
          succGen[prev] = c.chainGen;
          succRip1[prev] = NaN;
        } else {
          succRip1[prev] = succRip0[prev];
          succId1[prev] = succId0[prev];
        }
        succRip0[prev] = rip;
        succId0[prev] = id;
      }
    }
    const first = blkFirst[id];
    let end = first + blkCount[id];
    let compiled: BlockFn | null = null;
    // One instruction alone runs through its handler: the inline forms
    // assume the whole block runs (a dead flag store relies on a later
    // instruction of the block, fast-kinds.ts markDeadFlags).
    let single = false;
    if (c.interruptShadowPending) {
      // sti / mov ss: exactly one more instruction before the next check.
      end = first + 1;
      single = true;
      c.interruptShadowPending = false;
      c.interruptShadow = true;
    } else if (jit !== null && c.trace === null) {
      compiled = jit.enter(id);
    }
    c.brk = false;
    if (compiled !== null) {
      // Same effects as the slot loop below, RIP and retired included
      // (jit/emitter.ts); it returns the next compiled function when it
      // could link to one (having made the between-block checks itself).
      let next: BlockFn | null = compiled(c);
      while (next !== null) next = next(c);
    } else if (c.trace !== null || single) {
      // Traced runs stop exactly at the budget (--max-instructions).
      if (end - first > target - c.retired) end = first + Math.max(1, target - c.retired);
      // (A block's first slot is its first instruction; later ones may
      // follow a jmp without a slot, if the block was built before the
      // trace hook was set.)
      for (let k = first; k < end; k++) {
        c.rip = rip + endOffA[k] - lenA[k];
        c.retired += retiredAtA[k] - (k === first ? 0 : retiredAtA[k - 1]) - 1;
        if (c.trace !== null) c.trace(c, k);
        const fallThrough = c.rip + lenA[k];
        c.nextRip = fallThrough;
        handlers[opA[k]](c, k);
        c.rip = c.nextRip;
        c.retired++;
        // A taken jcc may end a block before its last slot.
        if (c.brk || c.nextRip !== fallThrough) break;
      }
    } else {
      const rdMask = c.rdMask;
      const wrMask = c.wrMask;
      // A block that branches back to its own start (a tight loop) runs
      // again right here, counted against this call's block budget, while
      // nothing needs attention (not with the JIT, which counts entries).
      for (;;) {
        // The next RIP after the block: the fall-through unless a branch
        // (or a handler's control transfer) replaces it.
        let nx = rip + endOffA[end - 1];
        let k = first;
        try {
          slots: while (k < end) {
            const w = wordA[k];
            const kind = w & 0xff;
            // The memory operand's linear address and its TLB entry.
            let a = 0;
            let ram = -1;
            let perm = 0;
            let po = 0;
            if (kind >= K.FIRST_MEM) {
              const form = w >>> 28;
              // Registers below 2^31 (the common case outside the kernel):
              // the sum in int32 arithmetic, valid when it stays in
              // [0, 2^31) (each partial sum is checked as it is formed).
              let low = -1;
              if (form === 1) {
                const b = (w >>> 18) & 15;
                const lo = c.rl[b];
                if (c.rh[b] === 0 && lo >= 0) low = (lo + dispA[k]) | 0;
              } else if (form === 2) {
                const b = (w >>> 18) & 15;
                const x = (w >>> 22) & 15;
                const sc = (w >>> 26) & 3;
                const lo = c.rl[b];
                const xi = c.rl[x];
                if ((c.rh[b] | c.rh[x]) === 0 && lo >= 0 && xi >= 0 && xi <= 0x7fffffff >> sc) {
                  const part = (lo + (xi << sc)) | 0;
                  if (part >= 0) low = (part + dispA[k]) | 0;
                }
              } else if (form === 4) {
                const x = (w >>> 22) & 15;
                const sc = (w >>> 26) & 3;
                const xi = c.rl[x];
                if (c.rh[x] === 0 && xi >= 0 && xi <= 0x7fffffff >> sc) low = ((xi << sc) + dispA[k]) | 0;
              }
              if (low >= 0) {
                a = low;
                const vpn = low >>> 12;
                const t = vpn & N.TLB_MASK;
                if (tlbVpnLow[t] === vpn) {
                  ram = tlbRam[t];
                  perm = tlbPerm[t];
                  po = low & 4095;
                }
              } else {
                if (form === 1) {
                  const b = (w >>> 18) & 15;
                  a = dispA[k] + c.rh[b] * N.TWO32 + (c.rl[b] >>> 0);
                } else if (form === 2) {
                  const b = (w >>> 18) & 15;
                  const x = (w >>> 22) & 15;
                  // Terms that may round before they cancel (exact-sum.ts): ea().
                  a = termsFit(c.rh[b], c.rh[x]) ? dispA[k] + c.rh[b] * N.TWO32 + (c.rl[b] >>> 0) + (c.rh[x] * N.TWO32 + (c.rl[x] >>> 0)) * (1 << ((w >>> 26) & 3)) : N.CANON;
                } else if (form === 3) {
                  a = rip + endOffA[k] + dispA[k];
                } else if (form === 4) {
                  const x = (w >>> 22) & 15;
                  a = dispA[k] + (c.rh[x] * N.TWO32 + (c.rl[x] >>> 0)) * (1 << ((w >>> 26) & 3));
                } else a = N.CANON;
                if (a >= N.CANON || a < -N.CANON) {
                  // Segment bases, 0x67, wrap-around and #GP/#SS: the exact path.
                  c.nextRip = rip + endOffA[k];
                  a = ea(c, k);
                }
                if (a >= 0 && a < N.TWO32) {
                  // The low 4 GiB: integer page arithmetic.
                  const vpn = a >>> 12;
                  const t = vpn & N.TLB_MASK;
                  if (tlbVpnLow[t] === vpn) {
                    ram = tlbRam[t];
                    perm = tlbPerm[t];
                    po = a & 4095;
                  }
                } else {
                  const vpn = Math.floor(a * (1 / 4096));
                  const t = vpn & N.TLB_MASK;
                  if (tlbVpn[t] === vpn) {
                    ram = tlbRam[t];
                    perm = tlbPerm[t];
                    po = (a - vpn * 4096) | 0;
                  }
                }
              }
            }
            // Cases that take a relative branch (jcc, jmp rel) break out of
            // `taken` to the shared tail after it; all others end here.
            taken: {
              switch (kind) {
                case K.HANDLER: {
                  const n = rip + endOffA[k];
                  c.nextRip = n;
                  handlers[opA[k]](c, k);
                  k++;
                  if (c.nextRip !== n) {
                    // A control transfer: always the last slot of its block.
                    nx = c.nextRip;
                    break slots;
                  }
                  if (c.brk) {
                    nx = n;
                    break slots;
                  }
                  continue slots;
                }
                case K.NOP: // nop
                  break;
                // ---- generated: move forms (npm run gen:x86; do not edit) ----
                case K.MOV32_RR: { // mov
                  const v = c.rl[(w >>> 13) & 31];
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = 0;
                  break;
                }
                case K.MOV64_RR: { // mov
                  const src = (w >>> 13) & 31;
                  const v = c.rl[src];
                  const vh = c.rh[src];
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = vh;
                  break;
                }
                case K.MOV32_RI: { // mov
                  const v = immA[k];
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = 0;
                  break;
                }
                case K.MOV64_RI: { // mov
                  const v = immA[k];
                  const vh = immHiA[k];
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = vh;
                  break;
                }
                case K.MOV32_RM: { // mov
                  const v = ram >= 0 && (perm & rdMask) !== 0 && po <= 4092 ? dv.getInt32(ram + po, true) : (c.read32(a) | 0);
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = 0;
                  break;
                }
                case K.MOV64_RM: { // mov
                  let v: number;
                  let vh: number;
                  if (ram >= 0 && (perm & rdMask) !== 0 && po <= 4088) {
                    v = dv.getInt32(ram + po, true);
                    vh = dv.getInt32(ram + po + 4, true);
                  } else {
                    v = c.read64(a) | 0;
                    vh = c.hi;
                  }
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = vh;
                  break;
                }
                case K.MOV32_MR: // mov
                case K.MOV32_MI: {
                  const v = kind === K.MOV32_MR ? c.rl[(w >>> 13) & 31] : immA[k];
                  if (ram >= 0 && (perm & wrMask) !== 0 && po <= 4092) {
                    if (codePages[ram >>> 12] !== 0) c.bus.onCodeWrite(ram >>> 12);
                    dv.setInt32(ram + po, v, true);
                  } else c.write32(a, v);
                  if (c.brk) {
                    nx = rip + endOffA[k];
                    k++;
                    break slots;
                  }
                  break;
                }
                case K.MOV64_MR: // mov
                case K.MOV64_MI: {
                  let v: number;
                  let vh: number;
                  if (kind === K.MOV64_MR) {
                    const src = (w >>> 13) & 31;
                    v = c.rl[src];
                    vh = c.rh[src];
                  } else {
                    v = immA[k];
                    vh = immHiA[k];
                  }
                  if (ram >= 0 && (perm & wrMask) !== 0 && po <= 4088) {
                    if (codePages[ram >>> 12] !== 0) c.bus.onCodeWrite(ram >>> 12);
                    dv.setInt32(ram + po, v, true);
                    dv.setInt32(ram + po + 4, vh, true);
                  } else c.write64(a, v, vh);
                  if (c.brk) {
                    nx = rip + endOffA[k];
                    k++;
                    break slots;
                  }
                  break;
                }
                case K.MOV8_RM: { // mov
                  const v = ram >= 0 && (perm & rdMask) !== 0 ? u8[ram + po] : (c.read8(a) | 0);
                  const dst = (w >>> 8) & 31;
                  if (dst < 16) c.rl[dst] = (c.rl[dst] & ~0xff) | v;
                  else c.rl[dst - 16] = (c.rl[dst - 16] & ~0xff00) | (v << 8);
                  break;
                }
                case K.MOV8_MR: // mov
                case K.MOV8_MI: {
                  let v: number;
                  if (kind === K.MOV8_MR) {
                    const src = (w >>> 13) & 31;
                    v = src < 16 ? c.rl[src] & 0xff : (c.rl[src - 16] >>> 8) & 0xff;
                  } else {
                    v = immA[k] & 0xff;
                  }
                  if (ram >= 0 && (perm & wrMask) !== 0) {
                    if (codePages[ram >>> 12] !== 0) c.bus.onCodeWrite(ram >>> 12);
                    u8[ram + po] = v;
                  } else c.write8(a, v);
                  if (c.brk) {
                    nx = rip + endOffA[k];
                    k++;
                    break slots;
                  }
                  break;
                }
                case K.MOVZXB32_RR: // movzx
                case K.MOVZXB64_RR: {
                  const src = (w >>> 13) & 31;
                  const v = src < 16 ? c.rl[src] & 0xff : (c.rl[src - 16] >>> 8) & 0xff;
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = 0;
                  break;
                }
                case K.MOVZXB32_RM: // movzx, movsx
                case K.MOVZXB64_RM:
                case K.MOVSXB32_RM:
                case K.MOVSXB64_RM: {
                  let v = ram >= 0 && (perm & rdMask) !== 0 ? u8[ram + po] : (c.read8(a) | 0);
                  if (kind === K.MOVSXB32_RM || kind === K.MOVSXB64_RM) v = (v << 24) >> 24;
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = kind === K.MOVSXB64_RM ? v >> 31 : 0;
                  break;
                }
                case K.MOVZXW32_RR: // movzx
                case K.MOVZXW64_RR: {
                  const v = c.rl[(w >>> 13) & 31] & 0xffff;
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = 0;
                  break;
                }
                case K.MOVZXW32_RM: // movzx, movsx
                case K.MOVZXW64_RM:
                case K.MOVSXW32_RM:
                case K.MOVSXW64_RM: {
                  let v = ram >= 0 && (perm & rdMask) !== 0 && po <= 4094 ? dv.getUint16(ram + po, true) : (c.read16(a) | 0);
                  if (kind === K.MOVSXW32_RM || kind === K.MOVSXW64_RM) v = (v << 16) >> 16;
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = kind === K.MOVSXW64_RM ? v >> 31 : 0;
                  break;
                }
                case K.MOVSXB32_RR: // movsx
                case K.MOVSXB64_RR: {
                  const src = (w >>> 13) & 31;
                  let v = src < 16 ? c.rl[src] : (c.rl[src - 16] >>> 8);
                  v = (v << 24) >> 24;
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = kind === K.MOVSXB32_RR ? 0 : v >> 31;
                  break;
                }
                case K.MOVSXW32_RR: // movsx
                case K.MOVSXW64_RR: {
                  let v = c.rl[(w >>> 13) & 31];
                  v = (v << 16) >> 16;
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = kind === K.MOVSXW32_RR ? 0 : v >> 31;
                  break;
                }
                case K.MOVSXD64_RR: { // movsxd
                  const v = c.rl[(w >>> 13) & 31];
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = v >> 31;
                  break;
                }
                case K.MOVSXD64_RM: { // movsxd
                  const v = ram >= 0 && (perm & rdMask) !== 0 && po <= 4092 ? dv.getInt32(ram + po, true) : (c.read32(a) | 0);
                  const dst = (w >>> 8) & 31;
                  c.rl[dst] = v;
                  c.rh[dst] = v >> 31;
                  break;
                }
                // ---- end of generated move forms ----

                // ---- generated: inline forms (npm run gen:x86; do not edit) ----
                case K.ADD32_RR: // add
                case K.ADD32_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const y = kind === K.ADD32_RR ? c.rl[(w >>> 13) & 31] : immA[k];
                  const r = (x + y) | 0;
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  if (w >= 0) {
                    c.fop = LazyOp.ADD;
                    c.fsz = 4;
                    c.fa = x;
                    c.fb = y;
                    c.fres = r;
                  }
                  break;
                }
                case K.ADD64_RR: // add
                case K.ADD64_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let y: number;
                  let yh: number;
                  if (kind === K.ADD64_RR) {
                    const src = (w >>> 13) & 31;
                    y = c.rl[src];
                    yh = c.rh[src];
                  } else {
                    y = immA[k];
                    yh = immHiA[k];
                  }
                  const lo = (x >>> 0) + (y >>> 0);
                  const r = lo | 0;
                  const rh = (xh + yh + (lo > 0xffffffff ? 1 : 0)) | 0;
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  if (w >= 0) {
                    c.fop = LazyOp.ADD;
                    c.fsz = 8;
                    c.fa = x;
                    c.faH = xh;
                    c.fb = y;
                    c.fbH = yh;
                    c.fres = r;
                    c.fresH = rh;
                  }
                  break;
                }
                case K.ADD32_RM: // add, or, and, sub, xor, cmp
                case K.OR32_RM:
                case K.AND32_RM:
                case K.SUB32_RM:
                case K.XOR32_RM:
                case K.CMP32_RM: {
                  const y = ram >= 0 && (perm & rdMask) !== 0 && po <= 4092 ? dv.getInt32(ram + po, true) : (c.read32(a) | 0);
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  let r: number;
                  switch (kind) {
                    case K.ADD32_RM: {
                      r = (x + y) | 0;
                      c.fop = LazyOp.ADD;
                      c.fa = x;
                      c.fb = y;
                      break;
                    }
                    case K.OR32_RM: {
                      r = x | y;
                      c.fop = LazyOp.LOGIC;
                      break;
                    }
                    case K.AND32_RM: {
                      r = x & y;
                      c.fop = LazyOp.LOGIC;
                      break;
                    }
                    case K.SUB32_RM: {
                      r = (x - y) | 0;
                      c.fop = LazyOp.SUB;
                      c.fa = x;
                      c.fb = y;
                      break;
                    }
                    case K.XOR32_RM: {
                      r = x ^ y;
                      c.fop = LazyOp.LOGIC;
                      break;
                    }
                    default: {
                      r = (x - y) | 0;
                      c.fop = LazyOp.SUB;
                      c.fa = x;
                      c.fb = y;
                      break;
                    }
                  }
                  if (kind !== K.CMP32_RM) {
                    c.rl[dst] = r;
                    c.rh[dst] = 0;
                  }
                  c.fsz = 4;
                  c.fres = r;
                  break;
                }
                case K.ADD64_RM: // add, or, and, sub, xor, cmp
                case K.OR64_RM:
                case K.AND64_RM:
                case K.SUB64_RM:
                case K.XOR64_RM:
                case K.CMP64_RM: {
                  let y: number;
                  let yh: number;
                  if (ram >= 0 && (perm & rdMask) !== 0 && po <= 4088) {
                    y = dv.getInt32(ram + po, true);
                    yh = dv.getInt32(ram + po + 4, true);
                  } else {
                    y = c.read64(a) | 0;
                    yh = c.hi;
                  }
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let r: number;
                  let rh: number;
                  switch (kind) {
                    case K.ADD64_RM: {
                      const lo = (x >>> 0) + (y >>> 0);
                      r = lo | 0;
                      rh = (xh + yh + (lo > 0xffffffff ? 1 : 0)) | 0;
                      c.fop = LazyOp.ADD;
                      c.fa = x;
                      c.faH = xh;
                      c.fb = y;
                      c.fbH = yh;
                      break;
                    }
                    case K.OR64_RM: {
                      r = x | y;
                      rh = xh | yh;
                      c.fop = LazyOp.LOGIC;
                      break;
                    }
                    case K.AND64_RM: {
                      r = x & y;
                      rh = xh & yh;
                      c.fop = LazyOp.LOGIC;
                      break;
                    }
                    case K.SUB64_RM: {
                      const lo = (x >>> 0) - (y >>> 0);
                      r = lo | 0;
                      rh = (xh - yh - (lo < 0 ? 1 : 0)) | 0;
                      c.fop = LazyOp.SUB;
                      c.fa = x;
                      c.faH = xh;
                      c.fb = y;
                      c.fbH = yh;
                      break;
                    }
                    case K.XOR64_RM: {
                      r = x ^ y;
                      rh = xh ^ yh;
                      c.fop = LazyOp.LOGIC;
                      break;
                    }
                    default: {
                      const lo = (x >>> 0) - (y >>> 0);
                      r = lo | 0;
                      rh = (xh - yh - (lo < 0 ? 1 : 0)) | 0;
                      c.fop = LazyOp.SUB;
                      c.fa = x;
                      c.faH = xh;
                      c.fb = y;
                      c.fbH = yh;
                      break;
                    }
                  }
                  if (kind !== K.CMP64_RM) {
                    c.rl[dst] = r;
                    c.rh[dst] = rh;
                  }
                  c.fsz = 8;
                  c.fres = r;
                  c.fresH = rh;
                  break;
                }
                case K.OR32_RR: // or
                case K.OR32_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const y = kind === K.OR32_RR ? c.rl[(w >>> 13) & 31] : immA[k];
                  const r = x | y;
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  if (w >= 0) {
                    c.fop = LazyOp.LOGIC;
                    c.fsz = 4;
                    c.fres = r;
                  }
                  break;
                }
                case K.OR64_RR: // or
                case K.OR64_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let y: number;
                  let yh: number;
                  if (kind === K.OR64_RR) {
                    const src = (w >>> 13) & 31;
                    y = c.rl[src];
                    yh = c.rh[src];
                  } else {
                    y = immA[k];
                    yh = immHiA[k];
                  }
                  const r = x | y;
                  const rh = xh | yh;
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  if (w >= 0) {
                    c.fop = LazyOp.LOGIC;
                    c.fsz = 8;
                    c.fres = r;
                    c.fresH = rh;
                  }
                  break;
                }
                case K.TEST32_RR: // test
                case K.TEST32_RI: {
                  if (w < 0) break; // only flags, and they are dead
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const y = kind === K.TEST32_RR ? c.rl[(w >>> 13) & 31] : immA[k];
                  const r = x & y;
                  c.fop = LazyOp.LOGIC;
                  c.fsz = 4;
                  c.fres = r;
                  if ((w & Paired.BIT) !== 0) {
                    // The jcc of the next slot, by its truth table (fast-kinds.ts).
                    k++;
                    if (((w >>> Paired.TABLE_SHIFT) >>> (+(r === 0))) & 1) break taken;
                  }
                  break;
                }
                case K.TEST64_RR: // test
                case K.TEST64_RI: {
                  if (w < 0) break; // only flags, and they are dead
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let y: number;
                  let yh: number;
                  if (kind === K.TEST64_RR) {
                    const src = (w >>> 13) & 31;
                    y = c.rl[src];
                    yh = c.rh[src];
                  } else {
                    y = immA[k];
                    yh = immHiA[k];
                  }
                  const r = x & y;
                  const rh = xh & yh;
                  c.fop = LazyOp.LOGIC;
                  c.fsz = 8;
                  c.fres = r;
                  c.fresH = rh;
                  if ((w & Paired.BIT) !== 0) {
                    // The jcc of the next slot, by its truth table (fast-kinds.ts).
                    k++;
                    if (((w >>> Paired.TABLE_SHIFT) >>> (+((r | rh) === 0))) & 1) break taken;
                  }
                  break;
                }
                case K.AND32_RR: // and
                case K.AND32_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const y = kind === K.AND32_RR ? c.rl[(w >>> 13) & 31] : immA[k];
                  const r = x & y;
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  if (w >= 0) {
                    c.fop = LazyOp.LOGIC;
                    c.fsz = 4;
                    c.fres = r;
                  }
                  break;
                }
                case K.AND64_RR: // and
                case K.AND64_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let y: number;
                  let yh: number;
                  if (kind === K.AND64_RR) {
                    const src = (w >>> 13) & 31;
                    y = c.rl[src];
                    yh = c.rh[src];
                  } else {
                    y = immA[k];
                    yh = immHiA[k];
                  }
                  const r = x & y;
                  const rh = xh & yh;
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  if (w >= 0) {
                    c.fop = LazyOp.LOGIC;
                    c.fsz = 8;
                    c.fres = r;
                    c.fresH = rh;
                  }
                  break;
                }
                case K.SUB32_RR: // sub, cmp
                case K.SUB32_RI:
                case K.CMP32_RR:
                case K.CMP32_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const y = kind === K.SUB32_RR || kind === K.CMP32_RR ? c.rl[(w >>> 13) & 31] : immA[k];
                  const r = (x - y) | 0;
                  if (kind === K.SUB32_RR || kind === K.SUB32_RI) {
                    c.rl[dst] = r;
                    c.rh[dst] = 0;
                  }
                  if (w >= 0) {
                    c.fop = LazyOp.SUB;
                    c.fsz = 4;
                    c.fa = x;
                    c.fb = y;
                    c.fres = r;
                  }
                  if ((w & Paired.BIT) !== 0) {
                    // The jcc of the next slot, by its truth table (fast-kinds.ts).
                    k++;
                    if (((w >>> Paired.TABLE_SHIFT) >>> (+(x >>> 0 < y >>> 0) | (+(x === y) << 1) | (+(x < y) << 2))) & 1) break taken;
                  }
                  break;
                }
                case K.SUB64_RR: // sub, cmp
                case K.SUB64_RI:
                case K.CMP64_RR:
                case K.CMP64_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let y: number;
                  let yh: number;
                  if (kind === K.SUB64_RR || kind === K.CMP64_RR) {
                    const src = (w >>> 13) & 31;
                    y = c.rl[src];
                    yh = c.rh[src];
                  } else {
                    y = immA[k];
                    yh = immHiA[k];
                  }
                  const lo = (x >>> 0) - (y >>> 0);
                  const r = lo | 0;
                  const rh = (xh - yh - (lo < 0 ? 1 : 0)) | 0;
                  if (kind === K.SUB64_RR || kind === K.SUB64_RI) {
                    c.rl[dst] = r;
                    c.rh[dst] = rh;
                  }
                  if (w >= 0) {
                    c.fop = LazyOp.SUB;
                    c.fsz = 8;
                    c.fa = x;
                    c.faH = xh;
                    c.fb = y;
                    c.fbH = yh;
                    c.fres = r;
                    c.fresH = rh;
                  }
                  if ((w & Paired.BIT) !== 0) {
                    // The jcc of the next slot, by its truth table (fast-kinds.ts).
                    k++;
                    const borrow = +(x >>> 0 < y >>> 0);
                    if (((w >>> Paired.TABLE_SHIFT) >>> (+((xh >>> 0) - (yh >>> 0) - borrow < 0) | (+(((x ^ y) | (xh ^ yh)) === 0) << 1) | (+(xh - yh - borrow < 0) << 2))) & 1) break taken;
                  }
                  break;
                }
                case K.XOR32_RR: // xor
                case K.XOR32_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const y = kind === K.XOR32_RR ? c.rl[(w >>> 13) & 31] : immA[k];
                  const r = x ^ y;
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  if (w >= 0) {
                    c.fop = LazyOp.LOGIC;
                    c.fsz = 4;
                    c.fres = r;
                  }
                  break;
                }
                case K.XOR64_RR: // xor
                case K.XOR64_RI: {
                  const dst = (w >>> 8) & 31;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let y: number;
                  let yh: number;
                  if (kind === K.XOR64_RR) {
                    const src = (w >>> 13) & 31;
                    y = c.rl[src];
                    yh = c.rh[src];
                  } else {
                    y = immA[k];
                    yh = immHiA[k];
                  }
                  const r = x ^ y;
                  const rh = xh ^ yh;
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  if (w >= 0) {
                    c.fop = LazyOp.LOGIC;
                    c.fsz = 8;
                    c.fres = r;
                    c.fresH = rh;
                  }
                  break;
                }
                case K.CMP32_MR: // cmp
                case K.CMP32_MI: {
                  const x = ram >= 0 && (perm & rdMask) !== 0 && po <= 4092 ? dv.getInt32(ram + po, true) : (c.read32(a) | 0);
                  const y = kind === K.CMP32_MR ? c.rl[(w >>> 13) & 31] : immA[k];
                  const r = (x - y) | 0;
                  c.fop = LazyOp.SUB;
                  c.fsz = 4;
                  c.fa = x;
                  c.fb = y;
                  c.fres = r;
                  break;
                }
                case K.CMP64_MR: // cmp
                case K.CMP64_MI: {
                  let x: number;
                  let xh: number;
                  if (ram >= 0 && (perm & rdMask) !== 0 && po <= 4088) {
                    x = dv.getInt32(ram + po, true);
                    xh = dv.getInt32(ram + po + 4, true);
                  } else {
                    x = c.read64(a) | 0;
                    xh = c.hi;
                  }
                  let y: number;
                  let yh: number;
                  if (kind === K.CMP64_MR) {
                    const src = (w >>> 13) & 31;
                    y = c.rl[src];
                    yh = c.rh[src];
                  } else {
                    y = immA[k];
                    yh = immHiA[k];
                  }
                  const lo = (x >>> 0) - (y >>> 0);
                  const r = lo | 0;
                  const rh = (xh - yh - (lo < 0 ? 1 : 0)) | 0;
                  c.fop = LazyOp.SUB;
                  c.fsz = 8;
                  c.fa = x;
                  c.faH = xh;
                  c.fb = y;
                  c.fbH = yh;
                  c.fres = r;
                  c.fresH = rh;
                  break;
                }
                case K.CMP8_MR: // cmp
                case K.CMP8_MI: {
                  const x = ram >= 0 && (perm & rdMask) !== 0 ? u8[ram + po] : (c.read8(a) | 0);
                  let y: number;
                  if (kind === K.CMP8_MR) {
                    const src = (w >>> 13) & 31;
                    y = src < 16 ? c.rl[src] & 0xff : (c.rl[src - 16] >>> 8) & 0xff;
                  } else {
                    y = immA[k] & 0xff;
                  }
                  const r = (x - y) & 0xff;
                  c.fop = LazyOp.SUB;
                  c.fsz = 1;
                  c.fa = x;
                  c.fb = y;
                  c.fres = r;
                  break;
                }
                case K.INC32: // inc, dec
                case K.DEC32: {
                  const dst = (w >>> 8) & 31;
                  const cf = w >= 0 ? getCF(c) : 0;
                  const v = c.rl[dst];
                  let r: number;
                  switch (kind) {
                    case K.INC32: {
                      r = (v + 1) | 0;
                      if (w >= 0) {
                        c.fop = LazyOp.INC;
                      }
                      break;
                    }
                    default: {
                      r = (v - 1) | 0;
                      if (w >= 0) {
                        c.fop = LazyOp.DEC;
                      }
                      break;
                    }
                  }
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  if (w >= 0) {
                    c.fsz = 4;
                    c.fcin = cf;
                    c.fa = v;
                    c.fb = 1;
                    c.fres = r;
                  }
                  break;
                }
                case K.INC64: // inc, dec
                case K.DEC64: {
                  const dst = (w >>> 8) & 31;
                  const cf = w >= 0 ? getCF(c) : 0;
                  const v = c.rl[dst];
                  const vh = c.rh[dst];
                  let r: number;
                  let rh: number;
                  switch (kind) {
                    case K.INC64: {
                      const lo = (v >>> 0) + 1;
                      r = lo | 0;
                      rh = (vh + (lo > 0xffffffff ? 1 : 0)) | 0;
                      if (w >= 0) {
                        c.fop = LazyOp.INC;
                      }
                      break;
                    }
                    default: {
                      const lo = (v >>> 0) - 1;
                      r = lo | 0;
                      rh = (vh - (lo < 0 ? 1 : 0)) | 0;
                      if (w >= 0) {
                        c.fop = LazyOp.DEC;
                      }
                      break;
                    }
                  }
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  if (w >= 0) {
                    c.fsz = 8;
                    c.fcin = cf;
                    c.fa = v;
                    c.faH = vh;
                    c.fb = 1;
                    c.fbH = 0;
                    c.fres = r;
                    c.fresH = rh;
                  }
                  break;
                }
                case K.NEG32: { // neg
                  const dst = (w >>> 8) & 31;
                  const v = c.rl[dst];
                  const r = (0 - v) | 0;
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  if (w >= 0) {
                    c.fop = LazyOp.SUB;
                    c.fsz = 4;
                    c.fa = 0;
                    c.fb = v;
                    c.fres = r;
                  }
                  break;
                }
                case K.NEG64: { // neg
                  const dst = (w >>> 8) & 31;
                  const v = c.rl[dst];
                  const vh = c.rh[dst];
                  const lo = 0 - (v >>> 0);
                  const r = lo | 0;
                  const rh = (0 - vh - (lo < 0 ? 1 : 0)) | 0;
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  if (w >= 0) {
                    c.fop = LazyOp.SUB;
                    c.fsz = 8;
                    c.fa = 0;
                    c.faH = 0;
                    c.fb = v;
                    c.fbH = vh;
                    c.fres = r;
                    c.fresH = rh;
                  }
                  break;
                }
                case K.NOT32: { // not
                  const dst = (w >>> 8) & 31;
                  const v = c.rl[dst];
                  const r = ~v;
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  break;
                }
                case K.NOT64: { // not
                  const dst = (w >>> 8) & 31;
                  const v = c.rl[dst];
                  const vh = c.rh[dst];
                  const r = ~v;
                  const rh = ~vh;
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  break;
                }
                // ---- end of generated inline forms ----

                // ---- generated: shift forms (npm run gen:x86; do not edit) ----
                case K.SHL32_I: // shl, shr, sar
                case K.SHR32_I:
                case K.SAR32_I: {
                  const dst = (w >>> 8) & 31;
                  const n = immA[k] & 31;
                  const x = c.rl[dst];
                  c.rh[dst] = 0;
                  if (n === 0) break;
                  let r: number;
                  let rc: number;
                  let ro: number;
                  if (kind === K.SHL32_I) {
                    r = x << n;
                    rc = (x >>> (32 - n)) & 1;
                    ro = (r >>> 31) ^ rc;
                  } else if (kind === K.SHR32_I) {
                    r = (x >>> n) | 0;
                    rc = (x >>> (n - 1)) & 1;
                    ro = x >>> 31;
                  } else {
                    r = x >> n;
                    rc = (x >> (n - 1)) & 1;
                    ro = 0;
                  }
                  c.rl[dst] = r;
                  if (w >= 0) {
                    c.fop = LazyOp.EXPLICIT;
                    c.fsz = 4;
                    c.fres = r;
                    c.fresH = 0;
                    c.fcf = rc;
                    c.fof = ro;
                    c.faf = 0;
                  }
                  break;
                }
                case K.SHL64_I: // shl, shr, sar
                case K.SHR64_I:
                case K.SAR64_I: {
                  const dst = (w >>> 8) & 31;
                  const n = immA[k] & 63;
                  if (n === 0) break;
                  const x = c.rl[dst];
                  const xh = c.rh[dst];
                  let r: number;
                  let rh: number;
                  let rc: number;
                  let ro: number;
                  if (kind === K.SHL64_I) {
                    if (n >= 32) {
                      r = 0;
                      rh = n === 32 ? x : x << (n - 32);
                    } else {
                      r = x << n;
                      rh = (xh << n) | (x >>> (32 - n));
                    }
                    rc = ((64 - n) >= 32 ? xh >>> ((64 - n) - 32) : x >>> (64 - n)) & 1;
                    ro = (rh >>> 31) ^ rc;
                  } else if (kind === K.SHR64_I) {
                    if (n >= 32) {
                      r = n === 32 ? xh : xh >>> (n - 32);
                      rh = 0;
                    } else {
                      r = (x >>> n) | (xh << (32 - n));
                      rh = xh >>> n;
                    }
                    rc = ((n - 1) >= 32 ? xh >>> ((n - 1) - 32) : x >>> (n - 1)) & 1;
                    ro = xh >>> 31;
                  } else {
                    if (n >= 32) {
                      r = n === 32 ? xh : xh >> (n - 32);
                      rh = xh >> 31;
                    } else {
                      r = (x >>> n) | (xh << (32 - n));
                      rh = xh >> n;
                    }
                    rc = ((n - 1) >= 32 ? xh >>> ((n - 1) - 32) : x >>> (n - 1)) & 1;
                    ro = 0;
                  }
                  c.rl[dst] = r;
                  c.rh[dst] = rh;
                  if (w >= 0) {
                    c.fop = LazyOp.EXPLICIT;
                    c.fsz = 8;
                    c.fres = r;
                    c.fresH = rh;
                    c.fcf = rc;
                    c.fof = ro;
                    c.faf = 0;
                  }
                  break;
                }
                // ---- end of generated shift forms ----

                // ---- lea (base or base+index; no memory access) ----
                // ---- generated: lea forms (npm run gen:x86; do not edit) ----
                case K.LEA32: {
                  const dst = (w >>> 8) & 31;
                  let v = (dispA[k] + c.rl[(w >>> 18) & 15]) | 0;
                  if (w >>> 28 === 2) v = (v + (c.rl[(w >>> 22) & 15] << ((w >>> 26) & 3))) | 0;
                  c.rl[dst] = v;
                  c.rh[dst] = 0;
                  break;
                }
                case K.LEA64: {
                  const b = (w >>> 18) & 15;
                  const dst = (w >>> 8) & 31;
                  const lo = c.rl[b];
                  if (c.rh[b] === 0 && lo >= 0) {
                    let part = lo;
                    if (w >>> 28 === 2) {
                      const x = (w >>> 22) & 15;
                      const sc = (w >>> 26) & 3;
                      const xi = c.rl[x];
                      part = c.rh[x] === 0 && xi >= 0 && xi <= 0x7fffffff >> sc ? (lo + (xi << sc)) | 0 : -1;
                    }
                    if (part >= 0) {
                      const s = part + dispA[k];
                      c.rl[dst] = s | 0;
                      c.rh[dst] = s < 0 ? -1 : 0;
                      break;
                    }
                  }
                  let v = dispA[k] + c.rh[b] * N.TWO32 + (c.rl[b] >>> 0);
                  let xh = 0;
                  if (w >>> 28 === 2) {
                    const x = (w >>> 22) & 15;
                    xh = c.rh[x];
                    v += (xh * N.TWO32 + (c.rl[x] >>> 0)) * (1 << ((w >>> 26) & 3));
                  }
                  if (v >= 9007199254740992 || v <= -9007199254740992 || ((c.rh[b] + 0x100000) | (xh + 0x100000)) >>> 21 !== 0) {
                    // A term or the sum beyond 2^52: the handler wraps exactly.
                    c.nextRip = rip + endOffA[k];
                    handlers[opA[k]](c, k);
                    break;
                  }
                  c.rl[dst] = v | 0;
                  c.rh[dst] = Math.floor(v / N.TWO32) | 0;
                  break;
                }
                // ---- end of generated lea forms ----
                // ---- generated: accumulator forms (npm run gen:x86; do not edit) ----
                case K.CDQE: // cdqe
                  c.rh[0] = c.rl[0] >> 31;
                  break;
                case K.CDQ: // cdq
                  c.rl[2] = c.rl[0] >> 31;
                  c.rh[2] = 0;
                  break;
                case K.CQO: { // cqo
                  const s = c.rh[0] >> 31;
                  c.rl[2] = s;
                  c.rh[2] = s;
                  break;
                }
                // ---- end of generated accumulator forms ----

                // ---- control transfers (always the last slot of a block) ----
                case K.JMP_REL:
                  break taken;
                case K.JMP_R64: {
                  const r = (w >>> 8) & 31;
                  const t = c.rh[r] * N.TWO32 + (c.rl[r] >>> 0);
                  if (t >= N.CANON || t < -N.CANON) c.gp(0);
                  nx = t;
                  k++;
                  break slots;
                }
                case K.CALL_REL: {
                  // call rel32: push the return address, then jump.
                  const ret = rip + endOffA[k];
                  const t = ret + immA[k];
                  if (t >= N.CANON || t < -N.CANON) c.gp(0);
                  const s = c.rh[4] * N.TWO32 + (c.rl[4] >>> 0) - 8;
                  c.write64(s, ret | 0, Math.floor(ret / N.TWO32) | 0);
                  c.rl[4] = s | 0;
                  c.rh[4] = Math.floor(s / N.TWO32) | 0;
                  nx = t;
                  k++;
                  break slots;
                }
                case K.RET: {
                  const s = c.rh[4] * N.TWO32 + (c.rl[4] >>> 0);
                  const lo = c.read64(s) | 0;
                  const t = c.hi * N.TWO32 + (lo >>> 0);
                  if (t >= N.CANON || t < -N.CANON) c.gp(0);
                  const n = s + 8;
                  c.rl[4] = n | 0;
                  c.rh[4] = Math.floor(n / N.TWO32) | 0;
                  nx = t;
                  k++;
                  break slots;
                }
                case K.PUSH_R64: {
                  const r = (w >>> 8) & 31;
                  const s = c.rh[4] * N.TWO32 + (c.rl[4] >>> 0) - 8;
                  c.write64(s, c.rl[r], c.rh[r]);
                  c.rl[4] = s | 0;
                  c.rh[4] = Math.floor(s / N.TWO32) | 0;
                  if (c.brk) {
                    nx = rip + endOffA[k];
                    k++;
                    break slots;
                  }
                  break;
                }
                case K.POP_R64: {
                  const r = (w >>> 8) & 31;
                  const s = c.rh[4] * N.TWO32 + (c.rl[4] >>> 0);
                  const lo = c.read64(s) | 0;
                  const hi = c.hi;
                  const n = s + 8;
                  c.rl[4] = n | 0;
                  c.rh[4] = Math.floor(n / N.TWO32) | 0;
                  c.rl[r] = lo;
                  c.rh[r] = hi;
                  break;
                }

                // ---- jcc right after a 32/64-bit sub or cmp of the same block
                // (fused at decode, fast-kinds.ts): the recorded operands ----
                // ---- generated: fused branches (npm run gen:x86; do not edit) ----
                case K.JB_SUB32:
                  if (c.fa >>> 0 < c.fb >>> 0) break taken;
                  break;
                case K.JAE_SUB32:
                  if (c.fa >>> 0 >= c.fb >>> 0) break taken;
                  break;
                case K.JE_SUB32:
                  if (c.fa === c.fb) break taken;
                  break;
                case K.JNE_SUB32:
                  if (c.fa !== c.fb) break taken;
                  break;
                case K.JBE_SUB32:
                  if (c.fa >>> 0 <= c.fb >>> 0) break taken;
                  break;
                case K.JA_SUB32:
                  if (c.fa >>> 0 > c.fb >>> 0) break taken;
                  break;
                case K.JL_SUB32:
                  if (c.fa < c.fb) break taken;
                  break;
                case K.JGE_SUB32:
                  if (c.fa >= c.fb) break taken;
                  break;
                case K.JLE_SUB32:
                  if (c.fa <= c.fb) break taken;
                  break;
                case K.JG_SUB32:
                  if (c.fa > c.fb) break taken;
                  break;
                case K.JB_SUB64:
                  if (c.faH !== c.fbH ? c.faH >>> 0 < c.fbH >>> 0 : c.fa >>> 0 < c.fb >>> 0) break taken;
                  break;
                case K.JAE_SUB64:
                  if (!(c.faH !== c.fbH ? c.faH >>> 0 < c.fbH >>> 0 : c.fa >>> 0 < c.fb >>> 0)) break taken;
                  break;
                case K.JE_SUB64:
                  if (c.fa === c.fb && c.faH === c.fbH) break taken;
                  break;
                case K.JNE_SUB64:
                  if (!(c.fa === c.fb && c.faH === c.fbH)) break taken;
                  break;
                case K.JBE_SUB64:
                  if (c.faH !== c.fbH ? c.faH >>> 0 < c.fbH >>> 0 : c.fa >>> 0 <= c.fb >>> 0) break taken;
                  break;
                case K.JA_SUB64:
                  if (!(c.faH !== c.fbH ? c.faH >>> 0 < c.fbH >>> 0 : c.fa >>> 0 <= c.fb >>> 0)) break taken;
                  break;
                case K.JL_SUB64:
                  if (c.faH !== c.fbH ? c.faH < c.fbH : c.fa >>> 0 < c.fb >>> 0) break taken;
                  break;
                case K.JGE_SUB64:
                  if (!(c.faH !== c.fbH ? c.faH < c.fbH : c.fa >>> 0 < c.fb >>> 0)) break taken;
                  break;
                case K.JLE_SUB64:
                  if (c.faH !== c.fbH ? c.faH < c.fbH : c.fa >>> 0 <= c.fb >>> 0) break taken;
                  break;
                case K.JG_SUB64:
                  if (!(c.faH !== c.fbH ? c.faH < c.fbH : c.fa >>> 0 <= c.fb >>> 0)) break taken;
                  break;
                // ---- end of generated fused branches ----

                // ---- je / jne right after an operation that recorded its result ----
                case K.JZ_RES32:
                  if (c.fres === 0) break taken;
                  break;
                case K.JNZ_RES32:
                  if (c.fres !== 0) break taken;
                  break;
                case K.JZ_RES64:
                  if (c.fres === 0 && c.fresH === 0) break taken;
                  break;
                case K.JNZ_RES64:
                  if (c.fres !== 0 || c.fresH !== 0) break taken;
                  break;

                // ---- other jcc: the cmp/sub and zero tests from the lazy flags ----
                case K.JB:
                case K.JAE:
                case K.JBE:
                case K.JA:
                case K.JL:
                case K.JGE:
                case K.JLE:
                case K.JG: {
                  const cc = kind - K.JO;
                  let taken: boolean;
                  const fsz = c.fsz;
                  if (c.fop === LazyOp.SUB && (fsz === 4 || fsz === 8)) {
                    let lt: boolean;
                    let eq: boolean;
                    if (fsz === 4) {
                      eq = c.fa === c.fb;
                      lt = cc < 12 ? c.fa >>> 0 < c.fb >>> 0 : c.fa < c.fb;
                    } else {
                      eq = c.fa === c.fb && c.faH === c.fbH;
                      lt = cc < 12 ? (c.faH !== c.fbH ? c.faH >>> 0 < c.fbH >>> 0 : c.fa >>> 0 < c.fb >>> 0) : (c.faH !== c.fbH ? c.faH < c.fbH : c.fa >>> 0 < c.fb >>> 0);
                    }
                    // Bit 0 of cc negates; be/a (6, 7) and le/g (14, 15) include equality.
                    taken = ((cc & 6) === 6 ? lt || eq : lt) !== ((cc & 1) !== 0);
                  } else taken = testCC(c, cc);
                  if (taken) break taken;
                  break;
                }
                case K.JE:
                case K.JNE: {
                  const op = c.fop;
                  let zero: boolean;
                  if (op === LazyOp.SUB || op === LazyOp.LOGIC || op === LazyOp.INC || op === LazyOp.DEC || op === LazyOp.ADD) {
                    zero = c.fres === 0 && (c.fsz !== 8 || c.fresH === 0);
                  } else zero = testCC(c, 4);
                  if (zero === (kind === K.JE)) break taken;
                  break;
                }
                case K.JO:
                case K.JNO:
                case K.JS:
                case K.JNS:
                case K.JP:
                case K.JNP:
                  if (testCC(c, kind - K.JO)) break taken;
                  break;

                // ---- 32-bit multiply and divide ----
                // ---- generated: multiply and divide forms (npm run gen:x86; do not edit) ----
                case K.IMUL32_RR:
                case K.IMUL32_RRI:
                case K.IMUL32_RM: {
                  // imul r32, r32 / imul r32, r32, imm / imul r32, m32 (gen/muldiv.ts).
                  const dst = (w >>> 8) & 31;
                  const x = kind === K.IMUL32_RRI ? c.rl[(w >>> 13) & 31] : c.rl[dst];
                  const y =
                    kind === K.IMUL32_RR
                      ? c.rl[(w >>> 13) & 31]
                      : kind === K.IMUL32_RRI
                        ? immA[k]
                        : ram >= 0 && (perm & rdMask) !== 0 && po <= 4092
                          ? dv.getInt32(ram + po, true)
                          : c.read32(a) | 0;
                  const r = Math.imul(x, y);
                  const of = x * y !== r ? 1 : 0;
                  c.rl[dst] = r;
                  c.rh[dst] = 0;
                  if (w >= 0) {
                    c.fop = LazyOp.EXPLICIT;
                    c.fsz = 4;
                    c.fres = r;
                    c.fresH = 0;
                    c.fcf = of;
                    c.fof = of;
                    c.faf = 0;
                  }
                  break;
                }
                case K.IDIV32_R:
                case K.DIV32_R: {
                  // idiv / div r32 with a dividend that fits 32 bits (after cdq or
                  // xor edx, edx); anything else, #DE included, in the handler.
                  const y = c.rl[(w >>> 13) & 31];
                  const n = c.rl[0];
                  if (kind === K.IDIV32_R ? y !== 0 && c.rl[2] === n >> 31 && !(n === -2147483648 && y === -1) : y !== 0 && c.rl[2] === 0) {
                    let q: number;
                    let m: number;
                    if (kind === K.IDIV32_R) {
                      q = (n / y) | 0;
                      m = n - q * y;
                    } else {
                      q = Math.floor((n >>> 0) / (y >>> 0));
                      m = (n >>> 0) - q * (y >>> 0);
                    }
                    c.rl[0] = q | 0;
                    c.rh[0] = 0;
                    c.rl[2] = m | 0;
                    c.rh[2] = 0;
                  } else {
                    c.nextRip = rip + endOffA[k];
                    handlers[opA[k]](c, k);
                  }
                  break;
                }
                // ---- end of generated multiply and divide forms ----

                // ---- memory forms: a, and its TLB entry (ram, perm, po), are ready ----
                case K.JMP_M64: {
                  // jmp m64
                  let lo: number;
                  let hi: number;
                  if (ram >= 0 && (perm & rdMask) !== 0 && po <= 4088) {
                    lo = dv.getInt32(ram + po, true);
                    hi = dv.getInt32(ram + po + 4, true);
                  } else {
                    lo = c.read64(a) | 0;
                    hi = c.hi;
                  }
                  const t = hi * N.TWO32 + (lo >>> 0);
                  if (t >= N.CANON || t < -N.CANON) c.gp(0);
                  nx = t;
                  k++;
                  break slots;
                }
                default:
                  throw new Error(`x86_64 interpreter: no inline form ${kind} (slot ${k})`);
              }
              k++;
              continue slots;
            }
            const t = rip + endOffA[k] + immA[k];
            if (t >= N.CANON || t < -N.CANON) c.gp(0);
            nx = t;
            k++;
            break slots;
          }
        } catch (e) {
          // The faulting instruction's RIP, and the count retired before it.
          c.rip = rip + endOffA[k] - lenA[k];
          c.retired += retiredAtA[k] - 1;
          throw e;
        }
        c.rip = nx;
        c.retired += retiredAtA[k - 1];
        if (nx !== rip || c.brk || jit !== null || --blocks <= 0 || c.interruptShadowPending || needsAttention(c, target)) break;
      }
    }
    if (needsAttention(c, target)) return;
    prev = c.brk ? -1 : id;
  }
}

/** What X86Core.run must see to between blocks: the budget spent, a stop,
 * a halt, an interrupt window or shadow, a host entry point. */
function needsAttention(c: X86Core, target: number): boolean {
  return (
    c.retired >= target ||
    c.stopRequested ||
    c.halted ||
    c.interruptShadow ||
    (c.intrLine && (c.flags & N.L_IF) !== 0) ||
    (c.cpl === 0 && c.hostEntryCount !== 0)
  );
}
