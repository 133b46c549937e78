/**
 * The order a wasm region's function holds its blocks in (wasm/region.ts
 * fallThroughOrder): the head first, then after each block a successor
 * not placed yet (its fall-through preferred), so that the block runs on
 * into it; every block exactly once.
 */
import type { RegionBlock } from '../../arch/x86_64/jit/region';
import { fallThroughOrder } from '../../arch/x86_64/wasm/region';

function block(id: number, off: number, next: number[]): RegionBlock {
  return { id, first: id * 8, count: 2, off, next };
}

describe('wasm region block order', () => {
  it('places each block after its predecessor, the fall-through before the taken target', () => {
    // 0: jcc 30 / fall 10; 10: jcc 0 (loop back) / fall 20; 20: jmp 40;
    // 30: fall 40; 40: ret (no static successor).
    const blocks = [block(0, 0, [30, 10]), block(1, 30, [40]), block(2, 10, [0, 20]), block(3, 40, []), block(4, 20, [40])];
    const order = fallThroughOrder(blocks).map((b) => b.off);
    expect(order).toEqual([0, 10, 20, 40, 30]);
  });

  it('keeps the head first and every block once when successors are outside the region or already placed', () => {
    const blocks = [block(0, 0, [100, 200]), block(1, 50, [0]), block(2, 60, [50, 300]), block(3, 70, [])];
    const order = fallThroughOrder(blocks).map((b) => b.off);
    expect(order[0]).toBe(0);
    expect([...order].sort((a, b) => a - b)).toEqual([0, 50, 60, 70]);
    // Nothing follows from the head: the rest in the given order, with
    // 60's successor 50 already placed.
    expect(order).toEqual([0, 50, 60, 70]);
  });
});
