/**
 * The ramfs (/tmp, the initramfs): a writable one has a capacity, so a
 * write at a huge offset is an error (EFBIG / ENOSPC), not a host
 * allocation of gigabytes; an unlinked file stays usable while open and
 * gives its space back after the last close.
 */
import { FdTable, OpenFile, O_RDWR } from '../../kernel/fs/open-file';
import { RamFs, RamNode } from '../../kernel/fs/ramfs';
import { EBADF, EFBIG, EINVAL, ENOSPC, KernelError } from '../../kernel/syscall/errno';

function errnoOf(f: () => unknown): number | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
}

describe('ramfs', () => {
  const newFs = (capacity: number) => new RamFs('tmpfs', () => 0, capacity);

  test('writes within the capacity work; beyond it they fail with ENOSPC', () => {
    const fs = newFs(4096);
    const file = fs.root.createFile('a', 0o644) as RamNode;
    expect(file.write(0, new Uint8Array(3000).fill(1))).toBe(3000);
    expect(fs.usedBytes).toBeLessThanOrEqual(4096);
    expect(errnoOf(() => file.write(3000, new Uint8Array(2000)))).toBe(ENOSPC);
    // What was there is intact.
    const back = new Uint8Array(3000);
    expect(file.read(0, back)).toBe(3000);
    expect(back.every((b) => b === 1)).toBe(true);
  });

  test('a huge or negative offset is EFBIG / EINVAL, not an allocation', () => {
    const fs = newFs(Infinity);
    const file = fs.root.createFile('a', 0o644) as RamNode;
    expect(errnoOf(() => file.write(2 ** 40, new Uint8Array(1)))).toBe(EFBIG);
    expect(errnoOf(() => file.write(-1, new Uint8Array(1)))).toBe(EINVAL);
    expect(errnoOf(() => file.truncate(2 ** 53))).toBe(EFBIG);
    expect(fs.usedBytes).toBe(0);
  });

  test('an unlinked file stays usable while open and frees its space on the last close', () => {
    const fs = newFs(1 << 20);
    const file = fs.root.createFile('a', 0o644) as RamNode;
    const open = new OpenFile(file, O_RDWR, '/tmp/a');
    file.write(0, new Uint8Array(1000).fill(7));
    const used = fs.usedBytes;
    expect(used).toBeGreaterThanOrEqual(1000);
    fs.root.removeEntry('a', false);
    expect(fs.root.lookup('a')).toBeNull();
    const back = new Uint8Array(1000);
    expect(file.read(0, back)).toBe(1000);
    expect(back[999]).toBe(7);
    expect(fs.usedBytes).toBe(used);
    open.release();
    expect(fs.usedBytes).toBe(0);
  });
});

describe('descriptor references', () => {
  test('dup2 to a bad descriptor number drops the reference it took', () => {
    const fs = new RamFs('tmpfs', () => 0, 1 << 20);
    const file = fs.root.createFile('a', 0o644) as RamNode;
    const table = new FdTable();
    const fd = table.install(new OpenFile(file, O_RDWR, '/tmp/a'));
    file.write(0, new Uint8Array(100));
    expect(errnoOf(() => table.installAt(-1, table.get(fd).retain(), false))).toBe(EBADF);
    fs.root.removeEntry('a', false);
    table.close(fd);
    expect(fs.usedBytes).toBe(0);
  });

  test('truncating a big file gives its space back', () => {
    const fs = new RamFs('tmpfs', () => 0, 1 << 20);
    const file = fs.root.createFile('a', 0o644) as RamNode;
    file.write(0, new Uint8Array(100_000));
    file.truncate(10);
    expect(fs.usedBytes).toBe(10);
    expect(file.size).toBe(10);
  });
});
