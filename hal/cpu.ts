/**
 * The Cpu contract: what the machine loop and the kernel may expect of a core.
 *
 * A core executes guest instructions from physical memory through its MMU.
 * The machine loop gives it instruction budgets (derived from the clock's next
 * event); the kernel registers *host entry points*: supervisor addresses at
 * which the core calls a TypeScript handler instead of fetching (docs/design.md,
 * principle 4). Register-level access is per architecture (arch/<isa>/).
 */
export const CPU = Symbol.for('jos.hal.Cpu');

export type CpuArch = 'x86_64' | 'riscv32';

/** A host entry handler runs with the core stopped at the entry address; it
 * must leave the core somewhere sensible (usually by executing the real
 * return instruction's effect through the core's API). */
export type HostEntryHandler = () => void;

export interface Cpu {
  readonly arch: CpuArch;

  /** Instructions retired since reset. The clock derives virtual time from it,
   * so it only ever grows. */
  readonly retired: number;

  /** True while the core waits for an interrupt (hlt / wfi). A pending
   * interrupt clears it at the next run(). */
  readonly halted: boolean;

  /** Executes until `maxInstructions` more have retired (it may overshoot by
   * at most one block), the core halts, or requestStop() is called.
   * Interrupts are taken between blocks. Returns the instructions retired. */
  run(maxInstructions: number): number;

  /** Makes the current run() return at the next block boundary. Safe to call
   * from device callbacks and host entry handlers. */
  requestStop(): void;

  /** Registers `handler` for supervisor execution reaching `address`
   * (virtual). Replaces any earlier handler at that address. */
  setHostEntry(address: number, handler: HostEntryHandler): void;

  /** Removes a host entry point; unknown addresses are ignored. */
  clearHostEntry(address: number): void;
}
