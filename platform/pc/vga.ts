/**
 * An IBM VGA at register level (IBM VGA Technical Reference; FreeVGA's
 * register pages): ports 0x3B0-0x3DF and the 128 KiB memory window at
 * 0xA0000, over 256 KiB of display memory in four planes.
 *
 * Modelled: miscellaneous output (0x3C2 write, 0x3CC read; bit 0 moves the
 * CRTC and input status 1 between 0x3Dx and 0x3Bx), the sequencer (0x3C4/5:
 * map mask, memory mode chain-4 and odd/even, clocking mode screen off),
 * the CRTC (0x3D4/5, 25 registers, write protection of 0-7 by CR11 bit 7;
 * cursor shape 0x0A/0x0B and location 0x0E/0x0F, start address, offset,
 * display end and scan-line doubling, which the renderer reads), the
 * graphics controller (0x3CE/F: set/reset, enable set/reset, colour
 * compare, rotate and logical op, read map select, write modes 0-3, read
 * modes 0-1, memory map select, bit mask, with the four latches), the
 * attribute controller (0x3C0 index/data flip-flop, reset by reading input
 * status 1; 0x3C1 read; palette, mode control, colour plane enable; PAS
 * bit), the DAC (0x3C6 pixel mask, 0x3C7 read index / DAC state, 0x3C8
 * write index, 0x3C9 data with 6-bit components and auto-increment after
 * each r, g, b triple) and input status 1's retrace bits from virtual time
 * (70 Hz frame, 31.78 us lines, vertical retrace where the CRTC puts it).
 *
 * Display memory is stored interleaved (byte = plane offset * 4 + plane),
 * so chain-4 (mode 13h) addresses are the array index itself. What is on
 * screen comes out of snapshot() (platform/screen.ts) via vga-render.ts.
 * Not modelled: the character generator (the host draws text with its own
 * font, so plane 2's font is not consulted), light pen, split screen (line
 * compare), horizontal pel panning, the mono (MDA) memory layout.
 */
import { Clock } from '../clock';
import { AccessSize, MmioDevice, PortDevice } from '../bus/devices';
import { ScreenSnapshot, ScreenSource } from '../screen';
import { MODE3_AC, MODE3_CRTC, MODE3_GC, MODE3_MISC, MODE3_SEQ, egaDacEntry } from './vga-bios-state';
import { renderSnapshot } from './vga-render';

export const VGA_PORT_BASE = 0x3b0;
export const VGA_PORT_COUNT = 0x30;
export const VGA_MEMORY_BASE = 0xa_0000;
export const VGA_MEMORY_SIZE = 0x2_0000;
export const VGA_VRAM_SIZE = 256 * 1024;

// Ports (absolute).
export const AC_INDEX_DATA = 0x3c0;
export const AC_DATA_READ = 0x3c1;
export const MISC_WRITE = 0x3c2;
export const SEQ_INDEX = 0x3c4;
export const SEQ_DATA = 0x3c5;
export const DAC_PEL_MASK = 0x3c6;
export const DAC_READ_INDEX = 0x3c7; // write: read index; read: DAC state
export const DAC_WRITE_INDEX = 0x3c8;
export const DAC_DATA = 0x3c9;
export const FEATURE_READ = 0x3ca;
export const MISC_READ = 0x3cc;
export const GC_INDEX = 0x3ce;
export const GC_DATA = 0x3cf;
export const CRTC_INDEX_COLOR = 0x3d4;
export const CRTC_DATA_COLOR = 0x3d5;
export const INPUT_STATUS1_COLOR = 0x3da;
export const CRTC_INDEX_MONO = 0x3b4;
export const CRTC_DATA_MONO = 0x3b5;
export const INPUT_STATUS1_MONO = 0x3ba;

