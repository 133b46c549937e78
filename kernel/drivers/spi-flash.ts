/**
 * BlockDevice driver for the esp32c3 board's SPI NOR flash behind SPI1,
 * through MMIO only, with the user-command sequences of ESP-IDF's
 * spi_flash HAL (command, 24-bit address, MOSI/MISO data in W0..W15).
 *
 * The kernel sees 512-byte sectors; the flash erases 4 KiB sectors and
 * programs 256-byte pages by clearing bits. A write reads the 4 KiB block,
 * merges the new sectors, and, only if some bit must go from 0 to 1, erases
 * the block; then it programs the pages that differ from what the flash
 * holds, 64 bytes (the SPI1 buffer) per PP. Every program and erase is
 * preceded by WREN and followed by polling RDSR until WIP clears. A chip
 * whose block-protect bits are set (a read-only image) refuses writes with
 * an error up front. Requests complete before the call returns.
 *
 * Power loss: erasing a block to rewrite part of it destroys the other
 * sectors of the block until they are programmed back, so a block that
 * needs an erase goes through an update journal in the flash's last two
 * erase blocks (not part of the block device): the new contents are
 * programmed into the journal's data block, a record naming the target
 * and the data's checksum is programmed into the next free slot of the
 * journal's record block (the commit), the target is erased and
 * programmed, and the record is marked applied by clearing its last word.
 * init() finishes a committed, unapplied record, so after power is lost at
 * any point a block holds either its old or its new contents. Writes that
 * only clear bits program in place and need no journal.
 */
import type { BlockCallback, BlockDevice } from '../../hal/block-device';
import type { Mmio } from '../../hal/io';

const SPI_MEM_CMD = 0x00;
const SPI_MEM_ADDR = 0x04;
const SPI_MEM_USER = 0x18;
const SPI_MEM_USER1 = 0x1c;
const SPI_MEM_USER2 = 0x20;
const SPI_MEM_MOSI_DLEN = 0x24;
const SPI_MEM_MISO_DLEN = 0x28;
const SPI_MEM_W0 = 0x58;
const SPI_MEM_USR = 1 << 18;
const USR_MOSI = 1 << 27;
const USR_MISO = 1 << 28;
const USR_ADDR = 1 << 30;
const USR_COMMAND = 1 << 31;
const ADDR_BITLEN_24 = 23 << 26;
const COMMAND_BITLEN_8 = 7 << 28;
const BUFFER_BYTES = 64;

const WRITE_ENABLE = 0x06;
const READ_STATUS = 0x05;
const READ_DATA = 0x03;
const PAGE_PROGRAM = 0x02;
const SECTOR_ERASE = 0x20;
const READ_ID = 0x9f;
const STATUS_WIP = 1 << 0;
const STATUS_BP = 0x7c;

const SECTOR_SIZE = 512;
const ERASE_SIZE = 4096;
const PAGE_SIZE = 256;
const MAX_STATUS_POLLS = 1_000_000;

/** Journal records: magic, target address, FNV-1a of the data, applied word. */
const RECORD_BYTES = 16;
const RECORD_MAGIC = 0x4c4e524a; // "JRNL"
const RECORD_APPLIED = 0;
const RECORD_PENDING = 0xffffffff;
const JOURNAL_BLOCKS = 2;

export class SpiFlashBlockDevice implements BlockDevice {
  /** An MTD's block device, as Linux's mtdblock names the first one. */
  readonly name = 'mtdblock0';
  readonly rdev = (31 << 8) | 0;
  readonly sectorSize = SECTOR_SIZE;
  private flashBytes = 0;
  /** Where the journal's data block starts; its record block follows. */
  private journalData = 0;
  private journalRecords = 0;
  /** The record slot the next commit uses. */
  private nextRecord = 0;
  /** A committed record that a write-protected chip cannot apply: reads of
   * its target are answered from the journal (-1: none). */
  private unappliedTarget = -1;
  private writeProtected = false;
  private readonly block = new Uint8Array(ERASE_SIZE);
  private readonly current = new Uint8Array(ERASE_SIZE);

  constructor(
    private readonly mmio: Mmio,
    private readonly base: number,
  ) {}

  /** Sectors of the block device: the flash less its journal. */
  get sectorCount(): number {
    return this.journalData / SECTOR_SIZE;
  }

  /** True when the chip's block-protect bits refuse writes (a read-only image). */
  get readOnly(): boolean {
    return this.writeProtected;
  }

  /** Sizes the flash from its JEDEC ID (capacity byte = log2 of bytes). */
  init(): void {
    const id = this.transact(READ_ID, null, null, 3);
    const capacity = id[2];
    if (id[0] === 0xff || capacity < 12 || capacity > 31) throw new Error('SPI flash: no chip answers READ ID');
    this.flashBytes = 2 ** capacity;
    this.writeProtected = (this.status() & STATUS_BP) !== 0;
    this.journalData = this.flashBytes - JOURNAL_BLOCKS * ERASE_SIZE;
    this.journalRecords = this.journalData + ERASE_SIZE;
    this.unappliedTarget = -1;
    this.recoverJournal();
  }

