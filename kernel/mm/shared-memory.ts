/**
 * The kernel's shared memory objects: anonymous shared memory for
 * mmap(MAP_SHARED|MAP_ANONYMOUS), and one FilePages per mapped file, which
 * every MAP_SHARED mapping of that file uses (so two processes mapping
 * /dev/shm/x share its frames). The file system calls tell it when a
 * mapped file is read, written or truncated, to keep both views coherent
 * (kernel/mm/file-pages.ts).
 */
import type { PhysicalMemory } from '../../hal/physical-memory';
import type { Inode } from '../fs/inode';
import { AnonymousMemory } from './anonymous-memory';
import { FilePages } from './file-pages';
import type { FrameAllocator } from './frame-allocator';

export class SharedMemory {
  /** The mapped files' pages, by inode (an entry lives while mapped). */
  private readonly files = new Map<Inode, FilePages>();

  constructor(
    private readonly frames: FrameAllocator,
    private readonly memory: PhysicalMemory,
  ) {}

  /** A new anonymous shared object of `pages` pages (one reference). */
  anonymous(pages: number): AnonymousMemory {
    return new AnonymousMemory(this.frames, this.memory, pages);
  }

  /** The pages of `inode`, with one more reference for the caller's area. */
  filePages(inode: Inode, name: string): FilePages {
    let pages = this.files.get(inode);
    if (!pages) {
      pages = new FilePages(inode, name, this.frames, this.memory, (gone) => {
        if (this.files.get(inode) === gone) this.files.delete(inode);
      });
      this.files.set(inode, pages);
    }
    pages.retain();
    return pages;
  }

  get mappedFiles(): number {
    return this.files.size;
  }

  /** Before read(), write() or truncate() of `inode`: what mappings
   * wrote reaches the file first. */
  beforeAccess(inode: Inode): void {
    try {
      this.files.get(inode)?.sync();
    } catch {
      // The pages stay dirty; the call itself reports what it meets.
    }
  }

  /** After write() of [offset, offset + length) or a truncate (Infinity). */
  afterWrite(inode: Inode, offset: number, length: number): void {
    if (length > 0) this.files.get(inode)?.refresh(offset, length);
  }
}
