/**
 * ESP32-C3 general DMA (GDMA) at 0x6003_F000 (TRM chapter "GDMA Controller";
 * offsets from ESP-IDF's soc/esp32c3/include/soc/gdma_reg.h): three channel
 * pairs. The transmit (OUT) side of each channel is modelled; a peripheral
 * selected by OUT_PERI_SEL (0 = SPI2) pulls the bytes as it clocks them out.
 *
 * A transfer is a linked list of descriptors in internal SRAM (TRM "Linked
 * List"): word 0 = size 11:0, length 23:12, suc_eof bit 30, owner bit 31
 * (1 = DMA); word 1 = buffer address; word 2 = next descriptor (0 = none).
 * OUT_LINK's 20-bit address selects the first descriptor in the
 * 0x3FC0_0000 window; START loads it. Per descriptor whose bytes are all
 * sent: OUT_DONE, and owner cleared if OUT_AUTO_WRBACK; for the descriptor
 * with suc_eof: OUT_EOF, OUT_TOTAL_EOF, and OUT_EOF_DES_ADDR. A descriptor
 * the DMA does not own (with OUT_CHECK_OWNER) or one outside SRAM stops the
 * channel with OUT_DSCR_ERR. INT_ST = INT_RAW & INT_ENA drives the channel's
 * interrupt source (44 + n) as a level.
 */
import { Bus } from '../bus/bus';
import { AccessSize, MmioDevice } from '../bus/devices';
import { IrqLine, UNCONNECTED_IRQ } from '../irq';
import { DeviceLog, UnmodelledRegisters } from './unmodelled';

export const GDMA_INT_RAW_CH0 = 0x00;
export const GDMA_INT_ST_CH0 = 0x04;
export const GDMA_INT_ENA_CH0 = 0x08;
export const GDMA_INT_CLR_CH0 = 0x0c;
export const GDMA_INT_STRIDE = 0x10;
export const GDMA_MISC_CONF = 0x44;
export const GDMA_DATE = 0x48;
export const GDMA_OUT_CONF0_CH0 = 0xd0;
export const GDMA_OUT_CONF1_CH0 = 0xd4;
export const GDMA_OUTFIFO_STATUS_CH0 = 0xd8;
export const GDMA_OUT_PUSH_CH0 = 0xdc;
export const GDMA_OUT_LINK_CH0 = 0xe0;
export const GDMA_OUT_STATE_CH0 = 0xe4;
export const GDMA_OUT_EOF_DES_ADDR_CH0 = 0xe8;
export const GDMA_OUT_EOF_BFR_DES_ADDR_CH0 = 0xec;
export const GDMA_OUT_DSCR_CH0 = 0xf0;
export const GDMA_OUT_DSCR_BF0_CH0 = 0xf4;
export const GDMA_OUT_DSCR_BF1_CH0 = 0xf8;
export const GDMA_OUT_PRI_CH0 = 0xfc;
export const GDMA_OUT_PERI_SEL_CH0 = 0x100;
export const GDMA_CHANNEL_STRIDE = 0xc0;

export const GDMA_OUT_DONE_INT = 1 << 3;
export const GDMA_OUT_EOF_INT = 1 << 4;
export const GDMA_OUT_DSCR_ERR_INT = 1 << 6;
export const GDMA_OUT_TOTAL_EOF_INT = 1 << 8;

export const GDMA_OUT_RST = 1 << 0; // OUT_CONF0
export const GDMA_OUT_AUTO_WRBACK = 1 << 2; // OUT_CONF0
export const GDMA_OUT_CHECK_OWNER = 1 << 12; // OUT_CONF1
export const GDMA_OUTLINK_ADDR_MASK = 0xfffff;
export const GDMA_OUTLINK_STOP = 1 << 20;
export const GDMA_OUTLINK_START = 1 << 21;
export const GDMA_OUTLINK_RESTART = 1 << 22;
export const GDMA_OUTLINK_PARK = 1 << 23;

