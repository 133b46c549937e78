import { Bus, BusPortIo } from '../../platform/bus';
import { LatchedIrqLine } from '../../platform/irq';
import { AtaChannel } from '../../platform/pc/ata';
import { PicPair } from '../../platform/pc/pic-pair';
import { SectorStore, memoryMedium } from '../../platform/pc/sector-store';
import { AtaDisk } from '../../kernel/drivers/ata';
import { Pic8259Controller } from '../../kernel/drivers/pic8259';
import { FakeTime } from './harness';

const SECTORS = 2048;

function image(): Uint8Array {
  const data = new Uint8Array(SECTORS * 512);
  for (let s = 0; s < SECTORS; s++) {
    data[s * 512] = s & 0xff;
    data[s * 512 + 1] = s >> 8;
    data[s * 512 + 511] = 0x5a;
  }
  return data;
}

function setup(readOnly = false) {
  const time = new FakeTime();
  const irq = new LatchedIrqLine();
  const ata = new AtaChannel(time.clock, irq);
  const medium = memoryMedium(image(), readOnly);
  ata.insert(medium);
  const bus = new Bus(1 << 20, 'open-bus');
  bus.mapPorts(0x1f0, 8, ata);
  bus.mapPorts(0x3f6, 1, ata.controlBlock);
  const command = (lba: number, count: number, cmd: number) => {
    bus.out8(0x1f6, 0xe0 | ((lba >> 24) & 0xf));
    bus.out8(0x1f2, count);
    bus.out8(0x1f3, lba & 0xff);
    bus.out8(0x1f4, (lba >> 8) & 0xff);
    bus.out8(0x1f5, (lba >> 16) & 0xff);
    bus.out8(0x1f7, cmd);
  };
  return { time, irq, ata, medium, bus, command };
}

