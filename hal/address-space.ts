/**
 * Virtual memory as the kernel sees it: page tables built in guest memory by
 * the architecture (x86_64 4-level paging on pc, Sv32 on esp32c3), created
 * through a factory, one per process plus the kernel's.
 */
export const ADDRESS_SPACE_FACTORY = Symbol.for('jos.hal.AddressSpaceFactory');

/** Page permission bits (combine with |). USER marks a page ring 3 / U-mode
 * may touch; without it a user access faults. */
export enum PageFlags {
  READ = 1,
  WRITE = 2,
  EXECUTE = 4,
  USER = 8,
}

export interface AddressSpace {
  /** Bytes per page (4096 on both boards). */
  readonly pageSize: number;

  /** Maps one page; replaces an existing mapping. */
  map(virtualAddress: number, physicalAddress: number, flags: PageFlags): void;

  /** Removes one page's mapping; returns the physical address it had, or -1. */
  unmap(virtualAddress: number): number;

  /** Changes a mapped page's permissions; returns false when unmapped. */
  protect(virtualAddress: number, flags: PageFlags): boolean;

  /** The physical address `virtualAddress` maps to, or -1. */
  translate(virtualAddress: number): number;

  /** Makes this the core's current address space (CR3 / satp) and flushes
   * the stale translations. */
  activate(): void;

  /** Frees the page-table pages this space owns (not the mapped frames,
   * which the kernel manages). The space must not be active. */
  destroy(): void;
}

/** Where page tables get their pages: the kernel's frame allocator. */
export interface FrameSource {
  /** A zero-filled frame's physical address, or -1 when memory is out. */
  allocZeroed(): number;
  free(physicalAddress: number): void;
}

export interface AddressSpaceFactory {
  /** Builds the kernel's own space (the higher half only) with page-table
   * pages from `frames`; called once at boot. */
  init(frames: FrameSource): AddressSpace;
  /** A new user space. Its higher half is the kernel's, shared and
   * supervisor-only (the kernel's vectors and stacks are in every space). */
  create(): AddressSpace;
}
