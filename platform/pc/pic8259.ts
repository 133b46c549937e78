/**
 * One Intel 8259A programmable interrupt controller (8259A datasheet,
 * "Programming the 8259A"), at register level: the command port (A0 = 0)
 * and the data port (A0 = 1).
 *
 * Modelled: the ICW1-ICW4 initialisation sequence (single/cascade, ICW4
 * needed, LTIM level/edge, 8086 mode, AEOI, special fully nested mode),
 * OCW1 masking, OCW2 (non-specific and specific EOI, rotation, set
 * priority), OCW3 (read IRR/ISR, poll, special mask mode), priority
 * resolution with rotation, and the IR input logic: an edge-sense latch set
 * on a rising edge and cleared by the acknowledge, ANDed with the input
 * level, so a request that goes away before INTA is lost and the INTA
 * cycle yields the default IR7 vector without setting ISR bit 7 (the
 * datasheet's "spurious interrupt").
 *
 * The EISA/PCI edge/level control register (ELCR, ports 0x4D0/0x4D1 on
 * the pair) makes single IRs level-triggered, as PCI's shared interrupts
 * need; IRQ 0, 1, 2, 8 and 13 are always edge-triggered.
 * Not modelled: MCS-80/85 mode (3-byte CALL vectors), buffered-mode pins.
 */
import { AccessSize, PortDevice } from '../bus/devices';

// Port offsets (A0).
export const PIC_COMMAND = 0;
export const PIC_DATA = 1;

// ICW1 (command port, bit 4 set).
export const ICW1_IC4 = 0x01; // ICW4 needed
export const ICW1_SNGL = 0x02; // single, no ICW3
export const ICW1_LTIM = 0x08; // level-triggered inputs
export const ICW1_INIT = 0x10;

// ICW4.
export const ICW4_UPM = 0x01; // 8086/88 mode
export const ICW4_AEOI = 0x02;
export const ICW4_SFNM = 0x10;

// OCW2 (command port, bits 4:3 = 00): R SL EOI in bits 7:5, level in 2:0.
export const OCW2_NON_SPECIFIC_EOI = 0x20;
export const OCW2_SPECIFIC_EOI = 0x60;
export const OCW2_ROTATE_NON_SPECIFIC_EOI = 0xa0;
export const OCW2_ROTATE_AEOI_SET = 0x80;
export const OCW2_ROTATE_AEOI_CLEAR = 0x00;
export const OCW2_ROTATE_SPECIFIC_EOI = 0xe0;
export const OCW2_SET_PRIORITY = 0xc0;

// OCW3 (command port, bits 4:3 = 01).
export const OCW3 = 0x08;
export const OCW3_RIS = 0x01; // read ISR (else IRR)
export const OCW3_RR = 0x02; // act on RIS
export const OCW3_POLL = 0x04;
export const OCW3_SMM = 0x20; // special mask mode value
export const OCW3_ESMM = 0x40; // act on SMM

/** The chip's view of its INT output and cascade partner. */
export interface Pic8259Wiring {
  /** INT output changed (the pair recomputes INTR or the master's IR2). */
  outputChanged(): void;
}

type InitState = 'ready' | 'icw2' | 'icw3' | 'icw4';

export class Pic8259 implements PortDevice {
  irr = 0;
  isr = 0;
  imr = 0;
  private edgeLatch = 0;
  private inputLevel = 0;
  private levelTriggered = false;
  /** ELCR: IRs that are level-triggered whatever LTIM says. */
  private elcr = 0;
  private vectorBase = 0;
  private icw1 = 0;
  private icw3 = 0;
  private icw4 = 0;
  private init: InitState = 'ready';
  private readIsr = false;
  private pollPending = false;
  private specialMask = false;
  private rotateOnAeoi = false;
  /** The IR with the lowest priority; IR (lowest + 1) & 7 has the highest. */
  private lowestPriority = 7;
  private wiring: Pic8259Wiring = { outputChanged: () => {} };

  constructor(
    readonly name: string,
    /** The master has no cascade address; a slave answers for its ICW3 id. */
    readonly isMaster: boolean,
  ) {}

  connect(wiring: Pic8259Wiring): void {
    this.wiring = wiring;
  }

  /** Bits of ICW3: on the master, which IRs have a slave. */
  get slaveMask(): number {
    return this.isMaster && !(this.icw1 & ICW1_SNGL) ? this.icw3 : 0;
  }

  /** An IR input pin changed level. */
  setInput(ir: number, level: boolean): void {
    const bit = 1 << ir;
    const was = (this.inputLevel & bit) !== 0;
    if (level === was) return;
    if (level) {
      this.inputLevel |= bit;
      this.edgeLatch |= bit; // a rising edge arms the request
    } else {
      this.inputLevel &= ~bit;
    }
    this.update();
  }

  /** The chip's INT output. */
  get intOutput(): boolean {
    return this.highestRequest() >= 0;
  }

  /**
   * The INTA sequence for this chip: returns the IR it puts in service, or
   * -1 when no request survives (the spurious case: IR7's vector, no ISR
   * bit). Call vectorFor() with the result.
   */
  acknowledgeIr(): number {
    const ir = this.highestRequest();
    if (ir < 0) return -1;
    const bit = 1 << ir;
    this.edgeLatch &= ~bit;
    if (this.icw4 & ICW4_AEOI) {
      if (this.rotateOnAeoi) this.lowestPriority = ir;
    } else {
      this.isr |= bit;
    }
    this.update();
    return ir;
  }

  /** The vector the chip drives in the second INTA pulse (8086 mode). */
  vectorFor(ir: number): number {
    return (this.vectorBase & 0xf8) | (ir < 0 ? 7 : ir);
  }

