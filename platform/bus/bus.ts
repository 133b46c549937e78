/**
 * The physical address map of a board: RAM windows into one ArrayBuffer,
 * MMIO regions and (x86) port I/O, each dispatched to its device model.
 *
 * Cores read RAM straight from the typed-array views (`u8`, `u16`, `u32`)
 * after translating through `ramOffset()`; everything else takes the slow
 * path here. Unmapped accesses follow the board's policy:
 *   - 'open-bus' (pc): reads return all ones, writes are dropped, as a PC's
 *     floating bus and unclaimed ports do;
 *   - 'fault' (esp32c3): the access sets `fault`, and the core raises an
 *     access fault, as the ESP32-C3's bus matrix does.
 * Either way the access is reported to the tracer when --trace-bus is on.
 */
import { AccessSize, MmioDevice, PortDevice } from './devices';

export type UnmappedPolicy = 'open-bus' | 'fault';

export interface RamWindow {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  /** Byte offset of the window inside the RAM buffer. Two windows with the
   * same offset alias the same memory (the ESP32-C3's IRAM/DRAM). */
  readonly offset: number;
  readonly readOnly: boolean;
}

interface MmioRegion {
  readonly base: number;
  readonly size: number;
  readonly device: MmioDevice;
}

interface PortRange {
  readonly first: number;
  readonly count: number;
  readonly device: PortDevice;
}

export type BusTracer = (message: string) => void;

/** Granule of self-modifying-code tracking, in bytes of the RAM buffer. */
export const CODE_PAGE_SHIFT = 12;

/** Bytes reserved after RAM in the same buffer for a core's own arrays
 * (`allocCoreWords`): what compiled code reads besides RAM (registers, the
 * software TLB) must share RAM's WebAssembly.Memory, since a wasm module
 * addresses one memory. Not RAM: not mapped at any physical address. A
 * snapshot saves it with the rest of the buffer (it holds live registers). */
export const CORE_AREA_BYTES = 128 * 1024;
const WASM_PAGE = 65536;
const SCRATCH_BYTES = 16;

export class Bus {
  /** RAM (the first `ramBytes`) then the core area: the buffer of `memory`. */
  readonly ram: ArrayBuffer;
  /** The WebAssembly.Memory backing `ram` (compiled wasm code imports it). */
  readonly memory: WebAssembly.Memory;
  /** Offset in `ram` of the core area (= the RAM size). */
  readonly coreArea: number;
  private coreAreaUsed = 0;
  /** The core area's last 4 words: where compiled code and its runtime
   * pass values (arch/riscv/wasm/runtime.ts); never machine state. */
  readonly scratchWords: Int32Array;
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly u32: Uint32Array;
  readonly view: DataView;

  /** One flag per 4 KiB of the RAM buffer: non-zero when a core holds
   * decoded code from that page. Any write there calls onCodeWrite. In
   * `memory` after the core area, so compiled wasm stores can test it. */
  readonly codePages: Uint8Array;
  onCodeWrite: (ramPage: number) => void = () => {};

  /** Set by a slow-path access to nothing under the 'fault' policy; the core
   * clears it before the access and checks it after. */
  fault = false;

  tracer: BusTracer | null = null;

  private readonly windows: RamWindow[] = [];
  private readonly regions: MmioRegion[] = [];
  private readonly ports: PortRange[] = [];

