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

const SOURCES = ['showargs', 'signals', 'floats', 'threads'];
const nativeOk = process.platform === 'linux' && process.arch === 'x64';
const built: Record<string, string> = {};
let dir = '';

beforeAll(() => {
  if (!nativeOk) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-glibc-'));
  for (const name of SOURCES) {
    const out = path.join(dir, name);
    try {
      execFileSync('gcc', ['-O2', '-static', '-pthread', '-o', out, path.join(__dirname, 'glibc', `${name}.c`), '-lm'], { stdio: 'pipe' });
      built[name] = out;
    } catch (error) {
      console.warn(`glibc-static: skipping ${name}: gcc -static failed (is libc6-dev installed?): ${(error as Error).message}`);
    }
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const ENV = { LANG: 'C', FOO: 'bar' };

/** Runs `name` natively and as the first program on the pc board. */
function both(name: string, args: string[]) {
  const native = spawnSync(built[name], args, { env: ENV, encoding: 'latin1' });
  const env = Object.entries(ENV).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const jos = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', 'pc', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--add', `${built[name]}:/bin/${name}`, ...env, '--', name, ...args],
    { encoding: 'latin1' },
  );
  return { native, jos: { ...jos, stdout: jos.stdout.replace(/\r\n/g, '\n') } };
}

const whenNative = nativeOk ? test : test.skip;

whenNative('a gcc -static glibc program prints the same on the pc board as natively', () => {
  if (!built.showargs) return; // warned in beforeAll
  const ARGS = ['one', 'two words', ''];
  const { native, jos } = both('showargs', ARGS);
  expect(native.stdout).toContain('argv[2]="two words"');
  expect(jos.stderr).toBe('');
  expect(jos.stdout).toBe(native.stdout);
  expect(jos.status).toBe(native.status);
  expect(native.status).toBe(ARGS.length + 1);
});

whenNative('glibc signal handlers (sigaction, SA_SIGINFO, siglongjmp out of SIGSEGV, masks) behave as on Linux', () => {
  if (!built.signals) return; // warned in beforeAll
  const { native, jos } = both('signals', []);
  expect(native.stdout).toContain('caught signal 11 at address 0x1234');
  expect(jos.stderr).toBe('');
  expect(jos.stdout).toBe(native.stdout);
  expect(jos.status).toBe(0);
});

whenNative('x87 and SSE state stay with each process and survive a handler that computes (printf of long double too)', () => {
  if (!built.floats) return; // warned in beforeAll
  const { native, jos } = both('floats', []);
  expect(native.stdout).toMatch(/^child: 0\.548294689366069 /);
  expect(jos.stderr).toBe('');
  expect(jos.stdout).toBe(native.stdout);
  expect(jos.status).toBe(0);
});

whenNative('glibc pthreads: threads, futex mutexes, condvars, rwlocks, barriers, TLS, pthread_kill, exec from a thread', () => {
  if (!built.threads) return; // warned in beforeAll
  const { native, jos } = both('threads', []);
  expect(native.stdout).toContain('mutex: 8 threads x 2000 increments = 16000;');
  expect(native.stdout).toContain('exec from a thread: the new image runs as pid == tid\n');
  expect(jos.stderr).toBe('');
  expect(jos.stdout).toBe(native.stdout);
  expect(jos.status).toBe(0);
});
