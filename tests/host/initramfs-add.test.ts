/**
 * `--add` (host/initramfs.ts): the boot archive is the prebuilt tree's
 * cached archive followed by an archive of only the added files, and the
 * kernel's unpacker (kernel/fs/initramfs.ts) lets a later entry of a path
 * replace the earlier one and merges directories, as Linux does with
 * concatenated archives.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCpio, parseCpio } from '../../kernel/fs/cpio';
import { buildInitramfs, initramfsSource, prebuiltDirectory } from '../../host/initramfs';
import { unpackInitramfs } from '../../kernel/fs/initramfs';
import type { RamFs, RamNode } from '../../kernel/fs/ramfs';

const text = (s: string) => new TextEncoder().encode(s);

function bytes(node: RamNode): Buffer {
  const out = Buffer.alloc(node.size);
  node.read(0, out);
  return out;
}

const contents = (node: RamNode) => bytes(node).toString();

function lookup(root: RamFs, guest: string): RamNode | null {
  let node: RamNode | null = root.root;
  for (const part of guest.split('/').filter((p) => p !== '')) node = node ? (node.lookup(part) as RamNode | null) : null;
  return node;
}

/** Every node under `node`: path, kind, permissions, inode number, size. */
function tree(node: RamNode, at = ''): string[] {
  const lines = [`${at || '/'} ${node.kind} ${node.permissions.toString(8)} ${node.ino} ${node.size}`];
  for (const [name, child] of [...node.children!.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (child.kind === 'directory') lines.push(...tree(child, `${at}/${name}`));
    else lines.push(`${at}/${name} ${child.kind} ${child.permissions.toString(8)} ${child.ino} ${child.size}`);
  }
  return lines;
}

describe('--add: the cached archive, then one of the added files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-initramfs-add-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("starts with the prebuilt tree's archive, byte for byte, and the added file replaces the prebuilt one of its path", () => {
    const prebuilt = buildInitramfs('riscv32');
    fs.writeFileSync(path.join(dir, 'hello'), 'not the prebuilt hello\n');
    const archive = buildInitramfs('riscv32', [{ host: path.join(dir, 'hello'), guest: '/bin/hello' }]);
    expect(Buffer.from(archive.subarray(0, prebuilt.length)).equals(Buffer.from(prebuilt))).toBe(true);
    expect(parseCpio(archive.subarray(prebuilt.length)).map((e) => e.name)).toEqual(['bin/hello']);

    const root = unpackInitramfs(archive, () => 0);
    const hello = lookup(root, '/bin/hello')!;
    expect(contents(hello)).toBe('not the prebuilt hello\n');
    expect(hello.permissions).toBe(0o644); // not executable on the host
    const cat = lookup(root, '/bin/cat')!;
    expect(bytes(cat).equals(fs.readFileSync(path.join(prebuiltDirectory('riscv32'), 'bin', 'cat')))).toBe(true);
    // The tree, inode numbers and the space used included, is the one
    // archive of the prebuilt files without bin/hello and then the added one.
    const single = buildCpio([...parseCpio(prebuilt).filter((e) => e.name !== 'bin/hello'), ...parseCpio(archive.subarray(prebuilt.length))]);
    const one = unpackInitramfs(single, () => 0);
    expect(tree(root.root)).toEqual(tree(one.root));
    expect(root.statfs()).toEqual(one.statfs());
  });

  it('merges a directory added over an existing one (a later file of a path wins, the others stay)', () => {
    fs.mkdirSync(path.join(dir, 'bin', 'tools'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'bin', 'cat'), 'my cat\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'bin', 'extra'), 'extra\n');
    fs.writeFileSync(path.join(dir, 'bin', 'tools', 't'), 'tool\n');
    const archive = buildInitramfs('riscv32', [{ host: path.join(dir, 'bin'), guest: '/bin/' }]);
    const root = unpackInitramfs(archive, () => 0);
    expect(contents(lookup(root, '/bin/cat')!)).toBe('my cat\n');
    expect(lookup(root, '/bin/cat')!.permissions).toBe(0o755);
    expect(contents(lookup(root, '/bin/extra')!)).toBe('extra\n');
    expect(contents(lookup(root, '/bin/tools/t')!)).toBe('tool\n');
    expect(bytes(lookup(root, '/bin/hello')!).equals(fs.readFileSync(path.join(prebuiltDirectory('riscv32'), 'bin', 'hello')))).toBe(true);
    const names = [...(lookup(root, '/bin')!.children!.keys())];
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(fs.readdirSync(path.join(prebuiltDirectory('riscv32'), 'bin')).length + 2); // extra, tools
  });

  it('writes the archive straight into a place that held anything (padding zeroed), as the bytes the host would keep', () => {
    fs.writeFileSync(path.join(dir, 'odd'), 'five\n'); // sizes and names that need padding
    fs.writeFileSync(path.join(dir, 'empty'), '');
    const added = [
      { host: path.join(dir, 'odd'), guest: '/data/odd' },
      { host: path.join(dir, 'empty'), guest: '/data/an-empty-file' },
    ];
    const bytes = buildInitramfs('riscv32', added);
    const source = initramfsSource('riscv32', added);
    expect(source.length).toBe(bytes.length);
    const ram = new Uint8Array(source.length + 8).fill(0xa5);
    source.writeTo(ram.subarray(4, 4 + source.length));
    expect(Buffer.from(ram.subarray(4, 4 + source.length)).equals(Buffer.from(bytes))).toBe(true);
    expect([...ram.subarray(0, 4), ...ram.subarray(4 + source.length)]).toEqual(new Array(8).fill(0xa5));
    expect(() => source.writeTo(new Uint8Array(source.length))).toThrow(/written already/);
    const root = unpackInitramfs(bytes, () => 0);
    expect(contents(lookup(root, '/data/odd')!)).toBe('five\n');
    expect(lookup(root, '/data/an-empty-file')!.size).toBe(0);
  });

  it('reports an added file that changed size between listing and reading', () => {
    fs.writeFileSync(path.join(dir, 'grows'), 'short\n');
    const source = initramfsSource('riscv32', [{ host: path.join(dir, 'grows'), guest: '/data/grows' }]);
    fs.appendFileSync(path.join(dir, 'grows'), 'and longer\n');
    expect(() => source.writeTo(new Uint8Array(source.length))).toThrow(`--add: ${path.join(dir, 'grows')} changed size while it was packed`);
  });

  it('lets the last of several --add of one path win', () => {
    fs.writeFileSync(path.join(dir, 'a'), 'first\n');
    fs.writeFileSync(path.join(dir, 'b'), 'second\n');
    const archive = buildInitramfs('riscv32', [
      { host: path.join(dir, 'a'), guest: '/data/x' },
      { host: path.join(dir, 'b'), guest: '/data/x' },
    ]);
    expect(contents(lookup(unpackInitramfs(archive, () => 0), '/data/x')!)).toBe('second\n');
  });

  it('skips NUL padding between archives and applies a later directory entry over a merged directory', () => {
    const first = buildCpio([{ name: 'd/a', mode: 0o100644, mtime: 0, data: text('a') }]);
    const second = buildCpio([
      { name: 'd', mode: 0o040700, mtime: 0, data: new Uint8Array(0) },
      { name: 'd/b', mode: 0o100644, mtime: 0, data: text('b') },
    ]);
    const archive = new Uint8Array(first.length + 512 + second.length);
    archive.set(first);
    archive.set(second, first.length + 512);
    const root = unpackInitramfs(archive, () => 0);
    expect(contents(lookup(root, '/d/a')!)).toBe('a');
    expect(contents(lookup(root, '/d/b')!)).toBe('b');
    expect(lookup(root, '/d')!.permissions).toBe(0o700);
  });

  it('rejects a corrupt or misplaced added part with an error naming the part and offset', () => {
    const first = buildCpio([{ name: 'bin/hello', mode: 0o100755, mtime: 0, data: text('hello') }]);
    const second = buildCpio([{ name: 'bin/hello', mode: 0o100644, mtime: 0, data: text('other') }]);
    const corrupt = Buffer.concat([first, second]);
    corrupt[first.length + 1] = 0x39; // "079701"
    expect(() => unpackInitramfs(corrupt, () => 0)).toThrow(`cpio: bad magic at ${first.length} (archive part 2)`);
    const truncated = Buffer.concat([first, second]).subarray(0, first.length + 60);
    expect(() => unpackInitramfs(truncated, () => 0)).toThrow(`cpio: truncated header at ${first.length} (archive part 2)`);
    const misaligned = Buffer.concat([first, Buffer.alloc(1), Buffer.from('x'), second]);
    expect(() => unpackInitramfs(misaligned, () => 0)).toThrow(/^cpio: misaligned archive at \d+ \(archive part 2\)$/);
    const junk = Buffer.concat([first, Buffer.from('junk'.repeat(40))]);
    expect(() => unpackInitramfs(junk, () => 0)).toThrow(`cpio: bad magic at ${first.length} (archive part 2)`);
  });
});
