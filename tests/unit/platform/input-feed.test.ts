/**
 * The input feed (platform/input-feed.ts): from a stream, one byte per
 * input point and only into FIFO room, a wait (not an absence) while the
 * writer may still write, the host's reading paused while much is queued;
 * from a terminal, everything that fits at every turn.
 */
import { SerialInputFeed } from '../../../platform/input-feed';
import type { SerialDevice } from '../../../platform/serial-wire';

function fifo(capacity: number) {
  const bytes: number[] = [];
  const uart: SerialDevice = {
    name: 'fake',
    attachHost: () => {},
    canReceive: () => bytes.length < capacity,
    receive: (b) => (bytes.length < capacity ? (bytes.push(b), true) : false),
  };
  return { uart, bytes };
}

describe('SerialInputFeed, stream policy', () => {
  test('one byte per input point, in order, only while the FIFO has room', () => {
    const { uart, bytes } = fifo(2);
    const feed = new SerialInputFeed(uart, 'stream');
    feed.push(Uint8Array.of(1, 2, 3));
    expect(feed.atTurn(0)).toBe(false); // a running machine gets nothing
    expect(feed.atInputPoint(10)).toBe('delivered');
    expect(bytes).toEqual([1]);
    expect(feed.atInputPoint(11)).toBe('delivered');
    expect(feed.atInputPoint(12)).toBe('nothing'); // FIFO full
    bytes.length = 0;
    expect(feed.atInputPoint(13)).toBe('delivered');
    expect(bytes).toEqual([3]);
  });

  test('an empty queue waits for the writer until it ends or is given up on', () => {
    const { uart } = fifo(16);
    const feed = new SerialInputFeed(uart, 'stream');
    expect(feed.atInputPoint(0)).toBe('wait');
    feed.patienceExpired();
    expect(feed.atInputPoint(0)).toBe('nothing');
    expect(feed.livePending).toBe(false);
    feed.push(Uint8Array.of(7)); // it writes again: waited for again after
    expect(feed.livePending).toBe(true); // and it ends an idle sleep, as typing
    expect(feed.atInputPoint(0)).toBe('delivered');
    expect(feed.atInputPoint(0)).toBe('wait');
    feed.end();
    expect(feed.atInputPoint(0)).toBe('nothing');
    expect(feed.finished).toBe(true);
  });

  test('a writer that never kept the host waiting never cuts an idle sleep short', () => {
    const { uart } = fifo(16);
    const feed = new SerialInputFeed(uart, 'stream');
    feed.push(Uint8Array.of(1));
    expect(feed.livePending).toBe(false);
  });

  test('records each delivery with its instruction count', () => {
    const { uart } = fifo(16);
    const feed = new SerialInputFeed(uart, 'stream');
    const log: [number, number][] = [];
    feed.onDeliver = (byte, at) => log.push([byte, at]);
    feed.push(Uint8Array.of(0x61, 0x62));
    feed.atInputPoint(100);
    feed.atInputPoint(250);
    expect(log).toEqual([[0x61, 100], [0x62, 250]]);
  });

  test('a source read on demand is never waited for', () => {
    const { uart, bytes } = fifo(16);
    const blocks = [Uint8Array.of(1, 2), Uint8Array.of(3)];
    const feed = new SerialInputFeed(uart, 'stream', null, () => blocks.shift() ?? null);
    for (let i = 0; i < 3; i++) expect(feed.atInputPoint(i)).toBe('delivered');
    expect(feed.atInputPoint(3)).toBe('nothing');
    expect(bytes).toEqual([1, 2, 3]);
  });

  test('pauses the host while 256 KiB are queued, resumes below 64 KiB', () => {
    const { uart, bytes } = fifo(Infinity);
    const events: string[] = [];
    const feed = new SerialInputFeed(uart, 'stream', { pause: () => events.push('pause'), resume: () => events.push('resume') });
    feed.push(new Uint8Array(300 * 1024));
    expect(events).toEqual(['pause']);
    while (feed.pending > 64 * 1024) feed.atInputPoint(0);
    expect(events).toEqual(['pause', 'resume']);
    expect(bytes.length).toBe(300 * 1024 - 64 * 1024);
  });
});

describe('SerialInputFeed, live policy', () => {
  test('everything that fits, at any turn', () => {
    const { uart, bytes } = fifo(3);
    const feed = new SerialInputFeed(uart, 'live');
    feed.push(Uint8Array.of(1, 2, 3, 4, 5));
    expect(feed.atTurn(0)).toBe(true);
    expect(bytes).toEqual([1, 2, 3]);
    expect(feed.atInputPoint(0)).toBe('nothing');
    bytes.length = 0;
    expect(feed.atInputPoint(0)).toBe('delivered');
    expect(bytes).toEqual([4, 5]);
    expect(feed.atInputPoint(0)).toBe('nothing'); // never a wait
  });
});
