/**
 * The x86_64 side of the kernel's HAL (like Linux's arch/x86/kernel):
 * 4-level paging address spaces and the trap host, for one core and its bus.
 */
import type { Bus } from '../../../platform/bus';
import type { X86Core } from '../core';
import { PagingHart, X86SpaceFactory } from './paging';
import { X86TrapHost } from './trap-host';

export { X86SpaceFactory } from './paging';
export { X86TrapHost } from './trap-host';
export { X86UserContext } from './user-context';

export interface X86KernelSupport {
  spaces: X86SpaceFactory;
  trapHost: X86TrapHost;
}

export function x86KernelSupport(core: X86Core, bus: Bus): X86KernelSupport {
  const hart: PagingHart = {
    loadCr3(root: number) {
      core.cr3 = root;
      core.mmu.flush();
    },
    invalidate(va: number) {
      core.mmu.flushPage(va);
    },
    get cr3() {
      return core.cr3;
    },
  };
  const spaces = new X86SpaceFactory(bus, hart);
  const trapHost = new X86TrapHost(core, bus, () => spaces.frameSource);
  return { spaces, trapHost };
}
