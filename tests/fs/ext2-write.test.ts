/**
 * The kernel's ext2 writing: a seeded workload (create, write, append,
 * holes, truncate, rename, unlink, mkdir, rmdir, links) on 1 KiB- and
 * 4 KiB-block images made by mke2fs, remounted half-way, with a small
 * cache (so blocks are written back and re-read mid-workload); then
 * e2fsck -fn finds nothing, and debugfs dumps exactly the model's tree.
 * A full file system answers ENOSPC and stays consistent.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ENOSPC, EROFS, KernelError } from '../../kernel/syscall/errno';
import { describeHostTree, dumpImage, fsck, mke2fs, mountImage, tempDir, tool, withE2fsprogs } from './ext2-support';
import { TreeModel, runWorkload } from './ext2-model';

describe('ext2 write', () => {
  for (const blockSize of [1024, 4096]) {
    withE2fsprogs(`a workload leaves a clean image holding exactly what was written (${blockSize}-byte blocks)`, () => {
      const image = path.join(tempDir('jos-ext2-'), 'w.img');
      mke2fs(image, blockSize, 16);
      const model = new TreeModel();
      let m = mountImage(image, false, () => 1_700_000_000e9, 64);
      runWorkload(m.fs.root, model, blockSize, 400);
      m.unmount();
      m = mountImage(image, false, () => 1_700_000_100e9, 64);
      runWorkload(m.fs.root, model, blockSize + 1, 400);
      const stats = m.fs.statfs();
      m.unmount();
      const check = fsck(image);
      expect(check.output).not.toMatch(/Fix\?|count wrong|Unattached|bad|illegal/i);
      expect(check.status).toBe(0);
      expect(check.output).toContain(`${stats.blocks + (blockSize === 1024 ? 1 : 0) - stats.freeBlocks}/`);
      const dump = dumpImage(image);
      expect(describeHostTree(dump)).toEqual(model.describe());
      fs.rmSync(dump, { recursive: true, force: true });
    });
  }

  withE2fsprogs('a full file system answers ENOSPC and stays consistent', () => {
    const image = path.join(tempDir('jos-ext2-'), 'full.img');
    mke2fs(image, 1024, 2);
    const m = mountImage(image);
    const f = m.fs.root.createFile('fill', 0o644);
    let written = 0;
    let error: unknown = null;
    for (;;) {
      try {
        const n = f.write!(written, new Uint8Array(64 * 1024).fill(7)) as number;
        written += n;
        if (n < 64 * 1024) break;
      } catch (e) {
        error = e;
        break;
      }
    }
    // The next write fails whole.
    try {
      f.write!(written, new Uint8Array(4096));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KernelError);
    expect((error as KernelError).errno).toBe(ENOSPC);
    expect(m.fs.statfs().freeBlocks).toBe(0);
    expect(() => m.fs.root.makeDirectory('d', 0o755)).toThrow(KernelError);
    m.unmount();
    expect(fsck(image).status).toBe(0);
    // Deleting gives the space back.
    const again = mountImage(image);
    again.fs.root.removeEntry('fill', false);
    expect(again.fs.statfs().freeBlocks).toBeGreaterThan(1000);
    again.unmount();
    expect(fsck(image).status).toBe(0);
  });

  withE2fsprogs('remount read-only writes everything back and marks the image clean; read-write again marks it in use', () => {
    const image = path.join(tempDir('jos-ext2-'), 'remount.img');
    mke2fs(image, 1024, 2);
    // s_state (offset 58 of the superblock at 1024): 1 = cleanly unmounted.
    const state = () => fs.readFileSync(image).readUInt16LE(1024 + 58);
    const m = mountImage(image);
    expect(state()).toBe(0);
    const f = m.fs.root.createFile('kept', 0o644);
    f.write!(0, new Uint8Array(3000).fill(9));
    m.fs.remount(true);
    expect(state()).toBe(1);
    // Clean and complete on the device while still mounted read-only.
    expect(fsck(image).status).toBe(0);
    expect(m.fs.readOnly).toBe(true);
    expect(() => m.fs.root.createFile('more', 0o644)).toThrow(expect.objectContaining({ errno: EROFS }));
    m.fs.remount(false);
    expect(state()).toBe(0);
    m.fs.root.createFile('more', 0o644).write!(0, new Uint8Array([1]));
    m.unmount();
    expect(state()).toBe(1);
    expect(fsck(image).status).toBe(0);
    // A device that refuses writes cannot be remounted read-write.
    const ro = mountImage(image, true);
    expect(() => ro.fs.remount(false)).toThrow(expect.objectContaining({ errno: EROFS }));
    expect(ro.fs.root.lookup!('kept')!.size).toBe(3000);
    ro.unmount();
  });

  for (const blockSize of [1024, 4096]) {
    withE2fsprogs(`after umount the backup superblocks and group descriptors agree with the primary (${blockSize}-byte blocks)`, () => {
      const image = path.join(tempDir('jos-ext2-'), 'backup.img');
      mke2fs(image, blockSize, blockSize === 1024 ? 40 : 300); // 5 and 3 groups: backups in groups 1 (and 3)
      const m = mountImage(image);
      const dir = m.fs.root.makeDirectory('d', 0o755);
      for (let i = 0; i < 40; i++) dir.createFile!(`f${i}`, 0o644).write!(0, new Uint8Array(20_000).fill(i));
      m.unmount();
      // e2fsck reading the backup instead of the primary finds nothing to fix.
      const backup = blockSize === 1024 ? 8193 : 32768;
      const r = spawnSync(tool('e2fsck')!, ['-fn', '-b', String(backup), '-B', String(blockSize), image], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).not.toMatch(/count wrong|Fix\?/);
      expect(r.status).toBe(0);
      expect(fsck(image).status).toBe(0);
    });
  }

  withE2fsprogs('access times follow relatime: set by a read after a change or after a day, else left alone; never on a read-only mount', () => {
    const image = path.join(tempDir('jos-ext2-'), 'atime.img');
    mke2fs(image, 1024, 2);
    let now = 1_700_000_000e9;
    const hour = 3600e9;
    const m = mountImage(image, false, () => now);
    const f = m.fs.root.createFile('f', 0o644);
    f.write!(0, new Uint8Array(100));
    const buf = new Uint8Array(10);
    now += hour;
    f.read!(0, buf); // atime <= mtime: set
    expect(f.atimeNs).toBe(now);
    const first = now;
    now += hour;
    f.read!(0, buf); // newer than the change, less than a day old: kept
    expect(f.atimeNs).toBe(first);
    now += 24 * hour;
    f.read!(0, buf); // a day old: set
    expect(f.atimeNs).toBe(now);
    now += hour;
    f.write!(0, new Uint8Array([1])); // modified after the last access
    now += hour;
    f.read!(0, buf);
    expect(f.atimeNs).toBe(now);
    now += hour;
    m.fs.root.list!(); // a listing is a read of the directory
    expect(m.fs.root.atimeNs).toBe(now);
    m.unmount();
    const ro = mountImage(image, true, () => now + 100 * hour);
    ro.fs.root.lookup!('f')!.read!(0, buf);
    expect(ro.fs.root.lookup!('f')!.atimeNs).toBe(now - hour);
    ro.unmount();
    expect(fsck(image).status).toBe(0);
  });
});
