/**
 * A generic serializer for the machine's object graph (docs/snapshots.md).
 *
 * Every object reachable from the roots becomes one entry; a value that is
 * an object becomes a reference to its entry, so shared objects stay
 * shared and cycles are fine. Objects that existed right after boot
 * (host/snapshot/boot-index.ts) are saved with their boot number and
 * restored in place into the fresh machine's object with that number;
 * objects made later are saved with their class's name and created again
 * with that class's prototype. Arrays, Maps, Sets, ArrayBuffers and typed
 * arrays (views on a shared buffer stay views on it) are data.
 *
 * What it cannot save it refuses, naming the path from a root: a function
 * made after boot (a closure: its captured variables are invisible), a
 * promise, a host object made after boot, a class it cannot name.
 */
import { BootIndex, childrenOf } from './boot-index';
import { SnapshotError, SnapshotPolicy } from './policy';

/** A saved value: JSON, with objects as {"@": entry} and the numbers and
 * values JSON lacks as {"#": ...}. */
export type SavedValue = string | number | boolean | null | { '@': number } | { '#': string } | { '#n': string } | { '#s': string };

export interface SavedEntry {
  /** Boot number: restored in place into that object. */
  b?: number;
  /** Class name of a non-plain object ('' plain, '~' null prototype). */
  c?: string;
  /** What it is: object, array, map, set, view, buffer, function, opaque. */
  k: 'o' | 'a' | 'm' | 's' | 'v' | 'ab' | 'fn' | 'x';
  /** Object fields. */
  f?: Record<string, SavedValue>;
  /** Array items, Set items, Map entries as [key, value, key, value...]. */
  i?: SavedValue[];
  /** Typed array: its type, buffer entry, byte offset, length. */
  t?: string;
  buf?: number;
  off?: number;
  len?: number;
  /** ArrayBuffer: index of its bytes in the blob list. */
  blob?: number;
}

export interface SavedGraph {
  /** Objects in the boot index when it was saved (a sanity check). */
  bootCount: number;
  roots: Record<string, SavedValue>;
  entries: SavedEntry[];
}

const TYPED_ARRAYS: Record<string, new (buffer: ArrayBuffer, offset: number, length: number) => ArrayBufferView> = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigUint64Array,
  BigInt64Array,
  Uint8ClampedArray,
};

