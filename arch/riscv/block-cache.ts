/**
 * The block cache: basic blocks decoded once into typed arrays and found by
 * the RAM-buffer offset of their first instruction (a physical key, so the
 * ESP32-C3's IRAM/DRAM alias shares blocks and a remap never invalidates
 * them). A block ends at a control transfer, a CSR or privileged
 * instruction, the end of its 4 KiB page or RAM window, a host entry point,
 * or MAX_BLOCK_INSNS.
 *
 * Per instruction: a packed word, imm, and the page offset (pc = page base
 * + offset). The word is op (bits 6:0) | rd (12:7) | rs1 (17:13) | a
 * payload in 31:18 that saves the executor the imm load on most
 * instructions: rs2 (22:18) for R/AMO forms; imm (31:20) for I, load and
 * shift forms, with JALR's length / 2 in 19:18; stores and branches keep
 * rs2 in the rd slot, stores their imm in 31:20 and branches their target
 * as a page-relative offset in 31:18. JAL keeps length / 2 in 19:18 and its
 * page-relative target in imm; AUIPC's imm includes the page offset too.
 * Per block: key, first/end instruction index, fall-through page offset,
 * hash chain, same-page chain (for invalidation), a run count and the JIT
 * tier's compiled function. Writes to a page with blocks (bus.codePages) drop
 * them; a full cache is flushed wholesale.
 */
import type { Bus } from '../../platform/bus';
import { Decoded, DecodeFeatures, decode } from './decoder';
import type { CompiledBlock } from './jit';
import { Format, OPCODE_BY_OP, Op } from './opcodes';

export const MAX_BLOCK_INSNS = 128;

/** A packed word's slots as the compilers read them (the header above says
 * what each slot holds for each form): op, the rd slot (12:7), rs1 (17:13),
 * the rs2 slot (22:18) and the signed imm slot (31:20). */
export interface WordSlots {
  op: number;
  rd: number;
  rs1: number;
  rs2: number;
  immI: number;
}

export function wordSlots(w: number): WordSlots {
  return { op: w & 0x7f, rd: (w >> 7) & 63, rs1: (w >> 13) & 31, rs2: (w >> 18) & 31, immI: w >> 20 };
}
const INSN_CAPACITY = 1 << 18;
const BLOCK_CAPACITY = 1 << 15;
const HASH_BITS = 16;
const HASH_MASK = (1 << HASH_BITS) - 1;
/** A block slot outside the hash: for a page-straddling instruction, run once. */
export const SCRATCH_BLOCK = BLOCK_CAPACITY;

/** Ops whose stored imm includes the instruction's page offset. */
function pcRelative(op: Op): boolean {
  return op === Op.AUIPC || op === Op.JAL || (op >= Op.BEQ && op <= Op.BGEU);
}

export function hashKey(key: number): number {
  return ((key >>> 1) ^ (key >>> 15)) & HASH_MASK;
}

/** What the builder asks of the core while decoding. */
export interface BlockSource {
  readonly features: DecodeFeatures;
  /** Block size cap (1 while tracing). */
  readonly maxBlockInsns: number;
  /** True when a host entry point is registered at virtual `pc`. */
  isHostEntry(pc: number): boolean;
  /** The upper halfword of an instruction that straddles a page: fetched
   * through translation; -1 when that fetch trapped. */
  fetchHalfSlow(va: number, epc: number): number;
  /** A page now holds code: the MMU must stop fast-path writes to it. */
  codePageAdded(ramPage: number): void;
}

/** Told when blocks go: the wasm backend's links between regions
 * (wasm/links.ts) index blocks by key and must forget them. */
export interface BlockDropListener {
  /** Block `b`, decoded at RAM offset `key`, was dropped. */
  dropped(b: number, key: number): void;
  /** Every block was dropped. */
  flushed(): void;
}

export class BlockCache {
  readonly word = new Int32Array(INSN_CAPACITY + 1);
  readonly imm = new Int32Array(INSN_CAPACITY + 1);
  readonly pageOff = new Uint16Array(INSN_CAPACITY + 1);