// Register indexes and bits used here.
export const MISC_IOAS = 0x01;
export const SEQ_MAP_MASK = 2;
export const SEQ_MEMORY_MODE = 4;
export const SEQ_MM_CHAIN4 = 0x08;
export const SEQ_MM_ODD_EVEN_DISABLE = 0x04;
export const GC_SET_RESET = 0;
export const GC_ENABLE_SET_RESET = 1;
export const GC_COLOR_COMPARE = 2;
export const GC_DATA_ROTATE = 3;
export const GC_READ_MAP = 4;
export const GC_MODE = 5;
export const GC_MISC = 6;
export const GC_COLOR_DONT_CARE = 7;
export const GC_BIT_MASK = 8;
export const GC_MODE_ODD_EVEN = 0x10;
export const GC_MODE_READ1 = 0x08;
export const CRTC_VRETRACE_END = 0x11;
export const CRTC_PROTECT = 0x80;
export const CRTC_OVERFLOW = 0x07;
export const AC_PAS = 0x20;
export const STATUS1_DISPLAY_DISABLED = 0x01;
export const STATUS1_VRETRACE = 0x08;

const LINE_NS = 31_778; // 25.175 MHz / 800 dots
const ACTIVE_LINE_NS = 25_422; // 640 dots
const DAC_READ_MODE = 0x03;
const DAC_WRITE_MODE = 0x00;

export class Vga implements PortDevice, ScreenSource {
  readonly name = 'vga';
  readonly vram = new Uint8Array(VGA_VRAM_SIZE);
  misc = MODE3_MISC;
  readonly seq = new Uint8Array(8);
  readonly crtc = new Uint8Array(25);
  readonly gc = new Uint8Array(9);
  readonly ac = new Uint8Array(21);
  /** 256 entries of r, g, b, 6 bits each. */
  readonly dac = new Uint8Array(256 * 3);
  pelMask = 0xff;
  private seqIndex = 0;
  private crtcIndex = 0;
  private gcIndex = 0;
  private acIndex = 0;
  private acFlipFlopData = false;
  private dacWriteIndex = 0;
  private dacReadIndex = 0;
  private dacComponent = 0;
  private dacState = DAC_WRITE_MODE;
  private featureControl = 0;
  private readonly latch = new Uint8Array(4);
  private readonly unknownPorts = new Set<number>();

  /** The 128 KiB memory window at 0xA0000, mapped by the board. */
  readonly memory: MmioDevice = {
    name: 'vga-memory',
    read: (offset, size) => this.readMemory(offset, size),
    write: (offset, size, value) => this.writeMemory(offset, size, value),
    write32Copy: (offset, from) => this.writeMemoryWords(offset, from),
  };

  constructor(private readonly clock: Clock) {
    this.seq.set(MODE3_SEQ);
    this.crtc.set(MODE3_CRTC);
    this.gc.set(MODE3_GC);
    this.ac.set(MODE3_AC);
    this.acIndex = AC_PAS;
    for (let i = 0; i < 64; i++) this.dac.set(egaDacEntry(i), i * 3);
  }

  /** The attribute controller's palette address source: display on. */
  get paletteEnabled(): boolean {
    return (this.acIndex & AC_PAS) !== 0;
  }

  snapshot(): ScreenSnapshot {
    return renderSnapshot(this);
  }

  // ---- ports ----

  in(offset: number, size: AccessSize): number {
    if (size === 2) return this.in(offset, 1) | (this.in(offset + 1, 1) << 8);
    const port = VGA_PORT_BASE + offset;
    const color = (this.misc & MISC_IOAS) !== 0;
    switch (port) {
      case AC_INDEX_DATA:
        return this.acIndex;
      case AC_DATA_READ:
        return this.ac[this.acIndex & 0x1f] ?? 0;
      case MISC_WRITE:
        return 0x10; // input status 0: switch sense
      case SEQ_INDEX:
        return this.seqIndex;
      case SEQ_DATA:
        return this.seq[this.seqIndex] ?? 0;
      case DAC_PEL_MASK:
        return this.pelMask;
      case DAC_READ_INDEX:
        return this.dacState;
      case DAC_WRITE_INDEX:
        return this.dacWriteIndex;
      case DAC_DATA:
        return this.readDac();
      case FEATURE_READ:
        return this.featureControl;
      case MISC_READ:
        return this.misc;
      case GC_INDEX:
        return this.gcIndex;
      case GC_DATA:
        return this.gc[this.gcIndex] ?? 0;
      case CRTC_INDEX_COLOR:
      case CRTC_INDEX_MONO:
        return this.crtcPortActive(port, color) ? this.crtcIndex : 0xff;
      case CRTC_DATA_COLOR:
      case CRTC_DATA_MONO:
        return this.crtcPortActive(port, color) ? (this.crtc[this.crtcIndex] ?? 0) : 0xff;
      case INPUT_STATUS1_COLOR:
      case INPUT_STATUS1_MONO:
        if (!this.crtcPortActive(port, color)) return 0xff;
        this.acFlipFlopData = false; // reading input status 1 resets the flip-flop
        return this.inputStatus1();
      default:
        this.noteUnknown(port);
        return 0xff;
    }
  }

