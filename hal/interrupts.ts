/**
 * The interrupt controller as the kernel sees it: named sources, masking,
 * acknowledge and end of interrupt. Each board maps the names to its lines
 * (8259 IRQs on pc, interrupt-matrix sources on esp32c3).
 */
export const INTERRUPT_CONTROLLER = Symbol.for('jos.hal.InterruptController');

export type IrqSource = 'timer' | 'keyboard' | 'serial' | 'disk' | 'display' | 'gpio' | 'net';

export interface InterruptController {
  /** Programs the controller with every source masked. */
  init(): void;

  /** Unmasks a source; returns false when the board has no such source. */
  enable(source: IrqSource): boolean;

  /** Masks a source. */
  disable(source: IrqSource): void;

  /** Maps the trap's vector (x86 IDT vector) or cause (RISC-V interrupt
   * number) to its source; null for a spurious interrupt, which needs no
   * end of interrupt. */
  acknowledge(vectorOrCause: number): IrqSource | null;

  /** Signals the controller that the source's handler is done. */
  endOfInterrupt(source: IrqSource): void;
}