  in(offset: number, _size: AccessSize): number {
    if (offset === PIC_DATA) return this.imr;
    if (this.pollPending) {
      this.pollPending = false;
      const ir = this.acknowledgeIr();
      return ir < 0 ? 0 : 0x80 | ir;
    }
    return this.readIsr ? this.isr : this.irr;
  }

  out(offset: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    if (offset === PIC_COMMAND) {
      if (value & ICW1_INIT) this.startInit(value);
      else if (value & OCW3) this.writeOcw3(value);
      else this.writeOcw2(value);
    } else {
      this.writeData(value);
    }
    this.update();
  }

  private startInit(icw1: number): void {
    // ICW1 clears the IMR, the edge-sense latches and special mask mode,
    // gives IR7 the lowest priority and selects IRR for reading.
    this.icw1 = icw1;
    this.levelTriggered = (icw1 & ICW1_LTIM) !== 0;
    this.imr = 0;
    this.isr = 0;
    this.edgeLatch = 0;
    this.specialMask = false;
    this.readIsr = false;
    this.pollPending = false;
    this.lowestPriority = 7;
    this.rotateOnAeoi = false;
    this.icw4 = 0;
    this.init = 'icw2';
  }

  private writeData(value: number): void {
    switch (this.init) {
      case 'icw2':
        this.vectorBase = value & 0xf8;
        this.init = this.icw1 & ICW1_SNGL ? this.afterIcw3() : 'icw3';
        break;
      case 'icw3':
        this.icw3 = value;
        this.init = this.afterIcw3();
        break;
      case 'icw4':
        this.icw4 = value;
        this.init = 'ready';
        break;
      default:
        this.imr = value; // OCW1
        break;
    }
  }

  private afterIcw3(): InitState {
    return this.icw1 & ICW1_IC4 ? 'icw4' : 'ready';
  }

  private writeOcw2(value: number): void {
    const command = value & 0xe0;
    const level = value & 7;
    switch (command) {
      case OCW2_NON_SPECIFIC_EOI:
      case OCW2_ROTATE_NON_SPECIFIC_EOI: {
        const ir = this.highestInService();
        if (ir < 0) return;
        this.isr &= ~(1 << ir);
        if (command === OCW2_ROTATE_NON_SPECIFIC_EOI) this.lowestPriority = ir;
        return;
      }
      case OCW2_SPECIFIC_EOI:
        this.isr &= ~(1 << level);
        return;
      case OCW2_ROTATE_SPECIFIC_EOI:
        this.isr &= ~(1 << level);
        this.lowestPriority = level;
        return;
      case OCW2_SET_PRIORITY:
        this.lowestPriority = level;
        return;
      case OCW2_ROTATE_AEOI_SET:
        this.rotateOnAeoi = true;
        return;
      case OCW2_ROTATE_AEOI_CLEAR:
        this.rotateOnAeoi = false;
        return;
      default:
        return; // 0x40: no operation
    }
  }

  private writeOcw3(value: number): void {
    if (value & OCW3_ESMM) this.specialMask = (value & OCW3_SMM) !== 0;
    if (value & OCW3_POLL) this.pollPending = true;
    else if (value & OCW3_RR) this.readIsr = (value & OCW3_RIS) !== 0;
  }

  /** Rotates a bit set so that the highest-priority IR is bit 0. */
  private rotate(bits: number): number {
    const shift = (this.lowestPriority + 1) & 7;
    return ((bits >> shift) | (bits << (8 - shift))) & 0xff;
  }

  private highestInService(): number {
    const rotated = this.rotate(this.isr);
    if (rotated === 0) return -1;
    return (ctz(rotated) + this.lowestPriority + 1) & 7;
  }

  /** The IR the priority resolver would present now, or -1. */
  private highestRequest(): number {
    const requests = this.rotate(this.irr & ~this.imr);
    if (requests === 0) return -1;
    let inService = this.isr;
    // Special mask mode: masked IRs' ISR bits do not block (datasheet OCW3).
    if (this.specialMask) inService &= ~this.imr;
    // Special fully nested mode: a slave's higher requests pass the master's
    // in-service cascade IR.
    if (this.isMaster && this.icw4 & ICW4_SFNM) inService &= ~this.slaveMask;
    const rotatedIsr = this.rotate(inService);
    const request = ctz(requests);
    if (this.specialMask) {
      // Any unmasked request not itself in service may interrupt.
      const r = requests & ~rotatedIsr;
      if (r === 0) return -1;
      return (ctz(r) + this.lowestPriority + 1) & 7;
    }
    if (rotatedIsr !== 0 && ctz(rotatedIsr) <= request) return -1;
    return (request + this.lowestPriority + 1) & 7;
  }

  /** The ELCR bits for this chip (the pair owns the port). */
  get edgeLevelControl(): number {
    return this.elcr;
  }
  set edgeLevelControl(mask: number) {
    this.elcr = mask & 0xff;
    this.update();
  }

  private update(): void {
    const level = this.levelTriggered ? 0xff : this.elcr;
    this.irr = (this.inputLevel & level) | (this.edgeLatch & this.inputLevel & ~level);
    this.wiring.outputChanged();
  }

  /** Named fields for snapshots and tests. */
  state(): Record<string, number | boolean | string> {
    return {
      irr: this.irr,
      isr: this.isr,
      imr: this.imr,
      vectorBase: this.vectorBase,
      levelTriggered: this.levelTriggered,
      autoEoi: (this.icw4 & ICW4_AEOI) !== 0,
      specialMask: this.specialMask,
      lowestPriority: this.lowestPriority,
      init: this.init,
    };
  }
}

function ctz(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}
