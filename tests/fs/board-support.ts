/**
 * Helpers of the board-level ext2 tests: what `fsstress sums` must print
 * for a host tree, and checking an image after `fsstress stress` against
 * the manifests the workers wrote.
 */
import * as fs from 'fs';
import * as path from 'path';
import { dumpImage, fsck } from './ext2-support';

export const FSSTRESS = '/usr/libexec/jos-tests/fsstress';

export const BOARDS = [
  { board: 'pc', arch: 'x86_64' as const, dev: '/dev/hda' },
  { board: 'esp32c3', arch: 'riscv32' as const, dev: '/dev/mtdblock0' },
];

/** fsstress's file hash: FNV-1a over 32-bit little-endian words, zero-padded. */
function wordHash(bytes: Buffer): string {
  const padded = Buffer.alloc(Math.ceil(bytes.length / 4) * 4);
  bytes.copy(padded);
  let h = 2166136261;
  for (let i = 0; i < padded.length; i += 4) h = Math.imul((h ^ padded.readUInt32LE(i)) >>> 0, 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** What `fsstress sums` must print for a host directory, sorted. */
export function expectedSums(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(root, rel))) {
      if (rel === '' && name === 'lost+found') continue;
      const sub = `${rel}/${name}`;
      const full = path.join(root, sub);
      const st = fs.lstatSync(full);
      if (st.isSymbolicLink()) out.push(`${sub} link ${fs.readlinkSync(full)}`);
      else if (st.isDirectory()) {
        out.push(`${sub} dir`);
        walk(sub);
      } else out.push(`${sub} file ${st.size} ${wordHash(fs.readFileSync(full))}`);
    }
  };
  walk('');
  return out.sort();
}

export function guestLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.startsWith('/') && !l.startsWith('/lost+found'))
    .sort();
}

/** e2fsck -fn clean, and every workload file debugfs dumps is as its manifest says. */
export function checkAgainstManifests(image: string, workers: number): void {
  const check = fsck(image);
  expect(check.output).not.toMatch(/Fix\?|count wrong|Unattached|illegal/i);
  expect(check.status).toBe(0);
  const dump = dumpImage(image);
  try {
    let files = 0;
    for (let w = 0; w < workers; w++) {
      const manifest = fs.readFileSync(path.join(dump, `p${w}.manifest`), 'utf8').trim().split('\n').filter(Boolean);
      const expected = new Map(manifest.map((l) => [l.split(' ')[0], l]));
      const present = fs.readdirSync(path.join(dump, `p${w}`)).map((name) => `p${w}/${name}`);
      expect(present.sort()).toEqual([...expected.keys()].sort());
      for (const [rel, line] of expected) {
        const bytes = fs.readFileSync(path.join(dump, rel));
        let h = 2166136261;
        for (const b of bytes) h = Math.imul((h ^ b) >>> 0, 16777619) >>> 0;
        expect(`${rel} ${bytes.length} ${h.toString(16).padStart(8, '0')}`).toBe(line);
        files++;
      }
    }
    expect(files).toBeGreaterThan(0);
  } finally {
    fs.rmSync(dump, { recursive: true, force: true });
  }
}
