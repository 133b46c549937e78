/**
 * The physical frame allocator: 4 KiB frames over the RAM ranges the boot
 * loader reported, minus what is reserved (the initramfs, the boot image).
 * Each frame has a reference count so that copy-on-write pages can be shared
 * between address spaces and freed when the last one lets go.
 */
import type { MemoryRange } from '../../hal/boot-info';

export const PAGE_SIZE = 4096;

interface Zone {
  base: number;
  frames: number;
  /** Index of this zone's first frame in the shared arrays. */
  first: number;
}

export class FrameAllocator {
  private readonly zones: Zone[] = [];
  private readonly refs: Uint16Array;
  private readonly freeStack: Int32Array;
  private freeCount = 0;
  readonly totalFrames: number;

  constructor(ram: readonly MemoryRange[], reserved: readonly MemoryRange[] = []) {
    let total = 0;
    for (const range of ram) {
      const base = alignUp(range.base, PAGE_SIZE);
      const end = alignDown(range.base + range.size, PAGE_SIZE);
      if (end <= base) continue;
      this.zones.push({ base, frames: (end - base) / PAGE_SIZE, first: total });
      total += (end - base) / PAGE_SIZE;
    }
    this.totalFrames = total;
    this.refs = new Uint16Array(total);
    this.freeStack = new Int32Array(total);
    // Reserved frames are owned forever by whoever reserved them: a frame
    // that overlaps a reserved range at all.
    for (const zone of this.zones) {
      for (const r of reserved) {
        const first = Math.max(0, Math.floor((r.base - zone.base) / PAGE_SIZE));
        const end = Math.min(zone.frames, Math.ceil((r.base + r.size - zone.base) / PAGE_SIZE));
        for (let i = first; i < end; i++) this.refs[zone.first + i] = 1;
      }
    }
    // Push in reverse so that allocation hands out low addresses first.
    for (let index = total - 1; index >= 0; index--) {
      if (this.refs[index] === 0) this.freeStack[this.freeCount++] = index;
    }
  }

  get freeFrames(): number {
    return this.freeCount;
  }

  /** A frame's physical address, or -1 when memory is exhausted. */
  alloc(): number {
    if (this.freeCount === 0) return -1;
    const index = this.freeStack[--this.freeCount];
    this.refs[index] = 1;
    return this.addressOf(index);
  }

  /** Another owner for a shared (copy-on-write) frame. */
  retain(address: number): void {
    const index = this.indexOf(address);
    if (this.refs[index] === 0) throw new Error(`retain of free frame 0x${address.toString(16)}`);
    this.refs[index]++;
  }

  /** Drops one owner; the frame is free again when none are left. */
  release(address: number): void {
    const index = this.indexOf(address);
    if (this.refs[index] === 0) throw new Error(`double free of frame 0x${address.toString(16)}`);
    if (--this.refs[index] === 0) this.freeStack[this.freeCount++] = index;
  }

  /** release() of each frame of [base, base + size) (page-aligned), in
   * address order: the boot frees the initramfs's frames so (over a
   * thousand), and one loop over the counts is cheaper than as many
   * release() calls, each finding its zone. */
  releaseRange(base: number, size: number): void {
    if (size <= 0) return;
    const first = this.frameIndex(base);
    const last = this.frameIndex(base + size - PAGE_SIZE);
    if (first < 0 || last - first !== size / PAGE_SIZE - 1) {
      // Not one run of frames (a hole, zones out of order): frame by frame,
      // failing where release() would.
      for (let page = base; page < base + size; page += PAGE_SIZE) this.release(page);
      return;
    }
    const refs = this.refs;
    for (let index = first; index <= last; index++) {
      if (refs[index] === 0) throw new Error(`double free of frame 0x${(base + (index - first) * PAGE_SIZE).toString(16)}`);
      if (--refs[index] === 0) this.freeStack[this.freeCount++] = index;
    }
  }

  refCount(address: number): number {
    return this.refs[this.indexOf(address)];
  }

  private addressOf(index: number): number {
    for (const zone of this.zones) {
      if (index < zone.first + zone.frames) return zone.base + (index - zone.first) * PAGE_SIZE;
    }
    throw new Error(`frame index ${index} out of range`);
  }

  private indexOf(address: number): number {
    const index = this.frameIndex(address);
    if (index < 0) throw new Error(`0x${address.toString(16)} is not a frame address`);
    return index;
  }

  /** The frame at `address`'s index, or -1 when it is not a frame's address. */
  private frameIndex(address: number): number {
    for (const zone of this.zones) {
      const end = zone.base + zone.frames * PAGE_SIZE;
      if (address >= zone.base && address < end && address % PAGE_SIZE === 0) {
        return zone.first + (address - zone.base) / PAGE_SIZE;
      }
    }
    return -1;
  }
}

export function alignUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

export function alignDown(value: number, align: number): number {
  return Math.floor(value / align) * align;
}
