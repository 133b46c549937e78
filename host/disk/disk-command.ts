/**
 * `jos disk`: making and changing ext2 images on the host with the kernel's
 * own ext2 code (kernel/fs/ext2, over an image file instead of a disk).
 *
 *   jos disk create IMAGE --size 64M [--from DIR] [--block-size 1024|4096]
 *   jos disk ls IMAGE:/path
 *   jos disk cat IMAGE:/path
 *   jos disk cp IMAGE:/path HOSTFILE | jos disk cp HOSTFILE IMAGE:/path
 *   jos disk rm IMAGE:/path
 */
import * as fs from 'fs';
import type { Command } from 'commander';
import { ImageBlockIo } from './image-block-io';
import { formatExt2 } from '../../kernel/fs/ext2/format';
import type { Inode } from '../../kernel/fs/inode';
import { modeOf } from '../../kernel/fs/stat';
import { UsageError } from '../usage-error';
import { copyIn, describe, openImage, walk, writeHostFile } from './ext2-image';

/** "64M", "1G", "512K" or bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+)([KMG]?)$/i.exec(text.trim());
  if (!m) throw new UsageError(`--size ${text}: give bytes or a number with K, M or G (e.g. 64M)`);
  const unit = { '': 1, K: 1024, M: 1 << 20, G: 1 << 30 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * unit;
}

/** IMAGE:/path → [IMAGE, /path]; null when `spec` names no image path. */
export function splitImagePath(spec: string): [string, string] | null {
  const at = spec.indexOf(':/');
  if (at <= 0) return null;
  return [spec.slice(0, at), spec.slice(at + 1)];
}

function needImagePath(spec: string): [string, string] {
  const split = splitImagePath(spec);
  if (!split) throw new UsageError(`"${spec}": give IMAGE:/path (for example disk.img:/etc/motd)`);
  return split;
}

function parent(guestPath: string): [string, string] {
  const trimmed = guestPath.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return [trimmed.slice(0, cut) || '/', trimmed.slice(cut + 1)];
}

function modeString(inode: Inode): string {
  const mode = modeOf(inode);
  const type = { directory: 'd', symlink: 'l', 'char-device': 'c', 'block-device': 'b', fifo: 'p', socket: 's', file: '-' }[inode.kind];
  const bits = 'rwxrwxrwx';
  let out = type;
  for (let i = 0; i < 9; i++) out += mode & (0o400 >> i) ? bits[i] : '-';
  return out;
}