  constructor(ramBytes: number, readonly unmappedPolicy: UnmappedPolicy) {
    if (ramBytes % 4096 !== 0) throw new Error(`RAM size ${ramBytes} is not a multiple of 4 KiB`);
    // Never grown: growing would detach `ram` and every view of it.
    // After the core area: the code-page flags (compiled stores test them).
    const codePageBytes = ramBytes >>> CODE_PAGE_SHIFT;
    const pages = Math.ceil((ramBytes + CORE_AREA_BYTES + codePageBytes) / WASM_PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.ram = this.memory.buffer;
    this.coreArea = ramBytes;
    this.u8 = new Uint8Array(this.ram, 0, ramBytes);
    this.u16 = new Uint16Array(this.ram, 0, ramBytes >>> 1);
    this.u32 = new Uint32Array(this.ram, 0, ramBytes >>> 2);
    this.view = new DataView(this.ram, 0, ramBytes);
    this.codePages = new Uint8Array(this.ram, ramBytes + CORE_AREA_BYTES, codePageBytes);
    this.scratchWords = new Int32Array(this.ram, ramBytes + CORE_AREA_BYTES - SCRATCH_BYTES, SCRATCH_BYTES / 4);
  }

  /** The size of RAM in bytes. */
  get ramBytes(): number {
    return this.coreArea;
  }

  /** `count` 32-bit words of the core area, zeroed: registers and tables a
   * core's compiled code reads (see CORE_AREA_BYTES). */
  allocCoreWords(count: number): Int32Array {
    const bytes = count * 4;
    if (this.coreAreaUsed + bytes > CORE_AREA_BYTES - SCRATCH_BYTES) {
      throw new Error(`core area exhausted: ${count} words asked, ${(CORE_AREA_BYTES - SCRATCH_BYTES - this.coreAreaUsed) >> 2} left`);
    }
    const words = new Int32Array(this.ram, this.coreArea + this.coreAreaUsed, count);
    this.coreAreaUsed += bytes;
    return words;
  }

  /** `count` doubles of the core area (8-byte aligned), zeroed. */
  allocCoreDoubles(count: number): Float64Array {
    if (this.coreAreaUsed % 8 !== 0) this.allocCoreWords(1);
    const words = this.allocCoreWords(count * 2);
    return new Float64Array(words.buffer, words.byteOffset, count);
  }

  get ramWindows(): readonly RamWindow[] {
    return this.windows;
  }

  /** Maps `size` bytes of the RAM buffer starting at `offset` at physical `base`. */
  mapRam(name: string, base: number, size: number, offset: number, readOnly = false): void {
    if (offset + size > this.ramBytes) {
      throw new Error(`RAM window ${name} [${hex(offset)}+${hex(size)}] exceeds the ${hex(this.ramBytes)}-byte buffer`);
    }
    this.checkFree(name, base, size);
    this.windows.push({ name, base, size, offset, readOnly });
  }

  mapMmio(base: number, size: number, device: MmioDevice): void {
    this.checkFree(device.name, base, size);
    this.regions.push({ base, size, device });
  }

  mapPorts(first: number, count: number, device: PortDevice): void {
    for (const p of this.ports) {
      if (first < p.first + p.count && p.first < first + count) {
        throw new Error(`ports ${hex(first)}+${count} of ${device.name} overlap ${p.device.name}`);
      }
    }
    this.ports.push({ first, count, device });
  }

  /** Offset into the RAM buffer of physical `address`, or -1 when it is not
   * RAM. Read-only windows answer -1 when `forWrite`. */
  ramOffset(address: number, forWrite = false): number {
    const windows = this.windows;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i];
      if (address >= w.base && address < w.base + w.size) {
        if (forWrite && w.readOnly) return -1;
        return w.offset + (address - w.base);
      }
    }
    return -1;
  }

  /** Bytes of RAM window left from `address` (how far a page-sized fast path
   * may run), 0 when not RAM. */
  ramSpan(address: number): number {
    for (const w of this.windows) {
      if (address >= w.base && address < w.base + w.size) return w.base + w.size - address;
    }
    return 0;
  }

  read8(address: number): number {
    return this.read(address, 1);
  }
  read16(address: number): number {
    return this.read(address, 2);
  }
  read32(address: number): number {
    return this.read(address, 4);
  }
  write8(address: number, value: number): void {
    this.write(address, 1, value);
  }
  write16(address: number, value: number): void {
    this.write(address, 2, value);
  }
  write32(address: number, value: number): void {
    this.write(address, 4, value);
  }

  /** Reads `size` bytes, little-endian, unsigned. */
  read(address: number, size: AccessSize): number {
    const off = this.ramOffset(address);
    if (off >= 0 && this.ramSpan(address) >= size) {
      if (size === 1) return this.u8[off];
      if (size === 2) return this.view.getUint16(off, true);
      return this.view.getUint32(off, true);
    }
    const region = this.findRegion(address);
    if (region !== null) {
      const value = region.device.read(address - region.base, size) >>> 0;
      if (this.tracer) this.tracer(`mmio read${size * 8} ${region.device.name}+${hex(address - region.base)} -> ${hex(value)}`);
      return value;
    }
    return this.unmapped('read', address, size, 0);
  }

  /** Writes `size` bytes, little-endian. */
  write(address: number, size: AccessSize, value: number): void {
    const off = this.ramOffset(address, true);
    if (off >= 0 && this.ramSpan(address) >= size) {
      if (size === 1) this.u8[off] = value;
      else if (size === 2) this.view.setUint16(off, value, true);
      else this.view.setUint32(off, value >>> 0, true);
      this.noteRamWrite(off, size);
      return;
    }
    const region = this.findRegion(address);
    if (region !== null) {
      if (this.tracer) this.tracer(`mmio write${size * 8} ${region.device.name}+${hex(address - region.base)} <- ${hex(value >>> 0)}`);
      region.device.write(address - region.base, size, value >>> 0);
      return;
    }
    this.unmapped('write', address, size, value);
  }

  /** write(address + 4k, 4, word k) of each little-endian 32-bit word of
   * `from` (a multiple of 4 bytes long), in order. A run inside one RAM
   * window is one copy; one inside one device's region goes to the
   * device's write32Copy when it has one (and no tracer is watching). */
  write32Copy(address: number, from: Uint8Array): void {
    if (from.length & 3) throw new RangeError(`write32Copy of ${from.length} bytes: not whole words`);
    if (from.length === 0) return;
    const off = this.ramOffset(address, true);
    if (off >= 0 && this.ramSpan(address) >= from.length) {
      this.u8.set(from, off);
      this.noteRamWrite(off, from.length);
      return;
    }
    const region = off < 0 ? this.findRegion(address) : null;
    if (region !== null && region.device.write32Copy && !this.tracer && address - region.base + from.length <= region.size) {
      region.device.write32Copy(address - region.base, from);
      return;
    }
    for (let i = 0; i < from.length; i += 4) {
      this.write(address + i, 4, (from[i] | (from[i + 1] << 8) | (from[i + 2] << 16) | (from[i + 3] << 24)) >>> 0);
    }
  }

  /** Tells code caches that RAM buffer bytes [offset, offset+size) changed.
   * DMA engines and the kernel's loaders call it after writing `u8` directly. */
  noteRamWrite(offset: number, size: number): void {
    const first = offset >>> CODE_PAGE_SHIFT;
    const last = (offset + size - 1) >>> CODE_PAGE_SHIFT;
    for (let page = first; page <= last; page++) {
      if (this.codePages[page] !== 0) this.onCodeWrite(page);
    }
  }

  in8(port: number): number {
    return this.portIn(port, 1);
  }
  in16(port: number): number {
    return this.portIn(port, 2);
  }
  in32(port: number): number {
    return this.portIn(port, 4);
  }
  out8(port: number, value: number): void {
    this.portOut(port, 1, value);
  }
  out16(port: number, value: number): void {
    this.portOut(port, 2, value);
  }
  out32(port: number, value: number): void {
    this.portOut(port, 4, value);
  }

  portIn(port: number, size: AccessSize): number {
    const range = this.findPorts(port);
    if (range !== null) {
      const value = range.device.in(port - range.first, size) >>> 0;
      if (this.tracer) this.tracer(`in${size * 8} ${range.device.name}+${hex(port - range.first)} -> ${hex(value)}`);
      return value;
    }
    if (this.tracer) this.tracer(`unmapped in${size * 8} port ${hex(port)} -> all ones`);
    return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  }

  portOut(port: number, size: AccessSize, value: number): void {
    const range = this.findPorts(port);
    if (range !== null) {
      if (this.tracer) this.tracer(`out${size * 8} ${range.device.name}+${hex(port - range.first)} <- ${hex(value >>> 0)}`);
      range.device.out(port - range.first, size, value >>> 0);
      return;
    }
    if (this.tracer) this.tracer(`unmapped out${size * 8} port ${hex(port)} <- ${hex(value >>> 0)} (dropped)`);
  }

  /** A human-readable memory map, for `jos boards` and the boot log. */
  describe(): string[] {
    const lines: { base: number; text: string }[] = [];
    for (const w of this.windows) {
      lines.push({ base: w.base, text: `${range(w.base, w.size)}  ${w.readOnly ? 'rom' : 'ram'}   ${w.name} (${sizeText(w.size)})` });
    }
    for (const r of this.regions) lines.push({ base: r.base, text: `${range(r.base, r.size)}  mmio  ${r.device.name}` });
    lines.sort((a, b) => a.base - b.base);
    const ports = [...this.ports]
      .sort((a, b) => a.first - b.first)
      .map((p) => `port ${hex(p.first, 4)}-${hex(p.first + p.count - 1, 4)}  io    ${p.device.name}`);
    return [...lines.map((l) => l.text), ...ports];
  }

  private unmapped(kind: 'read' | 'write', address: number, size: AccessSize, value: number): number {
    if (this.unmappedPolicy === 'fault') this.fault = true;
    if (this.tracer) {
      const what = kind === 'read' ? '' : ` <- ${hex(value >>> 0)}`;
      const outcome = this.unmappedPolicy === 'fault' ? 'access fault' : kind === 'read' ? 'all ones' : 'dropped';
      this.tracer(`unmapped ${kind}${size * 8} ${hex(address)}${what} (${outcome})`);
    }
    if (kind === 'write' || this.unmappedPolicy === 'fault') return 0;
    return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  }

  private findRegion(address: number): MmioRegion | null {
    const regions = this.regions;
    for (let i = 0; i < regions.length; i++) {
      const r = regions[i];
      if (address >= r.base && address < r.base + r.size) return r;
    }
    return null;
  }

  private findPorts(port: number): PortRange | null {
    for (const p of this.ports) {
      if (port >= p.first && port < p.first + p.count) return p;
    }
    return null;
  }

  private checkFree(name: string, base: number, size: number): void {
    for (const w of this.windows) {
      if (base < w.base + w.size && w.base < base + size) throw new Error(`${name} at ${hex(base)} overlaps RAM window ${w.name}`);
    }
    for (const r of this.regions) {
      if (base < r.base + r.size && r.base < base + size) throw new Error(`${name} at ${hex(base)} overlaps ${r.device.name}`);
    }
  }
}

export function hex(value: number, digits = 0): string {
  return '0x' + value.toString(16).padStart(digits, '0');
}

function range(base: number, size: number): string {
  return `${hex(base, 8)}-${hex(base + size - 1, 8)}`;
}

export function sizeText(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/** Parses a memory size like "64M", "512K", "1G" or a plain byte count. */
export function parseMemorySize(text: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(text.trim());
  if (!m) throw new Error(`invalid memory size "${text}" (expected e.g. 64M, 512K, 1G)`);
  const unit = m[2].toUpperCase();
  const scale = unit === 'K' ? 1 << 10 : unit === 'M' ? 1 << 20 : unit === 'G' ? 1 << 30 : 1;
  return Number(m[1]) * scale;
}
