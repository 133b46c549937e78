/**
 * A binary min-heap of timed device events, ordered by time and then by the
 * order they were scheduled in, so that equal times fire deterministically.
 */
export interface ClockEvent {
  readonly atNs: number;
  readonly seq: number;
  /** What happens: `target[method](...args)`, named data a snapshot saves
   * (Clock.scheduleCall), or a host callback (Clock.schedule), which it
   * cannot. */
  readonly target: object | null;
  readonly method: string;
  readonly args: readonly unknown[];
  readonly fire: (() => void) | null;
  /** Cleared by cancel(); a cancelled event stays in the heap until popped. */
  live: boolean;
}

export class EventQueue {
  private readonly heap: ClockEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(event: ClockEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** The earliest live event, dropping cancelled ones on the way. */
  peek(): ClockEvent | null {
    while (this.heap.length > 0 && !this.heap[0].live) this.pop();
    return this.heap.length > 0 ? this.heap[0] : null;
  }

  pop(): ClockEvent | null {
    const heap = this.heap;
    if (heap.length === 0) return null;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: ClockEvent, b: ClockEvent): boolean {
  return a.atNs < b.atNs || (a.atNs === b.atNs && a.seq < b.seq);
}