/** Descriptor word 0 fields. */
export const DMA_DESCRIPTOR_SIZE_MASK = 0xfff;
export const DMA_DESCRIPTOR_LENGTH_S = 12;
export const DMA_DESCRIPTOR_SUC_EOF = 1 << 30;
export const DMA_DESCRIPTOR_OWNER_DMA = 1 << 31;

/** OUT_PERI_SEL values (TRM "Peripheral selection"). */
export const GDMA_PERIPHERAL_SPI2 = 0;
const PERI_SEL_NONE = 0x3f;

/** The high bits OUT_LINK's 20-bit address lives under (internal SRAM). */
export const GDMA_LINK_BASE = 0x3fc0_0000;
/** Internal SRAM on the data bus (SRAM1's DRAM view), what GDMA masters. */
export const GDMA_SRAM_BASE = 0x3fc8_0000;
export const GDMA_SRAM_SIZE = 384 << 10;
export const GDMA_CHANNEL_COUNT = 3;
const DATE_VALUE = 0x2008250;

interface OutChannel {
  intRaw: number;
  intEna: number;
  conf0: number;
  conf1: number;
  link: number;
  periSel: number;
  pri: number;
  /** Address of the descriptor being sent, or 0 when the channel is idle. */
  descriptor: number;
  /** Bytes of the current descriptor already sent. */
  sent: number;
  eofDescriptor: number;
  lastDescriptor: number;
}

/** What a peripheral receives as it pulls: views of guest RAM, in order. */
export type DmaSink = (chunk: Uint8Array) => void;

export class Gdma implements MmioDevice {
  readonly name = 'gdma';
  private readonly channels: OutChannel[] = [];
  private miscConf = 0;
  readonly unmodelled: UnmodelledRegisters;

  constructor(
    private readonly bus: Bus,
    private readonly irqs: readonly IrqLine[] = [UNCONNECTED_IRQ, UNCONNECTED_IRQ, UNCONNECTED_IRQ],
    log?: DeviceLog,
    /** The SRAM the DMA reaches: the ESP32-C3's internal DRAM by default. */
    private readonly dmaWindow: { base: number; size: number } = { base: GDMA_SRAM_BASE, size: GDMA_SRAM_SIZE },
  ) {
    this.unmodelled = new UnmodelledRegisters('gdma', log);
    for (let i = 0; i < GDMA_CHANNEL_COUNT; i++) {
      this.channels.push({
        intRaw: 0, intEna: 0, conf0: 0, conf1: GDMA_OUT_CHECK_OWNER, link: 0, periSel: PERI_SEL_NONE, pri: 0,
        descriptor: 0, sent: 0, eofDescriptor: 0, lastDescriptor: 0,
      });
    }
  }

  /** True when a started channel feeds `peripheral`. */
  hasOutData(peripheral: number): boolean {
    return this.channels.some((c) => c.periSel === peripheral && c.descriptor !== 0);
  }

  /** The peripheral clocks out up to `max` bytes: hands them to `sink` and
   * returns how many there were (fewer when the list ends). */
  pullOut(peripheral: number, max: number, sink: DmaSink): number {
    const index = this.channels.findIndex((c) => c.periSel === peripheral && c.descriptor !== 0);
    if (index < 0) return 0;
    const ch = this.channels[index];
    let moved = 0;
    while (moved < max && ch.descriptor !== 0) {
      const word0 = this.bus.read32(ch.descriptor);
      const length = (word0 >>> DMA_DESCRIPTOR_LENGTH_S) & 0xfff;
      const take = Math.min(length - ch.sent, max - moved);
      if (take > 0) {
        const buffer = this.bus.read32(ch.descriptor + 4) + ch.sent;
        const offset = this.bus.ramOffset(buffer);
        if (offset < 0 || !this.reachable(buffer, take)) {
          this.fail(index);
          break;
        }
        sink(this.bus.u8.subarray(offset, offset + take));
        ch.sent += take;
        moved += take;
      }
      if (ch.sent >= length) this.finishDescriptor(index, word0);
    }
    this.updateIrq(index);
    return moved;
  }

