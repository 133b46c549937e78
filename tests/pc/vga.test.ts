import { Bus, BusMmio, BusPortIo } from '../../platform/bus';
import { Vga, VGA_MEMORY_BASE, VGA_MEMORY_SIZE, VGA_PORT_BASE, VGA_PORT_COUNT } from '../../platform/pc/vga';
import type { PixelScreenSnapshot, TextScreenSnapshot } from '../../platform/screen';
import { VgaDisplay } from '../../kernel/drivers/vga';
import { FakeTime } from './harness';

function setup() {
  const time = new FakeTime();
  const vga = new Vga(time.clock);
  const bus = new Bus(2 << 20, 'open-bus');
  bus.mapRam('low', 0, 0xa0000, 0);
  bus.mapPorts(VGA_PORT_BASE, VGA_PORT_COUNT, vga);
  bus.mapMmio(VGA_MEMORY_BASE, VGA_MEMORY_SIZE, vga.memory);
  const display = new VgaDisplay(new BusPortIo(bus), new BusMmio(bus));
  return { time, vga, bus, display };
}

const text = (vga: Vga) => vga.snapshot() as TextScreenSnapshot;
const pixels = (vga: Vga) => vga.snapshot() as PixelScreenSnapshot;

describe('VGA model', () => {
  test('power-on is 80x25 text: cells at 0xB8000, EGA colours through the attribute palette', () => {
    const { vga, bus } = setup();
    bus.write16(0xb8000, 0x1f41); // 'A', white on blue
    bus.write8(0xb8000 + 2 * 81, 0x42);
    const s = text(vga);
    expect(s.kind).toBe('text');
    expect([s.columns, s.rows]).toEqual([80, 25]);
    expect(s.cells[0]).toBe(0x1f41);
    expect(s.cells[81] & 0xff).toBe(0x42);
    expect(Array.from(s.palette.slice(3, 6))).toEqual([0, 0, 170]); // blue
    expect(Array.from(s.palette.slice(18, 21))).toEqual([170, 85, 0]); // brown (palette reg 6 = 0x14)
    expect(Array.from(s.palette.slice(45, 48))).toEqual([255, 255, 255]);
    expect(bus.read16(0xb8000)).toBe(0x1f41);
  });

  test('cursor location and shape through CRTC 0x0E/0x0F and 0x0A/0x0B', () => {
    const { vga, bus } = setup();
    bus.out8(0x3d4, 0x0e);
    bus.out8(0x3d5, 0x00);
    bus.out8(0x3d4, 0x0f);
    bus.out8(0x3d5, 165); // row 2, column 5
    let s = text(vga);
    expect(s.cursor).toEqual({ column: 5, row: 2, visible: true });
    bus.out16(0x3d4, 0x200a); // index 0x0A, data 0x20: cursor disable
    expect(text(vga).cursor.visible).toBe(false);
    bus.out16(0x3d4, 0x0f0a); // start line 15 > end line 14: no cursor either
    expect(text(vga).cursor.visible).toBe(false);
    bus.out16(0x3d4, 0x0d0a);
    s = text(vga);
    expect(s.cursor.visible).toBe(true);
  });

  test('DAC: write index auto-increments after each triple; read index too; 6-bit components', () => {
    const { vga, bus } = setup();
    bus.out8(0x3c8, 254);
    for (const v of [1, 2, 3, 4, 5, 6, 0x7f, 8, 9]) bus.out8(0x3c9, v);
    expect(bus.in8(0x3c8)).toBe(1); // 254, 255, then wrapped to 0, next is 1
    bus.out8(0x3c7, 254);
    expect(bus.in8(0x3c7)).toBe(3); // DAC state: read mode
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(() => bus.in8(0x3c9))).toEqual([1, 2, 3, 4, 5, 6, 0x3f, 8, 9]);
    expect(Array.from(vga.dac.slice(0, 3))).toEqual([0x3f, 8, 9]);
  });

  test('attribute controller flip-flop: reset by reading 0x3DA; PAS blanks the screen', () => {
    const { vga, bus } = setup();
    bus.in8(0x3da);
    bus.out8(0x3c0, 0x01); // index 1, PAS clear
    bus.out8(0x3c0, 0x3f); // palette 1 := 0x3F (white)
    expect(vga.ac[1]).toBe(0x3f);
    bus.write16(0xb8000, 0x0141);
    expect(text(vga).cells[0]).toBe(0); // PAS clear: blank
    bus.out8(0x3c0, 0x05); // flip-flop was at "index": this is an index write
    bus.in8(0x3da);
    bus.out8(0x3c0, 0x20);
    expect(text(vga).cells[0]).toBe(0x0141);
    expect(Array.from(text(vga).palette.slice(3, 6))).toEqual([255, 255, 255]);
  });

  test('CRTC registers 0-7 are write protected by CR11 bit 7', () => {
    const { vga, bus } = setup();
    bus.out16(0x3d4, 0x1201); // try CR01 := 0x12
    expect(vga.crtc[1]).toBe(0x4f);
    bus.out8(0x3d4, 0x11);
    bus.out8(0x3d5, bus.in8(0x3d5) & 0x7f);
    bus.out16(0x3d4, 0x2701);
    expect(vga.crtc[1]).toBe(0x27);
    expect(text(vga).columns).toBe(40);
  });

  test('input status 1: vertical retrace once per 70 Hz frame', () => {
    const { bus, time } = setup();
    let retraces = 0;
    let inRetrace = false;
    for (let t = 0; t < 100e6; t += 20_000) {
      time.advanceTo(t);
      const r = (bus.in8(0x3da) & 0x08) !== 0;
      if (r && !inRetrace) retraces++;
      inRetrace = r;
    }
    expect(retraces).toBeGreaterThanOrEqual(7);
    expect(retraces).toBeLessThanOrEqual(8);
  });

  test('chain 4: a dword write stores its four bytes as four byte writes do, map mask and window included', () => {
    const words = [0x04030201, 0xfffefdfc, 0x80000001];
    const run = (mapMask: number, write: (bus: Bus, at: number, value: number) => void, at = 0xa0000) => {
      const { vga, bus } = setup();
      bus.out16(0x3c4, 0x0e04); // chain 4, odd/even off
      bus.out16(0x3c4, (mapMask << 8) | 0x02);
      bus.out16(0x3ce, 0x0506); // graphics, A0000 64K
      words.forEach((w, i) => write(bus, at + 4 * i, w));
      return Array.from(vga.vram.slice(0, 16));
    };
    const bytewise = (bus: Bus, at: number, value: number) => {
      for (let i = 0; i < 4; i++) bus.write8(at + i, (value >>> (8 * i)) & 0xff);
    };
    const dword = (bus: Bus, at: number, value: number) => bus.write32(at, value);
    expect(run(0xf, dword)).toEqual([1, 2, 3, 4, 0xfc, 0xfd, 0xfe, 0xff, 1, 0, 0, 0x80, 0, 0, 0, 0]);
    for (const mask of [0xf, 0x5, 0x0, 0x8]) expect(run(mask, dword)).toEqual(run(mask, bytewise));
    // Unaligned: bytes as they fall.
    expect(run(0xf, dword, 0xa0001)).toEqual(run(0xf, bytewise, 0xa0001));
  });

  test("write32Copy (a driver's copy loop) stores what its dword writes do: chain 4 or planar, any map mask, across the window's end", () => {
    const bytes = new Uint8Array(24).map((_, i) => (i * 37 + 5) & 0xff);
    const run = (memoryMode: number, mapMask: number, at: number, block: boolean) => {
      const { vga, bus } = setup();
      bus.out16(0x3c4, (memoryMode << 8) | 0x04);
      bus.out16(0x3c4, (mapMask << 8) | 0x02);
      bus.out16(0x3ce, 0x0506); // graphics, A0000 64K
      if (block) bus.write32Copy(at, bytes);
      else for (let i = 0; i < bytes.length; i += 4) bus.write32(at + i, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
      return Array.from(vga.vram);
    };
    for (const memoryMode of [0x0e, 0x06]) {
      for (const mapMask of [0xf, 0x5]) {
        for (const at of [0xa0000, 0xa0100, 0xafff0]) expect(run(memoryMode, mapMask, at, true)).toEqual(run(memoryMode, mapMask, at, false));
      }
    }
    expect(run(0x0e, 0xf, 0xa0100, true).slice(0x100, 0x100 + 24)).toEqual(Array.from(bytes));
  });

  test('planar write mode 2 and read mode 1 colour compare', () => {
    const { vga, bus } = setup();
    // Planar: sequencer memory mode odd/even off, chain-4 off; GC mode write 2.
    bus.out16(0x3c4, 0x0604);
    bus.out16(0x3c4, 0x0f02);
    bus.out16(0x3ce, 0x0005 | (0x02 << 8)); // write mode 2
    bus.out16(0x3ce, 0x0506); // graphics, A0000 64K
    bus.out16(0x3ce, 0xf008); // bit mask: the left 4 pixels
    bus.read8(0xa0000); // load latches
    bus.write8(0xa0000, 0x0c); // colour 12 -> planes 2 and 3
    expect([0, 1, 2, 3].map((p) => vga.vram[p])).toEqual([0x00, 0x00, 0xf0, 0xf0]);
    bus.out16(0x3ce, 0x0805); // read mode 1
    bus.out16(0x3ce, 0x0c02); // compare colour 12
    bus.out16(0x3ce, 0x0f07);
    expect(bus.read8(0xa0000)).toBe(0xf0);
  });
});