  readonly key = new Int32Array(BLOCK_CAPACITY + 1).fill(-1);
  readonly first = new Int32Array(BLOCK_CAPACITY + 1);
  readonly end = new Int32Array(BLOCK_CAPACITY + 1);
  /** Page offset after the last instruction (up to 4096). */
  readonly endOff = new Uint16Array(BLOCK_CAPACITY + 1);
  readonly hashNext = new Int32Array(BLOCK_CAPACITY + 1);
  readonly hashHead = new Int32Array(HASH_MASK + 1).fill(-1);
  private readonly pageNext = new Int32Array(BLOCK_CAPACITY + 1);
  private readonly pageHead: Int32Array;
  /** The JIT tier's compiled function per block (jit.ts), or null. */
  readonly compiled: (CompiledBlock | null)[] = new Array(BLOCK_CAPACITY + 1).fill(null);
  /** Runs of each block so far, counted until it is compiled. */
  readonly runs = new Int32Array(BLOCK_CAPACITY + 1);
  /** Times the region headed by each block was compiled again (jit.ts). */
  readonly rebuilds = new Uint8Array(BLOCK_CAPACITY + 1);

  /** See BlockDropListener (null: nobody indexes blocks). */
  dropListener: BlockDropListener | null = null;

  private nextInsn = 0;
  private nextBlock = 0;
  private readonly scratch = new Decoded();
  /** Blocks decoded since reset (for stats). */
  decodedBlocks = 0;

  constructor(private readonly bus: Bus) {
    this.pageHead = new Int32Array(bus.codePages.length).fill(-1);
  }

  lookup(key: number): number {
    let b = this.hashHead[hashKey(key)];
    while (b >= 0 && this.key[b] !== key) b = this.hashNext[b];
    return b;
  }

  /** Drops every block. */
  flush(): void {
    this.hashHead.fill(-1);
    this.key.fill(-1);
    this.pageHead.fill(-1);
    this.bus.codePages.fill(0);
    this.compiled.fill(null);
    this.nextInsn = 0;
    this.nextBlock = 0;
    if (this.dropListener !== null) this.dropListener.flushed();
  }

  /** Drops every compiled function (the blocks stay decoded; they count
   * their runs from zero again, so hot code is compiled again). */
  dropCompiled(): void {
    this.compiled.fill(null);
    this.runs.fill(0);
    this.rebuilds.fill(0);
    if (this.dropListener !== null) this.dropListener.flushed();
  }

  /** Drops the blocks decoded from RAM page `ramPage` (it was written). */
  invalidatePage(ramPage: number): void {
    let b = this.pageHead[ramPage];
    while (b >= 0) {
      this.unlink(b);
      if (this.dropListener !== null) this.dropListener.dropped(b, this.key[b]);
      this.key[b] = -1;
      this.compiled[b] = null;
      b = this.pageNext[b];
    }
    this.pageHead[ramPage] = -1;
    this.bus.codePages[ramPage] = 0;
  }

  private unlink(b: number): void {
    const h = hashKey(this.key[b]);
    let p = this.hashHead[h];
    if (p === b) {
      this.hashHead[h] = this.hashNext[b];
      return;
    }
    while (p >= 0) {
      const n = this.hashNext[p];
      if (n === b) {
        this.hashNext[p] = this.hashNext[b];
        return;
      }
      p = n;
    }
  }

