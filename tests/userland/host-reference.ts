/** Reference outputs from the host's glibc: a userland test program that is
 * portable C is compiled with the host gcc against glibc (and libm), and
 * what it prints is what the JOS build must print. Shared by the floatconv
 * and libm suites. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { USERLAND, which } from './oracle';

/** Compiles userland/tests/<program>.c for the host; null (with a warning
 * naming what is missing) when there is no native gcc for linux/x64. */
export function buildHostReference(program: string): string | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.warn(`${program}: no glibc reference: this host is ${process.platform}/${process.arch}, not linux/x64`);
    return null;
  }
  if (!which('gcc')) {
    console.warn(`${program}: no glibc reference: gcc not installed (apt-get install gcc)`);
    return null;
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `jos-${program}-ref-`)), program);
  const r = spawnSync('gcc', ['-O2', '-fno-builtin', '-o', out, path.join(USERLAND, 'tests', `${program}.c`), '-lm'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc ${program}.c for the host failed:\n${r.stderr}`);
  return out;
}

/** The first line where two outputs differ, with its number, or null. */
export function firstDifference(expected: string, actual: string): string | null {
  if (expected === actual) return null;
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  glibc: ${a[i] ?? '(end)'}\n  JOS:   ${b[i] ?? '(end)'}`;
  }
  return null;
}
