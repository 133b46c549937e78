/**
 * ATA PIO primary channel (ATA/ATAPI-6, T13/1410D) with one device, the
 * master: command block 0x1F0-0x1F7, control block 0x3F6, IRQ 14, backed
 * by a SectorStore the host fills from an image file.
 *
 * Modelled: the task file (features/error, sector count, LBA low/mid/high,
 * device with LBA bit and DEV select, status/command), the device control
 * register (nIEN gates INTRQ, SRST resets the device and leaves the
 * signature), alternate status (does not clear INTRQ; status does), 16-bit
 * (and 32-bit) data transfers, the PIO data-in protocol (BSY, then DRQ and
 * an interrupt per sector) and data-out protocol (DRQ without interrupt for
 * the first sector, BSY after each, an interrupt when each is written),
 * LBA28, LBA48 (the HOB register halves, read back with the control
 * register's HOB bit) and CHS addressing, and the commands IDENTIFY DEVICE,
 * READ/WRITE SECTORS (EXT), READ VERIFY (EXT), FLUSH CACHE (EXT), SET FEATURES (write cache,
 * transfer mode), INITIALIZE DEVICE PARAMETERS, RECALIBRATE, EXECUTE DEVICE
 * DIAGNOSTIC, CHECK POWER MODE, IDLE/STANDBY; the rest abort (ERR + ABRT).
 * A sector range past the end of the disk ends in ERR + IDNF; a write to a
 * read-only image in ERR + ABRT. Device 1 is absent: selecting it reads
 * status 0 and its commands are ignored. With no image attached the
 * channel floats (all ones), which is how drivers detect "no disk".
 *
 * Timing: `latencyNs` per BSY phase (seek-free: a RAM-backed disk). With 0
 * (the board's default) each phase completes during the register access
 * that starts it, so BSY is never seen: kernel drivers run between guest
 * instructions, while virtual time stands still. Tests use a non-zero
 * latency to exercise the BSY -> DRQ sequencing through clock events.
 * Not modelled: DMA, multiple mode, ATAPI.
 */
import { Clock } from '../clock';
import { AccessSize, PortDevice } from '../bus/devices';
import { IrqLine } from '../irq';
import { DiskMedium, DiskSlot, SECTOR_SIZE, SectorStore } from './sector-store';
import { buildIdentify } from './ata-identify';

export const ATA_PRIMARY_COMMAND = 0x1f0;
export const ATA_PRIMARY_CONTROL = 0x3f6;

// Command block offsets.
export const ATA_DATA = 0;
export const ATA_ERROR_FEATURES = 1;
export const ATA_SECTOR_COUNT = 2;
export const ATA_LBA_LOW = 3;
export const ATA_LBA_MID = 4;
export const ATA_LBA_HIGH = 5;
export const ATA_DEVICE = 6;
export const ATA_STATUS_COMMAND = 7;

export const STATUS_ERR = 0x01;
export const STATUS_DRQ = 0x08;
export const STATUS_DSC = 0x10;
export const STATUS_DF = 0x20;
export const STATUS_DRDY = 0x40;
export const STATUS_BSY = 0x80;

export const ERROR_AMNF = 0x01; // also "diagnostic passed" code 0x01
export const ERROR_ABRT = 0x04;
export const ERROR_IDNF = 0x10;

export const DEVICE_LBA = 0x40;
export const DEVICE_DEV = 0x10;
export const CONTROL_NIEN = 0x02;
export const CONTROL_SRST = 0x04;
export const CONTROL_HOB = 0x80;

export const CMD_RECALIBRATE = 0x10;
export const CMD_READ_SECTORS = 0x20;
export const CMD_READ_SECTORS_NO_RETRY = 0x21;
export const CMD_READ_SECTORS_EXT = 0x24;
export const CMD_WRITE_SECTORS = 0x30;
export const CMD_WRITE_SECTORS_NO_RETRY = 0x31;
export const CMD_WRITE_SECTORS_EXT = 0x34;
export const CMD_READ_VERIFY = 0x40;
export const CMD_READ_VERIFY_NO_RETRY = 0x41;
export const CMD_READ_VERIFY_EXT = 0x42;
export const CMD_DIAGNOSTIC = 0x90;
export const CMD_INIT_PARAMETERS = 0x91;
export const CMD_STANDBY_IMMEDIATE = 0xe0;
export const CMD_IDLE_IMMEDIATE = 0xe1;
export const CMD_STANDBY = 0xe2;
export const CMD_IDLE = 0xe3;
export const CMD_CHECK_POWER_MODE = 0xe5;
export const CMD_FLUSH_CACHE = 0xe7;
export const CMD_FLUSH_CACHE_EXT = 0xea;
export const CMD_IDENTIFY = 0xec;
export const CMD_SET_FEATURES = 0xef;

