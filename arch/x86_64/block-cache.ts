/**
 * The block cache: basic blocks decoded once, keyed by the physical address
 * of their first byte (docs/design.md, "The machine loop").
 *
 * A block ends at a control transfer or system instruction, before a page
 * boundary, before a host entry point, or at MAX_BLOCK instructions;
 * without the JIT it runs on at the target of a jmp into its own page.
 * Its instructions live in consecutive slots of one Decoded store. Every
 * block is linked into the list of the RAM page(s) it came from; a write
 * to such a page (the bus's codePages/onCodeWrite) drops that page's
 * blocks. Lookup is a direct-mapped hash of the physical address, backed
 * by the page's list: a block whose hash entry another block took is
 * found there, not decoded again. When the slot or
 * block pools run out the whole cache is flushed (cheap, and rare).
 *
 * The JIT tier (jit/jit-tier.ts) hangs compiled functions off the same
 * block ids; dropping a block or flushing drops them too.
 */
import type { X86Core } from './core';
import { Decoded } from './decoded';
import { ByteSource, decodeInstruction } from './decoder';
import { ENDS_BLOCK } from './opcode-table';
import { K, fastWord, fuseBranch, isInlineJcc, markDeadFlags, pairWithBranch } from './fast-kinds';
import { ACCESS_EXEC } from './mmu';
import type { JitTier } from './jit/jit-tier';

/** Default capacities: decoded instructions (slots) and blocks. */
export const MAX_SLOTS = 1 << 18;
const BLOCKS_PER_SLOT = 8;
const HASH_BITS = 16;
const HASH_MASK = (1 << HASH_BITS) - 1;
export const MAX_BLOCK = 96;
/** A block stops running on through jmps (which have no slot) after this
 * many instructions: it bounds `jmp .` and chains of jmps. */
const MAX_RUN_ON = 200;
export const JUMP_CACHE_SIZE = 4096;

class BlockBytes implements ByteSource {
  /** RAM offset of the first page, and how many bytes it has left. */
  ram = 0;
  avail = 0;
  start = 0;
  /** Extra bytes fetched from the next page for a crossing instruction. */
  nextRam = -1;
  constructor(private readonly core: X86Core) {}

  byte(at: number): number {
    if (at < this.avail) return this.core.u8[this.ram + at];
    if (this.nextRam < 0) {
      const va = this.start + this.avail;
      const phys = this.core.mmu.translate(va, ACCESS_EXEC);
      const off = this.core.bus.ramOffset(phys);
      if (off < 0) throw new Error(`instruction fetch from non-RAM physical address 0x${phys.toString(16)}`);
      this.nextRam = off;
    }
    return this.core.u8[this.nextRam + (at - this.avail)];
  }
}

export class BlockCache {
  readonly d: Decoded;
  readonly blkPhys: Float64Array;
  readonly blkFirst: Int32Array;
  readonly blkCount: Int32Array;
  /** The last two successors of each block (a conditional branch has
   * two): their RIPs and ids, valid in chain generation succGen. */
  readonly succRip0: Float64Array;
  readonly succId0: Int32Array;
  readonly succRip1: Float64Array;
  readonly succId1: Int32Array;
  readonly succGen: Int32Array;
  /** Blocks by virtual RIP (direct-mapped, JUMP_CACHE_SIZE entries), valid
   * in chain generation jumpGen: indirect jumps and returns find their
   * target without a page walk or a physical lookup. */
  readonly jumpRip = new Float64Array(JUMP_CACHE_SIZE).fill(NaN);
  readonly jumpId = new Int32Array(JUMP_CACHE_SIZE);
  readonly jumpGen = new Int32Array(JUMP_CACHE_SIZE).fill(-1);
  private readonly blkNext: Int32Array;
  private readonly blkNext2: Int32Array;
  private readonly maxBlocks: number;
  private readonly maxSlots: number;
  private readonly hash = new Int32Array(1 << HASH_BITS).fill(-1);
  private readonly pageHead: Int32Array;
  private nBlocks = 0;
  private nSlots = 0;
  private readonly bytes: BlockBytes;
  /** Block being decoded or run (for self-modifying code inside it). */
  current = -1;
  /** Statistics for the benchmark and tests. */
  builds = 0;
  flushes = 0;
  /** The JIT tier, if enabled (core options). */
  jit: JitTier | null = null;

  /** `slots`: how many decoded instructions it holds before a flush
   * (and an eighth as many blocks). */
  constructor(private readonly core: X86Core, slots = MAX_SLOTS) {
    const blocks = slots / BLOCKS_PER_SLOT;
    this.maxSlots = slots;
    this.maxBlocks = blocks;
    this.d = new Decoded(slots);
    this.blkPhys = new Float64Array(blocks).fill(-1);
    this.blkFirst = new Int32Array(blocks);
    this.blkCount = new Int32Array(blocks);
    this.succRip0 = new Float64Array(blocks).fill(NaN);
    this.succId0 = new Int32Array(blocks);
    this.succRip1 = new Float64Array(blocks).fill(NaN);
    this.succId1 = new Int32Array(blocks);
    this.succGen = new Int32Array(blocks).fill(-1);
    this.blkNext = new Int32Array(blocks);
    this.blkNext2 = new Int32Array(blocks);
    this.pageHead = new Int32Array(core.codePages.length).fill(-1);
    this.bytes = new BlockBytes(core);
  }

  lookup(phys: number): number {
    const h = (phys ^ (phys >>> 12)) & HASH_MASK;
    const id = this.hash[h];
    if (id >= 0 && this.blkPhys[id] === phys) return id;
    return this.lookupPage(phys, h);
  }