  /** Decodes the block at virtual `pc` = RAM offset `key`; returns its id, or
   * -1 when fetching a page-straddling instruction's upper half trapped. */
  build(src: BlockSource, pc: number, key: number): number {
    if (this.nextBlock >= BLOCK_CAPACITY || this.nextInsn + MAX_BLOCK_INSNS > INSN_CAPACITY) this.flush();
    const u8 = this.bus.u8;
    const pageOffset = pc & 0xfff;
    // Stop at the page end or the RAM window end, whichever is first.
    const pa0 = key; // RAM-buffer offset of pc
    const span = Math.min(4096 - pageOffset, this.ramLeft(pc, key));
    const b = this.nextBlock;
    const first = this.nextInsn;
    let n = first;
    let off = 0;
    const d = this.scratch;
    const cap = src.maxBlockInsns;
    while (n - first < cap) {
      if (off + 2 > span) break;
      if (off > 0 && src.isHostEntry((pc + off) | 0)) break;
      const lo = u8[pa0 + off] | (u8[pa0 + off + 1] << 8);
      let raw = lo;
      if ((lo & 3) === 3) {
        if (off + 4 > span) {
          // A 32-bit instruction crossing the page (or window): alone, uncached.
          if (n === first) return this.buildStraddling(src, pc, lo);
          break;
        }
        raw = lo | ((u8[pa0 + off + 2] | (u8[pa0 + off + 3] << 8)) << 16);
      }
      decode(raw, src.features, d);
      this.store(n, d, pageOffset + off);
      n++;
      off += d.length;
      if (OPCODE_BY_OP[d.op].endsBlock) break;
    }
    this.key[b] = key;
    this.first[b] = first;
    this.end[b] = n;
    this.runs[b] = 0;
    this.rebuilds[b] = 0;
    this.compiled[b] = null;
    this.endOff[b] = pageOffset + off;
    const h = hashKey(key);
    this.hashNext[b] = this.hashHead[h];
    this.hashHead[h] = b;
    const ramPage = key >>> 12;
    this.pageNext[b] = this.pageHead[ramPage];
    this.pageHead[ramPage] = b;
    // The block may run past the page of its key only within one RAM page.
    if (this.bus.codePages[ramPage] === 0) {
      this.bus.codePages[ramPage] = 1;
      src.codePageAdded(ramPage);
    }
    this.nextBlock = b + 1;
    this.nextInsn = n;
    this.decodedBlocks++;
    return b;
  }

  private store(n: number, d: Decoded, pageOffset: number): void {
    const imm = pcRelative(d.op) ? (d.imm + pageOffset) | 0 : d.imm;
    let w = d.op | (d.rd << 7) | (d.rs1 << 13);
    switch (OPCODE_BY_OP[d.op].format) {
      case Format.R:
      case Format.AMO:
      case Format.LR:
      case Format.SFENCE:
        w |= d.rs2 << 18;
        break;
      case Format.I:
      case Format.LOAD:
      case Format.SHIFT:
      case Format.CSR:
      case Format.CSRI:
        w |= d.imm << 20;
        if (d.op === Op.JALR) w |= (d.length >> 1) << 18;
        break;
      case Format.S:
        w = d.op | (d.rs2 << 7) | (d.rs1 << 13) | (d.imm << 20);
        break;
      case Format.B:
        w = d.op | (d.rs2 << 7) | (d.rs1 << 13) | (imm << 18);
        break;
      case Format.J:
        w |= (d.length >> 1) << 18;
        break;
    }
    this.word[n] = w;
    this.imm[n] = imm;
    this.pageOff[n] = pageOffset;
  }

  /** The decoded fields of instruction slot `n` as the decoder gave them
   * (for the tracer). */
  fields(n: number): { op: Op; rd: number; rs1: number; rs2: number; imm: number } {
    const w = this.word[n];
    const op = (w & 0x7f) as Op;
    const format = OPCODE_BY_OP[op].format;
    const imm = pcRelative(op) ? (this.imm[n] - this.pageOff[n]) | 0 : this.imm[n];
    const slot7 = (w >> 7) & 63;
    const split = format === Format.S || format === Format.B;
    const hasRs2 = format === Format.R || format === Format.AMO || format === Format.LR || format === Format.SFENCE;
    return { op, rd: split ? 0 : slot7, rs1: (w >> 13) & 31, rs2: split ? slot7 : hasRs2 ? (w >> 18) & 31 : 0, imm };
  }

  /** Bytes of RAM from `pc`'s RAM offset to the end of its window. */
  private ramLeft(pc: number, key: number): number {
    // RAM offsets are contiguous within a window; the window end bounds it.
    for (const w of this.bus.ramWindows) {
      if (key >= w.offset && key < w.offset + w.size) {
        const left = w.offset + w.size - key;
        if (left >= 4096) return 4096;
        return left;
      }
    }
    return 4096;
  }

  private buildStraddling(src: BlockSource, pc: number, lo: number): number {
    const hi = src.fetchHalfSlow((pc + 2) | 0, pc);
    if (hi < 0) return -1;
    const d = this.scratch;
    decode(lo | (hi << 16), src.features, d);
    const b = SCRATCH_BLOCK;
    this.store(INSN_CAPACITY, d, pc & 0xfff);
    this.key[b] = -1;
    this.first[b] = INSN_CAPACITY;
    this.end[b] = INSN_CAPACITY + 1;
    this.endOff[b] = (pc & 0xfff) + 4;
    return b;
  }
}
