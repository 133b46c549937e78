/**
 * The boot archive's cache (host/initramfs-cache.ts): a cached archive is
 * the one packing the files again gives, byte for byte, and any change to
 * a packed file (size, times) packs them again.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCpio, parseCpio } from '../../kernel/fs/cpio';
import { cachedArchiveSource } from '../../host/initramfs-cache';
import { ListedFile, buildInitramfs, initrdBytes, prebuiltDirectory } from '../../host/initramfs';
import { unpackInitramfs } from '../../kernel/fs/initramfs';
import type { RamNode } from '../../kernel/fs/ramfs';

/** The archive's bytes, through the source the boot loader reads. */
function cachedArchive(file: string, files: readonly ListedFile[], build: () => Uint8Array): Uint8Array {
  return initrdBytes(cachedArchiveSource(file, files, build));
}

function listed(dir: string): ListedFile[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ name, host: path.join(dir, name), mode: 0o100644, stat: fs.statSync(path.join(dir, name)) }));
}

function pack(files: ListedFile[]): Uint8Array {
  return buildCpio(files.map((f) => ({ name: f.name, mode: f.mode, mtime: 0, data: new Uint8Array(fs.readFileSync(f.host)) })));
}

describe('the initramfs cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-initramfs-cache-'));
    fs.mkdirSync(path.join(dir, 'tree'));
    fs.writeFileSync(path.join(dir, 'tree', 'a'), 'first file\n');
    fs.writeFileSync(path.join(dir, 'tree', 'b'), 'second\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('packs once, then gives the same bytes from the cache without packing', () => {
    const cache = path.join(dir, 'cache', 'initramfs.cpio');
    let packs = 0;
    const build = () => {
      packs++;
      return pack(listed(path.join(dir, 'tree')));
    };
    const first = cachedArchive(cache, listed(path.join(dir, 'tree')), build);
    expect(packs).toBe(1);
    expect(fs.existsSync(cache)).toBe(true);
    const second = cachedArchive(cache, listed(path.join(dir, 'tree')), build);
    expect(packs).toBe(1);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(parseCpio(second).map((e) => [e.name, Buffer.from(e.data).toString()])).toEqual([
      ['a', 'first file\n'],
      ['b', 'second\n'],
    ]);
  });

  it('packs again when a file changed, and caches the new archive', () => {
    const cache = path.join(dir, 'initramfs.cpio');
    const build = () => pack(listed(path.join(dir, 'tree')));
    cachedArchive(cache, listed(path.join(dir, 'tree')), build);
    fs.writeFileSync(path.join(dir, 'tree', 'b'), 'second, longer\n');
    const changed = cachedArchive(cache, listed(path.join(dir, 'tree')), build);
    expect(Buffer.from(parseCpio(changed)[1].data).toString()).toBe('second, longer\n');
    let packs = 0;
    const again = cachedArchive(cache, listed(path.join(dir, 'tree')), () => {
      packs++;
      return build();
    });
    expect(packs).toBe(0);
    expect(Buffer.from(again).equals(Buffer.from(changed))).toBe(true);
  });

  it('still packs when the cache cannot be written', () => {
    fs.writeFileSync(path.join(dir, 'not-a-directory'), '');
    const archive = cachedArchive(path.join(dir, 'not-a-directory', 'initramfs.cpio'), listed(path.join(dir, 'tree')), () => pack(listed(path.join(dir, 'tree'))));
    expect(parseCpio(archive).map((e) => e.name)).toEqual(['a', 'b']);
  });

  it("gives the prebuilt tree's files, as on the host", () => {
    const archive = buildInitramfs('riscv32');
    const again = buildInitramfs('riscv32'); // from the cache now
    expect(Buffer.from(again).equals(Buffer.from(archive))).toBe(true);
    const entries = parseCpio(again);
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) expect(Buffer.from(e.data).equals(fs.readFileSync(path.join(prebuiltDirectory('riscv32'), e.name)))).toBe(true);
  });
});

describe('unpacking the initramfs', () => {
  it("keeps views on the archive, and a write or growth changes only that file's bytes", () => {
    const archive = buildCpio([
      { name: 'bin/a', mode: 0o100755, mtime: 0, data: new TextEncoder().encode('aaaa') },
      { name: 'bin/b', mode: 0o100644, mtime: 0, data: new TextEncoder().encode('bbbb') },
    ]);
    const fs = unpackInitramfs(archive, () => 0);
    fs.readOnly = false;
    const bin = fs.root.lookup('bin') as RamNode;
    const a = bin.lookup('a') as RamNode;
    const b = bin.lookup('b') as RamNode;
    a.write(0, new TextEncoder().encode('AA'));
    a.write(4, new TextEncoder().encode('++')); // grows: its own buffer from here on
    const read = (node: RamNode, n: number) => {
      const out = new Uint8Array(n);
      return new TextDecoder().decode(out.subarray(0, node.read(0, out)));
    };
    expect(read(a, 16)).toBe('AAaa++');
    expect(read(b, 16)).toBe('bbbb');
  });
});