const FEATURE_ENABLE_WRITE_CACHE = 0x02;
const FEATURE_SET_TRANSFER_MODE = 0x03;
const FEATURE_DISABLE_WRITE_CACHE = 0x82;

export const ATA_HEADS = 16;
export const ATA_SECTORS_PER_TRACK = 63;

type Phase = 'idle' | 'data-in' | 'data-out';


/** What the drive does when its busy time is over (named, so that a
 * pending phase is data a snapshot saves). */
type AtaPhase = 'identify' | 'load-sector' | 'data-out' | 'complete' | 'flush' | 'power-mode' | 'diagnostic' | 'store-sector';
export class AtaChannel implements PortDevice, DiskSlot {
  readonly name = 'ata0';
  private store: SectorStore | null = null;
  private identify: Uint8Array = new Uint8Array(SECTOR_SIZE);
  private error = ERROR_AMNF;
  private features = 0;
  /** The "previous content" halves of the LBA48 task file (HOB). */
  private hobCount = 0;
  private hobLow = 0;
  private hobMid = 0;
  private hobHigh = 0;
  private sectorCount = 1;
  private lbaLow = 1;
  private lbaMid = 0;
  private lbaHigh = 0;
  private device = 0;
  private status = STATUS_DRDY | STATUS_DSC;
  private control = 0;
  private intrq = false;
  private irqLevel = false;
  private phase: Phase = 'idle';
  private command = 0;
  private readonly buffer = new Uint8Array(SECTOR_SIZE);
  private position = 0;
  private lba = 0;
  private remaining = 0;
  private writeCache = true;
  private generation = 0;
  /** Virtual time each BSY phase takes (0: completes at once). */
  latencyNs = 0;

  /** The device control register at 0x3F6 (alternate status on read). */
  readonly controlBlock: PortDevice = {
    name: 'ata0-control',
    in: () => this.readStatus(false),
    out: (_o, _s, value) => this.writeControl(value & 0xff),
  };

  constructor(
    private readonly clock: Clock,
    private readonly irq: IrqLine,
  ) {}

  readonly geometry = { sectorSize: SECTOR_SIZE, deviceName: 'ATA disk' };

  /** The host puts an image in (DiskSlot), before the guest boots. */
  insert(medium: DiskMedium): void {
    this.attach(new SectorStore(medium));
  }

  /** Attaches (or with null detaches) the disk. */
  attach(store: SectorStore | null, model = 'JOS ATA DISK', serial = 'JOS0000000001'): void {
    this.store = store;
    if (store) this.identify = buildIdentify(store.sectorCount, model, serial);
    this.reset();
  }

  get attached(): SectorStore | null {
    return this.store;
  }

  in(offset: number, size: AccessSize): number {
    if (!this.store) return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
    switch (offset) {
      case ATA_DATA:
        return this.readData(size);
      case ATA_ERROR_FEATURES:
        return this.selected ? this.error : 0;
      case ATA_SECTOR_COUNT:
        return this.hob ? this.hobCount : this.sectorCount;
      case ATA_LBA_LOW:
        return this.hob ? this.hobLow : this.lbaLow;
      case ATA_LBA_MID:
        return this.hob ? this.hobMid : this.lbaMid;
      case ATA_LBA_HIGH:
        return this.hob ? this.hobHigh : this.lbaHigh;
      case ATA_DEVICE:
        return this.device | 0xa0; // bits 7 and 5 are obsolete, read as 1
      default:
        return this.readStatus(true);
    }
  }

  out(offset: number, size: AccessSize, value: number): void {
    if (!this.store) return;
    if (offset === ATA_DATA) {
      this.writeData(size, value);
      return;
    }
    value &= 0xff;
    // The task file cannot be written while the device is busy.
    if (this.status & STATUS_BSY) return;
    switch (offset) {
      case ATA_ERROR_FEATURES:
        this.features = value;
        return;
      // Each register keeps the byte written before (LBA48's HOB), and a
      // task file write clears the HOB bit (ATA/ATAPI-6, 6.20).
      case ATA_SECTOR_COUNT:
        this.hobCount = this.sectorCount;
        this.sectorCount = value;
        this.control &= ~CONTROL_HOB;
        return;
      case ATA_LBA_LOW:
        this.hobLow = this.lbaLow;
        this.lbaLow = value;
        this.control &= ~CONTROL_HOB;
        return;
      case ATA_LBA_MID:
        this.hobMid = this.lbaMid;
        this.lbaMid = value;
        this.control &= ~CONTROL_HOB;
        return;
      case ATA_LBA_HIGH:
        this.hobHigh = this.lbaHigh;
        this.lbaHigh = value;
        this.control &= ~CONTROL_HOB;
        return;
      case ATA_DEVICE:
        this.device = value & 0x5f;
        return;
      default:
        this.startCommand(value);
        return;
    }
  }

