/**
 * Anonymous shared memory (mmap MAP_SHARED|MAP_ANONYMOUS): zeroed frames
 * allocated on first touch, kept by page index for as long as any area maps
 * the object (across fork: parent and child see each other's writes), and
 * given back by the last release.
 */
import type { PhysicalMemory } from '../../hal/physical-memory';
import { FrameAllocator, PAGE_SIZE } from './frame-allocator';
import { MemoryObject, PAGE_BEYOND_END, PAGE_NO_MEMORY } from './memory-object';

export class AnonymousMemory implements MemoryObject {
  readonly name = '/dev/zero (deleted)';
  /** frames[i]: page i's frame, -1 while untouched. */
  private readonly frames: number[];
  private refs = 1;

  constructor(
    private readonly allocator: FrameAllocator,
    private readonly memory: PhysicalMemory,
    readonly pages: number,
  ) {
    this.frames = new Array<number>(pages).fill(-1);
  }

  frameAt(index: number): number {
    if (index < 0 || index >= this.pages) return PAGE_BEYOND_END;
    if (this.frames[index] >= 0) return this.frames[index];
    const frame = this.allocator.alloc();
    if (frame < 0) return PAGE_NO_MEMORY;
    this.memory.fill(frame, PAGE_SIZE, 0);
    this.frames[index] = frame;
    return frame;
  }

  get residentPages(): number {
    return this.frames.filter((f) => f >= 0).length;
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs > 0) return;
    for (let i = 0; i < this.frames.length; i++) {
      if (this.frames[i] >= 0) this.allocator.release(this.frames[i]);
      this.frames[i] = -1;
    }
  }
}
