/**
 * The RISC-V side of the kernel's HAL (like Linux's arch/riscv/kernel):
 * Sv32 address spaces and the trap host, built for one hart and its bus.
 */
import type { Bus } from '../../../platform/bus';
import type { RiscvCore } from '../core';
import { Sv32SpaceFactory, SpaceActivator } from './sv32-space';
import { RiscvTrapHost } from './trap-host';
import * as C from '../csr-numbers';

export { RiscvTrapHost } from './trap-host';
export { Sv32SpaceFactory } from './sv32-space';
export { RiscvUserContext } from './user-context';

export interface RiscvKernelSupport {
  spaces: Sv32SpaceFactory;
  trapHost: RiscvTrapHost;
}

export function riscvKernelSupport(core: RiscvCore, bus: Bus): RiscvKernelSupport {
  const hart: SpaceActivator = {
    activate(satp: number) {
      core.writeCsr(C.SATP, satp);
      core.mmu.flush(); // the sfence.vma that follows a satp write
    },
    flush() {
      core.mmu.flush();
    },
    get activeSatp() {
      return core.satp >>> 0;
    },
  };
  const spaces = new Sv32SpaceFactory(bus, hart);
  const trapHost = new RiscvTrapHost(core, bus, () => spaces.frameSource);
  return { spaces, trapHost };
}
