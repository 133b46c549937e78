/**
 * ext2 end to end on both boards (program → system calls → VFS → ext2 →
 * polled driver → ATA / SPI flash model → image file): a mke2fs -d image of
 * known files is listed and read byte-exact (the heavy suite adds a
 * >64 MiB sparse file and larger workloads, tests/heavy/ext2-boards);
 * a multi-process workload leaves an image e2fsck -fn finds clean and whose
 * files debugfs dumps exactly as the workload's own model says; the disk
 * can be the root file system (root=/dev/hda); and killing jos mid-write
 * loses nothing that was fsync'ed.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, runJos } from '../support/run-jos';
import { prebuilt } from '../userland/oracle';
import { BOARDS, FSSTRESS, checkAgainstManifests, expectedSums, guestLines } from './board-support';
import { buildSmallTree, dumpImage, fsck, mke2fs, tempDir, tool, withE2fsprogs } from './ext2-support';


describe('ext2 on the boards', () => {
  let src: string;
  beforeAll(() => {
    src = tempDir('jos-ext2-boards-');
    buildSmallTree(src, 4321);
  });
  afterAll(() => fs.rmSync(src, { recursive: true, force: true }));

  for (const { board, dev } of BOARDS) {
    withE2fsprogs(`${board}: a mke2fs -d image at /mnt is listed and read byte-exact`, () => {
      const image = path.join(tempDir('jos-ext2-'), 'read.img');
      mke2fs(image, 1024, 15, src); // esp32c3: ext2 fits the flash less its 8 KiB journal
      const r = runJos(['run', '--board', board, '--disk', `${image},ro`, '--', FSSTRESS, 'sums', '/mnt'], { timeoutMs: 240_000 });
      expect(r.stderr + r.stdout).toContain(`${dev} mounted at /mnt, read-only`);
      expect(guestLines(r.stdout)).toEqual(expectedSums(src));
      expect(r.status).toBe(0);
    }, 300_000);
  }

  // The workload on 1 KiB- and 4 KiB-block images on pc and a 1 KiB one on
  // esp32c3 (the heavy suite runs more operations).
  for (const [{ board }, blockSize] of [
    [BOARDS[0], 1024],
    [BOARDS[0], 4096],
    [BOARDS[1], 1024],
  ] as const) {
    withE2fsprogs(`${board}: a multi-process workload leaves a clean image matching its model (${blockSize}-byte blocks)`, () => {
      const image = path.join(tempDir('jos-ext2-'), 'stress.img');
      mke2fs(image, blockSize, 8);
      const r = runJos(['run', '--board', board, '--disk', image, '--', FSSTRESS, 'stress', '/mnt', '3', '150', '11'], { timeoutMs: 240_000 });
      expect(r.stdout).toContain('fsstress: ok');
      expect(r.status).toBe(0);
      checkAgainstManifests(image, 3);
    }, 300_000);
  }

  withE2fsprogs('pc: mount -o remount,ro|rw and mount --bind through the mount command', () => {
    const image = path.join(tempDir('jos-ext2-remount-'), 'remount.img');
    mke2fs(image, 1024, 4);
    const script = [
      'echo one > /mnt/a',
      'mount -o remount,ro /mnt', 'mount | grep "^/dev/hda on /mnt "',
      'echo two > /mnt/b',
      'mount -o remount,rw /mnt', 'echo three > /mnt/b',
      'mkdir /tmp/v', 'mount --bind /mnt /tmp/v', 'cat /tmp/v/b', 'mount | grep " /tmp/v "',
      'sleep 1 > /mnt/held &', 'mount -o remount,ro /mnt', 'wait',
      'umount /tmp/v', 'cat /mnt/a', 'mount -o remount,ro /bin',
    ].join('\n');
    const r = runJos(['run', '--board', 'pc', '--clock', 'virtual', '--log-level', 'error', '--disk', image, '--', '/bin/sh', '-c', script], { timeoutMs: 120_000 });
    expect(r.stdout.replace(/\r/g, '') + r.stderr).toContain([
      '/dev/hda on /mnt type ext2 (ro)',
      'sh: /mnt/b: Read-only file system',
      'three',
      '/dev/hda on /tmp/v type ext2 (rw)',
      'mount: /mnt: Device or resource busy', // a file open for writing there
      'one',
      'mount: /bin: Invalid argument', // not a mount point
    ].join('\n'));
    expect(fsck(image).status).toBe(0);
    const dump = dumpImage(image);
    expect(fs.readFileSync(path.join(dump, 'b'), 'utf8')).toBe('three\n');
  }, 180_000);

  withE2fsprogs('pc: root=/dev/hda boots init and /bin from the disk', () => {
    const dir = tempDir('jos-ext2-root-');
    const tree = path.join(dir, 'tree');
    fs.mkdirSync(path.join(tree, 'bin'), { recursive: true });
    for (const p of ['sh', 'cat']) fs.copyFileSync(prebuilt('x86_64', p), path.join(tree, 'bin', p));
    fs.chmodSync(path.join(tree, 'bin', 'sh'), 0o755);
    fs.chmodSync(path.join(tree, 'bin', 'cat'), 0o755);
    fs.writeFileSync(path.join(tree, 'on-disk.txt'), 'this file lives on the disk\n');
    const image = path.join(dir, 'root.img');
    mke2fs(image, 4096, 8, tree);
    const r = runJos(['run', '--board', 'pc', '--disk', image, '--append', 'root=/dev/hda', '--', '/bin/sh', '-c', 'cat /on-disk.txt /proc/mounts'], { timeoutMs: 120_000 });
    expect(r.stdout).toContain('this file lives on the disk');
    expect(r.stdout).toMatch(/^\/dev\/hda \/ ext2 rw 0 0$/m);
    expect(r.stdout).toMatch(/^proc \/proc proc rw 0 0$/m);
    expect(r.status).toBe(0);
    // The kernel made the missing mount points on the disk; it is clean.
    expect(fsck(image).status).toBe(0);
  }, 180_000);

  for (const { board } of BOARDS) {
    withE2fsprogs(`${board}: killing jos mid-write loses nothing that was fsync-ed`, async () => {
      const image = path.join(tempDir('jos-ext2-kill-'), 'kill.img');
      mke2fs(image, 1024, 8);
      const synced = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', board, '--disk', image, '--', FSSTRESS, 'synced', '/mnt', '40'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let last = -1;
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (t: string) => {
          out += t;
          for (const m of out.matchAll(/^synced (\d+)$/gm)) last = Math.max(last, Number(m[1]));
          if (last >= 6) child.kill('SIGKILL');
        });
        child.on('error', reject);
        child.on('close', () => {
          clearTimeout(timer);
          resolve(last);
        });
      });
      expect(synced).toBeGreaterThanOrEqual(6);
      // Power comes back: the next boot finishes what the kill interrupted
      // (on esp32c3 the flash driver applies a committed journal record).
      const reboot = runJos(['run', '--board', board, '--disk', image, '--', '/bin/sh', '-c', 'exit 0'], { timeoutMs: 120_000 });
      expect(reboot.status).toBe(0);
      // e2fsck -fy repairs what the kill left (exit 0 or 1: clean or fixed).
      const repaired = spawnSync(tool('e2fsck')!, ['-fy', image], { encoding: 'utf8' });
      expect(repaired.stdout).toContain('Pass 5');
      expect([0, 1]).toContain(repaired.status);
      expect(fsck(image).status).toBe(0);
      const dump = dumpImage(image);
      for (let i = 0; i <= synced; i++) {
        const f = path.join(dump, `s${i}`);
        expect(fs.existsSync(f)).toBe(true);
        expect(fs.readFileSync(f).equals(Buffer.alloc(8192, 'a'.charCodeAt(0) + (i % 26)))).toBe(true);
      }
    }, 180_000);
  }
});

