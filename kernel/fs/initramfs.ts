/**
 * The root file system from the boot archive ("embedded files", as the
 * first JOS had): a cpio newc archive unpacked into a RamFs, which is then
 * made read-only. Directories named only as parents of files are created;
 * symbolic links are kept.
 *
 * The archive may be several concatenated, as Linux's initramfs: the host
 * hands the cached archive of the prebuilt userland followed by one of the
 * files `--add` gives. A later entry of a path replaces an earlier one
 * (an added /bin/hello wins over the prebuilt one), and directories merge
 * (a later directory entry sets the mode). A replaced entry is not made at
 * all, so the tree, inode numbers included, is that of one archive
 * without it.
 */
import { CpioEntry, parseCpio } from './cpio';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './inode';
import { RamFs } from './ramfs';

/** `mountPoints`: directories to create for the file systems mounted later.
 * The files' contents are views on `archive`, not copies: the caller gives
 * the archive up (the kernel unpacks its own copy of the boot loader's). */
export function unpackInitramfs(archive: Uint8Array, clock: () => number, mountPoints: readonly string[] = []): RamFs {
  const fs = new RamFs('rootfs', clock);
  for (const dir of mountPoints) fs.ensureDirectory(dir.split('/').filter((p) => p !== ''));
  const entries = parseCpio(archive);
  const paths = entries.map((entry) => entry.name.replace(/^\.?\/*/, ''));
  const replaced = replacedEntries(entries, paths);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const path = paths[i];
    if (path === '' || replaced[i]) continue;
    const type = entry.mode & S_IFMT;
    const mtimeNs = entry.mtime * 1e9;
    if (type === S_IFDIR) fs.ensureDirectory(path.split('/'), entry.mode & 0o7777).permissions = entry.mode & 0o7777;
    else if (type === S_IFREG) fs.addFile(path, entry.mode & 0o7777, entry.data, mtimeNs, true);
    else if (type === S_IFLNK) fs.addSymlink(path, new TextDecoder().decode(entry.data));
    // Device nodes have no meaning in an initramfs here (devfs makes them).
  }
  fs.readOnly = true;
  return fs;
}

/** Which entries a later entry of the same path replaces: any entry that
 * is not a directory, and a directory a later non-directory replaces
 * (directories after directories merge). */
function replacedEntries(entries: readonly CpioEntry[], paths: readonly string[]): boolean[] {
  const replaced = new Array<boolean>(entries.length).fill(false);
  const later = new Map<string, boolean>(); // path -> a later entry of it is a non-directory
  for (let i = entries.length - 1; i >= 0; i--) {
    const isDirectory = (entries[i].mode & S_IFMT) === S_IFDIR;
    const laterNonDirectory = later.get(paths[i]);
    if (laterNonDirectory !== undefined && (laterNonDirectory || !isDirectory)) replaced[i] = true;
    later.set(paths[i], (laterNonDirectory ?? false) || !isDirectory);
  }
  return replaced;
}
