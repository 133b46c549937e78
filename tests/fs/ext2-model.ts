/**
 * A seeded workload of file-system operations run against the kernel's
 * ext2 and a model of what the tree must then hold: create, write, append,
 * overwrite past the end (holes), truncate, rename (across directories,
 * replacing), unlink, mkdir, rmdir, hard and symbolic links.
 */
import type { Inode } from '../../kernel/fs/inode';
import { KernelError } from '../../kernel/syscall/errno';
import { hash, randomBytes, randomName, rng } from './ext2-support';

type Entry = { type: 'file'; data: { bytes: Buffer } } | { type: 'dir' } | { type: 'link'; target: string };

export class TreeModel {
  readonly entries = new Map<string, Entry>();

  constructor() {
    this.entries.set('', { type: 'dir' });
  }

  describe(): Map<string, string> {
    const out = new Map<string, string>();
    for (const key of [...this.entries.keys()].filter((k) => k !== '').sort()) {
      const e = this.entries.get(key)!;
      out.set(key, e.type === 'dir' ? 'dir' : e.type === 'link' ? `link ${e.target}` : `file ${hash(e.data.bytes)}`);
    }
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  children(dir: string): string[] {
    return [...this.entries.keys()].filter((k) => k !== dir && k.startsWith(dir + '/') && !k.slice(dir.length + 1).includes('/'));
  }
}

function walk(root: Inode, p: string): Inode {
  let node = root;
  for (const part of p.split('/').filter((x) => x !== '')) node = node.lookup!(part)!;
  return node;
}

function parentAndName(p: string): [string, string] {
  const cut = p.lastIndexOf('/');
  return [p.slice(0, cut), p.slice(cut + 1)];
}

/** Runs `steps` operations; returns how many failed with ENOSPC. */
export function runWorkload(root: Inode, model: TreeModel, seed: number, steps: number, maxFile = 200_000): number {
  const random = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  let nospc = 0;
  const ofType = (t: Entry['type']) => [...model.entries].filter(([, e]) => e.type === t).map(([k]) => k);
  for (let step = 0; step < steps; step++) {
    const dirs = ofType('dir');
    const files = ofType('file');
    const op = random();
    try {
      if (op < 0.25 || files.length === 0) {
        const dir = pick(dirs);
        const name = randomName(random);
        const p = `${dir}/${name}`;
        if (model.entries.has(p)) continue;
        const data = randomBytes(random, Math.floor(random() * (random() < 0.8 ? 3000 : maxFile)));
        const f = walk(root, dir).createFile!(name, 0o644);
        model.entries.set(p, { type: 'file', data: { bytes: Buffer.alloc(0) } });
        const n = f.write!(0, data) as number;
        (model.entries.get(p) as { data: { bytes: Buffer } }).data.bytes = Buffer.from(data.subarray(0, n));
      } else if (op < 0.4) {
        const p = pick(files);
        const e = model.entries.get(p) as { data: { bytes: Buffer } };
        const extra = randomBytes(random, Math.floor(random() * 8000));
        const n = walk(root, p).write!(e.data.bytes.length, extra) as number;
        e.data.bytes = Buffer.concat([e.data.bytes, extra.subarray(0, n)]);
      } else if (op < 0.5) {
        const p = pick(files);
        const e = model.entries.get(p) as { data: { bytes: Buffer } };
        const at = Math.floor(random() * (e.data.bytes.length + 50_000));
        const chunk = randomBytes(random, Math.floor(random() * 5000) + 1);
        const n = walk(root, p).write!(at, chunk) as number;
        const next = Buffer.alloc(Math.max(e.data.bytes.length, at + n));
        e.data.bytes.copy(next);
        chunk.copy(next, at, 0, n);
        e.data.bytes = next;
      } else if (op < 0.58) {
        const p = pick(files);
        const e = model.entries.get(p) as { data: { bytes: Buffer } };
        const size = Math.floor(random() * (e.data.bytes.length * 1.5 + 10));
        walk(root, p).truncate!(size);
        const next = Buffer.alloc(size);
        e.data.bytes.copy(next, 0, 0, Math.min(size, e.data.bytes.length));
        e.data.bytes = next;
      } else if (op < 0.7) {
        const from = pick(files);
        const toDir = pick(dirs);
        const toName = random() < 0.3 ? parentAndName(pick(files))[1] : randomName(random);
        const to = `${toDir}/${toName}`;
        const existing = model.entries.get(to);
        if (existing && existing.type === 'dir') continue;
        const [fd, fn] = parentAndName(from);
        walk(root, fd).rename!(fn, walk(root, toDir), toName);
        // rename(2) between two names of one file changes nothing.
        const sameFile = existing?.type === 'file' && existing.data === (model.entries.get(from) as { data: unknown }).data;
        if (from !== to && !sameFile) {
          model.entries.set(to, model.entries.get(from)!);
          model.entries.delete(from);
        }
      } else if (op < 0.8) {
        const p = pick(files);
        const [d, n] = parentAndName(p);
        walk(root, d).removeEntry!(n, false);
        model.entries.delete(p);
      } else if (op < 0.87) {
        const dir = pick(dirs);
        const name = randomName(random);
        if (model.entries.has(`${dir}/${name}`)) continue;
        walk(root, dir).makeDirectory!(name, 0o755);
        model.entries.set(`${dir}/${name}`, { type: 'dir' });
      } else if (op < 0.91) {
        const empty = dirs.filter((d) => d !== '' && model.children(d).length === 0);
        if (empty.length === 0) continue;
        const p = pick(empty);
        const [d, n] = parentAndName(p);
        walk(root, d).removeEntry!(n, true);
        model.entries.delete(p);
      } else if (op < 0.96) {
        const target = pick(files);
        const dir = pick(dirs);
        const name = randomName(random);
        if (model.entries.has(`${dir}/${name}`)) continue;
        walk(root, dir).link!(name, walk(root, target));
        model.entries.set(`${dir}/${name}`, model.entries.get(target)!);
      } else {
        const dir = pick(dirs);
        const name = randomName(random);
        if (model.entries.has(`${dir}/${name}`)) continue;
        const target = random() < 0.5 ? randomName(random) : 'd/'.repeat(40) + randomName(random);
        walk(root, dir).symlink!(name, target);
        model.entries.set(`${dir}/${name}`, { type: 'link', target });
      }
    } catch (error) {
      if (error instanceof KernelError && error.errno === 28) {
        nospc++;
        continue;
      }
      throw error;
    }
  }
  return nospc;
}