describe('ATA PIO model', () => {
  test('power-on signature and IDENTIFY block: model string, LBA28 count, integrity word', () => {
    const { bus, irq } = setup();
    expect([bus.in8(0x1f2), bus.in8(0x1f3), bus.in8(0x1f4), bus.in8(0x1f5)]).toEqual([1, 1, 0, 0]);
    expect(bus.in8(0x1f7) & 0xc0).toBe(0x40);
    bus.out8(0x1f6, 0xa0);
    bus.out8(0x1f7, 0xec);
    expect(irq.level).toBe(true);
    expect(bus.in8(0x3f6) & 0x08).toBe(0x08);
    expect(irq.level).toBe(true); // alternate status does not acknowledge
    expect(bus.in8(0x1f7) & 0x08).toBe(0x08);
    expect(irq.level).toBe(false);
    const words: number[] = [];
    for (let i = 0; i < 256; i++) words.push(bus.in16(0x1f0));
    let model = '';
    for (let i = 27; i < 47; i++) model += String.fromCharCode(words[i] >> 8, words[i] & 0xff);
    expect(model.trim()).toBe('JOS ATA DISK');
    expect(words[49] & 0x200).toBe(0x200);
    expect(words[60] | (words[61] << 16)).toBe(SECTORS);
    expect(words[255] & 0xff).toBe(0xa5);
    let sum = 0;
    for (const w of words) sum += (w & 0xff) + (w >> 8);
    expect(sum & 0xff).toBe(0);
    expect(bus.in8(0x1f7) & 0x08).toBe(0); // DRQ off after 256 words
  });

  test('READ SECTORS: an interrupt and DRQ per sector, data from the image', () => {
    const { bus, irq, command } = setup();
    command(100, 2, 0x20);
    for (let s = 0; s < 2; s++) {
      expect(irq.level).toBe(true);
      expect(bus.in8(0x1f7) & 0x89).toBe(0x08);
      const first = bus.in16(0x1f0);
      expect(first).toBe(100 + s);
      for (let i = 1; i < 256; i++) bus.in16(0x1f0);
    }
    expect(irq.level).toBe(false); // no interrupt after the last block
    expect(bus.in8(0x1f7)).toBe(0x50);
    expect(bus.in8(0x1f3)).toBe(101);
  });

  test('BSY -> DRQ sequencing with a latency: BSY first, DRQ and INTRQ when the event fires', () => {
    const { bus, irq, ata, time, command } = setup();
    ata.latencyNs = 5000;
    command(7, 1, 0x20);
    expect(bus.in8(0x3f6)).toBe(0x80);
    bus.out8(0x1f2, 99); // the task file is locked while BSY
    time.advanceBy(5000);
    expect(irq.level).toBe(true);
    expect(bus.in8(0x1f7)).toBe(0x58);
    expect(bus.in16(0x1f0)).toBe(7);
  });

  test('WRITE SECTORS: DRQ without an interrupt, then an interrupt per block; the host sees the writes', () => {
    const { bus, irq, medium, command } = setup();
    command(5, 2, 0x30);
    expect(irq.level).toBe(false);
    for (let s = 0; s < 2; s++) {
      expect(bus.in8(0x3f6) & 0x08).toBe(0x08);
      for (let i = 0; i < 256; i++) bus.out16(0x1f0, 0xab00 + s);
      expect(irq.level).toBe(true);
      bus.in8(0x1f7);
    }
    expect(medium.data[5 * 512]).toBe(0x00);
    expect(medium.data[5 * 512 + 1]).toBe(0xab);
    expect(medium.data[6 * 512]).toBe(0x01);
    expect(medium.writes).toEqual([[2560, 512], [3072, 512]]);
    bus.out8(0x1f7, 0xe7);
    expect(medium.flushes).toBe(1);
    expect(irq.level).toBe(true);
  });

  test('out-of-range LBA and unknown commands end in ERR with IDNF / ABRT', () => {
    const { bus, irq, command } = setup();
    command(SECTORS - 1, 2, 0x20);
    expect(irq.level).toBe(true);
    expect(bus.in8(0x1f7) & 0x09).toBe(0x01);
    expect(bus.in8(0x1f1)).toBe(0x10);
    command(0, 1, 0xc8); // READ DMA: no DMA here
    expect(bus.in8(0x1f7) & 0x01).toBe(0x01);
    expect(bus.in8(0x1f1)).toBe(0x04);
    command(SECTORS - 1, 1, 0x20);
    expect(bus.in8(0x1f7) & 0x09).toBe(0x08); // the last sector is fine
  });

  test('LBA48: READ SECTORS EXT with the HOB halves; HOB read-back; IDENTIFY words 100-103', () => {
    const { bus, irq } = setup();
    // Sector count 0x0002 and LBA 0x000000_000009, high bytes first.
    bus.out8(0x1f6, 0x40);
    bus.out8(0x1f2, 0x00);
    bus.out8(0x1f3, 0x00);
    bus.out8(0x1f4, 0x00);
    bus.out8(0x1f5, 0x00);
    bus.out8(0x1f2, 0x02);
    bus.out8(0x1f3, 0x09);
    bus.out8(0x1f4, 0x00);
    bus.out8(0x1f5, 0x00);
    bus.out8(0x3f6, 0x80);
    expect(bus.in8(0x1f2)).toBe(0x00); // HOB: the previous byte
    bus.out8(0x3f6, 0x00);
    expect(bus.in8(0x1f2)).toBe(0x02);
    bus.out8(0x1f7, 0x24);
    expect(irq.level).toBe(true);
    for (let s = 0; s < 2; s++) {
      bus.in8(0x1f7);
      expect(bus.in16(0x1f0)).toBe(9 + s);
      for (let i = 1; i < 256; i++) bus.in16(0x1f0);
    }
    // A 48-bit address past the end: IDNF.
    bus.out8(0x1f2, 0); bus.out8(0x1f3, 0); bus.out8(0x1f4, 1); bus.out8(0x1f5, 0);
    bus.out8(0x1f2, 1); bus.out8(0x1f3, 0); bus.out8(0x1f4, 0); bus.out8(0x1f5, 0);
    bus.out8(0x1f7, 0x24);
    expect(bus.in8(0x1f7) & 0x01).toBe(1);
    expect(bus.in8(0x1f1)).toBe(0x10);
    bus.out8(0x1f7, 0xec);
    const words: number[] = [];
    for (let i = 0; i < 256; i++) words.push(bus.in16(0x1f0));
    expect(words[83] & 0x0400).toBe(0x0400);
    expect(words[100] | (words[101] << 16)).toBe(SECTORS);
  });

  test('read-only image: WRITE SECTORS aborts and nothing changes', () => {
    const { bus, medium, command } = setup(true);
    command(3, 1, 0x30);
    expect(bus.in8(0x1f7) & 0x01).toBe(0x01);
    expect(bus.in8(0x1f1)).toBe(0x04);
    expect(medium.writes).toEqual([]);
  });

  test('nIEN masks INTRQ; SRST restores the signature; device 1 is absent', () => {
    const { bus, irq, command } = setup();
    bus.out8(0x3f6, 0x02);
    command(0, 1, 0x20);
    expect(irq.level).toBe(false);
    bus.out8(0x3f6, 0x00);
    expect(irq.level).toBe(true);
    bus.out8(0x3f6, 0x04);
    expect(bus.in8(0x3f6) & 0x80).toBe(0x80);
    bus.out8(0x3f6, 0x00);
    expect(bus.in8(0x1f7)).toBe(0x50);
    expect([bus.in8(0x1f2), bus.in8(0x1f3)]).toEqual([1, 1]);
    bus.out8(0x1f6, 0xb0);
    expect(bus.in8(0x1f7)).toBe(0);
  });

  test('no image: the channel floats', () => {
    const time = new FakeTime();
    const ata = new AtaChannel(time.clock, new LatchedIrqLine());
    expect(ata.in(7, 1)).toBe(0xff);
  });
});

