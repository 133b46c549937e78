import { LatchedIrqLine } from '../../platform/irq';
import * as S from '../../platform/esp32c3/systimer';
import { testClock } from './helpers';

function setup() {
  const { clock, advanceNs } = testClock();
  const irqs = [new LatchedIrqLine(), new LatchedIrqLine(), new LatchedIrqLine()];
  const timer = new S.Systimer(clock, irqs);
  const w = (offset: number, value: number) => timer.write(offset, 4, value);
  const r = (offset: number) => timer.read(offset, 4);
  const readUnit0 = () => {
    w(S.SYSTIMER_UNIT0_OP, S.SYSTIMER_TIMER_UNIT_UPDATE);
    return r(S.SYSTIMER_UNIT0_VALUE_HI) * 2 ** 32 + r(S.SYSTIMER_UNIT0_VALUE_LO);
  };
  const enableAlarm = (n: number) => w(S.SYSTIMER_CONF, r(S.SYSTIMER_CONF) | S.targetWorkEnable(n));
  const setTarget = (n: number, ticks: number) => {
    w(S.SYSTIMER_TARGET0_HI + 8 * n, Math.floor(ticks / 2 ** 32));
    w(S.SYSTIMER_TARGET0_LO + 8 * n, ticks % 2 ** 32);
    w(S.SYSTIMER_TARGET0_CONF + 4 * n, 0);
    w(S.SYSTIMER_COMP0_LOAD + 4 * n, 1);
  };
  w(S.SYSTIMER_INT_ENA, 7);
  return { clock, advanceNs, timer, irqs, w, r, readUnit0, enableAlarm, setTarget };
}

describe('ESP32-C3 SYSTIMER', () => {
  test('unit 0 counts at 16 MHz through the UPDATE / VALUE_VALID handshake', () => {
    const { advanceNs, r, readUnit0 } = setup();
    const t0 = readUnit0();
    advanceNs(1_000_000);
    expect(readUnit0() - t0).toBe(16_000);
    expect(r(S.SYSTIMER_UNIT0_OP) & S.SYSTIMER_TIMER_UNIT_VALUE_VALID).toBeTruthy();
  });

  test('UNITn_LOAD sets the counter, including the 20 high bits', () => {
    const { w, readUnit0, advanceNs } = setup();
    w(S.SYSTIMER_UNIT0_LOAD_HI, 0x12345);
    w(S.SYSTIMER_UNIT0_LOAD_LO, 0xfffffff0);
    w(S.SYSTIMER_UNIT0_LOAD, 1);
    expect(readUnit0()).toBe(0x12345 * 2 ** 32 + 0xfffffff0);
    advanceNs(1000); // 16 ticks: carries into the high word
    expect(readUnit0()).toBe(0x12346 * 2 ** 32);
  });

  test('a one-shot alarm fires when the counter reaches the target, once', () => {
    const { advanceNs, irqs, r, w, readUnit0, setTarget, enableAlarm } = setup();
    setTarget(1, readUnit0() + 1600); // 100 us
    enableAlarm(1);
    advanceNs(99_000);
    expect(irqs[1].level).toBe(false);
    advanceNs(1_000);
    expect(irqs[1].level).toBe(true);
    expect(r(S.SYSTIMER_INT_RAW)).toBe(2);
    expect(r(S.SYSTIMER_INT_ST)).toBe(2);
    w(S.SYSTIMER_INT_CLR, 2);
    expect(irqs[1].level).toBe(false);
    advanceNs(1_000_000);
    expect(r(S.SYSTIMER_INT_RAW)).toBe(0);
  });

  test('a target already in the past fires at once', () => {
    const { advanceNs, irqs, readUnit0, setTarget, enableAlarm } = setup();
    advanceNs(5_000_000);
    enableAlarm(0);
    setTarget(0, readUnit0() - 100);
    expect(irqs[0].level).toBe(true);
  });

  test('an alarm waits for TARGETn_WORK_EN, then fires at once if passed', () => {
    const { advanceNs, irqs, readUnit0, setTarget, enableAlarm } = setup();
    setTarget(2, readUnit0() + 16);
    advanceNs(10_000);
    expect(irqs[2].level).toBe(false);
    enableAlarm(2);
    expect(irqs[2].level).toBe(true);
  });

  test('INT_ENA masks the level without losing INT_RAW', () => {
    const { irqs, w, r, readUnit0, setTarget, enableAlarm } = setup();
    w(S.SYSTIMER_INT_ENA, 0);
    enableAlarm(0);
    setTarget(0, readUnit0());
    expect(r(S.SYSTIMER_INT_RAW)).toBe(1);
    expect(irqs[0].level).toBe(false);
    w(S.SYSTIMER_INT_ENA, 1);
    expect(irqs[0].level).toBe(true);
  });

  test('period mode fires every PERIOD ticks from COMP_LOAD', () => {
    const { advanceNs, irqs, w, enableAlarm } = setup();
    const fired: number[] = [];
    let count = 0;
    enableAlarm(0);
    w(S.SYSTIMER_TARGET0_CONF, S.SYSTIMER_TARGET_PERIOD_MODE | 16_000); // 1 ms
    w(S.SYSTIMER_COMP0_LOAD, 1);
    for (let ms = 1; ms <= 5; ms++) {
      advanceNs(999_000);
      fired.push(irqs[0].level ? 1 : 0);
      advanceNs(1_000);
      if (irqs[0].level) count++;
      w(S.SYSTIMER_INT_CLR, 1);
    }
    expect(fired).toEqual([0, 0, 0, 0, 0]);
    expect(count).toBe(5);
  });

  test('alarms on a stalled unit wait; unit select picks unit 1', () => {
    const { advanceNs, irqs, w, r, enableAlarm } = setup();
    // Unit 1 is stopped after reset: an alarm on it never fires.
    w(S.SYSTIMER_TARGET1_HI, 0);
    w(S.SYSTIMER_TARGET1_LO, 160);
    w(S.SYSTIMER_TARGET1_CONF, S.SYSTIMER_TARGET_TIMER_UNIT_SEL);
    w(S.SYSTIMER_COMP1_LOAD, 1);
    enableAlarm(1);
    advanceNs(100_000);
    expect(irqs[1].level).toBe(false);
    w(S.SYSTIMER_CONF, r(S.SYSTIMER_CONF) | S.SYSTIMER_UNIT1_WORK_EN);
    advanceNs(9_900);
    expect(irqs[1].level).toBe(false);
    advanceNs(100);
    expect(irqs[1].level).toBe(true);
  });

  test('TARGET writes take effect only at COMPn_LOAD', () => {
    const { advanceNs, irqs, w, readUnit0, setTarget, enableAlarm } = setup();
    enableAlarm(0);
    setTarget(0, readUnit0() + 16_000);
    w(S.SYSTIMER_TARGET0_LO, 0); // not loaded: the 1 ms target stands
    advanceNs(500_000);
    expect(irqs[0].level).toBe(false);
    advanceNs(500_000);
    expect(irqs[0].level).toBe(true);
  });
});
