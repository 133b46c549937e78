/**
 * `jos disk`: images made by the kernel's ext2 code on the host pass
 * e2fsck -fn and hold exactly the --from tree (as debugfs dumps it); ls,
 * cat, cp and rm read and change them, and mistakes are clear errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runJos } from '../support/run-jos';
import { buildSmallTree, describeHostTree, dumpImage, fsck, tempDir, withE2fsprogs } from './ext2-support';

describe('jos disk', () => {
  for (const blockSize of ['1024', '4096']) {
    withE2fsprogs(`create --from makes a clean image holding the tree (${blockSize}-byte blocks)`, () => {
      const dir = tempDir('jos-disk-');
      const src = path.join(dir, 'src');
      fs.mkdirSync(src);
      buildSmallTree(src, 5);
      const image = path.join(dir, 'made.img');
      const r = runJos(['disk', 'create', image, '--size', '8M', '--from', src, '--block-size', blockSize]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const check = fsck(image);
      expect(check.status).toBe(0);
      const dump = dumpImage(image);
      expect(describeHostTree(dump)).toEqual(describeHostTree(src));
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }

  withE2fsprogs('ls, cat, cp in and out, rm; errors are clear', () => {
    const dir = tempDir('jos-disk-');
    const image = path.join(dir, 'd.img');
    expect(runJos(['disk', 'create', image, '--size', '4M']).status).toBe(0);
    const host = path.join(dir, 'hello.txt');
    fs.writeFileSync(host, 'hello from the host\n');
    expect(runJos(['disk', 'cp', host, `${image}:/hello.txt`]).status).toBe(0);
    expect(runJos(['disk', 'cat', `${image}:/hello.txt`]).stdout).toBe('hello from the host\n');
    expect(runJos(['disk', 'ls', `${image}:/`]).stdout).toMatch(/-rw-r--r-- +1 +20 hello\.txt/);
    const back = path.join(dir, 'back.txt');
    expect(runJos(['disk', 'cp', `${image}:/hello.txt`, back]).status).toBe(0);
    expect(fs.readFileSync(back, 'utf8')).toBe('hello from the host\n');
    expect(runJos(['disk', 'rm', `${image}:/hello.txt`]).status).toBe(0);
    const missing = runJos(['disk', 'cat', `${image}:/hello.txt`]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file or directory');
    expect(fsck(image).status).toBe(0);
    const again = runJos(['disk', 'create', image, '--size', '4M']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists');
    const notExt2 = path.join(dir, 'zeros.img');
    fs.writeFileSync(notExt2, Buffer.alloc(1 << 20));
    const bad = runJos(['disk', 'ls', `${notExt2}:/`]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no ext2 magic number');
    expect(runJos(['disk', 'ls', image]).status).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
