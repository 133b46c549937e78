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
  /** Page index -> frame, for the pages touched so far (a mapping may be
   * far larger than the memory it ever uses, as Linux overcommits). */
  private readonly frames = new Map<number, number>();
  private refs = 1;

  constructor(
    private readonly allocator: FrameAllocator,
    private readonly memory: PhysicalMemory,
    readonly pages: number,
  ) {}

  frameAt(index: number): number {
    if (index < 0 || index >= this.pages) return PAGE_BEYOND_END;
    const present = this.frames.get(index);
    if (present !== undefined) return present;
    const frame = this.allocator.alloc();
    if (frame < 0) return PAGE_NO_MEMORY;
    this.memory.fill(frame, PAGE_SIZE, 0);
    this.frames.set(index, frame);
    return frame;
  }

  get residentPages(): number {
    return this.frames.size;
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs > 0) return;
    for (const frame of this.frames.values()) this.allocator.release(frame);
    this.frames.clear();
  }
}
