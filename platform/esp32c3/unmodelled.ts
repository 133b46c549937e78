/**
 * Registers a model does not implement: each offset is reported once (to
 * the log the board gives, e.g. the bus tracer's) and remembered, so a
 * guest that pokes at something unmodelled is visible rather than silently
 * ignored (docs/design.md, convention 1). Reads of such registers return 0.
 */
export type DeviceLog = (message: string) => void;

export class UnmodelledRegisters {
  private readonly offsets = new Set<number>();

  constructor(
    private readonly device: string,
    private readonly log: DeviceLog = () => {},
  ) {}

  /** Offsets touched that the model does not implement, in first-seen order. */
  get seen(): readonly number[] {
    return [...this.offsets];
  }

  note(kind: 'read' | 'write', offset: number): void {
    if (this.offsets.has(offset)) return;
    this.offsets.add(offset);
    this.log(`${this.device}: ${kind} of unmodelled register +0x${offset.toString(16)}`);
  }
}
