/**
 * What a shared mapping's pages are (Linux's vm_file / shmem object): a
 * memory object that owns frames by page index. Every area that maps it
 * holds one reference (retain/release); the object keeps its frames for as
 * long as it lives, so the spaces mapping it never count or free them, and
 * a write through one mapping is seen by all the others, whatever fork,
 * mprotect or copy-on-write does to the private pages around it.
 *
 * Three kinds exist: anonymous shared memory (MAP_SHARED|MAP_ANONYMOUS,
 * inherited across fork), the pages of a file (MAP_SHARED of a tmpfs or
 * ext2 file, /dev/shm), and device memory, which a device's inode hands out
 * from its `mmap` (Inode.mmap: a frame buffer's own frames).
 */

/** frameAt's answer for a page past the object's end: SIGBUS, as Linux. */
export const PAGE_BEYOND_END = -1;
/** frameAt's answer when no frame is left for the page: out of memory. */
export const PAGE_NO_MEMORY = -2;

export interface MemoryObject {
  /** What /proc/<pid>/maps shows for it ("/dev/shm/x", "/dev/zero (deleted)"). */
  readonly name: string;

  /** The physical frame holding page `index` (filled on first use), or
   * PAGE_BEYOND_END / PAGE_NO_MEMORY. */
  frameAt(index: number): number;

  /** Objects that track writes (file pages, for write-back) are mapped
   * read-only first; the first write fault through a mapping calls this
   * and maps the page writable. Absent: pages map with the area's rights. */
  markDirty?(index: number): void;

  /** msync and the last unmapping: dirty pages reach the file (`durable`,
   * msync's MS_SYNC: and the file system's device, as fsync). */
  sync?(durable: boolean): void;

  /** Another area maps it (mmap, a split by munmap/mprotect, fork). */
  retain(): void;
  /** An area mapping it went; the last release frees the object's frames. */
  release(): void;
}

/** An area's view of a shared object: which of its pages the area's first page is. */
export interface SharedBacking {
  readonly object: MemoryObject;
  /** The object's page index at the area's start. */
  readonly pageOffset: number;
  /** The file was opened for writing (or the memory is anonymous): mprotect
   * may add PROT_WRITE; else EACCES, as Linux's VM_MAYWRITE. */
  readonly mayWrite: boolean;
}