  private get hob(): boolean {
    return (this.control & CONTROL_HOB) !== 0;
  }

  private get selected(): boolean {
    return (this.device & DEVICE_DEV) === 0;
  }

  private readStatus(clearInterrupt: boolean): number {
    if (!this.store) return 0xff;
    if (!this.selected) return 0;
    if (clearInterrupt && this.intrq) {
      this.intrq = false;
      this.updateIrq();
    }
    return this.status;
  }

  private writeControl(value: number): void {
    if (!this.store) return;
    const wasReset = (this.control & CONTROL_SRST) !== 0;
    this.control = value;
    if (value & CONTROL_SRST) {
      this.generation++;
      this.status = STATUS_BSY;
      this.phase = 'idle';
    } else if (wasReset) {
      this.reset();
    }
    this.updateIrq();
  }

  /** Power-on / software reset: the ATA signature in the task file. */
  private reset(): void {
    this.generation++;
    this.error = ERROR_AMNF; // diagnostic code 01h: device 0 passed
    this.sectorCount = 1;
    this.lbaLow = 1;
    this.lbaMid = 0;
    this.lbaHigh = 0;
    this.device = 0;
    this.status = STATUS_DRDY | STATUS_DSC;
    this.phase = 'idle';
    this.intrq = false;
    this.updateIrq();
  }

  private startCommand(command: number): void {
    if (!this.selected) return; // no device 1
    this.command = command;
    this.intrq = false;
    this.error = 0;
    this.updateIrq();
    switch (command) {
      case CMD_IDENTIFY:
this.busyThen('identify');
        return;
      case CMD_READ_SECTORS:
      case CMD_READ_SECTORS_NO_RETRY:
      case CMD_READ_SECTORS_EXT:
        if (!this.prepareTransfer(command === CMD_READ_SECTORS_EXT)) return;
        this.busyThen('load-sector');
        return;
      case CMD_WRITE_SECTORS:
      case CMD_WRITE_SECTORS_NO_RETRY:
      case CMD_WRITE_SECTORS_EXT:
        if (!this.prepareTransfer(command === CMD_WRITE_SECTORS_EXT)) return;
        if (this.store!.readOnly) {
          this.abort(ERROR_ABRT);
          return;
        }
        this.busyThen('data-out');
        return;
      case CMD_READ_VERIFY:
      case CMD_READ_VERIFY_NO_RETRY:
      case CMD_READ_VERIFY_EXT:
        if (!this.prepareTransfer(command === CMD_READ_VERIFY_EXT)) return;
        this.busyThen('complete');
        return;
      case CMD_FLUSH_CACHE:
      case CMD_FLUSH_CACHE_EXT:
this.busyThen('flush');
        return;
      case CMD_SET_FEATURES:
        if (this.features === FEATURE_ENABLE_WRITE_CACHE) this.writeCache = true;
        else if (this.features === FEATURE_DISABLE_WRITE_CACHE) this.writeCache = false;
        else if (this.features !== FEATURE_SET_TRANSFER_MODE) {
          this.abort(ERROR_ABRT);
          return;
        }
        this.busyThen('complete');
        return;
      case CMD_CHECK_POWER_MODE:
this.busyThen('power-mode');
        return;
      case CMD_DIAGNOSTIC:
this.busyThen('diagnostic');
        return;
      case CMD_INIT_PARAMETERS:
      case CMD_STANDBY_IMMEDIATE:
      case CMD_IDLE_IMMEDIATE:
      case CMD_STANDBY:
      case CMD_IDLE:
        this.busyThen('complete');
        return;
      default:
        if ((command & 0xf0) === CMD_RECALIBRATE) {
          this.busyThen('complete');
          return;
        }
        this.abort(ERROR_ABRT);
        return;
    }
  }

  /** Decodes the address and count; false (after aborting) when the range
   * does not fit on the disk. */
  private prepareTransfer(ext = false): boolean {
    let count = this.sectorCount === 0 ? 256 : this.sectorCount;
    let lba: number;
    if (ext) {
      // LBA48: the HOB bytes are the high halves; a count of 0 means 65536.
      count = ((this.hobCount << 8) | this.sectorCount) || 0x10000;
      lba = (this.hobHigh * 2 ** 16 + this.hobMid * 2 ** 8 + this.hobLow) * 2 ** 24 + ((this.lbaHigh << 16) | (this.lbaMid << 8) | this.lbaLow);
    } else if (this.device & DEVICE_LBA) {
      lba = ((this.device & 0x0f) << 24) | (this.lbaHigh << 16) | (this.lbaMid << 8) | this.lbaLow;
    } else {
      const cylinder = (this.lbaHigh << 8) | this.lbaMid;
      const head = this.device & 0x0f;
      const sector = this.lbaLow;
      if (sector === 0) {
        this.abort(ERROR_IDNF);
        return false;
      }
      lba = (cylinder * ATA_HEADS + head) * ATA_SECTORS_PER_TRACK + sector - 1;
    }
    this.lba = lba;
    this.remaining = count;
    if (this.lba + count > this.store!.sectorCount) {
      this.abort(ERROR_IDNF);
      return false;
    }
    return true;
  }