  read(lba: number, count: number, into: Uint8Array, done: BlockCallback): void {
    const error = this.check(lba, count, into.length);
    if (error) return done(error);
    try {
      this.readBytes(lba * SECTOR_SIZE, into.subarray(0, count * SECTOR_SIZE));
      if (this.unappliedTarget >= 0) this.overlayUnapplied(lba * SECTOR_SIZE, into.subarray(0, count * SECTOR_SIZE));
    } catch (e) {
      return done((e as Error).message);
    }
    done(null);
  }

  write(lba: number, count: number, from: Uint8Array, done: BlockCallback): void {
    const error = this.check(lba, count, from.length);
    if (error) return done(error);
    if (this.writeProtected) return done('read-only: the flash is write-protected');
    const start = lba * SECTOR_SIZE;
    const end = start + count * SECTOR_SIZE;
    try {
      for (let blockStart = start - (start % ERASE_SIZE); blockStart < end; blockStart += ERASE_SIZE) {
        this.writeBlock(blockStart, from, start, end);
      }
    } catch (e) {
      return done((e as Error).message);
    }
    done(null);
  }

  /** Nothing is cached: every write is on the flash when write() returns. */
  flush(done: BlockCallback): void {
    done(null);
  }

  private check(lba: number, count: number, bufferBytes: number): string | null {
    if (this.journalData === 0) return 'SPI flash: not initialised';
    if (!Number.isInteger(lba) || !Number.isInteger(count) || lba < 0 || count < 0 || lba + count > this.sectorCount) {
      return `sectors ${lba}+${count} are outside the ${this.sectorCount}-sector flash`;
    }
    if (bufferBytes < count * SECTOR_SIZE) return `buffer of ${bufferBytes} bytes is short of ${count} sectors`;
    return null;
  }

  /** Read-merge-(erase)-program of one 4 KiB erase block. */
  private writeBlock(blockStart: number, from: Uint8Array, start: number, end: number): void {
    this.readBytes(blockStart, this.current);
    this.block.set(this.current);
    const lo = Math.max(start, blockStart);
    const hi = Math.min(end, blockStart + ERASE_SIZE);
    this.block.set(from.subarray(lo - start, hi - start), lo - blockStart);
    let needsErase = false;
    for (let i = 0; i < ERASE_SIZE; i++) {
      if (this.block[i] & ~this.current[i]) {
        needsErase = true;
        break;
      }
    }
    if (!needsErase) {
      this.programChanges(blockStart, this.block, this.current);
      return;
    }
    const record = this.commit(blockStart, this.block);
    this.rewrite(blockStart, this.block);
    this.markApplied(record);
  }

  /** Programs, 64 bytes per PP, the chunks of `want` that differ from `have`
   * (which holds only bits `want` keeps or clears). */
  private programChanges(address: number, want: Uint8Array, have: Uint8Array | null): void {
    for (let at = 0; at < want.length; at += BUFFER_BYTES) {
      const chunk = want.subarray(at, at + BUFFER_BYTES);
      if (have ? chunk.every((v, i) => v === have[at + i]) : chunk.every((v) => v === 0xff)) continue;
      this.writeEnable();
      this.transact(PAGE_PROGRAM, address + at, chunk, 0);
      this.waitIdle();
    }
  }

  /** Erases the block at `address` and programs `contents` into it. */
  private rewrite(address: number, contents: Uint8Array): void {
    this.writeEnable();
    this.transact(SECTOR_ERASE, address, null, 0);
    this.waitIdle();
    this.programChanges(address, contents, null);
  }

  /** Puts `contents` for the block at `target` into the journal and
   * commits it; returns the record's address. */
  private commit(target: number, contents: Uint8Array): number {
    if (this.nextRecord >= ERASE_SIZE) {
      // Every record is applied: start the record block afresh.
      this.writeEnable();
      this.transact(SECTOR_ERASE, this.journalRecords, null, 0);
      this.waitIdle();
      this.nextRecord = 0;
    }
    this.rewrite(this.journalData, contents);
    const record = this.journalRecords + this.nextRecord;
    const head = new Uint8Array(RECORD_BYTES - 4);
    const view = new DataView(head.buffer);
    view.setUint32(0, RECORD_MAGIC, true);
    view.setUint32(4, target, true);
    view.setUint32(8, fnv1a(contents), true);
    this.writeEnable();
    this.transact(PAGE_PROGRAM, record, head, 0);
    this.waitIdle();
    this.nextRecord += RECORD_BYTES;
    return record;
  }

