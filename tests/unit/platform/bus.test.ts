import { Bus, parseMemorySize } from '../../../platform/bus';
import type { AccessSize, MmioDevice, PortDevice } from '../../../platform/bus';

/** A device that records accesses and answers a register file. */
class RecordingDevice implements MmioDevice, PortDevice {
  readonly log: string[] = [];
  readonly regs = new Map<number, number>();
  constructor(readonly name: string) {}
  read(offset: number, size: AccessSize): number {
    this.log.push(`r${size}@${offset}`);
    return this.regs.get(offset) ?? 0;
  }
  write(offset: number, size: AccessSize, value: number): void {
    this.log.push(`w${size}@${offset}=${value}`);
    this.regs.set(offset, value);
  }
  in(offset: number, size: AccessSize): number {
    return this.read(offset, size);
  }
  out(offset: number, size: AccessSize, value: number): void {
    this.write(offset, size, value);
  }
}

describe('Bus', () => {
  test('RAM windows read and write little-endian through the shared buffer', () => {
    const bus = new Bus(0x4000, 'open-bus');
    bus.mapRam('ram', 0x1000, 0x4000, 0);
    bus.write32(0x1000, 0x11223344);
    expect(bus.u8[0]).toBe(0x44);
    expect(bus.u8[3]).toBe(0x11);
    expect(bus.read16(0x1002)).toBe(0x1122);
    expect(bus.read8(0x1001)).toBe(0x33);
    expect(bus.ramOffset(0x1004)).toBe(4);
    expect(bus.ramOffset(0x0fff)).toBe(-1);
  });

  test('RAM and the core area share one WebAssembly.Memory; the views cover RAM only', () => {
    const bus = new Bus(0x3000, 'fault');
    expect(bus.ram).toBe(bus.memory.buffer);
    expect([bus.u8.length, bus.u16.length, bus.u32.length, bus.view.byteLength, bus.ramBytes]).toEqual([0x3000, 0x1800, 0xc00, 0x3000, 0x3000]);
    const a = bus.allocCoreWords(33);
    const b = bus.allocCoreWords(3);
    expect([a.buffer === bus.ram, a.byteOffset, b.byteOffset]).toEqual([true, 0x3000, 0x3000 + 33 * 4]);
    a[1] = -7;
    expect(new Int32Array(bus.memory.buffer, 0x3004, 1)[0]).toBe(-7);
    expect(bus.scratchWords.byteOffset).toBeGreaterThan(b.byteOffset);
    expect(() => bus.allocCoreWords(1 << 20)).toThrow(/core area exhausted: 1048576 words asked/);
    expect(() => bus.mapRam('big', 0, 0x4000, 0)).toThrow(/exceeds the 0x3000-byte buffer/);
  });

  test('aliased windows see the same bytes', () => {
    const bus = new Bus(0x2000, 'fault');
    bus.mapRam('iram', 0x40000000, 0x2000, 0);
    bus.mapRam('dram', 0x3fc00000, 0x2000, 0);
    bus.write32(0x40000010, 0xdeadbeef);
    expect(bus.read32(0x3fc00010)).toBe(0xdeadbeef);
  });

  test('read-only windows ignore writes and report no write offset', () => {
    const bus = new Bus(0x1000, 'open-bus');
    bus.mapRam('rom', 0, 0x1000, 0, true);
    bus.write8(0x10, 0x55);
    expect(bus.read8(0x10)).toBe(0);
    expect(bus.ramOffset(0x10, true)).toBe(-1);
    expect(bus.ramOffset(0x10)).toBe(0x10);
  });

  test('MMIO dispatches with the offset inside the region', () => {
    const bus = new Bus(0x1000, 'open-bus');
    const dev = new RecordingDevice('dev');
    bus.mapMmio(0xfed00000, 0x400, dev);
    dev.regs.set(0xf0, 0x12345678);
    expect(bus.read32(0xfed000f0)).toBe(0x12345678);
    bus.write8(0xfed00010, 0x1ff);
    expect(dev.log).toEqual(['r4@240', 'w1@16=511']);
  });

  test('write32Copy: one copy into RAM, a device write32Copy in its region, else word writes in order', () => {
    const bus = new Bus(0x1000, 'open-bus');
    bus.mapRam('ram', 0, 0x1000, 0);
    const words = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    bus.write32Copy(0x10, words);
    expect([bus.read32(0x10), bus.read32(0x14)]).toEqual([0x04030201, 0x08070605]);
    const plain = new RecordingDevice('plain');
    bus.mapMmio(0xfed00000, 0x400, plain);
    bus.write32Copy(0xfed00008, words);
    expect(plain.log).toEqual([`w4@8=${0x04030201}`, `w4@12=${0x08070605}`]);
    const blocks: string[] = [];
    const block = Object.assign(new RecordingDevice('block'), {
      write32Copy: (offset: number, from: Uint8Array) => blocks.push(`${offset}:${Array.from(from).join(',')}`),
    });
    bus.mapMmio(0xfee00000, 0x10, block);
    bus.write32Copy(0xfee00008, words);
    expect([blocks, block.log]).toEqual([['8:1,2,3,4,5,6,7,8'], []]);
    // A run past the region's end, or one a tracer watches, goes word by word.
    bus.write32Copy(0xfee0000c, words);
    const traced: string[] = [];
    bus.tracer = (m) => traced.push(m);
    bus.write32Copy(0xfee00000, words.subarray(0, 4));
    bus.tracer = null;
    expect(block.log).toEqual([`w4@12=${0x04030201}`, `w4@0=${0x04030201}`]);
    expect(traced).toEqual(['mmio write32 block+0x0 <- 0x4030201']);
    expect(blocks).toHaveLength(1);
    expect(() => bus.write32Copy(0x10, words.subarray(0, 3))).toThrow(/not whole words/);
  });

  test('port I/O dispatches with the offset inside the range; unclaimed ports float high', () => {
    const bus = new Bus(0x1000, 'open-bus');
    const dev = new RecordingDevice('com1');
    bus.mapPorts(0x3f8, 8, dev);
    bus.out8(0x3fb, 0x80);
    expect(dev.regs.get(3)).toBe(0x80);
    expect(bus.in8(0x3fb)).toBe(0x80);
    expect(bus.in8(0x2f8)).toBe(0xff);
    expect(bus.in16(0x2f8)).toBe(0xffff);
  });

  test("unmapped memory: open bus reads all ones, the 'fault' policy flags the access", () => {
    const open = new Bus(0x1000, 'open-bus');
    expect(open.read32(0x9000_0000)).toBe(0xffffffff);
    expect(open.fault).toBe(false);
    const strict = new Bus(0x1000, 'fault');
    expect(strict.read32(0x9000_0000)).toBe(0);
    expect(strict.fault).toBe(true);
    strict.fault = false;
    strict.write8(0x9000_0000, 1);
    expect(strict.fault).toBe(true);
  });

  test('--trace-bus sees unmapped and device accesses', () => {
    const bus = new Bus(0x1000, 'open-bus');
    const lines: string[] = [];
    bus.tracer = (l) => lines.push(l);
    bus.read8(0x5000);
    bus.out8(0x80, 1);
    expect(lines).toEqual(['unmapped read8 0x5000 (all ones)', 'unmapped out8 port 0x80 <- 0x1 (dropped)']);
  });

  test('writes to pages holding decoded code are reported', () => {
    const bus = new Bus(0x4000, 'open-bus');
    bus.mapRam('ram', 0, 0x4000, 0);
    const pages: number[] = [];
    bus.onCodeWrite = (p) => pages.push(p);
    bus.codePages[2] = 1;
    bus.write32(0x1ffe, 0); // bytes 0x1ffe..0x2001 touch pages 1 and 2
    bus.write8(0x0100, 0);
    bus.noteRamWrite(0x2800, 16);
    expect(pages).toEqual([2, 2]);
  });

  test('overlapping regions are refused', () => {
    const bus = new Bus(0x2000, 'open-bus');
    bus.mapRam('ram', 0, 0x2000, 0);
    expect(() => bus.mapMmio(0x1000, 0x100, new RecordingDevice('x'))).toThrow(/overlaps RAM window ram/);
    bus.mapPorts(0x60, 1, new RecordingDevice('a'));
    expect(() => bus.mapPorts(0x60, 4, new RecordingDevice('b'))).toThrow(/overlap a/);
  });

  test('memory sizes parse like --memory expects', () => {
    expect(parseMemorySize('64M')).toBe(64 << 20);
    expect(parseMemorySize('512k')).toBe(512 << 10);
    expect(parseMemorySize('1G')).toBe(1 << 30);
    expect(parseMemorySize('4096')).toBe(4096);
    expect(() => parseMemorySize('lots')).toThrow(/invalid memory size/);
  });
});
