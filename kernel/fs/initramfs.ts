/**
 * The root file system from the boot archive ("embedded files", as the
 * first JOS had): a cpio newc archive unpacked into a RamFs, which is then
 * made read-only. Directories named only as parents of files are created.
 */
import { parseCpio } from './cpio';
import { S_IFDIR, S_IFMT, S_IFREG } from './inode';
import { RamFs } from './ramfs';

/** `mountPoints`: directories to create for the file systems mounted later. */
export function unpackInitramfs(archive: Uint8Array, clock: () => number, mountPoints: readonly string[] = []): RamFs {
  const fs = new RamFs('initramfs', clock);
  for (const dir of mountPoints) fs.ensureDirectory(dir.split('/').filter((p) => p !== ''));
  for (const entry of parseCpio(archive)) {
    const path = entry.name.replace(/^\.?\/*/, '');
    if (path === '') continue;
    const type = entry.mode & S_IFMT;
    const mtimeNs = entry.mtime * 1e9;
    if (type === S_IFDIR) fs.ensureDirectory(path.split('/'), entry.mode & 0o7777);
    else if (type === S_IFREG) fs.addFile(path, entry.mode & 0o7777, entry.data, mtimeNs);
    // Other types (devices, links) have no meaning in an initramfs here.
  }
  fs.readOnly = true;
  return fs;
}
