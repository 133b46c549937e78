/**
 * How `jos` is found and started (no timing here: `npm run bench` measures
 * start-up). The README's `npx jos` must run the repository's own bin from
 * node_modules/.bin — never copy the package into npx's cache (which also
 * reruns tsc) and never fetch the unrelated registry package named `jos` —
 * and `npm install -g ./bin` must give a `jos` on PATH.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/run-jos';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleReason } = require('../../bin/fresh-build.js') as { staleReason: (root: string) => string | null };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { onlyStreamsLeft } = require('../../bin/exit-when-done.js') as { onlyStreamsLeft: (resources: string[]) => boolean };

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jos-launcher-'));
}

describe('the jos launcher', () => {
  test('the root package has no bin of its own (npx would install it into its cache); bin/ is the jos package', () => {
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(root.bin).toBeUndefined();
    expect(root.dependencies['jos-cli']).toBe('file:bin');
    const cli = JSON.parse(fs.readFileSync(path.join(ROOT, 'bin', 'package.json'), 'utf8'));
    expect(cli.name).toBe('jos-cli');
    expect(cli.bin).toEqual({ jos: 'jos.js' });
  });

  test('node_modules/.bin/jos is the repository\'s bin/jos.js', () => {
    expect(fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', 'jos'))).toBe(fs.realpathSync(path.join(ROOT, 'bin', 'jos.js')));
  });

  test('npx jos, offline and with an empty npm cache, runs the local bin without installing anything', () => {
    const cache = temporaryDirectory();
    try {
      // From a subdirectory too: npx looks up node_modules/.bin from there.
      const r = spawnSync('npx', ['--offline', 'jos', '--version'], {
        cwd: path.join(ROOT, 'docs'),
        encoding: 'utf8',
        env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
        timeout: 60_000,
      });
      expect(r.stderr).not.toMatch(/install|ERR/i);
      expect(r.stdout.trim()).toBe(VERSION);
      expect(r.status).toBe(0);
      // npx's cache of installed packages stays empty.
      expect(fs.existsSync(path.join(cache, '_npx'))).toBe(false);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  test('npm install -g ./bin puts a jos on PATH that runs this repository from anywhere', () => {
    const prefix = temporaryDirectory();
    try {
      const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', './bin'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(install.status).toBe(0);
      const r = spawnSync(path.join(prefix, 'bin', 'jos'), ['run', '--board', 'esp32c3', '--log-level', 'error', '--', 'hello'], { cwd: os.tmpdir(), encoding: 'utf8', timeout: 60_000 });
      expect(r.stdout).toContain('Hello, world!');
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });
});

describe('rebuilding when the sources are newer than the build', () => {
  let root: string;
  beforeEach(() => {
    root = temporaryDirectory();
    fs.mkdirSync(path.join(root, 'host'));
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'host', 'cli.ts'), '// source\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const touch = (file: string, secondsAgo: number) => {
    const at = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(root, file), at, at);
  };

  test('no bundle: not built', () => {
    expect(staleReason(root)).toMatch(/not built/);
  });

  test('a bundle newer than every source is fresh; a source edited after it is not', () => {
    fs.writeFileSync(path.join(root, 'dist', 'jos.js'), '');
    touch('host/cli.ts', 60);
    touch('dist/jos.js', 30);
    expect(staleReason(root)).toBeNull();
    fs.mkdirSync(path.join(root, 'kernel', 'fs'), { recursive: true });
    fs.writeFileSync(path.join(root, 'kernel', 'fs', 'vfs.ts'), '// edited\n');
    expect(staleReason(root)).toMatch(/sources changed/);
  });

  test('the build configuration counts as a source', () => {
    fs.writeFileSync(path.join(root, 'dist', 'jos.js'), '');
    touch('host/cli.ts', 60);
    touch('dist/jos.js', 30);
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    expect(staleReason(root)).toMatch(/sources changed/);
  });
});

describe('the code cache (bin/load-cli.js)', () => {
  // V8 accepts a code cache for any source of the same length: a rebuild
  // that changed only a digit ran the old bundle's code.
  test('a rebuilt bundle of the same length runs its own code, not the cached one', () => {
    const root = temporaryDirectory();
    fs.mkdirSync(path.join(root, 'dist'));
    const bundle = path.join(root, 'dist', 'jos.js');
    const load = () => spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(path.join(ROOT, 'bin', 'load-cli.js'))}).loadCli(${JSON.stringify(root)}).limit))`], { encoding: 'utf8' });
    fs.writeFileSync(bundle, 'exports.limit = 2048;\n');
    expect(load().stdout).toBe('2048'); // compiles, writes the cache on exit
    expect(fs.existsSync(bundle + '.cache')).toBe(true);
    expect(load().stdout).toBe('2048'); // from the cache
    fs.writeFileSync(bundle, 'exports.limit = 4064;\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(bundle, later, later);
    expect(load().stdout).toBe('4064');
    fs.rmSync(root, { recursive: true, force: true });
  });

  // A cache holds the functions its writer ran: a run on another code path
  // (the other board) adds its own, once.
  test('a run on a code path the cache does not hold yet rewrites it with that path added', () => {
    const root = temporaryDirectory();
    fs.mkdirSync(path.join(root, 'dist'));
    const bundle = path.join(root, 'dist', 'jos.js');
    const cache = bundle + '.cache';
    const loader = JSON.stringify(path.join(ROOT, 'bin', 'load-cli.js'));
    const run = (codePath: string) => {
      const script = `const l = require(${loader}); const cli = l.loadCli(${JSON.stringify(root)}); process.stdout.write(cli.run(${JSON.stringify(codePath)}, l.codePath));`;
      return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    };
    fs.writeFileSync(bundle, 'exports.run = (p, codePath) => { codePath(p); return p === "b" ? (() => "path b")() : "path a"; };\n');
    const paths = () => fs.readFileSync(cache).subarray(64, 320).toString('latin1').trim();
    expect(run('a').stdout).toBe('path a');
    expect(paths()).toBe('a');
    const written = fs.statSync(cache).mtimeMs;
    expect(run('a').stdout).toBe('path a'); // the cache holds it: not rewritten
    expect(fs.statSync(cache).mtimeMs).toBe(written);
    expect(run('b').stdout).toBe('path b');
    expect(paths()).toBe('a,b');
    expect(run('b').stdout).toBe('path b');
    expect(paths()).toBe('a,b');
    fs.rmSync(root, { recursive: true, force: true });
  });

});

describe('what a start loads', () => {
  // commander requires child_process at its top level, for subcommands
  // that are executables (jos has none): the bundle defers it to the first
  // use (scripts/bundle.js), and bin/fresh-build.js to a rebuild.
  test('a jos run does not load node:child_process', () => {
    const report = "process.on('exit', () => process.stderr.write('child_process loaded: ' + process.moduleLoadList.some((m) => /\\bchild_process\\b/.test(m)) + '\\n'))";
    const r = spawnSync(process.execPath, ['-e', `${report}; process.argv.splice(1, 0, 'jos'); require(${JSON.stringify(path.join(ROOT, 'bin', 'jos.js'))})`, 'run', '--board', 'esp32c3', '--log-level', 'error', '--append', 'quiet', '--', '/bin/hello'], {
      cwd: ROOT, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.stdout).toContain('Hello, world!');
    expect(r.stderr).toContain('child_process loaded: false');
    expect(r.status).toBe(0);
  });
});

describe('exiting when the command is done (bin/exit-when-done.js)', () => {
  test('a finished command exits at once only when nothing but the standard streams is left in the event loop', () => {
    expect(onlyStreamsLeft([])).toBe(true);
    expect(onlyStreamsLeft(['PipeWrap', 'PipeWrap', 'TTYWrap', 'Immediate'])).toBe(true);
    // A file still being written, a timer, a child, a socket: Node's own exit waits for them.
    for (const pending of ['FSReqCallback', 'FileHandle', 'Timeout', 'ProcessWrap', 'TCPWrap', 'WriteWrap']) {
      expect(onlyStreamsLeft(['PipeWrap', pending])).toBe(false);
    }
  });

  test('jos exits with the command\'s status and its whole output through a pipe', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'jos.js'), 'run', '--board', 'pc', '--log-level', 'error', '--append', 'quiet', '--', '/bin/sh', '-c', 'ls -l /bin /usr/libexec/jos-tests; exit 7'], {
      cwd: ROOT, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.status).toBe(7);
    const listed = fs.readdirSync(path.join(ROOT, 'userland', 'prebuilt', 'x86_64', 'bin')).length + fs.readdirSync(path.join(ROOT, 'userland', 'prebuilt', 'x86_64', 'usr', 'libexec', 'jos-tests')).length;
    // ls -l: a header line ("DIR:"), a "total" line and one line per entry, for each directory, and a blank line between them.
    expect(r.stdout.trimEnd().split('\n').length).toBe(listed + 2 * 2 + 1);
  });
});