  out(offset: number, size: AccessSize, value: number): void {
    if (size === 2) {
      // A 16-bit out writes index then data (the usual `out dx, ax`).
      this.out(offset, 1, value & 0xff);
      this.out(offset + 1, 1, (value >> 8) & 0xff);
      return;
    }
    value &= 0xff;
    const port = VGA_PORT_BASE + offset;
    const color = (this.misc & MISC_IOAS) !== 0;
    switch (port) {
      case AC_INDEX_DATA:
        if (!this.acFlipFlopData) this.acIndex = value & 0x3f;
        else if ((this.acIndex & 0x1f) < this.ac.length) this.ac[this.acIndex & 0x1f] = value;
        this.acFlipFlopData = !this.acFlipFlopData;
        return;
      case MISC_WRITE:
        this.misc = value;
        return;
      case SEQ_INDEX:
        this.seqIndex = value & 7;
        return;
      case SEQ_DATA:
        if (this.seqIndex < 5) this.seq[this.seqIndex] = value;
        return;
      case DAC_PEL_MASK:
        this.pelMask = value;
        return;
      case DAC_READ_INDEX:
        this.dacReadIndex = value;
        this.dacComponent = 0;
        this.dacState = DAC_READ_MODE;
        return;
      case DAC_WRITE_INDEX:
        this.dacWriteIndex = value;
        this.dacComponent = 0;
        this.dacState = DAC_WRITE_MODE;
        return;
      case DAC_DATA:
        this.writeDac(value);
        return;
      case GC_INDEX:
        this.gcIndex = value & 0x0f;
        return;
      case GC_DATA:
        if (this.gcIndex < this.gc.length) this.gc[this.gcIndex] = value;
        return;
      case CRTC_INDEX_COLOR:
      case CRTC_INDEX_MONO:
        if (this.crtcPortActive(port, color)) this.crtcIndex = value & 0x1f;
        return;
      case CRTC_DATA_COLOR:
      case CRTC_DATA_MONO:
        if (this.crtcPortActive(port, color)) this.writeCrtc(value);
        return;
      case INPUT_STATUS1_COLOR:
      case INPUT_STATUS1_MONO:
        if (this.crtcPortActive(port, color)) this.featureControl = value;
        return;
      default:
        this.noteUnknown(port);
        return;
    }
  }

  private crtcPortActive(port: number, color: boolean): boolean {
    return (port >= 0x3d0) === color;
  }

  private writeCrtc(value: number): void {
    const index = this.crtcIndex;
    if (index >= this.crtc.length) return;
    if (this.crtc[CRTC_VRETRACE_END] & CRTC_PROTECT && index <= CRTC_OVERFLOW) {
      // Protected: only the overflow register's line compare bit 8 stays writable.
      if (index === CRTC_OVERFLOW) this.crtc[index] = (this.crtc[index] & ~0x10) | (value & 0x10);
      return;
    }
    this.crtc[index] = value;
  }

  private writeDac(value: number): void {
    this.dac[this.dacWriteIndex * 3 + this.dacComponent] = value & 0x3f;
    if (++this.dacComponent === 3) {
      this.dacComponent = 0;
      this.dacWriteIndex = (this.dacWriteIndex + 1) & 0xff;
    }
  }

  private readDac(): number {
    const value = this.dac[this.dacReadIndex * 3 + this.dacComponent];
    if (++this.dacComponent === 3) {
      this.dacComponent = 0;
      this.dacReadIndex = (this.dacReadIndex + 1) & 0xff;
    }
    return value;
  }

