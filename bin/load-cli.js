// Loads the bundled CLI (dist/jos.js, written by scripts/bundle.js) through
// V8's code cache: the first run compiles it and, as it exits, saves the
// code of every function it compiled to dist/jos.js.cache; later runs
// start from that code instead of parsing and compiling 2 MB of
// JavaScript again. (Node 22's module.enableCompileCache does this for
// every module; JOS supports Node 20.) A cache V8 rejects (another Node
// version or V8 flags) is simply rewritten.
//
// A run compiles only the functions it calls: a cache written by
// `jos run --board pc` lacks the esp32c3 board's code, which every
// esp32c3 run would then compile again. So the CLI names the code path
// each run takes (codePath: "run:esp32c3", "exec", ...), the cache lists
// the paths whose code it holds, and a run on a path not yet listed
// rewrites it as it exits, with its own functions added.
'use strict';
const { isAscii } = require('buffer');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

/** Bytes before the code in the cache file: the key of the source it was
 * made from. V8 checks a cache against the source's length only, so a
 * rebuild that changed a digit (3072 to 4061) would run the old code. */
const KEY_BYTES = 64;
/** Then the code paths the cache holds, comma-separated, space-padded. */
const PATHS_BYTES = 256;
const HEADER_BYTES = KEY_BYTES + PATHS_BYTES;

/** The bundle's identity: its size and modification time (and the cache
 * format's version). */
function sourceKey(file) {
  const stat = fs.statSync(file);
  return Buffer.from(`2:${stat.size}:${stat.mtimeMs}`.padEnd(KEY_BYTES).slice(0, KEY_BYTES));
}

/** The cache of the bundle loaded in this process. */
let loaded = null;

function loadCli(root) {
  const file = path.join(root, 'dist', 'jos.js');
  const cacheFile = file + '.cache';
  const key = sourceKey(file);
  const source = readSource(file);
  let cachedData;
  let paths = [];
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.length > HEADER_BYTES && cache.subarray(0, KEY_BYTES).equals(key)) {
      cachedData = cache.subarray(HEADER_BYTES);
      paths = cache.subarray(KEY_BYTES, HEADER_BYTES).toString('latin1').trim().split(',').filter((p) => p !== '');
    }
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const fresh = cachedData === undefined || script.cachedDataRejected;
  loaded = { script, cacheFile, key, paths: fresh ? [] : paths, saving: false };
  if (fresh) saveOnExit();
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext();
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/** The CLI says which code path this run takes: a path the cache does not
 * hold yet has the cache rewritten at exit, with this run's code added. */
function codePath(name) {
  if (!loaded || loaded.paths.includes(name)) return;
  const paths = [...loaded.paths, name];
  if (paths.join(',').length > PATHS_BYTES) return; // a full list: the cache stays as it is
  loaded.paths = paths;
  saveOnExit();
}

function saveOnExit() {
  if (loaded.saving) return;
  loaded.saving = true;
  const target = loaded;
  process.once('exit', () => saveCache(target));
}

/** The bundle's text. scripts/bundle.js writes it in ASCII, which is read
 * as Latin-1 (the same characters) a few milliseconds faster than UTF-8. */
function readSource(file) {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
}

function saveCache({ script, cacheFile, key, paths }) {
  try {
    const temporary = `${cacheFile}.${process.pid}`;
    const header = Buffer.from(paths.join(',').padEnd(PATHS_BYTES), 'latin1');
    fs.writeFileSync(temporary, Buffer.concat([key, header, script.createCachedData()]));
    fs.renameSync(temporary, cacheFile); // atomic: concurrent runs never read half a cache
  } catch {
    // A read-only checkout still runs, only without the cache.
  }
}

module.exports = { loadCli, codePath };
