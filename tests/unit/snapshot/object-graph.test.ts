/**
 * The snapshot serializer (host/snapshot/object-graph.ts): shared objects
 * and cycles, typed-array views on one buffer, Maps and Sets, the numbers
 * JSON lacks, boot objects restored in place (functions that closed over
 * them see the new state), objects made after boot recreated by class;
 * refusals name the path of what cannot be saved.
 */
import { BootIndex } from '../../../host/snapshot/boot-index';
import { restoreGraph, saveGraph } from '../../../host/snapshot/object-graph';
import { SnapshotError, SnapshotPolicy } from '../../../host/snapshot/policy';

class Counter {
  count = 0;
  items: Item[] = [];
  bump(): number {
    return ++this.count;
  }
}

class Item {
  constructor(
    public name: string,
    public owner: Counter | null,
  ) {}
}

class Cache {
  hits = 0;
  compiled: (() => void)[] = [];
}

function world() {
  const counter = new Counter();
  const buffer = new ArrayBuffer(16);
  const state = {
    counter,
    bytes: new Uint8Array(buffer),
    words: new Uint32Array(buffer, 4, 2),
    table: new Map<number, unknown>(),
    names: new Set<string>(),
    cache: new Cache(),
    read: () => counter.count, // a boot function closing over a boot object
  };
  return state;
}

function policy(): SnapshotPolicy {
  return new SnapshotPolicy().register(Counter, Item).rule(Cache, { transient: ['compiled'] });
}

function roundTrip(mutate: (s: ReturnType<typeof world>) => void) {
  const a = world();
  const p = policy();
  const bootA = BootIndex.build({ a }, p);
  mutate(a);
  const saved = saveGraph({ a }, bootA, p);
  const copy = JSON.parse(JSON.stringify(saved.graph));
  const b = world();
  const bootB = BootIndex.build({ a: b }, p);
  restoreGraph(copy, saved.blobs.map((x) => x.slice()), bootB, p);
  return { a, b };
}

test('shared objects, cycles, views, Maps, Sets and odd numbers survive', () => {
  const { b } = roundTrip((s) => {
    const item = new Item('one', s.counter);
    s.counter.items.push(item, item);
    s.counter.count = 7;
    s.bytes[0] = 0xaa;
    s.words[1] = 0xdeadbeef;
    s.table.set(1, item).set(2, { nan: NaN, negZero: -0, inf: -Infinity, big: 2n ** 70n, undef: undefined });
    s.names.add('x').add('y');
  });
  expect(b.counter.count).toBe(7);
  expect(b.counter.items).toHaveLength(2);
  expect(b.counter.items[0]).toBe(b.counter.items[1]); // still one object
  expect(b.counter.items[0]).toBeInstanceOf(Item);
  expect(b.counter.items[0].owner).toBe(b.counter); // the cycle, to the boot object
  expect(b.bytes[0]).toBe(0xaa);
  expect(b.words[1]).toBe(0xdeadbeef);
  expect(b.words.buffer).toBe(b.bytes.buffer); // views on one buffer
  expect(b.table.get(1)).toBe(b.counter.items[0]);
  const odd = b.table.get(2) as Record<string, unknown>;
  expect(Number.isNaN(odd.nan)).toBe(true);
  expect(Object.is(odd.negZero, -0)).toBe(true);
  expect(odd.inf).toBe(-Infinity);
  expect(odd.big).toBe(2n ** 70n);
  expect('undef' in odd && odd.undef === undefined).toBe(true);
  expect([...b.names]).toEqual(['x', 'y']);
});

test('boot objects are restored in place: functions made at boot see the restored state', () => {
  const { b } = roundTrip((s) => {
    s.counter.count = 41;
  });
  expect(b.read()).toBe(41);
  expect(b.counter.bump()).toBe(42);
});

test('transient fields keep the fresh value', () => {
  const a = world();
  const p = policy();
  const boot = BootIndex.build({ a }, p);
  a.cache.hits = 3;
  a.cache.compiled.push(() => {}); // a function made after boot, but transient
  const saved = saveGraph({ a }, boot, p);
  const b = world();
  restoreGraph(saved.graph, saved.blobs, BootIndex.build({ a: b }, p), p);
  expect(b.cache.hits).toBe(3);
  expect(b.cache.compiled).toEqual([]);
});

test.each([
  ['a closure made after boot', (s: ReturnType<typeof world>) => s.table.set(5, { onDone: () => 1 }), /cannot save a\.table<5>\.onDone: a function made after boot/],
  ['a promise', (s: ReturnType<typeof world>) => s.table.set(6, Promise.resolve()), /cannot save a\.table<6>: a promise/],
  ['a class it cannot name', (s: ReturnType<typeof world>) => s.names.add(new (class Unlisted {})() as never), /class Unlisted is not known to the snapshot registry/],
  ['an accessor on a new object', (s: ReturnType<typeof world>) => s.table.set(7, { get x() { return 1; } }), /cannot save a\.table<7>\.x: an accessor/],
])('refuses %s, naming the path', (_what, mutate, message) => {
  const a = world();
  const p = policy();
  const boot = BootIndex.build({ a }, p);
  mutate(a);
  expect(() => saveGraph({ a }, boot, p)).toThrow(SnapshotError);
  expect(() => saveGraph({ a }, boot, p)).toThrow(message);
});

test('a restore into another machine shape fails before writing anything', () => {
  const a = world();
  const p = policy();
  const saved = saveGraph({ a }, BootIndex.build({ a }, p), p);
  const b = world();
  (b as Record<string, unknown>).extra = { more: 1 };
  b.counter.count = 5;
  expect(() => restoreGraph(saved.graph, saved.blobs, BootIndex.build({ a: b }, p), p)).toThrow(/booted with \d+ objects, this one with \d+/);
  expect(b.counter.count).toBe(5);
});