  read(offset: number, _size: AccessSize): number {
    if (offset < GDMA_INT_STRIDE * GDMA_CHANNEL_COUNT) {
      const ch = this.channels[offset >>> 4];
      switch (offset & 0xf) {
        case GDMA_INT_RAW_CH0:
          return ch.intRaw;
        case GDMA_INT_ST_CH0:
          return ch.intRaw & ch.intEna;
        case GDMA_INT_ENA_CH0:
          return ch.intEna;
        default:
          return 0;
      }
    }
    if (offset === GDMA_MISC_CONF) return this.miscConf;
    if (offset === GDMA_DATE) return DATE_VALUE;
    const reg = this.channelRegister(offset);
    if (!reg) {
      this.unmodelled.note('read', offset);
      return 0;
    }
    const ch = this.channels[reg.index];
    switch (reg.offset) {
      case GDMA_OUT_CONF0_CH0:
        return ch.conf0;
      case GDMA_OUT_CONF1_CH0:
        return ch.conf1;
      case GDMA_OUTFIFO_STATUS_CH0:
        return 0b10; // OUTFIFO_EMPTY: bytes go straight to the peripheral
      case GDMA_OUT_LINK_CH0:
        // OUTLINK_PARK (bit 23) reads 1 while the FSM is idle.
        return (ch.link & GDMA_OUTLINK_ADDR_MASK) | (ch.descriptor === 0 ? GDMA_OUTLINK_PARK : 0);
      case GDMA_OUT_STATE_CH0:
        return (ch.descriptor & 0x3ffff) | (ch.descriptor !== 0 ? 1 << 20 : 0);
      case GDMA_OUT_EOF_DES_ADDR_CH0:
        return ch.eofDescriptor;
      case GDMA_OUT_DSCR_CH0:
        return ch.descriptor;
      case GDMA_OUT_DSCR_BF0_CH0:
        return ch.lastDescriptor;
      case GDMA_OUT_PRI_CH0:
        return ch.pri;
      case GDMA_OUT_PERI_SEL_CH0:
        return ch.periSel;
      default:
        return 0;
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    value >>>= 0;
    if (offset < GDMA_INT_STRIDE * GDMA_CHANNEL_COUNT) {
      const index = offset >>> 4;
      const ch = this.channels[index];
      if ((offset & 0xf) === GDMA_INT_ENA_CH0) ch.intEna = value & 0x1fff;
      else if ((offset & 0xf) === GDMA_INT_CLR_CH0) ch.intRaw &= ~value;
      this.updateIrq(index);
      return;
    }
    if (offset === GDMA_MISC_CONF) {
      this.miscConf = value;
      return;
    }
    const reg = this.channelRegister(offset);
    if (!reg) {
      this.unmodelled.note('write', offset);
      return;
    }
    const ch = this.channels[reg.index];
    switch (reg.offset) {
      case GDMA_OUT_CONF0_CH0:
        if (value & GDMA_OUT_RST && !(ch.conf0 & GDMA_OUT_RST)) this.resetChannel(ch);
        ch.conf0 = value;
        break;
      case GDMA_OUT_CONF1_CH0:
        ch.conf1 = value;
        break;
      case GDMA_OUT_LINK_CH0:
        ch.link = value & GDMA_OUTLINK_ADDR_MASK;
        if (value & GDMA_OUTLINK_STOP) ch.descriptor = 0;
        if (value & GDMA_OUTLINK_START) this.start(reg.index, (GDMA_LINK_BASE | ch.link) >>> 0);
        else if (value & GDMA_OUTLINK_RESTART && ch.descriptor === 0 && ch.lastDescriptor !== 0) {
          // Continue after the last descriptor used.
          const next = this.bus.read32(ch.lastDescriptor + 8);
          if (next !== 0) this.start(reg.index, next);
        }
        break;
      case GDMA_OUT_PRI_CH0:
        ch.pri = value & 0xf;
        break;
      case GDMA_OUT_PERI_SEL_CH0:
        ch.periSel = value & 0x3f;
        break;
      default:
        break;
    }
  }

  private channelRegister(offset: number): { index: number; offset: number } | null {
    if (offset < GDMA_OUT_CONF0_CH0) return null;
    const index = Math.floor((offset - GDMA_OUT_CONF0_CH0) / GDMA_CHANNEL_STRIDE);
    if (index >= GDMA_CHANNEL_COUNT) return null;
    const local = offset - index * GDMA_CHANNEL_STRIDE;
    if (local > GDMA_OUT_PERI_SEL_CH0) return null;
    return { index, offset: local };
  }

  private resetChannel(ch: OutChannel): void {
    ch.descriptor = 0;
    ch.sent = 0;
  }

  private start(index: number, address: number): void {
    const ch = this.channels[index];
    ch.sent = 0;
    ch.descriptor = 0;
    if (!this.validDescriptor(index, address)) {
      this.fail(index);
      this.updateIrq(index);
      return;
    }
    ch.descriptor = address;
  }

  /** TRM: an owner error, or a descriptor whose second (buffer) or third
   * (next) word points outside the SRAM the DMA reaches. */
  private validDescriptor(index: number, address: number): boolean {
    if (address % 4 !== 0 || !this.reachable(address, 12) || this.bus.ramOffset(address) < 0) return false;
    const word0 = this.bus.read32(address);
    const ch = this.channels[index];
    if (ch.conf1 & GDMA_OUT_CHECK_OWNER && !(word0 & DMA_DESCRIPTOR_OWNER_DMA)) return false;
    const length = (word0 >>> DMA_DESCRIPTOR_LENGTH_S) & 0xfff;
    const buffer = this.bus.read32(address + 4);
    const next = this.bus.read32(address + 8);
    if (length > 0 && (!this.reachable(buffer, length) || this.bus.ramOffset(buffer) < 0)) return false;
    if (next !== 0 && !this.reachable(next, 12)) return false;
    return true;
  }

  /** Inside the internal SRAM window the GDMA masters (TRM: "GDMA can only
   * access internal RAM"). */
  private reachable(address: number, length: number): boolean {
    return address >= this.dmaWindow.base && address + length <= this.dmaWindow.base + this.dmaWindow.size && this.bus.ramSpan(address) >= length;
  }

  private finishDescriptor(index: number, word0: number): void {
    const ch = this.channels[index];
    const address = ch.descriptor;
    if (ch.conf0 & GDMA_OUT_AUTO_WRBACK) this.bus.write32(address, (word0 & ~DMA_DESCRIPTOR_OWNER_DMA) >>> 0);
    ch.intRaw |= GDMA_OUT_DONE_INT;
    ch.lastDescriptor = address;
    ch.sent = 0;
    if (word0 & DMA_DESCRIPTOR_SUC_EOF) {
      ch.intRaw |= GDMA_OUT_EOF_INT | GDMA_OUT_TOTAL_EOF_INT;
      ch.eofDescriptor = address;
      ch.descriptor = 0;
      return;
    }
    const next = this.bus.read32(address + 8);
    ch.descriptor = 0;
    if (next === 0) return; // the list ends without EOF: the channel idles
    if (!this.validDescriptor(index, next)) {
      this.fail(index);
      return;
    }
    ch.descriptor = next;
  }

  private fail(index: number): void {
    const ch = this.channels[index];
    ch.intRaw |= GDMA_OUT_DSCR_ERR_INT;
    ch.descriptor = 0;
  }

  private updateIrq(index: number): void {
    const ch = this.channels[index];
    this.irqs[index].set((ch.intRaw & ch.intEna) !== 0);
  }
}
