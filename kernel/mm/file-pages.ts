/**
 * The pages of a file that shared mappings map (Linux's page cache, for the
 * part JOS needs): frames by page index, filled from the file on first
 * touch. Files keep their bytes in their own file system (tmpfs in host
 * memory, ext2 in its buffer cache), so the two views are kept coherent by
 * the system calls: a write()/truncate() refreshes the pages present
 * (refresh), and the pages a mapping wrote (dirty: the space maps file
 * pages read-only until the first write fault) go back to the file before
 * a read() of it, at msync and at the last unmapping (sync).
 *
 * Not modelled: a file truncated below a mapped page keeps that page mapped
 * (zeroed) instead of SIGBUS until it is unmapped.
 */
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { Inode } from '../fs/inode';
import { FrameAllocator, PAGE_SIZE } from './frame-allocator';
import { MemoryObject, PAGE_BEYOND_END, PAGE_NO_MEMORY } from './memory-object';

export class FilePages implements MemoryObject {
  /** Page index -> frame. */
  private readonly frames = new Map<number, number>();
  /** Pages a mapping may have written since they were filled. */
  private readonly dirty = new Set<number>();
  private refs = 0;

  constructor(
    readonly inode: Inode,
    readonly name: string,
    private readonly allocator: FrameAllocator,
    private readonly memory: PhysicalMemory,
    /** The last mapping went: the owner forgets this object. */
    private readonly onLastRelease: (pages: FilePages) => void,
  ) {
    inode.opened?.(); // a mapped file stays, unlinked or not, as an open one does
  }

  get residentPages(): number {
    return this.frames.size;
  }

  frameAt(index: number): number {
    if (index < 0 || index * PAGE_SIZE >= this.inode.size) return PAGE_BEYOND_END;
    const present = this.frames.get(index);
    if (present !== undefined) return present;
    const frame = this.allocator.alloc();
    if (frame < 0) return PAGE_NO_MEMORY;
    this.memory.write(frame, this.fileBytes(index));
    this.frames.set(index, frame);
    return frame;
  }

  markDirty(index: number): void {
    this.dirty.add(index);
  }

  /** Dirty pages whose bytes differ from the file's are written to it
   * (up to the end of the file: the rest of the last page is not file). */
  sync(durable = false): void {
    for (const index of this.dirty) {
      const frame = this.frames.get(index);
      if (frame === undefined) continue;
      const file = this.fileBytes(index);
      const inFile = Math.max(0, Math.min(PAGE_SIZE, this.inode.size - index * PAGE_SIZE));
      if (inFile === 0) continue;
      const page = new Uint8Array(inFile);
      this.memory.read(frame, page);
      if (!sameBytes(page, file.subarray(0, inFile))) this.inode.write!(index * PAGE_SIZE, page);
    }
    if (durable) this.inode.sync?.();
  }

  /** The file changed at [offset, offset + length) (write, truncate: length
   * Infinity): pages present there take its new bytes. */
  refresh(offset: number, length: number): void {
    const first = Math.floor(offset / PAGE_SIZE);
    const last = length === Infinity ? Infinity : Math.floor((offset + length - 1) / PAGE_SIZE);
    for (const [index, frame] of this.frames) {
      if (index >= first && index <= last) this.memory.write(frame, this.fileBytes(index));
    }
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs > 0) return;
    try {
      if (this.inode.write) this.sync();
    } catch {
      // The last unmapping cannot fail (exit, exec): a write-back the file
      // system refuses now (ENOSPC, EROFS) is lost, as an unchecked
      // writeback error is on Linux. msync is where it is reported.
    }
    for (const frame of this.frames.values()) this.allocator.release(frame);
    this.frames.clear();
    this.dirty.clear();
    this.inode.closed?.();
    this.onLastRelease(this);
  }

  /** Page `index` as the file has it: its bytes, zeros past the end. */
  private fileBytes(index: number): Uint8Array {
    const bytes = new Uint8Array(PAGE_SIZE);
    const offset = index * PAGE_SIZE;
    if (offset < this.inode.size && this.inode.read) {
      const n = this.inode.read(offset, bytes.subarray(0, Math.min(PAGE_SIZE, this.inode.size - offset)));
      if (typeof n !== 'number') throw new Error(`${this.name}: a mapped file's read would block`);
    }
    return bytes;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
