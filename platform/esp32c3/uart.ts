/**
 * ESP32-C3 UART0/UART1 at register level (ESP32-C3 TRM, chapter "UART
 * Controller"; offsets from ESP-IDF's soc/esp32c3/include/soc/uart_reg.h).
 *
 * Modelled: the 128-byte RX FIFO read through FIFO (0x00), TX through the
 * same register, INT_RAW/ST/ENA/CLR with RXFIFO_FULL, TXFIFO_EMPTY,
 * RXFIFO_OVF, RXFIFO_TOUT and TX_DONE, STATUS counts, CONF0 FIFO resets and
 * loopback, CONF1 thresholds and the RX timeout (MEM_CONF RX_TOUT_THRHD, in
 * bit times at the CLKDIV baud rate). The wire is instantaneous, so the TX
 * FIFO never holds bytes: TXFIFO_CNT reads 0 and TX_DONE follows every write.
 * Threshold interrupts are level conditions: clearing RXFIFO_FULL or
 * TXFIFO_EMPTY while the condition still holds sets it again at once, as
 * ESP-IDF's driver expects.
 */
import { Clock, ClockEvent } from '../clock';
import { AccessSize, MmioDevice } from '../bus/devices';
import { IrqLine } from '../irq';
import { SerialDevice, SerialHost } from '../serial-wire';

export const UART_FIFO = 0x00;
export const UART_INT_RAW = 0x04;
export const UART_INT_ST = 0x08;
export const UART_INT_ENA = 0x0c;
export const UART_INT_CLR = 0x10;
export const UART_CLKDIV = 0x14;
export const UART_STATUS = 0x1c;
export const UART_CONF0 = 0x20;
export const UART_CONF1 = 0x24;
export const UART_MEM_CONF = 0x60;
export const UART_DATE = 0x7c;
export const UART_ID = 0x80;

export const UART_RXFIFO_FULL_INT = 1 << 0;
export const UART_TXFIFO_EMPTY_INT = 1 << 1;
export const UART_RXFIFO_OVF_INT = 1 << 4;
export const UART_RXFIFO_TOUT_INT = 1 << 8;
export const UART_TX_DONE_INT = 1 << 14;

export const UART_LOOPBACK = 1 << 14; // CONF0
export const UART_RXFIFO_RST = 1 << 17; // CONF0
export const UART_TXFIFO_RST = 1 << 18; // CONF0
export const UART_RX_TOUT_EN = 1 << 21; // CONF1
export const UART_RX_TOUT_THRHD_S = 16; // MEM_CONF bits 25:16, in bit times

const RX_FIFO_SIZE = 128;
const APB_CLOCK_HZ = 80_000_000;
const RESET_CONF0 = 0x1000001c; // 8 data bits, 1 stop bit, no parity
const RESET_CONF1 = (0x60 << 9) | 0x60;
// MEM_CONF: RX_SIZE 3:1 and TX_SIZE 6:4 (one 128-byte block each), RX_TOUT_THRHD 25:16 = 10.
const RESET_MEM_CONF = (10 << UART_RX_TOUT_THRHD_S) | (1 << 4) | (1 << 1);
const RESET_CLKDIV = 0x2b6; // 115200 baud from the 80 MHz APB clock
const DATE_VALUE = 0x2008270;
const ID_VALUE = 0x500;

export class Esp32c3Uart implements MmioDevice, SerialDevice {
  private readonly rx: number[] = [];
  private intRaw = UART_TXFIFO_EMPTY_INT;
  private intEna = 0;
  private clkdiv = RESET_CLKDIV;
  private conf0 = RESET_CONF0;
  private conf1 = RESET_CONF1;
  private memConf = RESET_MEM_CONF;
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

  get baud(): number {
    const integer = this.clkdiv & 0xfff;
    const fraction = (this.clkdiv >>> 20) & 0xf;
    return APB_CLOCK_HZ / Math.max(1, integer + fraction / 16);
  }

  canReceive(): boolean {
    return !(this.conf0 & UART_LOOPBACK) && this.rx.length < RX_FIFO_SIZE;
  }

  receive(byte: number): boolean {
    if (this.conf0 & UART_LOOPBACK) return false;
    return this.pushReceived(byte);
  }

