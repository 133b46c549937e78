/**
 * Storage at boot: the board's disk becomes a block device node in /dev
 * (hda on pc, mtdblock0 on esp32c3), ext2 becomes a mountable type, the
 * root may come from the disk (`root=/dev/hda` on the command line, `ro`
 * for read-only), and otherwise a disk holding ext2 is mounted at /mnt.
 */
import type { BlockDevice } from '../../hal/block-device';
import { BlockDeviceNode } from '../fs/block/block-device-node';
import { PolledBlockIo } from '../fs/block/polled-block-io';
import { Ext2Fs } from '../fs/ext2/ext2-fs';
import { EXT2_MAGIC, SUPERBLOCK_OFFSET } from '../fs/ext2/layout';
import type { FileSystemTypes } from '../fs/fs-types';
import type { Inode } from '../fs/inode';
import type { Logger } from '../log/logger';
import { EBUSY, KernelError, fail } from '../syscall/errno';
import { DEVFS_DEV } from '../fs/dev/device-directory';

export function diskNode(disk: BlockDevice, log: Logger): BlockDeviceNode {
  const io = new PolledBlockIo(disk, disk.readOnly ?? false);
  return new BlockDeviceNode(io, 100, disk.rdev, DEVFS_DEV, (message) => log.error('disk', `/dev/${disk.name}: ${message}`));
}

/** Whether the device takes writes: the superblock's sector written back
 * unchanged (a `,ro` image's ATA disk aborts it; flash is write-protected). */
function acceptsWrites(node: BlockDeviceNode): boolean {
  if (node.io.readOnly) return false;
  const sector = new Uint8Array(node.io.sectorSize);
  const lba = SUPERBLOCK_OFFSET / node.io.sectorSize;
  try {
    node.io.read(lba, 1, sector);
    node.io.write(lba, 1, sector);
    return true;
  } catch {
    return false;
  }
}

/** Mounts ext2 from a block device node (one mount per device). */
export function mountExt2(node: BlockDeviceNode, path: string, readOnly: boolean, clock: () => number, log: Logger): Ext2Fs {
  if (node.mounted) fail(EBUSY);
  let ro = readOnly;
  if (!ro && !acceptsWrites(node)) {
    log.info('fs', `${path} refuses writes: mounting it read-only`);
    ro = true;
  }
  const fs = Ext2Fs.mount(node.io, {
    readOnly: ro,
    clock,
    log: (level, message) => log[level]('fs', message),
    name: path,
    dev: node.rdev,
    onUnmounted: () => {
      node.mounted = null;
    },
  });
  node.mounted = fs;
  return fs;
}

export function registerExt2(types: FileSystemTypes, clock: () => number, log: Logger): void {
  types.register('ext2', true, (source) => {
    if (!(source.device instanceof BlockDeviceNode)) throw new KernelError(EBUSY);
    return mountExt2(source.device, source.path, source.readOnly, clock, log);
  });
}

/** True when the device's superblock carries ext2's magic number. */
export function holdsExt2(node: BlockDeviceNode): boolean {
  if (node.size < SUPERBLOCK_OFFSET + 1024) return false;
  const sb = new Uint8Array(1024);
  try {
    node.io.read(SUPERBLOCK_OFFSET / node.io.sectorSize, 1024 / node.io.sectorSize, sb);
  } catch {
    return false;
  }
  return (sb[56] | (sb[57] << 8)) === EXT2_MAGIC;
}

/** A directory for a mount point on a disk root: made if missing and writable. */
export function ensureMountPoint(root: Inode, name: string, writable: boolean): boolean {
  const existing = root.lookup?.(name);
  if (existing) return existing.kind === 'directory';
  if (!writable || !root.makeDirectory) return false;
  root.makeDirectory(name, 0o755);
  return true;
}

/** `root=/dev/NAME` on the command line: ext2 from the disk as "/" (with
 * `ro`, read-only), if it mounts and holds the first program; else null
 * (the initramfs stays the root) with a line saying why. */
export function rootFromDiskCmdline(
  root: string | undefined,
  readOnly: boolean,
  initPath: string,
  node: BlockDeviceNode,
  path: string,
  clock: () => number,
  log: Logger,
): Ext2Fs | null {
  if (root === undefined) return null;
  if (root !== path) {
    log.warn('fs', `root=${root}: no such device (the disk is ${path}); the initramfs is the root`);
    return null;
  }
  let fs: Ext2Fs;
  try {
    fs = mountExt2(node, path, readOnly, clock, log);
  } catch (error) {
    log.warn('fs', `root=${root}: ${(error as Error).message}; the initramfs is the root`);
    return null;
  }
  try {
    let at: Inode | null = fs.root;
    for (const part of initPath.split('/').filter((p) => p !== '')) at = at?.lookup?.(part) ?? null;
    if (at) {
      log.info('fs', `root file system: ext2 on ${path}${fs.readOnly ? ', read-only' : ''}`);
      return fs;
    }
    log.warn('fs', `root=${root}: the disk has no ${initPath}; the initramfs is the root`);
  } catch (error) {
    log.warn('fs', `root=${root}: ${(error as Error).message}; the initramfs is the root`);
  }
  fs.unmounted();
  return null;
}

/** `--disk IMAGE` without root=: an ext2 disk is mounted at /mnt. */
export function mountDiskAtMnt(node: BlockDeviceNode, path: string, vfs: { mount(path: string, fs: Ext2Fs, source: string): void }, clock: () => number, log: Logger): void {
  if (!holdsExt2(node)) {
    log.info('fs', `${path} holds no ext2 file system; not mounted (it is readable raw)`);
    return;
  }
  try {
    const fs = mountExt2(node, path, false, clock, log);
    vfs.mount('/mnt', fs, path);
    log.info('fs', `${path} mounted at /mnt${fs.readOnly ? ', read-only' : ''}`);
  } catch (error) {
    log.warn('fs', `${path} not mounted at /mnt: ${(error as Error).message}`);
  }
}
