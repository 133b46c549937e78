/**
 * Interrupt wiring between device models, interrupt controller models and
 * cores. Devices never talk to a core: they drive an IrqLine; the controller
 * model decides what reaches the core (docs/design.md, convention 2).
 */

/** A level-triggered request wire from a device to its controller. */
export interface IrqLine {
  set(level: boolean): void;
}

/** A line that goes nowhere (a device the board did not wire). */
export const UNCONNECTED_IRQ: IrqLine = { set: () => {} };

/** A wire that remembers its level: handy for tests and simple fan-in. */
export class LatchedIrqLine implements IrqLine {
  level = false;
  constructor(private readonly onChange: (level: boolean) => void = () => {}) {}
  set(level: boolean): void {
    if (level === this.level) return;
    this.level = level;
    this.onChange(level);
  }
}

/** What a core is told when its controller's output changes: re-check at
 * the next block boundary, and leave hlt/wfi if an interrupt is now pending. */
export interface InterruptTarget {
  interruptLevelChanged(): void;
}

/** x86 INTR with an acknowledge cycle (8259 pair, or a local APIC). */
export interface VectoredInterruptSource {
  /** True while the controller asserts INTR. */
  pending(): boolean;
  /** The INTA cycle: returns the vector to deliver, marking it in service. */
  acknowledge(): number;
}

/** The ESP32-C3 model: numbered CPU lines 1..31 with priorities and a
 * threshold, resolved by the interrupt matrix. */
export interface LineInterruptSource {
  /** The highest-priority pending, enabled line above the threshold, or 0. */
  highestPendingLine(): number;
}
