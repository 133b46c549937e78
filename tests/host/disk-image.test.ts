import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DiskImage, parseDiskSpec } from '../../host/disk/disk-image';

const SECTOR = 512;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-disk-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function makeImage(name: string, sectors: number): { file: string; original: Buffer } {
  const file = path.join(dir, name);
  const original = Buffer.alloc(sectors * SECTOR);
  for (let i = 0; i < original.length; i++) original[i] = (i * 7 + (i >> 9)) & 0xff;
  fs.writeFileSync(file, original);
  return { file, original };
}

describe('--disk specs', () => {
  it('reads IMAGE, IMAGE,rw and IMAGE,ro', () => {
    expect(parseDiskSpec('a.img')).toEqual({ path: 'a.img', readOnly: false });
    expect(parseDiskSpec('a.img,rw')).toEqual({ path: 'a.img', readOnly: false });
    expect(parseDiskSpec('dir/a,b.img,ro')).toEqual({ path: 'dir/a,b.img', readOnly: true });
    expect(parseDiskSpec('odd,name')).toEqual({ path: 'odd,name', readOnly: false });
    expect(() => parseDiskSpec(',ro')).toThrow(/no image file/);
    expect(() => parseDiskSpec('')).toThrow(/needs an image/);
  });
});

describe('disk images', () => {
  it('loads the whole image and reports its sectors', () => {
    const { file, original } = makeImage('a.img', 8);
    const disk = DiskImage.open({ path: file, readOnly: false }, { sectorSize: SECTOR });
    expect(disk.sectorCount).toBe(8);
    expect(Buffer.from(disk.data)).toEqual(original);
    disk.close();
  });

  it('read-write: writes back exactly the changed sectors on flush and on close', () => {
    const { file, original } = makeImage('rw.img', 16);
    const disk = DiskImage.open({ path: file, readOnly: false }, { sectorSize: SECTOR });
    disk.data.fill(0xaa, 3 * SECTOR + 10, 3 * SECTOR + 20);
    disk.written(3 * SECTOR + 10, 10);
    disk.data.fill(0xbb, 5 * SECTOR - 1, 7 * SECTOR + 1); // spans sectors 4..7
    disk.written(5 * SECTOR - 1, 2 * SECTOR + 2);
    expect(disk.pendingSectors).toBe(5);
    expect(fs.readFileSync(file)).toEqual(original); // nothing reaches the file before a flush
    expect(disk.flush()).toBe(5);
    const expected = Buffer.from(original);
    expected.fill(0xaa, 3 * SECTOR + 10, 3 * SECTOR + 20);
    expected.fill(0xbb, 5 * SECTOR - 1, 7 * SECTOR + 1);
    expect(fs.readFileSync(file)).toEqual(expected);
    expect(disk.flush()).toBe(0);
    disk.data[15 * SECTOR] = 0x11;
    disk.written(15 * SECTOR, 1);
    disk.close();
    expected[15 * SECTOR] = 0x11;
    expect(fs.readFileSync(file)).toEqual(expected);
  });

  it('read-only: the file is never modified, and is opened read-only', () => {
    const { file, original } = makeImage('ro.img', 4);
    fs.chmodSync(file, 0o444);
    const disk = DiskImage.open({ path: file, readOnly: true }, { sectorSize: SECTOR });
    disk.data.fill(0, 0, SECTOR);
    disk.written(0, SECTOR);
    expect(disk.pendingSectors).toBe(0);
    expect(disk.flush()).toBe(0);
    disk.close();
    expect(fs.readFileSync(file)).toEqual(original);
  });

  it('abandon() drops unflushed writes (the shutdown after an error)', () => {
    const { file, original } = makeImage('err.img', 2);
    const disk = DiskImage.open({ path: file, readOnly: false }, { sectorSize: SECTOR });
    disk.data[0] = 0xff ^ original[0];
    disk.written(0, 1);
    expect(disk.abandon()).toBe(1);
    expect(fs.readFileSync(file)).toEqual(original);
  });

  it('pads a short image to a fixed capacity with the erased value, and extends the file on write-back', () => {
    const { file, original } = makeImage('flash.bin', 2);
    const disk = DiskImage.open({ path: file, readOnly: false }, { sectorSize: 4096, capacityBytes: 16384, fill: 0xff, deviceName: 'SPI flash' });
    expect(disk.data.length).toBe(16384);
    expect(Buffer.from(disk.data.subarray(0, 1024))).toEqual(original);
    expect(disk.data.subarray(1024).every((b) => b === 0xff)).toBe(true);
    disk.data[3 * 4096] = 0x42;
    disk.written(3 * 4096, 1);
    disk.close();
    const after = fs.readFileSync(file);
    expect(after.length).toBe(4 * 4096);
    expect(after.subarray(0, 1024)).toEqual(original);
    expect(after.subarray(1024, 3 * 4096).every((b) => b === 0xff)).toBe(true);
    expect(after[3 * 4096]).toBe(0x42);
  });

  it('gives clear errors for a missing, unreadable, empty, odd-sized or too-large image', () => {
    const geometry = { sectorSize: SECTOR };
    expect(() => DiskImage.open({ path: path.join(dir, 'none.img'), readOnly: false }, geometry)).toThrow(/none\.img: no such file/);
    expect(() => DiskImage.open({ path: dir, readOnly: true }, geometry)).toThrow(/directory|not a regular file/);
    fs.writeFileSync(path.join(dir, 'empty.img'), '');
    expect(() => DiskImage.open({ path: path.join(dir, 'empty.img'), readOnly: false }, geometry)).toThrow(/empty/);
    fs.writeFileSync(path.join(dir, 'odd.img'), Buffer.alloc(1000));
    expect(() => DiskImage.open({ path: path.join(dir, 'odd.img'), readOnly: false }, geometry)).toThrow(/1000 bytes is not a whole number of 512-byte sectors/);
    const { file } = makeImage('big.img', 40);
    expect(() => DiskImage.open({ path: file, readOnly: false }, { sectorSize: 4096, capacityBytes: 16384, deviceName: 'SPI flash' })).toThrow(
      /20480 bytes do not fit the SPI flash \(16384 bytes\)/,
    );
    if (process.getuid?.() !== 0) {
      const { file: locked } = makeImage('locked.img', 1);
      fs.chmodSync(locked, 0o444);
      expect(() => DiskImage.open({ path: locked, readOnly: false }, geometry)).toThrow(/permission denied.*,ro/);
    }
  });

  it('rejects a device write outside the disk', () => {
    const { file } = makeImage('w.img', 1);
    const disk = DiskImage.open({ path: file, readOnly: false }, { sectorSize: SECTOR });
    expect(() => disk.written(SECTOR - 1, 2)).toThrow(RangeError);
    disk.close();
  });
});