  /** Retrace timing from virtual time and the CRTC's vertical registers. */
  private inputStatus1(): number {
    const c = this.crtc;
    const ov = c[CRTC_OVERFLOW];
    const total = c[6] + ((ov & 0x01) << 8) + ((ov & 0x20) << 4) + 2;
    const displayEnd = c[0x12] + ((ov & 0x02) << 7) + ((ov & 0x40) << 3) + 1;
    const retraceStart = c[0x10] + ((ov & 0x04) << 6) + ((ov & 0x80) << 2);
    const now = this.clock.nowNs();
    const line = Math.floor(now / LINE_NS) % Math.max(1, total);
    const intoLine = now % LINE_NS;
    let status = 0;
    // Vertical retrace ends when the line counter's low 4 bits match CR11.
    const retraceLength = (((c[CRTC_VRETRACE_END] & 0x0f) - (retraceStart & 0x0f) + 16) % 16) || 16;
    if (line >= retraceStart && line < retraceStart + retraceLength) status |= STATUS1_VRETRACE;
    if (line >= displayEnd || intoLine >= ACTIVE_LINE_NS) status |= STATUS1_DISPLAY_DISABLED;
    return status;
  }

  private noteUnknown(port: number): void {
    if (this.unknownPorts.has(port)) return;
    this.unknownPorts.add(port);
  }

  /** Ports software touched that the model does not implement. */
  get unknownPortsSeen(): readonly number[] {
    return [...this.unknownPorts];
  }

  // ---- memory ----

  /** Offset inside the selected window, or -1 when the window does not
   * decode `offset` (GC misc memory map select). */
  private windowOffset(offset: number): number {
    switch ((this.gc[GC_MISC] >> 2) & 3) {
      case 0:
        return offset;
      case 1:
        return offset < 0x1_0000 ? offset : -1;
      case 2:
        return offset >= 0x1_0000 && offset < 0x1_8000 ? offset - 0x1_0000 : -1;
      default:
        return offset >= 0x1_8000 ? offset - 0x1_8000 : -1;
    }
  }

  private readMemory(offset: number, size: AccessSize): number {
    let value = 0;
    for (let i = 0; i < size; i++) value |= this.readByte(offset + i) << (8 * i);
    return value >>> 0;
  }

  private writeMemory(offset: number, size: AccessSize, value: number): void {
    // Chain 4 (mode 13h) with all four planes enabled: an aligned dword
    // lands in VRAM as it is, what writeByte does four times (a frame is
    // 16,000 of these).
    if (size === 4 && (offset & 3) === 0 && this.seq[SEQ_MEMORY_MODE] & SEQ_MM_CHAIN4 && (this.seq[SEQ_MAP_MASK] & 0xf) === 0xf) {
      const a = this.windowOffset(offset);
      if (a < 0) return;
      const vram = this.vram;
      vram[a] = value & 0xff;
      vram[a + 1] = (value >>> 8) & 0xff;
      vram[a + 2] = (value >>> 16) & 0xff;
      vram[a + 3] = value >>> 24;
      return;
    }
    for (let i = 0; i < size; i++) this.writeByte(offset + i, (value >>> (8 * i)) & 0xff);
  }

  /** writeMemory(offset + 4k, 4, word k) of each little-endian word of
   * `from`: in chain 4 with all planes enabled, a run inside the window
   * lands in VRAM as it is, as one copy. */
  private writeMemoryWords(offset: number, from: Uint8Array): void {
    if ((offset & 3) === 0 && this.seq[SEQ_MEMORY_MODE] & SEQ_MM_CHAIN4 && (this.seq[SEQ_MAP_MASK] & 0xf) === 0xf) {
      const a = this.windowOffset(offset);
      if (a >= 0 && this.windowOffset(offset + from.length - 1) === a + from.length - 1) {
        this.vram.set(from, a);
        return;
      }
    }
    for (let i = 0; i < from.length; i += 4) {
      this.writeMemory(offset + i, 4, (from[i] | (from[i + 1] << 8) | (from[i + 2] << 16) | (from[i + 3] << 24)) >>> 0);
    }
  }

