/**
 * The PC/AT's two cascaded 8259As: the master at ports 0x20/0x21 with the
 * slave's INT wired to its IR2, the slave at 0xA0/0xA1 (IRQ 8-15). The
 * master's INT is the CPU's INTR; the acknowledge cycle is the INTA pair of
 * pulses: the master resolves, and if the winning IR has a slave (ICW3) the
 * slave supplies the vector over the cascade bus.
 *
 * The spurious cases follow from the chips: a request that vanished before
 * INTA gives the master's IR7 vector with no ISR bit (IRQ 7); if it vanished
 * on the slave, the master has put IR2 in service and the slave answers its
 * own IR7 vector with no ISR bit (IRQ 15), so software must still send the
 * master an EOI.
 */
import type { PortDevice } from '../bus/devices';
import { InterruptTarget, IrqLine, VectoredInterruptSource } from '../irq';
import { Pic8259 } from './pic8259';

export const PIC_MASTER_PORT = 0x20;
export const PIC_SLAVE_PORT = 0xa0;
/** The master IR the slave's INT is wired to on a PC/AT. */
export const CASCADE_IR = 2;
/** ELCR ports (IRQ 0-7, IRQ 8-15). */
export const PIC_ELCR_PORT = 0x4d0;
/** IRQs the ELCR cannot make level-triggered: 0, 1, 2 (master), 8, 13 (slave). */
const ELCR_MASTER_FIXED_EDGE = 0x07;
const ELCR_SLAVE_FIXED_EDGE = 0x21;

export class PicPair implements VectoredInterruptSource {
  readonly master = new Pic8259('pic-master', true);
  readonly slave = new Pic8259('pic-slave', false);
  /** IRQ 0-15 input lines, for devices. IRQ 2 is the cascade. */
  readonly lines: readonly IrqLine[];
  private target: InterruptTarget | null = null;

  /** The ELCR pair at 0x4D0/0x4D1, mapped by the board. */
  readonly elcr: PortDevice = {
    name: 'pic-elcr',
    in: (offset) => (offset === 0 ? this.master : this.slave).edgeLevelControl,
    out: (offset, _size, value) => {
      if (offset === 0) this.master.edgeLevelControl = value & ~ELCR_MASTER_FIXED_EDGE;
      else this.slave.edgeLevelControl = value & ~ELCR_SLAVE_FIXED_EDGE;
    },
  };
  private intr = false;

  constructor() {
    this.slave.connect({ outputChanged: () => this.master.setInput(CASCADE_IR, this.slave.intOutput) });
    this.master.connect({ outputChanged: () => this.updateIntr() });
    const lines: IrqLine[] = [];
    for (let irq = 0; irq < 16; irq++) {
      const chip = irq < 8 ? this.master : this.slave;
      const ir = irq & 7;
      lines.push({ set: (level) => chip.setInput(ir, level) });
    }
    this.lines = lines;
  }

  /** The core to tell when INTR changes (connected when the core exists). */
  connect(target: InterruptTarget): void {
    this.target = target;
  }

  pending(): boolean {
    return this.intr;
  }

  acknowledge(): number {
    const ir = this.master.acknowledgeIr();
    if (ir >= 0 && this.master.slaveMask & (1 << ir)) {
      return this.slave.vectorFor(this.slave.acknowledgeIr());
    }
    return this.master.vectorFor(ir);
  }

  private updateIntr(): void {
    const intr = this.master.intOutput;
    if (intr === this.intr) return;
    this.intr = intr;
    this.target?.interruptLevelChanged();
  }
}
