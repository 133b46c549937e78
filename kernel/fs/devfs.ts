/**
 * /dev: the console terminal, the classic character devices (null, zero,
 * urandom) and the block devices the board has (hda, mtdblock0), as a
 * small directory of device inodes the kernel fills at boot.
 */
import { EISDIR, fail } from '../syscall/errno';
import type { MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import type { KernelRandom } from '../lib/random';
import type { Tty } from '../tty/tty';
import { FileSystem, FsStats, TMPFS_MAGIC } from './file-system';
import { DirectoryEntry, Inode, IoctlMemory } from './inode';

const DEVFS_DEV = 0x0005;

export abstract class DeviceNode implements Inode {
  readonly kind = 'char-device' as const;
  readonly permissions = 0o666;
  readonly size = 0;
  readonly nlink = 1;
  readonly mtimeNs = 0;
  readonly dev = DEVFS_DEV;
  constructor(
    readonly ino: number,
    readonly rdev: number,
  ) {}
  abstract read(offset: number, into: Uint8Array): MaybeBlocked<number>;
  abstract write(offset: number, from: Uint8Array): MaybeBlocked<number>;
}

export class NullDevice extends DeviceNode {
  read(): number {
    return 0;
  }
  write(_offset: number, from: Uint8Array): number {
    return from.length;
  }
}

export class ZeroDevice extends DeviceNode {
  read(_offset: number, into: Uint8Array): number {
    into.fill(0);
    return into.length;
  }
  write(_offset: number, from: Uint8Array): number {
    return from.length;
  }
}

export class RandomDevice extends DeviceNode {
  constructor(
    ino: number,
    rdev: number,
    private readonly random: KernelRandom,
  ) {
    super(ino, rdev);
  }
  read(_offset: number, into: Uint8Array): number {
    this.random.fill(into);
    return into.length;
  }
  write(_offset: number, from: Uint8Array): number {
    return from.length;
  }
}

/** The console: reads and writes go through the terminal's discipline. */
export class ConsoleDevice extends DeviceNode {
  constructor(
    ino: number,
    rdev: number,
    readonly tty: Tty,
  ) {
    super(ino, rdev);
  }
  get terminal(): Tty {
    return this.tty;
  }
  read(_offset: number, into: Uint8Array): MaybeBlocked<number> {
    return this.tty.read(into);
  }
  poll(): number {
    return this.tty.pollEvents();
  }
  get readiness(): WaitQueue {
    return this.tty.readers;
  }
  write(_offset: number, from: Uint8Array): number {
    return this.tty.write(from);
  }
  ioctl(request: number, argument: number, memory: IoctlMemory & { read?(address: number, length: number): Uint8Array | null }): number {
    return this.tty.ioctl(request, argument, memory, (length) => (memory.read ? memory.read(argument, length) : null));
  }
}

export class DevFs implements Inode, FileSystem {
  readonly type = 'devtmpfs';
  readonly readOnly = false;
  openFiles = 0;
  openWriters = 0;
  readonly ino = 1;
  readonly kind = 'directory' as const;
  readonly permissions = 0o755;
  readonly size = 0;
  readonly nlink = 2;
  readonly rdev = 0;
  readonly mtimeNs = 0;
  readonly dev = DEVFS_DEV;
  private readonly devices = new Map<string, Inode>();

  constructor(
    tty: Tty,
    random: KernelRandom,
    private readonly parent: () => Inode,
  ) {
    const console = new ConsoleDevice(2, (5 << 8) | 1, tty);
    this.devices.set('console', console);
    this.devices.set('tty', console);
    this.devices.set('null', new NullDevice(3, (1 << 8) | 3));
    this.devices.set('zero', new ZeroDevice(4, (1 << 8) | 5));
    this.devices.set('urandom', new RandomDevice(5, (1 << 8) | 9, random));
    this.devices.set('random', new RandomDevice(6, (1 << 8) | 8, random));
  }

  get root(): Inode {
    return this;
  }

  /** A device node the kernel found at boot (block devices). */
  addDevice(name: string, inode: Inode): void {
    this.devices.set(name, inode);
  }

  statfs(): FsStats {
    return { type: TMPFS_MAGIC, blockSize: 4096, blocks: 0, freeBlocks: 0, availableBlocks: 0, files: this.devices.size + 1, freeFiles: 0, nameMax: 255 };
  }

  sync(): void {}

  lookup(name: string): Inode | null {
    if (name === '.') return this;
    if (name === '..') return this.parent();
    return this.devices.get(name) ?? null;
  }

  list(): DirectoryEntry[] {
    return [{ name: '.', inode: this }, { name: '..', inode: this.parent() }, ...[...this.devices].map(([name, inode]) => ({ name, inode }))];
  }

  read(): number {
    fail(EISDIR);
  }
}