  /** A hash miss: the block may still be cached, its hash entry taken by
   * another block's. The blocks of its page are listed (pageHead), so
   * look there, and put the one found back in the hash. */
  private lookupPage(phys: number, h: number): number {
    const ram = this.core.bus.ramOffset(phys);
    if (ram < 0) return -1;
    let link = this.pageHead[ram >>> 12];
    while (link >= 0) {
      const id = link & 0x3fffffff;
      if ((link & 0x40000000) !== 0) link = this.blkNext2[id];
      else {
        if (this.blkPhys[id] === phys) {
          this.hash[h] = id;
          return id;
        }
        link = this.blkNext[id];
      }
    }
    return -1;
  }

  /** Decodes the block at `va` (physical `phys`) and returns its id. */
  build(va: number, phys: number): number {
    const core = this.core;
    if (this.nBlocks >= this.maxBlocks || this.nSlots + MAX_BLOCK > this.maxSlots) this.flush();
    const ram = core.bus.ramOffset(phys);
    if (ram < 0) throw new Error(`instruction fetch from non-RAM physical address 0x${phys.toString(16)}`);
    const id = this.nBlocks++;
    const first = this.nSlots;
    const d = this.d;
    const src = this.bytes;
    let pos = va;
    let ramPos = ram;
    let count = 0;
    /** Instructions so far, counting the jmps run on through. */
    let instructions = 0;
    let crossed = -1;
    // Without the JIT (whose regions assume blocks that end at every
    // branch) and without a trace (which lists every instruction), a block
    // runs on past a jcc and through a jmp into its own page.
    const runOn = this.jit === null && core.trace === null;
    for (;;) {
      const pageLeft = 4096 - (ramPos & 0xfff);
      src.ram = ramPos;
      src.avail = pageLeft;
      src.start = pos;
      src.nextRam = -1;
      const slot = first + count;
      decodeInstruction(d, slot, src);
      if (count === 0) d.word[slot] = fastWord(d, slot);
      else {
        d.word[slot] = fuseBranch(d.word[slot - 1], fastWord(d, slot));
        d.word[slot - 1] = pairWithBranch(d.word[slot - 1], d.word[slot]);
      }
      count++;
      instructions++;
      const len = d.len[slot];
      d.endOff[slot] = pos + len - va;
      d.retiredAt[slot] = instructions;
      if (len >= pageLeft) {
        if (len > pageLeft) crossed = src.nextRam;
        break;
      }
      if (runOn && (d.word[slot] & 0xff) === K.JMP_REL && count > 1 && count < MAX_BLOCK && instructions < MAX_RUN_ON) {
        // A jmp into the block's own page: the block runs on at its
        // target. The jmp retires (retiredAt counts it) but gets no slot:
        // the next instruction decodes over it, and one block lookup per
        // taken jump is saved. It cannot fault (its target is canonical)
        // nor touch the flags, so fusing a jcc with the instruction before
        // it stays valid. A block's first slot is always its first
        // instruction (an instruction run alone in an interrupt shadow is
        // exactly one).
        const toPage = (ramPos & 0xfff) + len + d.imm[slot];
        const target = pos + len + d.imm[slot];
        if (toPage >= 0 && toPage < 4096 && !core.isHostEntry(target)) {
          count--;
          ramPos += toPage - (ramPos & 0xfff);
          pos = target;
          continue;
        }
      }
      // Past a jcc too: the interpreter leaves the block where it is taken.
      const pastJcc = runOn && isInlineJcc(d.word[slot] & 0xff);
      if ((ENDS_BLOCK[d.entry[slot]] !== 0 && !pastJcc) || count >= MAX_BLOCK) break;
      pos += len;
      ramPos += len;
      if (core.isHostEntry(pos)) break;
    }
    markDeadFlags(d, first, count);
    this.nSlots += count;
    this.blkPhys[id] = phys;
    this.succGen[id] = -1;
    this.blkFirst[id] = first;
    this.blkCount[id] = count;
    if (this.jit !== null) this.jit.drop(id);
    this.hash[(phys ^ (phys >>> 12)) & HASH_MASK] = id;
    const page = ram >>> 12;
    this.blkNext[id] = this.pageHead[page];
    this.pageHead[page] = id;
    core.codePages[page] = 1;
    this.blkNext2[id] = -1;
    if (crossed >= 0) {
      // The last instruction continues on the next page: watch it too.
      const page2 = crossed >>> 12;
      this.blkNext2[id] = this.pageHead[page2];
      this.pageHead[page2] = id | 0x40000000;
      core.codePages[page2] = 1;
    }
    this.builds++;
    return id;
  }

  /** A RAM page holding decoded code was written: drop its blocks. */
  invalidatePage(page: number): void {
    let link = this.pageHead[page];
    while (link >= 0) {
      const second = (link & 0x40000000) !== 0;
      const id = link & 0x3fffffff;
      this.blkPhys[id] = -1;
      if (this.jit !== null) this.jit.drop(id);
      link = second ? this.blkNext2[id] : this.blkNext[id];
    }
    this.pageHead[page] = -1;
    this.core.codePages[page] = 0;
    // The running block may have been rewritten under us: end it.
    this.core.brk = true;
  }

  /** No block was built since the last flush: a flush would change nothing. */
  get empty(): boolean {
    return this.nBlocks === 0;
  }

  flush(): void {
    this.blkPhys.fill(-1);
    this.hash.fill(-1);
    this.pageHead.fill(-1);
    this.core.codePages.fill(0);
    this.nBlocks = 0;
    this.nSlots = 0;
    if (this.jit !== null) this.jit.clear();
    this.flushes++;
    this.core.chainGen++;
    this.core.brk = true;
  }
}