  private loadSector(): void {
    this.store!.read(this.lba, this.buffer);
    this.dataReady('data-in', true);
  }

  private dataReady(phase: Phase, interrupt: boolean): void {
    this.phase = phase;
    this.position = 0;
    this.status = STATUS_DRDY | STATUS_DSC | STATUS_DRQ;
    if (interrupt) this.raise();
  }

  private readData(size: AccessSize): number {
    if (this.phase !== 'data-in' || !this.selected) return 0;
    let value = 0;
    for (let i = 0; i < size && this.position < SECTOR_SIZE; i++) value |= this.buffer[this.position++] << (8 * i);
    if (this.position >= SECTOR_SIZE) this.sectorRead();
    return value >>> 0;
  }

  private sectorRead(): void {
    this.phase = 'idle';
    if (this.command === CMD_IDENTIFY) {
      this.status = STATUS_DRDY | STATUS_DSC;
      return;
    }
    this.lba++;
    this.remaining--;
    this.sectorCount = this.remaining & 0xff;
    if (this.remaining > 0) this.busyThen('load-sector');
    else {
      this.setAddress(this.lba - 1);
      this.status = STATUS_DRDY | STATUS_DSC; // no interrupt after the last block
    }
  }

  private writeData(size: AccessSize, value: number): void {
    if (this.phase !== 'data-out' || !this.selected) return;
    for (let i = 0; i < size && this.position < SECTOR_SIZE; i++) this.buffer[this.position++] = (value >>> (8 * i)) & 0xff;
    if (this.position < SECTOR_SIZE) return;
    this.phase = 'idle';
this.busyThen('store-sector');
  }

  private setAddress(lba: number): void {
    this.lbaLow = lba & 0xff;
    this.lbaMid = (lba >> 8) & 0xff;
    this.lbaHigh = (lba >> 16) & 0xff;
    this.device = (this.device & 0xf0) | ((lba >> 24) & 0x0f);
  }

  private complete(): void {
    this.phase = 'idle';
    this.status = STATUS_DRDY | STATUS_DSC;
    this.raise();
  }

  private abort(error: number): void {
    this.phase = 'idle';
    this.error = error;
    this.status = STATUS_DRDY | STATUS_DSC | STATUS_ERR;
    this.raise();
  }

  /** BSY for latencyNs, then `next` (at once when the latency is 0). */
  private busyThen(next: AtaPhase): void {
    if (this.latencyNs <= 0) {
      this.runPhase(next);
      return;
    }
    this.status = STATUS_BSY;
    const generation = ++this.generation;
    this.clock.scheduleCallIn(this.latencyNs, this, 'phaseDue', next, generation);
  }

  /** The clock event busyThen() set: the next phase, unless a reset since
   * then cancelled it. */
  phaseDue(next: AtaPhase, generation: number): void {
    if (generation === this.generation) this.runPhase(next);
  }

  private runPhase(next: AtaPhase): void {
    switch (next) {
      case 'identify':
        this.buffer.set(this.identify);
        this.remaining = 0;
        this.dataReady('data-in', true);
        return;
      case 'load-sector':
        this.loadSector();
        return;
      case 'data-out':
        this.dataReady('data-out', false);
        return;
      case 'complete':
        this.complete();
        return;
      case 'flush':
        this.store!.flush();
        this.complete();
        return;
      case 'power-mode':
        this.sectorCount = 0xff; // active or idle
        this.complete();
        return;
      case 'diagnostic':
        this.reset();
        this.raise();
        return;
      case 'store-sector':
        if (!this.store!.write(this.lba, this.buffer)) {
          this.abort(ERROR_ABRT);
          return;
        }
        this.lba++;
        this.remaining--;
        this.sectorCount = this.remaining & 0xff;
        if (this.remaining > 0) this.dataReady('data-out', true);
        else {
          this.setAddress(this.lba - 1);
          this.complete();
        }
        return;
    }
  }


  private raise(): void {
    this.intrq = true;
    this.updateIrq();
  }

  private updateIrq(): void {
    const level = this.intrq && !(this.control & CONTROL_NIEN);
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq.set(level);
    }
  }

  /** The write cache setting (SET FEATURES 02h/82h), for the host's policy. */
  get writeCacheEnabled(): boolean {
    return this.writeCache;
  }
}
