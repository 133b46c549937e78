/**
 * x86_64 4-level paging for the kernel (SDM vol. 3, 4.5): a PML4 per space,
 * 4 KiB pages. The kernel's half (PML4 entries 256-511, addresses from
 * 0xFFFF_8000_0000_0000) is built at boot and its PML4 entries are copied
 * into every user space, supervisor-only, so the kernel's vectors, tables
 * and stack are present wherever the core is.
 *
 * Virtual addresses are JS numbers; kernel-half ones are negative (the
 * core's convention: a canonical address as a signed value). Table indices
 * come from exact power-of-two divisions, wrapped by `& 511`.
 */
import type { AddressSpace, AddressSpaceFactory, FrameSource } from '../../../hal/address-space';
import { PageFlags } from '../../../hal/address-space';
import type { Bus } from '../../../platform/bus';

const PAGE = 4096;
const P = 0x1;
const RW = 0x2;
const US = 0x4;
const A = 0x20;
const D = 0x40;
/** NX is bit 63: bit 31 of the entry's high word. */
const NX_HIGH = 0x8000_0000;
const TWO32 = 0x1_0000_0000;
export const USER_TOP = 2 ** 47;
const KERNEL_PML4_FIRST = 256;

export interface PagingHart {
  /** Loads CR3 (which flushes the TLB's non-global entries). */
  loadCr3(root: number): void;
  /** invlpg. */
  invalidate(virtualAddress: number): void;
  readonly cr3: number;
}

function index(va: number, shift: number): number {
  return Math.floor(va / 2 ** shift) & 511;
}

export class X86Space implements AddressSpace {
  readonly pageSize = PAGE;
  private readonly ownedTables: number[] = [];

  constructor(
    private readonly bus: Bus,
    private readonly frames: FrameSource,
    private readonly hart: PagingHart,
    readonly root: number,
    private readonly kernel: boolean,
  ) {}

  map(virtualAddress: number, physicalAddress: number, flags: PageFlags): void {
    const slot = this.leafSlot(virtualAddress, true, (flags & PageFlags.USER) !== 0);
    let low = P | A | D | (physicalAddress % TWO32);
    if (flags & PageFlags.WRITE) low |= RW;
    if (flags & PageFlags.USER) low |= US;
    const high = Math.floor(physicalAddress / TWO32) | (flags & PageFlags.EXECUTE ? 0 : NX_HIGH);
    this.write(slot, low >>> 0, high >>> 0);
    this.invalidateIfActive(virtualAddress);
  }

  unmap(virtualAddress: number): number {
    const slot = this.leafSlot(virtualAddress, false, false);
    if (slot < 0) return -1;
    const physical = this.entryAddress(slot);
    if (physical < 0) return -1;
    this.write(slot, 0, 0);
    this.invalidateIfActive(virtualAddress);
    return physical;
  }

  protect(virtualAddress: number, flags: PageFlags): boolean {
    const physical = this.translate(virtualAddress);
    if (physical < 0) return false;
    this.map(virtualAddress - (((virtualAddress % PAGE) + PAGE) % PAGE), physical - (physical % PAGE), flags);
    return true;
  }

  translate(virtualAddress: number): number {
    const slot = this.leafSlot(virtualAddress, false, false);
    if (slot < 0) return -1;
    const base = this.entryAddress(slot);
    return base < 0 ? -1 : base + (((virtualAddress % PAGE) + PAGE) % PAGE);
  }

  activate(): void {
    if (this.hart.cr3 !== this.root) this.hart.loadCr3(this.root);
  }

  destroy(): void {
    for (const table of this.ownedTables) this.frames.free(table);
    this.ownedTables.length = 0;
    if (!this.kernel) this.frames.free(this.root);
  }

  /** Copies the kernel half's PML4 entries from `kernelRoot`. */
  shareKernelHalf(kernelRoot: number): void {
    const from = this.bus.ramOffset(kernelRoot) + 8 * KERNEL_PML4_FIRST;
    const to = this.bus.ramOffset(this.root, true) + 8 * KERNEL_PML4_FIRST;
    this.bus.u8.copyWithin(to, from, from + 8 * (512 - KERNEL_PML4_FIRST));
  }

  /** Physical address of the PTE for `va`, creating missing tables if asked.
   * Intermediate entries are writable and user-accessible as needed: the
   * leaf decides (SDM vol. 3, 4.6: rights combine along the walk). */
  private leafSlot(va: number, create: boolean, user: boolean): number {
    if (!this.kernel && create && va < 0) throw new Error('user spaces do not map the kernel half');
    let table = this.root;
    for (const shift of [39, 30, 21]) {
      const slot = table + 8 * index(va, shift);
      let next = this.entryAddress(slot);
      if (next < 0) {
        if (!create) return -1;
        next = this.frames.allocZeroed();
        if (next < 0) throw new Error('out of memory for a page table');
        this.ownedTables.push(next);
        this.write(slot, (next | P | RW | (user ? US : 0)) >>> 0, 0);
      } else if (create && user) {
        const low = this.bus.view.getUint32(this.bus.ramOffset(slot), true);
        if (!(low & US)) this.bus.view.setUint32(this.bus.ramOffset(slot, true), (low | US) >>> 0, true);
      }
      table = next;
    }
    return table + 8 * index(va, 12);
  }

  /** The page address an entry points to, or -1 when not present. */
  private entryAddress(slot: number): number {
    const off = this.bus.ramOffset(slot);
    const low = this.bus.view.getUint32(off, true);
    if (!(low & P)) return -1;
    const high = this.bus.view.getUint32(off + 4, true) & 0x000f_ffff;
    return high * TWO32 + ((low & 0xffff_f000) >>> 0);
  }

  private write(slot: number, low: number, high: number): void {
    const off = this.bus.ramOffset(slot, true);
    this.bus.view.setUint32(off, low, true);
    this.bus.view.setUint32(off + 4, high, true);
  }

  private invalidateIfActive(va: number): void {
    if (this.hart.cr3 === this.root) this.hart.invalidate(va);
  }
}

export class X86SpaceFactory implements AddressSpaceFactory {
  private frames: FrameSource | null = null;
  private kernelSpace: X86Space | null = null;

  constructor(
    private readonly bus: Bus,
    private readonly hart: PagingHart,
  ) {}

  init(frames: FrameSource): X86Space {
    this.frames = frames;
    const root = frames.allocZeroed();
    if (root < 0) throw new Error('out of memory for the kernel page table');
    this.kernelSpace = new X86Space(this.bus, frames, this.hart, root, true);
    return this.kernelSpace;
  }

  get frameSource(): FrameSource {
    if (!this.frames) throw new Error('the kernel address space is not built yet');
    return this.frames;
  }

  get kernel(): X86Space {
    if (!this.kernelSpace) throw new Error('the kernel address space is not built yet');
    return this.kernelSpace;
  }

  create(): X86Space {
    const root = this.frameSource.allocZeroed();
    if (root < 0) throw new Error('out of memory for a page table');
    const space = new X86Space(this.bus, this.frameSource, this.hart, root, false);
    space.shareKernelHalf(this.kernel.root);
    return space;
  }
}
