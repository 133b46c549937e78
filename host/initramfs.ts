/**
 * Packs the boot archive the board's boot loader hands the kernel: the
 * userland built for the board's architecture, userland/prebuilt/<arch>/,
 * which is laid out as the guest's tree (bin/ the commands,
 * usr/libexec/jos-tests/ the conformance programs), plus the files a user
 * adds with `--add HOSTFILE:/GUEST/PATH` (a host directory adds everything
 * under it). The archive of the prebuilt tree comes from its cache
 * (initramfs-cache.ts) while the tree is unchanged; added files follow it
 * as an archive of their own.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { InitrdSource } from '../boards/board';
import { CpioEntry, buildCpio, cpioLength, writeCpio } from '../kernel/fs/cpio';
import { cacheFile, cachedArchiveSource, fillsToEnd } from './initramfs-cache';
import { systemErrorText } from './system-error';

const S_IFREG = 0o100000;

export interface AddedFile {
  host: string;
  guest: string;
}

/** A host file going into the archive, before its bytes are read. */
export interface ListedFile {
  /** Its name in the archive (the guest path without the leading /). */
  name: string;
  host: string;
  mode: number;
  stat: fs.Stats;
}

/** The project's root: the directory holding package.json above this file. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the JOS project root');
    dir = parent;
  }
  return dir;
}

export function prebuiltDirectory(arch: string): string {
  return path.join(projectRoot(), 'userland', 'prebuilt', arch);
}

/** A host file, or every file under a host directory, named under `guest`
 * (executable bits kept). */
function listHostFiles(host: string, guest: string): ListedFile[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(host);
  } catch (error) {
    throw new Error(`--add: cannot read ${host}: ${systemErrorText(error)}`);
  }
  if (stat.isDirectory()) {
    return fs
      .readdirSync(host)
      .sort()
      .flatMap((child) => listHostFiles(path.join(host, child), `${guest}/${child}`));
  }
  const mode = stat.mode & 0o111 ? 0o755 : 0o644;
  return [{ name: guest, host, mode: S_IFREG | mode, stat }];
}

function readListed(file: ListedFile): CpioEntry {
  let data: Uint8Array;
  try {
    data = fs.readFileSync(file.host);
  } catch (error) {
    throw new Error(`--add: cannot read ${file.host}: ${systemErrorText(error)}`);
  }
  return { name: file.name, mode: file.mode, mtime: 0, data };
}

/** Parses `HOSTFILE:/GUEST/PATH` (the guest path must be absolute). */
export function parseAdd(spec: string): AddedFile {
  const cut = spec.lastIndexOf(':/');
  if (cut <= 0) throw new Error(`--add "${spec}": expected HOSTFILE:/GUEST/PATH`);
  return { host: spec.slice(0, cut), guest: spec.slice(cut + 1) };
}

/** The prebuilt tree's files, in archive order. */
function listPrebuilt(arch: string): ListedFile[] {
  const dir = prebuiltDirectory(arch);
  const top = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  return top.flatMap((name) => listHostFiles(path.join(dir, name), name));
}

/** The boot archive, as the boot loader's source: the prebuilt tree's
 * archive (read from its cache), followed, when files are added, by a
 * second archive of only those, which the kernel unpacks after the first
 * as Linux does (a later entry of a path replaces the earlier one;
 * directories merge): a run with --add reads the same cache as one
 * without, plus the added files. Both parts are read straight into the
 * place the boot loader gives (guest RAM): the host holds no copy. Files
 * are listed (and a missing one reported) now, read in writeTo. */
export function initramfsSource(arch: string, added: readonly AddedFile[] = []): InitrdSource {
  const files = listPrebuilt(arch);
  const extra: ListedFile[] = [];
  for (const add of added) {
    const name = add.guest.replace(/^\/+/, '').replace(/\/+$/, '');
    if (name === '' || name.split('/').some((p) => p === '..' || p === '.')) throw new Error(`--add: invalid guest path ${add.guest}`);
    extra.push(...listHostFiles(add.host, name));
  }
  const prebuilt = cachedArchiveSource(cacheFile(arch), files, () => buildCpio(files.map(readListed)));
  if (extra.length === 0) return prebuilt;
  const headers = extra.map((f) => ({ name: f.name, mode: f.mode, mtime: 0, size: f.stat.size }));
  const tailLength = cpioLength(headers);
  return {
    length: prebuilt.length + tailLength,
    writeTo(target: Uint8Array) {
      prebuilt.writeTo(target.subarray(0, prebuilt.length));
      writeCpio(target.subarray(prebuilt.length), headers, (index, data) => readInto(extra[index], data));
    },
  };
}

/** The boot archive's bytes (for what keeps them: a snapshot, a
 * recording's hash, the tests). */
export function buildInitramfs(arch: string, added: readonly AddedFile[] = []): Uint8Array {
  return initrdBytes(initramfsSource(arch, added));
}

export function initrdBytes(initrd: Uint8Array | InitrdSource): Uint8Array {
  if (initrd instanceof Uint8Array) return initrd;
  const out = new Uint8Array(initrd.length);
  initrd.writeTo(out);
  return out;
}

/** Reads an added file into its place in the archive, which its listed
 * size made: a file that changed size since is an error. */
function readInto(file: ListedFile, data: Uint8Array): void {
  let fd: number;
  try {
    fd = fs.openSync(file.host, 'r');
  } catch (error) {
    throw new InitramfsError(`--add: cannot read ${file.host}: ${systemErrorText(error)}`);
  }
  try {
    if (!fillsToEnd(fd, data, 0)) throw new InitramfsError(`--add: ${file.host} changed size while it was packed`);
  } catch (error) {
    if (error instanceof InitramfsError) throw error;
    throw new InitramfsError(`--add: cannot read ${file.host}: ${systemErrorText(error)}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** An added file that could not be read as it was listed (the user's
 * error, reported as such when the boot loader places the archive). */
export class InitramfsError extends Error {}
