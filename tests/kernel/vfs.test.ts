/**
 * The VFS's mount table and path walk: crossing mount points, following
 * symbolic links (relative, absolute, through "..", loops), umount's busy
 * checks; and tmpfs's rename/link/symlink.
 */
import { OpenFile, O_RDONLY, O_WRONLY } from '../../kernel/fs/open-file';
import { RamFs, RamNode } from '../../kernel/fs/ramfs';
import { Vfs } from '../../kernel/fs/vfs';
import { EBUSY, EINVAL, ELOOP, ENOENT, ENOTDIR, ENOTEMPTY, EROFS, EXDEV, KernelError } from '../../kernel/syscall/errno';

function errnoOf(f: () => unknown): number | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
}

function setup() {
  const root = new RamFs('rootfs', () => 0);
  root.ensureDirectory(['tmp']);
  root.ensureDirectory(['etc']);
  root.addFile('etc/motd', 0o644, new TextEncoder().encode('hi'));
  root.addSymlink('etc/link', 'motd');
  root.addSymlink('abs', '/tmp/dir');
  root.addSymlink('loop', 'loop');
  root.addSymlink('up', '../etc/motd');
  const vfs = new Vfs(root, 'rootfs');
  const tmp = new RamFs('tmpfs', () => 0);
  vfs.mount('/tmp', tmp, 'tmpfs');
  return { root, tmp, vfs };
}

describe('vfs', () => {
  test('walks into mounts and follows links', () => {
    const { tmp, vfs } = setup();
    const dir = tmp.root.makeDirectory('dir', 0o755) as RamNode;
    dir.createFile('f', 0o644);
    expect(vfs.lookup('/etc/link')).toBe(vfs.lookup('/etc/motd'));
    expect(vfs.lookup('/etc/link', false).kind).toBe('symlink');
    expect(vfs.resolve('/abs/f').path).toBe('/tmp/dir/f');
    expect(vfs.resolve('/abs/f').mount.fs).toBe(tmp);
    expect(vfs.lookup('/up')).toBe(vfs.lookup('/etc/motd'));
    expect(errnoOf(() => vfs.lookup('/loop'))).toBe(ELOOP);
    expect(errnoOf(() => vfs.lookup('/nothing'))).toBe(ENOENT);
    expect(vfs.mounts().map((m) => `${m.source} ${m.path} ${m.fs.type}`)).toEqual(['rootfs / rootfs', 'tmpfs /tmp tmpfs']);
  });

  test('umount refuses while busy, then removes the mount', () => {
    const { tmp, vfs } = setup();
    const f = tmp.root.createFile('x', 0o644);
    const open = new OpenFile(f, O_RDONLY, '/tmp/x');
    expect(errnoOf(() => vfs.umount('/tmp'))).toBe(EBUSY);
    open.release();
    expect(errnoOf(() => vfs.umount('/tmp', (p) => p === '/tmp'))).toBe(EBUSY);
    expect(errnoOf(() => vfs.umount('/etc'))).toBe(EINVAL);
    vfs.umount('/tmp');
    expect(errnoOf(() => vfs.lookup('/tmp/x'))).toBe(ENOENT);
    expect(vfs.mounts().length).toBe(1);
  });

  test('a bind mount shows the same directory at a second place; umount of one leaves the other', () => {
    const { root, tmp, vfs } = setup();
    const dir = tmp.root.makeDirectory('dir', 0o755) as RamNode;
    dir.createFile('f', 0o644);
    root.ensureDirectory(['mnt']);
    const m = vfs.bind('/tmp/dir', '/mnt');
    expect(m.source).toBe('tmpfs');
    expect(vfs.lookup('/mnt/f')).toBe(vfs.lookup('/tmp/dir/f'));
    expect(vfs.resolve('/mnt/f').mount).toBe(m);
    expect(vfs.mounts().map((x) => `${x.source} ${x.path}`)).toEqual(['rootfs /', 'tmpfs /tmp', 'tmpfs /mnt']);
    expect(errnoOf(() => vfs.bind('/etc/motd', '/mnt'))).toBe(ENOTDIR);
    expect(errnoOf(() => vfs.bind('/tmp/dir', '/mnt'))).toBe(EBUSY);
    let unmounted = 0;
    (tmp as { unmounted?: () => void }).unmounted = () => void unmounted++; // FileSystem's optional hook
    vfs.umount('/mnt');
    expect(unmounted).toBe(0); // still mounted at /tmp
    expect(vfs.lookup('/tmp/dir/f').kind).toBe('file');
    vfs.umount('/tmp');
    expect(unmounted).toBe(1);
  });

  test('mountAt finds a mount point only; writers are counted for remount', () => {
    const { tmp, vfs } = setup();
    expect(vfs.mountAt('/tmp').fs).toBe(tmp);
    expect(errnoOf(() => vfs.mountAt('/etc'))).toBe(EINVAL);
    const f = tmp.root.createFile('x', 0o644);
    const reader = new OpenFile(f, O_RDONLY, '/tmp/x');
    const writer = new OpenFile(f, O_WRONLY, '/tmp/x');
    expect([tmp.openFiles, tmp.openWriters]).toEqual([2, 1]);
    writer.release();
    reader.release();
    expect([tmp.openFiles, tmp.openWriters]).toEqual([0, 0]);
    tmp.remount(true);
    expect(errnoOf(() => tmp.root.createFile('y', 0o644))).toBe(EROFS);
    tmp.remount(false);
    expect(tmp.root.createFile('y', 0o644).kind).toBe('file');
  });

  test('tmpfs rename replaces, refuses a non-empty directory and moves across directories', () => {
    const fs = new RamFs('tmpfs', () => 0);
    const a = fs.root.makeDirectory('a', 0o755) as RamNode;
    const b = fs.root.makeDirectory('b', 0o755) as RamNode;
    const f = a.createFile('f', 0o644) as RamNode;
    f.write(0, new Uint8Array([1, 2, 3]));
    b.createFile('g', 0o644);
    a.rename('f', b, 'g');
    expect(a.lookup('f')).toBeNull();
    expect(b.lookup('g')).toBe(f);
    expect(errnoOf(() => fs.root.rename('a', b, 'g'))).not.toBeNull();
    b.makeDirectory('d', 0o755);
    (b.lookup('d') as RamNode).createFile('z', 0o644);
    const e = fs.root.makeDirectory('e', 0o755) as RamNode;
    expect(errnoOf(() => fs.root.rename('e', b, 'd'))).toBe(ENOTEMPTY);
    expect(errnoOf(() => fs.root.rename('b', b.lookup('d')!, 'x'))).toBe(EINVAL);
    expect(e.kind).toBe('directory');
    expect(errnoOf(() => a.rename('x', new RamFs('tmpfs', () => 0).root, 'y'))).toBe(EXDEV);
  });

  test('tmpfs hard links share contents and count names', () => {
    const fs = new RamFs('tmpfs', () => 0);
    const f = fs.root.createFile('f', 0o644) as RamNode;
    fs.root.link('g', f);
    expect(f.nlink).toBe(2);
    f.write(0, new Uint8Array([9]));
    fs.root.removeEntry('f', false);
    expect(f.nlink).toBe(1);
    const back = new Uint8Array(1);
    expect((fs.root.lookup('g') as RamNode).read(0, back)).toBe(1);
    expect(back[0]).toBe(9);
    fs.root.symlink('s', 'g');
    expect(fs.root.lookup('s')!.target).toBe('g');
  });
});
