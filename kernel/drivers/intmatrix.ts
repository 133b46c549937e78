/**
 * InterruptController driver for the ESP32-C3 interrupt matrix, through MMIO
 * only (TRM chapter "Interrupt Matrix"; ESP-IDF's interrupt_core0_reg.h).
 *
 * Each kernel source is routed from its peripheral sources onto one CPU
 * line with a priority, as ESP-IDF's esp_intr_alloc does: map registers
 * point the sources at the line, the line's type and priority are set once
 * at init, and enable/disable flip the line's CPU_INT_ENABLE bit. The
 * threshold is 1 (ESP-IDF's RVHAL_INTR_ENABLE_THRESH), so routed lines use
 * priorities 2..7. The trap's cause is the line number; acknowledge() checks
 * the line is still pending (a level source may have dropped: spurious),
 * and endOfInterrupt() clears an edge line's latch (set then clear the
 * CPU_INT_CLEAR bit, as esp_cpu_intr_edge_ack does). Level lines need no
 * end of interrupt: the device's handler cleared the request.
 */
import type { InterruptController, IrqSource } from '../../hal/interrupts';
import type { Mmio } from '../../hal/io';

const CPU_INT_ENABLE = 0x104;
const CPU_INT_TYPE = 0x108;
const CPU_INT_CLEAR = 0x10c;
const CPU_INT_EIP_STATUS = 0x110;
const CPU_INT_PRI_0 = 0x114;
const CPU_INT_THRESH = 0x194;
const SOURCE_COUNT = 62;
const THRESHOLD = 1;

export interface MatrixRoute {
  /** Peripheral interrupt sources (ESP-IDF ETS_*_INTR_SOURCE numbers). */
  readonly sources: readonly number[];
  /** CPU interrupt line 1..31: the trap cause. */
  readonly line: number;
  readonly priority: number;
  readonly edge: boolean;
}

/** The esp32c3 board's routing (docs/boards/esp32c3.md, "Interrupts"). */
export const ESP32C3_ROUTES: Readonly<Partial<Record<IrqSource, MatrixRoute>>> = {
  // SYSTIMER target 0 (the periodic tick) and target 1 (one-shot alarms).
  timer: { sources: [37, 38], line: 1, priority: 6, edge: false },
  // UART0: the serial console.
  serial: { sources: [21], line: 2, priority: 4, edge: false },
  // UART1 (typed keys) and GPIO (the buttons).
  keyboard: { sources: [22, 16], line: 3, priority: 4, edge: false },
  // GDMA channel 0: the LCD frame transfer is done.
  display: { sources: [44], line: 4, priority: 2, edge: false },
};

export class InterruptMatrixController implements InterruptController {
  private enabled = 0;
  private readonly byLine = new Map<number, IrqSource>();

  constructor(
    private readonly mmio: Mmio,
    private readonly base: number,
    private readonly routes: Readonly<Partial<Record<IrqSource, MatrixRoute>>> = ESP32C3_ROUTES,
  ) {
    for (const [source, route] of Object.entries(routes) as [IrqSource, MatrixRoute][]) {
      if (route.line < 1 || route.line > 31) throw new Error(`interrupt line ${route.line} for ${source} is not 1..31`);
      if (this.byLine.has(route.line)) throw new Error(`interrupt line ${route.line} routed twice`);
      this.byLine.set(route.line, source);
    }
  }

  init(): void {
    this.write(CPU_INT_ENABLE, 0);
    this.enabled = 0;
    for (let s = 0; s < SOURCE_COUNT; s++) this.write(4 * s, 0);
    let edges = 0;
    for (const route of Object.values(this.routes) as MatrixRoute[]) {
      this.write(CPU_INT_PRI_0 + 4 * route.line, route.priority);
      if (route.edge) edges |= 1 << route.line;
      for (const s of route.sources) this.write(4 * s, route.line);
    }
    this.write(CPU_INT_TYPE, edges >>> 0);
    this.write(CPU_INT_CLEAR, edges >>> 0);
    this.write(CPU_INT_CLEAR, 0);
    this.write(CPU_INT_THRESH, THRESHOLD);
  }

  enable(source: IrqSource): boolean {
    const route = this.routes[source];
    if (!route) return false;
    this.enabled |= 1 << route.line;
    this.write(CPU_INT_ENABLE, this.enabled >>> 0);
    return true;
  }

  disable(source: IrqSource): void {
    const route = this.routes[source];
    if (!route) return;
    this.enabled &= ~(1 << route.line);
    this.write(CPU_INT_ENABLE, this.enabled >>> 0);
  }

  acknowledge(cause: number): IrqSource | null {
    const line = cause & 0x1f;
    const source = this.byLine.get(line);
    if (source === undefined) return null;
    const pending = this.mmio.read32(this.base + CPU_INT_EIP_STATUS);
    return pending & (1 << line) ? source : null;
  }

  endOfInterrupt(source: IrqSource): void {
    const route = this.routes[source];
    if (!route || !route.edge) return;
    this.write(CPU_INT_CLEAR, (1 << route.line) >>> 0);
    this.write(CPU_INT_CLEAR, 0);
  }

  private write(offset: number, value: number): void {
    this.mmio.write32(this.base + offset, value);
  }
}
