/**
 * The file system types mount(2) knows (/proc/filesystems lists them):
 * each makes a FileSystem from a source. Types with a device (ext2) get
 * the block device node the source path names; the others ("nodev") ignore
 * the source.
 */
import { ENODEV, ENOTBLK, fail } from '../syscall/errno';
import type { FileSystem } from './file-system';
import type { Inode } from './inode';

export interface MountSource {
  /** The source path as given, and for device types its inode. */
  path: string;
  device: Inode | null;
  readOnly: boolean;
}

interface FsType {
  name: string;
  needsDevice: boolean;
  create(source: MountSource): FileSystem;
}

export class FileSystemTypes {
  private readonly types: FsType[] = [];

  register(name: string, needsDevice: boolean, create: (source: MountSource) => FileSystem): void {
    this.types.push({ name, needsDevice, create });
  }

  needsDevice(name: string): boolean {
    return this.find(name).needsDevice;
  }

  create(name: string, source: MountSource): FileSystem {
    const type = this.find(name);
    if (type.needsDevice && source.device?.kind !== 'block-device') fail(ENOTBLK);
    return type.create(source);
  }

  /** /proc/filesystems: "nodev\tproc", "\text2". */
  describe(): string {
    return this.types.map((t) => `${t.needsDevice ? '' : 'nodev'}\t${t.name}\n`).join('');
  }

  private find(name: string): FsType {
    return this.types.find((t) => t.name === name) ?? fail(ENODEV);
  }
}