/** Saves the graph under `roots`; ArrayBuffers' bytes go to `blobs`. */
export function saveGraph(roots: Record<string, unknown>, boot: BootIndex, policy: SnapshotPolicy, problems?: string[]): { graph: SavedGraph; blobs: Uint8Array[] } {
  const ids = new Map<object, number>();
  const entries: SavedEntry[] = [];
  const blobs: Uint8Array[] = [];
  const pending: [object, string][] = [];

  const ref = (value: unknown, path: string): SavedValue => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (Number.isFinite(value) && !Object.is(value, -0)) return value;
        return { '#': Object.is(value, -0) ? '-0' : String(value) };
      case 'undefined':
        return { '#': 'undefined' };
      case 'bigint':
        return { '#n': value.toString() };
      case 'symbol': {
        const key = Symbol.keyFor(value);
        if (key === undefined) throw refuse(path, 'a symbol not made by Symbol.for()');
        return { '#s': key };
      }
    }
    if (value === null) return null;
    const obj = value as object;
    const known = ids.get(obj);
    if (known !== undefined) return { '@': known };
    const id = entries.length;
    ids.set(obj, id);
    entries.push({ k: 'o' });
    pending.push([obj, path]);
    return { '@': id };
  };

  const savedRoots: Record<string, SavedValue> = {};
  for (const name of Object.keys(roots)) savedRoots[name] = ref(roots[name], name);
  for (let n = 0; n < pending.length; n++) {
    const [obj, path] = pending[n];
    const id = ids.get(obj)!;
    try {
      entries[id] = describe(obj, path);
    } catch (error) {
      // Listing every problem (a tool's job: scratch checks of the rules).
      if (!problems || !(error instanceof SnapshotError)) throw error;
      problems.push(error.message);
      entries[id] = { k: 'x' };
    }
  }
  if (problems && problems.length > 0) throw new SnapshotError(problems.join('\n'));
  return { graph: { bootCount: boot.objects.length, roots: savedRoots, entries }, blobs };

  function describe(obj: object, path: string): SavedEntry {
    const bootId = boot.idOf(obj);
    if (typeof obj === 'function') {
      if (bootId === undefined && HOST_CLOCK_EVENT.test(path)) {
        // Clock.schedule's callbacks: the host's own events, not a device's.
        throw new SnapshotError(
          'a host event is pending on the virtual clock (a key tap of --keyboard device|keypad, a --screenshot-every timer): it is a host callback, which a snapshot cannot hold; save once it has fired (a key tap lasts 50 ms of virtual time; --screenshot-every keeps one pending, so it does not combine with saving)',
        );
      }
      if (bootId === undefined) throw refuse(path, `a function made after boot (${(obj as { name: string }).name || 'anonymous'}): keep named data and a method instead of a closure`);
      return { b: bootId, k: 'fn' };
    }
    if (policy.isOpaque(obj)) {
      if (bootId === undefined) throw refuse(path, `a host object (${className(obj)}) made after boot`);
      return { b: bootId, k: 'x' };
    }
    if (obj instanceof Promise) throw refuse(path, 'a promise (work in flight)');
    if (obj instanceof WeakMap || obj instanceof WeakSet || obj instanceof WeakRef) throw refuse(path, `a ${className(obj)}`);
    const entry: SavedEntry = bootId === undefined ? { k: 'o' } : { b: bootId, k: 'o' };
    if (obj instanceof ArrayBuffer) {
      entry.k = 'ab';
      entry.blob = blobs.length;
      blobs.push(new Uint8Array(obj));
      return entry;
    }
    if (ArrayBuffer.isView(obj)) {
      const type = className(obj);
      if (!(type in TYPED_ARRAYS) && type !== 'DataView') throw refuse(path, `a ${type}`);
      const view = obj as unknown as { buffer: ArrayBuffer; byteOffset: number; length: number; byteLength: number };
      if (!(view.buffer instanceof ArrayBuffer)) throw refuse(path, 'a view on a SharedArrayBuffer');
      entry.k = 'v';
      entry.t = type;
      entry.buf = (ref(view.buffer, `${path}.buffer`) as { '@': number })['@'];
      entry.off = view.byteOffset;
      entry.len = type === 'DataView' ? view.byteLength : view.length;
      return entry;
    }
    const children = childrenOf(obj, path, policy);
    if (obj instanceof Map) {
      entry.k = 'm';
      entry.i = children.map(([v, p]) => ref(v, p));
    } else if (obj instanceof Set) {
      entry.k = 's';
      entry.i = children.map(([v, p]) => ref(v, p));
    } else if (Array.isArray(obj)) {
      if (Object.getPrototypeOf(obj) !== Array.prototype) throw refuse(path, 'an array of a subclass');
      entry.k = 'a';
      entry.i = children.map(([v, p]) => ref(v, p));
    } else {
      if (Object.getOwnPropertySymbols(obj).length > 0 && bootId === undefined) throw refuse(path, 'an object with symbol-keyed properties');
      const proto = Object.getPrototypeOf(obj);
      if (bootId === undefined) {
        if (proto === null) entry.c = '~';
        else if (proto !== Object.prototype) {
          const name = className(obj);
          const cls = policy.classByName(name);
          if (typeof cls === 'string') throw refuse(path, cls);
          if (cls.prototype !== proto) throw refuse(path, `its class is not the ${name} the registry knows`);
          entry.c = name;
        }
        if (obj instanceof Error && proto === Error.prototype) throw refuse(path, 'an Error');
      } else if (proto !== null && proto !== Object.prototype) {
        entry.c = className(obj);
      }
      if (Object.isFrozen(obj) && bootId !== undefined) {
        // A frozen boot object cannot have changed: a reference will do.
        entry.k = 'x';
        return entry;
      }
      if (bootId === undefined) {
        const descriptors = Object.getOwnPropertyDescriptors(obj);
        for (const key of Object.keys(descriptors)) {
          if (descriptors[key].get !== undefined || descriptors[key].set !== undefined) throw refuse(`${path}.${key}`, 'an accessor on an object made after boot');
        }
      }
      const fields: Record<string, SavedValue> = {};
      for (const [value, childPath, key] of children) fields[key] = ref(value, childPath);
      entry.f = fields;
    }
    return entry;
  }
}

