/**
 * The root file system from the boot archive ("embedded files", as the
 * first JOS had): a cpio newc archive unpacked into a RamFs, which is then
 * made read-only. Directories named only as parents of files are created;
 * symbolic links are kept.
 */
import { parseCpio } from './cpio';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './inode';
import { RamFs } from './ramfs';

/** `mountPoints`: directories to create for the file systems mounted later.
 * The files' contents are views on `archive`, not copies: the caller gives
 * the archive up (the kernel unpacks its own copy of the boot loader's). */
export function unpackInitramfs(archive: Uint8Array, clock: () => number, mountPoints: readonly string[] = []): RamFs {
  const fs = new RamFs('rootfs', clock);
  for (const dir of mountPoints) fs.ensureDirectory(dir.split('/').filter((p) => p !== ''));
  for (const entry of parseCpio(archive)) {
    const path = entry.name.replace(/^\.?\/*/, '');
    if (path === '') continue;
    const type = entry.mode & S_IFMT;
    const mtimeNs = entry.mtime * 1e9;
    if (type === S_IFDIR) fs.ensureDirectory(path.split('/'), entry.mode & 0o7777);
    else if (type === S_IFREG) fs.addFile(path, entry.mode & 0o7777, entry.data, mtimeNs, true);
    else if (type === S_IFLNK) fs.addSymlink(path, new TextDecoder().decode(entry.data));
    // Device nodes have no meaning in an initramfs here (devfs makes them).
  }
  fs.readOnly = true;
  return fs;
}
