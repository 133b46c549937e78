import type { Process } from '../../kernel/proc/process';
import { QUANTUM_NS, Scheduler } from '../../kernel/sched/scheduler';
import { WaitQueue } from '../../kernel/sched/wait-queue';

/** The scheduler only needs a process's identity, state, queue and deadline. */
function fakeProcess(scheduler: Scheduler, pid: number): Process {
  const p = {
    pid,
    state: 'runnable',
    sleepingOn: null as WaitQueue | null,
    sleepDeadlineNs: null as number | null,
    wake() {
      p.sleepingOn = null;
      scheduler.wake(p as unknown as Process);
    },
  };
  return p as unknown as Process;
}

describe('round-robin scheduler', () => {
  test('processes take turns when their quantum is used up, not before', () => {
    const s = new Scheduler();
    const [a, b] = [fakeProcess(s, 1), fakeProcess(s, 2)];
    s.add(a);
    s.add(b);
    expect(s.pick(0)).toBe(a);
    s.tick(QUANTUM_NS / 2);
    expect(s.pick(QUANTUM_NS / 2)).toBe(a);
    s.tick(QUANTUM_NS);
    expect(s.pick(QUANTUM_NS)).toBe(b);
    s.tick(2 * QUANTUM_NS);
    expect(s.pick(2 * QUANTUM_NS)).toBe(a);
  });

  test('a sleeper leaves the run queue and comes back when its queue wakes it', () => {
    const s = new Scheduler();
    const [a, b] = [fakeProcess(s, 1), fakeProcess(s, 2)];
    s.add(a);
    s.add(b);
    expect(s.pick(0)).toBe(a);
    const q = new WaitQueue('input');
    s.sleep(a, q, null);
    expect(s.pick(1)).toBe(b);
    expect(s.pick(2)).toBe(b); // a is not runnable
    q.wakeAll();
    s.yield();
    expect(s.pick(3)).toBe(a);
  });

  test('a timed sleep ends at its deadline, which is the next alarm', () => {
    const s = new Scheduler();
    const a = fakeProcess(s, 1);
    s.add(a);
    s.pick(0);
    s.sleep(a, null, 5_000_000);
    expect(s.nextDeadlineNs()).toBe(5_000_000);
    expect(s.pick(1)).toBeNull(); // idle
    s.tick(4_999_999);
    expect(a.state).toBe('sleeping');
    s.tick(5_000_000);
    expect(a.state).toBe('runnable');
    expect(s.nextDeadlineNs()).toBe(Infinity);
    expect(s.pick(5_000_000)).toBe(a);
  });

  test('a removed process is never picked again', () => {
    const s = new Scheduler();
    const [a, b] = [fakeProcess(s, 1), fakeProcess(s, 2)];
    s.add(a);
    s.add(b);
    s.pick(0);
    a.state = 'zombie';
    s.remove(a);
    expect(s.pick(1)).toBe(b);
    expect(s.pick(QUANTUM_NS * 3)).toBe(b);
    expect(s.runnableCount).toBe(1);
  });
});