  private markApplied(record: number): void {
    this.writeEnable();
    this.transact(PAGE_PROGRAM, record + RECORD_BYTES - 4, new Uint8Array(4).fill(RECORD_APPLIED), 0);
    this.waitIdle();
  }

  /** At power-on: applies a record that was committed and not applied
   * (power was lost between the commit and the end of the rewrite), and
   * finds the next free record slot. */
  private recoverJournal(): void {
    const records = new Uint8Array(ERASE_SIZE);
    this.readBytes(this.journalRecords, records);
    const view = new DataView(records.buffer);
    let pending = -1;
    let free = ERASE_SIZE;
    for (let at = 0; at < ERASE_SIZE; at += RECORD_BYTES) {
      const magic = view.getUint32(at, true);
      if (magic === 0xffffffff) {
        free = at;
        break;
      }
      if (magic === RECORD_MAGIC && view.getUint32(at + 12, true) === RECORD_PENDING) pending = at;
    }
    this.nextRecord = free;
    if (pending < 0) return;
    const target = view.getUint32(pending + 4, true);
    this.readBytes(this.journalData, this.block);
    const intact = target % ERASE_SIZE === 0 && target < this.journalData && fnv1a(this.block) === view.getUint32(pending + 8, true);
    if (!intact) {
      // A torn commit: the target was never touched.
      if (!this.writeProtected) this.markApplied(this.journalRecords + pending);
      return;
    }
    if (this.writeProtected) {
      this.unappliedTarget = target;
      return;
    }
    this.rewrite(target, this.block);
    this.markApplied(this.journalRecords + pending);
  }

  /** Replaces what `into` (read from `address`) holds of the unapplied
   * record's target block with the journal's copy. */
  private overlayUnapplied(address: number, into: Uint8Array): void {
    const lo = Math.max(address, this.unappliedTarget);
    const hi = Math.min(address + into.length, this.unappliedTarget + ERASE_SIZE);
    if (lo >= hi) return;
    const copy = new Uint8Array(hi - lo);
    this.readBytes(this.journalData + (lo - this.unappliedTarget), copy);
    into.set(copy, lo - address);
  }

  private readBytes(address: number, into: Uint8Array): void {
    for (let done = 0; done < into.length; done += BUFFER_BYTES) {
      const n = Math.min(BUFFER_BYTES, into.length - done);
      into.set(this.transact(READ_DATA, address + done, null, n), done);
    }
  }

  private writeEnable(): void {
    this.transact(WRITE_ENABLE, null, null, 0);
  }

  private status(): number {
    return this.transact(READ_STATUS, null, null, 1)[0];
  }

  private waitIdle(): void {
    for (let polls = 0; polls < MAX_STATUS_POLLS; polls++) if (!(this.status() & STATUS_WIP)) return;
    throw new Error('SPI flash: still busy (WIP) after a program or erase');
  }

  /** One user command: opcode, optional 24-bit address, MOSI bytes, MISO bytes. */
  private transact(opcode: number, address: number | null, mosi: Uint8Array | null, misoBytes: number): Uint8Array {
    const b = this.base;
    let user = USR_COMMAND;
    if (address !== null) {
      user |= USR_ADDR;
      this.mmio.write32(b + SPI_MEM_USER1, ADDR_BITLEN_24);
      this.mmio.write32(b + SPI_MEM_ADDR, (address << 8) >>> 0);
    }
    if (mosi && mosi.length > 0) {
      user |= USR_MOSI;
      this.mmio.write32(b + SPI_MEM_MOSI_DLEN, mosi.length * 8 - 1);
      for (let i = 0; i < mosi.length; i += 4) {
        const word = mosi[i] | ((mosi[i + 1] ?? 0) << 8) | ((mosi[i + 2] ?? 0) << 16) | ((mosi[i + 3] ?? 0) << 24);
        this.mmio.write32(b + SPI_MEM_W0 + i, word >>> 0);
      }
    }
    if (misoBytes > 0) {
      user |= USR_MISO;
      this.mmio.write32(b + SPI_MEM_MISO_DLEN, misoBytes * 8 - 1);
    }
    this.mmio.write32(b + SPI_MEM_USER, user >>> 0);
    this.mmio.write32(b + SPI_MEM_USER2, COMMAND_BITLEN_8 | opcode);
    this.mmio.write32(b + SPI_MEM_CMD, SPI_MEM_USR);
    for (let polls = 0; this.mmio.read32(b + SPI_MEM_CMD) & SPI_MEM_USR; polls++) {
      if (polls >= MAX_STATUS_POLLS) throw new Error('SPI1: command never finished');
    }
    const out = new Uint8Array(misoBytes);
    for (let i = 0; i < misoBytes; i += 4) {
      const word = this.mmio.read32(b + SPI_MEM_W0 + i);
      for (let k = 0; k < 4 && i + k < misoBytes; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
    }
    return out;
  }
}

/** FNV-1a over `bytes`: the journal's check that its data block is whole. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}
