/**
 * BlockDevice driver for the ATA primary master in PIO mode, through port
 * I/O only (ATA/ATAPI-6 PIO data-in and data-out protocols, OSDev "ATA
 * PIO Mode"). IDENTIFY at init is polled with nIEN set (interrupts are not
 * wired yet at that point of boot); reads, writes and flushes then run one
 * request at a time and complete from IRQ 14: the kernel's dispatch calls
 * handleInterrupt(), which reads the status (acknowledging INTRQ) and moves
 * the next 512-byte block. The first block of a write is sent when DRQ
 * shows, without an interrupt, as the protocol requires.
 */
import type { BlockCallback, BlockDevice } from '../../hal/block-device';
import type { PortIo } from '../../hal/io';

const DATA = 0x1f0;
const ERROR = 0x1f1;
const SECTOR_COUNT = 0x1f2;
const LBA_LOW = 0x1f3;
const LBA_MID = 0x1f4;
const LBA_HIGH = 0x1f5;
const DEVICE = 0x1f6;
const STATUS = 0x1f7;
const COMMAND = 0x1f7;
const CONTROL = 0x3f6;
const ALT_STATUS = 0x3f6;

const STATUS_ERR = 0x01;
const STATUS_DRQ = 0x08;
const STATUS_DF = 0x20;
const STATUS_BSY = 0x80;
const ERROR_ABRT = 0x04;
const ERROR_IDNF = 0x10;
const ERROR_UNC = 0x40;
const CONTROL_NIEN = 0x02;
const DEVICE_MASTER_LBA = 0xe0;

const CMD_READ_SECTORS = 0x20;
const CMD_WRITE_SECTORS = 0x30;
const CMD_FLUSH_CACHE = 0xe7;
const CMD_IDENTIFY = 0xec;

const SECTOR = 512;
const MAX_SECTORS_PER_COMMAND = 256;
const LBA28_SECTORS = 0x1000_0000;
const MAX_POLLS = 100_000;

interface Request {
  kind: 'read' | 'write' | 'flush';
  lba: number;
  count: number;
  buffer: Uint8Array;
  /** Sectors moved so far. */
  done: number;
  /** Sectors in the command now in flight. */
  chunk: number;
  /** Sectors of the current chunk moved. */
  chunkDone: number;
  callback: BlockCallback;
}

export class AtaDisk implements BlockDevice {
  /** The primary master, as Linux's IDE driver names it. */
  readonly name = 'hda';
  readonly rdev = (3 << 8) | 0;
  readonly sectorSize = SECTOR;
  private sectors = 0;
  private modelName = '';
  private readonly queue: Request[] = [];

  constructor(private readonly io: PortIo) {}

  get sectorCount(): number {
    return this.sectors;
  }

  /** The drive's model string from IDENTIFY. */
  get model(): string {
    return this.modelName;
  }

  init(): void {
    this.io.out8(CONTROL, CONTROL_NIEN);
    this.io.out8(DEVICE, DEVICE_MASTER_LBA);
    const present = this.io.in8(STATUS);
    if (present === 0xff || present === 0) throw new Error('ATA: no disk on the primary channel');
    this.io.out8(SECTOR_COUNT, 0);
    this.io.out8(LBA_LOW, 0);
    this.io.out8(LBA_MID, 0);
    this.io.out8(LBA_HIGH, 0);
    this.io.out8(COMMAND, CMD_IDENTIFY);
    const status = this.waitNotBusy();
    if (status & STATUS_ERR || !(status & STATUS_DRQ)) {
      throw new Error(`ATA: IDENTIFY failed (status 0x${status.toString(16)}, error 0x${this.io.in8(ERROR).toString(16)})`);
    }
    const words = new Uint16Array(256);
    for (let i = 0; i < 256; i++) words[i] = this.io.in16(DATA);
    this.sectors = (words[60] | (words[61] << 16)) >>> 0;
    this.modelName = ataString(words, 27, 40);
    this.io.in8(STATUS); // acknowledge IDENTIFY's interrupt request
    this.io.out8(CONTROL, 0); // interrupts on from here
  }

  read(lba: number, count: number, into: Uint8Array, done: BlockCallback): void {
    this.submit({ kind: 'read', lba, count, buffer: into, done: 0, chunk: 0, chunkDone: 0, callback: done });
  }

  write(lba: number, count: number, from: Uint8Array, done: BlockCallback): void {
    this.submit({ kind: 'write', lba, count, buffer: from, done: 0, chunk: 0, chunkDone: 0, callback: done });
  }

  flush(done: BlockCallback): void {
    this.submit({ kind: 'flush', lba: 0, count: 0, buffer: new Uint8Array(0), done: 0, chunk: 0, chunkDone: 0, callback: done });
  }