/** Makes the image; returns the line `jos disk create` prints about it. */
export function create(image: string, options: { size: string; from?: string; blockSize: string }): string {
  const size = parseSize(options.size);
  const blockSize = Number(options.blockSize);
  if (blockSize !== 1024 && blockSize !== 4096) throw new UsageError(`--block-size ${options.blockSize}: 1024 or 4096`);
  if (size < 1 << 20) throw new UsageError(`--size ${options.size}: at least 1M`);
  if (options.from && !fs.statSync(options.from, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--from ${options.from}: not a directory`);
  if (fs.existsSync(image)) throw new UsageError(`${image} exists; remove it first (jos disk create never overwrites)`);
  fs.writeFileSync(image, '');
  fs.truncateSync(image, Math.floor(size / 512) * 512);
  const io = new ImageBlockIo(image, false);
  try {
    const ext2 = formatExt2(io, { blockSize, clock: () => Date.now() * 1e6, uuid: randomUuidBytes() });
    const files = options.from ? copyIn(options.from, ext2.root) : 0;
    const stats = ext2.statfs();
    ext2.unmounted();
    io.close();
    return `${image}: ext2, ${stats.blocks} blocks of ${blockSize} bytes, ${stats.files} inodes${options.from ? `, ${files} entries from ${options.from}` : ''}\n`;
  } catch (error) {
    io.close();
    fs.rmSync(image, { force: true });
    throw new Error(`${image}: ${describe(error)}`);
  }
}

function ls(spec: string): void {
  const [image, guestPath] = needImagePath(spec);
  const img = openImage(image, true);
  try {
    const node = walk(img.fs.root, guestPath);
    const entries = node.kind === 'directory' ? node.list!().filter((e) => e.name !== '.' && e.name !== '..') : [{ name: parent(guestPath)[1], inode: node }];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const link = e.inode.kind === 'symlink' ? ` -> ${e.inode.target}` : '';
      process.stdout.write(`${modeString(e.inode)} ${String(e.inode.nlink).padStart(3)} ${String(e.inode.size).padStart(10)} ${e.name}${link}\n`);
    }
  } finally {
    img.close();
  }
}

function cat(spec: string): void {
  const [image, guestPath] = needImagePath(spec);
  const img = openImage(image, true);
  try {
    const file = walk(img.fs.root, guestPath);
    if (file.kind !== 'file') throw new Error(`${spec}: not a regular file`);
    const chunk = new Uint8Array(1 << 20);
    for (let at = 0; at < file.size; ) {
      const n = file.read!(at, chunk) as number;
      if (n === 0) break;
      fs.writeSync(1, chunk.subarray(0, n));
      at += n;
    }
  } finally {
    img.close();
  }
}

function cp(from: string, to: string): void {
  const src = splitImagePath(from);
  const dst = splitImagePath(to);
  if ((src === null) === (dst === null)) throw new UsageError('jos disk cp: one side is IMAGE:/path, the other a host file');
  if (src) {
    const img = openImage(src[0], true);
    try {
      const file = walk(img.fs.root, src[1]);
      if (file.kind !== 'file') throw new Error(`${from}: not a regular file`);
      const out = fs.openSync(to, 'w');
      try {
        const chunk = new Uint8Array(1 << 20);
        for (let at = 0; at < file.size; ) {
          const n = file.read!(at, chunk) as number;
          if (n === 0) break;
          fs.writeSync(out, chunk.subarray(0, n));
          at += n;
        }
      } finally {
        fs.closeSync(out);
      }
    } finally {
      img.close();
    }
    return;
  }
  const [image, guestPath] = dst!;
  if (!fs.statSync(from, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${from}: not a host file`);
  const img = openImage(image, false);
  try {
    let target: Inode;
    const existing = (() => {
      try {
        return walk(img.fs.root, guestPath);
      } catch {
        return null;
      }
    })();
    if (existing?.kind === 'directory') {
      const name = from.split('/').pop()!;
      target = existing.lookup!(name) ?? existing.createFile!(name, fs.statSync(from).mode & 0o7777);
    } else if (existing) {
      target = existing;
    } else {
      const [dir, name] = parent(guestPath);
      target = walk(img.fs.root, dir).createFile!(name, fs.statSync(from).mode & 0o7777);
    }
    if (target.kind !== 'file') throw new Error(`${to}: not a regular file`);
    target.truncate!(0);
    writeHostFile(from, target);
  } finally {
    img.close();
  }
}

function rm(spec: string): void {
  const [image, guestPath] = needImagePath(spec);
  const img = openImage(image, false);
  try {
    const [dir, name] = parent(guestPath);
    if (name === '') throw new UsageError(`${spec}: cannot remove the root directory`);
    const parentDir = walk(img.fs.root, dir);
    const node = walk(img.fs.root, guestPath, false);
    parentDir.removeEntry!(name, node.kind === 'directory');
  } finally {
    img.close();
  }
}

/** Runs an action, turning the kernel's errnos into readable messages. */
function run(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new Error(describe(error));
  }
}

export function registerDiskCommand(program: Command): void {
  const disk = program.command('disk').description("make and change ext2 disk images with the kernel's own ext2 code");
  disk
    .command('create')
    .description('make an empty ext2 image, or one holding a host directory')
    .argument('<image>', 'the image file to create (never overwritten)')
    .requiredOption('--size <size>', 'its size, e.g. 64M')
    .option('--from <dir>', 'copy this host directory in')
    .option('--block-size <bytes>', '1024 or 4096', '4096')
    .exitOverride()
    .action((image: string, options: { size: string; from?: string; blockSize: string }) => run(() => process.stdout.write(create(image, options))));
  disk.command('ls').description('list a directory (or one file) in an image').argument('<image:/path>').exitOverride().action((spec: string) => run(() => ls(spec)));
  disk.command('cat').description("write a file's bytes from an image to stdout").argument('<image:/path>').exitOverride().action((spec: string) => run(() => cat(spec)));
  disk
    .command('cp')
    .description('copy a file out of an image (IMAGE:/path HOSTFILE) or into one (HOSTFILE IMAGE:/path)')
    .argument('<from>')
    .argument('<to>')
    .exitOverride()
    .action((from: string, to: string) => run(() => cp(from, to)));
  disk.command('rm').description('remove a file or an empty directory from an image').argument('<image:/path>').exitOverride().action((spec: string) => run(() => rm(spec)));
}

/** 16 random bytes for a new file system's UUID. Node's crypto module is
 * loaded here, not when `jos` starts: compiling it costs every command
 * several milliseconds (start-up time, docs/bench.md). */
function randomUuidBytes(): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('crypto') as typeof import('crypto')).randomBytes(16);
}
