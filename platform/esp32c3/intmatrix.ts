/**
 * ESP32-C3 interrupt matrix at 0x600C_2000 (TRM chapter "Interrupt Matrix";
 * offsets from ESP-IDF's soc/esp32c3/include/soc/interrupt_core0_reg.h).
 *
 * 62 peripheral sources are each routed by a map register (bits 4:0: CPU
 * interrupt line 1..31, 0 = not connected) onto the core's 31 interrupt
 * lines. Per line: an enable bit, a type (0 level, 1 edge), a priority
 * (1..15, 0 = never taken) and a global threshold: a line is delivered only
 * when its priority is above the threshold. Level lines follow the OR of
 * their sources; edge lines latch a rising edge until software writes the
 * line's bit in CPU_INT_CLEAR (ESP-IDF sets then clears it).
 *
 * Devices drive sources through `source(n)` IrqLines; the core, connected
 * as an InterruptTarget, asks `highestPendingLine()` at block boundaries.
 */
import { AccessSize, MmioDevice } from '../bus/devices';
import { InterruptTarget, IrqLine, LineInterruptSource } from '../irq';
import { DeviceLog, UnmodelledRegisters } from './unmodelled';

export const INTERRUPT_SOURCE_COUNT = 62;
export const INTERRUPT_LINE_COUNT = 32; // line 0 does not exist: map value 0 = unconnected

export const INTERRUPT_CORE0_INTR_STATUS_0 = 0x0f8;
export const INTERRUPT_CORE0_INTR_STATUS_1 = 0x0fc;
export const INTERRUPT_CORE0_CLOCK_GATE = 0x100;
export const INTERRUPT_CORE0_CPU_INT_ENABLE = 0x104;
export const INTERRUPT_CORE0_CPU_INT_TYPE = 0x108;
export const INTERRUPT_CORE0_CPU_INT_CLEAR = 0x10c;
export const INTERRUPT_CORE0_CPU_INT_EIP_STATUS = 0x110;
export const INTERRUPT_CORE0_CPU_INT_PRI_0 = 0x114;
export const INTERRUPT_CORE0_CPU_INT_THRESH = 0x194;
export const INTERRUPT_CORE0_INTERRUPT_DATE = 0x7fc;

/** Source numbers (ESP-IDF soc/esp32c3/include/soc/periph_defs.h). */
export const ETS_GPIO_INTR_SOURCE = 16;
export const ETS_SPI1_INTR_SOURCE = 18;
export const ETS_SPI2_INTR_SOURCE = 19;
export const ETS_UART0_INTR_SOURCE = 21;
export const ETS_UART1_INTR_SOURCE = 22;
export const ETS_SYSTIMER_TARGET0_EDGE_INTR_SOURCE = 37;
export const ETS_SYSTIMER_TARGET1_EDGE_INTR_SOURCE = 38;
export const ETS_SYSTIMER_TARGET2_EDGE_INTR_SOURCE = 39;
export const ETS_DMA_CH0_INTR_SOURCE = 44;
export const ETS_DMA_CH1_INTR_SOURCE = 45;
export const ETS_DMA_CH2_INTR_SOURCE = 46;

const MAP_MASK = 0x1f;
const PRIORITY_MASK = 0xf;
const THRESHOLD_MASK = 0xf;
const DATE_VALUE = 0x2007210;

export class InterruptMatrix implements MmioDevice, LineInterruptSource {
  readonly name = 'intmatrix';
  private readonly map = new Uint8Array(INTERRUPT_SOURCE_COUNT);
  /** Current level of each source's wire. */
  private readonly sourceLevel = new Uint8Array(INTERRUPT_SOURCE_COUNT);
  private readonly priority = new Uint8Array(INTERRUPT_LINE_COUNT);
  private readonly lines: IrqLine[] = [];
  private enable = 0;
  private type = 0;
  private clear = 0;
  /** Edge lines' latched requests. */
  private edgeLatch = 0;
  /** Each line's input (OR of its sources) at the last update, for edges. */
  private lineInput = 0;
  private threshold = 0;
  private clockGate = 1;
  private target: InterruptTarget | null = null;
  private lastOutput = 0;
  readonly unmodelled: UnmodelledRegisters;

  constructor(log?: DeviceLog) {
    this.unmodelled = new UnmodelledRegisters('intmatrix', log);
    for (let s = 0; s < INTERRUPT_SOURCE_COUNT; s++) {
      this.lines.push({ set: (level: boolean) => this.setSource(s, level) });
    }
  }

  /** The wire a device drives for source `n`. */
  source(n: number): IrqLine {
    if (!Number.isInteger(n) || n < 0 || n >= INTERRUPT_SOURCE_COUNT) throw new Error(`no interrupt source ${n}`);
    return this.lines[n];
  }

  /** The core this matrix interrupts (connected by the board). */
  connect(target: InterruptTarget): void {
    this.target = target;
  }