  readByte(offset: number): number {
    const a = this.windowOffset(offset);
    if (a < 0) return 0xff;
    const memoryMode = this.seq[SEQ_MEMORY_MODE];
    if (memoryMode & SEQ_MM_CHAIN4) {
      this.loadLatches(a >> 2);
      return this.vram[a];
    }
    if (!(memoryMode & SEQ_MM_ODD_EVEN_DISABLE) || this.gc[GC_MODE] & GC_MODE_ODD_EVEN) {
      const planeOffset = a & ~1;
      this.loadLatches(planeOffset);
      return this.vram[planeOffset * 4 + ((this.gc[GC_READ_MAP] & 2) | (a & 1))];
    }
    this.loadLatches(a);
    if (this.gc[GC_MODE] & GC_MODE_READ1) return this.colorCompare();
    return this.latch[this.gc[GC_READ_MAP] & 3];
  }

  writeByte(offset: number, value: number): void {
    const a = this.windowOffset(offset);
    if (a < 0) return;
    const memoryMode = this.seq[SEQ_MEMORY_MODE];
    const mapMask = this.seq[SEQ_MAP_MASK];
    if (memoryMode & SEQ_MM_CHAIN4) {
      if (mapMask & (1 << (a & 3))) this.vram[a] = value;
      return;
    }
    if (!(memoryMode & SEQ_MM_ODD_EVEN_DISABLE) || this.gc[GC_MODE] & GC_MODE_ODD_EVEN) {
      // Even addresses reach planes 0 and 2, odd ones planes 1 and 3.
      const planes = mapMask & (a & 1 ? 0b1010 : 0b0101);
      const base = (a & ~1) * 4;
      for (let p = 0; p < 4; p++) if (planes & (1 << p)) this.vram[base + p] = value;
      return;
    }
    this.writePlanar(a, value, mapMask);
  }

  private loadLatches(planeOffset: number): void {
    const base = (planeOffset & 0xffff) * 4;
    for (let p = 0; p < 4; p++) this.latch[p] = this.vram[base + p];
  }

  /** Read mode 1: bits where every cared-about plane matches the colour. */
  private colorCompare(): number {
    const compare = this.gc[GC_COLOR_COMPARE];
    const care = this.gc[GC_COLOR_DONT_CARE];
    let result = 0xff;
    for (let p = 0; p < 4; p++) {
      if (!(care & (1 << p))) continue;
      const want = compare & (1 << p) ? 0xff : 0x00;
      result &= ~(this.latch[p] ^ want);
    }
    return result & 0xff;
  }

  /** The graphics controller's write path (write modes 0-3). */
  private writePlanar(planeOffset: number, value: number, mapMask: number): void {
    const gc = this.gc;
    const rotate = gc[GC_DATA_ROTATE] & 7;
    const op = (gc[GC_DATA_ROTATE] >> 3) & 3;
    const rotated = ((value >> rotate) | (value << (8 - rotate))) & 0xff;
    let bitMask = gc[GC_BIT_MASK];
    const writeMode = gc[GC_MODE] & 3;
    const base = (planeOffset & 0xffff) * 4;
    for (let p = 0; p < 4; p++) {
      if (!(mapMask & (1 << p))) continue;
      const latch = this.latch[p];
      let data: number;
      switch (writeMode) {
        case 1:
          this.vram[base + p] = latch;
          continue;
        case 2:
          data = value & (1 << p) ? 0xff : 0x00;
          break;
        case 3:
          data = gc[GC_SET_RESET] & (1 << p) ? 0xff : 0x00;
          bitMask = gc[GC_BIT_MASK] & rotated;
          break;
        default:
          data = gc[GC_ENABLE_SET_RESET] & (1 << p) ? (gc[GC_SET_RESET] & (1 << p) ? 0xff : 0x00) : rotated;
          break;
      }
      // The logical operation applies in write modes 0, 2 and 3.
      if (op === 1) data &= latch;
      else if (op === 2) data |= latch;
      else if (op === 3) data ^= latch;
      this.vram[base + p] = ((data & bitMask) | (latch & ~bitMask)) & 0xff;
    }
  }
}
