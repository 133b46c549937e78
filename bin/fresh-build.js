// Keeps dist/ in step with the sources: when a TypeScript source (or the
// build's configuration) is newer than the bundle bin/jos.js runs, or there
// is no bundle, rebuild with `npm run build`'s two steps (tsc, then
// scripts/bundle.js) before starting. One process builds at a time (a lock
// directory); the others wait for it and then find the build fresh.
// JOS_NO_REBUILD=1 turns the check off: the tests set it, as their global
// setup has just built, and a source saved while they run must not make
// every jos they start rebuild.
'use strict';
const fs = require('fs');
const path = require('path');

/** What tsconfig.json compiles, and the files that shape the build. */
const SOURCE_DIRS = ['hal', 'arch', 'platform', 'boards', 'kernel', 'host', 'bench'];
const BUILD_FILES = ['tsconfig.json', path.join('scripts', 'bundle.js')];
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 10 * 60 * 1000;

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** The newest modification time among the build's inputs. */
function newestInput(root) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, mtime(p));
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(root, d));
  for (const f of BUILD_FILES) newest = Math.max(newest, mtime(path.join(root, f)));
  return newest;
}

function bundlePath(root) {
  return path.join(root, 'dist', 'jos.js');
}

/** Why the build must be redone, or null when it is fresh. */
function staleReason(root) {
  const built = mtime(bundlePath(root));
  if (built < 0) return 'jos is not built yet';
  if (newestInput(root) > built) return 'the sources changed since the last build';
  return null;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(root, work) {
  const dist = path.join(root, 'dist');
  fs.mkdirSync(dist, { recursive: true });
  const lock = path.join(dist, '.build-lock');
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - mtime(lock) > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function fail(message) {
  process.stderr.write(`jos: ${message}\n`);
  process.exit(1);
}

/** Runs `npm run build`'s steps; output goes to stderr. */
function build(root) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    fail('cannot build: TypeScript is not installed; run "npm install" in ' + root);
  }
  // Required here, not at the top: loading child_process costs every
  // start some 6 M host instructions, and only a rebuild uses it.
  const { spawnSync } = require('child_process');
  const started = Date.now();
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  // tsc writes its output even when it reports type errors: go on, so that
  // a half-finished edit elsewhere does not block a run (npm test fails on them).
  if (compiled.status !== 0 && mtime(path.join(root, 'dist', 'host', 'cli.js')) < started) fail('the build failed (see above)');
  if (compiled.status !== 0) process.stderr.write('jos: tsc reported the errors above; running the build it wrote\n');
  const bundled = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.js')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (bundled.status !== 0) fail('bundling failed (see above)');
  // Stamp the bundle with the build's start: a source saved during the
  // build is newer than it, and the next start rebuilds again.
  const at = new Date(started);
  fs.utimesSync(bundlePath(root), at, at);
}

/** Rebuilds dist/ when it is missing or older than the sources. */
function ensureFreshBuild(root) {
  if (process.env.JOS_NO_REBUILD === '1' && fs.existsSync(bundlePath(root))) return;
  const reason = staleReason(root);
  if (reason === null) return;
  withLock(root, () => {
    const still = staleReason(root);
    if (still === null) return; // another jos built it while this one waited
    process.stderr.write(`jos: ${still}; building (npm run build, about 20 s)...\n`);
    build(root);
  });
}

module.exports = { ensureFreshBuild, staleReason, newestInput };
