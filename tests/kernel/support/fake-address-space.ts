/** A page table kept in a Map, standing in for the arch's paging in kernel
 * unit tests (the real ones are tested with their cores). */
import type { AddressSpace, AddressSpaceFactory, FrameSource } from '../../../hal/address-space';

export class MapAddressSpace implements AddressSpace {
  readonly pageSize = 4096;
  readonly pages = new Map<number, { physical: number; flags: number }>();
  destroyed = false;
  activations = 0;

  map(virtualAddress: number, physicalAddress: number, flags: number): void {
    this.pages.set(virtualAddress, { physical: physicalAddress, flags });
  }
  unmap(virtualAddress: number): number {
    const e = this.pages.get(virtualAddress);
    this.pages.delete(virtualAddress);
    return e ? e.physical : -1;
  }
  protect(virtualAddress: number, flags: number): boolean {
    const e = this.pages.get(virtualAddress);
    if (!e) return false;
    e.flags = flags;
    return true;
  }
  translate(virtualAddress: number): number {
    const page = Math.floor(virtualAddress / 4096) * 4096;
    const e = this.pages.get(page);
    return e ? e.physical + (virtualAddress - page) : -1;
  }
  flagsOf(virtualAddress: number): number {
    return this.pages.get(virtualAddress)?.flags ?? -1;
  }
  activate(): void {
    this.activations++;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class MapAddressSpaceFactory implements AddressSpaceFactory {
  readonly created: MapAddressSpace[] = [];
  init(_frames: FrameSource): AddressSpace {
    return new MapAddressSpace();
  }
  create(): MapAddressSpace {
    const s = new MapAddressSpace();
    this.created.push(s);
    return s;
  }
}
