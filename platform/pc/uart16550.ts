/**
 * A 16550A UART (COM1 at 0x3F8 on the pc board), at register level.
 *
 * Modelled: DLAB and the divisor latch, IER, the IIR priority scheme (line
 * status > received data > character timeout > THR empty > modem status),
 * 16-byte FIFOs with the FCR trigger levels, LSR (DR, OE, THRE, TEMT), MCR
 * loopback and OUT2, which gates the IRQ as on PC boards, and the scratch
 * register. The line is instantaneous (platform/serial-wire.ts), so THRE and
 * TEMT read set right after a write; the far end offers a byte only while
 * the receive FIFO has room (canReceive), so OE marks only loopback
 * overruns. The character timeout fires four
 * character times after the last received byte while the FIFO holds data
 * below its trigger level.
 */
import { Clock, ClockEvent } from '../clock';
import { AccessSize, PortDevice } from '../bus/devices';
import { IrqLine } from '../irq';
import { SerialDevice, SerialHost } from '../serial-wire';

// Register offsets (PC16550D datasheet, table II).
export const RBR_THR_DLL = 0;
export const IER_DLM = 1;
export const IIR_FCR = 2;
export const LCR = 3;
export const MCR = 4;
export const LSR = 5;
export const MSR = 6;
export const SCR = 7;

// IER bits.
export const IER_ERBFI = 0x01; // received data available
export const IER_ETBEI = 0x02; // THR empty
export const IER_ELSI = 0x04; // receiver line status
export const IER_EDSSI = 0x08; // modem status

// IIR values (bit 0 clear = interrupt pending).
export const IIR_NONE = 0x01;
export const IIR_LINE_STATUS = 0x06;
export const IIR_RX_DATA = 0x04;
export const IIR_RX_TIMEOUT = 0x0c;
export const IIR_THR_EMPTY = 0x02;
export const IIR_MODEM_STATUS = 0x00;
export const IIR_FIFOS_ENABLED = 0xc0;

// FCR bits.
export const FCR_ENABLE = 0x01;
export const FCR_CLEAR_RX = 0x02;
export const FCR_CLEAR_TX = 0x04;

export const LCR_DLAB = 0x80;

export const MCR_DTR = 0x01;
export const MCR_RTS = 0x02;
export const MCR_OUT1 = 0x04;
export const MCR_OUT2 = 0x08;
export const MCR_LOOP = 0x10;

export const LSR_DR = 0x01;
export const LSR_OE = 0x02;
export const LSR_THRE = 0x20;
export const LSR_TEMT = 0x40;

const FIFO_SIZE = 16;
const TRIGGER_LEVELS = [1, 4, 8, 14];
const BASE_CLOCK_HZ = 1_843_200; // the PC's UART crystal: 115200 * 16

export class Uart16550 implements PortDevice, SerialDevice {
  private readonly rx: number[] = [];
  private ier = 0;
  private lcr = 0x03;
  private mcr = 0;
  private lsrErrors = 0;
  private scr = 0;
  private divisor = 12; // 9600 baud, the BIOS default
  private fifoEnabled = false;
  private triggerLevel = 1;
  private thrEmptyPending = true;
  private timeoutPending = false;
  private timeoutEvent: ClockEvent | null = null;
  private host: SerialHost | null = null;

  constructor(
    readonly name: string,
    private readonly irq: IrqLine,
    private readonly clock: Clock,
  ) {}

  attachHost(host: SerialHost): void {
    this.host = host;
  }

  /** Bits per second from the divisor latch. */
  get baud(): number {
    return BASE_CLOCK_HZ / 16 / Math.max(1, this.divisor);
  }

  canReceive(): boolean {
    // In loopback the receiver listens to the transmitter, not the line.
    return !(this.mcr & MCR_LOOP) && this.rx.length < this.rxCapacity;
  }

  receive(byte: number): boolean {
    if (this.mcr & MCR_LOOP) return false; // the receiver listens to the transmitter
    return this.pushReceived(byte);
  }

  private get rxCapacity(): number {
    return this.fifoEnabled ? FIFO_SIZE : 1;
  }

  in(offset: number, _size: AccessSize): number {
    const dlab = (this.lcr & LCR_DLAB) !== 0;
    switch (offset) {
      case RBR_THR_DLL:
        return dlab ? this.divisor & 0xff : this.readRbr();
      case IER_DLM:
        return dlab ? (this.divisor >> 8) & 0xff : this.ier;
      case IIR_FCR:
        return this.readIir();
      case LCR:
        return this.lcr;
      case MCR:
        return this.mcr;
      case LSR:
        return this.readLsr();
      case MSR:
        return this.readMsr();
      case SCR:
        return this.scr;
      default:
        return 0xff;
    }
  }