test('16-colour planar graphics render through the attribute palette and the DAC', () => {
  const { vga, bus } = setup();
  // From text mode: graphics on (GC 6), planar memory (seq 4), AC mode 0x01.
  bus.out16(0x3ce, 0x0506); // graphics, A0000 64K
  bus.out16(0x3c4, 0x0604); // planar: odd/even off, chain-4 off
  bus.out16(0x3ce, 0x0005); // write mode 0, no odd/even
  bus.in8(0x3da);
  bus.out8(0x3c0, 0x10);
  bus.out8(0x3c0, 0x01); // attribute mode: graphics
  bus.out8(0x3c0, 0x20);
  // Pixel 0 gets colour 9 (planes 0 and 3): map mask selects the planes.
  bus.out16(0x3c4, 0x0902);
  bus.write8(0xa0000, 0x80);
  const s = vga.snapshot() as PixelScreenSnapshot;
  expect(s.kind).toBe('pixels');
  expect([s.width, s.height]).toEqual([640, 25]); // mode 3's CRTC: 80 character clocks of 8 dots, 400 lines / 16
  // Colour 9 -> palette register 9 = 0x39 -> DAC 0x39 = bright blue.
  expect(Array.from(s.rgba.slice(0, 3))).toEqual([85, 85, 255]);
  expect(Array.from(s.rgba.slice(4, 7))).toEqual([0, 0, 0]);
});

