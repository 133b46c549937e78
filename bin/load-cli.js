// Loads the bundled CLI (dist/jos.js, written by scripts/bundle.js) through
// V8's code cache: the first run compiles it and, as it exits, saves the
// code of every function it compiled to dist/jos.js.cache; later runs
// start from that code instead of parsing and compiling 2 MB of
// JavaScript again. (Node 22's module.enableCompileCache does this for
// every module; JOS supports Node 20.) A cache V8 rejects (another Node
// version or V8 flags) is simply rewritten.
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

/** The bundle's identity: its size and modification time. */
function sourceKey(file) {
  const stat = fs.statSync(file);
  return Buffer.from(`${stat.size}:${stat.mtimeMs}`.padEnd(KEY_BYTES).slice(0, KEY_BYTES));
}

function loadCli(root) {
  const file = path.join(root, 'dist', 'jos.js');
  const cacheFile = file + '.cache';
  const key = sourceKey(file);
  const source = readSource(file);
  let cachedData;
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.length > KEY_BYTES && cache.subarray(0, KEY_BYTES).equals(key)) cachedData = cache.subarray(KEY_BYTES);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => saveCache(script, cacheFile, key));
  }
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext();
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/** The bundle's text. scripts/bundle.js writes it in ASCII, which is read
 * as Latin-1 (the same characters) a few milliseconds faster than UTF-8. */
function readSource(file) {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
}

function saveCache(script, cacheFile, key) {
  try {
    const temporary = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
    fs.renameSync(temporary, cacheFile); // atomic: concurrent runs never read half a cache
  } catch {
    // A read-only checkout still runs, only without the cache.
  }
}

module.exports = { loadCli };
