/**
 * `--disk` on the pc board end to end: the image behind the real ATA model,
 * driven through its task-file registers as a PIO driver does (ATA/ATAPI-6
 * WRITE SECTORS 0x30, FLUSH CACHE 0xE7).
 */
import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findBoard } from '../../boards';
import { assembleBoard } from '../../boards/assemble';
import { openDisk } from '../../host/disk/disk-session';

const DATA = 0x1f0;
const COUNT = 0x1f2;
const LBA_LOW = 0x1f3;
const LBA_MID = 0x1f4;
const LBA_HIGH = 0x1f5;
const DEVICE = 0x1f6;
const COMMAND = 0x1f7;
const STATUS_ERR = 0x01;
const STATUS_DRQ = 0x08;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-ata-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function pcWithDisk(spec: string) {
  const board = assembleBoard(findBoard('pc')!, { cmdline: 'loglevel=error', rtc: '2026-01-01T00:00:00', bootEpochSeconds: 1767225600 });
  return { bus: board.bus, disk: openDisk(board, spec) };
}

/** WRITE SECTORS of one sector at `lba` filled with `byte`; returns the final status. */
function writeSector(bus: ReturnType<typeof pcWithDisk>['bus'], lba: number, byte: number): number {
  bus.out8(DEVICE, 0xe0 | ((lba >> 24) & 0x0f));
  bus.out8(COUNT, 1);
  bus.out8(LBA_LOW, lba & 0xff);
  bus.out8(LBA_MID, (lba >> 8) & 0xff);
  bus.out8(LBA_HIGH, (lba >> 16) & 0xff);
  bus.out8(COMMAND, 0x30);
  if (!(bus.in8(COMMAND) & STATUS_DRQ)) return bus.in8(COMMAND);
  for (let i = 0; i < 256; i++) bus.out16(DATA, byte | (byte << 8));
  return bus.in8(COMMAND);
}

describe('--disk on the pc board', () => {
  it('writes reach the file on FLUSH CACHE and at a clean exit', () => {
    const file = path.join(dir, 'disk.img');
    fs.writeFileSync(file, Buffer.alloc(64 * 512, 0x00));
    const { bus, disk } = pcWithDisk(file);
    expect(writeSector(bus, 5, 0xab) & STATUS_ERR).toBe(0);
    expect(fs.readFileSync(file)[5 * 512]).toBe(0x00); // not yet: no flush
    bus.out8(COMMAND, 0xe7);
    expect(bus.in8(COMMAND) & STATUS_ERR).toBe(0);
    expect(fs.readFileSync(file).subarray(5 * 512, 6 * 512).every((b) => b === 0xab)).toBe(true);
    expect(writeSector(bus, 63, 0xcd) & STATUS_ERR).toBe(0);
    disk.close(true);
    expect(fs.readFileSync(file)[63 * 512 + 511]).toBe(0xcd);
  });

  it('a ,ro image: the write fails with ERR and the file never changes', () => {
    const file = path.join(dir, 'ro.img');
    fs.writeFileSync(file, Buffer.alloc(8 * 512, 0x11));
    const { bus, disk } = pcWithDisk(`${file},ro`);
    expect(writeSector(bus, 1, 0x22) & STATUS_ERR).toBe(STATUS_ERR);
    bus.out8(COMMAND, 0xe7);
    disk.close(true);
    expect(fs.readFileSync(file).every((b) => b === 0x11)).toBe(true);
  });
});