describe('VGA driver against the model', () => {
  test('init programs text mode: blank screen, cursor at 0,0; putCell and setCursor', () => {
    const { vga, display } = setup();
    display.init();
    display.putCell(3, 1, 0x48, 0x0e);
    display.setCursor(4, 1);
    const s = text(vga);
    expect(s.cells[0]).toBe(0x0720);
    expect(s.cells[83]).toBe(0x0e48);
    expect(s.cursor).toEqual({ column: 4, row: 1, visible: true });
  });

  test('switch to mode 13h by register programming, palette, frame; and back to text', () => {
    const { vga, display } = setup();
    display.init();
    display.setMode('graphics');
    expect(vga.seq[4] & 0x08).toBe(0x08); // chain-4
    expect(vga.crtc[0x11] & 0x80).toBe(0); // left unprotected
    let s = pixels(vga);
    expect([s.kind, s.width, s.height]).toEqual(['pixels', 320, 200]);
    display.setPalette(7, 255, 128, 0);
    const frame = new Uint8Array(320 * 200);
    frame[0] = 7;
    frame[320 * 199 + 319] = 7;
    frame[321] = 15;
    display.presentFrame(frame);
    s = pixels(vga);
    expect(Array.from(s.rgba.slice(0, 4))).toEqual([255, 130, 0, 255]); // 128 >> 2 = 32 -> 130
    const last = (320 * 199 + 319) * 4;
    expect(Array.from(s.rgba.slice(last, last + 3))).toEqual([255, 130, 0]);
    expect(Array.from(s.rgba.slice(321 * 4, 321 * 4 + 3))).toEqual([255, 255, 255]);
    expect(Array.from(s.rgba.slice(4, 7))).toEqual([0, 0, 0]);
    display.setMode('text');
    const t = text(vga);
    expect(t.kind).toBe('text');
    expect(t.cells[0]).toBe(0x0720);
    expect(Array.from(t.palette.slice(21, 24))).toEqual([170, 170, 170]);
  });
});
