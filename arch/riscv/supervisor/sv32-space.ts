/**
 * Sv32 address spaces for the kernel (privileged spec 1.12, 4.3): a 4 KiB
 * root table of 1024 PTEs, each pointing to a 4 KiB leaf table. The kernel's
 * half (0xC000_0000 and up, root entries 768-1023) is built once at boot and
 * its root entries are copied into every user space, so the kernel's
 * vectors are mapped, supervisor-only, wherever the hart is.
 *
 * PTEs are written with A and D already set: the hart then never needs to
 * update them (the spec lets software manage A/D).
 */
import type { AddressSpace, AddressSpaceFactory, FrameSource } from '../../../hal/address-space';
import { PageFlags } from '../../../hal/address-space';
import type { Bus } from '../../../platform/bus';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu';

export const KERNEL_BASE = 0xc000_0000;
const KERNEL_ROOT_FIRST = KERNEL_BASE >>> 22; // 768
const PAGE = 4096;
const SATP_MODE_SV32 = 0x8000_0000;

export interface SpaceActivator {
  /** Writes satp and flushes the hart's translations (sfence.vma). */
  activate(satp: number): void;
  /** Flushes translations after a PTE change in the active space. */
  flush(): void;
  readonly activeSatp: number;
}

export class Sv32Space implements AddressSpace {
  readonly pageSize = PAGE;
  private readonly ownedTables: number[] = [];

  constructor(
    private readonly bus: Bus,
    private readonly frames: FrameSource,
    private readonly hart: SpaceActivator,
    readonly root: number,
    private readonly kernel: boolean,
  ) {}

  get satp(): number {
    return (SATP_MODE_SV32 | (this.root >>> 12)) >>> 0;
  }

  map(virtualAddress: number, physicalAddress: number, flags: PageFlags): void {
    const slot = this.leafSlot(virtualAddress, true);
    let pte = PTE_V | PTE_A | PTE_D;
    if (flags & PageFlags.READ) pte |= PTE_R;
    if (flags & PageFlags.WRITE) pte |= PTE_W | PTE_R; // W without R is reserved in Sv32
    if (flags & PageFlags.EXECUTE) pte |= PTE_X;
    if (flags & PageFlags.USER) pte |= PTE_U;
    this.writeWord(slot, (((physicalAddress >>> 12) << 10) | pte) >>> 0);
    this.flushIfActive();
  }

  unmap(virtualAddress: number): number {
    const slot = this.leafSlot(virtualAddress, false);
    if (slot < 0) return -1;
    const pte = this.readWord(slot);
    if (!(pte & PTE_V)) return -1;
    this.writeWord(slot, 0);
    this.flushIfActive();
    return (pte >>> 10) * PAGE;
  }

  protect(virtualAddress: number, flags: PageFlags): boolean {
    const physical = this.translate(virtualAddress & ~(PAGE - 1));
    if (physical < 0) return false;
    this.map(virtualAddress, physical, flags);
    return true;
  }

  translate(virtualAddress: number): number {
    const slot = this.leafSlot(virtualAddress, false);
    if (slot < 0) return -1;
    const pte = this.readWord(slot);
    if (!(pte & PTE_V)) return -1;
    return (pte >>> 10) * PAGE + (virtualAddress & (PAGE - 1));
  }

  activate(): void {
    this.hart.activate(this.satp);
  }

  destroy(): void {
    for (const table of this.ownedTables) this.frames.free(table);
    this.ownedTables.length = 0;
    if (!this.kernel) this.frames.free(this.root);
  }

  /** Copies the kernel half's root entries from `kernelRoot`. */
  shareKernelHalf(kernelRoot: number): void {
    for (let i = KERNEL_ROOT_FIRST; i < 1024; i++) this.writeWord(this.root + 4 * i, this.readWord(kernelRoot + 4 * i));
  }

  /** Physical address of the leaf PTE for `va`, creating its table if asked. */
  private leafSlot(va: number, create: boolean): number {
    va >>>= 0;
    const rootSlot = this.root + 4 * (va >>> 22);
    let entry = this.readWord(rootSlot);
    if (!(entry & PTE_V)) {
      if (!create) return -1;
      if (!this.kernel && va >= KERNEL_BASE) throw new Error('user spaces do not map the kernel half');
      const table = this.frames.allocZeroed();
      if (table < 0) throw new Error('out of memory for a page table');
      this.ownedTables.push(table);
      entry = (((table >>> 12) << 10) | PTE_V) >>> 0;
      this.writeWord(rootSlot, entry);
    }
    return (entry >>> 10) * PAGE + 4 * ((va >>> 12) & 0x3ff);
  }

  private flushIfActive(): void {
    if (this.hart.activeSatp === this.satp) this.hart.flush();
  }

  private readWord(physical: number): number {
    return this.bus.view.getUint32(this.bus.ramOffset(physical), true);
  }

  private writeWord(physical: number, value: number): void {
    this.bus.view.setUint32(this.bus.ramOffset(physical, true), value >>> 0, true);
  }
}

export class Sv32SpaceFactory implements AddressSpaceFactory {
  private frames: FrameSource | null = null;
  private kernelSpace: Sv32Space | null = null;

  constructor(
    private readonly bus: Bus,
    private readonly hart: SpaceActivator,
  ) {}

  init(frames: FrameSource): Sv32Space {
    this.frames = frames;
    const root = frames.allocZeroed();
    if (root < 0) throw new Error('out of memory for the kernel page table');
    this.kernelSpace = new Sv32Space(this.bus, frames, this.hart, root, true);
    return this.kernelSpace;
  }

  /** The frames page tables come from (the kernel's allocator), after init(). */
  get frameSource(): FrameSource {
    if (!this.frames) throw new Error('the kernel address space is not built yet');
    return this.frames;
  }

  get kernel(): Sv32Space {
    if (!this.kernelSpace) throw new Error('the kernel address space is not built yet');
    return this.kernelSpace;
  }

  create(): Sv32Space {
    const frames = this.frames;
    if (!frames) throw new Error('init() first');
    const root = frames.allocZeroed();
    if (root < 0) throw new Error('out of memory for a page table');
    const space = new Sv32Space(this.bus, frames, this.hart, root, false);
    space.shareKernelHalf(this.kernel.root);
    return space;
  }
}
