/**
 * Assembles Intel-syntax x86_64 source with the host `as` and returns the
 * bytes of its .text section (for programs the tests load at a fixed
 * address; no relocations are applied).
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export function assemble(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'jos-as-'));
  writeFileSync(join(dir, 'p.s'), `.intel_syntax noprefix\n${source}\n`);
  execFileSync('as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')]);
  execFileSync('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'p.o'), join(dir, 'p.bin')]);
  return new Uint8Array(readFileSync(join(dir, 'p.bin')));
}
