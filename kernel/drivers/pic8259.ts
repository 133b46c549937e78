/**
 * InterruptController driver for the PC's cascaded 8259A pair, through port
 * I/O only. The pair is remapped to vectors 0x20-0x2F (the BIOS leaves the
 * master on 0x08-0x0F, on top of the CPU's exception vectors), every line
 * starts masked, and end of interrupt uses specific EOIs so that nested
 * interrupts retire the right ISR bit.
 *
 * Spurious interrupts (8259A datasheet, "Interrupt Sequence"): a vector for
 * IR7 whose ISR bit is clear was not a real request. On the master it needs
 * no EOI; on the slave (IRQ 15) the master has IR2 in service, so the master
 * still gets one.
 */
import type { InterruptController, IrqSource } from '../../hal/interrupts';
import type { PortIo } from '../../hal/io';

const MASTER_COMMAND = 0x20;
const MASTER_DATA = 0x21;
const SLAVE_COMMAND = 0xa0;
const SLAVE_DATA = 0xa1;

const ICW1_INIT_IC4 = 0x11; // edge-triggered, cascade, ICW4 follows
const ICW4_8086 = 0x01;
const OCW2_SPECIFIC_EOI = 0x60;
const OCW3_READ_ISR = 0x0b;
const OCW3_READ_IRR = 0x0a;

/** Vector bases after the remap. */
export const PIC_MASTER_VECTOR = 0x20;
export const PIC_SLAVE_VECTOR = 0x28;
const CASCADE_IRQ = 2;
const SPURIOUS_IR = 7;

/** The PC's IRQ numbers for the kernel's sources. The timer has two lines:
 * the HPET's legacy replacement routes comparator 0 (the tick) to IRQ 0 and
 * comparator 1 (alarms) to IRQ 8. */
export const PC_IRQS: Readonly<Partial<Record<IrqSource, readonly number[]>>> = {
  timer: [0, 8],
  keyboard: [1],
  serial: [4],
  disk: [14],
};

export class Pic8259Controller implements InterruptController {
  private masterMask = 0xff;
  private slaveMask = 0xff;
  /** IRQs acknowledged and not yet ended, most recent last, so that
   * endOfInterrupt(source) retires the line that source came in on. */
  private readonly inService: number[] = [];

  constructor(
    private readonly io: PortIo,
    private readonly irqs: Readonly<Partial<Record<IrqSource, readonly number[]>>> = PC_IRQS,
  ) {}

  init(): void {
    this.io.out8(MASTER_COMMAND, ICW1_INIT_IC4);
    this.io.out8(SLAVE_COMMAND, ICW1_INIT_IC4);
    this.io.out8(MASTER_DATA, PIC_MASTER_VECTOR); // ICW2
    this.io.out8(SLAVE_DATA, PIC_SLAVE_VECTOR);
    this.io.out8(MASTER_DATA, 1 << CASCADE_IRQ); // ICW3: a slave on IR2
    this.io.out8(SLAVE_DATA, CASCADE_IRQ); // ICW3: slave id 2
    this.io.out8(MASTER_DATA, ICW4_8086);
    this.io.out8(SLAVE_DATA, ICW4_8086);
    this.masterMask = 0xff;
    this.slaveMask = 0xff;
    this.inService.length = 0;
    this.writeMasks();
  }

  enable(source: IrqSource): boolean {
    const lines = this.irqs[source];
    if (!lines || lines.length === 0) return false;
    for (const irq of lines) {
      if (irq < 8) this.masterMask &= ~(1 << irq);
      else {
        this.slaveMask &= ~(1 << (irq - 8));
        this.masterMask &= ~(1 << CASCADE_IRQ);
      }
    }
    this.writeMasks();
    return true;
  }

  disable(source: IrqSource): void {
    const lines = this.irqs[source];
    if (!lines) return;
    for (const irq of lines) {
      if (irq < 8) this.masterMask |= 1 << irq;
      else this.slaveMask |= 1 << (irq - 8);
    }
    if (this.slaveMask === 0xff) this.masterMask |= 1 << CASCADE_IRQ;
    this.writeMasks();
  }

  acknowledge(vector: number): IrqSource | null {
    const irq = vector - PIC_MASTER_VECTOR;
    if (irq < 0 || irq > 15) return null;
    if (irq === SPURIOUS_IR && !(this.readIsr(MASTER_COMMAND) & (1 << SPURIOUS_IR))) return null;
    if (irq === 8 + SPURIOUS_IR && !(this.readIsr(SLAVE_COMMAND) & (1 << SPURIOUS_IR))) {
      this.io.out8(MASTER_COMMAND, OCW2_SPECIFIC_EOI | CASCADE_IRQ);
      return null;
    }
    const source = this.sourceOf(irq);
    if (source === null) {
      // A line no source owns (it was never unmasked by us): retire it.
      this.eoi(irq);
      return null;
    }
    this.inService.push(irq);
    return source;
  }

  endOfInterrupt(source: IrqSource): void {
    const lines = this.irqs[source];
    if (!lines) return;
    for (let i = this.inService.length - 1; i >= 0; i--) {
      if (lines.includes(this.inService[i])) {
        const irq = this.inService[i];
        this.inService.splice(i, 1);
        this.eoi(irq);
        return;
      }
    }
  }

  /** The pending requests (IRR) of both chips, IRQ 15..0: for diagnostics. */
  pendingRequests(): number {
    this.io.out8(MASTER_COMMAND, OCW3_READ_IRR);
    this.io.out8(SLAVE_COMMAND, OCW3_READ_IRR);
    return this.io.in8(MASTER_COMMAND) | (this.io.in8(SLAVE_COMMAND) << 8);
  }

  private sourceOf(irq: number): IrqSource | null {
    for (const [source, lines] of Object.entries(this.irqs) as [IrqSource, readonly number[]][]) {
      if (lines.includes(irq)) return source;
    }
    return null;
  }

  private eoi(irq: number): void {
    if (irq >= 8) {
      this.io.out8(SLAVE_COMMAND, OCW2_SPECIFIC_EOI | (irq - 8));
      this.io.out8(MASTER_COMMAND, OCW2_SPECIFIC_EOI | CASCADE_IRQ);
    } else {
      this.io.out8(MASTER_COMMAND, OCW2_SPECIFIC_EOI | irq);
    }
  }

  private readIsr(command: number): number {
    this.io.out8(command, OCW3_READ_ISR);
    const isr = this.io.in8(command);
    this.io.out8(command, OCW3_READ_IRR); // leave the chip reading IRR
    return isr;
  }

  private writeMasks(): void {
    this.io.out8(MASTER_DATA, this.masterMask);
    this.io.out8(SLAVE_DATA, this.slaveMask);
  }
}