  /** Lines with a pending request (level high or edge latched), enabled or not. */
  pendingLines(): number {
    return ((this.lineInput & ~this.type) | (this.edgeLatch & this.type)) >>> 0;
  }

  /** The highest-priority pending, enabled line whose priority is above the
   * threshold, or 0. Equal priorities resolve to the lower line number. */
  highestPendingLine(): number {
    const candidates = this.pendingLines() & this.enable;
    if (candidates === 0) return 0;
    let best = 0;
    let bestPriority = this.threshold;
    for (let line = 1; line < INTERRUPT_LINE_COUNT; line++) {
      if (!(candidates & (1 << line))) continue;
      const p = this.priority[line];
      if (p > bestPriority) {
        best = line;
        bestPriority = p;
      }
    }
    return best;
  }

  read(offset: number, _size: AccessSize): number {
    if (offset < INTERRUPT_SOURCE_COUNT * 4) return offset % 4 === 0 ? this.map[offset >>> 2] : 0;
    if (offset >= INTERRUPT_CORE0_CPU_INT_PRI_0 && offset < INTERRUPT_CORE0_CPU_INT_THRESH) {
      return this.priority[(offset - INTERRUPT_CORE0_CPU_INT_PRI_0) >>> 2];
    }
    switch (offset) {
      case INTERRUPT_CORE0_INTR_STATUS_0:
        return this.sourceStatus(0);
      case INTERRUPT_CORE0_INTR_STATUS_1:
        return this.sourceStatus(32);
      case INTERRUPT_CORE0_CLOCK_GATE:
        return this.clockGate;
      case INTERRUPT_CORE0_CPU_INT_ENABLE:
        return this.enable >>> 0;
      case INTERRUPT_CORE0_CPU_INT_TYPE:
        return this.type >>> 0;
      case INTERRUPT_CORE0_CPU_INT_CLEAR:
        return this.clear >>> 0;
      case INTERRUPT_CORE0_CPU_INT_EIP_STATUS:
        return this.pendingLines();
      case INTERRUPT_CORE0_CPU_INT_THRESH:
        return this.threshold;
      case INTERRUPT_CORE0_INTERRUPT_DATE:
        return DATE_VALUE;
      default:
        this.unmodelled.note('read', offset);
        return 0;
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    if (offset < INTERRUPT_SOURCE_COUNT * 4) {
      if (offset % 4 === 0) this.map[offset >>> 2] = value & MAP_MASK;
    } else if (offset >= INTERRUPT_CORE0_CPU_INT_PRI_0 && offset < INTERRUPT_CORE0_CPU_INT_THRESH) {
      const line = (offset - INTERRUPT_CORE0_CPU_INT_PRI_0) >>> 2;
      if (line > 0) this.priority[line] = value & PRIORITY_MASK;
    } else {
      switch (offset) {
        case INTERRUPT_CORE0_CLOCK_GATE:
          this.clockGate = value & 1;
          break;
        case INTERRUPT_CORE0_CPU_INT_ENABLE:
          this.enable = (value & ~1) >>> 0;
          break;
        case INTERRUPT_CORE0_CPU_INT_TYPE:
          this.type = (value & ~1) >>> 0;
          break;
        case INTERRUPT_CORE0_CPU_INT_CLEAR:
          // While a bit is set the line's edge latch is held clear.
          this.clear = (value & ~1) >>> 0;
          break;
        case INTERRUPT_CORE0_CPU_INT_THRESH:
          this.threshold = value & THRESHOLD_MASK;
          break;
        default:
          this.unmodelled.note('write', offset);
          return;
      }
    }
    this.update();
  }

  private setSource(source: number, level: boolean): void {
    const v = level ? 1 : 0;
    if (this.sourceLevel[source] === v) return;
    this.sourceLevel[source] = v;
    this.update();
  }

  private sourceStatus(first: number): number {
    let bits = 0;
    for (let i = 0; i < 32 && first + i < INTERRUPT_SOURCE_COUNT; i++) {
      if (this.sourceLevel[first + i]) bits |= 1 << i;
    }
    return bits >>> 0;
  }

  /** Recomputes line inputs and edge latches, and tells the core when what
   * it could take has changed. */
  private update(): void {
    let input = 0;
    for (let s = 0; s < INTERRUPT_SOURCE_COUNT; s++) {
      const line = this.map[s];
      if (line !== 0 && this.sourceLevel[s]) input |= 1 << line;
    }
    const rising = input & ~this.lineInput;
    this.lineInput = input;
    this.edgeLatch = (this.edgeLatch | (rising & this.type)) & ~this.clear & this.type;
    const output = this.highestPendingLine();
    if (output !== this.lastOutput) {
      this.lastOutput = output;
      if (this.target) this.target.interruptLevelChanged();
    }
  }
}