  out(offset: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    const dlab = (this.lcr & LCR_DLAB) !== 0;
    switch (offset) {
      case RBR_THR_DLL:
        if (dlab) this.divisor = (this.divisor & 0xff00) | value;
        else this.transmit(value);
        break;
      case IER_DLM:
        if (dlab) this.divisor = (this.divisor & 0x00ff) | (value << 8);
        else {
          const enabledThre = (value & IER_ETBEI) !== 0 && (this.ier & IER_ETBEI) === 0;
          this.ier = value & 0x0f;
          if (enabledThre) this.thrEmptyPending = true; // THR is always empty here
        }
        break;
      case IIR_FCR:
        this.writeFcr(value);
        break;
      case LCR:
        this.lcr = value;
        break;
      case MCR:
        this.mcr = value & 0x1f;
        break;
      case SCR:
        this.scr = value;
        break;
      default:
        break; // LSR and MSR are read-only
    }
    this.updateIrq();
  }

  private transmit(byte: number): void {
    if (this.mcr & MCR_LOOP) this.pushReceived(byte);
    else if (this.host) this.host.transmit(byte);
    this.thrEmptyPending = true;
  }

  private pushReceived(byte: number): boolean {
    if (this.rx.length >= this.rxCapacity) {
      this.lsrErrors |= LSR_OE;
      this.updateIrq();
      return false;
    }
    this.rx.push(byte & 0xff);
    this.restartTimeout();
    this.updateIrq();
    return true;
  }

  private readRbr(): number {
    const byte = this.rx.length > 0 ? this.rx.shift()! : 0;
    this.timeoutPending = false;
    if (this.rx.length > 0) this.restartTimeout();
    this.updateIrq();
    if (this.host && !(this.mcr & MCR_LOOP)) this.host.receiveReady();
    return byte;
  }

  private readLsr(): number {
    let lsr = LSR_THRE | LSR_TEMT | this.lsrErrors;
    if (this.rx.length > 0) lsr |= LSR_DR;
    this.lsrErrors = 0; // OE clears on read
    this.updateIrq();
    return lsr;
  }

  private readMsr(): number {
    if (this.mcr & MCR_LOOP) {
      // Loopback wires DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD.
      const m = this.mcr;
      return ((m & MCR_RTS) << 3) | ((m & MCR_DTR) << 5) | ((m & MCR_OUT1) << 4) | ((m & MCR_OUT2) << 4);
    }
    return 0xb0; // CTS, DSR and DCD asserted: a host is always there
  }

  private readIir(): number {
    const id = this.currentInterrupt();
    if (id === IIR_THR_EMPTY) {
      this.thrEmptyPending = false; // reading IIR acknowledges THRE
      this.updateIrq();
    }
    return id | (this.fifoEnabled ? IIR_FIFOS_ENABLED : 0);
  }

  private writeFcr(value: number): void {
    const enable = (value & FCR_ENABLE) !== 0;
    if (enable !== this.fifoEnabled || value & FCR_CLEAR_RX) {
      this.rx.length = 0;
      this.timeoutPending = false;
    }
    this.fifoEnabled = enable;
    this.triggerLevel = enable ? TRIGGER_LEVELS[(value >> 6) & 3] : 1;
  }

  /** The IIR priority scheme of the datasheet. */
  private currentInterrupt(): number {
    if (this.ier & IER_ELSI && this.lsrErrors) return IIR_LINE_STATUS;
    if (this.ier & IER_ERBFI) {
      if (this.rx.length >= this.triggerLevel) return IIR_RX_DATA;
      if (this.timeoutPending && this.rx.length > 0) return IIR_RX_TIMEOUT;
    }
    if (this.ier & IER_ETBEI && this.thrEmptyPending) return IIR_THR_EMPTY;
    return IIR_NONE;
  }

  private updateIrq(): void {
    const requesting = this.currentInterrupt() !== IIR_NONE;
    this.irq.set(requesting && (this.mcr & MCR_OUT2) !== 0);
  }

  /** Four character times (10 bits each) after the last byte. */
  private restartTimeout(): void {
    this.timeoutPending = false;
    this.clock.cancel(this.timeoutEvent);
    if (!this.fifoEnabled) return;
    const charNs = (10 * 1e9) / this.baud;
    this.timeoutEvent = this.clock.scheduleCallIn(4 * charNs, this, 'characterTimeout');
  }

  /** The clock event: four character times without input. */
  characterTimeout(): void {
    this.timeoutEvent = null;
    this.timeoutPending = this.rx.length > 0;
    this.updateIrq();
  }
}