  read(offset: number, _size: AccessSize): number {
    switch (offset) {
      case UART_FIFO:
        return this.popReceived();
      case UART_INT_RAW:
        return this.intRaw;
      case UART_INT_ST:
        return this.intRaw & this.intEna;
      case UART_INT_ENA:
        return this.intEna;
      case UART_CLKDIV:
        return this.clkdiv;
      case UART_STATUS:
        return this.rx.length & 0x3ff; // TXFIFO_CNT (25:16) is always 0 on an instant wire
      case UART_CONF0:
        return this.conf0;
      case UART_CONF1:
        return this.conf1;
      case UART_MEM_CONF:
        return this.memConf;
      case UART_DATE:
        return DATE_VALUE;
      case UART_ID:
        return ID_VALUE;
      default:
        return 0;
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    switch (offset) {
      case UART_FIFO:
        this.transmit(value & 0xff);
        break;
      case UART_INT_ENA:
        this.intEna = value;
        break;
      case UART_INT_CLR:
        this.intRaw &= ~value;
        this.reassertLevels();
        break;
      case UART_CLKDIV:
        this.clkdiv = value;
        break;
      case UART_CONF0:
        this.conf0 = value;
        if (value & UART_RXFIFO_RST) this.rx.length = 0;
        this.reassertLevels();
        break;
      case UART_CONF1:
        this.conf1 = value;
        this.reassertLevels();
        break;
      case UART_MEM_CONF:
        this.memConf = value;
        break;
      default:
        break;
    }
    this.updateIrq();
  }

  private get rxFullThreshold(): number {
    return this.conf1 & 0x1ff;
  }

  private get txEmptyThreshold(): number {
    return (this.conf1 >>> 9) & 0x1ff;
  }

  private transmit(byte: number): void {
    if (this.conf0 & UART_LOOPBACK) this.pushReceived(byte);
    else if (this.host) this.host.transmit(byte);
    this.intRaw |= UART_TX_DONE_INT;
    this.reassertLevels();
  }

  private pushReceived(byte: number): boolean {
    if (this.rx.length >= RX_FIFO_SIZE) {
      this.intRaw |= UART_RXFIFO_OVF_INT;
      this.updateIrq();
      return false;
    }
    this.rx.push(byte);
    this.reassertLevels();
    this.restartTimeout();
    this.updateIrq();
    return true;
  }

  private popReceived(): number {
    const byte = this.rx.length > 0 ? this.rx.shift()! : 0;
    this.reassertLevels();
    this.updateIrq();
    if (this.host && !(this.conf0 & UART_LOOPBACK)) this.host.receiveReady();
    return byte;
  }

  /** RXFIFO_FULL and TXFIFO_EMPTY follow their threshold conditions. */
  private reassertLevels(): void {
    if (this.rx.length >= this.rxFullThreshold && this.rx.length > 0) this.intRaw |= UART_RXFIFO_FULL_INT;
    else this.intRaw &= ~UART_RXFIFO_FULL_INT;
    // The TX FIFO is always empty: below any threshold but zero.
    if (this.txEmptyThreshold > 0) this.intRaw |= UART_TXFIFO_EMPTY_INT;
    else this.intRaw &= ~UART_TXFIFO_EMPTY_INT;
  }

  /** RX_TOUT_THRHD bit times after the last received byte. */
  private restartTimeout(): void {
    this.clock.cancel(this.timeoutEvent);
    this.timeoutEvent = null;
    if (!(this.conf1 & UART_RX_TOUT_EN)) return;
    const bitTimes = (this.memConf >>> UART_RX_TOUT_THRHD_S) & 0x3ff;
    this.timeoutEvent = this.clock.scheduleCallIn((bitTimes * 1e9) / this.baud, this, 'rxTimeout');
  }

  /** The clock event: the receive timeout's bit times passed. */
  rxTimeout(): void {
    this.timeoutEvent = null;
    if (this.rx.length > 0) this.intRaw |= UART_RXFIFO_TOUT_INT;
    this.updateIrq();
  }

  private updateIrq(): void {
    this.irq.set((this.intRaw & this.intEna) !== 0);
  }
}