  /** IRQ 14: reading STATUS acknowledges INTRQ; then the next block moves. */
  handleInterrupt(): void {
    const status = this.io.in8(STATUS);
    const request = this.queue[0];
    if (!request || status & STATUS_BSY) return;
    if (status & (STATUS_ERR | STATUS_DF)) {
      this.finish(describeError(this.io.in8(ERROR), request));
      return;
    }
    if (request.kind === 'flush') {
      this.finish(null);
      return;
    }
    if (request.kind === 'read') {
      if (!(status & STATUS_DRQ)) return;
      this.transferIn(request);
      if (request.chunkDone === request.chunk) this.nextChunkOrFinish(request);
      return;
    }
    // Write: an interrupt after each block; DRQ means "send the next one".
    if (status & STATUS_DRQ) this.transferOut(request);
    else if (request.chunkDone === request.chunk) this.nextChunkOrFinish(request);
  }

  private submit(request: Request): void {
    const invalid = this.validate(request);
    if (invalid) {
      request.callback(invalid);
      return;
    }
    if (request.kind !== 'flush' && request.count === 0) {
      request.callback(null);
      return;
    }
    this.queue.push(request);
    if (this.queue.length === 1) this.start(request);
  }

  private validate(r: Request): string | null {
    if (r.kind === 'flush') return null;
    if (!Number.isInteger(r.lba) || !Number.isInteger(r.count) || r.lba < 0 || r.count < 0) return 'invalid sector range';
    if (r.lba + r.count > this.sectors || r.lba + r.count > LBA28_SECTORS) return `sectors ${r.lba}+${r.count} are past the end of the disk (${this.sectors} sectors)`;
    if (r.buffer.length < r.count * SECTOR) return `buffer of ${r.buffer.length} bytes is too small for ${r.count} sectors`;
    return null;
  }

  private start(r: Request): void {
    if (r.kind === 'flush') {
      this.io.out8(DEVICE, DEVICE_MASTER_LBA);
      this.io.out8(COMMAND, CMD_FLUSH_CACHE);
      return;
    }
    const lba = r.lba + r.done;
    r.chunk = Math.min(MAX_SECTORS_PER_COMMAND, r.count - r.done);
    r.chunkDone = 0;
    this.io.out8(DEVICE, DEVICE_MASTER_LBA | ((lba >>> 24) & 0x0f));
    this.io.out8(SECTOR_COUNT, r.chunk & 0xff); // 0 means 256
    this.io.out8(LBA_LOW, lba & 0xff);
    this.io.out8(LBA_MID, (lba >>> 8) & 0xff);
    this.io.out8(LBA_HIGH, (lba >>> 16) & 0xff);
    this.io.out8(COMMAND, r.kind === 'read' ? CMD_READ_SECTORS : CMD_WRITE_SECTORS);
    if (r.kind === 'write') {
      // Data-out: no interrupt announces the first block; poll DRQ.
      const status = this.waitNotBusy();
      if (status & STATUS_ERR) this.finish(describeError(this.io.in8(ERROR), r));
      else if (status & STATUS_DRQ) this.transferOut(r);
      else this.finish('the disk did not ask for write data');
    }
  }

  private transferIn(r: Request): void {
    const base = (r.done + r.chunkDone) * SECTOR;
    for (let i = 0; i < SECTOR; i += 2) {
      const word = this.io.in16(DATA);
      r.buffer[base + i] = word & 0xff;
      r.buffer[base + i + 1] = word >> 8;
    }
    r.chunkDone++;
  }

  private transferOut(r: Request): void {
    const base = (r.done + r.chunkDone) * SECTOR;
    for (let i = 0; i < SECTOR; i += 2) this.io.out16(DATA, r.buffer[base + i] | (r.buffer[base + i + 1] << 8));
    r.chunkDone++;
  }

  private nextChunkOrFinish(r: Request): void {
    r.done += r.chunk;
    if (r.done < r.count) this.start(r);
    else this.finish(null);
  }

  private finish(error: string | null): void {
    const request = this.queue.shift();
    if (this.queue.length > 0) this.start(this.queue[0]);
    request?.callback(error);
  }

  private waitNotBusy(): number {
    for (let i = 0; i < MAX_POLLS; i++) {
      const status = this.io.in8(ALT_STATUS);
      if (!(status & STATUS_BSY)) return this.io.in8(ALT_STATUS);
    }
    return STATUS_BSY;
  }
}

function describeError(error: number, r: Request): string {
  const what = r.kind === 'flush' ? 'flush' : `${r.kind} of sectors ${r.lba}+${r.count}`;
  if (error & ERROR_IDNF) return `${what}: sector not found (IDNF)`;
  if (error & ERROR_UNC) return `${what}: uncorrectable data error`;
  if (error & ERROR_ABRT) return `${what}: command aborted by the disk${r.kind === 'write' ? ' (read-only?)' : ''}`;
  return `${what}: disk error 0x${error.toString(16)}`;
}

/** ATA strings hold two characters per word, the first in the high byte. */
function ataString(words: Uint16Array, first: number, length: number): string {
  let text = '';
  for (let i = 0; i < length / 2; i++) text += String.fromCharCode(words[first + i] >> 8, words[first + i] & 0xff);
  return text.trim();
}
