/**
 * Futex wait queues (Linux's futex hash), keyed as Linux keys them: a
 * private futex by its address space and virtual address; a shared one
 * (in a MAP_SHARED area, without FUTEX_PRIVATE_FLAG) by the physical
 * address of the word, so processes mapping the same memory at different
 * addresses meet. A waiter sleeps on its key's queue and its system call
 * runs again when woken (the kernel's restart model): `futexWoken` tells
 * the restarted FUTEX_WAIT that a wake, not a signal or a timeout, ended
 * its sleep.
 */
import { WaitQueue } from '../sched/wait-queue';
import type { Process } from './process';

export type FutexKey = string;

export class Futexes {
  private readonly queues = new Map<FutexKey, WaitQueue>();

  /** The queue a waiter on `key` sleeps on (made on first use). */
  queue(key: FutexKey): WaitQueue {
    let q = this.queues.get(key);
    if (!q) {
      q = new WaitQueue(`futex ${key}`);
      this.queues.set(key, q);
    }
    return q;
  }

  /** Wakes up to `max` waiters on `key` whose bitset meets `bitset`. */
  wake(key: FutexKey, max: number, bitset = 0xffff_ffff): number {
    const q = this.queues.get(key);
    if (!q) return 0;
    const woken = q.take(max, (s) => ((s as Process).futexBitset & bitset) !== 0) as Process[];
    for (const t of woken) {
      t.futexWoken = true;
      t.wake();
    }
    this.forgetIfEmpty(key, q);
    return woken.length;
  }

  /** FUTEX_REQUEUE: wakes up to `wakeMax` waiters on `from`, moves up to
   * `moveMax` more to `to`'s queue; returns how many were woken plus moved. */
  requeue(from: FutexKey, to: FutexKey, wakeMax: number, moveMax: number): number {
    const woken = this.wake(from, wakeMax);
    const q = this.queues.get(from);
    if (!q || from === to) return woken;
    const moved = q.take(moveMax, () => true) as Process[];
    const target = this.queue(to);
    for (const t of moved) {
      target.add(t);
      t.sleepingOn = target;
    }
    this.forgetIfEmpty(from, q);
    return woken + moved.length;
  }

  get keys(): number {
    return this.queues.size;
  }

  private forgetIfEmpty(key: FutexKey, q: WaitQueue): void {
    if (q.length === 0) this.queues.delete(key);
  }
}
