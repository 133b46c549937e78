import type { Cpu } from '../../../hal/cpu';
import { Clock } from '../../../platform/clock';
import { Machine } from '../../../platform/machine';

/** A core that retires what it is given until told to halt at a count. */
class FakeCore implements Cpu {
  readonly arch = 'riscv32' as const;
  retired = 0;
  halted = false;
  haltAt = Infinity;
  budgets: number[] = [];
  private stop = false;
  run(max: number): number {
    this.budgets.push(max);
    this.stop = false;
    const n = Math.max(0, Math.min(max, this.haltAt - this.retired));
    this.retired += n;
    if (this.retired >= this.haltAt) this.halted = true;
    return n;
  }
  requestStop(): void {
    this.stop = true;
  }
  setHostEntry(): void {}
  clearHostEntry(): void {}
}

describe('Machine loop', () => {
  test('the core runs exactly until the next event, which then fires', () => {
    const clock = new Clock(1e9);
    const core = new FakeCore();
    const machine = new Machine(clock, core);
    let fired = 0;
    clock.schedule(1000, () => fired++);
    expect(machine.step(1e6)).toBe('ran');
    expect(core.budgets).toEqual([1000]);
    expect(fired).toBe(1);
  });

  test('the per-turn cap bounds a slice when no event is near', () => {
    const clock = new Clock(1e9);
    const core = new FakeCore();
    const machine = new Machine(clock, core);
    machine.step(5000);
    expect(core.budgets).toEqual([5000]);
  });

  test('a halted core idles; the jump moves time to the next event', () => {
    const clock = new Clock(1e9);
    const core = new FakeCore();
    core.haltAt = 10;
    const machine = new Machine(clock, core);
    let firedAt = -1;
    clock.schedule(1_000_000, () => (firedAt = clock.nowNs()));
    expect(machine.step(1e9)).toBe('ran'); // 10 instructions, then hlt
    expect(machine.step(1e9)).toBe('idle');
    machine.jumpToNextEvent();
    expect(firedAt).toBe(1_000_000);
    expect(machine.step(1e9)).toBe('stopped'); // nothing left to wait for
  });

  test('with no core the machine only moves between events', () => {
    const clock = new Clock(1e9);
    const machine = new Machine(clock, null);
    expect(machine.step(1000)).toBe('stopped');
    clock.schedule(50, () => {});
    expect(machine.step(1000)).toBe('idle');
  });

  test('power-off stops the loop and keeps the status', () => {
    const clock = new Clock(1e9);
    const core = new FakeCore();
    const machine = new Machine(clock, core);
    machine.powerOff(3);
    expect(machine.step(100)).toBe('stopped');
    expect(machine.powerOffStatus).toBe(3);
  });
});

describe('Machine host work', () => {
  test('time stands still while host work is in flight; results arrive in hand-over order inside step()', async () => {
    const clock = new Clock(1e9);
    const core = new FakeCore();
    const machine = new Machine(clock, core);
    const got: string[] = [];
    let releaseFirst: (v: string) => void = () => {};
    machine.run(new Promise<string>((r) => (releaseFirst = r)), (v) => got.push(`first:${v}`));
    machine.run(Promise.resolve('b'), (v) => got.push(`second:${v}`));
    await Promise.resolve();
    expect(machine.step(1000)).toBe('host-work');
    expect(core.retired).toBe(0);
    expect(got).toEqual([]); // the second settled first, but waits its turn
    releaseFirst('a');
    await machine.hostWorkSettled();
    expect(machine.step(1000)).toBe('ran');
    expect(got).toEqual(['first:a', 'second:b']);
  });

  test('a rejected promise is delivered as an Error', async () => {
    const machine = new Machine(new Clock(1e9), null);
    let got: unknown = null;
    machine.run(Promise.reject('bad elf'), (r) => (got = r));
    await machine.hostWorkSettled();
    machine.step(10);
    expect(got).toBeInstanceOf(Error);
    expect((got as Error).message).toBe('bad elf');
  });
});
