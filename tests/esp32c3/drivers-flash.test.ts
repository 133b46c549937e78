import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BLOCK_DEVICE, BlockDevice } from '../../hal/block-device';
import { FlashImageFile } from '../../platform/esp32c3/flash-image-file';
import { esp32c3 } from './board-harness';

function setup() {
  const b = esp32c3();
  const disk = b.get<BlockDevice>(BLOCK_DEVICE);
  const run = (op: (done: (e: string | null) => void) => void): string | null => {
    let result: string | null | undefined;
    op((e) => (result = e));
    if (result === undefined) throw new Error('the request did not complete');
    return result;
  };
  const sectors = (count: number, seed: number) => {
    const data = new Uint8Array(count * 512);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + seed) & 0xff;
    return data;
  };
  return { ...b, disk, run, sectors };
}

describe('SPI flash block device driver', () => {
  test('a 16 MiB flash is 32752 sectors of 512 bytes: the last 8 KiB hold the update journal', () => {
    const { disk } = setup();
    disk.init();
    expect(disk.sectorSize).toBe(512);
    expect(disk.sectorCount).toBe(32768 - 16);
  });

  test('sectors written read back; neighbours in the same erase block survive', () => {
    const { disk, run, sectors, flash } = setup();
    disk.init();
    const before = sectors(8, 1);
    expect(run((d) => disk.write(16, 8, before, d))).toBeNull(); // a whole 4 KiB block
    const one = sectors(1, 99);
    expect(run((d) => disk.write(19, 1, one, d))).toBeNull(); // the middle of it
    const back = new Uint8Array(8 * 512);
    expect(run((d) => disk.read(16, 8, back, d))).toBeNull();
    const expected = before.slice();
    expected.set(one, 3 * 512);
    expect(back).toEqual(expected);
    expect(flash.image.subarray(16 * 512, 24 * 512)).toEqual(expected);
  });

  test('a write spanning two erase blocks and an unaligned start', () => {
    const { disk, run, sectors } = setup();
    disk.init();
    const data = sectors(10, 5);
    expect(run((d) => disk.write(5, 10, data, d))).toBeNull();
    const back = new Uint8Array(12 * 512);
    run((d) => disk.read(4, 12, back, d));
    expect(back.subarray(512, 11 * 512)).toEqual(data);
    expect(back.subarray(0, 512).every((b) => b === 0xff)).toBe(true);
  });

  test('rewriting identical data programs nothing; new data erases first', () => {
    const { disk, run, sectors, flash, bus } = setup();
    disk.init();
    const data = sectors(1, 3);
    run((d) => disk.write(0, 1, data, d));
    let erases = 0;
    bus.tracer = (m) => {
      if (m.includes('spi1+0x20 <- 0x70000020')) erases++; // USER2: 8-bit SECTOR_ERASE
    };
    run((d) => disk.write(0, 1, data, d));
    expect(erases).toBe(0);
    run((d) => disk.write(0, 1, sectors(1, 4), d));
    bus.tracer = null;
    expect(erases).toBe(2); // the journal's data block, then the block itself
    expect(flash.image.subarray(0, 512)).toEqual(sectors(1, 4));
  });

  test('requests outside the flash or with short buffers fail cleanly', () => {
    const { disk, run } = setup();
    disk.init();
    expect(run((d) => disk.read(32767, 2, new Uint8Array(1024), d))).toMatch(/outside/);
    expect(run((d) => disk.write(-1, 1, new Uint8Array(512), d))).toMatch(/outside/);
    expect(run((d) => disk.read(0, 2, new Uint8Array(512), d))).toMatch(/short/);
    expect(run((d) => disk.flush(d))).toBeNull();
  });

  test('a read-only image: writes are refused and the file never changes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-flash-'));
    const file = path.join(dir, 'disk.img');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const { disk, run, flash } = setup();
    const image = FlashImageFile.open(flash, file, true);
    disk.init();
    expect(run((d) => disk.write(0, 1, new Uint8Array(512), d))).toMatch(/read-only/);
    const back = new Uint8Array(512);
    run((d) => disk.read(0, 1, back, d));
    expect(back.every((b) => b === 0x5a)).toBe(true);
    image.close(true);
    expect(fs.readFileSync(file).every((b) => b === 0x5a)).toBe(true);
  });

  test('a read-write image: every write is in the file when the driver returns', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-flash-'));
    const file = path.join(dir, 'disk.img');
    fs.writeFileSync(file, Buffer.alloc(16384, 0));
    const { disk, run, flash, sectors } = setup();
    const image = FlashImageFile.open(flash, file, false);
    disk.init();
    const data = sectors(2, 9);
    run((d) => disk.write(9, 2, data, d));
    expect(new Uint8Array(fs.readFileSync(file).subarray(9 * 512, 11 * 512))).toEqual(data);
    // Past the end of a short image: the file grows with the flash's bytes
    // (here to the whole flash: that write went through the journal at its end).
    run((d) => disk.write(40, 1, data.subarray(0, 512), d));
    const grown = fs.readFileSync(file);
    expect(grown.length).toBe(16 << 20);
    expect(grown.subarray(16384, 20480).every((b) => b === 0xff)).toBe(true);
    expect(new Uint8Array(grown.subarray(40 * 512, 41 * 512))).toEqual(data.subarray(0, 512));
    image.close(true);
  });

  test('a write that only clears bits in the middle of an erase block reaches the file', () => {
    // The superblock's free counts shrinking: no erase, one page program at
    // an offset that is not the erase block's first page.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-flash-'));
    const file = path.join(dir, 'disk.img');
    fs.writeFileSync(file, Buffer.alloc(8192, 0xff));
    const { disk, run, flash } = setup();
    const image = FlashImageFile.open(flash, file, false);
    disk.init();
    const sector = new Uint8Array(512).fill(0xff);
    sector[0x10] = 0x7e;
    const erasesBefore = flash.writes;
    run((d) => disk.write(2, 1, sector, d)); // bytes 1024..1535 of erase block 0
    expect(flash.writes - erasesBefore).toBe(1); // one page program, no erase
    expect(fs.readFileSync(file)[1024 + 0x10]).toBe(0x7e);
    sector[0x10] = 0x3c; // clears one more bit
    run((d) => disk.write(2, 1, sector, d));
    expect(fs.readFileSync(file)[1024 + 0x10]).toBe(0x3c);
    image.close(false);
    // After close the chip keeps its changes in memory only.
    sector[0x10] = 0;
    run((d) => disk.write(2, 1, sector, d));
    expect(fs.readFileSync(file)[1024 + 0x10]).toBe(0x3c);
  });

  test('power lost at any change of a block rewrite: the block reads whole, old or new, after the next power-on', () => {
    const { disk, run, sectors, flash } = setup();
    disk.init();
    const old = sectors(8, 1);
    run((d) => disk.write(8, 8, old, d)); // erase block 1
    run((d) => disk.write(16, 1, sectors(1, 7), d)); // block 2, which stays as it is
    const updated = old.slice();
    updated.set(sectors(1, 42), 3 * 512);
    // Every byte range the chip changes while sector 11 is rewritten, in order.
    const before = flash.image.slice();
    const changes: { offset: number; bytes: Uint8Array }[] = [];
    flash.sink = { changed: (offset, length) => changes.push({ offset, bytes: flash.image.slice(offset, offset + length) }) };
    run((d) => disk.write(11, 1, sectors(1, 42), d));
    flash.sink = null;
    expect(changes.length).toBeGreaterThan(4);
    const outcomes = new Set<string>();
    const state = before;
    for (let k = 0; k <= changes.length; k++) {
      for (const readOnly of [false, true]) {
        flash.load(state, readOnly); // the flash as power was lost after k changes
        disk.init();
        const back = new Uint8Array(8 * 512);
        expect(run((d) => disk.read(8, 8, back, d))).toBeNull();
        const whole = back.every((b, i) => b === old[i]) ? 'old' : back.every((b, i) => b === updated[i]) ? 'new' : `torn at ${k}`;
        outcomes.add(whole);
        const neighbour = new Uint8Array(512);
        run((d) => disk.read(16, 1, neighbour, d));
        expect(neighbour).toEqual(sectors(1, 7));
        if (!readOnly) {
          // Recovery left a journal that the next rewrite can use.
          const again = sectors(1, 43 + k);
          expect(run((d) => disk.write(10, 1, again, d))).toBeNull();
          run((d) => disk.read(10, 1, neighbour, d));
          expect(neighbour).toEqual(again);
        }
      }
      if (k < changes.length) state.set(changes[k].bytes, changes[k].offset);
    }
    expect([...outcomes].sort()).toEqual(['new', 'old']);
  });

  test('the journal wraps: hundreds of rewrites, each readable after a power cycle', () => {
    const { disk, run, sectors, flash } = setup();
    disk.init();
    for (let i = 0; i < 300; i++) {
      const data = sectors(1, i);
      run((d) => disk.write(i % 24, 1, data, d));
      if (i % 97 === 0) {
        flash.load(flash.image.slice());
        disk.init();
      }
      const back = new Uint8Array(512);
      run((d) => disk.read(i % 24, 1, back, d));
      expect(back).toEqual(data);
    }
  });

  test('a missing image is a clear error', () => {
    const { flash } = setup();
    expect(() => FlashImageFile.open(flash, '/nonexistent/disk.img', false)).toThrow(/cannot read flash image .*ENOENT/);
  });
});
