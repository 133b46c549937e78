/** Futex queues: who a wake takes (bitsets, counts, arrival order), what a
 * requeue moves, and the mark the restarted FUTEX_WAIT reads. */
import { Futexes } from '../../kernel/proc/futexes';
import type { Process } from '../../kernel/proc/process';
import type { WaitQueue } from '../../kernel/sched/wait-queue';

interface FakeWaiter {
  name: string;
  futexBitset: number;
  futexWoken: boolean;
  sleepingOn: WaitQueue | null;
  woken: number;
  wake(): void;
}

function waiter(futexes: Futexes, key: string, name: string, bitset = 0xffff_ffff): FakeWaiter {
  const w: FakeWaiter = {
    name,
    futexBitset: bitset,
    futexWoken: false,
    sleepingOn: null,
    woken: 0,
    wake() {
      this.woken++;
      this.sleepingOn = null;
    },
  };
  const q = futexes.queue(key);
  q.add(w as unknown as Process);
  w.sleepingOn = q;
  return w;
}

describe('futex queues', () => {
  test('a wake takes the oldest waiters up to its count and marks them woken', () => {
    const f = new Futexes();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => waiter(f, 'k', n));
    expect(f.wake('k', 2)).toBe(2);
    expect([a, b, c].map((w) => [w.woken, w.futexWoken])).toEqual([[1, true], [1, true], [0, false]]);
    expect(f.wake('other', 5)).toBe(0);
    expect(f.wake('k', 5)).toBe(1);
    expect(f.keys).toBe(0); // an emptied queue is forgotten
  });

  test('WAKE_BITSET wakes only waiters whose bitset meets it', () => {
    const f = new Futexes();
    const low = waiter(f, 'k', 'low', 0b01);
    const high = waiter(f, 'k', 'high', 0b10);
    expect(f.wake('k', 10, 0b10)).toBe(1);
    expect([low.woken, high.woken]).toEqual([0, 1]);
  });

  test('a requeue wakes some and moves others to the second key, unwoken', () => {
    const f = new Futexes();
    const ws = ['a', 'b', 'c', 'd'].map((n) => waiter(f, 'cond', n));
    expect(f.requeue('cond', 'mutex', 1, 2)).toBe(3);
    expect(ws.map((w) => w.woken)).toEqual([1, 0, 0, 0]);
    expect(ws[1].sleepingOn).toBe(f.queue('mutex'));
    expect(ws[3].sleepingOn).not.toBe(f.queue('mutex'));
    expect(f.wake('mutex', 10)).toBe(2);
    expect(ws.map((w) => w.woken)).toEqual([1, 1, 1, 0]);
    expect(f.wake('cond', 10)).toBe(1);
  });
});
