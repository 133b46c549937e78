// Where a jos process's memory goes at its peak (docs/bench.md, "Host
// memory: session 11").
//
// As a preload it samples the process every SAMPLE_MS from Node's event
// loop (the run loop yields every few milliseconds) and keeps the sample
// with the largest resident set: /proc/self/status, V8's heap spaces,
// the memory V8 has malloc'ed (its compilers' zones), ArrayBuffers, and
// the resident pages of /proc/self/smaps by kind of mapping. At exit it
// writes them to $MEMORY_PROBE (JSON):
//
//   MEMORY_PROBE=/tmp/m.json JOS_NO_REBUILD=1 node -r ./scripts/memory-probe.js \
//     bin/jos.js run --board esp32c3 -- /usr/libexec/jos-bench/coremix
//   node scripts/memory-probe.js /tmp/m.json      # prints the breakdown
//
// Reading smaps takes a few milliseconds, so it is read only for a sample
// within 2% of the peak so far, at most every 100 ms: the breakdown can be
// that much older than the peak's figure. The probe's own allocations are
// small (one sample object per new peak).
'use strict';
const fs = require('fs');
const v8 = require('v8');

const SAMPLE_MS = 10;
const SMAPS_EVERY_MS = 100;
const KIB = 1024;
const MIB = 1024 * 1024;

/** VmRSS, VmHWM, RssAnon, RssFile in KiB. */
function status() {
  const text = fs.readFileSync('/proc/self/status', 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)[1]);
  return { rss: field('VmRSS'), hwm: field('VmHWM'), anon: field('RssAnon'), file: field('RssFile') };
}

/** Resident KiB by kind of mapping. glibc's thread arenas are 64 MiB-
 * aligned reservations (their used part readable and writable); a
 * WebAssembly.Memory (the guest's RAM) is a readable part followed by a
 * guard reservation of gigabytes; executable anonymous pages are compiled
 * wasm code; the rest of the anonymous pages are V8's heap, ArrayBuffers
 * and Node's own. */
function smapsByKind() {
  const lines = fs.readFileSync('/proc/self/smaps', 'utf8').split('\n');
  const maps = [];
  for (const line of lines) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) {
      maps.push({ start: parseInt(m[1], 16), bytes: parseInt(m[2], 16) - parseInt(m[1], 16), perm: m[3], name: m[4], rss: 0 });
      continue;
    }
    const r = /^Rss:\s+(\d+)/.exec(line);
    if (r && maps.length > 0) maps[maps.length - 1].rss = Number(r[1]);
  }
  const kinds = { file: 0, brkHeap: 0, threadArenas: 0, wasmMemory: 0, wasmCode: 0, otherAnon: 0 };
  maps.forEach((map, i) => {
    const next = maps[i + 1];
    let kind;
    if (map.name.startsWith('/')) kind = 'file';
    else if (map.name === '[heap]') kind = 'brkHeap';
    else if (map.name !== '') kind = 'otherAnon';
    else if (map.perm.includes('x')) kind = 'wasmCode';
    else if (map.perm.startsWith('rw') && next && next.perm === '---p' && next.start === map.start + map.bytes && next.bytes >= 1024 * MIB) kind = 'wasmMemory';
    else if (map.perm.startsWith('rw') && map.start % (64 * MIB) === 0 && map.bytes <= 64 * MIB) kind = 'threadArenas';
    else kind = 'otherAnon';
    kinds[kind] += map.rss;
  });
  return kinds;
}

function heap() {
  const h = v8.getHeapStatistics();
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics()) if (s.physical_space_size > 0) spaces[s.space_name] = s.physical_space_size;
  const mu = process.memoryUsage();
  return { total: h.total_physical_size, used: h.used_heap_size, spaces, malloced: h.malloced_memory, peakMalloced: h.peak_malloced_memory, external: mu.external, arrayBuffers: mu.arrayBuffers, code: v8.getHeapCodeStatistics() };
}

function startProbe(out) {
  const start = Date.now();
  let peak = null;
  let smapsAt = -Infinity;
  const sample = () => {
    const now = Date.now();
    const st = status();
    if (peak !== null && st.rss < peak.status.rss * 0.98) return;
    const smaps = now - smapsAt >= SMAPS_EVERY_MS ? smapsByKind() : null;
    if (smaps) smapsAt = now;
    if (peak === null || st.rss > peak.status.rss) peak = { atSeconds: (now - start) / 1000, status: st, heap: heap(), smaps: smaps ?? peak?.smaps ?? null };
    else if (smaps) peak.smaps = smaps;
  };
  setInterval(sample, SAMPLE_MS).unref();
  process.on('exit', () => {
    sample();
    fs.writeFileSync(out, JSON.stringify({ argv: process.argv.slice(1), peak, exitStatus: status() }));
  });
}

function report(file) {
  const { argv, peak } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const mb = (bytes) => `${(bytes / MIB).toFixed(1)} MiB`;
  const kb = (kib) => mb(kib * KIB);
  const h = peak.heap;
  console.log(argv.join(' '));
  console.log(`peak resident set ${kb(peak.status.rss)} at ${peak.atSeconds.toFixed(1)} s (high-water mark ${kb(peak.status.hwm)}): file-backed ${kb(peak.status.file)}, anonymous ${kb(peak.status.anon)}`);
  if (peak.smaps) {
    const s = peak.smaps;
    console.log(`  mappings: file ${kb(s.file)}, brk heap (glibc main arena) ${kb(s.brkHeap)}, glibc thread arenas ${kb(s.threadArenas)}, guest RAM (wasm memory, touched) ${kb(s.wasmMemory)}, wasm code ${kb(s.wasmCode)}, other anonymous (V8 heap, ArrayBuffers, Node) ${kb(s.otherAnon)}`);
  }
  console.log(`  V8 heap ${mb(h.total)} (used ${mb(h.used)}): ${Object.entries(h.spaces).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ')}`);
  console.log(`  V8 malloc'ed (compiler zones) ${mb(h.malloced)}, peak so far ${mb(h.peakMalloced)}; external ${mb(h.external)}, of which ArrayBuffers ${mb(h.arrayBuffers)}`);
}

if (require.main === module) {
  if (process.argv.length !== 3) {
    console.error('usage: node scripts/memory-probe.js FILE   (FILE written by a run with MEMORY_PROBE=FILE node -r ./scripts/memory-probe.js ...)');
    process.exit(2);
  }
  report(process.argv[2]);
} else if (process.env.MEMORY_PROBE) {
  startProbe(process.env.MEMORY_PROBE);
} else {
  process.stderr.write('scripts/memory-probe.js: set MEMORY_PROBE=FILE to record\n');
}
