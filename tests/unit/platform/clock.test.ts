import { Clock } from '../../../platform/clock';

describe('Clock', () => {
  test('time follows retired instructions at the nominal rate', () => {
    const clock = new Clock(160_000_000);
    const core = { retired: 0 };
    clock.attach(core);
    core.retired = 160;
    expect(clock.nowNs()).toBeCloseTo(1000);
  });

  test('events fire in time order, ties in scheduling order', () => {
    const clock = new Clock(1e9);
    const core = { retired: 0 };
    clock.attach(core);
    const fired: string[] = [];
    clock.schedule(300, () => fired.push('c'));
    clock.schedule(100, () => fired.push('a1'));
    clock.schedule(100, () => fired.push('a2'));
    clock.schedule(200, () => fired.push('b'));
    core.retired = 150;
    expect(clock.fireDue()).toBe(2);
    expect(fired).toEqual(['a1', 'a2']);
    core.retired = 1000;
    clock.fireDue();
    expect(fired).toEqual(['a1', 'a2', 'b', 'c']);
  });

  test('cancelled events never fire and do not count as next', () => {
    const clock = new Clock(1e9);
    const a = clock.schedule(50, () => {
      throw new Error('cancelled event fired');
    });
    clock.schedule(80, () => {});
    clock.cancel(a);
    expect(clock.nextEventNs()).toBe(80);
  });

  test('an idle jump moves time to the next event and never backwards', () => {
    const clock = new Clock(1e9);
    let fired = false;
    clock.schedule(5_000, () => (fired = true));
    clock.jumpTo(clock.nextEventNs());
    expect(clock.nowNs()).toBe(5_000);
    clock.fireDue();
    expect(fired).toBe(true);
    clock.jumpTo(10);
    expect(clock.nowNs()).toBe(5_000);
  });

  test('the instruction budget reaches exactly the next event', () => {
    const clock = new Clock(160_000_000); // 6.25 ns per instruction
    clock.attach({ retired: 0 });
    clock.schedule(100, () => {});
    expect(clock.instructionsUntilNextEvent()).toBe(16);
  });

  test('an event earlier than the current deadline asks the machine to cut the slice', () => {
    const clock = new Clock(1e9);
    let cuts = 0;
    clock.onEarlierEvent = () => cuts++;
    clock.schedule(1000, () => {});
    clock.instructionsUntilNextEvent();
    clock.schedule(2000, () => {});
    clock.schedule(500, () => {});
    expect(cuts).toBe(2); // the first (deadline was Infinity) and the 500 ns one
  });

  test('events scheduled in the past fire at once', () => {
    const clock = new Clock(1e9);
    const core = { retired: 1000 };
    clock.attach(core);
    const ev = clock.schedule(0, () => {});
    expect(ev.atNs).toBe(clock.nowNs());
  });
});