function className(obj: object): string {
  const proto = Object.getPrototypeOf(obj);
  const ctor = proto?.constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : 'Object';
}

/** Where Clock.schedule's host callbacks sit: clock.queue.heap[N].fire. */
const HOST_CLOCK_EVENT = /(^|\.)clock\.queue\.heap\[\d+\]\.fire$/;

function refuse(path: string, what: string): SnapshotError {
  return new SnapshotError(`cannot save ${path}: ${what}`);
}

/**
 * Restores a saved graph into a freshly booted machine whose boot index is
 * `boot`; returns the roots. Checks the whole file against the fresh
 * machine before writing anything into it (a snapshot of another build or
 * other options fails with nothing changed).
 */
export function restoreGraph(graph: SavedGraph, blobs: Uint8Array[], boot: BootIndex, policy: SnapshotPolicy): Record<string, unknown> {
  if (graph.bootCount !== boot.objects.length) {
    throw new SnapshotError(`the snapshot's machine was booted with ${graph.bootCount} objects, this one with ${boot.objects.length}: another build of jos, or other options`);
  }
  const entries = graph.entries;
  const made: unknown[] = new Array(entries.length);
  // Check and make shells: nothing in the fresh machine changes yet.
  for (let id = 0; id < entries.length; id++) {
    const e = entries[id];
    if (e.b !== undefined) {
      const obj = boot.objects[e.b];
      if (obj === undefined) throw new SnapshotError(`entry ${id}: boot object ${e.b} does not exist`);
      const kindNow = kindOf(obj, policy);
      if (kindNow !== e.k && !(e.k === 'x' && kindNow === 'o')) throw new SnapshotError(`entry ${id} (${boot.paths[e.b]}): saved as ${e.k}, the fresh machine has ${kindNow} there`);
      if (e.c !== undefined && e.c !== className(obj)) throw new SnapshotError(`${boot.paths[e.b]}: saved as a ${e.c}, the fresh machine has a ${className(obj)}`);
      if (e.k === 'ab' && (obj as ArrayBuffer).byteLength !== blobOf(e, blobs).length) throw new SnapshotError(`${boot.paths[e.b]}: ${blobOf(e, blobs).length} bytes saved, ${(obj as ArrayBuffer).byteLength} in the fresh machine`);
      made[id] = obj;
      continue;
    }
    switch (e.k) {
      case 'o': {
        let proto: object | null = Object.prototype;
        if (e.c === '~') proto = null;
        else if (e.c !== undefined && e.c !== '') {
          const cls = policy.classByName(e.c);
          if (typeof cls === 'string') throw new SnapshotError(`entry ${id}: ${cls}`);
          proto = cls.prototype;
        }
        made[id] = Object.create(proto);
        break;
      }
      case 'a':
        made[id] = [];
        break;
      case 'm':
        made[id] = new Map();
        break;
      case 's':
        made[id] = new Set();
        break;
      case 'ab':
        made[id] = copyToBuffer(blobOf(e, blobs));
        break;
      case 'v':
        break; // after the buffers
      default:
        throw new SnapshotError(`entry ${id}: a ${e.k} that did not exist at boot`);
    }
  }
  const value = (v: SavedValue): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if ('@' in v) {
      if (!(v['@'] >= 0 && v['@'] < entries.length)) throw new SnapshotError(`a reference to entry ${v['@']} of ${entries.length}`);
      return made[v['@']];
    }
    if ('#n' in v) return BigInt(v['#n']);
    if ('#s' in v) return Symbol.for(v['#s']);
    switch (v['#']) {
      case 'undefined':
        return undefined;
      case '-0':
        return -0;
      case 'NaN':
        return NaN;
      case 'Infinity':
        return Infinity;
      case '-Infinity':
        return -Infinity;
    }
    throw new SnapshotError(`an unknown value ${JSON.stringify(v)}`);
  };
  for (let id = 0; id < entries.length; id++) {
    const e = entries[id];
    if (e.k !== 'v') continue;
    const buffer = made[e.buf!];
    const Type = e.t === 'DataView' ? DataView : TYPED_ARRAYS[e.t!];
    if (!(buffer instanceof ArrayBuffer) || !Type) throw new SnapshotError(`entry ${id}: a damaged typed array`);
    if (e.b !== undefined) {
      const view = made[id] as { buffer: ArrayBuffer; byteOffset: number; length: number; byteLength: number };
      if (view.buffer !== buffer || view.byteOffset !== e.off || (e.t === 'DataView' ? view.byteLength : view.length) !== e.len) throw new SnapshotError(`${boot.paths[e.b]}: the typed array is not on the same buffer range in the fresh machine`);
    } else {
      made[id] = new Type(buffer, e.off!, e.len!);
    }
  }
  // Decode every value first (errors here change nothing), then write.
  const writes: (() => void)[] = [];
  for (let id = 0; id < entries.length; id++) {
    const e = entries[id];
    const target = made[id];
    if (e.k === 'o' && e.f) {
      const obj = target as Record<string, unknown>;
      const fields = Object.entries(e.f).map(([k, v]) => [k, value(v)] as const);
      writes.push(() => {
        const keep = policy.transientFields(obj);
        for (const key of Object.keys(obj)) {
          if (key in e.f! || (keep?.has(key) ?? false)) continue;
          const d = Object.getOwnPropertyDescriptor(obj, key)!;
          if (d.get === undefined && d.set === undefined) delete obj[key];
        }
        for (const [k, v] of fields) Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
      });
    } else if (e.k === 'a') {
      const items = e.i!.map(value);
      const arr = target as unknown[];
      writes.push(() => {
        arr.length = 0;
        for (const item of items) arr.push(item);
      });
    } else if (e.k === 'm') {
      const items = e.i!.map(value);
      const map = target as Map<unknown, unknown>;
      writes.push(() => {
        map.clear();
        for (let i = 0; i < items.length; i += 2) map.set(items[i], items[i + 1]);
      });
    } else if (e.k === 's') {
      const items = e.i!.map(value);
      const set = target as Set<unknown>;
      writes.push(() => {
        set.clear();
        for (const item of items) set.add(item);
      });
    } else if (e.k === 'ab' && e.b !== undefined) {
      const bytes = blobOf(e, blobs);
      const buffer = target as ArrayBuffer;
      writes.push(() => new Uint8Array(buffer).set(bytes));
    }
  }
  const roots: Record<string, unknown> = {};
  for (const name of Object.keys(graph.roots)) roots[name] = value(graph.roots[name]);
  for (const write of writes) write();
  for (let id = 0; id < entries.length; id++) {
    const obj = made[id];
    if (entries[id].k === 'o' && obj !== null && typeof obj === 'object') policy.afterRestore(obj);
  }
  return roots;
}

function kindOf(obj: object, policy: SnapshotPolicy): SavedEntry['k'] {
  if (typeof obj === 'function') return 'fn';
  if (policy.isOpaque(obj)) return 'x';
  if (obj instanceof ArrayBuffer) return 'ab';
  if (ArrayBuffer.isView(obj)) return 'v';
  if (obj instanceof Map) return 'm';
  if (obj instanceof Set) return 's';
  if (Array.isArray(obj)) return 'a';
  return 'o';
}

function blobOf(e: SavedEntry, blobs: Uint8Array[]): Uint8Array {
  const blob = blobs[e.blob!];
  if (!blob) throw new SnapshotError(`a missing blob ${e.blob}`);
  return blob;
}

function copyToBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}
