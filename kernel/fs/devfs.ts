/**
 * /dev: the console terminal, the classic character devices (null, zero,
 * urandom) and the block devices the board has (hda, mtdblock0), as a
 * small directory of device inodes the kernel fills at boot.
 */
import type { MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import type { KernelRandom } from '../lib/random';
import type { Tty } from '../tty/tty';
import { FileSystem, FsStats, TMPFS_MAGIC } from './file-system';
import type { Inode, IoctlMemory } from './inode';
import { DEVFS_DEV, DeviceDirectory } from './dev/device-directory';


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

export class DevFs extends DeviceDirectory implements FileSystem {
  readonly type = 'devtmpfs';
  readonly readOnly = false;
  openFiles = 0;
  openWriters = 0;

  constructor(
    tty: Tty,
    random: KernelRandom,
    private readonly mountParent: () => Inode,
  ) {
    super(1, null);
    const console = new ConsoleDevice(2, (5 << 8) | 1, tty);
    this.add('console', console);
    this.add('tty', console);
    this.add('null', new NullDevice(3, (1 << 8) | 3));
    this.add('zero', new ZeroDevice(4, (1 << 8) | 5));
    this.add('urandom', new RandomDevice(5, (1 << 8) | 9, random));
    this.add('random', new RandomDevice(6, (1 << 8) | 8, random));
  }

  get root(): Inode {
    return this;
  }

  protected override parent(): Inode {
    return this.mountParent();
  }

  statfs(): FsStats {
    return { type: TMPFS_MAGIC, blockSize: 4096, blocks: 0, freeBlocks: 0, availableBlocks: 0, files: this.entries.size + 1, freeFiles: 0, nameMax: 255 };
  }

  sync(): void {}
}
