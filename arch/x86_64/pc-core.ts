/**
 * The pc board's core: an X86Core on the board's bus, with INTR/INTA from
 * the board's interrupt controller (the 8259A pair today, a local APIC
 * later: anything that is a VectoredInterruptSource and tells its target
 * when its output changes) and the TSC following the board's clock.
 * The core starts halted with interrupts off; the board's firmware
 * (harness/firmware.ts enterLongMode, or the kernel's boot code) starts it.
 */
import type { Bus } from '../../platform/bus/bus';
import type { Clock } from '../../platform/clock/clock';
import type { InterruptTarget, VectoredInterruptSource } from '../../platform/irq';
import { X86Core, X86CoreOptions } from './core';
import { CpuVendor, DEFAULT_CPU_VENDOR } from './cpu-model';

export interface ConnectableInterruptSource extends VectoredInterruptSource {
  connect(target: InterruptTarget): void;
}

export function buildPcCore(
  bus: Bus,
  intr: ConnectableInterruptSource,
  clock: Clock,
  vendor: CpuVendor = DEFAULT_CPU_VENDOR,
  options: X86CoreOptions = {},
): X86Core {
  const core = new X86Core(bus, options);
  core.vendor = vendor;
  core.readTime = () => clock.nowNs();
  core.connectInterrupts(intr);
  intr.connect(core);
  return core;
}