describe('ATA driver against the model, completing from IRQ 14 through the PIC', () => {
  function board(readOnly = false) {
    const t = setup(readOnly);
    const pic = new PicPair();
    const ata = new AtaChannel(t.time.clock, pic.lines[14]);
    ata.insert(t.medium);
    const bus = new Bus(1 << 20, 'open-bus');
    bus.mapPorts(0x1f0, 8, ata);
    bus.mapPorts(0x3f6, 1, ata.controlBlock);
    bus.mapPorts(0x20, 2, pic.master);
    bus.mapPorts(0xa0, 2, pic.slave);
    const io = new BusPortIo(bus);
    const controller = new Pic8259Controller(io);
    controller.init();
    const disk = new AtaDisk(io);
    disk.init();
    controller.enable('disk');
    /** The kernel's dispatch: while INTR is up, acknowledge and handle. */
    const dispatch = () => {
      let handled = 0;
      while (pic.pending()) {
        const source = controller.acknowledge(pic.acknowledge());
        if (source === 'disk') disk.handleInterrupt();
        if (source) controller.endOfInterrupt(source);
        handled++;
      }
      return handled;
    };
    return { ...t, ata, pic, disk, dispatch };
  }

  test('init reads the IDENTIFY data', () => {
    const { disk } = board();
    expect(disk.sectorCount).toBe(SECTORS);
    expect(disk.model).toBe('JOS ATA DISK');
  });

  test('a multi-sector read completes through interrupts', () => {
    const { disk, pic, dispatch } = board();
    const into = new Uint8Array(3 * 512);
    let result: string | null | undefined;
    disk.read(10, 3, into, (e) => (result = e));
    expect(pic.pending()).toBe(true);
    expect(result).toBeUndefined();
    expect(dispatch()).toBe(3);
    expect(result).toBeNull();
    expect([into[0], into[512], into[1024], into[1535]]).toEqual([10, 11, 12, 0x5a]);
  });

  test('write then read back; flush reaches the host; errors are reported', () => {
    const { disk, dispatch, medium } = board();
    const data = new Uint8Array(2 * 512).map((_, i) => (i * 7) & 0xff);
    const results: (string | null)[] = [];
    disk.write(40, 2, data, (e) => results.push(e));
    dispatch();
    disk.flush((e) => results.push(e));
    dispatch();
    const back = new Uint8Array(1024);
    disk.read(40, 2, back, (e) => results.push(e));
    dispatch();
    expect(results).toEqual([null, null, null]);
    expect(Array.from(back)).toEqual(Array.from(data));
    expect(medium.flushes).toBe(1);
    disk.read(SECTORS, 1, back, (e) => results.push(e));
    expect(results[3]).toMatch(/past the end/);
  });

  test('a read-only image makes writes fail with a clear error', () => {
    const { disk, dispatch } = board(true);
    let result: string | null | undefined;
    disk.write(0, 1, new Uint8Array(512), (e) => (result = e));
    dispatch();
    expect(result).toMatch(/aborted/);
  });

  test('requests queue: the second starts when the first completes', () => {
    const { disk, dispatch } = board();
    const a = new Uint8Array(512);
    const b = new Uint8Array(512);
    const order: string[] = [];
    disk.read(1, 1, a, () => order.push('a'));
    disk.read(2, 1, b, () => order.push('b'));
    dispatch();
    expect(order).toEqual(['a', 'b']);
    expect([a[0], b[0]]).toEqual([1, 2]);
  });
});

test('SectorStore rejects an image that is not whole sectors', () => {
  expect(() => new SectorStore(memoryMedium(new Uint8Array(1000)))).toThrow(/multiple of 512/);
});
