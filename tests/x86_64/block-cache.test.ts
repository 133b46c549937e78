/**
 * The x86 block cache's lookup (arch/x86_64/block-cache.ts): blocks are
 * found by physical address through a direct-mapped hash backed by each
 * page's list of blocks, so a block whose hash entry another block took
 * is still found, not decoded again (Doom's code, spread over pages
 * 64 KiB apart, made 27 K of its first 32 K builds such duplicates: the
 * cache filled and flushed every compiled region mid-run).
 */
import { assemble } from './harness/assemble';
import { bareCore, runToEnd } from './harness/bare-core';

const RAM = 1 << 20;
// Two block addresses with the same hash entry ((p ^ (p >>> 12)) & 0xffff
// is 0x720 for both), on pages whose numbers differ only in bits the
// offsets cancel.
const A = 0x10730;
const B = 0x20700;

function core(jit: boolean) {
  const b = bareCore(assemble('hlt'), 0x1000, RAM, jit ? { jitThreshold: 1_000_000 } : { jit: false });
  return b;
}

describe('x86_64 block cache lookup', () => {
  it('finds both blocks of a hash collision, each built once', () => {
    const b = core(false);
    const code = assemble('nop\nhlt');
    b.bus.u8.set(code, A);
    b.bus.u8.set(code, B);
    const cache = b.core.cache;
    const a = cache.build(A, A);
    const bb = cache.build(B, B);
    expect(a).not.toBe(bb);
    // B took the hash entry; A is found through its page's list.
    expect(cache.lookup(A)).toBe(a);
    expect(cache.lookup(B)).toBe(bb);
    expect(cache.lookup(A)).toBe(a);
    expect(cache.lookup(A + 1)).toBe(-1);
    expect(cache.lookup(B + 0x1000)).toBe(-1);
    // A code write to A's page drops A only.
    b.core.write8(A + 0x100, 0x90);
    expect(cache.lookup(A)).toBe(-1);
    expect(cache.lookup(B)).toBe(bb);
    expect(cache.builds).toBe(2);
  });

  it('a loop that alternates between colliding blocks builds each once', () => {
    // A: dec ecx, jump to B; B: jump back to A while ecx is not zero.
    // Each block's successor is remembered, so to make the run look the
    // blocks up, both jumps are indirect through registers, and the jump
    // cache shares the hash's collision (same index function).
    for (const jit of [false, true]) {
      const b = core(jit);
      b.bus.u8.set(assemble('dec ecx\njmp rbx'), A);
      b.bus.u8.set(assemble('jz done\njmp rax\ndone:\nhlt'), B);
      const c = b.core;
      c.setGpr(0, BigInt(A));
      c.setGpr(3, BigInt(B));
      c.setGpr(1, 500n);
      c.rip = A;
      runToEnd(b, 1_000_000);
      expect(c.halted).toBe(true);
      expect(c.getGpr(1)).toBe(0n);
      // A, B and its hlt; with the JIT, blocks end at every branch, so
      // B's jmp rax is a block of its own (the warm-up core has its own
      // cache).
      expect({ jit, builds: c.cache.builds }).toEqual({ jit, builds: jit ? 4 : 3 });
    }
  });
});
