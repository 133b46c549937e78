/**
 * The physical frame allocator's start: which frames of which RAM ranges
 * are free (every whole 4 KiB frame that overlaps no reserved range), and
 * the order they are handed out in (low addresses first, zone by zone).
 */
import type { MemoryRange } from '../../hal/boot-info';
import { FrameAllocator, PAGE_SIZE } from '../../kernel/mm/frame-allocator';

/** Every frame alloc() gives, in order, until memory runs out. */
function drain(frames: FrameAllocator): number[] {
  const out: number[] = [];
  for (let a = frames.alloc(); a >= 0; a = frames.alloc()) out.push(a);
  return out;
}

/** The free frames by the definition, one frame at a time. */
function expected(ram: MemoryRange[], reserved: MemoryRange[]): number[] {
  const out: number[] = [];
  for (const range of ram) {
    const base = Math.ceil(range.base / PAGE_SIZE) * PAGE_SIZE;
    const end = Math.floor((range.base + range.size) / PAGE_SIZE) * PAGE_SIZE;
    for (let a = base; a < end; a += PAGE_SIZE) {
      if (!reserved.some((r) => a + PAGE_SIZE > r.base && a < r.base + r.size)) out.push(a);
    }
  }
  return out;
}

describe('FrameAllocator', () => {
  const ram: MemoryRange[] = [
    { base: 0x1000, size: 0x9f000 }, // below 640 KiB
    { base: 0x10_0800, size: 0x40_0000 }, // unaligned start: its first partial frame is not RAM
    { base: 0x8000_0000, size: 0x2_0000 },
  ];

  test('with nothing reserved, every whole frame is free, lowest first', () => {
    const frames = new FrameAllocator(ram);
    const all = expected(ram, []);
    expect(frames.totalFrames).toBe(all.length);
    expect(frames.freeFrames).toBe(all.length);
    expect(drain(frames)).toEqual(all);
  });

  test.each<[string, MemoryRange[]]>([
    ['an aligned range', [{ base: 0x20_0000, size: 0x8000 }]],
    ['a range that starts and ends inside frames', [{ base: 0x20_0123, size: 0x3456 }]],
    ['a range across two zones', [{ base: 0x9_e800, size: 0x6_3000 }]],
    ['a range below all RAM and one past its end', [{ base: 0, size: 0x1800 }, { base: 0x8001_f000, size: 0x10_0000 }]],
    ['an empty range inside a frame, and one on a frame boundary', [{ base: 0x30_0010, size: 0 }, { base: 0x30_4000, size: 0 }]],
    ['overlapping ranges', [{ base: 0x40_0000, size: 0x5000 }, { base: 0x40_3000, size: 0x4000 }]],
  ])('frames that overlap %s stay reserved', (_name, reserved) => {
    const frames = new FrameAllocator(ram, reserved);
    const free = expected(ram, reserved);
    expect(frames.freeFrames).toBe(free.length);
    expect(drain(frames)).toEqual(free);
    // A reserved frame has its one owner: release hands it to the allocator.
    const kept = expected(ram, []).filter((a) => !free.includes(a));
    expect(kept.length).toBeGreaterThan(0);
    for (const a of kept) expect(frames.refCount(a)).toBe(1);
    frames.release(kept[0]);
    expect(frames.alloc()).toBe(kept[0]);
  });

  /** Two ranges that meet: one zone's frames run on into the next's. */
  const adjacent: MemoryRange[] = [
    { base: 0x1000, size: 0x9f000 },
    { base: 0xa_0000, size: 0x1_0000 },
  ];

  test.each<[string, MemoryRange[], number, number]>([
    ['inside one zone', ram, 0x20_0000, 0x8000],
    ['of one frame', ram, 0x10_1000, PAGE_SIZE],
    ['across two zones that meet', adjacent, 0x9_e000, 0x4000],
  ])('releaseRange of a range %s frees as release() of each frame does', (_name, layout, base, size) => {
    const reserved = [{ base, size }];
    const one = new FrameAllocator(layout, reserved);
    const each = new FrameAllocator(layout, reserved);
    one.releaseRange(base, size);
    for (let a = base; a < base + size; a += PAGE_SIZE) each.release(a);
    expect(one.freeFrames).toBe(each.freeFrames);
    expect(drain(one)).toEqual(drain(each));
  });

  test('releaseRange over a hole in RAM fails as release() of its first non-frame does', () => {
    const frames = new FrameAllocator(ram, [{ base: 0x9_e000, size: 0x6_3000 }]);
    expect(() => frames.releaseRange(0x9_e000, 0x6_3000)).toThrow(/0xa0000 is not a frame address/);
    expect(frames.refCount(0x9_e000)).toBe(0); // released before the hole, as one by one
  });

  test('releaseRange of a free frame is a double free', () => {
    const frames = new FrameAllocator(ram, [{ base: 0x20_0000, size: 0x2000 }]);
    expect(() => frames.releaseRange(0x20_0000, 0x3000)).toThrow(/double free of frame 0x202000/);
  });
});
