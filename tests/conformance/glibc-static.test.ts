/**
 * A static program built by the host's gcc against glibc (`gcc -static`),
 * with none of JOS's own libc, runs unmodified on the pc board and prints
 * what it prints natively on this Linux host.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/run-jos';

const SOURCE = path.join(__dirname, 'glibc', 'showargs.c');
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
let staticGlibc: string | null = null;
let dir = '';

beforeAll(() => {
  if (!nativeOk) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-glibc-'));
  const out = path.join(dir, 'showargs');
  try {
    execFileSync('gcc', ['-O2', '-static', '-o', out, SOURCE], { stdio: 'pipe' });
    staticGlibc = out;
  } catch (error) {
    console.warn(`glibc-static: skipping: gcc -static failed (is libc6-dev installed?): ${(error as Error).message}`);
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const ARGS = ['one', 'two words', ''];
const ENV = { LANG: 'C', FOO: 'bar' };

test('a gcc -static glibc program prints the same on the pc board as natively', () => {
  if (!staticGlibc) {
    console.warn('glibc-static: no static glibc program (see the warning above); nothing compared');
    return;
  }
  const native = spawnSync(staticGlibc, ARGS, { env: ENV, encoding: 'latin1' });
  const env = Object.entries(ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const jos = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', 'pc', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--add', `${staticGlibc}:/bin/showargs`, ...env, '--', 'showargs', ...ARGS],
    { encoding: 'latin1' },
  );
  expect(native.stdout).toContain('argv[2]="two words"');
  expect(jos.stderr).toBe('');
  expect(jos.stdout.replace(/\r\n/g, '\n')).toBe(native.stdout);
  expect(jos.status).toBe(native.status);
  expect(native.status).toBe(ARGS.length + 1);
});
